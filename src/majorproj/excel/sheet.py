"""A worksheet as offices lay it out, read into a header map and data rows.

A county's 调度表 is rarely a clean table: a title row (某市2024年1-6月重点项目调度表)
and a unit note (单位：万元) stand above a header of one, two or three rows, where
a merged cell (投资情况（万元）) spans the columns below it (总投资, 本年计划投资,
1-6月完成投资); 合计, per-county 小计 and group heading rows (一、省重点项目) sit among the
projects, blank and notes rows (注：…, 填报人：…) follow them. Columns come in any order.

``read_table`` finds the header by its text: every candidate block of header rows in
the first rows of the sheet is matched against the caller's ``Spec``s, and the block
that names the most of them wins. A column's text is the texts of its header rows
joined from top to bottom; an upper header merged (or written once) over several
columns names each of them. A unit in a column's header (亿元/万元), in its parent's,
or in a 单位 note above the table gives the column's scale to 万元.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Literal

from majorproj.excel import ExcelError, RowProblem
from majorproj.excel.text import cell_text, squeeze
from majorproj.excel.workbook import (
    MAX_ROW,
    Range,
    merged_ranges,
    open_workbook,
    unreadable,
    worksheet,
)
from majorproj.units import WAN_PER_YI

HEAD_ROWS = 30  # the header starts within the first rows
MAX_HEADER_DEPTH = 3
MAX_CELL_CHARS = 32_767  # what an Excel cell holds; longer texts are cut, with a warning
MAX_MERGED_ROWS = 1_000_000  # rows covered by merged ranges, summed: beyond, a damaged file
MAX_DATA_ROWS = 200_000  # project rows a sheet may have (the memory they take is bounded)
WAN = Decimal(1)
YI = WAN_PER_YI

_UNIT = re.compile(r"(亿元|万元)")
_SHEET_UNIT = re.compile(r"单位[:：]?(?:人民币)?(亿元|万元)")
# what a header says besides its name: units, brackets and punctuation
_HEADER_NOISE = re.compile(r"单位[:：]?(?=亿元|万元)|亿元|万元|"
                           r"[()\[\]【】〔〕<>《》:：、,，.。/\\*＊]")
_TOTAL = re.compile(r"^(其中[:：]?)?.{0,24}(合计|总计|小计)(\(.*\))?$")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|"
                      r"[一二三四五六七八九十]+$)|\(?(共)?\d+个(项目)?\)?$")
_NOTES = re.compile(r"^((注|备注|说明|附注)\d*[:：、.1-9]|(填报|填表|制表|审核|联系|统计)"
                    r"(人|单位|电话|日期|时间)|(单位|部门)?负责人[:：]|注$)")
_NUMBERING = re.compile(r"^([甲乙丙丁戊己庚辛]|\d{1,2})$")
# a section number where a data row has its serial number: 一、 | 省重点项目 | (its subtotals)
_SECTION_NUMBER = re.compile(r"^([一二三四五六七八九十]+[、.]?|\([一二三四五六七八九十]+\))$")

Role = Literal["id", "amount", "text"]


@dataclass(frozen=True)
class Spec:
    """A column the caller looks for: its key, the header it is known by, and patterns.

    ``pattern`` is searched in the header text after ``header_key`` has removed white
    space, units, brackets and punctuation; a header that matches ``exclude`` is not it.
    ``role`` "id" marks columns that name the row (项目名称, 序号 …: where 合计 and
    group headings are recognised); "amount" columns are parsed as 万元.
    """

    key: str
    label: str
    pattern: str
    exclude: str | None = None
    role: Role = "text"

    def matches(self, key_text: str) -> bool:
        return bool(re.search(self.pattern, key_text)) and not (
            self.exclude and re.search(self.exclude, key_text))


@dataclass(frozen=True)
class Column:
    key: str
    index: int  # 0-based
    header: str  # as written, header rows joined with "/"
    scale: Decimal  # 1 for 万元, 10000 for 亿元


@dataclass(frozen=True)
class Row:
    number: int  # 1-based, as Excel shows it
    cells: tuple


@dataclass(frozen=True)
class Table:
    file: str
    sheet: str
    columns: dict[str, Column]
    header_rows: tuple[int, int]  # first and last, 1-based
    rows: tuple[Row, ...]  # the data rows
    skipped: dict[str, int] = field(default_factory=dict)  # kind of row → how many
    unit_note: str | None = None  # 单位：亿元 above the header, if any
    cut: tuple[tuple[int, int], ...] = ()  # (row, 0-based column) of texts cut to 32,767

    def place(self, row: int | None = None) -> str:
        """Where a finding is: 调度表.xlsx:Sheet1!R12 (the sheet alone without ``row``)."""
        return f"{self.file}:{self.sheet}" + (f"!R{row}" if row is not None else "")

    def value(self, row: Row, key: str) -> object:
        column = self.columns.get(key)
        if column is None or column.index >= len(row.cells):
            return None
        return row.cells[column.index]

    def text(self, row: Row, key: str) -> str:
        return cell_text(self.value(row, key))

    def cut_problems(self) -> list[RowProblem]:
        """A warning for each text longer than an Excel cell holds, cut to its first
        32,767 characters (so that no sheet makes the ledger unusable)."""
        from openpyxl.utils import get_column_letter

        return [RowProblem(self.place(row), "warning", f"the text in column "
                           f"{get_column_letter(column + 1)} is longer than an Excel cell "
                           f"holds; only its first {MAX_CELL_CHARS:,} characters are read")
                for row, column in self.cut]


RowCounter = Callable[[int, int | None], None]  # told (rows read, rows in the sheet or None)


def header_key(text: str) -> str:
    """A header made comparable: '1～6月 完成投资（万元）' → '1~6月完成投资'."""
    return _HEADER_NOISE.sub("", squeeze(text))


def read_file(path: Path, name: str | None, specs: Sequence[Spec],
              required: Sequence[tuple[str, ...]] = (),
              on_row: RowCounter | None = None) -> Table:
    """Open the workbook at ``path``, read one sheet as ``read_sheet`` does, close it."""
    workbook = open_workbook(path)
    try:
        return read_sheet(workbook, path, name, specs, required, on_row)
    except ExcelError:
        raise
    except MemoryError:
        raise ExcelError(f"{path} is too large to read in this computer's memory; keep only "
                         "the sheet to import in the workbook and save it again") from None
    except Exception as exc:  # a cell openpyxl cannot parse: <v>abc</v>, a bad reference,
        raise unreadable(path, exc) from None  # a bad date, a shared string out of range
    finally:
        workbook.close()


def read_sheet(workbook, path: Path, name: str | None, specs: Sequence[Spec],
               required: Sequence[tuple[str, ...]] = (),
               on_row: RowCounter | None = None) -> Table:
    """The sheet ``name`` of the open ``workbook`` (read from ``path``) as a table; without
    a name, the first visible sheet with such a header (offices put a 说明 sheet first)."""
    if name is not None:
        ws = worksheet(workbook, name)
        return read_table(ws, specs, file=path.name, merges=merged_ranges(path, ws.title),
                          required=required, on_row=on_row)
    first_error = None
    for ws in workbook.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        try:
            return read_table(ws, specs, file=path.name, merges=merged_ranges(path, ws.title),
                              required=required, on_row=on_row)
        except ExcelError as exc:
            first_error = first_error or exc
    raise first_error or ExcelError(f"{path} has no visible sheet")


def read_table(ws, specs: Sequence[Spec], *, file: str, merges: Iterable[Range] = (),
               required: Sequence[tuple[str, ...]] = (),
               on_row: RowCounter | None = None) -> Table:
    """Read the sheet ``ws`` (read-only is fine) into a ``Table``, or raise ExcelError.

    ``required`` lists groups of keys of which at least one must be found each, e.g.
    ``[("id", "code", "name"), ("completed_ytd",)]``.
    """
    declared_rows = ws.max_row  # the sheet's own claim; used for progress only
    ws.reset_dimensions()  # a wrong <dimension> must not cut rows off
    stream = iter(ws.iter_rows(values_only=True))
    raw_head = list(islice(stream, HEAD_ROWS))
    fill = _MergeFill(merges, max((len(r) for r in raw_head), default=0), f"{file}:{ws.title}")
    head = [fill.apply(i + 1, row) for i, row in enumerate(raw_head)]
    width = max((len(r) for r in head), default=0)
    head = [tuple(r) + (None,) * (width - len(r)) for r in head]
    found = _find_header(head, specs)
    place = f"{file}:{ws.title}"
    if found is None:
        raise ExcelError(f"{place}: no header row found in the first {HEAD_ROWS} rows; "
                         f"the sheet needs columns such as "
                         + ", ".join(s.label for s in specs[:6]) + _elsewhere_hint(ws),
                         choice="sheet" if len(ws.parent.sheetnames) > 1 else None)
    start, depth, columns = found
    _check_required(place, columns, specs, required, head, start, depth)
    width = _header_width(head, start, depth)
    fill.width = width  # what lies right of the header is read no further
    unit_note = _unit_note(head[:start])
    amount_columns = {c.index for c in columns.values()
                      if next(s for s in specs if s.key == c.key).role == "amount"}
    fill.skip_columns = amount_columns
    id_columns = [c.index for c in columns.values()
                  if next(s for s in specs if s.key == c.key).role == "id"]
    name_header = {c.index: header_key(c.header.split("/")[-1]) for c in columns.values()}
    rows: list[Row] = []
    skipped: Counter[str] = Counter()
    cut: list[tuple[int, int]] = []
    first_data = start + depth + 1
    stream.close()  # the rest is read again, no wider than the header
    stream = ws.iter_rows(min_row=HEAD_ROWS + 1, max_col=max(width, 1), values_only=True)
    rest = ((n, fill.apply(n, r)) for n, r in enumerate(stream, HEAD_ROWS + 1))
    in_head = ((i + 1, fill.apply(i + 1, raw_head[i][:width]))
               for i in range(start + depth, len(head)))
    for number, cells in chain(in_head, rest):
        if on_row is not None:
            on_row(number, declared_rows)
        if number > MAX_ROW:
            raise ExcelError(f"{file}:{ws.title}: rows beyond row {MAX_ROW:,}, Excel's last; "
                             "the file is damaged: open it in Excel or WPS and save it again")
        if cells.count(None) == len(cells):  # quick: a million empty rows take a second
            skipped["blank"] += 1
            continue
        cells = _capped(number, cells, cut)
        kind = _row_kind(cells, id_columns, name_header, first=number == first_data)
        if kind is None:
            rows.append(Row(number, tuple(cells)))
            if len(rows) > MAX_DATA_ROWS:
                raise ExcelError(f"{file}:{ws.title} has more than {MAX_DATA_ROWS:,} data rows; "
                                 "a city's key projects are far fewer: is it the right sheet?")
        else:
            skipped[kind] += 1
    return Table(file, ws.title, columns, (start + 1, start + depth), tuple(rows),
                 dict(skipped), unit_note, tuple(cut))


def _header_width(head: list[tuple], start: int, depth: int) -> int:
    """Columns up to the header's last text: a data row is read no wider than that."""
    last = 0
    for cells in head[start:start + depth]:
        for i, value in enumerate(cells, 1):
            if value is not None and cell_text(value):
                last = max(last, i)
    return last


def _capped(number: int, cells: tuple, cut: list[tuple[int, int]]) -> tuple:
    if not any(isinstance(v, str) and len(v) > MAX_CELL_CHARS for v in cells):
        return cells
    capped = list(cells)
    for i, value in enumerate(cells):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            capped[i] = value[:MAX_CELL_CHARS]
            cut.append((number, i))
    return tuple(capped)


class _MergeFill:
    """Gives every cell of a merged range the value of its top-left cell, row by row.

    Only the columns up to ``width`` are filled (the widest head row, then the header's
    width), so that a range merged out to column XFD costs no more than one up to the
    header's last column; merged ranges covering more than ``MAX_MERGED_ROWS`` rows in
    all, or overlapping (which Excel never writes), are a damaged file.
    """

    def __init__(self, merges: Iterable[Range], width: int = 0, file: str = ""):
        self.by_row: dict[int, list[Range]] = {}
        covered = 0
        for merge in merges:
            first_row, _, last_row, _ = merge
            if last_row - first_row > 10_000:
                continue  # a whole-column merge: formatting, not content
            covered += last_row - first_row + 1
            if covered > MAX_MERGED_ROWS:
                raise ExcelError(f"{file}: its merged cells cover more than "
                                 f"{MAX_MERGED_ROWS:,} rows; unmerge them (select all, Merge "
                                 "& Center off) and save the file again")
            for r in range(first_row, last_row + 1):
                self.by_row.setdefault(r, []).append(merge)
        self.top_left: dict[tuple[int, int], object] = {}
        self.skip_columns: set[int] = set()
        self.width = width
        self.file = file

    def apply(self, number: int, cells: tuple) -> tuple:
        merges = self.by_row.get(number)
        if not merges:
            return cells
        filled = list(cells)
        spans = [(first_row, first_col, min(last_col, self.width))
                 for first_row, first_col, _, last_col in merges if first_col <= self.width]
        if sum(last - first + 1 for _, first, last in spans) > self.width:
            raise ExcelError(f"{self.file}: merged ranges overlap in row {number}, which "
                             "Excel never writes; open the file in Excel or WPS and save it "
                             "again")
        for first_row, first_col, last_col in spans:
            if number == first_row and first_col - 1 < len(filled):
                self.top_left[(first_row, first_col)] = filled[first_col - 1]
            value = self.top_left.get((first_row, first_col))
            if value is None:
                continue
            filled += [None] * (last_col - len(filled))
            for c in range(first_col - 1, last_col):
                if c in self.skip_columns and (number != first_row or c != first_col - 1):
                    filled[c] = None  # an amount is counted once, in its own cell
                elif filled[c] is None:
                    filled[c] = value
        return tuple(filled)


def _find_header(head: list[tuple], specs: Sequence[Spec]
                 ) -> tuple[int, int, dict[str, Column]] | None:
    """(first row index, depth, columns) of the header block that names the most specs.

    A header row holds at least two different texts and no numbers (a title merged
    across the sheet holds one); the block's first row names a column on its own
    (序号, 项目名称 …), so that a title or a 填报单位 line above it is not taken in.
    On a tie the block that starts first wins (an upper header over its lower one).
    """
    best: tuple[int, int, dict[str, Column]] | None = None
    for start in range(len(head)):
        if not _header_like(head[start]):
            continue
        unit = YI if _unit_note(head[:start]) == "亿元" else WAN  # of columns naming none
        depth, columns = 1, _recognise(head, start, 1, specs, unit)
        if not columns:
            continue
        while depth < MAX_HEADER_DEPTH and start + depth < len(head) \
                and _header_like(head[start + depth]):
            deeper = _recognise(head, start, depth + 1, specs, unit)
            if len(deeper) <= len(columns):
                break
            depth, columns = depth + 1, deeper
        if len(columns) >= 2 and (best is None or len(columns) > len(best[2])):
            best = (start, depth, columns)
    return best


def _header_like(cells: tuple) -> bool:
    texts = {squeeze(v) for v in cells if isinstance(v, str) and v.strip()}
    return len(texts) >= 2 and not _has_numbers(cells)


def _has_numbers(cells: tuple) -> bool:
    return any(isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in cells)


def _levels(head: list[tuple], start: int, depth: int) -> list[list[str]]:
    """Each header row's texts, an upper text carried across the columns it spans.

    Merged ranges are already filled in; an upper header written once over blank
    cells (not merged) still names the columns to its right that have a lower header,
    as long as it is a group header itself (it has a different header below it).
    """
    width = len(head[start])
    levels = [[cell_text(head[start + i][c]) for c in range(width)] for i in range(depth)]
    for i in range(depth - 1):
        for c in range(1, width):
            upper_left = levels[i][c - 1]
            left_is_group = any(levels[j][c - 1] not in ("", upper_left)
                                for j in range(i + 1, depth))
            if (not levels[i][c] and upper_left and left_is_group
                    and any(levels[j][c] for j in range(i + 1, depth))):
                levels[i][c] = upper_left
    return levels


def _column_parts(levels: list[list[str]], c: int) -> list[str]:
    parts: list[str] = []
    for level in levels:
        if level[c] and level[c] not in parts:
            parts.append(level[c])
    return parts


def _recognise(head: list[tuple], start: int, depth: int, specs: Sequence[Spec],
               unit: Decimal) -> dict[str, Column]:
    levels = _levels(head, start, depth)
    columns: dict[str, Column] = {}
    for c in range(len(levels[0])):
        parts = _column_parts(levels, c)
        if not parts:
            continue
        key_text = header_key("".join(parts))
        spec = next((s for s in specs if s.matches(key_text)), None)
        if spec is not None and spec.key not in columns:
            columns[spec.key] = Column(spec.key, c, "/".join(parts), _scale(parts, unit))
    return columns


def _scale(parts: list[str], default: Decimal) -> Decimal:
    """亿元 or 万元 from the lowest header row that names a unit."""
    for part in reversed(parts):
        unit = _UNIT.search(squeeze(part))
        if unit:
            return YI if unit.group(1) == "亿元" else WAN
    return default


def _unit_note(above: list[tuple]) -> str | None:
    for cells in above:
        for value in cells:
            if isinstance(value, str) and (found := _SHEET_UNIT.search(squeeze(value))):
                return found.group(1)
    return None


def _check_required(place: str, columns: dict[str, Column], specs: Sequence[Spec],
                    required: Sequence[tuple[str, ...]], head: list[tuple], start: int,
                    depth: int) -> None:
    labels = {s.key: s.label for s in specs}
    missing = [group for group in required if not any(k in columns for k in group)]
    if not missing:
        return
    wanted = "; ".join(" or ".join(labels[k] for k in group) for group in missing)
    levels = _levels(head, start, depth)
    seen = [" / ".join(_column_parts(levels, c)) for c in range(len(levels[0]))]
    rows = f"R{start + 1}" + (f"–R{start + depth}" if depth > 1 else "")
    raise ExcelError(f"{place}: the header ({rows}) has no column {wanted}; it has: "
                     + ", ".join(s for s in seen if s) + ". Rename the column header, or "
                     "choose another sheet", choice="sheet")


def _elsewhere_hint(ws) -> str:
    others = [n for n in ws.parent.sheetnames if n != ws.title]
    return f"; or choose another sheet (the workbook has {', '.join(others)})" \
        if others else ""


def _row_kind(cells: tuple, id_columns: list[int], name_header: dict[int, str], *,
              first: bool) -> str | None:
    """Why a row is not data ("blank", "total", "heading", "notes", "header",
    "numbering"), or None for a data row."""
    texts = [cell_text(v) for v in cells]
    filled = [(i, t) for i, t in enumerate(texts) if t]
    if not filled:
        return "blank"
    first_text = squeeze(filled[0][1])
    naming = [squeeze(texts[i]) for i in id_columns if i < len(texts) and texts[i]]
    if filled[0][0] not in id_columns:
        naming.append(first_text)
    if any(_TOTAL.match(t) for t in naming):
        return "total"
    if any(header_key(texts[i]) == name_header.get(i) for i in id_columns
           if i < len(texts) and texts[i]):
        return "header"
    if _NOTES.match(first_text) or (len(filled) >= 3 and len({t for _, t in filled}) == 1):
        return "notes"  # 注：…, or one text merged across the table
    if first and all(_NUMBERING.match(squeeze(t)) for _, t in filled) and len(filled) >= 3:
        return "numbering"
    if naming and all(_HEADING.search(t) for t in naming):
        return "heading"
    if filled[0][0] in id_columns and _SECTION_NUMBER.match(first_text):
        return "heading"
    return None
