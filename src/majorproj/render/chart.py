"""A chart of the report as a native Word chart: the ``c:chart`` part and its workbook.

python-pptx's chart XML writer writes the DrawingML chart (the same part in Word as in
PowerPoint), with every value cached in the part so that Word, WPS and LibreOffice draw it
without opening the workbook; XlsxWriter writes the embedded workbook that Word opens when
an office edits the chart's data. Bars and lines share one plot (the 序时进度 line over the
county bars); fonts are the document's; the bytes are the same in every run.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.render.package import deterministic_zip, read_package

if TYPE_CHECKING:
    from majorproj.ledger.models import Fonts
    from majorproj.report.charts import Chart

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"c": C_NS, "a": A_NS}
WORKBOOK_TIME = datetime(2000, 1, 1)  # the embedded workbook's fixed creation time
TEXT_SIZE = 1050  # hundredths of a point: 10.5 pt, the annex tables' size


def _c(tag: str) -> str:
    return f"{{{C_NS}}}{tag}"


def chart_xml(chart: Chart, fonts: Fonts, workbook_rid: str) -> bytes:
    """The chart part's XML; ``workbook_rid`` is its relationship to the embedded workbook."""
    from lxml import etree
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE

    data = _chart_data(chart)
    bar_type = XL_CHART_TYPE.COLUMN_STACKED if chart.stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    kinds = [s.kind for s in chart.series]
    base_type = bar_type if "bar" in kinds else XL_CHART_TYPE.LINE
    space = etree.fromstring(ChartXmlWriter(base_type, data).xml.encode("utf-8"))
    plot = space.find("c:chart/c:plotArea", NS)
    first = plot[0]
    if base_type is bar_type and "line" in kinds:  # move the line series into a lineChart
        lines = etree.fromstring(ChartXmlWriter(XL_CHART_TYPE.LINE, data).xml.encode("utf-8"))
        line_chart = lines.find("c:chart/c:plotArea/c:lineChart", NS)
        for ser, series in zip(first.findall("c:ser", NS), chart.series, strict=True):
            if series.kind == "line":
                first.remove(ser)
        for ser, series in zip(line_chart.findall("c:ser", NS), chart.series, strict=True):
            if series.kind != "line":
                line_chart.remove(ser)
        for mine, theirs in zip(line_chart.findall("c:axId", NS), first.findall("c:axId", NS),
                                strict=True):
            mine.set("val", theirs.get("val"))
        first.addnext(line_chart)
    for group in plot:
        for ser in group.findall("c:ser", NS):
            _style_series(ser, chart.series[int(ser.find("c:idx", NS).get("val"))], chart)
        if group.tag == _c("barChart"):
            _gap(group, chart.stacked)
    _axes(plot, chart)
    _legend(space.find("c:chart", NS))
    _text_properties(space, fonts)
    space.find("c:date1904", NS).addnext(_el("roundedCorners", val="0"))
    external = _el("externalData")
    external.set(f"{{{R_NS}}}id", workbook_rid)
    external.append(_el("autoUpdate", val="0"))
    space.append(external)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def chart_workbook(chart: Chart) -> bytes:
    """The embedded workbook: categories in column A from row 2, one series a column from B,
    its name in row 1, as the chart part's references say."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": WORKBOOK_TIME, "author": "majorproj"})
    sheet = book.add_worksheet("Sheet1")
    number = book.add_format({"num_format": "0.0%" if chart.percent else "0"})
    for row, name in enumerate(chart.categories, 1):
        sheet.write_string(row, 0, name)
    for col, series in enumerate(chart.series, 1):
        sheet.write_string(0, col, series.name)
        for row, value in enumerate(series.values, 1):
            if value is not None:
                sheet.write_number(row, col, float(value), number)
    sheet.set_column(0, 0, 14)
    book.close()
    return deterministic_zip(read_package(out.getvalue()))


def _chart_data(chart: Chart):
    from pptx.chart.data import CategoryChartData

    data = CategoryChartData(number_format="0.0%" if chart.percent else "0")
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, [None if v is None else _number(v) for v in series.values])
    return data


def _number(value: Decimal | int) -> float | int:
    """The value as the chart caches it: counts as they are, rates to six places."""
    if isinstance(value, int):
        return value
    return float(round(Decimal(value), 6))


def _el(tag: str, **attributes: str):
    from lxml import etree

    element = etree.Element(_c(tag), nsmap={"c": C_NS, "a": A_NS})
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _shape(colour: str, line: bool, dashed: bool):
    from lxml import etree

    dash = '<a:prstDash val="dash"/>' if dashed else ""
    if line:
        inner = (f'<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{colour}"/>'
                 f"</a:solidFill>{dash}<a:round/></a:ln>")
    else:
        inner = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
    return etree.fromstring(f'<c:spPr xmlns:c="{C_NS}" xmlns:a="{A_NS}">{inner}</c:spPr>')


def _style_series(ser, series, chart: Chart) -> None:
    ser.find("c:tx", NS).addnext(_shape(series.colour, series.kind == "line", series.dashed))
    if series.kind == "line":
        marker = ser.find("c:marker", NS)
        if marker is None:
            marker = _el("marker")
            ser.find("c:spPr", NS).addnext(marker)
        for child in list(marker):
            marker.remove(child)
        marker.append(_el("symbol", val="none" if series.dashed else "circle"))
        if not series.dashed:
            marker.append(_el("size", val="5"))
        smooth = ser.find("c:smooth", NS)
        if smooth is not None:
            smooth.set("val", "0")
    bars = [s for s in chart.series if s.kind == "bar"]
    if series.kind == "bar" and len(bars) == 1 and len(chart.categories) <= 16:
        labels = _el("dLbls")
        for tag, val in (("showLegendKey", "0"), ("showVal", "1"), ("showCatName", "0"),
                         ("showSerName", "0"), ("showPercent", "0"), ("showBubbleSize", "0")):
            labels.append(_el(tag, val=val))
        ser.find("c:cat", NS).addprevious(labels)


def _gap(bar_chart, stacked: bool) -> None:
    for tag in ("gapWidth", "overlap"):
        for old in bar_chart.findall(f"c:{tag}", NS):
            bar_chart.remove(old)
    first_axis = bar_chart.find("c:axId", NS)
    first_axis.addprevious(_el("gapWidth", val="60"))
    if stacked:
        first_axis.addprevious(_el("overlap", val="100"))


def _axes(plot, chart: Chart) -> None:
    value_axis = plot.find("c:valAx", NS)
    scaling = value_axis.find("c:scaling", NS)
    for child in list(scaling):
        scaling.remove(child)
    scaling.append(_el("orientation", val="minMax"))
    scaling.append(_el("min", val="0"))
    grid = value_axis.find("c:majorGridlines", NS)
    number = _el("numFmt", formatCode="0%" if chart.percent else "0", sourceLinked="0")
    (grid if grid is not None else value_axis.find("c:axPos", NS)).addnext(number)


def _legend(chart_element) -> None:
    for old in chart_element.findall("c:legend", NS) + chart_element.findall("c:plotVisOnly", NS):
        chart_element.remove(old)
    legend = _el("legend")
    legend.append(_el("legendPos", val="t"))
    legend.append(_el("overlay", val="0"))
    plot = chart_element.find("c:plotArea", NS)
    plot.addnext(legend)
    legend.addnext(_el("plotVisOnly", val="1"))


def _text_properties(space, fonts: Fonts) -> None:
    from lxml import etree

    from majorproj.render.ooxml import xml_text

    for old in space.findall("c:txPr", NS):
        space.remove(old)
    tx = etree.fromstring(
        f'<c:txPr xmlns:c="{C_NS}" xmlns:a="{A_NS}"><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
        f'<a:defRPr sz="{TEXT_SIZE}"><a:latin typeface="{xml_text(fonts.latin)}"/>'
        f'<a:ea typeface="{xml_text(fonts.body)}"/><a:cs typeface="{xml_text(fonts.latin)}"/>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')
    space.find("c:chart", NS).addnext(tx)


