"""A chart of the report as a native Word chart: the ``c:chart`` part and its workbook.

The chart part is DrawingML (the same in Word as in PowerPoint), written here whole: one
plot, the bars (clustered, or stacked) and the lines over them sharing its two axes, with
every value cached in the part so that Word, WPS and LibreOffice draw it without opening
the workbook. XlsxWriter writes the embedded workbook that Word opens when an office edits
the chart's data; the part's references (``Sheet1!$B$2:$B$7``) point into it. Fonts are the
document's; the bytes are the same in every run.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.render.ooxml import xml_text
from majorproj.render.package import deterministic_zip, read_package

if TYPE_CHECKING:
    from majorproj.ledger.models import Fonts
    from majorproj.report.charts import Chart, Series

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK_TIME = datetime(2000, 1, 1)  # the embedded workbook's fixed creation time
TEXT_SIZE = 1050  # hundredths of a point: 10.5 pt, the annex tables' size
CATEGORY_AXIS, VALUE_AXIS = "-2068027336", "-2113994440"  # any two ids, the same each run
_WHITE = ('<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr><a:solidFill>'
          '<a:srgbClr val="FFFFFF"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/>'
          "</a:p></c:txPr>")
_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent",
          "showBubbleSize")


def chart_xml(chart: Chart, fonts: Fonts, workbook_rid: str) -> bytes:
    """The chart part's XML; ``workbook_rid`` is its relationship to the embedded workbook."""
    bars = [(i, s) for i, s in enumerate(chart.series) if s.kind == "bar"]
    lines = [(i, s) for i, s in enumerate(chart.series) if s.kind == "line"]
    axes = f'<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/>'
    plot = []
    if bars:
        series = "".join(_series(chart, i, s) for i, s in bars)
        grouping = "stacked" if chart.stacked else "clustered"
        overlap = '<c:overlap val="100"/>' if chart.stacked else ""
        plot.append(f'<c:barChart><c:barDir val="col"/><c:grouping val="{grouping}"/>{series}'
                    f'<c:gapWidth val="60"/>{overlap}{axes}</c:barChart>')
    if lines:
        series = "".join(_series(chart, i, s) for i, s in lines)
        plot.append('<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
                    f'{series}<c:marker val="1"/><c:smooth val="0"/>{axes}</c:lineChart>')
    ticks = ('<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
             '<c:tickLblPos val="nextTo"/>')
    plot.append(
        f'<c:catAx><c:axId val="{CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/>'
        f'</c:scaling><c:delete val="0"/><c:axPos val="b"/>{ticks}'
        f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    top, step = chart.axis  # the web page's axis too, so that labels are placed alike
    plot.append(
        f'<c:valAx><c:axId val="{VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{_number(top)}"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:majorGridlines/>'
        f'<c:numFmt formatCode="{"0%" if chart.percent else "0"}" sourceLinked="0"/>{ticks}'
        f'<c:crossAx val="{CATEGORY_AXIS}"/><c:crosses val="autoZero"/>'
        f'<c:majorUnit val="{_number(step)}"/></c:valAx>')
    latin, body = xml_text(fonts.latin), xml_text(fonts.body)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:roundedCorners val="0"/>'
        f'<c:chart><c:autoTitleDeleted val="0"/><c:plotArea>{"".join(plot)}</c:plotArea>'
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{TEXT_SIZE}">'
        f'<a:latin typeface="{latin}"/><a:ea typeface="{body}"/><a:cs typeface="{latin}"/>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
        f'<c:externalData r:id="{xml_text(workbook_rid)}"><c:autoUpdate val="0"/>'
        "</c:externalData></c:chartSpace>").encode()


def _series(chart: Chart, index: int, series: Series) -> str:
    """One ``c:ser``: its name, look, categories and values, each cached and referred to
    its place in the workbook (categories in column A, this series in its own column)."""
    from xlsxwriter.utility import xl_col_to_name

    column = xl_col_to_name(index + 1, col_abs=True)
    last = len(chart.categories) + 1
    line = series.kind == "line"
    fill = f'<a:solidFill><a:srgbClr val="{series.colour}"/></a:solidFill>'
    look, extra, end = fill, "", ""
    if line:
        dash = '<a:prstDash val="dash"/>' if series.dashed else ""
        look = f'<a:ln w="28575" cap="rnd">{fill}{dash}<a:round/></a:ln>'
        end = '<c:smooth val="0"/>'
        symbol = ('<c:symbol val="none"/>' if series.dashed
                  else '<c:symbol val="circle"/><c:size val="5"/>')
        extra = f"<c:marker>{symbol}</c:marker>"
    elif chart.labelled:  # above each bar; inside its top, in white, where a line would cross
        flags = "".join(f'<c:{flag} val="{int(flag == "showVal")}"/>' for flag in _FLAGS)
        inside = "".join(f'<c:dLbl><c:idx val="{i}"/>{_WHITE}<c:dLblPos val="inEnd"/>{flags}'
                         "</c:dLbl>" for i in sorted(chart.labels_inside))
        extra = f'<c:dLbls>{inside}<c:dLblPos val="outEnd"/>{flags}</c:dLbls>'
    names = "".join(f'<c:pt idx="{i}"><c:v>{xml_text(name)}</c:v></c:pt>'
                    for i, name in enumerate(chart.categories))
    values = "".join(f'<c:pt idx="{i}"><c:v>{_number(value)}</c:v></c:pt>'
                     for i, value in enumerate(series.values) if value is not None)
    count = f'<c:ptCount val="{len(chart.categories)}"/>'
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f"<c:tx><c:strRef><c:f>Sheet1!{column}$1</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{xml_text(series.name)}</c:v></c:pt>'
        f"</c:strCache></c:strRef></c:tx><c:spPr>{look}</c:spPr>{extra}"
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache>{count}{names}"
        f"</c:strCache></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>Sheet1!{column}$2:{column}${last}</c:f><c:numCache>"
        f"<c:formatCode>{'0.0%' if chart.percent else '0'}</c:formatCode>{count}{values}"
        f"</c:numCache></c:numRef></c:val>{end}</c:ser>")


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


def _number(value: Decimal | int) -> float | int:
    """The value as the chart caches it: counts as they are, rates to six places."""
    if isinstance(value, int):
        return value
    return float(round(Decimal(value), 6))
