"""The figures of a passage as printed: value, digits, unit and place.

Full-width digits, points and percent signs read as their ASCII forms; thousands
separators (1,234.5) are read; a number followed by 年, 月, 日 or 季度 is a date,
not a figure; ``XX亿元`` and the like are placeholders, figures without a value.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from majorproj.audit.interval import Interval

Family = Literal["money", "count", "percent", "points", "other"]

# what one 万元 is in each money unit
MONEY = {"元": Decimal(1).scaleb(-4), "万元": Decimal(1), "亿元": Decimal(10000),
         "万亿元": Decimal(10).scaleb(7), "亿": Decimal(10000)}  # 175.3亿: the 元 left out
COUNT = ("个", "项", "家", "宗", "处", "座", "条", "所", "批", "户")
PERCENT = ("%", "‰")
# what one of the unit is in the family's own unit (万元 for money, % for rates)
_SCALE = {**MONEY, "‰": Decimal("0.1")}
POINTS = ("个百分点", "百分点")

# and the dashes offices type between months (1－6月, 1―6月) and before a negative
# figure (－9.9, −9.9) as the ASCII hyphen
_WIDE = str.maketrans("０１２３４５６７８９．％Ｘ－―‐‑−", "0123456789.%X-----")
_UNIT = "|".join(sorted((*MONEY, *COUNT, *PERCENT, *POINTS), key=len, reverse=True))
_TOKEN = re.compile(
    r"(?P<number>(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d+)(?:\.(?P<frac>\d+))?"
    r"|(?P<placeholder>(?<![A-Za-z])[Xx×]{1,4}(?:\.[Xx×]+)?(?=\s?(?:" + _UNIT + ")))")
_AFTER = re.compile(r"\s?(?P<unit>" + _UNIT + r")?")
_DATE = re.compile(r"\s?(?:年|月|日|号|季度|时|周岁)")
_APPROX_BEFORE = re.compile(r"(?:(?<![签节制合预公条履契特邀])约|(?<![最附临])近"
                            r"|逾|超过|将近|接近)$")
_APPROX_AFTER = re.compile(r"(?:以上|以下|左右|上下|余|多|出头|有余)")
# a range, 1000万元至86亿元 (不等): neither end is a figure of a set
_RANGE_AFTER = re.compile(r"\s?(?:至|到|~|～|—|－)\s?\d|\s?不等")
_RANGE_BEFORE = re.compile(r"(?:至|到|~|～|—|－)\s?$")
MAX_DIGITS = 28  # no report prints more; a longer number is not a figure to judge

REACH = 2000  # no clause or sentence is longer: the search back for its start stops here
DELIMITERS = "，,。；;：:、（）()！？!?|\n"
_SENTENCE_END = "。！？!?"
_CLAUSE_END = _SENTENCE_END + "；;"


def unit_scale(unit: str) -> Decimal:
    """What one ``unit`` is in its family's own unit: 10,000 for 亿元 (万元), 0.1 for ‰ (%)."""
    return _SCALE.get(unit, Decimal(1))


# 全市 that a county's figure is measured against, not the set it speaks of: 居全市第3位,
# 占全市的10.9%, 低于全市平均水平, 高于全市6.2个百分点, 在全市排名…
NOT_THE_WHOLE = (r"(?<![居列排名占于较比在过先])(?<!位居)"
                 r"(?=(?:全市|我市|本市|全县|全区)(?!平均|第|首位|末位|前列|前[二三四五六七八九十])"
                 r"|全省|全国)")


# the words before an earlier period that is compared with (比1-5月, 较一季度, 比去年1-5月):
# not the months the passage speaks of
COMPARED = re.compile(r"(?:比|较|与|同|相比)(?:去年|上年|今年)?(?:同期)?$|(?:去年|上年)(?:同期)?$")


def closed_brackets_around(text: str, start: int, end: int, offset: int) -> bool:
    """Whether ``text[start:end]`` stands inside brackets that close before ``offset``
    (174.3亿元（其中6月完成42亿元），占…: the 42 for the share after them)."""
    opened = max(text.rfind("（", 0, start), text.rfind("(", 0, start))
    if opened < 0 or max(text.rfind("）", opened, start), text.rfind(")", opened, start)) >= 0:
        return False
    return any(at >= 0 for at in (text.find("）", end, offset), text.find(")", end, offset)))


_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", 1)}


def small_number(said: str) -> int | None:
    """A number of a rank or a month in digits or numerals: 3 of 第3 or 第三, 11 of 十一,
    up to 九十; None for anything else."""
    if said.isdigit():
        return int(said)
    if said == "十":
        return 10
    if len(said) == 1:
        return _NUMERALS.get(said)
    if len(said) == 2 and said[0] == "十":
        return 10 + _NUMERALS[said[1]] if said[1] in _NUMERALS else None
    if len(said) == 2 and said[1] == "十":
        return 10 * _NUMERALS[said[0]] if said[0] in _NUMERALS else None
    return None


def normalise(text: str) -> str:
    """``text`` with full-width digits and signs as ASCII: one character for one."""
    return text.translate(_WIDE)


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed figure: ``82.8%``, ``174.3亿元``, ``47个``, ``XX亿元`` (no value)."""

    start: int  # offset of its first digit
    end: int  # offset after its unit
    text: str  # as printed, unit included
    value: Decimal | None  # None: a placeholder
    places: int  # decimals printed
    unit: str  # "" when none
    approx: bool  # 约, 以上, 余…: not an exact figure

    @property
    def family(self) -> Family:
        if self.unit in MONEY:
            return "money"
        if self.unit in COUNT:
            return "count"
        if self.unit in PERCENT:
            return "percent"
        if self.unit in POINTS:
            return "points"
        return "other"

    @property
    def number(self) -> str:
        """The figure without its unit, as printed: 82.8, 174.3."""
        return self.text[: len(self.text) - len(self.unit)].strip()

    def interval(self) -> Interval:
        """Every value the figure may stand for, in 万元 for money and % for a rate (a count
        is exact)."""
        assert self.value is not None
        if self.family == "count" and self.places == 0:
            found = Interval.exact(self.value)
        else:
            found = Interval.printed(self.value, self.places)
        return found.scale(unit_scale(self.unit)) if self.unit in _SCALE else found

    def central(self) -> Decimal:
        """The figure's own value, in 万元 for money, in % for a rate (86.7‰ is 8.67%)."""
        assert self.value is not None
        return self.value * unit_scale(self.unit)


def figures(text: str) -> list[Figure]:
    """Every figure of ``text`` (already normalised), in order; dates left out."""
    found: list[Figure] = []
    for match in _TOKEN.finditer(text):
        end = match.end()
        if match["placeholder"] is None and _DATE.match(text, end):
            continue
        unit = _AFTER.match(text, end)
        unit_text = unit["unit"] if unit is not None else None
        end = unit.end() if unit is not None and unit_text else end
        before = text[max(0, match.start() - 4):match.start()]
        approx = bool(_APPROX_BEFORE.search(before) or _APPROX_AFTER.match(text, end)
                      or _RANGE_AFTER.match(text, end)
                      or (found and _RANGE_BEFORE.search(before)
                          and found[-1].end >= match.start() - 2))
        if match["placeholder"] is not None:
            value, places = None, 0
        else:
            places = len(match["frac"] or "")
            frac = f".{match['frac']}" if places else ""
            digits = match["number"].replace(",", "") + frac
            if len(digits) - 1 > MAX_DIGITS:
                continue
            value = Decimal(digits)
        found.append(Figure(match.start(), end, text[match.start():end], value, places,
                            unit_text or "", approx))
    return found


def boundary_before(text: str, offset: int, stops: str = DELIMITERS) -> int:
    """The offset just after the last of ``stops`` before ``offset``, at most ``REACH``
    back (0 if none)."""
    found = _stops_at(text, stops)
    last = bisect_left(found, offset) - 1
    return max(found[last] + 1 if last >= 0 else 0, offset - REACH, 0)


@lru_cache(maxsize=32)
def _stops_at(text: str, stops: str) -> list[int]:
    """Where each of ``stops`` stands in ``text``: the finders ask for the clause or
    sentence of every figure, and a search back from each one cost a passage of 4,000
    characters with no stop in it 2,000 steps a figure."""
    return [at for at, char in enumerate(text) if char in stops]


def clause_start(text: str, offset: int) -> int:
    """Where the clause holding ``offset`` starts (after 。！？ or ；)."""
    return boundary_before(text, offset, _CLAUSE_END)


def sentence_start(text: str, offset: int) -> int:
    return boundary_before(text, offset, _SENTENCE_END)


def label(text: str, found: list[Figure], i: int) -> str:
    """The words before figure ``i``, back to the previous figure or delimiter."""
    start = boundary_before(text, found[i].start)
    if i and found[i - 1].end > start:
        start = found[i - 1].end
    return text[start:found[i].start]


def noun(text: str, found: list[Figure], i: int) -> str:
    """The words after figure ``i``, up to the next delimiter or figure (55个省重点项目)."""
    end = len(text)
    for c in DELIMITERS:
        at = text.find(c, found[i].end)
        if at != -1:
            end = min(end, at)
    if i + 1 < len(found):
        end = min(end, found[i + 1].start)
    return text[found[i].end:end]


_LIST_JOINER = re.compile(r"\s?[、和及与]\s?")


def in_respective_list(text: str, found: list[Figure], i: int) -> bool:
    """Whether figure ``i`` is one of a list after 分别 (省、市重点项目分别完成投资127亿元、
    47.3亿元), or of figures of one kind listed straight after each other without it
    (…完成投资127亿元和47.3亿元): each figure of it is another set's, by its order alone."""
    at = text.rfind("分别", clause_start(text, found[i].start), found[i].start)

    def joined(a: int, b: int) -> bool:  # figures a and b, one after the other, in a list
        return (0 <= a and b < len(found) and found[a].start > at
                and found[a].family == found[b].family
                and _LIST_JOINER.fullmatch(text, found[a].end, found[b].start) is not None)

    return joined(i - 1, i) or joined(i, i + 1)
