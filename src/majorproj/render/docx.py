"""The report as a .docx in the form of GB/T 9704-2012 (党政机关公文格式).

A4 with margins 37/35/28/26 mm; body 16 pt 仿宋_GB2312 at an exact 28.95 pt line and
a two-character first-line indent; title 22 pt 方正小标宋简体; headings 黑体 and
楷体_GB2312; "— N —" page numbers in 14 pt 宋体, right on odd and left on even pages;
the annexes, each on a new page, in landscape sections whose tables repeat their
header row. Fonts come from ``majorproj.yaml`` (``report.fonts``) and are named in
``w:eastAsia``, with the template's theme fonts removed so that they win.

The file is the same, byte for byte, for the same ledger and period: fixed document
properties and a zip written with fixed timestamps in a stable order.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from majorproj.render.ooxml import (
    W_NS,
    W,
    char_width,
    clean,
    fonts_xml,
    page_number_runs_xml,
    run_properties_xml,
    splice,
    strip_theme_fonts,
    table_xml,
    xml_text,
)
from majorproj.render.package import deterministic_zip, read_package
from majorproj.text import chunks

if TYPE_CHECKING:
    from majorproj.ledger.models import Fonts
    from majorproj.report.annexes import Annex
    from majorproj.report.build import Report

BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 10.5
LINE_TWIPS = 579  # 28.95 pt exact: 22 lines on the 225 mm 版心
TITLE_LINE_TWIPS = 700  # 35 pt: a 22 pt title, also when it wraps
INDENT = f'<w:ind w:firstLineChars="200" w:firstLine="{2 * BODY_PT * 20}"/>'
NO_INDENT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'
PORTRAIT_MM = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
# the annexes' pages: the portrait page turned clockwise, so the 版心 stays 156 × 225 mm
LANDSCAPE_MM = {"width": 297, "height": 210, "top": 28, "bottom": 26, "left": 35, "right": 37}
# an annex's table goes to the compressing thread a megabyte at a time, so that it takes
# the interpreter's lock back seldom (``package.write_behind``)
CHUNK = 1 << 20
PAGE_NUMBER_ABOVE_MM = 13  # the footer's bottom edge to the margin: the number sits ~7 mm
                           # under the 版心, as GB/T 9704 has it


def write_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    import docx

    document = docx.Document()
    _drop_template_extras(document)
    _styles(document, report.fonts)
    _properties(document, report)
    body = document.sections[0]
    _page(body, PORTRAIT_MM)
    _footers(document, body, report.fonts)
    _body(document, report)
    for annex in report.annexes:
        _annex(document, annex, report.fonts)
    if report.colophon is not None:
        _colophon(document, report)
    saved = io.BytesIO()
    document.save(saved)
    parts = read_package(saved.getvalue())
    entries: dict[str, bytes | Iterable[bytes]] = dict(parts)
    entries["word/document.xml"] = splice(parts["word/document.xml"], {
        _marker(annex): chunks(table_xml(
            [c.header for c in annex.columns], [c.width_mm for c in annex.columns],
            [c.align for c in annex.columns], annex.rows, annex.total,
            annex.empty, annex.subtotals), CHUNK)
        for annex in report.annexes})
    return deterministic_zip(entries)


# ── the package ───────────────────────────────────────────────────────────────


def _drop_template_extras(document) -> None:
    """Drop the default template's thumbnail (an English page), its Word 2010 style copy
    (with theme fonts) and its bibliography custom XML."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    unwanted = {RT.THUMBNAIL, RT.CUSTOM_XML,
                "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in unwanted]:
            del rels[rid]
            rels.related_parts.pop(rid, None)


def _properties(document, report: Report) -> None:
    """Fixed core properties: author the organ, created and modified the report's date."""
    props = document.core_properties
    when = datetime(report.date.year, report.date.month, report.date.day)
    props.title = clean(report.title.replace("\n", ""))
    props.author = props.last_modified_by = clean(report.organ)
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.subject = props.keywords = props.category = ""
    props.comments = "majorproj 根据重点项目台账生成"
    props.language = "zh-CN"


# ── styles ────────────────────────────────────────────────────────────────────


def _style(style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal",
           custom: bool = True, extra: str = "") -> str:
    flags = ' w:customStyle="1"' if custom else ""
    if style_id == "Normal":
        flags = ' w:default="1"'  # the style of every paragraph that names none
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style {W} w:type="paragraph"{flags} w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{base}<w:next w:val="Normal"/>{extra}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>")


def _half(points: float) -> int:
    return round(points * 2)


def _styles(document, fonts: Fonts) -> None:
    from docx.oxml import parse_xml

    latin = fonts.latin
    styles = document.styles.element
    strip_theme_fonts(styles)
    defaults = styles.find(_w("docDefaults"))
    defaults.getparent().replace(defaults, parse_xml(
        f"<w:docDefaults {W}><w:rPrDefault><w:rPr>{fonts_xml(fonts.body, latin)}"
        f'<w:sz w:val="{_half(BODY_PT)}"/><w:szCs w:val="{_half(BODY_PT)}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"))
    body_line = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'
    table_line = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    table_rpr = run_properties_xml(fonts.body, latin, _half(TABLE_PT))
    table_bold_rpr = run_properties_xml(fonts.heading1, latin, _half(TABLE_PT))
    definitions = [
        _style("Normal", "Normal", f'<w:widowControl w:val="0"/>{body_line}{INDENT}'
               '<w:jc w:val="both"/>', run_properties_xml(fonts.body, latin, _half(BODY_PT)),
               based_on=None, custom=False),
        _style("Heading1", "heading 1", '<w:keepNext/><w:outlineLvl w:val="0"/>',
               run_properties_xml(fonts.heading1, latin, _half(BODY_PT)), custom=False,
               extra='<w:uiPriority w:val="9"/>'),
        _style("Heading2", "heading 2", '<w:keepNext/><w:outlineLvl w:val="1"/>',
               run_properties_xml(fonts.heading2, latin, _half(BODY_PT)), custom=False,
               extra='<w:uiPriority w:val="9"/>'),
        _style("ReportTitle", "Report Title",
               f'<w:spacing w:before="0" w:after="0" w:line="{TITLE_LINE_TWIPS}" '
               f'w:lineRule="exact"/>{NO_INDENT}<w:jc w:val="center"/>',
               run_properties_xml(fonts.title, latin, _half(TITLE_PT))),
        _style("AnnexLabel", "Annex Label", f'<w:keepNext/>{NO_INDENT}<w:jc w:val="left"/>',
               run_properties_xml(fonts.heading1, latin, _half(BODY_PT))),
        _style("AnnexTitle", "Annex Title",
               f'<w:keepNext/><w:spacing w:before="240" w:after="120" w:line="{TITLE_LINE_TWIPS}"'
               f' w:lineRule="exact"/>', "", based_on="ReportTitle"),
        _style("AnnexUnit", "Annex Unit", f'<w:keepNext/>{table_line}{NO_INDENT}'
               '<w:jc w:val="right"/>', run_properties_xml(fonts.body, latin, 24)),
        _style("TableText", "Table Text", f"{table_line}{NO_INDENT}<w:jc w:val=\"left\"/>",
               table_rpr),
        _style("TableNumber", "Table Number", '<w:jc w:val="right"/>', "",
               based_on="TableText"),
        _style("TableCenter", "Table Center", '<w:jc w:val="center"/>', "",
               based_on="TableText"),
        _style("TableHeader", "Table Header", '<w:keepNext/><w:jc w:val="center"/>',
               table_bold_rpr, based_on="TableText"),
        _style("TableTotal", "Table Total", '<w:jc w:val="right"/>', table_bold_rpr,
               based_on="TableText"),
        _style("Footer", "footer", f'<w:spacing w:line="240" w:lineRule="auto"/>{NO_INDENT}',
               run_properties_xml(fonts.page_number, fonts.page_number,
                                  _half(PAGE_NUMBER_PT)), custom=False),
    ]
    for text in definitions:
        element = parse_xml(text)
        old = styles.xpath(f'w:style[@w:styleId="{element.get(_w("styleId"))}"]')
        if old:
            styles.replace(old[0], element)
        else:
            styles.append(element)


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


# ── pages and footers ─────────────────────────────────────────────────────────


def _page(section, mm: Mapping[str, float]) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    landscape = mm["width"] > mm["height"]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(mm["width"]), Mm(mm["height"])
    section.top_margin, section.bottom_margin = Mm(mm["top"]), Mm(mm["bottom"])
    section.left_margin, section.right_margin = Mm(mm["left"]), Mm(mm["right"])
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(mm["bottom"] - PAGE_NUMBER_ABOVE_MM)


def _footers(document, section, fonts: Fonts) -> None:
    """Odd pages: "— N —" right, one character in; even pages: left, one character in."""
    from docx.oxml import parse_xml

    document.settings.odd_and_even_pages_header_footer = True
    one_char = PAGE_NUMBER_PT * 20
    for footer, jc, ind in (
        (section.footer, "right", f'w:right="{one_char}" w:rightChars="100"'),
        (section.even_page_footer, "left", f'w:left="{one_char}" w:leftChars="100"'),
    ):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(
            f'<w:p {W}><w:pPr><w:pStyle w:val="Footer"/><w:ind {ind} w:firstLine="0" '
            f'w:firstLineChars="0"/><w:jc w:val="{jc}"/></w:pPr>'
            f"{page_number_runs_xml(fonts.page_number, _half(PAGE_NUMBER_PT))}</w:p>"))


# ── the body ──────────────────────────────────────────────────────────────────


def _run(paragraph, text: str, east_asia: str, latin: str):
    """A run with its fonts named on the run too (Word and WPS both honour them)."""
    from docx.oxml import parse_xml

    run = paragraph.add_run(clean(text))
    run._r.get_or_add_rPr().insert(0, parse_xml(f"<w:x {W}>{fonts_xml(east_asia, latin)}"
                                                "</w:x>")[0])
    return run


def _new_paragraph(document, style_id: str):
    """A paragraph of the style ``style_id`` at the end of the body. python-docx's
    ``add_paragraph(style=name)`` looks the name up and the default style up among the
    template's 160 on every call: a third of the body's time."""
    paragraph = document.add_paragraph()
    paragraph._p.style = None if style_id == "Normal" else style_id  # Normal is named by none
    return paragraph


def _paragraph(document, style_id: str, text: str, east_asia: str, latin: str,
               ppr: str = ""):
    paragraph = _new_paragraph(document, style_id)
    if ppr:
        _add_ppr(paragraph, ppr)
    if text:
        _run(paragraph, text, east_asia, latin)
    return paragraph


def _add_ppr(paragraph, ppr: str) -> None:
    """Add paragraph properties given as XML (in schema order) after the style."""
    from docx.oxml import parse_xml

    pPr = paragraph._p.get_or_add_pPr()
    for child in parse_xml(f"<w:pPr {W}>{ppr}</w:pPr>"):
        pPr.append(child)


def _body(document, report: Report) -> None:
    fonts = report.fonts
    latin = fonts.latin
    if report.number:  # 发文字号: centred over the title, a blank line between (7.2.4)
        _paragraph(document, "Normal", report.number, fonts.body, latin,
                   f'<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>{NO_INDENT}'
                   '<w:jc w:val="center"/>')
        _paragraph(document, "Normal", "", fonts.body, latin)
    title = _new_paragraph(document, "ReportTitle")
    for i, line in enumerate(title_lines(report.title)):
        run = _run(title, line, fonts.title, latin)
        if i:
            run._r.addprevious(parse_br())
    _paragraph(document, "Normal", "", fonts.body, latin)  # a blank line under the title
    heading_styles = {"heading1": ("Heading1", fonts.heading1),
                      "heading2": ("Heading2", fonts.heading2)}
    for i, block in enumerate(report.blocks):
        if i == report.charts_at:
            _charts(document, report)
        if block.kind in heading_styles:
            style, font = heading_styles[block.kind]
            _paragraph(document, style, block.text, font, latin)
            continue
        paragraph = _new_paragraph(document, "Normal")
        if block.lead:
            _run(paragraph, block.lead, fonts.heading2, latin)
        _run(paragraph, block.text, fonts.body, latin)
    if report.charts_at >= len(report.blocks):
        _charts(document, report)
    last_text = document.paragraphs[-1]
    if report.annexes:
        _annex_list(document, report)
    _signature(document, report)
    # the body's last lines, the 附件 list and the signature stay on one page: the signature
    # and date never stand alone, the list is never split (keep with next, down to the date)
    chain = document.paragraphs
    start = next(i for i, p in enumerate(chain) if p._p is last_text._p)
    for paragraph in chain[start:-1]:
        _keep_with_next(paragraph)


def _keep_with_next(paragraph) -> None:
    from docx.oxml import parse_xml

    pPr = paragraph._p.get_or_add_pPr()
    if pPr.find(_w("keepNext")) is None:
        keep = parse_xml(f"<w:keepNext {W}/>")
        style = pPr.find(_w("pStyle"))
        if style is not None:
            style.addnext(keep)
        else:
            pPr.insert(0, keep)


CHART_MM = (156, 80)  # the 版心's width, and a third of its height
EMU_PER_MM = 36000


def _charts(document, report: Report) -> None:
    """Each chart as a native Word chart, centred on its own lines, its caption under it
    (图1 …), the two kept on one page."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    from majorproj.render.chart import chart_workbook, chart_xml

    fonts = report.fonts
    package = document.part.package
    width, height = (mm * EMU_PER_MM for mm in CHART_MM)
    centred = ('<w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" '
               'w:lineRule="auto"/>' + NO_INDENT + '<w:jc w:val="center"/>')
    for chart in report.charts:
        n = chart.number
        book = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
                    CT.SML_SHEET, chart_workbook(chart), package)
        part = Part(PackURI(f"/word/charts/chart{n}.xml"), CT.DML_CHART, b"", package)
        part._blob = chart_xml(chart, fonts, part.relate_to(book, RT.PACKAGE))
        rid = document.part.relate_to(part, RT.CHART)
        paragraph = _paragraph(document, "Normal", "", fonts.body, fonts.latin, centred)
        paragraph._p.append(parse_xml(
            f'<w:r {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            'wordprocessingDrawing"><w:drawing><wp:inline distT="0" distB="0" distL="0" '
            f'distR="0"><wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" '
            f'r="0" b="0"/><wp:docPr id="{1000 + n}" name="{xml_text(chart.caption)}"/>'
            '<wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
            'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
            'drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/'
            'drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships" r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>'
            "</w:drawing></w:r>"))
        _paragraph(document, "Normal", chart.caption, fonts.body, fonts.latin,
                   NO_INDENT + '<w:jc w:val="center"/>')


def parse_br():
    from docx.oxml import parse_xml

    return parse_xml(f"<w:r {W}><w:br/></w:r>")


def _annex_list(document, report: Report) -> None:
    """附件：1.… under the body, two characters in, later items under the first one's number."""
    fonts = report.fonts
    _paragraph(document, "Normal", "", fonts.body, fonts.latin)
    hang = 2 + char_width("附件：")
    for annex in report.annexes:
        label = f"{annex.number}.{annex.title}"
        if annex.number == 1:
            _paragraph(document, "Normal", f"附件：{label}", fonts.body, fonts.latin)
        else:
            _paragraph(document, "Normal", label, fonts.body, fonts.latin,
                       _indent_xml(left_chars=hang))


def _signature(document, report: Report) -> None:
    """发文机关署名 right, two characters in; 成文日期 under it, starting two characters
    further right (GB/T 9704 7.3.5.2); a date longer than that keeps two characters."""
    fonts = report.fonts
    organ, day = clean(report.organ), report.date_text
    organ_w, date_w = char_width(organ), char_width(day)
    organ_right, date_right = 2.0, organ_w - date_w
    if date_right < 2:
        date_right, organ_right = 2.0, 2 + date_w + 2 - organ_w
    _paragraph(document, "Normal", "", fonts.body, fonts.latin)
    # no extra space between Chinese and digits, so that the widths above hold
    no_autospace = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
    for text, right in ((organ, organ_right), (day, date_right)):
        _paragraph(document, "Normal", text, fonts.body, fonts.latin,
                   no_autospace + _indent_xml(right_chars=right) + '<w:jc w:val="right"/>')


COLOPHON_PT = 14  # 4号
THICK, THIN = 8, 6  # eighths of a point: 0.35 mm and 0.25 mm rules (GB/T 9704 7.4.1)
RULE_TWIPS = 20  # the empty paragraph that carries a rule: 1 pt
SLACK_TWIPS = 120  # rounding and the readers' own leading never push the last rule over


def _colophon(document, report: Report) -> None:
    """版记 on a portrait page of its own at the end, at the foot of the 版心: a thick rule,
    抄送 (4号, one character in each side, later lines under the first name), a thin rule,
    印发机关 one character in on the left and 印发日期 one character in on the right, and a
    thick rule on the 版心's bottom edge (GB/T 9704 7.4).

    Its lines are broken here and set at an exact height, so the space above them is
    known and the last rule lands on the bottom edge in every reader.
    """
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml

    colophon, fonts = report.colophon, report.fonts
    assert colophon is not None  # called only for a report with a 版记
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _make_tiny(document.element.body.findall(_w("p"))[-1])
    _page(section, PORTRAIT_MM)
    char = COLOPHON_PT * 20
    width = mm_twips(PORTRAIT_MM["width"] - PORTRAIT_MM["left"] - PORTRAIT_MM["right"])
    height = mm_twips(PORTRAIT_MM["height"] - PORTRAIT_MM["top"] - PORTRAIT_MM["bottom"])
    hang = char_width("抄送：")
    copy_lines = (wrap_chars(colophon.copy_text[3:], int((width - 2 * char) / char - hang))
                  if colophon.copy_to else [])
    rules = 3 if copy_lines else 2
    used = rules * RULE_TWIPS + (len(copy_lines) + 1) * LINE_TWIPS
    size = f'<w:sz w:val="{_half(COLOPHON_PT)}"/><w:szCs w:val="{_half(COLOPHON_PT)}"/>'
    exact = f'w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"'
    no_autospace = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'

    def rule(eighths: int, before: int = 0) -> None:  # an empty 1 pt paragraph, ruled on top
        _paragraph(document, "Normal", "", fonts.body, fonts.latin,
                   f'<w:pBdr><w:top w:val="single" w:sz="{eighths}" w:space="0" '
                   f'w:color="000000"/></w:pBdr><w:spacing w:before="{before}" w:after="0" '
                   f'w:line="{RULE_TWIPS}" w:lineRule="exact"/>{NO_INDENT}'
                   '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')

    def text(lines: list[str], ppr: str) -> None:
        paragraph = _paragraph(document, "Normal", "", fonts.body, fonts.latin, ppr)
        for i, line in enumerate(lines):
            run = _run(paragraph, line, fonts.body, fonts.latin)
            for element in parse_xml(f"<w:x {W}>{size}</w:x>"):
                run._r.get_or_add_rPr().append(element)
            if i:
                run._r.addprevious(parse_br())

    rule(THICK, max(0, height - used - SLACK_TWIPS))
    if copy_lines:
        copy_lines[0] = "抄送：" + copy_lines[0]
        text(copy_lines, f'{no_autospace}<w:spacing w:before="0" {exact}/>'
                         f'<w:ind w:left="{round(char * (1 + hang))}" w:right="{char}" '
                         f'w:hanging="{round(char * hang)}"/><w:jc w:val="left"/>')
        rule(THIN)
    text([f"{colophon.printed_by}\t{colophon.printed_text}"],
         f'<w:tabs><w:tab w:val="right" w:pos="{width - char}"/></w:tabs>{no_autospace}'
         f'<w:spacing w:before="0" {exact}/><w:ind w:left="{char}" w:right="{char}" '
         'w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/>')
    rule(THICK)


def mm_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


_NO_LINE_START = set("，。、；：？！）》」』”’〕】…")


def wrap_chars(text: str, per_line: float) -> list[str]:
    """``text`` in lines of at most ``per_line`` character widths (``char_width``), a
    closing punctuation mark kept at the end of the line before rather than starting one."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and char_width(line + ch) > per_line and ch not in _NO_LINE_START:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


# a 22 pt title's characters on the 156 mm 版心 line
TITLE_PER_LINE = int(156 / (TITLE_PT * 25.4 / 72))
# where a title's phrase ends: after 关于, a year or a month, 项目, 情况; before 的通报
_TITLE_BREAK = re.compile(r"(?<=关于)|(?<=[年月])|(?<=项目)|(?<=情况)"
                          r"|(?=的(?:通报|报告|通知|意见))")


def title_lines(title: str, per_line: float = TITLE_PER_LINE) -> list[str]:
    """The title's lines: as written when it holds line breaks, else one line when it
    fits, else two broken where a phrase ends, as evenly as may be, the upper the longer
    on a tie (GB/T 9704 7.3.3: 回行时词意完整，排列对称); else as the line fills."""
    if "\n" in title or char_width(title) <= per_line:
        return title.split("\n")
    fitting = [(abs(char_width(title[:at]) - char_width(title[at:])),
                -char_width(title[:at]), at)
               for at in {m.start() for m in _TITLE_BREAK.finditer(title)}
               if 0 < at < len(title) and char_width(title[:at]) <= per_line
               and char_width(title[at:]) <= per_line]
    if not fitting:
        return wrap_chars(title, per_line)
    at = min(fitting)[2]
    return [title[:at], title[at:]]


def _indent_xml(left_chars: float = 0, right_chars: float = 0) -> str:
    twips_per_char = BODY_PT * 20
    return (f'<w:ind w:left="{round(left_chars * twips_per_char)}" '
            f'w:leftChars="{round(left_chars * 100)}" '
            f'w:right="{round(right_chars * twips_per_char)}" '
            f'w:rightChars="{round(right_chars * 100)}" w:firstLine="0" w:firstLineChars="0"/>')


# ── the annexes ───────────────────────────────────────────────────────────────


def _annex(document, annex: Annex, fonts: Fonts) -> None:
    """A landscape section: 附件N top left, the centred title, the unit, the table."""
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml

    section = document.add_section(WD_SECTION.NEW_PAGE)
    _make_tiny(document.element.body.findall(_w("p"))[-1])  # the one holding the break
    _page(section, LANDSCAPE_MM)
    _paragraph(document, "AnnexLabel", f"附件{annex.number}", fonts.heading1, fonts.latin)
    _paragraph(document, "AnnexTitle", annex.title, fonts.title, fonts.latin)
    _paragraph(document, "AnnexUnit", annex.unit, fonts.body, fonts.latin)
    # the table itself is spliced in after saving (see ooxml.splice): a marker holds its place
    document.element.body.sectPr.addprevious(
        parse_xml(f"<w:p {W}><w:r><w:t>{_marker(annex)}</w:t></w:r></w:p>"))
    end = _new_paragraph(document, "TableText")  # a table cannot end a section
    _make_tiny(end._p)


def _marker(annex: Annex) -> str:
    return f"MAJORPROJ-ANNEX-TABLE-{annex.number}"


def _make_tiny(p) -> None:
    """Shrink an empty paragraph (a section break's, a table's end) to 1 pt, so that it
    never pushes a page over."""
    from docx.oxml import parse_xml

    pPr = p.get_or_add_pPr()
    tiny = parse_xml(f'<w:x {W}><w:spacing w:before="0" w:after="0" w:line="20" '
                     f'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
                     "</w:x>")
    spacing, rpr = tiny[0], tiny[1]
    for old in pPr.findall(_w("spacing")) + pPr.findall(_w("rPr")):
        pPr.remove(old)
    sect = pPr.find(_w("sectPr"))
    style = pPr.find(_w("pStyle"))
    if style is not None:
        style.addnext(spacing)
    else:
        pPr.insert(0, spacing)
    if sect is not None:
        sect.addprevious(rpr)
    else:
        pPr.append(rpr)
