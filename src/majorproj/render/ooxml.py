"""WordprocessingML pieces that python-docx has no API for, written as XML text.

Text from the ledger goes through ``xml_text``: characters XML 1.0 forbids are
dropped and ``& < >`` escaped, so no project name can break the document. Tables
are built as one XML string and parsed once: python-docx's ``table.cell()`` is
quadratic, and a 10,000-row annex must take seconds.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from html import escape  # xml.sax.saxutils' would import urllib.request, http and ssl

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
        text = escape(text, quote=False).replace('"', "&quot;")
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
_RUN, _RUN_END = '<w:r><w:t xml:space="preserve">', "</w:t></w:r>"
_LINE_BREAK = _RUN_END + "<w:r><w:br/></w:r>" + _RUN


def _runs(text: str) -> str:
    """A cell's text as runs, a ``<w:br/>`` where it has a "\n" ("" for no text)."""
    if not text:
        return ""
    return f"{_RUN}{xml_text(text).replace(chr(10), _LINE_BREAK)}{_RUN_END}"


def _cell_open(width: int, style: str, span: int = 1) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
            f'<w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>')


_CELL_CLOSE = "</w:p></w:tc>"


def _cell(text: str, width: int, style: str, span: int = 1) -> str:
    return _cell_open(width, style, span) + _runs(text) + _CELL_CLOSE


def _row_format(widths: Sequence[int], styles: Sequence[str], header: bool = False) -> bytes:
    """A row as a %-format with one ``%s`` per cell (its runs): all else is the same in
    every row of a kind, so 10,000 rows cost a substitution each, not 100,000 f-strings."""
    properties = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    cells = "".join(_cell_open(w, st).replace("%", "%%") + "%s" + _CELL_CLOSE
                    for w, st in zip(widths, styles, strict=True))
    return f"<w:tr><w:trPr>{properties}</w:trPr>{cells}</w:tr>".encode()


_RUN_BYTES, _RUN_END_BYTES, _LINE_BREAK_BYTES = (_RUN.encode(), _RUN_END.encode(),
                                                 _LINE_BREAK.encode())


def _row(row_format: bytes, values: Sequence[str]) -> bytes:
    """One row of ``values`` as UTF-8 (a TypeError when their number is not the columns').

    A row is made as bytes: its XML is ASCII but for the values, which are encoded in one
    call (joined by NUL, which no printable value holds, and split again). As text, the
    whole XML was widened to the values' width and encoded back, a third of a large
    table's time. Only a row with something to escape or clean goes cell by cell.
    """
    plain = "".join(values)
    if ("&" in plain or "<" in plain or ">" in plain or '"' in plain
            or not plain.replace("\n", "").isprintable()):
        return row_format % tuple([_runs(v).encode() for v in values])
    # the common row, or one that only breaks lines (a leader and a unit)
    row = "\0".join(values).encode().replace(b"\n", _LINE_BREAK_BYTES)
    return row_format % tuple([_RUN_BYTES + v + _RUN_END_BYTES if v else b""
                               for v in row.split(b"\0")])


def table_xml(headers: Sequence[str], widths_mm: Sequence[float], aligns: Sequence[str],
              rows: Iterable[Sequence[str]], total: Sequence[str] | None = None,
              empty: str = "", subtotals: Collection[int] = ()) -> Iterator[bytes]:
    """A bordered, fixed-layout table whose header row repeats on every page, as pieces of
    XML in UTF-8 (a row each) to join or write one after the other.

    ``aligns`` says per column "left", "right" or "center" (a paragraph style each);
    ``total`` is a 合计 row under the header; ``empty`` the one cell shown without rows;
    ``subtotals`` the indexes of the rows set in bold like the total (小计 rows).
    A "\n" in a cell breaks its line. The ``w:`` prefix is not declared: the table is
    spliced into document.xml, which declares it.
    """
    widths = [twips(w) for w in widths_mm]
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    yield ("<w:tbl><w:tblPr>"
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
           f"<w:tblBorders>{borders}</w:tblBorders>"
           '<w:tblLayout w:type="fixed"/>'
           '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
           "</w:tblCellMar>"
           '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>').encode()
    yield ("<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
           + "</w:tblGrid>").encode()
    yield _row(_row_format(widths, [HEADER_STYLE] * len(widths), header=True), headers)
    bold = _row_format(widths, [TOTAL_STYLE if a == "right" else HEADER_STYLE for a in aligns])
    if total is not None:
        yield _row(bold, total)
    plain = _row_format(widths, [ALIGN_STYLES[a] for a in aligns])
    any_row = False
    for i, row in enumerate(rows):
        any_row = True
        yield _row(bold if i in subtotals else plain, row)
    if not any_row and empty:
        yield ("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
               + _cell(empty, sum(widths), ALIGN_STYLES["center"], span=len(widths))
               + "</w:tr>").encode()
    yield b"</w:tbl>"


def splice(xml: bytes, replacements: Mapping[str, Iterable[bytes]]) -> Iterator[bytes]:
    """``xml`` in pieces, each paragraph holding the text of a key of ``replacements``
    replaced by that key's chunks of XML text.

    A large table is spliced in as text, and written as it is made: moving a parsed
    10,000-row table into the document tree costs lxml seconds (it visits every node to
    reconcile namespaces), and the whole text of a 50,000-row table would be hundreds of
    megabytes.
    """
    places = []
    for marker, parts in replacements.items():
        at = xml.index(marker.encode())
        places.append((xml.rindex(b"<w:p>", 0, at),
                       xml.index(b"</w:p>", at) + len(b"</w:p>"), parts))
    done = 0
    for start, end, parts in sorted(places, key=lambda place: place[0]):
        yield xml[done:start]
        yield from parts
        done = end
    yield xml[done:]
