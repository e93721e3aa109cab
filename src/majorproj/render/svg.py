"""The report's charts as SVG, for the web page: deterministic text, no script, no link.

Every label is escaped as XML text, so a county's name is never markup. Percentages are
``render.numbers.percent`` (one decimal, half up), like every other output.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.render.numbers import percent, plain
from majorproj.render.ooxml import xml_text as _text

if TYPE_CHECKING:
    from majorproj.report.charts import Chart, Series

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 40, 64


def chart_svg(chart: Chart, font: str = "sans-serif") -> str:
    """One chart as an ``<svg>`` element (a string), sized by its viewBox."""
    top_value, step = chart.axis
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(chart.categories)
    slot = plot_w / n

    def x_of(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    def y_of(value: Decimal | int) -> float:
        return TOP + plot_h * (1 - float(Decimal(value) / top_value))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{_text(chart.caption)}" '
             f'font-family="{_text(font)}" font-size="12">']
    parts += _grid(chart, top_value, step, y_of)
    bars = [s for s in chart.series if s.kind == "bar"]
    parts += _bars(chart, bars, slot, x_of, y_of)
    for series in chart.series:
        if series.kind == "line":
            parts += _line(series, x_of, y_of)
    rotate = n > 8
    for i, name in enumerate(chart.categories):
        x, y = x_of(i), TOP + plot_h + 16
        transform = f' transform="rotate(-40 {x:.1f} {y:.1f})"' if rotate else ""
        anchor = "end" if rotate else "middle"
        parts.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{transform}>'
                     f"{_text(name)}</text>")
    parts += _legend(chart.series)
    parts.append("</svg>")
    return "".join(parts)


def _label(chart: Chart, value: Decimal | int) -> str:
    return percent(Decimal(value)) if chart.percent else plain(Decimal(value))


def _grid(chart: Chart, top_value: Decimal, step: Decimal, y_of) -> list[str]:
    parts = []
    value = Decimal(0)
    while value <= top_value:
        y = y_of(value)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="#{"595959" if not value else "D9D9D9"}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#595959">'
                     f"{_text(_label(chart, value))}</text>")
        value += step
    return parts


def _bars(chart: Chart, bars: list[Series], slot: float, x_of, y_of) -> list[str]:
    if not bars:
        return []
    group = slot * 0.7
    width = group if chart.stacked else group / len(bars)
    parts = []
    for i in range(len(chart.categories)):
        base = Decimal(0)
        for k, series in enumerate(bars):
            value = series.values[i]
            if value is None or (chart.stacked and not value):
                continue
            left = x_of(i) - group / 2 + (0 if chart.stacked else k * width)
            low, high = (base, base + value) if chart.stacked else (Decimal(0), Decimal(value))
            y_top, y_bottom = y_of(high), y_of(low)
            parts.append(f'<rect x="{left:.1f}" y="{y_top:.1f}" width="{width:.1f}" '
                         f'height="{y_bottom - y_top:.1f}" fill="#{series.colour}">'
                         f"<title>{_text(series.name)} {_text(_label(chart, value))}</title>"
                         "</rect>")
            if chart.stacked:
                base += value
            elif chart.labelled:  # above the bar, or inside its top where a line passes
                inside = i in chart.labels_inside
                y, fill = (y_top + 14, ' fill="#FFFFFF"') if inside else (y_top - 4, "")
                parts.append(f'<text x="{left + width / 2:.1f}" y="{y:.1f}" '
                             f'text-anchor="middle" font-size="11"{fill}>'
                             f"{_text(_label(chart, value))}</text>")
        if chart.stacked and base and len(chart.categories) <= 16:
            parts.append(f'<text x="{x_of(i):.1f}" y="{y_of(base) - 4:.1f}" '
                         f'text-anchor="middle" font-size="11">{base}</text>')
    return parts


def _line(series: Series, x_of, y_of) -> list[str]:
    dash = ' stroke-dasharray="6 4"' if series.dashed else ""
    runs: list[list[str]] = [[]]
    for i, value in enumerate(series.values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{x_of(i):.1f},{y_of(value):.1f}")
    parts = [f'<polyline points="{" ".join(run)}" fill="none" stroke="#{series.colour}" '
             f'stroke-width="2"{dash}/>' for run in runs if len(run) > 1]
    if not series.dashed:
        parts += [f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" '
                  f'fill="#{series.colour}"/>' for run in runs for p in run]
    return parts


def _legend(series: tuple[Series, ...]) -> list[str]:
    parts, x = [], float(LEFT)
    for s in series:
        if s.kind == "bar":
            parts.append(f'<rect x="{x:.1f}" y="12" width="14" height="10" fill="#{s.colour}"/>')
        else:
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            parts.append(f'<line x1="{x:.1f}" y1="17" x2="{x + 14:.1f}" y2="17" '
                         f'stroke="#{s.colour}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{x + 18:.1f}" y="21">{_text(s.name)}</text>')
        x += 30 + 13 * len(s.name)
    return parts
