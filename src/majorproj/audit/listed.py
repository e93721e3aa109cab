"""Comparing the figures a list gives each county, in brackets after its name, with the
ledger's: 投资完成率居前的是南岭县（82.5%）、临江市（81.6%）, 完成投资增长较快的是南岭县（同比增长
29.6%）, 未达到序时进度的是东湖区（77.6%，落后序时进度22.4个百分点）.

A list is counties' names, each followed by brackets holding its figures, joined by 、, 和,
及 or 与. The clause before the list names the metric and ranks or picks the counties by it
(居前的是, 居后的是, 较快的是, 较多的是, 排名前三的是, 依次为 …: after those words only). A
figure alone in its brackets is of that metric; a figure after its own words (同比增长,
落后序时进度, 完成投资, 完成率 …) is of the metric they name, as in a sentence. A list whose
clause names no metric keeps the metric of the list before it in the sentence (…，居后的是
东湖区（77.6%）). 同比 in brackets is the growth of the amount done, when the list's clause
names 完成投资 (完成投资增长较快的是…). Each figure is judged as ``ledger.compare`` judges a
set's: it holds when the county's exact figure rounds to it.

Not compared: a list of last year (去年同期…, 2023年…), of a passage naming other months
than the period's, of a metric aimed at (力争, 计划完成 …), whose clause picks the counties
by a figure (完成投资超过20亿元的有…) or names no metric, and a figure ``compare`` judged.
"""

from __future__ import annotations

import re
from bisect import bisect, bisect_left
from typing import TYPE_CHECKING, NamedTuple

from majorproj.audit import ledger
from majorproj.audit.claim import Claim
from majorproj.audit.numbers import Figure, boundary_before, figures, normalise, sentence_start

if TYPE_CHECKING:
    from collections.abc import Collection

    from majorproj.metrics import Figures, Summary

# the words that rank or pick the counties of the list by the metric before them
_PICKED = re.compile(
    r"(?:(?:居|位居|位列|排名?|排在)?(?:前列|后列|靠前|靠后|前|后|末)"
    r"(?:[一二两三四五六七八九十]|\d{1,2})?(?:位|名)?"
    r"|(?:排名?|位列|居)?(?:前|后)(?:[一二两三四五六七八九十]|\d{1,2})(?:位|名)?"
    r"|较(?:快|慢|多|少|高|低|好|差)|最(?:快|慢|多|少|高|低|好|差))"
    r"(?:的)?(?:县（市、区）|县\(市、区\)|县市区|地区)?"
    r"(?:是|为|有|依次是|依次为|分别是|分别为)?[：:]?$"
    r"|(?:排名|排序|排列)?(?:(?:由|从)(?:高到低|低到高|大到小|小到大))?"
    r"(?:依次是|依次为|分别是|分别为)[：:]?$")
_PICKED_REACH = 24  # characters: longer than any of those words (排名前三的县（市、区）依次为：)
_JOINS = ("、", "和", "及", "与", "以及")
# the growth of the amount done: 完成投资增长较快的是…, 投资增速, 同比增幅
_GROWTH_LEAD = re.compile(r"(?:完成)?(?:固定资产)?投资(?:额)?(?:同比)?(?:增长|增速|增幅)?$")


class _Item(NamedTuple):
    """One county of a list, and where its brackets open and close."""

    county: str
    start: int  # offset of its name
    opened: int  # offset of its （
    closed: int  # offset of its ）


def compare_listed(passage: str, summary: Summary, judged_at: Collection[int] = ()
                   ) -> list[Claim]:
    """The figures of ``passage`` in brackets after a county's name in a list, judged
    against ``summary``; those at an offset in ``judged_at`` are left to whoever judged them."""
    text = normalise(passage)
    counties = sorted((c for c in summary.groups["county"] if c), key=len, reverse=True)
    if not counties or ledger.passed_over(text, summary):
        return []
    items = _items(text, counties)
    if not items:
        return []
    found = figures(text)
    starts = [fig.start for fig in found]
    claims = []
    sentence, lead = -1, None  # the sentence of the list before, and its metric's words
    for items_of_list in _lists(text, items):
        first = items_of_list[0]
        at = sentence_start(text, first.start)
        words = _lead(text, first.start)
        if at != sentence:
            sentence, lead = at, None
        if words is None:
            continue  # the clause does not rank or pick the counties by a metric
        if words:
            lead = words
        if ledger.of_another_year(text[at:first.start], summary.year) \
                or ledger.aimed_or_apart(text[at:first.start]):
            continue
        for item in items_of_list:
            group = summary.groups["county"].get(item.county)
            if group is None:
                continue
            for fig in found[bisect(starts, item.opened):bisect_left(starts, item.closed)]:
                if fig.start not in judged_at and fig.value is not None and not fig.approx:
                    claim = _judge(text, item, fig, lead, group, summary)
                    if claim is not None:
                        claims.append(claim)
    return claims


def _items(text: str, counties: list[str]) -> list[_Item]:
    """Every county's name followed straight by brackets, in order."""
    pattern = re.compile("(?P<county>" + "|".join(map(re.escape, counties)) + r")[（(]")
    found = []
    for match in pattern.finditer(text):
        closed = min((at for at in (text.find("）", match.end()), text.find(")", match.end()))
                      if at >= 0), default=-1)
        inner = text[match.end():closed]
        if closed < 0 or any(c in inner for c in "（(。；;"):
            continue
        found.append(_Item(match["county"], match.start(), match.end() - 1, closed))
    return found


def _lists(text: str, items: list[_Item]) -> list[list[_Item]]:
    """The items run together into lists: each after the one before but for a join."""
    lists: list[list[_Item]] = []
    for item in items:
        if lists and text[lists[-1][-1].closed + 1:item.start].strip() in _JOINS:
            lists[-1].append(item)
        else:
            lists.append([item])
    return lists


def _lead(text: str, start: int) -> str | None:
    """The metric's words of the clause before a list at ``start`` ("" when it only ranks:
    居后的是), or None when the clause does not rank or pick the counties by a metric."""
    clause = text[boundary_before(text, start, "，,；;。！？!?\n"):start]
    tail = len(clause) - _PICKED_REACH  # the words that pick are short: search only there
    picked = _PICKED.search(clause, max(tail, 0))
    if picked is None:
        return None
    words = clause[:picked.start()].strip()
    if any(fig.family != "other" for fig in figures(words)):
        return None  # 完成投资超过20亿元且…: the counties past a figure, not ranked
    return words


def _judge(text: str, item: _Item, fig: Figure, lead: str | None, group: Figures,
           summary: Summary) -> Claim | None:
    """Figure ``fig`` in ``item``'s brackets as the county's figure of its metric, if it
    names one the ledger has."""
    since = max(item.opened, text.rfind("，", item.opened, fig.start),
                text.rfind(",", item.opened, fig.start)) + 1
    own = text[since:fig.start].strip()
    if own:
        own = "投资完成率" if own in ("完成率", "完成率为", "完成率达") else own  # of a county's
        named = _growth(own, lead) or ledger.metric_named(own, fig)
    elif lead:
        named = _growth_of(lead, fig) or ledger.metric_named(lead, fig)
    else:
        return None
    if named is None:
        return None
    words, metric = named
    return ledger.set_judged(fig, words, metric, group, item.county, summary)


def _growth(own: str, lead: str | None):
    """同比增长 in the brackets: the growth of the amount done, when the list's metric is it."""
    if lead is None or not _GROWTH_LEAD.search(lead):
        return None
    return ledger.growth_said(own)


def _growth_of(lead: str, fig: Figure):
    """A figure alone under 完成投资增长较快的是…: the growth of the amount done."""
    if fig.family != "percent" or not re.search(r"(?:增长|增速|增幅)$", lead) \
            or not _GROWTH_LEAD.search(lead):
        return None
    return ledger.growth_metric(1)
