"""督办事项: the issues handed to a unit with a deadline, and which of them are overdue.

An issue is a 督办事项 when it has a deadline (完成时限) or a handling status (办理状态).
It is overdue (逾期) at the period's as-of date when its deadline is before that date
and it is not closed (已办结, or ``resolved``); its days overdue are as-of − deadline,
so the same ledger and period always give the same days, whatever today's date is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from majorproj.ledger.models import Issue, Project
from majorproj.metrics.figures import ProjectStatus

NO_UNIT = "未明确责任单位"


@dataclass(frozen=True)
class Supervised:
    """One 督办事项 as of the period: its project, the issue and its days overdue."""

    project: Project
    issue: Issue
    days_overdue: int | None  # None: not overdue (no deadline, not past it, or closed)

    @property
    def unit(self) -> str:
        return self.issue.unit or NO_UNIT


def status_name(issue: Issue) -> str:
    """办理状态 in words: 已办结 when closed, 待办理 when none is given."""
    from majorproj.ledger import vocab

    if issue.closed:
        return vocab.ISSUE_STATUSES["done"]
    return vocab.ISSUE_STATUSES[issue.status or "pending"]


def supervised_issues(statuses: Iterable[ProjectStatus], as_of: date) -> tuple[Supervised, ...]:
    """Every 督办事项 of the entries that count, in ledger order."""
    return tuple(Supervised(s.project, issue, days_overdue(issue, as_of))
                 for s in statuses for issue in s.supervised)


def days_overdue(issue: Issue, as_of: date) -> int | None:
    """Days past the deadline at ``as_of``; None when the issue is not overdue."""
    if issue.deadline is None or issue.closed or issue.deadline >= as_of:
        return None
    return (as_of - issue.deadline).days


@dataclass(frozen=True)
class Overdue:
    """An overdue 督办事项: its project and issue, the deadline passed and the days since."""

    project: Project
    issue: Issue
    deadline: date
    days: int


def overdue_by_unit(items: Iterable[Supervised]) -> dict[str, tuple[Overdue, ...]]:
    """The overdue items per responsible unit (units by most items, then by their longest
    overdue, then first met), the longest overdue first within a unit."""
    units: dict[str, list[Overdue]] = {}
    for item in items:
        if item.days_overdue is not None and item.issue.deadline is not None:
            units.setdefault(item.unit, []).append(
                Overdue(item.project, item.issue, item.issue.deadline, item.days_overdue))
    ordered = sorted(units.items(), key=lambda kv: (-len(kv[1]), -max(i.days for i in kv[1])))
    return {unit: tuple(sorted(found, key=lambda i: -i.days)) for unit, found in ordered}
