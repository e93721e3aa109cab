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
from decimal import Decimal
from typing import Literal

from majorproj.metrics import Summary
from majorproj.metrics.rates import completion_rate

RED, YELLOW, GREEN = "C00000", "FFC000", "70AD47"  # the lights' colours
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
