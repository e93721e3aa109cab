"""The .docx read back as Word would: page setup, fonts, footers, sections, tables, bytes.

The document comes from the small ledger of test_report.py; every expectation is the
form of GB/T 9704 as domain.md summarises it.
"""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from lxml import etree

from majorproj.cli import app
from test_report import B3_NAME, RUNNER, pct, write_ledger

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
THEMES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def render(root: Path, out: Path, *extra: str) -> bytes:
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(root), "-o", str(out),
                                 *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> bytes:
    tmp = tmp_path_factory.mktemp("docx")
    return render(write_ledger(tmp / "ledger"), tmp / "report.docx")


@pytest.fixture(scope="module")
def document(data: bytes):
    return docx.Document(io.BytesIO(data))


def xml_part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def style(data: bytes, style_id: str):
    found = xml_part(data, "word/styles.xml").xpath(f'w:style[@w:styleId="{style_id}"]',
                                                   namespaces=NS)
    assert found, style_id
    return found[0]


def attr(element, path: str, name: str) -> str | None:
    found = element.xpath(path, namespaces=NS)
    return found[0].get(w(name)) if found else None


# ── page setup ─────────────────────────────────────────────────────────────────


def test_body_is_a4_portrait_with_the_gbt_9704_margins(document) -> None:
    body = document.sections[0]
    assert body.orientation == WD_ORIENT.PORTRAIT
    for length, mm in ((body.page_width, 210), (body.page_height, 297), (body.top_margin, 37),
                       (body.bottom_margin, 35), (body.left_margin, 28),
                       (body.right_margin, 26)):
        assert abs(length.mm - mm) < 0.05


def test_every_page_has_its_header_and_page_number_where_gbt_9704_puts_them(document) -> None:
    """The page number sits about 7 mm under the 版心: its footer's bottom edge 13 mm above
    the page's foot margin, i.e. 35 − 13 = 22 mm from the portrait page's edge and
    26 − 13 = 13 mm from the landscape one's; the header 15 mm from the top; no gutter.
    The body defines the odd and even footers; the annexes carry them on."""
    for section in document.sections:
        portrait = section.orientation == WD_ORIENT.PORTRAIT
        assert abs(section.footer_distance.mm - (22 if portrait else 13)) < 0.05
        assert abs(section.header_distance.mm - 15) < 0.05
        assert section.gutter == 0
    body, *annexes = document.sections
    assert not body.footer.is_linked_to_previous and not body.even_page_footer.is_linked_to_previous
    assert body.footer.paragraphs[0].text and body.even_page_footer.paragraphs[0].text
    assert all(s.footer.is_linked_to_previous for s in annexes)
    assert document.settings.odd_and_even_pages_header_footer


def test_each_annex_is_a_landscape_section_on_a_new_page(document) -> None:
    annexes = document.sections[1:]
    assert len(annexes) == 3
    for section in annexes:
        assert section.start_type == WD_SECTION.NEW_PAGE
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert abs(section.page_width.mm - 297) < 0.05
        assert abs(section.page_height.mm - 210) < 0.05
        # the portrait page turned: the type area stays 156 × 225 mm
        width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
        height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
        assert abs(width - 225) < 0.1 and abs(height - 156) < 0.1


# ── well-formed beyond XML ─────────────────────────────────────────────────────

TEXT_HOLDERS = {w("t"), w("instrText"), w("delText")}


def stray_text(part) -> list[str]:
    """Text in an OOXML part that is not inside a w:t (or a field's instruction): Word
    refuses, or shows it nowhere, and a reader cannot rely on either."""
    found = []
    for element in part.iter():
        if element.text and element.text.strip() and element.tag not in TEXT_HOLDERS:
            found.append(f"{element.tag}: {element.text!r}")
        if element.tail and element.tail.strip():
            found.append(f"after {element.tag}: {element.tail!r}")
    return found


def test_no_text_stands_outside_a_run(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [n for n in package.namelist()
                 if n.startswith("word/") and n.endswith(".xml") and "/charts/" not in n]
    assert {"word/document.xml", "word/styles.xml"} <= set(parts)
    assert any(n.startswith("word/footer") for n in parts)
    for name in parts:
        assert stray_text(xml_part(data, name)) == [], name


def test_a_table_without_rows_says_so_in_one_cell_across_it() -> None:
    from majorproj.render.ooxml import table_xml

    pieces = table_xml(["序号", "项目名称", "问题"], [10, 40, 50], ["center", "left", "left"],
                       [], empty="本期无督办事项。")
    table = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{b"".join(pieces).decode()}</w:body>')[0]
    assert stray_text(table) == []
    header, only = table.findall(w("tr"))
    assert header.find(f"{w('trPr')}/{w('tblHeader')}") is not None
    cells = only.findall(w("tc"))
    assert len(cells) == 1 and "".join(cells[0].itertext()) == "本期无督办事项。"
    assert cells[0].find(f"{w('tcPr')}/{w('gridSpan')}").get(w("val")) == "3"
    assert cells[0].find(f"{w('tcPr')}/{w('tcW')}").get(w("w")) == str(
        sum(round(mm * 1440 / 25.4) for mm in (10, 40, 50)))  # twips of the three columns
    assert cells[0].find(f"{w('p')}/{w('pPr')}/{w('pStyle')}").get(w("val")) == "TableCenter"
    assert only.find(f"{w('trPr')}/{w('cantSplit')}") is not None
    # with rows, no such cell
    pieces = table_xml(["序号"], [10], ["center"], [["1"]], empty="本期无督办事项。")
    assert "本期无" not in b"".join(pieces).decode()


def test_the_page_number_is_a_page_field_between_dashes(document) -> None:
    """— N —, N a PAGE field (begin, instruction, separate, a placeholder, end)."""
    body = document.sections[0]
    for footer in (body.footer, body.even_page_footer):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        fields = [e.get(w("fldCharType")) for e in paragraph._p.iter(w("fldChar"))]
        assert fields == ["begin", "separate", "end"]
        assert [e.text for e in paragraph._p.iter(w("instrText"))] == [" PAGE "]


# ── fonts ──────────────────────────────────────────────────────────────────────


def test_no_theme_font_is_left_in_the_styles(data: bytes) -> None:
    styles = xml_part(data, "word/styles.xml")
    fonts = styles.iter(w("rFonts"))
    assert all(f.get(w(t)) is None for f in fonts for t in THEMES)
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    assert defaults.get(w("eastAsia")) == "仿宋_GB2312"
    assert defaults.get(w("ascii")) == defaults.get(w("hAnsi")) == "Times New Roman"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/stylesWithEffects.xml" not in package.namelist()
        assert "docProps/thumbnail.jpeg" not in package.namelist()


@pytest.mark.parametrize("style_id, font, half_points", [
    ("Normal", "仿宋_GB2312", "32"),
    ("Heading1", "黑体", "32"),
    ("Heading2", "楷体_GB2312", "32"),
    ("ReportTitle", "方正小标宋简体", "44"),
    ("AnnexLabel", "黑体", "32"),
    ("TableText", "仿宋_GB2312", "21"),
    ("TableHeader", "黑体", "21"),
    ("Footer", "宋体", "28"),
])
def test_styles_name_their_east_asian_font(data: bytes, style_id: str, font: str,
                                           half_points: str) -> None:
    element = style(data, style_id)
    assert attr(element, "w:rPr/w:rFonts", "eastAsia") == font
    assert attr(element, "w:rPr/w:sz", "val") == half_points


def canonical(element) -> tuple:
    """An element as (name, attributes, text, children, text after it), namespaces as w:,
    for comparing."""
    def name(qualified: str) -> str:
        return qualified.replace(f"{{{W_NS}}}", "w:")
    return (name(element.tag), sorted((name(k), v) for k, v in element.attrib.items()),
            element.text or "", [canonical(child) for child in element], element.tail or "")


def _fonts(east_asia: str, latin: str = "Times New Roman") -> str:
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/>')


def _run(east_asia: str, points: float, latin: str = "Times New Roman") -> str:
    half = round(points * 2)  # sizes are in half points
    return f'<w:rPr>{_fonts(east_asia, latin)}<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'


NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'
SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def _paragraph_style(style_id, name, ppr, rpr="", based_on="Normal", flags=' w:customStyle="1"',
                     priority=""):
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style xmlns:w="{W_NS}" w:type="paragraph"{flags} w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{base}<w:next w:val="Normal"/>{priority}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>")


# GB/T 9704's page as the report sets it: body 仿宋 3号 (16 pt) on an exact 28.95 pt line
# (579 twips, 22 lines on the 225 mm type area), indented two characters (2 × 16 pt =
# 640 twips); headings 黑体 and 楷体 3号, kept with the next paragraph; the title 小标宋
# 2号 (22 pt) centred on a 35 pt line (700 twips); the annex's label 黑体 3号, its title
# the report title's with 12 pt before and 6 pt after (240, 120 twips), its unit line
# 12 pt on the right; tables 五号 (10.5 pt) single-spaced, headers and totals in 黑体;
# the page number 宋体 4号 (14 pt).
STYLES = {
    "Normal": _paragraph_style(
        "Normal", "Normal", '<w:widowControl w:val="0"/><w:spacing w:before="0" w:after="0" '
        'w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>'
        '<w:jc w:val="both"/>', _run("仿宋_GB2312", 16), based_on=None, flags=' w:default="1"'),
    "Heading1": _paragraph_style(
        "Heading1", "heading 1", '<w:keepNext/><w:outlineLvl w:val="0"/>', _run("黑体", 16),
        flags="", priority='<w:uiPriority w:val="9"/>'),
    "Heading2": _paragraph_style(
        "Heading2", "heading 2", '<w:keepNext/><w:outlineLvl w:val="1"/>',
        _run("楷体_GB2312", 16), flags="", priority='<w:uiPriority w:val="9"/>'),
    "ReportTitle": _paragraph_style(
        "ReportTitle", "Report Title", '<w:spacing w:before="0" w:after="0" w:line="700" '
        f'w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="center"/>', _run("方正小标宋简体", 22)),
    "AnnexLabel": _paragraph_style(
        "AnnexLabel", "Annex Label", f'<w:keepNext/>{NO_INDENT}<w:jc w:val="left"/>',
        _run("黑体", 16)),
    "AnnexTitle": _paragraph_style(
        "AnnexTitle", "Annex Title", '<w:keepNext/><w:spacing w:before="240" w:after="120" '
        'w:line="700" w:lineRule="exact"/>', based_on="ReportTitle"),
    "AnnexUnit": _paragraph_style(
        "AnnexUnit", "Annex Unit", f'<w:keepNext/>{SINGLE}{NO_INDENT}<w:jc w:val="right"/>',
        _run("仿宋_GB2312", 12)),
    "TableText": _paragraph_style(
        "TableText", "Table Text", f'{SINGLE}{NO_INDENT}<w:jc w:val="left"/>',
        _run("仿宋_GB2312", 10.5)),
    "TableNumber": _paragraph_style("TableNumber", "Table Number", '<w:jc w:val="right"/>',
                                    based_on="TableText"),
    "TableCenter": _paragraph_style("TableCenter", "Table Center", '<w:jc w:val="center"/>',
                                    based_on="TableText"),
    "TableHeader": _paragraph_style("TableHeader", "Table Header",
                                    '<w:keepNext/><w:jc w:val="center"/>', _run("黑体", 10.5),
                                    based_on="TableText"),
    "TableTotal": _paragraph_style("TableTotal", "Table Total", '<w:jc w:val="right"/>',
                                   _run("黑体", 10.5), based_on="TableText"),
    "Footer": _paragraph_style(
        "Footer", "footer", f'<w:spacing w:line="240" w:lineRule="auto"/>{NO_INDENT}',
        _run("宋体", 14, latin="宋体"), flags=""),
}


@pytest.mark.parametrize("style_id", STYLES)
def test_each_style_is_the_one_gbt_9704_asks_for(data: bytes, style_id: str) -> None:
    found = style(data, style_id)
    found.tail = None  # the whitespace between the styles is not the style's
    assert canonical(found) == canonical(etree.fromstring(STYLES[style_id]))


def test_the_defaults_are_body_text_in_chinese(data: bytes) -> None:
    defaults = xml_part(data, "word/styles.xml").find(w("docDefaults"))
    defaults.tail = None
    assert canonical(defaults) == canonical(etree.fromstring(
        f'<w:docDefaults xmlns:w="{W_NS}"><w:rPrDefault><w:rPr>{_fonts("仿宋_GB2312")}'
        '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" '
        'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"))


def test_the_documents_properties_say_what_it_is_and_who_wrote_it(document) -> None:
    props = document.core_properties
    assert props.title == "测试市2024年上半年重大项目工作情况报告"  # one line, no break
    assert props.language == "zh-CN"
    assert props.comments == "majorproj 根据重点项目台账生成"
    assert (props.subject, props.keywords, props.category) == ("", "", "")


def test_body_text_is_16pt_at_an_exact_28_95pt_line_indented_two_characters(data) -> None:
    normal = style(data, "Normal")
    assert normal.get(w("default")) == "1"  # paragraphs naming no style are body text
    assert attr(normal, "w:pPr/w:spacing", "line") == str(round(28.95 * 20))
    assert attr(normal, "w:pPr/w:spacing", "lineRule") == "exact"
    assert attr(normal, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(normal, "w:pPr/w:ind", "firstLine") == str(2 * 16 * 20)  # the 32 pt fallback
    title = style(data, "ReportTitle")
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert attr(title, "w:pPr/w:ind", "firstLineChars") == "0"
    table = style(data, "TableText")
    assert attr(table, "w:pPr/w:spacing", "lineRule") == "auto"
    assert attr(table, "w:pPr/w:spacing", "line") == "240"  # single
    assert attr(style(data, "TableNumber"), "w:pPr/w:jc", "val") == "right"


def test_every_run_of_the_body_names_its_fonts(document) -> None:
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert len(runs) > 30
    for run in runs:
        fonts = run._r.find(f"{w('rPr')}/{w('rFonts')}")
        assert fonts is not None and fonts.get(w("eastAsia")), run.text
        assert fonts.get(w("ascii")) == "Times New Roman"


def test_title_headings_and_leads_use_their_fonts(document) -> None:
    first = document.paragraphs[0]
    assert first.style.name == "Report Title"
    assert first.text == "测试市2024年上半年重大项目工作情况报告"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、测试市重大项目推进情况", "二、存在的问题", "三、下一步工作安排"]
    lead = next(p for p in document.paragraphs if p.text.startswith("（一）总体推进情况。"))
    fonts = [r._r.find(f"{w('rPr')}/{w('rFonts')}").get(w("eastAsia")) for r in lead.runs]
    assert fonts == ["楷体_GB2312", "仿宋_GB2312"]


def test_fonts_follow_the_config(tmp_path: Path) -> None:
    root = write_ledger(tmp_path / "ledger", report="report:\n  fonts: {body: 仿宋, heading2: 楷体, "
                        "title: 华文中宋, latin: Arial}\n")
    data = render(root, tmp_path / "r.docx")
    assert attr(style(data, "Normal"), "w:rPr/w:rFonts", "eastAsia") == "仿宋"
    assert attr(style(data, "Normal"), "w:rPr/w:rFonts", "ascii") == "Arial"
    assert attr(style(data, "Heading2"), "w:rPr/w:rFonts", "eastAsia") == "楷体"
    assert attr(style(data, "ReportTitle"), "w:rPr/w:rFonts", "eastAsia") == "华文中宋"
    body = xml_part(data, "word/document.xml")
    used = {f.get(w("eastAsia")) for f in body.iter(w("rFonts"))}
    assert "仿宋_GB2312" not in used and "楷体_GB2312" not in used


# ── footers ────────────────────────────────────────────────────────────────────


def page_field(footer) -> tuple[str, str, list[str]]:
    """(alignment, indentation attributes, the footer's field codes and texts in order)."""
    p = footer._element.find(w("p"))
    jc = p.find(f"{w('pPr')}/{w('jc')}").get(w("val"))
    ind = p.find(f"{w('pPr')}/{w('ind')}")
    pieces = []
    for run in p.iter(w("r")):
        for child in run:
            if child.tag == w("t"):
                pieces.append(child.text)
            elif child.tag == w("fldChar"):
                pieces.append(child.get(w("fldCharType")))
            elif child.tag == w("instrText"):
                pieces.append(child.text.strip())
        fonts = run.find(f"{w('rPr')}/{w('rFonts')}")
        assert fonts.get(w("eastAsia")) == "宋体"
        assert run.find(f"{w('rPr')}/{w('sz')}").get(w("val")) == "28"  # 14 pt
    return jc, dict(ind.attrib), pieces


def test_odd_and_even_footers_carry_a_page_field(data: bytes, document) -> None:
    settings = xml_part(data, "word/settings.xml")
    assert settings.find(w("evenAndOddHeaders")) is not None
    body = document.sections[0]
    pieces = ["— ", "begin", "PAGE", "separate", "1", "end", " —"]
    jc, ind, found = page_field(body.footer)
    assert (jc, found) == ("right", pieces)
    assert ind[w("rightChars")] == "100" and ind[w("right")] == str(14 * 20)  # one character in
    jc, ind, found = page_field(body.even_page_footer)
    assert (jc, found) == ("left", pieces)
    assert ind[w("leftChars")] == "100" and ind[w("left")] == str(14 * 20)
    for annex in document.sections[1:]:  # numbering runs on through the annexes
        assert annex.footer.is_linked_to_previous
        assert annex.even_page_footer.is_linked_to_previous


# ── the annex list, the signature and the tables ──────────────────────────────


def test_annex_list_and_signature_close_the_body(document) -> None:
    texts = [p.text for p in document.paragraphs]
    start = texts.index("附件：1.重点项目推进情况表")
    assert texts[start + 1:start + 3] == ["2.县（市、区）推进情况排名表", "3.滞后项目清单"]
    organ = texts.index("测试市发展和改革委员会")
    assert texts[organ + 1] == "2024年7月15日"
    for p in document.paragraphs[organ:organ + 2]:
        assert p.paragraph_format.alignment == 2  # right
    assert texts.index("附件1") > organ


def body_items(data: bytes):
    """The body's paragraphs and tables in order, each with its section's orientation."""
    body = xml_part(data, "word/document.xml").find(w("body"))
    items, pending = [], []
    for child in body:
        sect = child.find(f"{w('pPr')}/{w('sectPr')}") if child.tag == w("p") else None
        if child.tag == w("sectPr"):
            sect = child
        pending.append(child)
        if sect is not None:
            size = sect.find(w("pgSz"))
            landscape = size.get(w("orient")) == "landscape"
            items += [(landscape, item) for item in pending]
            pending = []
    return items


def test_tables_sit_in_landscape_sections_under_their_label(data: bytes) -> None:
    items = body_items(data)
    tables = [(landscape, i) for i, (landscape, el) in enumerate(items) if el.tag == w("tbl")]
    assert len(tables) == 3
    for number, (landscape, index) in enumerate(tables, 1):
        assert landscape
        label = "".join(items[index - 3][1].itertext())
        assert label == f"附件{number}"
    assert not any(landscape for landscape, el in items
                   if "".join(el.itertext()).startswith("一、"))


def test_tables_repeat_the_header_row_and_right_align_numbers(document, data) -> None:
    projects, counties, lagging = document.tables
    assert len(projects.rows) == 1 + 1 + 2 + 5  # header, 合计, two 小计, five projects
    assert len(counties.rows) == 1 + 1 + 3
    assert len(lagging.rows) == 1 + 2
    for table in document.tables:
        rows = table._tbl.findall(w("tr"))
        assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
        assert all(r.find(f"{w('trPr')}/{w('tblHeader')}") is None for r in rows[1:])
        borders = table._tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
        assert {b.tag.split("}")[1] for b in borders} >= {"top", "bottom", "insideH", "insideV"}
        grid = [int(c.get(w("w"))) for c in table._tbl.find(w("tblGrid"))]
        assert abs(sum(grid) / 1440 * 25.4 - 225) < 0.5  # fills the 225 mm type area
    header = [c.text for c in projects.rows[0].cells]
    assert header[:4] == ["序号", "项目名称", "县\n（市、区）", "级别"]
    subtotal = projects.rows[2].cells
    assert subtotal[1].text == "甲县小计（2个）"
    assert subtotal[4].paragraphs[0].style.name == "Table Total"  # set in bold like 合计
    row = projects.rows[3].cells
    assert [c.text for c in row[:8]] == ["1", "甲县新材料产业园", "甲县", "省重点", "100,000.00",
                                         "30,000.00", "18,000.00", pct(18000, 30000)]
    assert row[4].paragraphs[0].style.name == "Table Number"
    assert row[1].paragraphs[0].style.name == "Table Text"
    assert projects.rows[8].cells[1].text == B3_NAME  # & and < survive, escaped


def test_a_table_without_rows_says_so_in_one_cell_across_the_table(tmp_path: Path) -> None:
    root = write_ledger(tmp_path / "ledger", projects="", progress={})
    tables = docx.Document(io.BytesIO(render(root, tmp_path / "r.docx"))).tables
    # the counties annex (tables[1]) still lists 甲县, 乙区 and 丙县, unranked
    for table, text in ((tables[0], "本年度台账中暂无项目。"), (tables[2], "本期无亮红灯、黄灯的项目。")):
        rows = table._tbl.findall(w("tr"))
        assert len(rows) == 2  # the header, then the one cell
        cells = rows[1].findall(w("tc"))
        assert len(cells) == 1 and "".join(t.text for t in cells[0].iter(w("t"))) == text
        span = cells[0].find(f"{w('tcPr')}/{w('gridSpan')}").get(w("val"))
        assert span == str(len(rows[0].findall(w("tc"))))


def test_the_figures_are_in_the_document_text(document) -> None:
    text = "\n".join(p.text for p in document.paragraphs)
    assert "总投资28亿元，年度计划投资7.7亿元" in text
    assert f"累计完成投资2.4亿元，占年度计划的{pct(24000, 77000)}" in text
    assert f"开工率{pct(1, 3)}" in text


# ── determinism and properties ─────────────────────────────────────────────────


def test_two_runs_give_the_same_bytes(tmp_path: Path, data: bytes) -> None:
    root = write_ledger(tmp_path / "ledger")
    first = render(root, tmp_path / "a.docx")
    second = render(root, tmp_path / "b.docx")
    assert first == second == data
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)


def test_core_properties_are_the_organ_and_the_report_date(document) -> None:
    props = document.core_properties
    assert props.author == props.last_modified_by == "测试市发展和改革委员会"
    assert props.title == "测试市2024年上半年重大项目工作情况报告"
    assert props.created.replace(tzinfo=None) == datetime(2024, 7, 15)
    assert props.modified.replace(tzinfo=None) == datetime(2024, 7, 15)
    assert props.revision == 1


# ── hostile text and scale ─────────────────────────────────────────────────────


def hand_made_report(blocks, rows, fonts=None):
    from majorproj.ledger.models import Fonts
    from majorproj.report.annexes import Annex, Column
    from majorproj.report.build import Report

    annex = Annex(1, "表<1>&", "单位：万元", (Column("名称", 200), Column("数", 25, "right")),
                  tuple(rows))
    return Report("标题&<>", "机关\x07", date(2024, 7, 15), tuple(blocks), (annex,),
                  fonts or Fonts())


def test_control_characters_and_markup_never_break_the_document() -> None:
    from majorproj.render.docx import write_docx
    from majorproj.render.md import write_markdown
    from majorproj.report.prose import Block

    blocks = [Block("heading1", "一、A&B<C>"), Block("paragraph", "正文\x01\x0b\ufffe&<end>",
                                                    "（一）\x1f标题。")]
    report = hand_made_report(blocks, [("名称\x02|&<", "1")])
    data = write_docx(report)
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "标题&<>" in text and "（一）标题。正文&<end>" in text and "机关" in text
    assert "2024年7月15日" in text  # the signature's date, from Report.date
    assert "\x01" not in text and "\x07" not in text
    assert document.tables[0].rows[1].cells[0].text == "名称|&<"
    markdown = write_markdown(report).decode("utf-8")
    assert "| 名称\\|\\&\\< | 1 |" in markdown and "\x02" not in markdown


def table_rows(*args, **kwargs) -> list:
    """``table_xml``'s table parsed: per row, whether it repeats as a header, and per cell
    its width (twips), its column span, its paragraph style and its text."""
    from majorproj.render.ooxml import W, table_xml

    table = etree.fromstring(f"<w:body {W}>{b''.join(table_xml(*args, **kwargs)).decode()}</w:body>")[0]
    return table, [
        (tr.find("w:trPr/w:tblHeader", NS) is not None,
         tr.find("w:trPr/w:cantSplit", NS) is not None,
         [(int(attr(tc, "w:tcPr/w:tcW", "w")), attr(tc, "w:tcPr/w:gridSpan", "val"),
           attr(tc, "w:p/w:pPr/w:pStyle", "val"), "".join(tc.itertext()))
          for tc in tr.findall("w:tc", NS)])
        for tr in table.findall("w:tr", NS)]


def test_a_tables_xml_by_hand() -> None:
    # 25.4 mm is an inch, 1440 twips; 12.7 mm half of it
    table, rows = table_rows(["名称", "金额"], [25.4, 12.7], ["left", "right"],
                             [["甲", "1.00"], ["乙小计", "2.00"], ['"<&>"', ""]],
                             total=["合计", "3.00"], subtotals={1})
    assert [int(c.get(w("w"))) for c in table.findall("w:tblGrid/w:gridCol", NS)] == [1440, 720]
    assert attr(table, "w:tblPr/w:tblW", "w") == "2160"
    borders = table.find("w:tblPr/w:tblBorders", NS)
    assert [etree.QName(b).localname for b in borders] == [
        "top", "left", "bottom", "right", "insideH", "insideV"]
    assert {b.get(w("val")) for b in borders} == {"single"}
    assert "".join(table.itertext()) == "名称金额合计3.00甲1.00乙小计2.00\"<&>\""  # cells' only
    header, bold, plain = "TableHeader", "TableTotal", "TableText"
    assert rows == [
        (True, True, [(1440, None, header, "名称"), (720, None, header, "金额")]),
        (False, True, [(1440, None, header, "合计"), (720, None, bold, "3.00")]),
        (False, True, [(1440, None, plain, "甲"), (720, None, "TableNumber", "1.00")]),
        (False, True, [(1440, None, header, "乙小计"), (720, None, bold, "2.00")]),
        (False, True, [(1440, None, plain, '"<&>"'), (720, None, "TableNumber", "")]),
    ]
    # no rows: one cell across the table, centred
    _, rows = table_rows(["名称", "金额"], [25.4, 12.7], ["left", "right"], [], empty="无")
    assert rows[1:] == [(False, True, [(2160, "2", "TableCenter", "无")])]


def test_xml_text_escapes_and_drops_what_xml_forbids() -> None:
    from majorproj.render.ooxml import xml_text

    assert xml_text('a&b<c>"d"\x00\x08\x0b\x1f\x7f\x85\ud800\ufffe\uffffe\t') == \
        "a&amp;b&lt;c&gt;&quot;d&quot;e\t"


def big_ledger(n: int):
    """A ledger of ``n`` projects built in memory (the loader is not what is measured)."""
    from majorproj.ledger.models import Config, Entry, Ledger, Progress, Project

    counties = [f"第{i}县" for i in range(12)]
    config = Config(format=1, city="某市", organ="某市发展和改革委员会", year=2024,
                    counties=counties, sectors=["产业"])
    projects = tuple(
        Project(id=f"P{i:05d}", name=f"{counties[i % 12]}第{i}号重点项目&配套<工程>",
                level=("provincial", "municipal", "county")[i % 3], county=counties[i % 12],
                sector="产业", nature="continuing", total_investment=Decimal(10000 + i),
                annual_plan=Decimal(1000 + i % 500))
        for i in range(n))
    entries = {p.id: Entry(completed_ytd=Decimal(i % 900), progress="主体施工")
               for i, p in enumerate(projects)}
    june = Progress(month="2024-06", entries=entries)
    return Ledger(Path("."), config, projects, MappingProxyType({6: june}),
                  MappingProxyType({}))


def test_a_10000_project_annex_takes_seconds(tmp_path: Path) -> None:
    from majorproj.periods import parse_period
    from majorproj.render.docx import write_docx
    from majorproj.report import build_report

    ledger = big_ledger(10_000)
    started = time.perf_counter()
    data = write_docx(build_report(ledger, parse_period("2024H1")))
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{elapsed:.1f} s"  # about 2 s on a 2-core machine
    tables = docx.Document(io.BytesIO(data)).tables
    assert len(tables[0].rows) == 10_000 + 2 + 12  # header, 合计, a 小计 per county
    # county by county: the last row is the last project of the last county, 第11县
    # (i ≡ 11 mod 12: 9995)
    assert tables[0].rows[-1].cells[1].text == "第11县第9995号重点项目&配套<工程>"


def test_the_markdown_preview_of_a_hand_made_report_line_by_line() -> None:
    from decimal import Decimal

    from majorproj.ledger.models import Fonts
    from majorproj.render.md import write_markdown
    from majorproj.report.annexes import Annex, Column
    from majorproj.report.build import Colophon, Report
    from majorproj.report.charts import Chart, Series
    from majorproj.report.prose import Block

    blocks = (Block("heading1", "一、总体"), Block("paragraph", "正文一。", "（一）概况。"),
              Block("heading2", "（二）小节"), Block("heading1", "二、措施"),
              Block("paragraph", "1. 不是列表"))
    chart = Chart(1, "完成率", ("甲县", "乙县"),
                  (Series("完成率", (Decimal("0.5"), Decimal("0.25"))),
                   Series("序时进度", (Decimal("0.5"), None), kind="line")))
    counts = Chart(2, "预警", ("甲县",), (Series("红灯", (2,)),), percent=False)
    first = Annex(1, "表一", "单位：万元",
                  (Column("县\n（市、区）", 30), Column("数", 20, "right"),
                   Column("灯", 10, "center")),
                  (("甲县", "1", "红灯"), ("乙\n县", "2", "")), total=("合计", "3", ""))
    second = Annex(2, "表二", "单位：个", (Column("项目", 30), Column("事项", 30)), (),
                   empty="无滞后项目")
    report = Report("测试市报告", "测试市发改委", date(2024, 7, 15), blocks, (first, second),
                    Fonts(), charts=(chart, counts), number="测发改〔2024〕1号",
                    colophon=Colophon(("市委办公室", "市政府办公室"), "测试市发改委办公室",
                                      date(2024, 7, 16)))
    assert report.charts_at == 3  # before the second 一级标题
    assert write_markdown(report).decode("utf-8").split("\n") == [
        "# 测试市报告", "", "测发改〔2024〕1号", "",
        "## 一、总体", "",
        "**（一）概况。**正文一。", "",
        "### （二）小节", "",
        "**图1 完成率**", "",
        "| | 完成率 | 序时进度 |",
        "|---|---:|---:|",
        "| 甲县 | 50.0% | 50.0% |",
        "| 乙县 | 25.0% | — |", "",
        "**图2 预警**", "",
        "| | 红灯 |",
        "|---|---:|",
        "| 甲县 | 2 |", "",
        "## 二、措施", "",
        "1\\. 不是列表", "",  # a list item in Markdown, not in the report
        "附件：1.表一  ",
        "　　　2.表二  ", "",
        "测试市发改委  ", "2024年7月15日", "",
        "---", "", "附件1", "", "**表一**", "", "单位：万元", "",
        "| 县（市、区） | 数 | 灯 |",
        "|---|---:|:---:|",
        "| 合计 | 3 |  |",  # 合计 first, under the header
        "| 甲县 | 1 | 红灯 |",
        "| 乙／县 | 2 |  |", "",  # a line break in a cell reads ／
        "---", "", "附件2", "", "**表二**", "", "单位：个", "",
        "| 项目 | 事项 |",
        "|---|---|",
        "| 无滞后项目 | |", "",
        "---", "",
        "抄送：市委办公室，市政府办公室。  ",
        "测试市发改委办公室　　2024年7月16日印发", ""]


def test_the_markdown_preview_puts_charts_last_without_a_second_part() -> None:
    from decimal import Decimal

    from majorproj.ledger.models import Fonts
    from majorproj.render.md import write_markdown
    from majorproj.report.build import Report
    from majorproj.report.charts import Chart, Series
    from majorproj.report.prose import Block

    chart = Chart(1, "完成率", ("甲县",), (Series("完成率", (Decimal("0.5"),)),))
    report = Report("报告", "机关", date(2024, 7, 15), (Block("heading1", "一、总体"),), (),
                    Fonts(), charts=(chart,))
    assert write_markdown(report).decode("utf-8").split("\n") == [
        "# 报告", "", "## 一、总体", "", "**图1 完成率**", "", "| | 完成率 |", "|---|---:|",
        "| 甲县 | 50.0% |", "", "机关  ", "2024年7月15日", ""]


def test_a_package_is_written_the_same_way_every_run() -> None:
    from majorproj.render.package import deterministic_zip, read_package

    entries = {"word/document.xml": b"<w/>" * 100, "[Content_Types].xml": b"<Types/>",
               "_rels/.rels": b"<Relationships/>", "docProps/app.xml": b"",
               "Z.xml": b"<z/>"}
    data = deterministic_zip(entries)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
    # [Content_Types].xml first, as Word writes it, then by name ("Z" sorts before "[", "_"
    # after it, then "d")
    assert [i.filename for i in infos] == ["[Content_Types].xml", "Z.xml", "_rels/.rels",
                                           "docProps/app.xml", "word/document.xml"]
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED
        # made on no particular system; zipfile gives every entry the same rw------- mode
        assert (info.create_system, info.external_attr) == (0, 0o600 << 16)
    assert infos[-1].compress_size < infos[-1].file_size  # deflated: 400 bytes of a pattern
    assert read_package(data) == entries
    # the same entries in another order give the same bytes
    assert deterministic_zip(dict(reversed(entries.items()))) == data


def test_an_entry_given_as_chunks_is_the_same_as_given_whole() -> None:
    from majorproj.render.package import deterministic_zip, read_package

    chunks = [f"<w:p>{i}</w:p>".encode() * (i % 7 + 1) for i in range(5000)]
    whole = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"".join(chunks)}
    data = deterministic_zip({**whole, "word/document.xml": iter(chunks)})
    assert data == deterministic_zip(whole)  # the same bytes, so also the same level
    assert read_package(data)["word/document.xml"] == whole["word/document.xml"]


class _Sink(io.BytesIO):
    def __init__(self, fail_at: int | None = None) -> None:
        super().__init__()
        self.writes = 0
        self.fail_at = fail_at

    def write(self, chunk) -> int:  # type: ignore[override]
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError("disk full")
        return super().write(chunk)


def _no_writer_left() -> bool:
    import threading

    return not any(t.name == "majorproj-zip" for t in threading.enumerate())


def test_write_behind_writes_every_chunk_in_order() -> None:
    from majorproj.render.package import write_behind

    sink = _Sink()
    write_behind(sink, (str(i).encode() + b"," for i in range(1000)), ahead=3)
    assert sink.getvalue() == b"".join(str(i).encode() + b"," for i in range(1000))
    assert sink.writes == 1000 and _no_writer_left()


def test_write_behind_writes_in_another_thread_and_runs_at_most_ahead_of_it() -> None:
    """The sink is written by a second thread; while it is held up, the maker has made
    no more than the queue holds (``ahead``), one in the writer's hands and the one it
    waits to put: what a slow disk or compressor costs in memory is bounded."""
    import threading
    import time

    from majorproj.render.package import write_behind

    release, writers, made = threading.Event(), set(), []

    class Held(io.BytesIO):
        def write(self, chunk) -> int:  # type: ignore[override]
            writers.add(threading.current_thread())
            release.wait(5)
            return super().write(chunk)

    def chunks():
        for i in range(100):
            made.append(i)
            yield b"%d," % i

    sink = Held()
    caller = threading.Thread(target=write_behind, args=(sink, chunks()), kwargs={"ahead": 3})
    caller.start()
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:  # the maker, left to run: it must stop by itself
        time.sleep(0.01)
    assert len(made) <= 3 + 2
    release.set()
    caller.join(5)
    assert not caller.is_alive() and len(made) == 100
    assert sink.getvalue() == b"".join(b"%d," % i for i in range(100))
    assert caller not in writers and len(writers) == 1  # one writer, not the caller


def test_write_behind_raises_the_sinks_error_and_stops_making_chunks() -> None:
    from majorproj.render.package import write_behind

    made = []

    def chunks():
        for i in range(10_000):
            made.append(i)
            yield b"x"

    sink = _Sink(fail_at=5)
    with pytest.raises(OSError, match="disk full"):
        write_behind(sink, chunks(), ahead=2)
    assert sink.getvalue() == b"xxxx"  # what came before the error, and nothing after it
    assert len(made) < 100  # the maker stopped soon after: at most `ahead` were waiting
    assert _no_writer_left()


def test_write_behind_raises_the_makers_error_and_ends_its_writer() -> None:
    from majorproj.render.package import write_behind

    def chunks():
        yield b"a"
        yield b"b"
        raise ValueError("bad row")

    sink = _Sink()
    with pytest.raises(ValueError, match="bad row"):
        write_behind(sink, chunks())
    assert sink.getvalue() == b"ab" and _no_writer_left()


def test_write_behind_shortens_the_switch_interval_only_while_it_writes() -> None:
    """The writer takes the interpreter's lock back between chunks, so the maker is made
    to give it up more often while both run; after, the interval is the caller's again,
    also when the maker fails."""
    import sys

    from majorproj.render.package import SWITCH_INTERVAL, write_behind

    seen = []

    def chunks():
        seen.append(sys.getswitchinterval())
        yield b"a"
        raise ValueError("bad row")

    before = sys.getswitchinterval()
    assert before > SWITCH_INTERVAL  # Python's 5 ms, or what the caller set
    with pytest.raises(ValueError, match="bad row"):
        write_behind(_Sink(), chunks())
    assert seen == [pytest.approx(SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == before


def test_text_is_encoded_in_chunks_of_a_megabyte_or_more() -> None:
    from majorproj.text import encoded

    pieces = ["甲" * 1000] * 2100  # 2,100,000 characters, each three bytes in UTF-8
    sizes = [len(chunk) for chunk in encoded(pieces)]
    assert sizes == [3 * 1_049_000, 3 * 1_049_000, 3 * 2000]  # 1,049 pieces reach 2²⁰


@pytest.mark.parametrize("title, lines", [
    # 20 characters a line at 22 pt on 156 mm: one line when it fits
    ("某市2024年上半年重大项目工作情况报告", ["某市2024年上半年重大项目工作情况报告"]),
    # 20.5 wide: broken where a phrase ends, as evenly as may be (7.5 | 13), not
    # 推进情况的 | 通报
    ("关于2024年1-6月全市重点项目推进情况的通报", ["关于2024年1-6月", "全市重点项目推进情况的通报"]),
    ("某某自治州人民政府2024年上半年重大项目工作情况报告",
     ["某某自治州人民政府2024年", "上半年重大项目工作情况报告"]),
    ("第一行\n第二行", ["第一行", "第二行"]),  # the office's own breaks stand
])
def test_a_long_title_breaks_where_a_phrase_ends(title, lines) -> None:
    from majorproj.render.docx import title_lines

    assert title_lines(title) == lines
