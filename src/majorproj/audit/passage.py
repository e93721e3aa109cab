"""A passage being judged: its figures, the words around each, and the claims found.

The finders (``shares``, ``gaps``, ``growth``, ``sums``) read a ``Passage`` and record
their claims on it; a figure judged by one is not judged again by another.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal

from majorproj.audit.claim import Claim, Kind
from majorproj.audit.interval import Interval, at_places, holds
from majorproj.audit.numbers import (
    NOT_THE_WHOLE,
    Figure,
    boundary_before,
    clause_start,
    figures,
    label,
    normalise,
    noun,
    unit_scale,
)

HUNDRED = Decimal(100)
GROWTH = re.compile(r"(?:同比|(?:比|较)(?:上年|去年)(?:同期)?)?(?:分别)?"
                    r"(?P<dir>增长|增加|上升|提高|下降|减少|降低)了?(?:约)?\s?$")
_SCOPE = re.compile(NOT_THE_WHOLE + r"(?P<overall>全市|我市|本市|全省|全县|全区)|(?P<of>其中)"
                    r"|(?<![全我本、])(?P<level>[省市县])(?:级|重点)(?!、)"
                    # a county (分县区看，临江市…；高新区…), where a clause begins with its name
                    r"|(?<![\u4e00-\u9fa5])(?P<place>(?:(?![全我本各])[\u4e00-\u9fa5]){2,6}[县区市])"
                    r"(?!重点|级|[委局办厅]|政府)"
                    # and its key projects (临江市重点项目: 临江市's, not 市重点), a name that
                    # says no time (今年市重点项目 is 市重点)
                    r"|(?<![\u4e00-\u9fa5])(?P<named>(?:(?![全我本各今去上年月季度])[\u4e00-\u9fa5]){2,6}"
                    r"[县区市])(?=重点项目)"
                    r"|(?P<open>[（(])|(?P<close>[）)])")
# a share whose whole is printed inside it: 占年度计划200亿元的60.3%
_SHARE_WITH = re.compile(r"(?:的|的?比重|的?比例)(?:为|达|达到|是)?\s?")
_SHARE_NAMED = re.compile(r"(?:占|为|相当于|完成了?)(?P<name>[^，,。；;：:、\d%（）()]{0,24})$")
_KIND = re.compile(r"([\u4e00-\u9fa5、]{1,10}?)项目")  # 产业项目: the words before 项目
_SCOPE_WORDS = re.compile(r"全市|我市|本市|全省|全县|全区|[省市县]|级|重点|、|的|其中|共|今年|全年")


class Passage:
    """One passage's text (normalised), its figures in order, and what was found."""

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.figs = figures(self.text)
        self.index = {f.start: i for i, f in enumerate(self.figs)}
        self.ends = [f.end for f in self.figs]  # increasing: figures do not overlap
        self.used: set[int] = set()
        self.computed: dict[int, Interval] = {}  # a judged percent's interval of values
        self.found: list[Claim] = []

    def unjudged(self, family: str) -> Iterator[tuple[int, Figure]]:
        """(index, figure) of each figure of ``family`` with a value not yet judged."""
        for i, fig in enumerate(self.figs):
            if fig.family == family and fig.value is not None and i not in self.used:
                yield i, fig

    def label(self, i: int) -> str:
        return label(self.text, self.figs, i)

    def context(self, i: int) -> str:
        """Figure ``i``'s words before it and after it (its noun: 55个省重点项目)."""
        return label(self.text, self.figs, i) + noun(self.text, self.figs, i)

    def before(self, offset: int, start: int = 0) -> list[int]:
        """Indices of the figures ending at or before ``offset`` from ``start``, nearest first."""
        found = []
        for i in range(bisect_right(self.ends, offset) - 1, -1, -1):
            if self.figs[i].start < start:
                break
            found.append(i)
        return found

    def phrase(self, i: int) -> str:
        """The text before figure ``i`` back to its delimiter (its rate's name, say)."""
        fig = self.figs[i]
        return self.text[boundary_before(self.text, fig.start):fig.start]

    def short_label(self, i: int) -> str:
        return (self.phrase(i)[-12:] + self.figs[i].text).strip()

    def kind_of(self, i: int) -> Kind:
        if self.figs[i].family == "points":
            return "gap"
        return "growth" if GROWTH.search(self.phrase(i)) else "share"

    def unchecked(self, i: int, kind: Kind, label: str, why: str) -> None:
        self.used.add(i)
        fig = self.figs[i]
        self.found.append(Claim(kind, fig.start, fig.text, label, None, None, why))

    def judged(self, i: int, kind: Kind, label: str, possible: Interval, central: Decimal,
               basis: str) -> None:
        """Judge figure ``i`` against the values ``possible`` (``central`` as printed)."""
        self.used.add(i)
        fig = self.figs[i]
        assert fig.value is not None
        scale = unit_scale(fig.unit)  # in the printed unit: 86.7‰ is judged in ‰
        ok = holds(fig.value, fig.places, possible.scale(1 / scale))
        expected = at_places(central / scale, fig.places) + fig.unit
        self.found.append(Claim(kind, fig.start, fig.text, label, ok, expected, basis))
        if fig.family == "percent":
            self.computed[i] = possible

    def share_whole(self, j: int) -> re.Match | None:
        """The words naming figure ``j`` when it is the whole printed inside a share
        (占年度计划228亿元的76.4%: 占年度计划), else None."""
        if j + 1 >= len(self.figs) or self.figs[j].family not in ("money", "count") \
                or self.figs[j + 1].family != "percent" \
                or not _SHARE_WITH.fullmatch(self.text, self.figs[j].end, self.figs[j + 1].start):
            return None
        return _SHARE_NAMED.search(self.phrase(j))

    def usable(self, i: int) -> str | None:
        """Why figure ``i`` cannot serve as a basis, or None when it can."""
        fig = self.figs[i]
        if fig.value is None:
            return f"its basis {fig.text} is a placeholder"
        if fig.approx:
            return f"its basis {fig.text} is approximate"
        return None

    def same_projects(self, whole: int, part: int) -> bool:
        """Whether the passage speaks of the same projects at figures ``whole`` and
        ``part``: the same set last named before each (全市, 省重点…, 其中…), and no
        kind of project named for the part alone (产业项目完成投资…)."""
        if self.scope(self.figs[whole].start) != self.scope(self.figs[part].start):
            return False
        start = boundary_before(self.text, self.figs[part].start)
        kinds = [k for k in _KIND.findall(self.text, start, self.figs[part].start)
                 if _SCOPE_WORDS.sub("", k)]
        if not kinds:
            return True
        whole_start = clause_start(self.text, self.figs[whole].start)
        return all(k in self.text[whole_start:self.figs[whole].end] for k in kinds)

    def names_a_kind(self, i: int) -> bool:
        """Whether figure ``i``'s clause names a kind of project (产业项目完成投资88.2亿元):
        the figure is of those projects, not of the set's whole."""
        start = boundary_before(self.text, self.figs[i].start)
        return any(_SCOPE_WORDS.sub("", k) for k in _KIND.findall(self.text, start,
                                                                 self.figs[i].start))

    def scope(self, offset: int) -> str | None:
        """The set of projects the passage last named before ``offset``, outside brackets."""
        found = None
        depth = 0
        for match in _SCOPE.finditer(self.text, 0, offset):
            if match["open"]:
                depth += 1
            elif match["close"]:
                depth = max(depth - 1, 0)
            elif depth == 0:
                found = ("overall" if match["overall"] else
                         f"of{match.start()}" if match["of"] else
                         f"place:{match['place'] or match['named']}"
                         if match["place"] or match["named"] else match["level"])
        return found


def shown(fig: Figure) -> str:
    """A basis as the message shows it: counts bare (47), amounts with their unit."""
    return fig.number if fig.family == "count" else fig.text
