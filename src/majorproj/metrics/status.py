"""One project as of a period: which monthly entry counts, and what follows from it.

The report that counts is the latest progress file at or before month N. A project
without an entry in it carries its latest earlier entry forward and is not reported
(未报送); a project with no entry at all counts 0 and is not reported either.
本月完成 = the cumulative that counts − the cumulative of the project's latest report
before month N (0 when there is none), so a project that did not report adds 0.

到位资金 and 前期手续 at month N are the project's record overlaid, source by source and
procedure by procedure, with the latest entries up to month N that carry them
(``dated_state``); a value the entries never gave stays the record's, undated.

A 督办事项 (an issue with a deadline or a status) is carried until closed (销号): one that
an earlier entry listed open and the entry that counts leaves out is still among the
project's ``supervised`` and its open ``issues`` (the import keeps them so; a
hand-written month may not).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from majorproj.ledger import vocab
from majorproj.ledger.models import (
    Entry,
    Issue,
    Progress,
    Project,
    Thresholds,
    carried_supervision,
    dated_state,
    secured_total,
)
from majorproj.metrics.figures import ProjectStatus
from majorproj.metrics.lights import is_overdue, light_of
from majorproj.metrics.rates import completion_rate, month_progress, schedule_gap_pp
from majorproj.periods import Period

ZERO = Decimal(0)
NO_BATCHES: frozenset[str] = frozenset()


class Entries:
    """The entries of the monthly reports at or before month N, by project: what
    ``project_status`` reads of them.

    Gathered report by report, each report's entries in their order: one report's entries
    lie together in memory, and reading them so is several times faster than looking each
    project up in every report (0.3 s at 10,000 projects and 12 reports).
    """

    def __init__(self, reports: Sequence[Progress],
                 before: Mapping[str, Entry] | None = None) -> None:
        """``reports``: newest first; ``before``: last year's entries (``Ledger.issues_before``
        of its ledger), whose open 督办事项 run on into this year."""
        self._before = before or {}
        self._newest = reports[0].entries if reports else {}
        self._latest: dict[str, list[Entry]] = {}  # a project's two newest entries
        self.dated: dict[str, list[Entry]] = {}  # its entries naming funds or procedures
        self._supervising: dict[str, list[Entry]] = {}  # its entries listing a 督办事项
        for report in reports:
            for pid, entry in report.entries.items():
                latest = self._latest.get(pid)
                if latest is None:
                    self._latest[pid] = [entry]
                elif len(latest) == 1:
                    latest.append(entry)
                if (entry.funding or entry.procedures  # most name none of them
                        or entry.funding_secured is not None):
                    self.dated.setdefault(pid, []).append(entry)
                for issue in entry.issues:  # few have issues, fewer 督办事项
                    if issue.deadline is not None or issue.status is not None:
                        self._supervising.setdefault(pid, []).append(entry)
                        break

    def carried(self, pid: str) -> tuple[Issue, ...]:
        """The 督办事项 that the project's earlier entries, then last year's ledger
        (``before``), listed open and the entry that counts leaves out: carried until
        closed (销号), as the import keeps them (``models.carried_supervision``)."""
        earlier, before = self._supervising.get(pid), self._before.get(pid)
        if not (earlier or before):
            return ()
        latest = self._latest.get(pid)
        counts = latest[0] if latest else None
        return carried_supervision(counts, (e for e in earlier or () if e is not counts),
                                   before.issues if before is not None else ())

    def of(self, pid: str) -> tuple[Entry | None, Entry | None, bool]:
        """(entry that counts, the cumulative's baseline entry, reported in the newest
        report). For a project that did not report, the baseline is the carried entry
        itself (本月 0)."""
        latest = self._latest.get(pid)
        if latest is None:
            return None, None, False
        if pid not in self._newest:
            return latest[0], latest[0], False
        return latest[0], latest[1] if len(latest) > 1 else None, True


def is_under_way(project: Project, as_of: date) -> bool:
    """在建: started by ``as_of`` (continuing projects always)."""
    started = project.milestones.started
    return project.nature == "continuing" or (started is not None and started <= as_of)


def project_status(project: Project, entries: Entries, period: Period,
                   thresholds: Thresholds) -> ProjectStatus:
    """The status of ``project`` as of ``period`` from the reports' ``entries``."""
    entry, before, reported = entries.of(project.id)
    completed = entry.completed_ytd if entry else ZERO
    this_month = completed - (before.completed_ytd if before else ZERO)
    as_of = period.as_of
    milestones = project.milestones
    under_way = is_under_way(project, as_of)
    overdue = is_overdue(project, under_way, period)
    light, reason = light_of(project, completed, under_way, overdue, period, thresholds)
    achieved = frozenset(
        batch for batch in project.batches
        if (day := getattr(milestones, vocab.BATCH_MILESTONES[batch])) is not None
        and day <= as_of) if project.batches else NO_BATCHES
    plan = project.annual_plan or ZERO  # 0 while it is 待定 (null)
    dated = entries.dated.get(project.id, ())
    funding, procedures, undated = dated_state(project, dated)
    carried = entries.carried(project.id)
    listed = entry.issues if entry else ()
    # a 督办事项 carried until closed is one of the project's open issues too: one answer,
    # in the counts, the fill-in sheet and the 督办 list, to which are open
    issues, supervised = ((*(i for i in listed if not i.closed), *carried),
                          (*(i for i in listed if i.supervised), *carried)
                          ) if listed or carried else ((), ())
    return ProjectStatus(
        project=project,
        completed_ytd=completed,
        this_month=this_month,
        reported=reported,
        progress=entry.progress if entry else None,
        issues=issues,
        supervised=supervised,
        completion_rate=completion_rate(completed, plan),
        month_progress=month_progress(this_month, plan),
        schedule_gap_pp=(reason.gap_pp if reason.kind == "gap"  # the light's, worked out once
                         else schedule_gap_pp(completed, plan, period.month)),
        under_way=under_way,
        overdue=overdue,
        light=light,
        reason=reason,
        achieved=achieved,
        completed=milestones.completed is not None and milestones.completed <= as_of,
        funding=funding,
        funding_total=secured_total(funding, dated),
        procedures=procedures,
        undated=undated,
        carried=entry is not None and not reported,
    )
