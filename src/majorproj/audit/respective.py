"""Comparing the figures listed after 分别 with the ledger's, each with its set by order:
省、市重点项目分别完成投资127亿元、47.3亿元 (省重点's 127, 市重点's 47.3), 南岭县、临江市、
西山区投资完成率分列前三位，分别为82.5%、81.6%、80.8%.

The sets are listed before 分别 in its sentence, joined by 、, 和, 与 or 及, all of one kind:
levels (省、市重点项目, 省重点项目和市重点项目, 省级、市级重点项目) or the ledger's counties,
sectors or tags by name. The figures after 分别 are one kind of figure joined the same way,
as many as the sets: each is its set's, in order. Their metric is named by the words after
分别 (分别完成投资…, 分别占年度计划的…), else by those between the sets and 分别 (投资完成率分列
前三位，分别为…); a later 分别 of the sentence speaks of the same sets (…分别完成投资127亿元、
47.3亿元，分别占年度计划的76.9%、75.2%), and 同比 after the amounts done is their growth
(…，同比分别增长20.1%、31.2%). Each figure is judged as a set's is (``ledger``): it holds
when the set's exact figure rounds to it.

Not compared: a list of another length than the sets', of last year, in a passage naming
other months than the period's, of a target (力争…), or of a metric not named or not one
the ledger has; and a figure already judged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, NamedTuple

from majorproj.audit import ledger
from majorproj.audit.claim import Claim
from majorproj.audit.numbers import (
    Figure,
    boundary_before,
    figures,
    normalise,
    sentence_start,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    from majorproj.metrics import Figures, Summary

_JOIN = r"(?:、|和|与|及|以及)"
# 省、市重点项目, 省级、市级重点项目, 省重点项目、市重点项目 (not the 市 of 全市, 临江市)
_LEVEL = r"[省市县](?:级)?(?:重点)?(?:项目)?"
_LEVELS = re.compile(rf"(?<![\u4e00-\u9fa5])(?P<list>{_LEVEL}(?:{_JOIN}{_LEVEL})+)"
                     r"(?<=重点|项目)|(?<![\u4e00-\u9fa5])(?P<short>[省市县](?:级)?(?:"
                     rf"{_JOIN}[省市县](?:级)?)+)重点(?:项目)?")
_LEVEL_KEYS = {"省": "provincial", "市": "municipal", "县": "county"}
_LEVEL_NAMES = {"provincial": "省重点项目", "municipal": "市重点项目", "county": "县重点项目"}
# what may stand between the sets and 分别 besides the metric: a rank (分列前三位), a comma
_RANKED = re.compile(r"(?:分列|分居|位列|位居|居|排名?|排在)(?:全市)?(?:前|后|第)?"
                     r"[一二两三四五六七八九十\d、至—-]*(?:位|名)")
_SAID = re.compile(r"^(?:为|是|达到|达|有)")  # 分别为82.5%: the words say no metric


class _Set(NamedTuple):
    name: str  # as the claim names it: 省重点项目, 南岭县
    figures: Figures


def compare_respective(passage: str, summary: Summary, judged_at: Collection[int] = ()
                       ) -> list[Claim]:
    """The figures of ``passage`` listed after 分别 for sets listed before it, each judged
    against its set's in ``summary``; those at an offset in ``judged_at`` are left alone."""
    text = normalise(passage)
    if "分别" not in text or ledger.passed_over(text, summary):
        return []
    found = figures(text)
    starts = [fig.start for fig in found]
    lists = _set_lists(text, summary)
    ends = [end for _, end, _ in lists]
    claims = []
    previous: tuple[int, str] | None = None  # the last list's sentence and metric words
    for at in (m.start() for m in re.finditer("分别", text)):
        sentence = sentence_start(text, at)
        listed = _figures_after(text, found, bisect_right(starts, at), at)
        sets = _sets_before(lists, ends, sentence, at)
        if not listed or sets is None or len(listed) != len(sets[0]):
            continue
        if ledger.of_another_year(text[sentence:listed[0].start], summary.year) \
                or ledger.aimed_or_apart(text[sentence:listed[0].start]):
            continue
        own = _SAID.sub("", text[at + 2:listed[0].start].strip()).removesuffix("约")
        between = text[sets[1]:at]
        named = _named(own, between, listed[0], previous, sentence)
        if named is None:
            continue
        words, metric = named
        previous = (sentence, words)
        for fig, group in zip(listed, sets[0], strict=True):
            if fig.start in judged_at or fig.value is None or fig.approx:
                continue
            claim = ledger.set_judged(fig, words, metric, group.figures, group.name, summary)
            if claim is not None:
                claims.append(claim)
    return claims


def _figures_after(text: str, found: list[Figure], first: int, at: int) -> list[Figure]:
    """The figures listed after the 分别 at ``at`` from ``found[first]``, the first figure
    after it: that one if it is in its clause, and those of its kind joined to it by 、,
    和, 与 or 及."""
    if first == len(found) or boundary_before(text, found[first].start, "，,；;。！？!?") > at:
        return []
    listed = [found[first]]
    for fig in found[first + 1:]:
        if fig.family != listed[-1].family \
                or not re.fullmatch(rf"\s?{_JOIN}\s?", text[listed[-1].end:fig.start]):
            break
        listed.append(fig)
    return listed


def _set_lists(text: str, summary: Summary) -> list[tuple[int, int, list[_Set] | None]]:
    """(start, end, sets) of every list of sets in ``text``, by where they end; sets None
    when one of them is not the ledger's."""
    lists = [(m.start(), m.end(), _levels(m["list"] or m["short"], summary))
             for m in _LEVELS.finditer(text)]
    for grouping in ("county", "sector", "tag"):
        names = sorted((n for n in summary.groups[grouping] if n), key=len, reverse=True)
        if not names:
            continue
        name = "(?:" + "|".join(map(re.escape, names)) + ")"
        for m in re.finditer(rf"{name}(?:{_JOIN}{name})+", text):
            named = re.findall(name, m[0])
            lists.append((m.start(), m.end(),
                          [_Set(n, summary.groups[grouping][n]) for n in named]))
    return sorted(lists, key=lambda listed: listed[1])


def _sets_before(lists: list[tuple[int, int, list[_Set] | None]], ends: list[int],
                 sentence: int, at: int) -> tuple[list[_Set], int] | None:
    """The sets listed last before ``at`` in its sentence, and where their list ends; None
    when there is no such list or one of its sets is not the ledger's."""
    last = bisect_right(ends, at) - 1
    if last < 0 or lists[last][0] < sentence:
        return None
    start, end, sets = lists[last]
    return None if sets is None else (sets, end)


def _levels(words: str, summary: Summary) -> list[_Set] | None:
    """The levels a list names (省、市重点项目: 省重点 and 市重点), if the ledger has each."""
    sets = []
    for char in re.findall(r"[省市县](?=级|重点|项目|、|和|与|及|以及|$)", words):
        group = summary.groups["level"].get(_LEVEL_KEYS[char])
        if group is None:
            return None
        sets.append(_Set(_LEVEL_NAMES[_LEVEL_KEYS[char]], group))
    return sets


def _named(own: str, between: str, fig: Figure, previous: tuple[int, str] | None,
           sentence: int):
    """(words, metric) of a list: from the words after 分别, else those between the sets
    and 分别; 同比 of the amount done after a list of it."""
    if growth := ledger.growth_said(own):
        amounts = previous is not None and previous[0] == sentence and previous[1] == "完成投资"
        if fig.family != "percent" or not (amounts or re.search(r"完成投资", between)):
            return None
        return growth
    words = own or _RANKED.sub("", between).strip(" ，,的")
    if not words or any(f.family != "other" for f in figures(words)):
        return None
    return ledger.metric_named(words, fig)
