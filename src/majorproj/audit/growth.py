"""Growth on last year: 同比增长 from this year's figure and the increase or last year's
figure, and a change in points from last year's rate when the text states it.

``313.64亿元，较去年同期增长153.34亿元，同比增长95.66%``: last year is 313.64 − 153.34.
The increase (or last year's figure) must stand between this year's figure and the
growth, and be of its kind.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from majorproj.audit.interval import Interval
from majorproj.audit.numbers import boundary_before, sentence_start
from majorproj.audit.passage import GROWTH, HUNDRED, Passage


def find_growth(p: Passage) -> None:
    for i, fig in p.unjudged("percent"):
        phrase = p.phrase(i)
        match = GROWTH.search(phrase)
        sentence = sentence_start(p.text, fig.start)
        if not match or not _LAST_YEAR.search(p.text, sentence, fig.start):
            continue
        label = phrase[match.start():] + fig.text
        if fig.approx:
            p.unchecked(i, "growth", label, "the figure is approximate")
            continue
        falls = match["dir"] in _FALLS
        end = fig.start - len(phrase) + match.start()
        # this year's figure is the last one before the growth that is not last year's,
        # the increase or the whole of a share (占年度计划228亿元的…); last year's and
        # the increase must stand between it and the growth, of its kind
        current = increase = last = None
        # this year's figure in the growth's own clause: after a ；, 去年同期完成投资139.9亿元，
        # 同比增长25.3% is last year's growth, not this year's on it
        clause = max(sentence, boundary_before(p.text, end, "；;"))
        for j in p.before(end, clause):
            phrase_j = p.phrase(j)
            if p.figs[j].family not in ("money", "count") or p.share_whole(j):
                continue
            if is_increase(phrase_j):
                increase = j if increase is None else increase
            elif is_last_year(phrase_j):
                last = j if last is None else last
            else:
                current = j
                break
        family = None if current is None else p.figs[current].family
        increase = increase if increase is not None and \
            p.figs[increase].family == family else None
        last = last if last is not None and p.figs[last].family == family else None
        if current is None or (increase is None and last is None):
            p.unchecked(i, "growth", label, "the text does not state last year's figure")
            continue
        _growth_rate(p, i, label, current, increase, last, falls)


def _growth_rate(p: Passage, i: int, label: str, current: int, increase: int | None,
                 last: int | None, falls: bool) -> None:
    for j in (current, increase, last):
        why = None if j is None else p.usable(j)
        if why:
            return p.unchecked(i, "growth", label, why)
    now = p.figs[current]
    if last is not None:  # last year's figure stated: (now − last) / last
        other = p.figs[last]
        basis = f"{now.text} against {other.text} a year before"

        def ratio(n: Decimal, b: Decimal) -> Decimal | None:
            return (n - b) / b if b > 0 else None
    else:  # the increase stated: last year's figure is now less the increase
        assert increase is not None
        other = p.figs[increase]
        sign = Decimal(-1) if falls else Decimal(1)
        basis = f"{now.text} {'down' if falls else 'up'} {other.text} on a year before"

        def ratio(n: Decimal, b: Decimal) -> Decimal | None:
            base = n - sign * b
            return sign * b / base if base > 0 else None
    # each ratio is monotonic in each of its inputs: its bounds are at the corners
    with localcontext() as context:
        context.prec = 40
        corners = [ratio(n, x) for n in (now.interval().lo, now.interval().hi)
                   for x in (other.interval().lo, other.interval().hi)]
        central = ratio(now.central(), other.central())
    bounds = [c for c in corners if c is not None]
    if central is None or len(bounds) < len(corners):
        return p.unchecked(i, "growth", label, "last year's figure is not positive")
    possible = Interval(min(bounds), max(bounds)).scale(HUNDRED)
    central *= HUNDRED
    if falls:  # 下降5% prints the fall as a positive figure
        possible, central = possible.scale(Decimal(-1)), -central
    p.judged(i, "growth", label, possible, central, basis)


def find_point_changes(p: Passage) -> None:
    """比去年同期的48.5%提高3.6个百分点: the rate before it less last year's rate."""
    for i, fig in p.unjudged("points"):
        if not i:
            continue
        last = p.figs[i - 1]
        rises = _POINT_CHANGE.fullmatch(p.text, last.end, fig.start)
        if last.family != "percent" or not rises or not _LAST_YEARS_RATE.search(
                p.text, sentence_start(p.text, last.start), last.start):
            continue
        now = next((j for j in p.before(last.start, sentence_start(p.text, fig.start))
                    if p.figs[j].family == "percent" and j != i - 1), None)
        label = rises[0] + fig.text
        p.used.add(i - 1)  # last year's rate is a basis, not a claim
        why = "the text does not state this year's rate" if now is None else (
            p.usable(now) or p.usable(i - 1))
        if fig.approx or why:
            p.unchecked(i, "growth", label, why or "the figure is approximate")
            continue
        assert now is not None
        current = p.figs[now]
        possible = current.interval() - last.interval()
        central = current.central() - last.central()
        if rises["dir"] in _FALLS + ("回落",):
            possible, central = possible.scale(Decimal(-1)), -central
        p.judged(i, "growth", label, possible, central,
                 f"{current.text} against {last.text} a year before")


_FALLS = ("下降", "减少", "降低")
_POINT_CHANGE = re.compile(r"(?:，|,)?(?P<dir>提高|上升|增加|增长|下降|降低|回落|减少)了?\s?")
_LAST_YEARS_RATE = re.compile(r"(?:比|较)(?:去年|上年)(?:同期)?(?:的)?\s?$")
_LAST_YEAR = re.compile(r"同比|去年|上年")
_INCREASE = re.compile(r"(?:(?:较|比)(?:去年|上年)(?:同期)?|同比)"
                       r"(?:增长|增加|多|下降|减少|少)了?\s?$")


def is_increase(phrase: str) -> bool:
    """The words before a figure say it is an increase on last year (较去年同期增长…)."""
    return bool(_INCREASE.search(phrase))


def is_last_year(phrase: str) -> bool:
    """The words before a figure say it is last year's own (去年同期…, 较去年同期的…), not a
    change on it (较去年同期增长…)."""
    return bool(re.search(r"去年|上年", phrase)) and not re.search(r"较|比", phrase) \
        or bool(_COMPARED_WITH.search(phrase))


_COMPARED_WITH = re.compile(r"(?:较|比)(?:去年|上年)(?:同期)?的?\s?$")
