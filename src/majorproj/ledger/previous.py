"""Last year's ledger: finding it (``previous:`` or ``--previous``), refusing a wrong one,
and what this year's projects must carry over from it.

A previous ledger that is missing, of the same or another year than last year, or of
another city, cannot be compared with: a usage error (exit 2) that names it. One with
errors is refused like any unsound ledger (exit 1). Its own ``previous:`` is not
followed: a comparison needs one year back, not the whole chain.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple, TypeVar

from majorproj.ledger.models import Config, Ledger, Project

T = TypeVar("T")


class PreviousError(Exception):
    """A previous ledger that cannot be used; ``code`` is the exit code (2 usage, 1 errors)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class Carried(NamedTuple):
    """What last year's ledger says a project had completed by the end of the year."""

    completed_before: Decimal
    completed_ytd: Decimal  # its latest 1-N月 cumulative of last year
    month: str | None  # the month of that cumulative (None: it never reported)

    @property
    def total(self) -> Decimal:
        return self.completed_before + self.completed_ytd


def previous_path(root: Path, config: Config, override: Path | None) -> Path | None:
    """Where last year's ledger is: ``override`` (--previous), else ``previous:`` relative
    to the ledger's folder; None when neither is given."""
    if override is not None:
        return override
    if config.previous is None:
        return None
    return root / config.previous


def load_previous(root: Path, config: Config, override: Path | None = None) -> Ledger | None:
    """Last year's sound ledger, or None when none is named; raises ``PreviousError``."""
    from majorproj.ledger.layout import CONFIG_FILE
    from majorproj.ledger.load import load_ledger

    path = previous_path(root, config, override)
    if path is None:
        return None
    named = ("given" if override is not None
             else f"previous: {config.previous} in {os.path.join(root, CONFIG_FILE)}")
    if not (path / CONFIG_FILE).is_file():
        without = "leave out --previous" if override is not None else "remove previous:"
        raise PreviousError(f"last year's ledger {path} ({named}) is missing: no {CONFIG_FILE} "
                            f"there; correct the path, or {without} to go without 同比")
    result = load_ledger(path, follow_previous=False)
    if result.ledger is not None:
        _same_city_last_year(result.ledger.config, config, f"{path} ({named})")
    if result.ledger is None or result.errors:
        errors = f"{result.errors} error{'s' * (result.errors != 1)}"
        raise PreviousError(f"last year's ledger {path} ({named}) has {errors}; "
                            f"fix them first (majorproj check {path})", 1)
    return result.ledger


def _same_city_last_year(last: Config, config: Config, path: str) -> None:
    """Refuse a ledger of another year than the one before, or of another city."""
    if last.year != config.year - 1:
        same = ", the same year as this ledger" if last.year == config.year else ""
        raise PreviousError(f"last year's ledger {path} is of {last.year}{same}; "
                            f"a ledger of {config.year} compares with one of {config.year - 1}")
    if last.city != config.city:
        raise PreviousError(f"last year's ledger {path} is of {last.city}, not "
                            f"{config.city}; name {config.city}'s ledger of {config.year - 1}")


def carried(previous: Ledger) -> tuple[dict[str, Carried], dict[str, Carried]]:
    """Each project of last year by id and by code: its completed_before and its latest
    cumulative of the year (December's when it reported then)."""
    latest: dict[str, tuple[Decimal, str | None]] = {}
    for month in sorted(previous.progress, reverse=True):
        report = previous.progress[month]
        for pid, entry in report.entries.items():
            latest.setdefault(pid, (entry.completed_ytd, report.month))
    by_id: dict[str, Carried] = {}
    by_code: dict[str, Carried] = {}
    for project in previous.projects:
        ytd, when = latest.get(project.id, (Decimal(0), None))
        amounts = Carried(project.completed_before, ytd, when)
        by_id[project.id] = amounts
        if project.code:
            by_code[project.code] = amounts
    return by_id, by_code


def matched(project: Project, by_id: dict[str, T], by_code: dict[str, T]) -> T | None:
    """Last year's value of ``project``: matched by id, else by code; None when unmatched."""
    found = by_id.get(project.id)
    if found is None and project.code:
        found = by_code.get(project.code)
    return found
