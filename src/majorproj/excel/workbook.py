"""Opening a workbook: .xlsx read fast (read-only), .xls refused with how to convert it.

openpyxl's read-only mode streams rows but knows nothing of merged cells, hidden rows
and columns, or formulas (it gives their cached values only), so these are read
separately from the sheet's XML (``sheet_layout``): a header cell merged over several
columns then names each of them, a hidden column or row is known to be hidden, and a
formula that has no cached value (a workbook written by a program that does not
calculate) is known as such rather than read as a blank cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from majorproj.excel import ExcelError
from majorproj.excel.guard import RESAVE, check_package

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et and password-protected files
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_COL = re.compile(rb"<(?:\w+:)?col\s([^>]*)>")
_ROW = re.compile(rb"<(?:\w+:)?row\s([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
# dragged shut rather than hidden (as WPS saves it): width 0, height 0, unseen all the same
_ZERO_WIDTH = re.compile(rb'\bwidth="0(?:\.0*)?"')
_ZERO_HEIGHT = re.compile(rb'\bht="0(?:\.0*)?"')
_MIN_MAX = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_OUTLINED = re.compile(rb'\boutlineLevel="[1-7]"')
# an AutoFilter's range, and a column filtered in it: rows it hides are filtered, not withdrawn
_AUTO_FILTER = re.compile(rb'<(?:\w+:)?autoFilter\s[^>]*?\bref="\$?[A-Z]+\$?(\d+)'
                          rb'(?::\$?[A-Z]+\$?(\d+))?"')
_FILTER_COLUMN = re.compile(rb"<(?:\w+:)?filterColumn[\s>/]")
# a cell with a formula: <c r="F5" …><f>SUM(F6:F9)</f><v>…</v></c>, or a shared one <f …/>
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?<!/)>'
                           rb"((?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?f[\s>/].*?)</(?:\w+:)?c>",
                           re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
# a text result saved empty: IF(…,"",…) calculated, <c … t="str"><f>…</f><v></v></c>
_TEXT_RESULT = re.compile(rb'\bt="str"')
_EMPTY_VALUE = re.compile(rb"<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</")

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based)


@dataclass(frozen=True)
class SheetLayout:
    """What read-only mode does not tell about a sheet: its merged ranges, hidden rows and
    columns (1-based numbers), and formula cells without a cached value (row, column)."""

    merges: tuple[Range, ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()


def convert_hint(path: Path) -> str:
    return (f"convert it to .xlsx first: `soffice --headless --convert-to xlsx {path}` "
            "(LibreOffice), or open it in Excel or WPS and 'Save as' Excel Workbook (.xlsx)")


def open_workbook(path: Path):
    """The workbook at ``path`` opened read-only with cached formula values, or ExcelError
    (its rows are read with ``cells.sheet_rows``)."""
    from majorproj.excel.cells import open_fast

    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise ExcelError(f"{path} does not exist; check the file name")
    if path.is_dir():
        raise ExcelError(f"{path} is a directory; give the .xlsx file")
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise ExcelError(f"cannot read {path}: {exc.strerror or exc}") from None
    old_style = suffix in (".xls", ".et")  # by its name; what it holds decides
    if head == OLE2_MAGIC and old_style:
        raise ExcelError(f"{path} is an old-style {suffix} workbook, which majorproj does not "
                         f"read; {convert_hint(path)}")
    if head == OLE2_MAGIC:
        raise ExcelError(f"{path} is an old-style .xls workbook (or a password-protected "
                         f"one) under another name; remove the password if any, then "
                         f"{convert_hint(path)}")
    if old_style and not head.startswith(b"PK"):
        raise ExcelError(f"{path} is not an Excel workbook that majorproj reads; "
                         f"{convert_hint(path)}")
    if not head.startswith(b"PK"):
        raise ExcelError(f"{path} is not an Excel .xlsx workbook; save it from Excel or WPS "
                         "as Excel Workbook (.xlsx)")
    check_package(path)
    try:
        return open_fast(path)
    except MemoryError:
        raise ExcelError(f"{path} is too large to read in this computer's memory; "
                         f"{RESAVE}, keeping only the sheet to import") from None
    except Exception as exc:  # a damaged file can fail anywhere inside openpyxl
        raise unreadable(path, exc) from None


def unreadable(path: Path, exc: BaseException, sheet: str | None = None) -> ExcelError:
    """The one message for a workbook that openpyxl cannot parse: re-save it."""
    where = f"the sheet '{sheet}' of {path}" if sheet else str(path)
    detail = " ".join(str(exc).split())[:160]
    return ExcelError(f"cannot read {where} as an .xlsx workbook ({type(exc).__name__}"
                      + (f": {detail}" if detail else "") + f"); {RESAVE}")


def worksheet(workbook, name: str):
    """The sheet called ``name`` (spaces and full-width forms forgiven), or ExcelError."""
    from majorproj.excel.text import squeeze

    found = name if name in workbook.sheetnames else next(
        (n for n in workbook.sheetnames if squeeze(n) == squeeze(name)), None)
    if found is not None:
        sheet = workbook[found]
        if sheet not in workbook.worksheets:
            raise ExcelError(f"the sheet '{found}' is a chart, with no cells to read; the "
                             "sheets with cells are "
                             + ", ".join(f"'{ws.title}'" for ws in workbook.worksheets))
        return sheet
    raise ExcelError(f"the workbook has no sheet '{name}'; its sheets are "
                     + ", ".join(f"'{n}'" for n in workbook.sheetnames))


def sheet_layout(path: Path, sheet_name: str) -> SheetLayout:
    """The layout of one sheet, read from the file's XML as it streams by (the sheet is
    never held whole); empty if it cannot be read. Merged ranges beyond column XFD or row
    1,048,576 (Excel's limits) are a damaged file: ExcelError."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            if part is None:
                return SheetLayout()
            with archive.open(part) as stream:
                return _scan(path, stream)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, EOFError):
        return SheetLayout()


def merged_ranges(path: Path, sheet_name: str) -> list[Range]:
    """The merged cell ranges of one sheet; [] if none or unknown."""
    return list(sheet_layout(path, sheet_name).merges)


MAX_COLUMN, MAX_ROW = 16_384, 1_048_576  # XFD, Excel's last row
_CHUNK = 1024 * 1024
_OVERLAP = 64 * 1024  # an element this long that a chunk cuts is read whole in the next


def _scan(path: Path, stream) -> SheetLayout:
    """One pass over the sheet's XML, a chunk at a time: a tag that starts before the
    chunk's last ``_OVERLAP`` bytes is read in this chunk, the others in the next."""
    ranges: set[Range] = set()
    hidden_columns: set[int] = set()
    hidden_rows: set[int] = set()
    uncached: set[tuple[int, int]] = set()
    filtered: tuple[int, int] | None = None  # the rows under an active AutoFilter's header
    tail = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        limit = len(data) if not chunk else max(len(data) - _OVERLAP, 0)
        for found in _MERGE.finditer(data, 0, len(data)):
            if found.start() < limit:
                ranges.add(_merge(path, found))
        for attributes in _starting(_COL, data, limit):
            span = _MIN_MAX.search(attributes)
            if span and (_HIDDEN.search(attributes) or _ZERO_WIDTH.search(attributes)):
                low, high = (span[1], span[2]) if span[1] else (span[4], span[3])
                hidden_columns.update(range(int(low[:6]), min(int(high[:6]), MAX_COLUMN) + 1))
        # a row hidden by a collapsed outline group is a project folded away, not withdrawn
        hidden_rows |= {int(n[1][:8]) for a in _starting(_ROW, data, limit)
                        if (_HIDDEN.search(a) or _ZERO_HEIGHT.search(a)) and not _OUTLINED.search(a)
                        and (n := _ROW_NUMBER.search(a))}
        if b"<f" in data or b":f" in data:
            for found in _FORMULA_CELL.finditer(data):
                if found.start() < limit and not _VALUE.search(found[3]) and not (
                        _TEXT_RESULT.search(data, found.start(), found.start(3))
                        and _EMPTY_VALUE.search(found[3])):
                    uncached.add((int(found[2][:8]), _column(found[1])))
        for found in _AUTO_FILTER.finditer(data):
            if found.start() < limit and _FILTER_COLUMN.search(data, found.end()):
                filtered = (int(found[1][:8]), int((found[2] or found[1])[:8]))
        if not chunk:
            break
        tail = data[limit:]
    if filtered is not None:  # a filter shows some rows, it withdraws none
        hidden_rows = {r for r in hidden_rows if not filtered[0] < r <= filtered[1]}
    return SheetLayout(tuple(sorted(ranges)), frozenset(hidden_rows),
                       frozenset(hidden_columns), frozenset(uncached))


def _starting(pattern: re.Pattern, data: bytes, limit: int) -> list[bytes]:
    return [found[1] for found in pattern.finditer(data) if found.start() < limit]


def _column(letters: bytes) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letters[:3].decode())


def _merge(path: Path, found: re.Match) -> Range:
    first_col, first_row, last_col, last_row = found.groups()
    last_col, last_row = last_col or first_col, last_row or first_row
    merge = (int(first_row[:8]), _column(first_col), int(last_row[:8]), _column(last_col))
    if len(first_col) > 3 or len(last_col) > 3 or max(merge[1], merge[3]) > MAX_COLUMN \
            or max(merge[0], merge[2]) > MAX_ROW or len(first_row + last_row) > 14:
        shown = found[0][-40:].decode(errors="replace")
        raise ExcelError(f"{path}: a merged range ({shown}) lies beyond Excel's last "
                         f"cell XFD1048576; {RESAVE}")
    return merge


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding the sheet ``sheet_name``, via workbook.xml and its relations."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    rel_id = next((s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet")
                   if s.get("name") == sheet_name), None)
    target = next((r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")
                   if r.get("Id") == rel_id), None)
    if target is None:
        return None
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath("xl") / target)
