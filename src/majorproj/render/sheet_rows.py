"""A worksheet's rows as SpreadsheetML, made as the package is written.

The 调度表's sheets hold a cell per column for every project, four sheets over: 600,000
cells at 10,000 projects. Written one by one through XlsxWriter they took 8 µs each, most
of an export's time; here a row is one formatted string. XlsxWriter still writes the rest
of the workbook (styles, column widths, merges, panes, print settings, charts), and
``splice`` puts these rows into the sheet it wrote with no cells.

The cells are those XlsxWriter writes in its constant-memory mode: text as inline strings
(control characters as ``_xHHHH_``, leading or trailing space preserved, at most 32,767
UTF-16 units as Excel allows), numbers to 16 significant digits, an empty cell only when it
has a style. Text is always escaped: XlsxWriter, in either of its modes, passes a text that
starts with ``<r>`` and ends with ``</r>`` into the file as it is (its rich-text XML), so a
project named so could break the sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from html import escape  # xml.sax.saxutils' would import urllib.request, http and ssl

from majorproj.text import encoded

DEFAULT_PIXELS = 20  # a row's height unless told
MAX_TEXT = 32767  # UTF-16 units Excel keeps in a cell
_ESCAPE_LIKE = re.compile("(_x[0-9a-fA-F]{4}_)")  # literal text that reads like an escape
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def style(index: int | None) -> str:
    """A cell's style attribute for the workbook's cell format ``index`` (None: none)."""
    return "" if index is None else f' s="{index}"'


def cell_style(book, properties: dict) -> str:
    """The style attribute of a new cell format of XlsxWriter's ``book``. XlsxWriter
    numbers a format when a cell it writes first has it; cells written here have it
    numbered now, in the order asked."""
    return style(book.add_format(properties)._get_xf_index())


def sheet_part(book) -> str:
    """The part (file) of the package that holds the sheet last added to ``book``."""
    return f"xl/worksheets/sheet{len(book.worksheets())}.xml"


def inline_text(text: str) -> str:
    """``text`` as the ``<is>`` of an inline-string cell."""
    if len(text) > MAX_TEXT // 2:
        text = _truncated(text)
    if _SPECIAL.search(text):
        text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda found: f"_x{ord(found[0]):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<is><t{preserve}>{escape(text, quote=False)}</t></is>"


def cells(values: Iterable[object], styles: Sequence[str]) -> tuple[str | None, ...]:
    """Cells of ``values`` with the style attributes ``styles`` (``style``), each but its
    reference (``SheetRows.row`` puts that in front): a text, a number, or None (an empty
    cell, kept only when it has a style)."""
    return tuple(_cell(value, attribute) for value, attribute in zip(values, styles, strict=True))


def _cell(value: object, attribute: str) -> str | None:
    if value is None:
        return f"{attribute}/>" if attribute else None
    if value.__class__ is str:
        return f'{attribute} t="inlineStr">{inline_text(value)}</c>'
    return f"{attribute}><v>{value:.16G}</v></c>"


def _truncated(text: str) -> str:
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > MAX_TEXT:
            return text[:index]
    return text


class SheetRows:
    """The rows of one sheet, top to bottom, kept as their cells as they come and made
    into SpreadsheetML (``xml``) as the package is written: on one core while the other
    compresses what came before (``package.write_behind``)."""

    def __init__(self, columns: int) -> None:
        from xlsxwriter.utility import xl_col_to_name

        self._letters = [xl_col_to_name(i) for i in range(columns)]
        self._rows: list[tuple[int, str, Sequence[str | None]]] = []
        self._last_row = -1
        self._last_column = -1

    def row(self, row: int, cells: Sequence[str | None], height: float | None = None) -> None:
        """Row ``row`` (0-based) of ``cells`` (``cells``, one per column), ``height`` in
        points (None: the default)."""
        if len(cells) != len(self._letters):
            raise ValueError(f"row {row + 1}: {len(cells)} cells for {len(self._letters)} "
                             "columns")
        # the height as Excel stores it: whole pixels (4/3 of a point), back in points;
        # none for the default of 20 pixels (15 points)
        pixels = None if height is None else int(height * 4.0 / 3.0 + 0.5)
        tall = ("" if pixels in (None, DEFAULT_PIXELS) else
                f' ht="{pixels * 0.75:.16g}" customHeight="1"')
        if any(cells):
            last = len(cells) - 1
            while not cells[last]:
                last -= 1
            self._last_column = max(self._last_column, last)
        elif not tall:
            return
        self._rows.append((row + 1, tall, cells))
        self._last_row = row

    def xml(self) -> Iterator[bytes]:
        """The rows as SpreadsheetML, in chunks of UTF-8."""
        return encoded(self._pieces())

    def _pieces(self) -> Iterator[str]:
        letters = self._letters
        for number, tall, cells in self._rows:
            written = "".join([f'<c r="{letter}{number}"{cell}'
                               for letter, cell in zip(letters, cells, strict=True) if cell])
            yield f'<row r="{number}"{tall}>{written}</row>' if written else (
                f'<row r="{number}"{tall}/>')

    def dimension(self) -> str:
        """The range the rows cover, as the sheet's ``<dimension>`` gives it."""
        if self._last_row < 0:
            return "A1"
        last = f"{self._letters[max(self._last_column, 0)]}{self._last_row + 1}"
        return "A1" if last == "A1" else f"A1:{last}"


def splice(sheet: bytes, rows: SheetRows) -> Iterator[bytes]:
    """The sheet XlsxWriter wrote with no cells (``sheet``), with ``rows`` in it: its
    ``<dimension>`` and ``<sheetData/>`` replaced, the rows made in chunks."""
    empty = b"<sheetData/>"
    head, found, tail = sheet.partition(empty)
    if not found or empty in tail:
        raise ValueError("a sheet to hold rows has cells already")
    head = re.sub(rb'<dimension ref="[^"]*"/>',
                  f'<dimension ref="{rows.dimension()}"/>'.encode(), head, count=1)
    yield head + b"<sheetData>"
    yield from rows.xml()
    yield b"</sheetData>" + tail
