"""A read-only workbook's cell values, streamed with lxml: as openpyxl gives them, faster.

openpyxl's read-only mode turns every cell into a dictionary and every text into an
object of its rich-text model before it gives the value: for a sheet of 10,000 projects
that is most of ``import``'s time. ``open_fast`` opens the workbook with openpyxl (its
sheets, their states, the date styles and the 1900/1904 calendar stay openpyxl's) but
reads the shared strings itself, and ``sheet_rows`` streams a sheet's rows with lxml,
giving each cell the value openpyxl's ``iter_rows(values_only=True)`` gives (data only:
a formula's saved value): numbers as int or float, dates where the cell's style is a
date format, booleans, error values (#N/A) and texts as they are. Rows missing from the
XML come as empty rows, so that the n-th row given is the sheet's row n.

The package is refused first by ``guard.check_package`` (the caller's ``open_workbook``);
lxml reads without a DTD, network or entity expansion, and each row is dropped from the
tree once read, so a sheet is never held whole.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from datetime import datetime

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE, _SHARED = f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}si"
_T = f"{_MAIN}t"
_REFERENCE = re.compile(r"([A-Z]{1,3})\d+")


def open_fast(path):
    """The workbook at ``path`` as ``openpyxl.load_workbook(path, read_only=True,
    data_only=True)`` opens it, with its shared strings read by ``shared_strings``."""
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

    class Reader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = shared_strings(source)

    # openpyxl refuses a file by its name (.xls) before it looks: an .xlsx named so is
    # given as an open file, read for what it holds
    named_xlsx = str(path).lower().endswith((".xlsx", ".xlsm", ".xltx", ".xltm"))
    reader = Reader(path if named_xlsx else open(path, "rb"),  # noqa: SIM115 (kept open)
                    read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _parse(source, tag: str):
    """(element) for each ``tag`` element of the XML ``source``, dropped once used."""
    from lxml import etree

    # a part declaring a DTD was refused by guard.check_package; entities stay unexpanded
    for _, element in etree.iterparse(source, tag=tag, resolve_entities=False, load_dtd=False,
                                      no_network=True, remove_comments=True, remove_pis=True):
        yield element
        element.clear(keep_tail=False)
        while element.getprevious() is not None:  # the rows read before it
            del element.getparent()[0]


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(node) -> str:
    """A string item's text as openpyxl's ``Text.content``: its plain text, then the text
    of each rich-text run, phonetic guides (rPh) left out."""
    plain, runs = None, []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            run = None
            for part in child:
                if _local(part.tag) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return "".join(([plain] if plain is not None else []) + runs)


def shared_strings(source) -> list[str]:
    """The shared-strings table of a workbook, read as openpyxl's ``read_string_table``."""
    return [_text(item).replace("x005F_", "") for item in _parse(source, _SHARED)]


def sheet_rows(ws, min_row: int = 1, max_col: int | None = None
               ) -> Generator[tuple, None, None]:
    """The rows of the read-only sheet ``ws`` from ``min_row`` on, as
    ``ws.iter_rows(min_row=min_row, max_col=max_col, values_only=True)`` gives them once
    ``ws.reset_dimensions()`` has been called: a row is as wide as its last cell, or
    ``max_col`` wide when given."""
    book = ws.parent
    dates, months = date_styles(book)
    read = _Cells(ws._shared_strings, book.epoch, dates, book._timedelta_formats, months,
                  *shown_styles(book))
    empty = (None,) * max_col if max_col else ()
    number = 0
    expected = min_row
    with ws._get_source() as source:
        for row in _parse(source, _ROW):
            written = row.get("r")
            if written is None:
                number += 1
            else:
                try:
                    number = int(written)
                except ValueError:
                    as_float = float(written)
                    if not as_float.is_integer():
                        raise ValueError(f"{written} is not a valid row number") from None
                    number = int(as_float)
            if number < expected:
                continue  # before min_row, or a row written twice
            while expected < number:
                expected += 1
                yield empty
            expected += 1
            yield read.row(row, max_col)


class MonthCell(datetime):
    """A date cell whose format shows its year and month only (2024年7月): the month it
    names, not the first of it that Excel keeps."""


class PercentCell(float):
    """A number cell formatted as a percentage (56% typed into a cell keeps 0.56): a rate,
    never an amount."""


class UnitCell(float):
    """A number cell whose format shows a unit after it (0.00"亿元": 0.56 shows 0.56亿元):
    the number in that ``unit``."""

    unit: str

    def __new__(cls, value: float, unit: str) -> UnitCell:
        cell = super().__new__(cls, value)
        cell.unit = unit
        return cell

    def __reduce__(self) -> tuple:  # rows are read in another process and sent back
        return UnitCell, (float(self), self.unit)


# The built-in number formats that East Asian Excel and WPS name by id alone, without
# their code (ECMA-376 Part 1, 18.8.30; the codes as zh-CN has them). openpyxl knows only
# the ids every locale shares, and reads a cell of these as its serial number (45474).
EAST_ASIAN_DATE_FORMATS = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"', 36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')  # quoted, escaped, [$-804], padding


def date_styles(book) -> tuple[set[int], set[int]]:
    """(the styles whose cells are dates, those of them that show a month only) of the
    workbook: openpyxl's date styles, and those of the East Asian built-in formats."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    dates, months = set(book._date_formats), set()
    custom = book._number_formats
    for index, style in enumerate(book._cell_styles):
        number = style.numFmtId
        if number in EAST_ASIAN_DATE_FORMATS:
            dates.add(index)
        if index not in dates:
            continue
        code = (custom[number - 164] if number >= 164 and number - 164 < len(custom)
                else BUILTIN_FORMATS.get(number) or EAST_ASIAN_DATE_FORMATS.get(number))
        if code and shows_month_only(code):
            months.add(index)
    return dates, months


# a number format's first section, piece by piece: quoted text, an escaped character, a
# colour or condition, a padding or fill and its character, General, one character
_FORMAT_PIECES = re.compile(r'"([^"]*)"|[\\!](.)|\[[^\]]*\]|[_*].|(?i:(general))|(.)')
_MONEY_UNIT = re.compile(r"(亿元|亿|千万元|百万元|万元|万|千元|元)")
_YUAN_DIGITS = {"亿元": 8, "亿": 8, "千万元": 7, "百万元": 6, "万元": 4, "万": 4, "千元": 3,
                "元": 0}  # the unit as 10^n 元
_OF_DIGITS = {8: "亿元", 7: "千万元", 6: "百万元", 4: "万元", 3: "千元", 0: "元"}


def shown_unit(section: str) -> str | None:
    """The unit a cell's number is in, by the money unit its format shows after it: 亿元
    of 0.00"亿元", General"亿元", 0.00\\亿\\元 and 0.00"亿"元 alike. A format that shows the
    number moved by some places says the unit of the number itself: 0!.0000"万元" shows
    35000000 as 3500.0000万元 (an escaped point before four digits: in 元), and
    #,##0,"千元" shows it as 35,000千元 (each comma at the end: ÷ 1,000). None if the
    format shows no unit, or no number."""
    number, after, moved, commas, point = False, "", 0, 0, ""
    for quoted, escaped, general, char in _FORMAT_PIECES.findall(section):
        if general or char in ("0", "#", "?"):
            if point == "shown":  # digits after a point that is text: the number moved
                moved += 1
            number, after, commas = True, "", 0
        elif char == "," and number and not after:
            commas += 1  # a thousands separator if a digit follows, else ÷ 1,000
        elif (char or escaped) == "." and number and not after:
            point = point or ("decimal" if char else "shown")
        elif number:
            after += quoted or escaped or char
    if not number or not (found := _MONEY_UNIT.fullmatch(after.strip())):
        return None
    return _OF_DIGITS.get(_YUAN_DIGITS[found.group(1)] - moved - 3 * commas)


def shown_styles(book) -> tuple[set[int], dict[int, str]]:
    """(the styles whose number format shows a percentage: 0%, 0.00%; the styles that show
    a unit after the number, 0.00"亿元", and that unit) of the workbook."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    custom = book._number_formats
    percents, units = set(), {}
    for index, style in enumerate(book._cell_styles):
        number = style.numFmtId
        code = (custom[number - 164] if number >= 164 and number - 164 < len(custom)
                else BUILTIN_FORMATS.get(number))
        if not code:
            continue
        first = code.split(";")[0]
        if "%" in _LITERALS.sub("", first):
            percents.add(index)
        elif unit := shown_unit(first):
            units[index] = unit
    return percents, units


def shows_month_only(code: str) -> bool:
    """Whether the date format ``code`` (its first section) shows a year and a month and
    no day or time: yyyy"年"m"月", yyyy-mm, mmm-yy."""
    shown = _LITERALS.sub("", code.split(";")[0]).lower()
    return "y" in shown and "m" in shown and not any(c in shown for c in "dhse")


class _Cells:
    """Reads the cells of a row as openpyxl's ``WorkSheetParser.parse_cell`` (data only),
    but for a date shown as a month, a ``MonthCell``."""

    def __init__(self, strings, epoch, dates, durations, months=frozenset(),
                 percents=frozenset(), units=None):
        self.strings, self.epoch, self.dates, self.durations = strings, epoch, dates, durations
        self.months, self.percents, self.units = months, percents, units or {}
        self.columns: dict[str, int] = {}  # column letters → number, once checked

    def column(self, reference: str) -> int:
        letters = reference.rstrip("0123456789")
        number = self.columns.get(letters)
        if number is not None and len(letters) < len(reference):
            return number
        from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple

        if _REFERENCE.fullmatch(reference) is None:
            return coordinate_to_tuple(reference)[1]  # lower case, or openpyxl's error
        number = self.columns[letters] = column_index_from_string(letters)
        return number

    def row(self, row, max_col: int | None) -> tuple:
        cells: list[tuple[int, object]] = []
        column = 0
        for cell in row:
            reference, kind, style = cell.get("r"), cell.get("t", "n"), cell.get("s")
            column = self.column(reference) if reference else column + 1
            style = int(style) if style else 0
            if kind == "inlineStr":
                inline = cell.find(_INLINE)
                if inline is None:
                    cells.append((column, None))
                elif len(inline) == 1 and inline[0].tag == _T:  # <is><t>…</t></is>
                    cells.append((column, inline[0].text or ""))
                else:
                    cells.append((column, _text(inline)))
                continue
            text = cell.findtext(_VALUE) or None
            value: object = text
            if text is not None:
                if kind == "n":
                    value = self.number(text, style)
                elif kind == "s":
                    value = self.strings[int(text)]
                elif kind == "b":
                    value = bool(int(text))
                elif kind == "d":
                    from openpyxl.utils.datetime import from_ISO8601

                    value = from_ISO8601(text)
                # str (a formula's text), e (#N/A …) and any other kind: as written
            cells.append((column, value))
        if not cells and not max_col:
            return ()
        width = max_col or cells[-1][0]
        values: list[object] = [None] * width
        for column, value in cells:
            if 1 <= column <= width:
                values[column - 1] = value
        return tuple(values)

    def number(self, text: str, style: int):
        value = float(text) if "." in text or "E" in text or "e" in text else int(text)
        if style in self.percents:
            return PercentCell(value)
        if style in self.units:
            return UnitCell(value, self.units[style])
        if style not in self.dates:
            return value
        from openpyxl.utils.datetime import from_excel

        try:
            found = from_excel(value, self.epoch, timedelta=style in self.durations)
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial beyond any calendar, as openpyxl reads it
        if style in self.months and type(found) is datetime:
            return MonthCell(found.year, found.month, found.day)
        return found
