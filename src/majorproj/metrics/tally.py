"""Figures of a group, accumulated project by project (one pass, no re-filtering).

A ``Tally`` holds exact sums and counts; ``figures()`` turns them into ``Figures``,
dividing once per rate. Every dictionary has every key of its vocabulary, zeros
included, so that tables and JSON keep one shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from majorproj.ledger import vocab
from majorproj.metrics.figures import BatchCount, Figures, ProjectStatus, Starts
from majorproj.metrics.lights import GREEN, RED, YELLOW
from majorproj.metrics.rates import (
    completion_rate,
    fulfilment_rate,
    month_progress,
    schedule_gap_pp,
    start_rate,
)

ZERO = Decimal(0)


class Tally:
    """Running sums of one group's figures."""

    def __init__(self) -> None:
        self.projects = 0
        self.reported = 0
        self.total_investment = ZERO
        self.annual_plan = ZERO
        self.completed_ytd = ZERO
        self.this_month = ZERO
        self.planned = 0
        self.started = 0
        self.members = dict.fromkeys(vocab.BATCHES, 0)
        self.achieved = dict.fromkeys(vocab.BATCHES, 0)
        self.completed = 0
        self.procedures = {p: dict.fromkeys(vocab.PROCEDURE_STATUSES, 0)
                           for p in vocab.PROCEDURES}
        self.funding = dict.fromkeys(vocab.FUNDING_SOURCES, ZERO)
        self.funding_total = ZERO
        self.issues = dict.fromkeys(vocab.ISSUE_CATEGORIES, 0)
        self.issue_projects = dict.fromkeys(vocab.ISSUE_CATEGORIES, 0)
        self.lights = dict.fromkeys((RED, YELLOW, GREEN), 0)

    def add(self, status: ProjectStatus) -> None:
        project = status.project
        self.projects += 1
        self.reported += status.reported
        self.total_investment += project.total_investment
        self.annual_plan += project.annual_plan or ZERO  # 0 while it is 待定 (null)
        self.completed_ytd += status.completed_ytd
        self.this_month += status.this_month
        if project.nature == "new":
            self.planned += 1
            self.started += status.under_way
        for batch in project.batches or ():
            self.members[batch] += 1
        for batch in status.achieved:
            self.achieved[batch] += 1
        self.completed += status.completed
        if not status.under_way:
            for procedure, state in status.procedures.items():
                self.procedures[procedure][state] += 1
        for source, amount in status.funding.items():
            self.funding[source] += amount
        self.funding_total += status.funding_total
        if status.issues:
            for issue in status.issues:
                self.issues[issue.category] += 1
            for category in {issue.category for issue in status.issues}:
                self.issue_projects[category] += 1
        if status.light is not None:
            self.lights[status.light] += 1

    def merge(self, other: Tally) -> None:
        """Add the sums and counts of ``other`` (a tally of other projects) to these."""
        for name, theirs in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, dict):
                _merge_into(mine, theirs)
            else:
                setattr(self, name, mine + theirs)

    def figures(self, month: int, target: Decimal | None = None) -> Figures:
        """The group's figures as of month ``month`` (序时进度 = month / 12); ``target``: the
        cumulative investment set for month ``month`` (None: annual_plan × month / 12)."""
        completed, plan = self.completed_ytd, self.annual_plan
        return Figures(
            projects=self.projects,
            total_investment=self.total_investment,
            annual_plan=plan,
            completed_ytd=completed,
            this_month=self.this_month,
            completion_rate=completion_rate(completed, plan),
            schedule_gap_pp=schedule_gap_pp(completed, plan, month),
            fulfilment_rate=fulfilment_rate(completed, plan, month, target),
            target=plan * month / 12 if target is None else target,
            starts=Starts(self.planned, self.started, start_rate(self.started, self.planned)),
            batches={b: BatchCount(self.members[b], self.achieved[b]) for b in vocab.BATCHES},
            completed=self.completed,
            procedures={p: dict(states) for p, states in self.procedures.items()},
            funding=dict(self.funding),
            issues=dict(self.issues),
            issue_projects=dict(self.issue_projects),
            lights=dict(self.lights),
            month_progress=month_progress(self.this_month, plan),
            reported=self.reported,
            funding_total=self.funding_total,
        )


def _merge_into(mine: dict, theirs: dict) -> None:
    for key, value in theirs.items():
        if isinstance(value, dict):  # a procedure's counts by state
            _merge_into(mine[key], value)
        else:
            mine[key] += value


def figures_of(statuses: Iterable[ProjectStatus], month: int) -> Figures:
    """The figures of any set of projects (计划新开工, 续建 …) as of month ``month``."""
    tally = Tally()
    for status in statuses:
        tally.add(status)
    return tally.figures(month)
