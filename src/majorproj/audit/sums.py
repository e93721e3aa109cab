"""Totals and their parts: ``27项（省级6项、市级5项、县级16项）`` adds up exactly; the parts
after 其中 (listed with 、), or in brackets with 其中, 含, 包括 or 等, may be fewer than
the whole but never more. Parts that are events (竣工, 投产…) may fall within the others
and make no list, nor do parts that divide the projects two ways (by level and by sector:
其中省重点项目60个、产业项目38个); a 其中 inside brackets names a part of the parts before it
(27项（省级6项、市级5项、县级16项，其中新开工8项）: 6 + 5 + 16).
"""

from __future__ import annotations

import re
from decimal import Decimal

from majorproj.audit.claim import Claim
from majorproj.audit.interval import Interval, at_places, holds
from majorproj.audit.numbers import unit_scale
from majorproj.audit.passage import Passage, shown


def find_sums(p: Passage) -> None:
    for i, whole in enumerate(p.figs):
        if whole.family not in ("money", "count") or whole.value is None:
            continue
        after = p.text[whole.end:whole.end + 1]
        if after in "（(" and after:
            _bracketed(p, i)
        elif re.match(r"[，,：:]?\s?其中[，,：:]?", p.text[whole.end:]):
            _of_which(p, i)


def _bracketed(p: Passage, i: int) -> None:
    whole = p.figs[i]
    close = min((at for at in (p.text.find("）", whole.end), p.text.find(")", whole.end))
                 if at != -1), default=-1)
    if close == -1:
        return
    inside = p.text[whole.end + 1:close]
    if "（" in inside or "(" in inside:
        return
    # （省级6项、市级5项、县级16项，其中新开工8项）: what follows a 其中 inside is a part of
    # the parts before it, not one more of them
    of_which = inside.find("其中")
    if of_which > 0:
        close, inside = whole.end + 1 + of_which, inside[:of_which]
    parts = [j for j in range(i + 1, len(p.figs)) if p.figs[j].end <= close]
    if len(parts) < 2 or any(p.figs[j].family != whole.family for j in parts):
        return
    if any(not p.label(j).strip() or _EVENT.search(p.label(j)) for j in parts):
        return  # 竣工, 投产… may fall within the other parts: no partition
    if not _one_division(p, parts):
        return
    partial = bool(re.search(r"其中|含|包括|等", inside))
    _total(p, i, parts, exact=not partial)


def _of_which(p: Passage, i: int) -> None:
    """其中A 15.9亿元、B 18.9亿元…: parts listed with 、 (or ；) right after 其中."""
    parts: list[int] = []
    for j in range(i + 1, len(p.figs)):
        fig, label = p.figs[j], p.label(j)
        gap = p.text[p.figs[j - 1].end:fig.start - len(label)]
        if parts and gap.strip() not in ("、", "；", ";"):
            break
        if not parts:
            label = re.sub(r"^其中[，,：:]?", "", label)
        if fig.family != p.figs[i].family or not label.strip() \
                or re.search(r"已|未|其中", label) or _EVENT.search(label):
            break
        parts.append(j)
    if len(parts) >= 2 and _one_division(p, parts):
        _total(p, i, parts, exact=False)


# the ways offices divide projects: parts from two of them overlap (其中省重点项目60个、灾后
# 重建项目51个: some of the 51 are among the 60) and make no list to add up
_DIVISIONS = (re.compile(r"(?<![全我本])[省市县](?:级|重点)"),
              re.compile(r"新开工|续建|新建|在建|前期|储备|预备"))


def _one_division(p: Passage, parts: list[int]) -> bool:
    """Whether the parts' names divide the projects one way: all by level, all by stage of
    construction, or all by something else (a sector's or a fund's name)."""
    kinds = {next((k for k, d in enumerate(_DIVISIONS) if d.search(p.label(j))), -1)
             for j in parts if not _REST.search(p.label(j))}
    return len(kinds) <= 1


_REST = re.compile(r"其他|其它|其余")  # the rest, of whichever division the others make


def _total(p: Passage, i: int, parts: list[int], exact: bool) -> None:
    whole = p.figs[i]
    label = p.short_label(i)
    for j in (i, *parts):
        why = p.usable(j)
        if why:
            if j == i:
                return  # a placeholder total is no figure to judge
            return _unchecked_sum(p, i, label, why)
    total = Interval.exact(Decimal(0))
    central = Decimal(0)
    for j in parts:
        total = total + p.figs[j].interval()
        central += p.figs[j].central()
    scale = unit_scale(whole.unit)  # 万元 (or %) in one of the whole's unit
    listed = " + ".join(shown(p.figs[j]) for j in parts)
    places = max([whole.places, *(p.figs[j].places for j in parts)])
    expected = at_places(central / scale, places) + whole.unit
    bounds = whole.interval()
    assert whole.value is not None  # a placeholder whole is not judged (returned above)
    if exact:
        ok = holds(whole.value, whole.places, total.scale(1 / scale))
        basis = listed
    else:  # the parts after 其中 may be fewer than the whole, never more
        ok = total.lo <= bounds.hi
        basis = f"its parts {listed}" + ("" if ok else ", more than the whole")
    claim = Claim("sum", whole.start, whole.text, label, ok, expected, basis)
    p.found.append(claim)


def _unchecked_sum(p: Passage, i: int, label: str, why: str) -> None:
    whole = p.figs[i]
    p.found.append(Claim("sum", whole.start, whole.text, label, None, None, why))


_EVENT = re.compile(r"竣工|投产|达效|达产|完工|建成|签约|开工(?!建设)(?<!新开工)")
