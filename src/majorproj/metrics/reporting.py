"""Who has reported for a month (报送情况), per county, from the month's progress file.

Each project of a county is one of:

- reported (已报送): it has an entry in progress/YYYY-MM.yaml;
- missing (未报送): it has none (a county with no entry at all sent nothing);
- zero by design: reported 0 while nothing is due yet (a project not under way by the
  month's end: not started, or preparatory; or one without an annual plan);
- zero: reported 0 although it is under way with an annual plan (to be checked);
- repeated: reported with the figure, 形象进度 and issues of the month before, word for
  word (an old sheet sent again), unless it is zero by design.

报送及时率 (timeliness) = reported ÷ projects. ``Ledger.entries_before`` gives what a
project reported last: the floor of this month's cumulative figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from majorproj.ledger.models import Entry, Ledger, Project
from majorproj.metrics.rates import timeliness_rate
from majorproj.metrics.status import is_under_way
from majorproj.periods import month_end


@dataclass(frozen=True)
class CountyReporting:
    """One county's reporting for the month: project ids in ledger order."""

    county: str
    projects: tuple[str, ...]
    reported: tuple[str, ...]
    missing: tuple[str, ...]
    zero_by_design: tuple[str, ...]
    zero: tuple[str, ...]
    repeated: tuple[str, ...]

    @property
    def sent_nothing(self) -> bool:
        return bool(self.projects) and not self.reported

    @property
    def timeliness(self) -> Decimal | None:
        """报送及时率: reported ÷ projects (None for a county without projects)."""
        return timeliness_rate(len(self.reported), len(self.projects))


@dataclass(frozen=True)
class Reporting:
    """Who reported for a month: whether its file exists, and each county's reporting."""

    year: int
    month: int
    has_file: bool  # progress/YYYY-MM.yaml exists
    counties: tuple[CountyReporting, ...]  # the config's counties that have projects
    names: dict[str, str]  # project id → name

    @property
    def silent(self) -> tuple[str, ...]:
        """The counties that sent nothing."""
        return tuple(c.county for c in self.counties if c.sent_nothing)

    @property
    def late(self) -> tuple[CountyReporting, ...]:
        """The counties with projects not reported."""
        return tuple(c for c in self.counties if c.missing)


def issues_before(ledger: Ledger, month: int) -> dict[str, Entry]:
    """Each project's latest entry before ``month``, for its issues: this year's, else, for
    a project not reported yet this year, its latest in last year's ledger (by id, as
    rollover keeps them); each with the 督办事项 earlier entries listed open that it leaves
    out (``Ledger.issues_before``): issues and 督办事项 run on until closed, across the
    year end."""
    found = ledger.issues_before(month)
    if ledger.previous is not None:
        for pid, entry in ledger.previous.issues_before().items():
            found.setdefault(pid, entry)
    return found


def reporting(ledger: Ledger, month: int) -> Reporting:
    """Who reported for ``month`` of the ledger's year, county by county."""
    year = ledger.config.year
    report = ledger.progress.get(month)
    entries = report.entries if report else {}
    before = ledger.progress.get(month - 1)
    as_of = month_end(year, month)
    by_county: dict[str, list[Project]] = {c: [] for c in ledger.config.counties}
    for project in ledger.projects:
        by_county.setdefault(project.county, []).append(project)
    counties = []
    for county, projects in by_county.items():
        if not projects:
            continue
        kinds: dict[str, list[str]] = {k: [] for k in
                                       ("reported", "missing", "zero_by_design", "zero",
                                        "repeated")}
        for project in projects:
            entry = entries.get(project.id)
            if entry is None:
                kinds["missing"].append(project.id)
                continue
            kinds["reported"].append(project.id)
            if entry.completed_ytd == 0:
                by_design = _nothing_due(project, as_of)
                kinds["zero_by_design" if by_design else "zero"].append(project.id)
                if by_design:
                    continue
            last = before.entries.get(project.id) if before else None
            if last is not None and _same(entry, last):
                kinds["repeated"].append(project.id)
        counties.append(CountyReporting(county, tuple(p.id for p in projects),
                                        **{k: tuple(v) for k, v in kinds.items()}))
    return Reporting(year, month, report is not None, tuple(counties),
                     {p.id: p.name for p in ledger.projects})


def _nothing_due(project: Project, as_of: date) -> bool:
    """No investment is expected yet: no annual plan (0, or 待定), or not under way by
    ``as_of``."""
    return not project.annual_plan or not is_under_way(project, as_of)  # 0, or 待定 (null)


def _same(entry: Entry, last: Entry) -> bool:
    """The same figure, 形象进度 and issue texts as the month before."""
    return (entry.completed_ytd == last.completed_ytd and entry.progress == last.progress
            and _texts(entry.issues) == _texts(last.issues))


def _texts(issues: Iterable) -> list[str]:
    return [i.text for i in issues]
