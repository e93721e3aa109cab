"""What the report's charts show (图1, 图2, …): their data, already decided.

Each renderer draws the same charts: the .docx as native Word charts (``render.chart``),
the web page as SVG (``render.svg``), the Markdown as tables of their data. Rates are
unrounded fractions and counts are integers; rounding is the renderer's, at presentation.

1. 各县（市、区）投资完成率: bars per county, in the ranking's order, and the 序时进度 line;
2. 逐月累计投资完成率: the cumulative completion rate of each month against the time line,
   and last year's of the same months where 同比 is known;
3. 各县（市、区）项目预警情况: red, yellow and green projects per county, stacked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from functools import cached_property
from typing import Literal

from majorproj.metrics import Summary
from majorproj.metrics.rates import completion_rate

RED, YELLOW, GREEN = "C00000", "FFC000", "70AD47"  # the lights' colours
# the value axis' steps: the smallest giving at most MAX_TICKS above 0 is the axis'
STEPS = (Decimal("0.05"), Decimal("0.1"), Decimal("0.2"), Decimal("0.25"), Decimal("0.5"),
         Decimal(1), Decimal(2), Decimal(5), Decimal(10), Decimal(20), Decimal(50),
         Decimal(100), Decimal(200), Decimal(500), Decimal(1000))
MAX_TICKS = 6
LABELLED = 16  # a single bar series over at most this many categories shows its values
# how high a bar's value label stands above it, as a share of the axis (10.5 pt on the
# page's chart, 11 px on the web page's, each with its gap); and how far below a line may
# pass and still touch the label, for its width
LABEL_HEIGHT, LINE_HALF_WIDTH = Decimal("0.09"), Decimal("0.01")
BLUE, GREY, ORANGE = "4472C4", "7F7F7F", "ED7D31"  # bars, the 序时进度 line, last year


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name, a value per category, and how it is drawn."""

    name: str
    values: tuple[Decimal | int | None, ...]  # one per category; None: no value (—)
    kind: Literal["bar", "line"] = "bar"
    colour: str = BLUE  # RRGGBB
    dashed: bool = False


@dataclass(frozen=True)
class Chart:
    """A numbered chart of the report (图N): its categories and series."""

    number: int
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool = True  # values are fractions shown as percent; else counts
    stacked: bool = False

    @property
    def caption(self) -> str:
        return f"图{self.number} {self.title}"

    @cached_property
    def axis(self) -> tuple[Decimal, Decimal]:
        """The value axis' top and its step, the same in every renderer: the smallest step
        of ``STEPS`` (whole ones for counts) that reaches the highest value (a stack's
        total) in at most ``MAX_TICKS``."""
        if self.stacked:
            highest = max((sum(Decimal(s.values[i] or 0) for s in self.series)
                           for i in range(len(self.categories))), default=Decimal(0))
        else:
            highest = max((Decimal(v) for s in self.series for v in s.values if v is not None),
                          default=Decimal(0))
        if highest <= 0:
            highest = Decimal(1)
        steps = STEPS if self.percent else tuple(s for s in STEPS if s == s.to_integral())
        for step in steps:
            ticks = (highest / step).to_integral_value(rounding=ROUND_CEILING)
            if ticks <= MAX_TICKS:
                return ticks * step, step
        step = steps[-1]
        return (highest / step).to_integral_value(rounding=ROUND_CEILING) * step, step

    @property
    def labelled(self) -> bool:
        """Whether its bars show their values: one bar series, not too many categories."""
        return sum(s.kind == "bar" for s in self.series) == 1 \
            and len(self.categories) <= LABELLED and not self.stacked

    @cached_property
    def labels_inside(self) -> frozenset[int]:
        """The categories whose bar's value label stands inside the bar's top, not above
        it: those where a line (序时进度) would cross the label above, and the bar is tall
        enough to hold it."""
        if not self.labelled:
            return frozenset()
        top = self.axis[0]
        height, half = LABEL_HEIGHT * top, LINE_HALF_WIDTH * top
        bars = next(s for s in self.series if s.kind == "bar")
        inside = set()
        for i, value in enumerate(bars.values):
            if value is None or value < height:
                continue
            lines = [s.values[i] for s in self.series if s.kind == "line"]
            if any(line is not None and value - half <= line <= value + height
                   for line in lines):
                inside.add(i)
        return frozenset(inside)


def build_charts(summary: Summary) -> tuple[Chart, ...]:
    """The period's charts; none for a ledger without counties' projects or plans."""
    charts: list[Chart] = []
    for make in (_county_rates, _monthly, _county_lights):
        chart = make(summary, len(charts) + 1)
        if chart is not None:
            charts.append(chart)
    return tuple(charts)


def _county_rates(summary: Summary, number: int) -> Chart | None:
    ranked = [r for r in summary.ranking if r.figures.completion_rate is not None]
    if not ranked:
        return None
    time = summary.period.time_progress
    return Chart(number, "各县（市、区）投资完成率", tuple(r.county for r in ranked), (
        Series("投资完成率", tuple(r.figures.completion_rate for r in ranked)),
        Series("序时进度", tuple(time for _ in ranked), "line", GREY, dashed=True),
    ))


def _monthly(summary: Summary, number: int) -> Chart | None:
    plan = summary.overall.annual_plan
    if not plan:
        return None
    months = range(1, summary.period.month + 1)
    rates = tuple(completion_rate(done, plan) for done in summary.monthly_completed)
    series = [Series("投资完成率", rates, "line", BLUE)]
    if summary.last_year_monthly:
        series.append(Series("去年同期", summary.last_year_monthly, "line", ORANGE))
    series.append(Series("序时进度", tuple(Decimal(m) / Decimal(12) for m in months), "line",
                         GREY, dashed=True))
    return Chart(number, "逐月累计投资完成率", tuple(f"{m}月" for m in months), tuple(series))


def _county_lights(summary: Summary, number: int) -> Chart | None:
    counties = [(name, f) for name, f in summary.groups["county"].items() if f.projects]
    if not any(sum(f.lights.values()) for _, f in counties):
        return None
    names = tuple(name for name, _ in counties)
    return Chart(number, "各县（市、区）项目预警情况", names, tuple(
        Series(label, tuple(f.lights.get(light, 0) for _, f in counties), "bar", colour)
        for light, label, colour in (("red", "红灯", RED), ("yellow", "黄灯", YELLOW),
                                     ("green", "绿灯", GREEN))
    ), percent=False, stacked=True)
