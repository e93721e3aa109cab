"""Comparing a county's rank with the ledger's: 东湖区投资完成率77.6%，居全市第3位.

A rank (居, 位居, 位列, 排名, 排 or 列 … 第N位 / 第N名 / 第N, N in digits or 一 to 二十; 首位,
the first; 末位, 最末: the last; 倒数第N: counted from the last)
belongs to the one county its clause names before it, and ranks it by the metric the
clause names last before it, with nothing but its figure between (完成投资19亿元，居全市第3
位): 投资完成率 (完成率, 占年度计划, 完成年度计划) or 完成投资, among the
counties with projects, the highest first, equal rates ranked by the amount done (as
the ledger's ranking is); equal figures share a rank (1, 2, 2, 4), as the ranking of the
report has them. A clause naming two counties or none, a rank in
全省 or among some of the counties (…中排名第2), or by anything else (综合得分, 开工率,
增速, 数量, 当月完成…, 综合考评) is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.audit.claim import Claim
from majorproj.audit.numbers import boundary_before, normalise, small_number

if TYPE_CHECKING:
    from majorproj.metrics import Figures, Summary

_RANK = re.compile(r"(?:位居|位列|居于?|排名|排在|排|列)"
                   r"(?P<where>全市|全市各县（市、区）|各县（市、区）)?"
                   r"(?:第(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<unit>位|名)?"
                   r"|(?P<first>首位)|(?P<last>末位|最末)"
                   r"|倒数第(?P<back>\d{1,2}|[一二三四五六七八九十]{1,3})(?P<back_unit>位|名)?)")
# the metric ranked: the last named before the rank in its clause
# (its words, what finds them, the key ranked by): the rate's ties go to the amount done,
# as the ledger's ranking (domain.md) breaks them, so the rank the report prints is the one
_BY = (("投资完成率", re.compile(r"投资完成率|完成率|占年度(?:投资)?计划|完成年度(?:投资)?计划"),
        lambda f: None if f.completion_rate is None else (f.completion_rate, f.completed_ytd)),
       ("完成投资", re.compile(r"完成(?:固定资产)?投资(?!率)"), lambda f: (f.completed_ytd,)))
_OTHER = re.compile(r"全省|全国|得分|开工率|履约率|中排名|之中|增速|增幅|增长|数量|个数"
                    r"|考评|考核|综合|当月|本月|\d{1,2}月份")
# what may stand between the metric and its rank: the metric's figure, and its 总量
# (完成投资19亿元，居全市第3位); anything more (同比增长24.5%，…) and the rank may be by that
_GOVERNS = re.compile(r"\s*的?\s*(?:为|达到?)?\s*(?:\d[\d.,]*\s*(?:万亿元|亿元|万元|%))?"
                      r"\s*[，,]?\s*(?:总量|总额|规模)?\s*")


def compare_ranks(passage: str, summary: Summary) -> list[Claim]:
    """The ranks of ``passage`` that name a county and a metric, judged against the ledger."""
    text = normalise(passage)
    counties = [c for c in summary.groups["county"] if c]
    found = []
    for match in _RANK.finditer(text):
        clause_start = boundary_before(text, match.start(), "。；;！？!?")
        clause = text[clause_start:match.start()]
        if _OTHER.search(text, clause_start, match.end()):
            continue
        named = {c for c in counties if c in clause}
        by = max(((m.end(), words, key) for words, pattern, key in _BY
                  for m in pattern.finditer(clause)), default=None)
        if len(named) != 1 or by is None or not _GOVERNS.fullmatch(clause, by[0]):
            continue
        county, (_, words, key) = named.pop(), by
        ranked = _ranks(summary, key)
        rank = ranked.get(county)
        last = max(ranked.values(), default=None)
        if rank is None:
            continue
        said_as = next(g for g in ("back", "first", "last", "n") if match[g])
        at = match.start(said_as) - {"back": 3, "n": 1}.get(said_as, 0)  # at 倒数第, 第
        if said_as == "back":  # 倒数第二: its place counted from the last, ties sharing it
            said = small_number(match["back"])
            rank = _ranks(summary, key, from_the_last=True)[county]
            shown = f"倒数第{rank}{match['back_unit'] or ''}"
        else:
            said = {"last": last, "first": 1}.get(said_as) or small_number(match["n"])
            word = match["last"] or match["first"]
            shown = (word if word and said == rank
                     else f"第{rank}" + (match["unit"] or ("位" if word else "")))
        if said is None:
            continue
        printed = text[at:match.end()]
        found.append(Claim("ledger", at, printed, f"{words}{printed}", said == rank, shown,
                           f"the ledger's rank of {county} by {words} among {len(ranked)} "
                           f"counties for {summary.period.shown}"))
    return found


def _ranks(summary: Summary, key: Callable[[Figures], tuple[Decimal, ...] | None],
           from_the_last: bool = False) -> dict[str, int]:
    """Each county with projects and a figure by ``key``: its rank, highest first (or
    ``from_the_last``, lowest first), equal figures sharing one."""
    values = {c: v for c, f in summary.groups["county"].items()
              if c and f.projects and (v := key(f)) is not None}
    return {c: 1 + sum(1 for other in values.values()
                       if (other < v if from_the_last else other > v))
            for c, v in values.items()}
