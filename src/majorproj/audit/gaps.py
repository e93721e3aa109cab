"""Gaps in points against time progress (序时进度, 时间进度, 时序进度, 均衡进度).

``1-10月…占年度计划的97.2%，超过时间进度13.8个百分点``: the completion rate just before
the gap, less N/12 of the year, N from the months the passage names before it (1-N月,
前N月, 截至N月底, 一季度, 上半年, 前三季度, 全年) or the time progress it states
(时间进度为58.3%). Ahead (超, 快, 高, 领先) or behind (落后, 低, 慢, 滞后) as said.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from majorproj.audit.interval import Interval
from majorproj.audit.numbers import COMPARED, clause_start, closed_brackets_around, small_number
from majorproj.audit.passage import HUNDRED, Passage


def find_gaps(p: Passage) -> None:
    for i, fig in p.unjudged("points"):
        phrase = p.phrase(i)
        gap = _GAP.search(phrase)
        if not gap:
            continue
        label = phrase[gap.start():] + fig.text
        ahead = _direction(gap)
        if ahead is None:
            p.unchecked(i, "gap", label, "the text does not say ahead or behind")
            continue
        if fig.approx:
            p.unchecked(i, "gap", label, "the figure is approximate")
            continue
        gap_start = fig.start - len(phrase) + gap.start()
        rate = next((j for j in p.before(gap_start, clause_start(p.text, gap_start))
                     if p.figs[j].family == "percent" and p.kind_of(j) != "growth"),
                    None)
        if rate is None or not _is_completion(p, rate):
            p.unchecked(i, "gap", label, "the text does not state the completion "
                        "rate it compares")
            continue
        why = p.usable(rate)
        if why:
            p.unchecked(i, "gap", label, why)
            continue
        progress = _time_progress(p, gap_start)
        if isinstance(progress, str):
            p.unchecked(i, "gap", label, progress)
            continue
        said, time_progress, central_progress = progress
        rate_fig = p.figs[rate]
        possible = rate_fig.interval()
        if rate in p.computed:  # a wrong rate is flagged once, not again here
            possible = possible.hull(p.computed[rate])
        difference = possible - time_progress
        central = rate_fig.central() - central_progress
        if not ahead:
            difference, central = difference.scale(Decimal(-1)), -central
        p.judged(i, "gap", label, difference, central,
                 f"{rate_fig.text} against time progress {said}")


def _is_completion(p: Passage, j: int) -> bool:
    """Whether percent ``j`` is a completion rate (占年度计划…, 投资完成率)."""
    start = clause_start(p.text, p.figs[j].start)
    before = p.text[start:p.figs[j].start]
    return bool(re.search(r"(?:占|完成|为|达到)[^，,；;。]*(?:计划|目标|任务)[^，,；;。]*$"
                          r"|完成率[^，,；;。]*$", before))


def _time_progress(p: Passage, offset: int) -> tuple[str, Interval, Decimal] | str:
    """(how it is said, interval, value) of the time progress at ``offset``, in percent,
    or why it is unknown."""
    stated = None
    for match in _STATED_PROGRESS.finditer(p.text, 0, offset):
        stated = match
    period = None
    for match in _PERIOD.finditer(p.text, 0, offset):
        if not COMPARED.search(p.text, max(0, match.start() - 8), match.start()) \
                and not closed_brackets_around(p.text, match.start(), match.end(), offset):
            period = match  # not 比1-5月增加…, 较一季度提高…, （1-5月为132.3亿元）
    if stated and (period is None or stated.start() > period.start()):
        j = p.index.get(stated.start("figure"))
        if j is not None and p.figs[j].value is not None:
            p.used.add(j)
            fig = p.figs[j]
            return fig.text, fig.interval(), fig.central()
    if period is None:
        return "the text does not say which months it covers"
    months = _months(period)
    if months is None:
        return f"{period[0]} does not say how many months have passed"
    with localcontext() as context:
        context.prec = 40
        value = Decimal(months) / 12 * HUNDRED
    return f"{months}/12", Interval.exact(value), value


_PROGRESS_NAME = r"(?:序时进度|时间进度|时序进度|均衡进度)"
_GAP = re.compile(r"(?P<before>超过了?|超出了?|超前于?|超|快于|快出|高于|高出|领先于?|"
                  r"落后于?|低于|慢于|滞后于?|比|较)?(?:全年)?" + _PROGRESS_NAME +
                  r"(?:要求)?(?P<after>快了?|慢了?|高出?了?|低了?|超出?了?|落后了?)?(?:约|为|达)?\s?$")
_AHEAD = re.compile(r"超|快|高|领先")
_STATED_PROGRESS = re.compile(_PROGRESS_NAME + r"(?:为|是|达)?\s?(?P<figure>\d+(?:\.\d+)?%)")
_PERIOD = re.compile(
    r"(?:1|一)\s?[-—–~～至到]\s?(?P<n>\d{1,2}|十[一二]?|[二三四五六七八九])月"
    r"|前(?P<first>\d{1,2})个?月"
    r"|(?P<named>上半年|前三季度|前两季度|前二季度|第一季度|一季度|全年(?=[，,]|累计|共|完成))"
    r"|(?:截[至止]|到)?(?:\d{4}年)?(?P<end>\d{1,2})月(?:底|末|(?:2[89]|3[01])日)"
    r"|(?P<vague>截至目前|截至日前|今年以来|截至\d{1,2}月\d{1,2}日|\d{1,2}月份|下半年|[二三四]季度)")
_NAMED_MONTHS = {"上半年": 6, "前三季度": 9, "前两季度": 6, "前二季度": 6, "第一季度": 3,
                 "一季度": 3, "全年": 12}


def _direction(gap: re.Match) -> bool | None:
    """True when a gap phrase says ahead of time progress, False behind, None unsaid."""
    word = gap["after"] or gap["before"]
    if not word or word in ("比", "较"):
        return None
    return bool(_AHEAD.match(word))


def _months(period: re.Match) -> int | None:
    for group in ("n", "first", "end"):
        if period[group]:
            n = small_number(period[group])  # 1-6月, 一至六月
            return n if n is not None and 1 <= n <= 12 else None
    if period["named"]:
        return _NAMED_MONTHS[period["named"]]
    return None
