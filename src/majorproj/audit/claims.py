"""Finding the figures a passage's own numbers determine, and judging them as printed.

The forms (docs/audit.md lists them with examples):

- a rate named by its verb, ``已开工47个，开工率82.8%`` (the planned count stated before
  it in the same clause), and 投资完成率 (the plan stated before it in the passage);
- a share, ``占年度计划的97.2%``, ``占开工在建项目数的67.6%``: the figure just before
  it, against the quantity of that name stated earlier in the passage;
- a gap in points against time progress (序时进度, 时间进度, 时序进度, 均衡进度), from
  the completion rate just before it and the months the passage names (1-N月, 上半年…);
- growth on last year (同比增长), from this year's figure and the increase or last
  year's figure;
- a total and its parts: ``27项（省级6项、市级5项、县级16项）`` adds up exactly; parts
  after 其中 (or in parentheses with 其中, 含, 包括, 等) may be fewer than the whole
  but never more.

Nothing is guessed: a rate or share whose basis the passage does not state, a basis
that is a placeholder (XX亿元) or an approximate figure (约, 以上) is counted as
unchecked, with the reason. When a total's or a plan's scope changes between it and
the figure (其中, 省重点…), the figure is not judged against it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Literal

from majorproj.audit.interval import Interval, at_places, holds
from majorproj.audit.numbers import (
    MONEY,
    Figure,
    boundary_before,
    clause_start,
    figures,
    label,
    normalise,
    noun,
    sentence_start,
)

Kind = Literal["share", "gap", "growth", "sum", "ledger"]

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure of the report, judged (``ok`` True or False) or not (``ok`` None)."""

    kind: Kind
    start: int  # offset of the printed figure in its passage
    printed: str  # the figure as printed: 82.8%, 13.8个百分点, 28项
    label: str  # the figure with its name: 开工率82.8%
    ok: bool | None  # None: not checked
    expected: str | None  # the figure the text implies, as it would be printed
    basis: str  # the numbers used (47 of 55), or why the figure is not checked

    @property
    def message(self) -> str:
        if self.ok is None:
            return f"{self.label} not checked: {self.basis}"
        if self.kind == "ledger":
            verb = "agrees with" if self.ok else "differs from"
        else:
            verb = "follows from" if self.ok else "does not follow from"
        return f"{self.label} {verb} {self.basis} ({self.expected})"


def judge(passage: str) -> list[Claim]:
    """Every figure of ``passage`` that its numbers determine, judged, and the unchecked."""
    return _Passage(passage).claims()


# ---------------------------------------------------------------- the passage's figures

_PLAN = re.compile(r"计划|目标|任务")
_EVENT = re.compile(r"竣工|投产|达效|达产|完工|建成|签约|开工(?!建设)(?<!新开工)")
_SCOPE = re.compile(r"(?P<overall>全市|我市|本市|全省|全县|全区)|(?P<of>其中)"
                    r"|(?<![全我本、])(?P<level>[省市县])(?:级|重点)(?!、)"
                    r"|(?P<open>[（(])|(?P<close>[）)])")
_KIND = re.compile(r"([\u4e00-\u9fa5、]{1,10}?)项目")  # 产业项目: the words before 项目
_SCOPE_WORDS = re.compile(r"全市|我市|本市|全省|全县|全区|[省市县]|级|重点|、|的|其中|共|今年|全年")


class _Passage:
    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.figs = figures(self.text)
        self.index = {f.start: i for i, f in enumerate(self.figs)}
        self.ends = [f.end for f in self.figs]  # increasing: figures do not overlap
        self.used: set[int] = set()
        self.computed: dict[int, Interval] = {}  # a judged percent's interval of values
        self.found: list[Claim] = []

    def claims(self) -> list[Claim]:
        for finder in (self._rates_and_shares, self._growth, self._gaps, self._point_changes,
                       self._sums):
            finder()
        for i, fig in enumerate(self.figs):
            if i not in self.used and fig.family in ("percent", "points"):
                self._unchecked(i, self._kind_of(i), self._label(i), _why_unchecked(fig))
        return sorted(self.found, key=lambda c: c.start)

    # helpers on figures --------------------------------------------------------------

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

    def _phrase(self, i: int) -> str:
        """The text before figure ``i`` back to its delimiter (its rate's name, say)."""
        fig = self.figs[i]
        return self.text[boundary_before(self.text, fig.start):fig.start]

    def _label(self, i: int) -> str:
        return (self._phrase(i)[-12:] + self.figs[i].text).strip()

    def _kind_of(self, i: int) -> Kind:
        if self.figs[i].family == "points":
            return "gap"
        return "growth" if _GROWTH.search(self._phrase(i)) else "share"

    # recording -----------------------------------------------------------------------

    def _unchecked(self, i: int, kind: Kind, label: str, why: str) -> None:
        self.used.add(i)
        fig = self.figs[i]
        self.found.append(Claim(kind, fig.start, fig.text, label, None, None, why))

    def _judged(self, i: int, kind: Kind, label: str, possible: Interval, central: Decimal,
                basis: str) -> None:
        """Judge figure ``i`` against the values ``possible`` (``central`` as printed)."""
        self.used.add(i)
        fig = self.figs[i]
        assert fig.value is not None
        ok = holds(fig.value, fig.places, possible)
        expected = at_places(central, fig.places) + fig.unit
        self.found.append(Claim(kind, fig.start, fig.text, label, ok, expected, basis))
        if fig.family == "percent":
            self.computed[i] = possible

    def _usable(self, i: int) -> str | None:
        """Why figure ``i`` cannot serve as a basis, or None when it can."""
        fig = self.figs[i]
        if fig.value is None:
            return f"its basis {fig.text} is a placeholder"
        if fig.approx:
            return f"its basis {fig.text} is approximate"
        return None

    # rates and shares ----------------------------------------------------------------

    def _rates_and_shares(self) -> None:
        for i, fig in enumerate(self.figs):
            if fig.family != "percent" or fig.value is None:
                continue
            phrase = self._phrase(i)
            rate = _RATE.search(phrase)
            if rate:
                self._rate(i, rate["name"])
                continue
            if i and _SHARE_WITH.fullmatch(self.text, self.figs[i - 1].end, fig.start):
                named = _SHARE_NAMED.search(self._phrase(i - 1))
                if named and self.figs[i - 1].family in ("money", "count"):
                    self._share_with(i, named)
                    continue
            share = _SHARE_OF.search(phrase) or _SHARE_DE.search(phrase)
            if share:
                self._share(i, phrase[share.start():], share["name"], share["verb"])

    def _rate(self, i: int, name: str) -> None:
        fig = self.figs[i]
        name = re.sub(r"^.*项目", "", name)  # 重点项目开工率 → 开工率
        label = name + fig.text
        if fig.approx:
            return self._unchecked(i, "share", label, "the figure is approximate")
        verb = next((v for v in _RATE_VERBS if name.endswith(v + "率")), None)
        if verb is None:
            return self._unchecked(i, "share", label, f"what {name} divides is not defined here")
        if verb == "履约":
            return self._unchecked(i, "share", label, "履约率 is measured against a target "
                                   "(阶段性目标) that the text does not state")
        rate_start = fig.start - len(self._phrase(i)) + self._phrase(i).rfind(name)
        money = verb in _MONEY_VERBS
        clause = clause_start(self.text, rate_start)
        numerator = next((j for j in self.before(rate_start, clause)
                          if self._counted(j, verb, money)), None)
        if numerator is None:
            return self._unchecked(i, "share", label, f"the text does not state what is {verb}")
        if money:
            denominator = self._plan(numerator)
        else:
            denominator = self._planned_count(numerator, verb, clause)
        if denominator is None:
            what = "the plan" if money else f"how many were to be {verb}"
            return self._unchecked(i, "share", label, f"the text does not state {what}")
        self._ratio(i, "share", label, numerator, denominator)

    def _counted(self, j: int, verb: str, money: bool) -> bool:
        """Whether figure ``j`` is what a rate of ``verb`` counts (已开工47个)."""
        fig = self.figs[j]
        if fig.family != ("money" if money else "count"):
            return False
        label = self.label(j)
        return verb in label and not re.search(r"计划|未|应|目标|任务", label)

    def _planned_count(self, numerator: int, verb: str, clause: int) -> int | None:
        """The count a rate divides by: the planned (计划开工55个), else the whole just
        before the numerator (55个项目已开工47个)."""
        candidates = [j for j in self.before(self.figs[numerator].start, clause)
                      if self.figs[j].family == "count"]
        for j in candidates:
            label = self.label(j)
            if verb in label and re.search(r"计划|应|新", label) and "已" not in label:
                return j
        if candidates and candidates[0] == numerator - 1:
            between = self.text[self.figs[numerator - 1].end:self.figs[numerator].start]
            governs = not re.search(r"[，,。；;：:]", between) or re.fullmatch(
                r"[^，,。；;：:]*中[，,]?[^，,。；;：:]*", between)
            label = self.label(numerator - 1)
            # 开工一批项目45个已开工38个: the whole that holds the count may carry a name
            if governs and not re.search(r"已|未|完成", label):
                return numerator - 1
        return None

    def _plan(self, numerator: int, name: str = "") -> int | None:
        """The plan stated earlier in the passage, of the same projects as the numerator."""
        family = self.figs[numerator].family
        for j in self.before(self.figs[numerator].start):
            context = self.context(j)
            if self.figs[j].family != family or not _PLAN.search(context):
                continue
            if re.search(r"已|累计|实际|(?<!计划)完成|(?<!计划)到位", context):
                continue
            if family == "count" and not any(v in context for v in _verbs_in(name)):
                continue
            if self._same_projects(j, numerator):
                return j
        return None

    def _same_projects(self, whole: int, part: int) -> bool:
        """Whether the passage speaks of the same projects at figures ``whole`` and
        ``part``: the same set last named before each (全市, 省重点…, 其中…), and no
        kind of project named for the part alone (产业项目完成投资…)."""
        if self._scope(self.figs[whole].start) != self._scope(self.figs[part].start):
            return False
        start = boundary_before(self.text, self.figs[part].start)
        kinds = [k for k in _KIND.findall(self.text, start, self.figs[part].start)
                 if _SCOPE_WORDS.sub("", k)]
        if not kinds:
            return True
        whole_start = clause_start(self.text, self.figs[whole].start)
        return all(k in self.text[whole_start:self.figs[whole].end] for k in kinds)

    def _scope(self, offset: int) -> str | None:
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
                         f"of{match.start()}" if match["of"] else match["level"])
        return found

    def _share(self, i: int, phrase: str, name: str, verb: str) -> None:
        fig = self.figs[i]
        label = phrase + fig.text
        if fig.approx:
            return self._unchecked(i, "share", label, "the figure is approximate")
        core = _NAME_END.sub("", name.strip())
        if core in ("", "比", "比重", "比例"):
            return self._unchecked(i, "share", label, "the text does not say of what")
        phrase_start = fig.start - len(phrase)
        clause = clause_start(self.text, phrase_start)
        # the part is the amount or count just before, past a growth rate, an increase
        # (较去年同期增长34.4亿元) or last year's figure said between
        nearest = [j for j in self.before(phrase_start, clause)
                   if not (self.figs[j].family == "percent" and self._kind_of(j) == "growth")
                   and not self._of_last_year(j)]
        if not nearest or self.figs[nearest[0]].family not in ("money", "count"):
            return self._unchecked(i, "share", label, "the text does not state the part")
        numerator = nearest[0]
        if verb.startswith("完成") and "完成" not in self.label(numerator):
            return self._unchecked(i, "share", label, "the text does not state what is done")
        denominator = self._named(numerator, core)
        if denominator is None:
            return self._unchecked(i, "share", label, f"the text does not state {core} before it")
        self._ratio(i, "share", label, numerator, denominator)

    def _of_last_year(self, j: int) -> bool:
        """An increase on last year, or last year's own figure: never this year's part."""
        phrase = self._phrase(j)
        return bool(_INCREASE.search(phrase)) or bool(
            re.search(r"去年|上年", phrase) and not re.search(r"较|比", phrase))

    def _share_with(self, i: int, named: re.Match) -> None:
        """占年度计划200亿元的60.3%: the whole is printed inside the phrase."""
        fig, whole = self.figs[i], i - 1
        phrase = self._phrase(whole)[named.start():]
        label = phrase + self.text[self.figs[whole].start:fig.end]
        phrase_start = self.figs[whole].start - len(phrase)
        nearest = self.before(phrase_start, clause_start(self.text, phrase_start))
        if fig.approx:
            return self._unchecked(i, "share", label, "the figure is approximate")
        if not nearest or self.figs[nearest[0]].family != self.figs[whole].family:
            return self._unchecked(i, "share", label, "the text does not state the part")
        self._ratio(i, "share", label, nearest[0], whole)

    def _named(self, numerator: int, name: str) -> int | None:
        """The earlier figure that ``name`` names (年度计划, 开工在建项目…)."""
        if _PLAN.search(name):
            return self._plan(numerator, name)
        family = self.figs[numerator].family
        generic = name in _GENERIC
        for j in self.before(self.figs[numerator].start):
            if self.figs[j].family == family and name in self.context(j):
                if generic and not self._same_projects(j, numerator):
                    return None
                return j
        return None

    def _ratio(self, i: int, kind: Kind, label: str, numerator: int, denominator: int) -> None:
        for j in (numerator, denominator):
            why = self._usable(j)
            if why:
                return self._unchecked(i, kind, label, why)
        num, den = self.figs[numerator], self.figs[denominator]
        possible = num.interval() / den.interval()
        if possible is None or den.central() == 0:
            return self._unchecked(i, kind, label, f"its basis {den.text} is zero")
        with localcontext() as context:
            context.prec = 40
            central = num.central() / den.central() * HUNDRED
        self._judged(i, kind, label, possible.scale(HUNDRED), central,
                     f"{_shown(num)} of {_shown(den)}")

    # gaps against time progress --------------------------------------------------------

    def _gaps(self) -> None:
        for i, fig in enumerate(self.figs):
            if fig.family != "points" or i in self.used or fig.value is None:
                continue
            phrase = self._phrase(i)
            gap = _GAP.search(phrase)
            if not gap:
                continue
            label = phrase[gap.start():] + fig.text
            ahead = _direction(gap)
            if ahead is None:
                self._unchecked(i, "gap", label, "the text does not say ahead or behind")
                continue
            if fig.approx:
                self._unchecked(i, "gap", label, "the figure is approximate")
                continue
            gap_start = fig.start - len(phrase) + gap.start()
            rate = next((j for j in self.before(gap_start, clause_start(self.text, gap_start))
                         if self.figs[j].family == "percent" and self._kind_of(j) != "growth"),
                        None)
            if rate is None or not self._is_completion(rate):
                self._unchecked(i, "gap", label, "the text does not state the completion "
                                "rate it compares")
                continue
            why = self._usable(rate)
            if why:
                self._unchecked(i, "gap", label, why)
                continue
            progress = self._time_progress(gap_start)
            if isinstance(progress, str):
                self._unchecked(i, "gap", label, progress)
                continue
            said, time_progress, central_progress = progress
            rate_fig = self.figs[rate]
            possible = rate_fig.interval()
            if rate in self.computed:  # a wrong rate is flagged once, not again here
                possible = possible.hull(self.computed[rate])
            difference = possible - time_progress
            central = rate_fig.central() - central_progress
            if not ahead:
                difference, central = difference.scale(Decimal(-1)), -central
            self._judged(i, "gap", label, difference, central,
                         f"{rate_fig.text} against time progress {said}")

    def _is_completion(self, j: int) -> bool:
        """Whether percent ``j`` is a completion rate (占年度计划…, 投资完成率)."""
        start = clause_start(self.text, self.figs[j].start)
        before = self.text[start:self.figs[j].start]
        return bool(re.search(r"(?:占|完成|为|达到)[^，,；;。]*(?:计划|目标|任务)[^，,；;。]*$"
                              r"|完成率[^，,；;。]*$", before))

    def _time_progress(self, offset: int) -> tuple[str, Interval, Decimal] | str:
        """(how it is said, interval, value) of the time progress at ``offset``, in percent,
        or why it is unknown."""
        stated = None
        for match in _STATED_PROGRESS.finditer(self.text, 0, offset):
            stated = match
        period = None
        for match in _PERIOD.finditer(self.text, 0, offset):
            period = match
        if stated and (period is None or stated.start() > period.start()):
            j = self.index.get(stated.start("figure"))
            if j is not None and self.figs[j].value is not None:
                self.used.add(j)
                fig = self.figs[j]
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

    # growth on last year ------------------------------------------------------------------

    def _growth(self) -> None:
        for i, fig in enumerate(self.figs):
            if fig.family != "percent" or i in self.used or fig.value is None:
                continue
            phrase = self._phrase(i)
            match = _GROWTH.search(phrase)
            sentence = sentence_start(self.text, fig.start)
            if not match or not _LAST_YEAR.search(self.text, sentence, fig.start):
                continue
            label = phrase[match.start():] + fig.text
            if fig.approx:
                self._unchecked(i, "growth", label, "the figure is approximate")
                continue
            falls = match["dir"] in _FALLS
            end = fig.start - len(phrase) + match.start()
            # this year's figure is the last one before the growth that is not last year's
            # or the increase; those must stand between it and the growth, of its kind
            current = increase = last = None
            for j in self.before(end, sentence):
                phrase_j = self._phrase(j)
                if self.figs[j].family not in ("money", "count"):
                    continue
                if _INCREASE.search(phrase_j):
                    increase = j if increase is None else increase
                elif re.search(r"去年|上年", phrase_j) and not re.search(r"较|比", phrase_j):
                    last = j if last is None else last
                else:
                    current = j
                    break
            family = None if current is None else self.figs[current].family
            increase = increase if increase is not None and \
                self.figs[increase].family == family else None
            last = last if last is not None and self.figs[last].family == family else None
            if current is None or (increase is None and last is None):
                self._unchecked(i, "growth", label, "the text does not state last year's figure")
                continue
            self._growth_rate(i, label, current, increase, last, falls)

    def _growth_rate(self, i: int, label: str, current: int, increase: int | None,
                     last: int | None, falls: bool) -> None:
        for j in (current, increase, last):
            why = None if j is None else self._usable(j)
            if why:
                return self._unchecked(i, "growth", label, why)
        now = self.figs[current]
        if last is not None:  # last year's figure stated: (now − last) / last
            other = self.figs[last]
            basis = f"{now.text} against {other.text} a year before"

            def ratio(n: Decimal, b: Decimal) -> Decimal | None:
                return (n - b) / b if b > 0 else None
        else:  # the increase stated: last year's figure is now less the increase
            assert increase is not None
            other = self.figs[increase]
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
            return self._unchecked(i, "growth", label, "last year's figure is not positive")
        possible = Interval(min(bounds), max(bounds)).scale(HUNDRED)
        central *= HUNDRED
        if falls:  # 下降5% prints the fall as a positive figure
            possible, central = possible.scale(Decimal(-1)), -central
        self._judged(i, "growth", label, possible, central, basis)

    def _point_changes(self) -> None:
        """比去年同期的48.5%提高3.6个百分点: the rate before it less last year's rate."""
        for i, fig in enumerate(self.figs):
            if fig.family != "points" or i in self.used or fig.value is None or not i:
                continue
            last = self.figs[i - 1]
            rises = _POINT_CHANGE.fullmatch(self.text, last.end, fig.start)
            if last.family != "percent" or not rises or not _LAST_YEARS_RATE.search(
                    self.text, sentence_start(self.text, last.start), last.start):
                continue
            now = next((j for j in self.before(last.start, sentence_start(self.text, fig.start))
                        if self.figs[j].family == "percent" and j != i - 1), None)
            label = rises[0] + fig.text
            self.used.add(i - 1)  # last year's rate is a basis, not a claim
            why = "the text does not state this year's rate" if now is None else (
                self._usable(now) or self._usable(i - 1))
            if fig.approx or why:
                self._unchecked(i, "growth", label, why or "the figure is approximate")
                continue
            assert now is not None
            current = self.figs[now]
            possible = current.interval() - last.interval()
            central = current.central() - last.central()
            if rises["dir"] in _FALLS + ("回落",):
                possible, central = possible.scale(Decimal(-1)), -central
            self._judged(i, "growth", label, possible, central,
                         f"{current.text} against {last.text} a year before")

    # totals and their parts -----------------------------------------------------------

    def _sums(self) -> None:
        for i, whole in enumerate(self.figs):
            if whole.family not in ("money", "count") or whole.value is None:
                continue
            after = self.text[whole.end:whole.end + 1]
            if after in "（(" and after:
                self._bracketed(i)
            elif re.match(r"[，,：:]?\s?其中[，,：:]?", self.text[whole.end:]):
                self._of_which(i)

    def _bracketed(self, i: int) -> None:
        whole = self.figs[i]
        close = min((p for p in (self.text.find("）", whole.end), self.text.find(")", whole.end))
                     if p != -1), default=-1)
        if close == -1:
            return
        inside = self.text[whole.end + 1:close]
        if "（" in inside or "(" in inside:
            return
        parts = [j for j in range(i + 1, len(self.figs)) if self.figs[j].end <= close]
        if len(parts) < 2 or any(self.figs[j].family != whole.family for j in parts):
            return
        if any(not self.label(j).strip() or _EVENT.search(self.label(j)) for j in parts):
            return  # 竣工, 投产… may fall within the other parts: no partition
        partial = bool(re.search(r"其中|含|包括|等", inside))
        self._total(i, parts, exact=not partial)

    def _of_which(self, i: int) -> None:
        """其中A 15.9亿元、B 18.9亿元…: parts listed with 、 (or ；) right after 其中."""
        parts: list[int] = []
        for j in range(i + 1, len(self.figs)):
            fig, label = self.figs[j], self.label(j)
            gap = self.text[self.figs[j - 1].end:fig.start - len(label)]
            if parts and gap.strip() not in ("、", "；", ";"):
                break
            if not parts:
                label = re.sub(r"^其中[，,：:]?", "", label)
            if fig.family != self.figs[i].family or not label.strip() \
                    or re.search(r"已|未|其中", label) or _EVENT.search(label):
                break
            parts.append(j)
        if len(parts) >= 2:
            self._total(i, parts, exact=False)

    def _total(self, i: int, parts: list[int], exact: bool) -> None:
        whole = self.figs[i]
        label = self._label(i)
        for j in (i, *parts):
            why = self._usable(j)
            if why:
                if j == i:
                    return  # a placeholder total is no figure to judge
                return self._unchecked_sum(i, label, why)
        total = Interval.exact(Decimal(0))
        central = Decimal(0)
        for j in parts:
            total = total + self.figs[j].interval()
            central += self.figs[j].central()
        scale = MONEY.get(whole.unit, Decimal(1))  # 万元 in one of the whole's unit
        shown = " + ".join(_shown(self.figs[j]) for j in parts)
        places = max([whole.places, *(self.figs[j].places for j in parts)])
        expected = at_places(central / scale, places) + whole.unit
        bounds = whole.interval()
        assert whole.value is not None  # a placeholder whole returned above
        if exact:
            ok = holds(whole.value, whole.places, total.scale(1 / scale))
            basis = shown
        else:  # the parts after 其中 may be fewer than the whole, never more
            ok = total.lo <= bounds.hi
            basis = f"its parts {shown}" + ("" if ok else ", more than the whole")
        claim = Claim("sum", whole.start, whole.text, label, ok, expected, basis)
        self.found.append(claim)

    def _unchecked_sum(self, i: int, label: str, why: str) -> None:
        whole = self.figs[i]
        self.found.append(Claim("sum", whole.start, whole.text, label, None, None, why))


# ---------------------------------------------------------------- the forms' wording

_RATE = re.compile(r"(?P<name>[\u4e00-\u9fa5]{1,6}率)(?:已|也|均)?(?:达到了?|达|为|是|约为|"
                   r"提高到|提高至|提升到|提升至|升至|增至)?\s?$")
_RATE_VERBS = ("开复工", "复工", "开工", "投产", "竣工", "完工", "签约", "达效", "达产",
               "到位", "完成", "履约", "落地", "入库", "纳统")
_MONEY_VERBS = ("完成", "到位")
_SHARE_OF = re.compile(r"(?P<verb>占)(?P<name>[^，,。；;：:、\d%（）()]{0,24}?)的?"
                       r"(?:比重|比例|份额)?(?:为|达|达到|是|约)?\s?$")
_SHARE_WITH = re.compile(r"(?:的|的?比重|的?比例)(?:为|达|达到|是)?\s?")
_SHARE_NAMED = re.compile(r"(?:占|为|相当于|完成了?)(?P<name>[^，,。；;：:、\d%（）()]{0,24})$")
_GENERIC = ("总投资", "项目", "投资", "全部", "总数", "总量", "计划", "总计划")
_SHARE_DE = re.compile(r"(?P<verb>为|达到|相当于|完成了?)(?P<name>[^，,。；;：:、\d%（）()]{1,24}?)"
                       r"的\s?$")
_NAME_END = re.compile(r"(?:的|总数|数量|个数|数|总额|总量|总和)$")
_PROGRESS_NAME = r"(?:序时进度|时间进度|时序进度|均衡进度)"
_GAP = re.compile(r"(?P<before>超过了?|超出了?|超前于?|超|快于|快出|高于|高出|领先于?|"
                  r"落后于?|低于|慢于|滞后于?|比|较)?(?:全年)?" + _PROGRESS_NAME +
                  r"(?:要求)?(?P<after>快了?|慢了?|高出?了?|低了?|超出?了?|落后了?)?(?:约|为|达)?\s?$")
_AHEAD = re.compile(r"超|快|高|领先")
_STATED_PROGRESS = re.compile(_PROGRESS_NAME + r"(?:为|是|达)?\s?(?P<figure>\d+(?:\.\d+)?%)")
_PERIOD = re.compile(
    r"(?:1|一)\s?[-—–~～至到]\s?(?P<n>\d{1,2})月|前(?P<first>\d{1,2})个?月"
    r"|(?P<named>上半年|前三季度|前两季度|前二季度|第一季度|一季度|全年(?=[，,]|累计|共|完成))"
    r"|截至(?:\d{4}年)?(?P<end>\d{1,2})月(?:底|末|(?:2[89]|3[01])日)"
    r"|(?P<vague>截至目前|截至日前|今年以来|截至\d{1,2}月\d{1,2}日|\d{1,2}月份|下半年|[二三四]季度)")
_NAMED_MONTHS = {"上半年": 6, "前三季度": 9, "前两季度": 6, "前二季度": 6, "第一季度": 3,
                 "一季度": 3, "全年": 12}
_GROWTH = re.compile(r"(?:同比|(?:比|较)(?:上年|去年)(?:同期)?)?(?:分别)?"
                     r"(?P<dir>增长|增加|上升|提高|下降|减少|降低)了?(?:约)?\s?$")
_FALLS = ("下降", "减少", "降低")
_POINT_CHANGE = re.compile(r"(?:，|,)?(?P<dir>提高|上升|增加|增长|下降|降低|回落|减少)了?\s?")
_LAST_YEARS_RATE = re.compile(r"(?:比|较)(?:去年|上年)(?:同期)?(?:的)?\s?$")
_LAST_YEAR = re.compile(r"同比|去年|上年")
_INCREASE = re.compile(r"(?:较|比)(?:去年|上年)(?:同期)?(?:增长|增加|多|下降|减少|少)了?\s?$")


def _direction(gap: re.Match) -> bool | None:
    """True when a gap phrase says ahead of time progress, False behind, None unsaid."""
    word = gap["after"] or gap["before"]
    if not word or word in ("比", "较"):
        return None
    return bool(_AHEAD.match(word))


def _months(period: re.Match) -> int | None:
    for group in ("n", "first", "end"):
        if period[group]:
            n = int(period[group])
            return n if 1 <= n <= 12 else None
    if period["named"]:
        return _NAMED_MONTHS[period["named"]]
    return None


def _verbs_in(name: str) -> list[str]:
    return [v for v in _RATE_VERBS if v in name] or [name]


def _shown(fig: Figure) -> str:
    """A basis as the message shows it: counts bare (47), amounts with their unit."""
    return fig.number if fig.family == "count" else fig.text


def _why_unchecked(fig: Figure) -> str:
    if fig.value is None:
        return "the figure is a placeholder"
    if fig.approx:
        return "the figure is approximate"
    return "the text does not state its basis"

