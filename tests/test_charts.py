"""The report's charts: their data worked out by hand on tests/metrics/small, and how the
.docx, the Markdown and the SVG carry them.

As-of 2024H1 (N = 6, 序时进度 6/12). Annual plans: P1 1200, P2 2400, P3 1000, P4 600,
P5 0, P6 1000, P7 3000, P8 2000, P9 500, in all 11700; 甲区 (P1 P2 P5 P8 P9) 6100,
乙县 (P3 P4 P6 P7) 5600; 丙县 has no project.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.metrics.monthly import cumulative_by_month
from majorproj.periods import parse_period
from majorproj.render.docx import write_docx
from majorproj.render.md import write_markdown
from majorproj.render.svg import chart_svg
from majorproj.report import build_report
from majorproj.report.charts import Chart, Series, build_charts

SMALL = Path(__file__).parent / "metrics" / "small"
D = Decimal
TIME = D(6) / D(12)


@pytest.fixture(scope="module")
def ledger():
    result = load_ledger(SMALL)
    assert result.errors == 0, result.problems
    return result.ledger


@pytest.fixture(scope="module")
def h1(ledger):
    return compute(ledger, parse_period("2024H1", 2024))


@pytest.fixture(scope="module")
def charts(h1):
    return build_charts(h1)


def test_monthly_cumulative_carries_each_projects_latest_entry(ledger) -> None:
    # March: P8 300. April: + P3 50. May: + P1 400, P6 700 (P8 and P3 carried).
    # June: P1 600, P2 480, P5 0, P6 1000, P7 1185, P8 800, P9 50, P3 carried 50.
    june = D(600) + 480 + 0 + 1000 + 1185 + 800 + 50 + 50
    assert cumulative_by_month(ledger, 6) == (D(0), D(0), D(300), D(300) + 50,
                                              D(300) + 50 + 400 + 700, june)


def test_the_last_month_of_the_series_is_the_periods_completed_investment(ledger, h1) -> None:
    assert cumulative_by_month(ledger, 6)[-1] == h1.overall.completed_ytd
    assert h1.monthly_completed == cumulative_by_month(ledger, 6)


def test_county_rates_in_ranking_order_against_time_progress(charts) -> None:
    county = charts[0]
    assert county.caption == "图1 各县（市、区）投资完成率"
    # 乙县 (50 + 0 + 1000 + 1185) / 5600 ranks above 甲区 (600 + 480 + 0 + 800 + 50) / 6100;
    # 丙县 has no project and no bar
    assert county.categories == ("乙县", "甲区")
    rates, line = county.series
    assert (rates.kind, line.kind) == ("bar", "line")
    assert rates.values == (D(2235) / D(5600), D(1930) / D(6100))
    assert line.name == "序时进度" and line.values == (TIME, TIME)


def test_monthly_chart_has_every_month_and_the_time_line(charts) -> None:
    monthly = charts[1]
    assert monthly.caption == "图2 逐月累计投资完成率"
    assert monthly.categories == ("1月", "2月", "3月", "4月", "5月", "6月")
    done, time = monthly.series
    plan = D(11700)
    assert done.values == (D(0), D(0), D(300) / plan, D(350) / plan, D(1450) / plan,
                           D(4165) / plan)
    assert time.values == tuple(D(m) / D(12) for m in range(1, 7))


def test_lights_by_county_stacked(charts) -> None:
    lights = charts[2]
    assert lights.caption == "图3 各县（市、区）项目预警情况" and lights.stacked
    assert not lights.percent
    assert lights.categories == ("甲区", "乙县")
    # 甲区: P9 red, P2 yellow, P1 and P8 green; 乙县: P3 red, P7 yellow, P6 green
    assert [(s.name, s.values) for s in lights.series] == [
        ("红灯", (1, 1)), ("黄灯", (1, 1)), ("绿灯", (2, 1))]


def test_no_plan_no_county_chart_and_no_monthly_chart(h1) -> None:
    from dataclasses import replace

    bare = replace(h1, ranking=(), overall=replace(h1.overall, annual_plan=D(0)))
    assert [c.title for c in build_charts(bare)] == ["各县（市、区）项目预警情况"]
    assert build_charts(bare)[0].number == 1  # numbered as they stand


def test_axis_scale_is_the_smallest_step_with_at_most_six_ticks() -> None:
    def chart(*values, percent=True):
        return Chart(1, "t", tuple("abc"[: len(values)]), (Series("s", values),),
                     percent=percent)

    assert chart(D("0.82"), D("0.5")).axis == (D("1.0"), D("0.2"))  # 0.82/0.2 → 5 ticks
    # 1.53: steps 0.2 and 0.25 need 8 and 7 ticks, 0.5 needs 4 → top 2.0
    assert chart(D("1.53")).axis == (D("2.0"), D("0.5"))
    assert chart(17, 3, percent=False).axis == (D(20), D(5))  # 17/5 → 4 ticks
    # exactly six ticks is still six: 1.2 / 0.2 = 6, so 0.2 and not 0.25
    assert chart(D("1.2")).axis == (D("1.2"), D("0.2"))
    # nothing above 0 (no project, all zero, none reported) draws an axis up to 1
    assert chart(D(0), D(0)).axis == (D("1.0"), D("0.2"))
    assert chart(None, None).axis == (D("1.0"), D("0.2"))
    assert Chart(1, "t", (), (), percent=False, stacked=True).axis == (D(1), D(1))
    # counts step by whole numbers only: 3 projects at most → ticks of 1, not of 0.5
    assert chart(3, 1, percent=False).axis == (D(3), D(1))
    # stacked: the tallest column's sum (2 + 3 + 4 = 9; 9/2 → 5 ticks), not its highest part
    lights = Chart(1, "t", ("a", "b"), (Series("红", (2, 1)), Series("黄", (3, 0)),
                                       Series("绿", (4, None))), percent=False, stacked=True)
    assert lights.axis == (D(10), D(2))


# ── the .docx ─────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def docx_bytes(ledger):
    return write_docx(build_report(ledger, parse_period("2024H1", 2024)))


def _parts(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_docx_holds_native_charts_with_their_workbooks(docx_bytes) -> None:
    parts = _parts(docx_bytes)
    assert {f"word/charts/chart{n}.xml" for n in (1, 2, 3)} <= parts.keys()
    assert {f"word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx" for n in (1, 2, 3)} \
        <= parts.keys()
    first = parts["word/charts/chart1.xml"].decode()
    # bars for the rates and a line for 序时进度, in one plot sharing its axes
    assert first.count("<c:barChart>") == 1 and first.count("<c:lineChart>") == 1
    bar = first[first.index("<c:barChart>"):first.index("</c:barChart>")]
    line = first[first.index("<c:lineChart>"):first.index("</c:lineChart>")]
    assert "投资完成率" in bar and "序时进度" not in bar
    assert "序时进度" in line and "投资完成率" not in line
    cached = [float(v) for v in re.findall(r"<c:v>([\d.]+)</c:v>", bar)]
    assert cached == pytest.approx([2235 / 5600, 1930 / 6100], abs=1e-6)
    # the one bar series of two counties shows its values on the bars, and nothing else
    assert re.search(r"<c:dLbls><c:dLblPos val=\"outEnd\"/><c:showLegendKey val=\"0\"/>"
                     r"<c:showVal val=\"1\"/>"
                     r"<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>"
                     r"<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
                     r"<c:cat>", bar)
    assert "<c:dLbls>" not in line
    assert "<c:externalData" in first and '<a:ea typeface="仿宋_GB2312"/>' in first
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert rels.count("relationships/chart") == 3
    # each chart's drawing sits in the body, its caption after it
    body = parts["word/document.xml"].decode()
    assert body.count("<c:chart ") == 3
    assert body.index("<c:chart ") < body.index(">图1 各县（市、区）投资完成率</w:t>")


def test_embedded_workbook_holds_the_chart_data(docx_bytes) -> None:
    import openpyxl

    blob = _parts(docx_bytes)["word/embeddings/Microsoft_Excel_Worksheet3.xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(blob)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [None, "红灯", "黄灯", "绿灯"], ["甲区", 1, 1, 2], ["乙县", 1, 1, 1]]
    # column A, the counties' names, 14 characters wide (XlsxWriter adds 5 pixels of padding
    # to a width: 14 + 5/7 = 14.714…); the others at Excel's default
    column_a = sheet.column_dimensions["A"]
    assert column_a.width == pytest.approx(14 + 5 / 7, abs=0.01)
    assert (column_a.min, column_a.max) == (1, 1)


def test_the_lights_chart_stacks_and_no_chart_has_rounded_corners(docx_bytes) -> None:
    """图3 (the lights) is one column per county made of its red, yellow and green counts;
    图1's rates stand side by side. Word draws a chart's frame rounded unless told not."""
    parts = _parts(docx_bytes)
    lights, rates = (parts[f"word/charts/chart{n}.xml"].decode() for n in (3, 1))
    bars = lights[lights.index("<c:barChart>"):lights.index("</c:barChart>")]
    assert '<c:grouping val="stacked"/>' in bars and '<c:overlap val="100"/>' in bars
    bars = rates[rates.index("<c:barChart>"):rates.index("</c:barChart>")]
    assert '<c:grouping val="clustered"/>' in bars and "<c:overlap" not in bars
    for n in (1, 2, 3):
        assert '<c:roundedCorners val="0"/>' in parts[f"word/charts/chart{n}.xml"].decode()


def test_each_chart_refers_to_its_own_workbook_sheet_and_formats(docx_bytes) -> None:
    """Word's 编辑数据 opens the embedded workbook at the cells the chart names: the sheet
    must be the one named there, the numbers formatted as the chart shows them (0.0% for
    rates, whole numbers for counts), and the file the same in every run."""
    import openpyxl

    parts = _parts(docx_bytes)
    for n, number_format in ((1, "0.0%"), (3, "0")):
        chart = parts[f"word/charts/chart{n}.xml"].decode()
        sheets = {ref.split("!")[0] for ref in re.findall(r"<c:f>([^<]+)</c:f>", chart)}
        book = openpyxl.load_workbook(io.BytesIO(
            parts[f"word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"]))
        assert sheets == {book.active.title} == {"Sheet1"}
        formats = {c.number_format for row in book.active.iter_rows(min_row=2, min_col=2)
                   for c in row if c.value is not None}
        assert formats == {number_format}
        assert book.properties.creator == "majorproj"
        # a fixed creation time, not the clock's: the same bytes in every run
        assert book.properties.created == datetime(2000, 1, 1)
        assert f"<c:formatCode>{number_format}</c:formatCode>" in chart


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _chart_part(chart: Chart, fonts=None):
    from lxml import etree

    from majorproj.ledger.models import Fonts
    from majorproj.render.chart import chart_xml

    return etree.fromstring(chart_xml(chart, fonts or Fonts(), "rId9"))


def _val(element, path: str) -> str:
    return element.find(path.replace("c:", C).replace("a:", A)).get("val")


def test_the_chart_part_names_each_series_cell_and_caches_every_value() -> None:
    """Series k (from 0) is workbook column k + 2 (B, C, …) under its name in row 1; the
    categories are A2:A(n+1); a missing value is left out of the cache, its place kept."""
    chart = Chart(2, "t", ("1月", "2月", "3月"), (
        Series("本年", (D("0.1234567"), None, D("0.5")), kind="line"),
        Series("序时进度", (D(1) / D(12), D(2) / D(12), D(3) / D(12)), kind="line",
               colour="7F7F7F", dashed=True)), percent=True)
    space = _chart_part(chart)
    plot = space.find(f"{C}chart/{C}plotArea")
    assert [g.tag for g in plot] == [f"{C}lineChart", f"{C}catAx", f"{C}valAx"]
    first, second = plot.findall(f"{C}lineChart/{C}ser")
    assert [(_val(s, "c:idx"), _val(s, "c:order")) for s in (first, second)] == \
        [("0", "0"), ("1", "1")]
    assert [s.findtext(f"{C}tx/{C}strRef/{C}f") for s in (first, second)] == \
        ["Sheet1!$B$1", "Sheet1!$C$1"]
    assert first.findtext(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v") == "本年"
    assert first.findtext(f"{C}cat/{C}strRef/{C}f") == "Sheet1!$A$2:$A$4"
    assert [p.findtext(f"{C}v") for p in first.find(f"{C}cat").iter(f"{C}pt")] == \
        ["1月", "2月", "3月"]
    values = first.find(f"{C}val/{C}numRef")
    assert values.findtext(f"{C}f") == "Sheet1!$B$2:$B$4"
    assert values.findtext(f"{C}numCache/{C}formatCode") == "0.0%"
    assert _val(values, "c:numCache/c:ptCount") == "3"
    # 0.1234567 to six places is 0.123457; February has no value and no point
    assert [(p.get("idx"), p.findtext(f"{C}v")) for p in values.iter(f"{C}pt")] == \
        [("0", "0.123457"), ("2", "0.5")]
    # 1/12, 2/12, 3/12 to six places
    assert [p.findtext(f"{C}v") for p in second.find(f"{C}val").iter(f"{C}pt")] == \
        ["0.083333", "0.166667", "0.25"]
    # the solid line has round markers of size 5; the dashed one (序时进度) none
    assert (_val(first, "c:marker/c:symbol"), _val(first, "c:marker/c:size")) == ("circle", "5")
    assert _val(second, "c:marker/c:symbol") == "none"
    assert second.find(f"{C}marker/{C}size") is None
    assert first.find(f"{C}spPr/{A}ln/{A}prstDash") is None
    assert _val(second, "c:spPr/a:ln/a:prstDash") == "dash"
    assert _val(second, "c:spPr/a:ln/a:solidFill/a:srgbClr") == "7F7F7F"
    assert plot.find(f"{C}valAx/{C}numFmt").get("formatCode") == "0%"
    assert space.find(f"{C}externalData").get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") == "rId9"


def test_bars_and_lines_share_the_two_axes_and_counts_are_whole_numbers() -> None:
    chart = Chart(3, "t", ("甲", "乙"), (Series("红灯", (1, 0), colour="C00000"),
                                       Series("绿灯", (2, 5), colour="70AD47"),
                                       Series("线", (3, 3), kind="line")),
                  percent=False, stacked=True)
    plot = _chart_part(chart).find(f"{C}chart/{C}plotArea")
    bars, lines = plot.find(f"{C}barChart"), plot.find(f"{C}lineChart")
    category_axis, value_axis = _val(plot, "c:catAx/c:axId"), _val(plot, "c:valAx/c:axId")
    assert category_axis != value_axis
    for group in (bars, lines):
        assert [a.get("val") for a in group.findall(f"{C}axId")] == [category_axis, value_axis]
    assert (_val(plot, "c:catAx/c:crossAx"), _val(plot, "c:valAx/c:crossAx")) == \
        (value_axis, category_axis)
    assert [_val(s, "c:idx") for s in bars.findall(f"{C}ser")] == ["0", "1"]
    assert [_val(s, "c:idx") for s in lines.findall(f"{C}ser")] == ["2"]
    assert lines.find(f"{C}ser/{C}tx/{C}strRef").findtext(f"{C}f") == "Sheet1!$D$1"
    assert _val(bars, "c:ser/c:spPr/a:solidFill/a:srgbClr") == "C00000"
    assert (_val(bars, "c:grouping"), _val(bars, "c:overlap"), _val(bars, "c:gapWidth")) == \
        ("stacked", "100", "60")
    assert [p.findtext(f"{C}v") for p in bars.find(f"{C}ser/{C}val").iter(f"{C}pt")] == \
        ["1", "0"]
    assert bars.find(f"{C}ser/{C}val/{C}numRef/{C}numCache").findtext(f"{C}formatCode") == "0"
    assert plot.find(f"{C}valAx/{C}numFmt").get("formatCode") == "0"
    assert _val(plot, "c:valAx/c:scaling/c:min") == "0"
    assert bars.find(f"{C}ser/{C}dLbls") is None  # two bar series: no values on the bars


def test_values_on_the_bars_only_for_one_series_of_at_most_16_categories() -> None:
    def labelled(categories: int, series: int = 1) -> bool:
        chart = Chart(1, "t", tuple(f"县{i}" for i in range(categories)),
                      tuple(Series(f"s{k}", (D("0.5"),) * categories)
                            for k in range(series)))
        bars = _chart_part(chart).find(f"{C}chart/{C}plotArea/{C}barChart")
        return bars.find(f"{C}ser/{C}dLbls") is not None

    assert labelled(16) and not labelled(17) and not labelled(3, series=2)


def test_a_label_the_time_line_would_cross_stands_inside_its_bar() -> None:
    # bars 24.4%, 30%, 13%, 25.9% and 2% against 序时进度 25%: the axis tops at 30% (6
    # steps of 5%), a label stands 9% of that (2.7 points) above its bar and a line 1%
    # of it (0.3 points) below a bar's top still touches the label
    bars = Series("投资完成率", (D("0.244"), D("0.30"), D("0.13"), D("0.259"), D("0.02")))
    line = Series("序时进度", (D("0.25"),) * 5, kind="line", dashed=True)
    chart = Chart(1, "t", ("a", "b", "c", "d", "e"), (bars, line))
    assert chart.axis == (D("0.30"), D("0.05"))
    # 25 is within 24.4 − 0.3 … 24.4 + 2.7; not within 25.9 − 0.3 … 25.9 + 2.7 (the line
    # crosses that bar, under its label); the 2% bar is too short to hold its label
    assert chart.labels_inside == {0}
    low = Chart(1, "t", ("a",), (Series("s", (D("0.02"),)), Series("l", (D("0.03"),), kind="line")))
    assert low.axis == (D("0.05"), D("0.05")) and low.labels_inside == frozenset()
    # the part: that bar's label inside its end in white, the others above; the axis fixed
    plot = _chart_part(chart).find(f"{C}chart/{C}plotArea")
    labels = plot.find(f"{C}barChart/{C}ser/{C}dLbls")
    [inside] = labels.findall(f"{C}dLbl")
    assert _val(inside, "c:idx") == "0" and _val(inside, "c:dLblPos") == "inEnd"
    assert inside.find(f"{C}txPr//{A}srgbClr").get("val") == "FFFFFF"
    assert _val(labels, "c:dLblPos") == "outEnd"
    assert (_val(plot, "c:valAx/c:scaling/c:max"), _val(plot, "c:valAx/c:majorUnit")) == (
        "0.3", "0.05")
    # the web page: the same label inside (y below the bar's top, white), the next above
    root, found = _svg(chart)
    values = [t for t in found["text"] if t.text in ("24.4%", "30.0%")
              and t.get("font-size") == "11"]  # the bars' labels, not the axis' 30.0%
    titles = [(r.find("{http://www.w3.org/2000/svg}title"), r) for r in found["rect"]]
    top = {title.text: float(r.get("y")) for title, r in titles if title is not None}
    assert float(values[0].get("y")) > top["投资完成率 24.4%"] and values[0].get("fill") == "#FFFFFF"
    assert float(values[1].get("y")) < top["投资完成率 30.0%"] and values[1].get("fill") is None


# DrawingML's order of the children (CT_CatAx, CT_ValAx, CT_BarSer, CT_LineSer): Word
# refuses a part whose elements stand out of this order or that holds stray text
CATEGORY_AXIS = ["axId", "scaling", "delete", "axPos", "majorTickMark", "minorTickMark",
                 "tickLblPos", "crossAx", "crosses", "auto", "lblAlgn", "lblOffset",
                 "noMultiLvlLbl"]
VALUE_AXIS = ["axId", "scaling", "delete", "axPos", "majorGridlines", "numFmt",
              "majorTickMark", "minorTickMark", "tickLblPos", "crossAx", "crosses", "majorUnit"]


def test_the_chart_part_is_in_drawingmls_order_with_text_only_in_its_values(
        docx_bytes) -> None:
    parts = _parts(docx_bytes)
    spaces = [_chart_part(Chart(1, "t", ("a", "b"), (
        Series("s", (D(1), None)), Series("l", (D(0), D(1)), kind="line"),
        Series("d", (D(0), D(1)), kind="line", dashed=True))))]
    from lxml import etree

    spaces += [etree.fromstring(parts[f"word/charts/chart{n}.xml"]) for n in (1, 2, 3)]
    for space in spaces:
        assert [e.tag for e in space] == [C + t for t in (
            "date1904", "roundedCorners", "chart", "txPr", "externalData")]
        assert [e.tag for e in space.find(f"{C}chart")] == [C + t for t in (
            "autoTitleDeleted", "plotArea", "legend", "plotVisOnly", "dispBlanksAs")]
        plot = space.find(f"{C}chart/{C}plotArea")
        assert [e.tag[len(C):] for e in plot.find(f"{C}catAx")] == CATEGORY_AXIS
        assert [e.tag[len(C):] for e in plot.find(f"{C}valAx")] == VALUE_AXIS
        for ser in plot.iter(f"{C}ser"):
            tags = [e.tag[len(C):] for e in ser]
            if ser.getparent().tag == f"{C}lineChart":
                assert tags == ["idx", "order", "tx", "spPr", "marker", "cat", "val", "smooth"]
            else:
                assert tags in (["idx", "order", "tx", "spPr", "cat", "val"],
                                ["idx", "order", "tx", "spPr", "dLbls", "cat", "val"])
        for group in plot.findall(f"{C}lineChart"):
            assert [e.tag[len(C):] for e in group if e.tag != f"{C}ser"] == \
                ["grouping", "varyColors", "marker", "smooth", "axId", "axId"]
        for group in plot.findall(f"{C}barChart"):
            assert [e.tag[len(C):] for e in group if e.tag != f"{C}ser"] in (
                ["barDir", "grouping", "gapWidth", "axId", "axId"],
                ["barDir", "grouping", "gapWidth", "overlap", "axId", "axId"])
        for element in space.iter():
            assert not (element.tail or "").strip(), element.tag
            if element.tag not in (f"{C}v", f"{C}f", f"{C}formatCode"):
                assert not (element.text or "").strip(), element.tag


def test_text_in_the_chart_part_is_data() -> None:
    """County, series and font names with markup characters stay text."""
    from majorproj.ledger.models import Fonts

    chart = Chart(1, "t", ('</c:v><c:v>1', 'a & "b"'), (Series("<x/>", (D(1), D(0))),))
    space = _chart_part(chart, Fonts(latin='A"/><a:b x="', body="仿宋&<"))
    ser = space.find(f"{C}chart/{C}plotArea/{C}barChart/{C}ser")
    assert ser.findtext(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v") == "<x/>"
    assert [p.findtext(f"{C}v") for p in ser.find(f"{C}cat").iter(f"{C}pt")] == \
        ['</c:v><c:v>1', 'a & "b"']
    defaults = space.find(f"{C}txPr/{A}p/{A}pPr/{A}defRPr")
    assert defaults.find(f"{A}latin").get("typeface") == 'A"/><a:b x="'
    assert defaults.find(f"{A}ea").get("typeface") == "仿宋&<"
    assert defaults.get("sz") == "1050"


def test_charts_come_between_the_first_and_second_parts(ledger) -> None:
    report = build_report(ledger, parse_period("2024H1", 2024))
    heads = [b.text for b in report.blocks[report.charts_at:] if b.kind == "heading1"]
    before = [b.text for b in report.blocks[:report.charts_at] if b.kind == "heading1"]
    assert len(before) == 1 and heads and heads[0].startswith("二、")


def test_the_same_ledger_gives_the_same_bytes(ledger, docx_bytes) -> None:
    again = write_docx(build_report(ledger, parse_period("2024H1", 2024)))
    assert again == docx_bytes


def test_a_setting_turns_the_charts_off(ledger) -> None:
    from dataclasses import replace as dc_replace

    config = dc_replace(ledger.config, report=dc_replace(ledger.config.report, charts=False))
    report = build_report(dc_replace(ledger, config=config), parse_period("2024H1", 2024))
    assert report.charts == ()
    parts = _parts(write_docx(report))
    assert not [n for n in parts if "chart" in n or "embeddings" in n]
    assert "**图1" not in write_markdown(report).decode()


def test_markdown_carries_each_charts_data_as_a_table(ledger) -> None:
    md = write_markdown(build_report(ledger, parse_period("2024H1", 2024))).decode()
    start = md.index("**图1 各县（市、区）投资完成率**")
    table = md[start:md.index("\n\n", md.index("|", start))]
    # 2235/5600 = 39.91…% → 39.9%; 1930/6100 = 31.63…% → 31.6%
    assert "| 乙县 | 39.9% | 50.0% |" in table and "| 甲区 | 31.6% | 50.0% |" in table
    assert md.index("**图3 各县（市、区）项目预警情况**") < md.index("## 二、")
    assert "| 甲区 | 1 | 1 | 2 |" in md


# ── the SVG ───────────────────────────────────────────────────────────────────


def test_svg_labels_are_text_never_markup() -> None:
    chart = Chart(1, "<b>标题</b>", ("<script>alert(1)</script>", "乙&县"),
                  (Series("s", (D("0.5"), None)),))
    svg = chart_svg(chart, 'x" onload="alert(1)')
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "乙&amp;县" in svg
    assert 'onload="' not in svg


def test_svg_bar_heights_follow_the_values(charts) -> None:
    svg = chart_svg(charts[0])
    heights = [float(h) for h in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" '
                                            r'height="([\d.]+)"', svg)]
    # both bars stand on one axis from 0: their heights are in the ratio of the rates
    assert heights[0] / heights[1] == pytest.approx((2235 / 5600) / (1930 / 6100), rel=0.01)
    assert "39.9%" in svg and "31.6%" in svg


# ── the PDF, as a reader sees it ──────────────────────────────────────────────

TOOLS = ("soffice", "pdftotext", "pdftoppm")


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                    reason="needs soffice (LibreOffice) and poppler-utils")
def test_charts_render_in_the_pdf_labelled_and_in_place(docx_bytes, tmp_path) -> None:
    import subprocess

    docx = tmp_path / "r.docx"
    docx.write_bytes(docx_bytes)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = [re.sub(r"\s+", "", p) for p in text.split("\f")]  # LibreOffice spaces 图 1
    where = {cap: next(i for i, p in enumerate(pages) if cap in p) for cap in (
        "图1各县（市、区）投资完成率", "图2逐月累计投资完成率", "图3各县（市、区）项目预警情况")}
    problems_page = next(i for i, p in enumerate(pages) if "二、存在的问题" in p)
    assert all(i <= problems_page for i in where.values())
    chart_text = pages[where["图1各县（市、区）投资完成率"]]
    for label in ("乙县", "甲区", "序时进度", "投资完成率", "39.9%"):  # CJK labels drawn
        assert label in chart_text, label
    # the chart is drawn, not blank: its page has far more ink than a text-only band
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", str(where["图3各县（市、区）项目预警情况"] + 1),
                    "-l", str(where["图3各县（市、区）项目预警情况"] + 1), str(tmp_path / "r.pdf"),
                    str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(1 << 24)}
    # the lights' red (C00000), yellow (FFC000) and green (70AD47) bars are on the page
    def near(rgb, target):
        return all(abs(a - b) < 40 for a, b in zip(rgb, target, strict=True))
    for target in ((0xC0, 0, 0), (0xFF, 0xC0, 0), (0x70, 0xAD, 0x47)):
        assert any(near(c, target) for c in colours), target


# ── the terminal ──────────────────────────────────────────────────────────────


def test_terminal_bar_marks_time_progress() -> None:
    from majorproj.render.table import progress_bar

    # 82.5% of 16 cells is 13.2 → 13 filled; 序时进度 50% of 16 → the mark after cell 8
    assert progress_bar(D("0.825"), D("0.5"), D(1)).plain == "█" * 8 + "|" + "█" * 5 + "·" * 3
    # 25% → 4 filled, behind the mark at 8
    assert progress_bar(D("0.25"), D("0.5"), D(1)).plain == "█" * 4 + "·" * 4 + "|" + "·" * 8
    assert progress_bar(None, D("0.5"), D(1)).plain == "—"
    # on a terminal: green both sides of the mark when the rate has reached it, else red
    ahead, behind = progress_bar(D("0.825"), D("0.5"), D(1)), progress_bar(D("0.25"), D("0.5"), D(1))
    assert (ahead.style, [s.style for s in ahead.spans]) == ("green", ["bold", "green"])
    assert (behind.style, [s.style for s in behind.spans]) == ("red", ["bold", "red"])
    exact = progress_bar(D("0.5"), D("0.5"), D(1))  # exactly on 序时进度 has reached it
    assert (exact.style, [s.style for s in exact.spans]) == ("green", ["bold", "green"])
    # at 10 cells: 82.5% → 8.25 → 8 filled, the mark at 5
    assert progress_bar(D("0.825"), D("0.5"), D(1), 10).plain == "█" * 5 + "|" + "█" * 3 + "··"
    # 85% of 16 is 13.6: rounded half up to whole cells, 14
    assert progress_bar(D("0.85"), D("0.5"), D(1)).plain == "█" * 8 + "|" + "█" * 6 + "·" * 2
    # a scale up to 120%: 序时进度 50% is 6.67 → the mark after cell 7; 120% fills all 16
    assert progress_bar(D("1.2"), D("0.5"), D("1.2")).plain == "█" * 7 + "|" + "█" * 9


def test_terminal_bars_in_the_ranking_and_no_colour_with_no_color(h1, monkeypatch) -> None:
    from rich.console import Console

    from majorproj.render.table import ranking

    def printed(**kwargs) -> str:
        console = Console(width=120, force_terminal=True, color_system="standard", **kwargs)
        with console.capture() as capture:
            console.print(ranking(h1))
        return capture.get()

    coloured = printed()
    assert "\x1b[31m" in coloured or "\x1b[32m" in coloured  # red or green bars
    # 乙县 39.9% → 6.4 → 6 cells; 甲区 31.6% → 5.06 → 5 cells; mark at 8 for 6/12
    monkeypatch.setenv("NO_COLOR", "1")
    plain = printed()
    assert "\x1b[31m" not in plain and "\x1b[32m" not in plain
    bare = re.sub(r"\x1b\[[0-9;]*m", "", plain)
    assert "█" * 6 + "··|" in bare and "█" * 5 + "···|" in bare


def _printed(renderable, width: int) -> list[str]:
    from rich.console import Console

    console = Console(width=width, color_system=None, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    return [line.rstrip() for line in capture.get().splitlines()]


def test_the_ranking_keeps_every_name_and_figure_whole_from_80_to_140_columns(h1) -> None:
    """Rich fits a table that is too wide by cutting every column (乙县 to "乙…", 39.9% to
    "39…") or drops the county column; the ranking shortens its bar first, and below that
    puts long headers on two lines and leaves the bar out."""
    from majorproj.render.table import BAR_WIDTH, MIN_BAR, _Fitted, ranking

    time = D(6) / D(12)
    rates = {"乙县": D(2235) / D(5600), "甲区": D(1930) / D(6100)}
    widths = set()
    for width in range(80, 141):
        table = _Fitted(ranking(h1), ranking(h1, short=True),
                        ranking(h1, short=True, bar=False))
        lines = _printed(table, width)
        assert all(len(line) <= width for line in lines)
        assert not any("…" in line for line in lines), (width, lines)
        assert any("县（市、区）" in line for line in lines)  # one line, never 县（市 / 、区）
        for county, rate in rates.items():
            row = next(line for line in lines if f"   {county}   " in line)
            assert f"{rate * 100:.1f}%" in row  # 39.9%, 31.6% whole
            bar = "".join(ch for ch in row if ch in "█·|")
            header = next(line for line in lines if "排名" in line.split())
            if "条形" not in header:  # the ranking without its bars
                assert not bar
                continue
            assert bar, (width, row)  # a bar column is never left blank
            scale = len(bar) - 1  # the mark takes a cell of its own
            widths.add(scale)
            assert MIN_BAR <= scale <= BAR_WIDTH
            # filled: the rate's share of the scale, to the nearest cell (half up)
            filled = int((rate * scale + D("0.5")).to_integral_value(rounding="ROUND_FLOOR"))
            mark = int((time * scale + D("0.5")).to_integral_value(rounding="ROUND_FLOOR"))
            assert bar.count("█") == filled and bar.index("|") == mark, (width, county, bar)
    # wide consoles draw the whole bar, narrower ones shorter ones, the narrowest none
    assert BAR_WIDTH in widths and MIN_BAR in widths  # the shortest bar is still drawn
    assert "█" not in "".join(_printed(_Fitted(ranking(h1), ranking(h1, short=True),
                                               ranking(h1, short=True, bar=False)), 80))


def test_a_bar_too_narrow_for_its_scale_is_not_drawn() -> None:
    from majorproj.render.table import MIN_BAR, _Bar

    bar = _Bar(D("0.5"), D("0.5"), D(1))
    assert _printed(bar, MIN_BAR) == [""]
    assert _printed(bar, MIN_BAR + 1) == ["█" * 4 + "|" + "·" * 4]  # 0.5 × 8 = 4; mark at 4
    assert _printed(bar, 40) == ["█" * 8 + "|" + "·" * 8]  # never beyond 16 cells
    assert str(bar) == "█" * 8 + "|" + "·" * 8


def test_the_table_by_level_keeps_its_figures_whole_in_a_files_100_columns(h1) -> None:
    from majorproj.render.table import _Fitted, by_group

    for grouping in ("level", "county", "sector"):
        table = _Fitted(by_group(h1, grouping), by_group(h1, grouping, short=True))
        lines = _printed(table, 100)
        assert not any("…" in line for line in lines)
        columns = [[str(cell) for cell in column.cells]
                   for column in by_group(h1, grouping).columns]
        for row in zip(*columns, strict=True):  # every cell's text, whole, on the line of its group
            line = next(line for line in lines if line.lstrip().startswith(row[0] + " "))
            assert all(cell in line for cell in row), (line, row)


LONG_COUNTY = "乙县与北部山区十八个乡镇联合开发示范区"  # 19 characters, 38 cells
LONG_SECTOR = "交通基础设施和公共服务补短板工程"  # 16 characters, 32 cells


@pytest.fixture(scope="module")
def long_names(tmp_path_factory):
    """The small ledger with a county's and a sector's name too long for one line."""
    root = tmp_path_factory.mktemp("long") / "small"
    shutil.copytree(SMALL, root)
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("乙县", LONG_COUNTY).replace("交通", LONG_SECTOR)
                        .replace("水利", "水利水务"), encoding="utf-8")
    result = load_ledger(root)
    assert result.errors == 0, result.problems
    return compute(result.ledger, parse_period("2024H1", 2024))


def _folded(lines: list[str], name: str) -> tuple[str, list[str]]:
    """The line where ``name`` starts, and the name read back from it and the lines below."""
    start = next(i for i, line in enumerate(lines) if f" {name[:2]}" in line)
    parts = [lines[start].split()[0 if lines[start].lstrip().startswith(name[:2]) else 1]]
    for line in lines[start + 1:]:
        words = line.split()
        if len(words) != 1:  # the next row, or the blank line under the table
            break
        parts.append(words[0])
    return lines[start], parts


def test_a_long_name_folds_in_its_column_and_every_figure_stays_whole(long_names) -> None:
    from majorproj.render.table import NAME_WIDTH, _Fitted, by_group, ranking

    for width in (80, 100, 120):
        lines = _printed(_Fitted(ranking(long_names), ranking(long_names, short=True),
                                 ranking(long_names, short=True, bar=False)), width)
        assert not any("…" in line for line in lines) and all(len(line) <= width for line in lines)
        row, parts = _folded(lines, LONG_COUNTY)
        assert "".join(parts) == LONG_COUNTY  # folded, nothing lost
        assert all(len(part) * 2 <= NAME_WIDTH for part in parts)
        assert "39.9%" in row  # 乙县's 2235/5600, on the name's first line
        lines = _printed(_Fitted(by_group(long_names, "sector"),
                                 by_group(long_names, "sector", short=True)), width)
        assert not any("…" in line for line in lines) and all(len(line) <= width for line in lines)
        row, parts = _folded(lines, LONG_SECTOR)
        assert "".join(parts) == LONG_SECTOR
        # the sector's figures on the name's first line (in the part that has them)
        assert any(line.split()[:1] == row.split()[:1] and "42.2%" in line for line in lines)


def _titled(lines: list[str], title: str) -> list[list[str]]:
    """The lines of each table titled ``title`` or ``title（续）``, in order."""
    starts = [i for i, line in enumerate(lines) if line.strip() in (title, f"{title}（续）")]
    return [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


@pytest.mark.parametrize("width", [60, 64, 70, 76, 80, 86, 92, 99])
def test_a_table_too_wide_for_the_terminal_goes_on_under_itself_every_figure_whole(
        h1, long_names, width) -> None:
    """Below a file's 100 columns the tables by group have more figures than fit: the
    first table holds the names and as many figures as fit, a second (（续）) the names
    again and the rest, the caption once under the last; nothing is cut."""
    from majorproj.render.table import _Fitted, by_group, ranking

    cases = [(f"按{title}", by_group(summary, grouping), by_group(summary, grouping, short=True))
             for summary in (h1, long_names)
             for grouping, title in (("level", "级别"), ("county", "县（市、区）"),
                                     ("sector", "行业"))]
    cases.append(("县（市、区）排名", ranking(h1, short=True, bar=False),
                  ranking(h1, short=True, bar=False)))
    for title, whole, short in cases:
        lines = _printed(_Fitted(whole, short), width)
        assert all(len(line) <= width for line in lines) and not any("…" in line for line in lines)
        parts = _titled(lines, title)
        assert parts[0][0].strip() == title and all(p[0].strip() == f"{title}（续）"
                                                    for p in parts[1:])
        caption = str(whole.caption)
        assert "".join(lines).count(caption[:8]) == 1  # once, under the last part
        assert "".join(parts[-1]).replace(" ", "").endswith(caption.replace(" ", ""))
        names = [str(cell) for cell in whole.columns[0 if title.startswith("按") else 1].cells]
        headers = [c.header.replace("\n", "") for c in whole.columns]
        for column in whole.columns:
            if column.overflow == "fold" or column.header == "排名":
                continue
            # the one part that has this column: its header, and each row's cell in it
            header = column.header.replace("\n", "")
            holding = [p for p in parts if header in _headers_of(p, headers)]
            assert len(holding) == 1, (title, header, width)
            for name, cell in zip(names, column.cells, strict=True):
                line = next(line for line in holding[0][1:]
                            if any(w.startswith(name[:3]) for w in line.split()[:2]))
                assert str(cell) in line.split(), (title, header, name, line)


def test_a_table_goes_on_in_parts_of_even_shares_of_its_columns(h1) -> None:
    """The sectors' table in 80 columns: its ten figures (项目 … 红/黄/绿) need two parts;
    five and five rather than as many as fit first (eight) and the two left; each part's
    columns numbered anew, so that the last of each, and only it, has no right padding."""
    from rich.console import Console

    from majorproj.render.table import _continued, by_group

    table = by_group(h1, "sector", short=True)
    console = Console(width=80, color_system=None)
    parts = _continued(table, console, console.options)
    assert parts is not None
    assert [[c.header for c in p.columns] for p in parts] == [
        [c.header for c in table.columns[:6]],
        [table.columns[0].header, *(c.header for c in table.columns[6:])]]
    assert [[c._index for c in p.columns] for p in parts] == [list(range(6))] * 2
    assert table.columns[6]._index == 6  # the table's own columns untouched
    assert parts[1].title.plain == "按行业（续）" and parts[0].title.plain == "按行业"
    assert all(p.caption is None for p in parts)


def _headers_of(part: list[str], headers: list[str]) -> set[str]:
    """Which of ``headers`` a part's header rows (those above its rule) show, a header
    on two lines read as one."""
    rule = next(i for i, line in enumerate(part) if set(line.strip()) == {"─"})
    rows = [line.split() for line in part[1:rule] if line.strip()]
    found = set()
    for header in headers:
        if any(header in row for row in rows):
            found.add(header)
        elif len(rows) == 2 and any(top + bottom == header
                                    for top in rows[0] for bottom in rows[1]):
            found.add(header)
    return found


def test_headers_go_onto_two_lines_before_a_name_is_folded() -> None:
    """The sample's sectors in 100 columns: with one-line headers the table fits only with
    社会民生 (8 cells) folded to 社会民 / 生; with two-line headers every name fits."""
    from majorproj.render.table import _Fitted, by_group

    sample = compute(load_ledger(SMALL.parent.parent.parent / "data" / "sample").ledger,
                     parse_period("2024H1", 2024))
    lines = _printed(_Fitted(by_group(sample, "sector"), by_group(sample, "sector", short=True)),
                     100)
    assert any(line.lstrip().startswith("社会民生 ") for line in lines), "\n".join(lines)
    upper = next(i for i, line in enumerate(lines) if line.split() == ["年度", "完成"])
    assert lines[upper + 1].split()[2:4] == ["计划", "投资"]  # 年度 / 计划, 完成 / 投资


def test_where_nothing_fits_names_are_cut_not_folded_away(long_names) -> None:
    """In 28 columns not even the rank, the county and one figure fit: rich cuts every
    column, and would fold the county column to nothing; each county keeps the start of
    its name. The same table printed wider again folds the long name whole: the cut one
    was a copy."""
    from majorproj.render.table import _Fitted, ranking

    fitted = _Fitted(ranking(long_names), ranking(long_names, short=True),
                     ranking(long_names, short=True, bar=False))
    lines = _printed(fitted, 28)
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    assert [line.split()[-1][:2] for line in lines[rule + 1:rule + 3]] == ["乙县", "甲区"]
    assert not any("（续）" in line for line in lines) and all(len(line) <= 28 for line in lines)
    assert "".join(_folded(_printed(fitted, 120), LONG_COUNTY)[1]) == LONG_COUNTY
    alone = _Fitted(ranking(long_names, short=True, bar=False))  # the one table, cut at 28
    _printed(alone, 28)
    assert "".join(_folded(_printed(alone, 120), LONG_COUNTY)[1]) == LONG_COUNTY


# ── last year's line (去年同期) ─────────────────────────────────────────────────


def test_last_years_monthly_rates_from_its_ledger(tmp_path) -> None:
    from yoy_ledgers import two_years

    _, this = two_years(tmp_path)
    result = load_ledger(this)
    summary = compute(result.ledger, parse_period("2024H1", 2024))
    # 2023: plans 20000 + 10000 + 8000 + 6000 = 44000; January 1000 + 0 + 500 + 0 = 1500;
    # no report of February to April, so no 去年同期 for them (as a period's 同比 has none);
    # May 6000 + 1500 + 3000 + 0 = 10500; June 8000 + 2500 + 4000 = 14500
    plan = D(44000)
    assert summary.last_year_monthly == (D(1500) / plan, None, None, None, D(10500) / plan,
                                         D(14500) / plan)
    monthly = build_charts(summary)[1]
    assert [s.name for s in monthly.series] == ["投资完成率", "去年同期", "序时进度"]
    assert monthly.series[1].values == summary.last_year_monthly


def test_last_years_months_past_its_reports_have_no_value(tmp_path) -> None:
    from yoy_ledgers import two_years

    last, this = two_years(tmp_path)
    for month in ("05", "06", "12"):
        (last / "progress" / f"2023-{month}.yaml").unlink()
    result = load_ledger(this)
    assert result.ledger is not None
    summary = compute(result.ledger, parse_period("2024H1", 2024))
    # only January is reported: 1500 / 44000, and nothing is carried past it
    assert summary.last_year_monthly == (D(1500) / D(44000),) + (None,) * 5


def test_last_years_monthly_rates_from_previous_totals() -> None:
    sample = load_ledger(Path(__file__).parent.parent / "data" / "sample").ledger
    summary = compute(sample, parse_period("2024H1", 2024))
    # the sample's previous_totals: plan 2050000, 1-N月 81200 … 1398600
    assert summary.last_year_monthly == tuple(
        D(v) / D(2050000) for v in (81200, 190300, 468500, 801700, 1102400, 1398600))


def test_no_last_year_no_line(h1) -> None:
    assert h1.last_year_monthly == ()
    assert [s.name for s in build_charts(h1)[1].series] == ["投资完成率", "序时进度"]


def _svg(chart: Chart, font: str = "仿宋"):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(chart_svg(chart, font))  # well-formed XML, or it raises
    ns = "{http://www.w3.org/2000/svg}"
    return root, {tag: root.findall(ns + tag) for tag in ("line", "text", "rect", "polyline",
                                                           "circle")}


def test_svg_geometry_of_bars_grid_and_labels_by_hand() -> None:
    # 640 × 320, plot from x 56 to 624 (568 wide) and y 40 to 256 (216 high)
    root, found = _svg(Chart(1, "件数", ("甲", "乙"), (Series("项目", (50, 100)),),
                             percent=False))
    assert root.get("viewBox") == "0 0 640 320" and root.get("font-family") == "仿宋"
    assert root.get("aria-label") == "图1 件数"
    # counts 0–100: whole steps only, 20 is the first with at most six ticks → top 100
    grid = [(g.get("y1"), g.get("stroke")) for g in found["line"]]
    assert grid == [("256.0", "#595959"), ("212.8", "#D9D9D9"), ("169.6", "#D9D9D9"),
                    ("126.4", "#D9D9D9"), ("83.2", "#D9D9D9"), ("40.0", "#D9D9D9")]
    texts = [(t.get("x"), t.get("y"), t.get("text-anchor"), t.text) for t in found["text"]]
    assert texts[:6] == [("50", f"{y:.1f}", "end", v) for y, v in (
        (260, "0"), (216.8, "20"), (173.6, "40"), (130.4, "60"), (87.2, "80"), (44, "100"))]
    # two slots of 284; a bar is 70% of one (198.8) centred on 56 + 142 and 56 + 426
    bars = [(r.get("x"), r.get("y"), r.get("width"), r.get("height")) for r in found["rect"]]
    assert bars[:2] == [("98.6", "148.0", "198.8", "108.0"), ("382.6", "40.0", "198.8", "216.0")]
    # one series: its value over each bar; the categories under the plot at y 256 + 16
    assert texts[6:10] == [("198.0", "144.0", "middle", "50"), ("482.0", "36.0", "middle", "100"),
                           ("198.0", "272.0", "middle", "甲"), ("482.0", "272.0", "middle", "乙")]
    assert texts[10] == ("74.0", "21", None, "项目")  # the legend, after its 14-wide swatch


def test_svg_line_breaks_at_a_missing_month_and_stacked_bars_add_up() -> None:
    line = Series("序时进度", (D("0.5"), None, D("0.25"), D("0.5")), kind="line")
    # top 0.5 in steps of 0.1; slots of 142: x 127, 269, 411, 553
    _, found = _svg(Chart(2, "逐月", ("1月", "2月", "3月", "4月"), (line,)))
    assert [p.get("points") for p in found["polyline"]] == ["411.0,148.0 553.0,40.0"]
    assert found["polyline"][0].get("stroke-dasharray") is None  # not dashed: solid
    assert [(c.get("cx"), c.get("cy")) for c in found["circle"]] == [
        ("127.0", "40.0"), ("411.0", "148.0"), ("553.0", "40.0")]
    assert found["line"][-1].get("stroke-dasharray") is None  # its legend key: solid
    dashed = Series("去年", (D("0.5"), D("0.25")), kind="line", dashed=True)
    _, found = _svg(Chart(2, "逐月", ("1月", "2月"), (dashed,)))
    assert found["polyline"][0].get("stroke-dasharray") == "6 4" and not found["circle"]
    # stacked counts: 甲 1 + 2 = 3, 乙 0 + 3 = 3 → top 3 in steps of 1 (72 a unit)
    red, green = Series("红灯", (1, 0), colour="C00000"), Series("绿灯", (2, 3), colour="00B050")
    _, found = _svg(Chart(3, "预警", ("甲", "乙"), (red, green), percent=False, stacked=True))
    bars = [(r.get("x"), r.get("y"), r.get("height"), r.get("fill")) for r in found["rect"]]
    assert bars[:3] == [("98.6", "184.0", "72.0", "#C00000"), ("98.6", "40.0", "144.0", "#00B050"),
                        ("382.6", "40.0", "216.0", "#00B050")]  # 乙's 0 red draws nothing
    # stacked parts are as wide as the whole bar (70% of a slot of 284), not shared out
    assert {r.get("width") for r in found["rect"][:3]} == {"198.8"}
    totals = [(t.get("x"), t.get("y"), t.text) for t in found["text"] if t.get("font-size")]
    assert totals == [("198.0", "36.0", "3"), ("482.0", "36.0", "3")]


def test_svg_turns_more_than_eight_category_names() -> None:
    names = tuple("甲乙丙丁戊己庚辛壬")
    _, found = _svg(Chart(1, "t", names, (Series("s", (D("0.1"),) * 9),)))
    # nine slots of 568/9; the first name at 56 + 568/18 = 87.6, y 272, turned by −40°
    first = next(t for t in found["text"] if t.text == "甲")
    assert (first.get("x"), first.get("text-anchor"), first.get("transform")) == (
        "87.6", "end", "rotate(-40 87.6 272.0)")
    # eight are not more than eight: level and centred, 56 + 568/16 = 91.5
    _, found = _svg(Chart(1, "t", names[:8], (Series("s", (D("0.1"),) * 8),)))
    first = next(t for t in found["text"] if t.text == "甲")
    assert (first.get("x"), first.get("text-anchor"), first.get("transform")) == (
        "91.5", "middle", None)


def test_svg_bars_side_by_side_and_the_legend() -> None:
    a, b = Series("甲类", (2,)), Series("乙类", (4,))
    last = Series("去年", (3,), kind="line", dashed=True)
    _, found = _svg(Chart(1, "t", ("甲",), (a, b, last), percent=False))
    # counts up to 4: steps of 1; the grid spans the plot, x 56 to 624
    assert {(g.get("x1"), g.get("x2")) for g in found["line"][:5]} == {("56", "624")}
    # one slot of 568 centred on 340; two bars of 397.6 / 2 = 198.8 side by side
    bars = [(r.get("x"), r.get("y"), r.get("width")) for r in found["rect"][:2]]
    assert bars == [("141.2", "148.0", "198.8"), ("340.0", "40.0", "198.8")]
    # side by side, each from the axis: 2 of 4 is 108 high, 4 of 4 the whole 216
    assert [r.get("height") for r in found["rect"][:2]] == ["108.0", "216.0"]
    assert not [t for t in found["text"] if t.get("font-size")]  # no value over two series
    # the legend: a swatch, then 30 + 13 a character further on; the line's key dashed
    swatches = [(r.get("x"), r.get("y")) for r in found["rect"][2:]]
    assert swatches == [("56.0", "12"), ("112.0", "12")]
    key = found["line"][-1]
    assert (key.get("x1"), key.get("x2"), key.get("stroke-dasharray")) == ("168.0", "182.0", "6 4")
    assert [t.text for t in found["text"][-3:]] == ["甲类", "乙类", "去年"]


@pytest.mark.parametrize("width", [70, 80, 100])
def test_the_lights_list_folds_its_reasons_and_names_never_cuts_them(long_names, width):
    """Every character of each lit project's name, county and reason is printed, as many
    times as the cells hold it: a cut cell (…, or a reason cropped at the edge) loses some.
    (At 60 columns the reason's last character of a line may still be cropped.)"""
    from collections import Counter

    from majorproj.render.reasons import reason_text
    from majorproj.render.table import _Fitted, warnings

    lines = _printed(_Fitted(warnings(long_names)), width)
    assert all(len(line) <= width for line in lines) and not any("…" in line for line in lines)
    said = Counter("".join(s.project.name + s.project.county + reason_text(s.reason)
                           for s in long_names.lights))
    printed = Counter("".join(lines))
    assert not said - printed, said - printed
