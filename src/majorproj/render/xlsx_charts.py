"""The 调度表 workbook's 图表 sheet: the report's charts as native Excel charts.

Each chart of ``report.charts`` gets a small table of its data (a title row 图N …, a
header row with the series' names, then a row per category: rates as numbers shown 0.0%,
counts as integers) and beside it a native chart drawn from those cells: the county bars
with the dashed 序时进度 line over them, the monthly lines, the stacked lights. The series'
colours are the report's, the rate axes read 0%.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from majorproj.excel.columns import CHARTS_SHEET
from majorproj.render.sheet_rows import SheetRows, cell_style, cells
from majorproj.render.xlsx import RATE_FORMAT
from majorproj.report.charts import Chart, build_charts

if TYPE_CHECKING:
    from majorproj.metrics import Summary

COUNT_FORMAT = "0"
CHART_ROWS = 18  # rows a chart takes on the sheet, and so the least a table's block takes
CHARTS_A_PAGE = 2  # of a landscape A4 page
CHART_WIDTH, CHART_HEIGHT = 18, 8.5  # centimetres
CM_PER_INCH, PIXELS_PER_INCH = 2.54, 96


def add_charts_sheet(book, summary: Summary) -> SheetRows | None:
    """The 图表 sheet, when the period has charts (none without counties or plans): its
    charts and settings added to ``book``, its cells returned."""
    charts = build_charts(summary)
    if not charts:
        return None
    from majorproj.render.xlsx import MAX_DIGIT_PIXELS, landscape_pages

    ws = book.add_worksheet(CHARTS_SHEET)
    bold = cell_style(book, {"bold": True})
    numbers = {True: cell_style(book, {"num_format": RATE_FORMAT}),
               False: cell_style(book, {"num_format": COUNT_FORMAT})}
    widest = max(len(c.series) for c in charts) + 1
    out = SheetRows(widest)
    rest = [None] * (widest - 1)
    ws.set_column_pixels(0, 0, 16 * MAX_DIGIT_PIXELS)  # the width the file stores: 16, 12
    ws.set_column_pixels(1, widest - 1, 12 * MAX_DIGIT_PIXELS)
    top = 0  # 0-based: the chart's title row
    breaks = []
    for number, chart in enumerate(charts):
        if number and number % CHARTS_A_PAGE == 0:  # a chart is never cut by a page
            breaks.append(top)  # the page ends above the title row
        out.row(top, cells([chart.caption, *rest], [bold, *[""] * len(rest)]))
        _write_table(out, chart, top + 1, bold, numbers[chart.percent], widest)
        ws.insert_chart(top, widest + 1, _native_chart(book, chart, top + 1))
        top += max(len(chart.categories) + 3, CHART_ROWS)
    if breaks:
        ws.set_h_pagebreaks(breaks)
    landscape_pages(ws)  # a table and its chart side by side, printed
    return out


def _write_table(out: SheetRows, chart: Chart, header: int, bold: str, number: str,
                 width: int) -> None:
    """The chart's data, row by row, each row ``width`` cells (the last ones empty)."""
    rest = [None] * (width - 1 - len(chart.series))
    out.row(header, cells([_category_label(chart), *(s.name for s in chart.series), *rest],
                          [bold] * (1 + len(chart.series)) + [""] * len(rest)))
    for row, name in enumerate(chart.categories, header + 1):
        values = [series.values[row - header - 1] for series in chart.series]
        out.row(row, cells(
            [name, *(v if v is None or isinstance(v, int) else float(v) for v in values),
             *rest],
            ["", *("" if v is None else number for v in values), *[""] * len(rest)]))


def _category_label(chart: Chart) -> str:
    return "月份" if chart.categories and chart.categories[0].endswith("月") else "地区"


def _reference(first_row: int, column: int, last_row: int | None = None) -> str:
    """A cell, or a column's cells, as a chart's formula names them (the sheet's name
    quoted, as Excel writes it)."""
    from xlsxwriter.utility import xl_range_abs, xl_rowcol_to_cell

    cells = (xl_rowcol_to_cell(first_row, column, row_abs=True, col_abs=True)
             if last_row is None else xl_range_abs(first_row, column, last_row, column))
    return f"='{CHARTS_SHEET}'!{cells}"


def _native_chart(book, chart: Chart, header: int):
    """The chart over the table whose header row is ``header`` (0-based): bars, with the
    line series in a line chart combined on their axes, or lines alone. Each series
    carries its cells' values too (XlsxWriter does not hold the cells, ``sheet_rows``
    writes them), so that its categories are names and a reader draws it without
    recalculating."""
    first, last = header + 1, header + len(chart.categories)
    categories = _reference(first, 0, last)
    plots = []
    for kind in ("bar", "line"):
        members = [(i, s) for i, s in enumerate(chart.series, 1) if s.kind == kind]
        if not members:
            continue
        if kind == "bar":
            plot = book.add_chart({"type": "column",
                                   **({"subtype": "stacked"} if chart.stacked else {})})
        else:
            plot = book.add_chart({"type": "line"})
        for column, series in members:
            plot.add_series({
                "name": _reference(header, column),
                "name_data": [series.name],
                "categories": categories, "categories_data": list(chart.categories),
                "values": _reference(first, column, last),
                "values_data": [None if v is None else v if isinstance(v, int) else float(v)
                                for v in series.values],
                **_style(series, chart),
            })
        plots.append(plot)
    base = plots[0]
    for plot in plots[1:]:  # the 序时进度 line over the bars, on their axes
        base.combine(plot)
    base.set_title({"name": chart.caption})
    base.set_size({"width": _pixels(CHART_WIDTH), "height": _pixels(CHART_HEIGHT)})
    base.set_legend({"position": "bottom"})
    base.set_y_axis({"num_format": "0%" if chart.percent else "0"})
    return base


def _pixels(centimetres: float) -> int:
    return round(centimetres / CM_PER_INCH * PIXELS_PER_INCH)


def _style(series, chart: Chart) -> dict:
    colour = f"#{series.colour}"
    if series.kind == "bar":
        return {"fill": {"color": colour}, "border": {"color": colour}, "gap": 80,
                **({"overlap": 100} if chart.stacked else {})}
    line = {"color": colour, "width": 1.75}
    if series.dashed:
        return {"line": {**line, "dash_type": "dash"}, "marker": {"type": "none"}}
    return {"line": line, "marker": {"type": "circle", "size": 5, "fill": {"color": colour},
                                     "border": {"color": colour}}}
