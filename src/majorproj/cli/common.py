"""What every command shares: finding the ledger, loading it, and failing politely."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from majorproj.ledger.load import LoadResult
    from majorproj.ledger.problems import Problem
    from majorproj.ledger.models import Ledger
    from majorproj.periods import Period

LedgerOption = Annotated[
    Path | None,
    typer.Option("--ledger", "-l", help="Ledger directory (default: $MAJORPROJ_LEDGER, "
                 "else the current directory).", show_default=False),
]


def choices(name: str, formats: Iterable[str]) -> type[StrEnum]:
    """The ``--format`` choices of a command, from its table in ``render.formats``."""
    return StrEnum(name, [(f, f) for f in formats])


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` to standard error and exit with ``code`` (2: usage error)."""
    sys.stderr.write(f"majorproj: {message}\n")
    raise typer.Exit(code)


def load(path: Path | None) -> LoadResult:
    """Load the ledger at ``path`` (or the default place); exit 2 when there is none."""
    from majorproj.ledger.collector import collector_paused
    from majorproj.ledger.load import LedgerNotFound, find_ledger, load_ledger

    try:
        root = find_ledger(path)
    except LedgerNotFound as exc:
        fail(str(exc))
    with collector_paused(freeze=True):  # the ledger lives until exit
        result = load_ledger(root)
    if root != Path("."):  # show paths as the user can open them from here
        result.problems[:] = [replace(p, file=os.path.join(root, p.file))
                              for p in result.problems]
    return result


def sound_ledger(path: Path | None, warn: bool = False) -> Ledger:
    """A ledger without errors, or exit 1 after printing its errors to standard error.

    With ``warn``, say on standard error how many warnings it has and the worst three, so
    that figures printed from a doubtful ledger never come without a word.
    """
    from majorproj.render.problems import as_text

    result = load(path)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.ledger is None:
        sys.stderr.write(as_text(errors))
        fail("the ledger has errors; fix them first (see `majorproj check`)", 1)
    if warn:
        _warn(result.problems)
    return result.ledger


def _warn(problems: list[Problem]) -> None:
    from majorproj.ledger.problems import worst_warnings
    from majorproj.render.problems import problem_line

    total = sum(1 for p in problems if p.severity == "warning")
    if not total:
        return
    worst = worst_warnings(problems)
    lead = "the worst three" if total > len(worst) else "they are"
    sys.stderr.write(f"majorproj: the ledger has {total} warning{'s' * (total != 1)} "
                     f"(`majorproj check` lists them all); {lead}:\n")
    for problem in worst:
        sys.stderr.write(f"  {problem_line(problem)}\n")


def period_of(text: str, ledger: Ledger) -> Period:
    """The period ``text`` names within the ledger's year, or exit 2 saying the forms."""
    from majorproj.periods import PeriodError, parse_period

    try:
        return parse_period(text, ledger.config.year)
    except PeriodError as exc:
        fail(f"--period: {exc}")


def note_period(period: Period, report_month: int | None) -> None:
    """Say on standard error when the figures are not those of the period's own month."""
    if report_month is None:
        typer.echo(f"note: the ledger has no progress report up to month {period.month}; "
                   "completed investment counts as 0", err=True)
    elif period.is_cut:
        typer.echo(f"note: there is no progress report for month {period.asked_month}; the "
                   f"period was cut to month {report_month}: figures, labels "
                   f"({period.chinese}), time progress and lights are those of month "
                   f"{report_month}", err=True)
