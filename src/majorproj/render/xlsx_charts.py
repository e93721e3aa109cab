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
from majorproj.render.xlsx import RATE_FORMAT
from majorproj.report.charts import Chart, build_charts

if TYPE_CHECKING:
    from majorproj.metrics import Summary

COUNT_FORMAT = "0"
CHART_ROWS = 18  # rows a chart takes on the sheet, and so the least a table's block takes
CHARTS_A_PAGE = 2  # of a landscape A4 page
CHART_WIDTH, CHART_HEIGHT = 18, 8.5  # centimetres


def add_charts_sheet(book, summary: Summary) -> None:
    """The 图表 sheet, when the period has charts (none without counties or plans)."""
    charts = build_charts(summary)
    if not charts:
        return
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    ws = book.create_sheet(CHARTS_SHEET)
    widest = max(len(c.series) for c in charts) + 1
    ws.column_dimensions["A"].width = 16
    for column in range(2, widest + 1):
        ws.column_dimensions[get_column_letter(column)].width = 12
    top = 1
    for number, chart in enumerate(charts):
        if number and number % CHARTS_A_PAGE == 0:  # a chart is never cut by a page
            ws.row_breaks.append(Break(id=top - 1))
        ws.cell(top, 1, chart.caption).font = Font(bold=True)
        _write_table(ws, chart, top + 1)
        ws.add_chart(_native_chart(ws, chart, top + 1),
                     f"{get_column_letter(widest + 2)}{top}")
        top += max(len(chart.categories) + 3, CHART_ROWS)
    ws.page_setup.orientation = "landscape"  # a table and its chart side by side, printed
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _write_table(ws, chart: Chart, header: int) -> None:
    from openpyxl.styles import Font

    ws.cell(header, 1, _category_label(chart)).font = Font(bold=True)
    for column, series in enumerate(chart.series, 2):
        ws.cell(header, column, series.name).font = Font(bold=True)
        for row, value in enumerate(series.values, header + 1):
            if value is None:
                continue
            cell = ws.cell(row, column, value if isinstance(value, int) else float(value))
            cell.number_format = RATE_FORMAT if chart.percent else COUNT_FORMAT
    for row, name in enumerate(chart.categories, header + 1):
        ws.cell(row, 1, name)


def _category_label(chart: Chart) -> str:
    return "月份" if chart.categories and chart.categories[0].endswith("月") else "地区"


def _native_chart(ws, chart: Chart, header: int):
    """The chart over the table whose header row is ``header``: bars, with the line
    series in a line chart sharing their axes, or lines alone."""
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    first, last = header + 1, header + len(chart.categories)
    categories = str(Reference(ws, min_col=1, min_row=first, max_row=last))
    plots = []
    for kind in ("bar", "line"):
        members = [(i, s) for i, s in enumerate(chart.series, 2) if s.kind == kind]
        if not members:
            continue
        plot = BarChart() if kind == "bar" else LineChart()
        if kind == "bar":
            plot.type, plot.gapWidth = "col", 80
            if chart.stacked:
                plot.grouping, plot.overlap = "stacked", 100
        for column, series in members:
            plot.add_data(Reference(ws, min_col=column, min_row=header, max_row=last),
                          titles_from_data=True)
            native = plot.series[-1]
            native.cat = AxDataSource(strRef=StrRef(f=categories))  # names, not numbers
            _style(native, series)
        plots.append(plot)
    base = plots[0]
    for plot in plots[1:]:  # the 序时进度 line over the bars, on their axes
        base += plot
    base.title = chart.caption
    base.width, base.height = CHART_WIDTH, CHART_HEIGHT
    base.legend.position = "b"
    base.y_axis.number_format = "0%" if chart.percent else "0"
    base.x_axis.delete = base.y_axis.delete = False  # openpyxl hides the axes otherwise
    base.x_axis.axPos, base.y_axis.axPos = "b", "l"
    return base


def _style(native, series) -> None:
    from openpyxl.chart.marker import Marker
    from openpyxl.chart.shapes import GraphicalProperties

    props = native.graphicalProperties
    if series.kind == "bar":
        props.solidFill = series.colour
        props.line.solidFill = series.colour
        return
    props.line.solidFill = series.colour
    props.line.width = 22225  # EMU: 1.75 pt
    if series.dashed:
        props.line.dashStyle = "dash"
        native.marker = Marker(symbol="none")
    else:
        native.marker = Marker(symbol="circle", size=5)
        native.marker.graphicalProperties = GraphicalProperties(solidFill=series.colour)
        native.marker.graphicalProperties.line.solidFill = series.colour
    native.smooth = False
