"""WordprocessingML pieces that python-docx has no API for, written as XML text.

Text from the ledger goes through ``xml_text``: characters XML 1.0 forbids are
dropped and ``& < >`` escaped, so no project name can break the document. Tables
are built as one XML string and parsed once: python-docx's ``table.cell()`` is
quadratic, and a 10,000-row annex must take seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from xml.sax.saxutils import escape

from majorproj.text import NOT_IN_WORD, display_width

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f'xmlns:w="{W_NS}"'
TWIPS_PER_MM = 1440 / 25.4
THEME_ATTRIBUTES = ("asciiTheme", "eastAsiaTheme", "hAnsiTheme", "cstheme")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 (or Word) cannot hold."""
    return NOT_IN_WORD.sub("", text)


def xml_text(text: str) -> str:
    """``text`` cleaned and escaped for an element's content or an attribute value."""
    if not text.isprintable():  # what NOT_IN_WORD matches is never printable
        text = clean(text)
    if "&" in text or "<" in text or ">" in text or '"' in text:
        text = escape(text, {'"': "&quot;"})
    return text


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def char_width(text: str) -> float:
    """Width in full-width characters: CJK counts 1, Latin letters and digits ½."""
    return display_width(text) / 2


def fonts_xml(east_asia: str, latin: str) -> str:
    """``w:rFonts`` naming the East Asian font in ``w:eastAsia`` and no theme fonts."""
    e, lat = xml_text(east_asia), xml_text(latin)
    return (f'<w:rFonts w:ascii="{lat}" w:hAnsi="{lat}" w:eastAsia="{e}" w:cs="{lat}" '
            'w:hint="eastAsia"/>')


def run_properties_xml(east_asia: str, latin: str, half_points: int) -> str:
    return (f"<w:rPr>{fonts_xml(east_asia, latin)}"
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')


def strip_theme_fonts(element) -> None:
    """Remove the ``*Theme`` attributes of every ``w:rFonts`` below ``element``."""
    for fonts in element.iter(f"{{{W_NS}}}rFonts"):
        for name in THEME_ATTRIBUTES:
            fonts.attrib.pop(f"{{{W_NS}}}{name}", None)


def page_number_runs_xml(font: str, half_points: int) -> str:
    """"— N —" with N a PAGE field (fldChar begin / instrText / separate / end)."""
    rpr = run_properties_xml(font, font, half_points)
    def run(inner: str) -> str:
        return f"<w:r>{rpr}{inner}</w:r>"
    return "".join((
        run('<w:t xml:space="preserve">— </w:t>'),
        run('<w:fldChar w:fldCharType="begin"/>'),
        run('<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
        run('<w:fldChar w:fldCharType="separate"/>'),
        run("<w:t>1</w:t>"),
        run('<w:fldChar w:fldCharType="end"/>'),
        run('<w:t xml:space="preserve"> —</w:t>'),
    ))


ALIGN_STYLES = {"left": "TableText", "right": "TableNumber", "center": "TableCenter"}
HEADER_STYLE, TOTAL_STYLE = "TableHeader", "TableTotal"


def _cell(text: str, width: int, style: str, span: int = 1) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    body = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r>'
        for line in text.split("\n")) if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
            f'<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{body}</w:p></w:tc>')


def _row(values: Sequence[str], widths: Sequence[int], styles: Sequence[str],
         header: bool = False) -> str:
    properties = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    return (f"<w:tr><w:trPr>{properties}</w:trPr>"
            + "".join(_cell(v, w, st) for v, w, st in zip(values, widths, styles, strict=True))
            + "</w:tr>")


def table_xml(headers: Sequence[str], widths_mm: Sequence[float], aligns: Sequence[str],
              rows: Iterable[Sequence[str]], total: Sequence[str] | None = None,
              empty: str = "", subtotals: Collection[int] = ()) -> str:
    """A bordered, fixed-layout table whose header row repeats on every page.

    ``aligns`` says per column "left", "right" or "center" (a paragraph style each);
    ``total`` is a 合计 row under the header; ``empty`` the one cell shown without rows;
    ``subtotals`` the indexes of the rows set in bold like the total (小计 rows).
    A "\n" in a cell breaks its line. The ``w:`` prefix is not declared: the table is
    spliced into document.xml, which declares it.
    """
    widths = [twips(w) for w in widths_mm]
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>',
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>",
        _row(headers, widths, [HEADER_STYLE] * len(widths), header=True),
    ]
    total_styles = [TOTAL_STYLE if a == "right" else HEADER_STYLE for a in aligns]
    if total is not None:
        parts.append(_row(total, widths, total_styles))
    styles = [ALIGN_STYLES[a] for a in aligns]
    body = [_row(row, widths, total_styles if i in subtotals else styles)
            for i, row in enumerate(rows)]
    if not body and empty:
        body.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                    + _cell(empty, sum(widths), ALIGN_STYLES["center"], span=len(widths))
                    + "</w:tr>")
    parts += body
    parts.append("</w:tbl>")
    return "".join(parts)


def splice(xml: bytes, marker: str, replacement: bytes) -> bytes:
    """Replace the paragraph holding the text ``marker`` by ``replacement`` (XML text).

    A large table is spliced in as text: moving a parsed 10,000-row table into the
    document tree costs lxml seconds (it visits every node to reconcile namespaces).
    """
    at = xml.index(marker.encode())
    start = xml.rindex(b"<w:p>", 0, at)
    end = xml.index(b"</w:p>", at) + len(b"</w:p>")
    return xml[:start] + replacement + xml[end:]
