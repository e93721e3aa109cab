"""Comparing a named project's figures with the ledger's: 南岭县城区排水防涝设施灾后重建工程
（南岭县）：落后序时进度44.2个百分点, 临江港江口港区通用码头工程完成投资1.2亿元，投资完成率35.0%.

A figure is the project's when the last name before it in its sentence is one of the
ledger's projects (with or without its 项目 or 工程), and between that name (and the
brackets after it: （南岭县）) and the figure the words name no set (全市, a county, …), no
part or sum (其中, 共, 合计), no other project joined to it (、, 和, 分别), and do not end a
list or a bracket it stood in (…北川县中药材产业园项目等6个）；完成投资133.7亿元) or start
another clause (；). Its metric is one a project has: 总投资, 年度计划投资, 完成投资,
当月完成投资, 投资完成率, 当月进度, 超/落后序时进度, 同比 of the amount done, 到位资金. It
holds when the project's exact figure rounds to it, as a set's does (``ledger``).

Not compared: a name two projects of the ledger share, a figure of last year, of a target
or of other months, a count, and a figure already judged.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from majorproj.audit import ledger
from majorproj.audit.claim import Claim
from majorproj.audit.numbers import figures, normalise, sentence_start

if TYPE_CHECKING:
    from collections.abc import Collection
    from decimal import Decimal

    from majorproj.metrics import Figures, LastYear, ProjectStatus, Summary

# the metrics (by the words ``ledger.metric_of`` gives them) that a project has
OF_A_PROJECT = frozenset({"总投资", "年度计划投资", "完成投资", "当月完成投资", "投资完成率",
                          "当月进度", "超序时进度", "落后序时进度", "同比增长", "同比增加",
                          "同比下降", "同比减少", "到位资金"})
_BRACKETS = re.compile(r"\s*[（(][^（()）]{0,20}[）)]")  # （南岭县） after the name
# between the name and the figure: parts, sums, other projects joined, a list it ends
# (…北川县中药材产业园项目等6个）), a bracket it stood in, another clause (；)
_NOT_ITS_OWN = re.compile(r"其中|共|合计|总计|分别|等|[、和与及；;）)]")


class _Own:
    """A project's figures under the names a set's have (``metrics.Figures``)."""

    def __init__(self, status: ProjectStatus) -> None:
        self.total_investment: Decimal = status.project.total_investment
        self.annual_plan: Decimal | None = status.project.annual_plan
        self.completed_ytd: Decimal = status.completed_ytd
        self.this_month: Decimal = status.this_month
        self.completion_rate: Decimal | None = status.completion_rate
        self.schedule_gap_pp: Decimal | None = status.schedule_gap_pp
        self.month_progress: Decimal | None = status.month_progress
        self.last_year: LastYear | None = status.last_year
        self.funding_total: Decimal = status.funding_total


def compare_projects(passage: str, summary: Summary, judged_at: Collection[int] = ()
                     ) -> list[Claim]:
    """The figures of ``passage`` that are a named project's, judged against its own in
    ``summary``; those at an offset in ``judged_at`` are left to whoever judged them."""
    text = normalise(passage)
    if ledger.passed_over(text, summary):
        return []
    found = figures(text)
    claims = []
    for i, fig in enumerate(found):
        if fig.start in judged_at or fig.value is None or fig.approx \
                or fig.family not in ("money", "percent", "points"):
            continue
        sentence = sentence_start(text, fig.start)
        named = ledger.project_named(text[sentence:fig.start], summary)
        if named is None or len(named[2]) != 1:
            continue  # no project, or a name two of them share
        between = _BRACKETS.sub("", text[sentence + named[1]:fig.start], count=1)
        before = text[sentence:fig.start]
        if _NOT_ITS_OWN.search(between) or ledger.names_a_set(between, summary) \
                or ledger.of_another_year(before, summary.year) or ledger.aimed_or_apart(before):
            continue
        metric = ledger.metric_of(text, found, i, summary)
        if metric is None or len(metric) == 3 or metric[0] not in OF_A_PROJECT:
            continue
        status = named[2][0]
        own = cast("Figures", _Own(status))  # read by the names a set's figures have
        claim = ledger.set_judged(fig, metric[0], metric[1], own, status.project.name, summary)
        if claim is not None:
            claims.append(claim)
    return claims
