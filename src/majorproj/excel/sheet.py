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
columns names each of them. A unit in a column's header (元/万元/亿元), in its parent's,
or in a 单位 note above the table gives the column's scale to 万元.

Where several columns answer one ``Spec`` (``columns.choose`` has the rules), one is
chosen only when it is clearly right, and the choice is kept with its reason; else the
table carries an E501 problem naming every candidate, and ``--column`` chooses.
Hidden rows, 其中 sub-rows and rows below the data that hold no amount are told apart
from projects here; a 项目名称 merged over two rows makes one row of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import chain, islice
from pathlib import Path
from typing import Literal

from majorproj.excel import ExcelError, sheet_problem
from majorproj.excel.text import cell_text, squeeze
from majorproj.excel.workbook import (
    MAX_ROW,
    Range,
    SheetLayout,
    open_workbook,
    sheet_layout,
    unreadable,
    worksheet,
)
from majorproj.ledger.problems import Problem, severity_of
from majorproj.units import IN_WAN, WAN_PER_YI

HEAD_ROWS = 30  # the header starts within the first rows
MAX_HEADER_DEPTH = 3
MAX_CELL_CHARS = 32_767  # what an Excel cell holds; longer texts are cut, with a warning
MAX_MERGED_ROWS = 1_000_000  # rows covered by merged ranges, summed: beyond, a damaged file
MAX_DATA_ROWS = 200_000  # project rows a sheet may have (the memory they take is bounded)
WAN = Decimal(1)
YI = WAN_PER_YI
UNITS = IN_WAN  # 单位：亿, （万）: the 元 left out too
_UNIT_WORDS = "亿元|千万元|百万元|万元|千元|元|亿|万"
# 单位 followed by its unit, and not by a name that begins as one: 填报单位：元氏县发改局
# (单位：个、亿元: the counts' unit listed first, then the amounts')
_OTHER_UNITS = r"(?:(?:个|项|家|户|人|亩|%|‰|平方米|㎡|公里|千米|米|吨)[、/;；,，和及])*"
_UNIT_AFTER = (rf"单位(?:[:：/(]|均?为|是)?(?:人民币)?{_OTHER_UNITS}({_UNIT_WORDS})(?:人民币)?\)?"
               r"(?![\u3400-\u9fff])")
# a title or note ending in its unit: …投资完成情况表（亿元）
_TITLE_UNIT = re.compile(r"[\u3400-\u9fff]\((亿元|千万元|百万元|万元|千元|元)\)$")
_UNIT = re.compile(rf"\((?:单位[:：]?)?(?:人民币)?({_UNIT_WORDS})\)|{_UNIT_AFTER}|"
                   r"(亿元|千万元|百万元|万元)")
_SHEET_UNIT = re.compile(_UNIT_AFTER)
# a note below the table: 注：本表金额单位为亿元, 说明：以万元为单位, 表中金额以亿元计
_NOTE_UNIT = re.compile(rf"{_UNIT_AFTER}|以({_UNIT_WORDS})(?:为单位|计)"
                        rf"|(?:金额|投资)均?为({_UNIT_WORDS})(?![\u3400-\u9fff])")
# a cell that says nothing but the unit: 单位：万元, （万元）, 金额单位：亿元, （单位：亿元）
_UNIT_ALONE = re.compile(rf"^(?:\(?(?:金额|计量|货币|资金|投资|价值)?单位[:：/]?(?:人民币)?"
                         rf"({_UNIT_WORDS})(?:\(?人民币\)?)?\)?|\(({_UNIT_WORDS})\)|({_UNIT_WORDS}))$")
# a unit over a column that is not an amount, in a row of units: （%）, 个, 亩
_OTHER_UNIT = re.compile(r"^\(?(%|‰|个|项|家|人|百分点|亩|平方米|万平方米|公里|千米|米|天)\)?$")
# what a header says besides its name: units, brackets and punctuation
_HEADER_NOISE = re.compile(rf"\((?:单位[:：]?)?(?:人民币)?(?:{_UNIT_WORDS})\)|"
                           rf"单位[:：]?(?:{_UNIT_WORDS})|亿元|千万元|百万元|万元|"
                           r"[()\[\]【】〔〕<>《》:：、,，.。/\\*＊]")
# 其中：…, a share of the row above (match.py tries names without it)
PART = re.compile(r"^其中[:：]?")
_TOTAL = re.compile(r"^.{0,24}?\(?(合计|总计|共计|小计|汇总)数?\)?[:：]?(\(.*\))?$")
# the whole sheet's row, named by its place: 全区 | 全县重点项目 | 全市合计
_WHOLE_ROW = re.compile(r"^(?:全区|全县|全市|全镇|全部项目)(?:重点项目)?(?:合计|总计)?[:：]?$")
_HEADING = re.compile(r"^([一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|"
                      r"[一二三四五六七八九十]+$)|\(?(共)?\d+个(项目)?\)?$")
# a group's row named without a number: 省重点项目, 续建项目（12个）, 新开工项目:
_GROUP_ROW = re.compile(r"^(?:[省市县]级?重点|续建|新开工|计划新开工|预备)项目"
                        r"(?:\(共?\d+个\))?[:：]?$")
_NOTES = re.compile(r"^((注|备注|说明|附注|填报说明|填表说明)\d*[:：、.1-9]|(填报|填表|制表|审核|"
                    r"联系|统计|报送|经办|审批|复核)(人|单位|电话|日期|时间)?[:：]|"
                    r"(填报|填表|联系|统计)(人|单位|电话|日期|时间)|"
                    r"((单位|部门|主要|分管)?(负责人|领导)|经办人|审核人|制表人)[:：]|"
                    r"注$|\(?(盖章|公章|签字|签章)\)?$|"
                    r"\d{4}[年./-]\d{1,2}[月./-]\d{1,2}日?$)")
_NUMBERING = re.compile(r"^([甲乙丙丁戊己庚辛]|\d{1,2}|\(\d{1,2}\)|[A-Za-z]|[①-⑳])$")
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
    """A sheet's column that answers one of the ledger's keys, and the unit it is in."""

    key: str
    index: int  # 0-based
    header: str  # as written, header rows joined with "/"
    scale: Decimal  # 万元 per unit of the column: 1 for 万元, 10000 for 亿元, 0.0001 for 元
    hidden: bool = False
    unit: str = ""  # the unit its header (or the header above it) names, if any
    reason: str = ""  # why this column was chosen over others that answer the same key
    span: int = 1  # the columns its header is merged across, none of them named apart

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)


@dataclass(frozen=True)
class Row:
    """A data row of a sheet, by its number as Excel shows it."""

    number: int  # 1-based, as Excel shows it
    cells: tuple
    last: int = 0  # the last sheet row of a project written over several (merged) rows
    trailing: bool = False  # below the last row with an amount, and without one itself


@dataclass(frozen=True)
class Line:
    """A row of the table in sheet order: data (``kind`` None), or a 合计/小计/heading row
    (kept for the check that totals add up)."""

    kind: str | None  # None, "total" (合计/总计), "subtotal" (小计), "heading"
    row: Row


@dataclass(frozen=True)
class Hints:
    """What helps choose between columns: the month the sheet reports, the ledger's year,
    and the columns the user named (``--column``: a letter, Sheet!F or a header)."""

    month: int | None = None
    year: int | None = None
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A sheet's table: the columns found in its header, and the rows under it."""

    file: str
    sheet: str
    columns: dict[str, Column]
    header_rows: tuple[int, int]  # first and last, 1-based
    rows: tuple[Row, ...]  # the data rows
    skipped: dict[str, int] = field(default_factory=dict)  # kind of row → how many
    unit_note: str | None = None  # 单位：亿元 above the header, if any
    lines: tuple[Line, ...] = ()  # data, total and heading rows in sheet order
    problems: tuple[Problem, ...] = ()  # the sheet's own: E501, E503, E511
    labels: dict[str, str] = field(default_factory=dict)  # key → the Spec's label
    roles: dict[str, Role] = field(default_factory=dict)  # key → the Spec's role
    cut: tuple[tuple[int, int], ...] = ()  # (row, 0-based column) of texts cut to 32,767
    title: tuple[int, str] = (0, "")  # the first text above the header, and its row:
                                      # (1, 某市2024年1-6月重点项目调度表)
    unread: tuple[tuple[str, str], ...] = ()  # (letter, header) of the columns not read

    def place(self, row: int | None = None) -> str:
        """Where a finding is: 调度表.xlsx:Sheet1!R12 (the sheet alone without ``row``)."""
        return f"{self.file}:{self.sheet}" + (f"!R{row}" if row is not None else "")

    def cell(self, key: str) -> str:
        """Sheet!F: where the column of ``key`` is."""
        return f"{self.sheet}!{self.columns[key].letter}"

    def problem(self, row: Row | int | None, code: str, message: str, hint: str = "",
                column: str | None = None) -> Problem:
        """A problem at a row of this sheet (or the whole sheet); a row error quotes the
        row's text, so that the clerk finds it whatever the row numbers have become."""
        number = row if isinstance(row, int) else (row.number if row else 0)
        if isinstance(row, Row) and severity_of(code) == "error":
            quoted = row_text(row)
            if quoted:
                message += f" [row: {quoted}]"
        index = self.columns[column].index + 1 if column in self.columns else 0
        return sheet_problem(self.file, self.sheet, number, code, message, hint, index)

    @property
    def blocked(self) -> bool:
        """Whether the rows cannot be read as they stand (a column could be read two ways,
        or its formulas have no values): the problems say how to go on."""
        return any(p.code in ("E501", "E503") for p in self.problems)

    def value(self, row: Row, key: str) -> object:
        column = self.columns.get(key)
        if column is None or column.index >= len(row.cells):
            return None
        return row.cells[column.index]

    def text(self, row: Row, key: str) -> str:
        return cell_text(self.value(row, key))

    def amount_keys(self) -> list[str]:
        return [k for k in self.columns if self.roles.get(k) == "amount"]

    def error_values(self, row: Row) -> Problem | None:
        """E504 when a text column read (项目名称, 项目代码 …) holds an Excel error value
        (#N/A of a lookup, #REF!); amount columns say so when they are parsed."""
        from majorproj.excel.amounts import EXCEL_ERRORS

        found = [f"{self.sheet}!{c.letter} {c.header.replace(chr(10), '')} holds "
                 f"{cell_text(self.value(row, key))}" for key, c in self.columns.items()
                 if self.roles.get(key) != "amount"
                 and EXCEL_ERRORS.match(squeeze(cell_text(self.value(row, key))).upper())]
        if not found:
            return None
        return self.problem(row, "E504", "; ".join(found) + ", an Excel error value (its "
                            "formula cannot be computed)", "correct the formula or type the text")

    def note_shaped(self, row: Row) -> bool:
        """Whether a row (one below the data, without an amount) is shaped as a note: its
        text in the cells left of the amounts, or one text merged across."""
        first_amount = min((self.columns[k].index for k in self.amount_keys()),
                           default=len(row.cells))
        filled = [(i, t) for i, t in enumerate(map(cell_text, row.cells)) if t]
        return len({t for _, t in filled}) == 1 or all(i < first_amount for i, _ in filled)

    def choices(self, month: int | None = None) -> list[str]:
        """One line for each column read: '1-6月完成投资 ← 调度表!F (合计, not E 其中：6月)'."""
        lines = []
        for key, column in self.columns.items():
            label = self.labels.get(key, key)
            if month is not None:
                label = label.replace("1-N月", f"1-{month}月")
            shown = column.header.replace("\n", "")
            why = [column.reason or (shown if squeeze(shown) != squeeze(label) else "")]
            if self.roles.get(key) == "amount" and column.scale != WAN:
                unit = column.unit or self.unit_note or ""
                why.append(f"in {unit}, " + (f"× {column.scale:,f}" if column.scale > WAN
                                             else f"÷ {1 / column.scale:,f}"))
            why = [w for w in why if w]
            lines.append(f"{label} ← {self.sheet}!{column.letter}"
                         + (f" ({'; '.join(why)})" if why else ""))
        return lines


    def cut_problems(self) -> list[Problem]:
        """A warning for each text longer than an Excel cell holds, cut to its first
        32,767 characters (so that no sheet makes the ledger unusable)."""
        from openpyxl.utils import get_column_letter

        return [self.problem(row, "W508", f"the text in column {get_column_letter(column + 1)} "
                             f"is longer than an Excel cell holds; only its first "
                             f"{MAX_CELL_CHARS:,} characters are read")
                for row, column in self.cut]


@dataclass(frozen=True)
class Book:
    """The sheets read from one workbook, and those not read with why."""

    tables: tuple[Table, ...]
    not_read: tuple[tuple[str, str], ...]  # (sheet, why)

    def check_named(self, columns: Sequence[str]) -> None:
        """ExcelError (exit 2) for a ``--column`` that chose no column of any sheet read."""
        used = {c.reason.removeprefix("--column ") for t in self.tables
                for c in t.columns.values() if c.reason.startswith("--column ")}
        for value in columns:
            if value not in used:
                raise ExcelError(f"the column '{value}' is none of those majorproj had to "
                                 "choose between; give one that the error listed (its "
                                 "letter, Sheet!F, or its header as printed)", choice="column")


RowCounter = Callable[[int, int | None], None]  # told (rows read, rows in the sheet or None)


def row_text(row: Row, limit: int = 80) -> str:
    """The row's texts as one line ('2 | 甲县纺织产业园 | 5'), cut at ``limit`` characters."""
    from majorproj.excel.text import clean_text

    # a cell's lines (the rows of a project merged over two, joined) apart by a slash
    texts = [t for t in (" / ".join(clean_text(line, one_line=True)
                                    for line in clean_text(v).split("\n"))
                         for v in row.cells) if t]  # repeats too
    text = " | ".join(texts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def header_key(text: str) -> str:
    """A header made comparable: '1～6月 完成投资（万元）' → '1~6月完成投资', and months in
    Chinese numerals in digits: '一至八月累计完成投资' → '1至8月累计完成投资'."""
    return _CHINESE_MONTH.sub(_month_digits, _HEADER_NOISE.sub("", squeeze(text)))


_NUMERALS = "一二三四五六七八九"
# a month in numerals: 八月, 十二月份, and 一 of 一至八月 (before a range to a month)
_CHINESE_MONTH = re.compile(r"(?<![一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])"
                            r"(?=月|[-~至到—–〜][一二三四五六七八九十\d]{1,2}月)")


def _month_digits(found: re.Match[str]) -> str:
    text = found.group(1)
    return str(10 + _NUMERALS.index(text[1]) + 1 if len(text) == 2 else
               10 if text == "十" else _NUMERALS.index(text) + 1)


def read_file(path: Path, names: Sequence[str], specs: Sequence[Spec],
              required: Sequence[tuple[str, ...]] = (), hints: Hints | None = None,
              on_row: RowCounter | None = None) -> Book:
    """Open the workbook at ``path`` and read the sheets ``names`` (without names: every
    visible sheet with such a header; offices put a 说明 sheet first, a sheet per county
    or per level), close it. ExcelError when no sheet can be read."""
    workbook = open_workbook(path)
    try:
        return read_book(workbook, path, names, specs, required, hints, on_row)
    except ExcelError:
        raise
    except MemoryError:
        raise ExcelError(f"{path} is too large to read in this computer's memory; keep only "
                         "the sheet to import in the workbook and save it again") from None
    except Exception as exc:  # a cell openpyxl cannot parse: <v>abc</v>, a bad reference,
        raise unreadable(path, exc) from None  # a bad date, a shared string out of range
    finally:
        workbook.close()


def read_book(workbook, path: Path, names: Sequence[str], specs: Sequence[Spec],
              required: Sequence[tuple[str, ...]] = (), hints: Hints | None = None,
              on_row: RowCounter | None = None) -> Book:
    def read(ws) -> Table:
        return read_table(ws, specs, file=path.name, layout=sheet_layout(path, ws.title),
                          required=required, hints=hints, on_row=on_row)

    if names:
        chosen = list(dict.fromkeys(worksheet(workbook, n).title for n in names))
        tables = tuple(read(workbook[n]) for n in chosen)
        return Book(tables, tuple((n, "not asked for") for n in workbook.sheetnames
                                  if n not in chosen))
    read_ones: list[Table] = []
    not_read = [(chart.title, "a chart, no cells") for chart in workbook.chartsheets]
    first_error: ExcelError | None = None
    for ws in workbook.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            not_read.append((ws.title, "hidden sheet"))
            continue
        try:
            read_ones.append(read(ws))
        except ExcelError as exc:
            first_error = first_error or exc
            not_read.append((ws.title, _short(str(exc))))
    if not read_ones:
        raise first_error or ExcelError(f"{path} has no visible sheet")
    return Book(tuple(read_ones), tuple(not_read))


def _short(message: str) -> str:
    """An ExcelError's message without its file and sheet, up to its first ';'."""
    return message.split(": ", 1)[-1].split(";", 1)[0]


def read_table(ws, specs: Sequence[Spec], *, file: str, layout: SheetLayout | None = None,
               required: Sequence[tuple[str, ...]] = (), hints: Hints | None = None,
               on_row: RowCounter | None = None) -> Table:
    """Read the sheet ``ws`` (read-only is fine) into a ``Table``, or raise ExcelError.

    ``required`` lists groups of keys of which at least one must be found each, e.g.
    ``[("id", "code", "name"), ("completed_ytd",)]``.
    """
    layout, hints = layout or SheetLayout(), hints or Hints()
    from majorproj.excel.cells import sheet_rows

    declared_rows = ws.max_row  # the sheet's own claim (<dimension>); for progress only
    stream = sheet_rows(ws)  # every row, whatever <dimension> claims
    raw_head = list(islice(stream, HEAD_ROWS))
    fill = _MergeFill(layout.merges, max((len(r) for r in raw_head), default=0),
                      f"{file}:{ws.title}")
    head = [fill.apply(i + 1, row) for i, row in enumerate(raw_head)]
    width = max((len(r) for r in head), default=0)
    head = [tuple(r) + (None,) * (width - len(r)) for r in head]
    found = _find_header(head, specs, layout)
    place = f"{file}:{ws.title}"
    if found is None:
        raise ExcelError(f"{place}: no header row found in the first {HEAD_ROWS} rows; "
                         f"the sheet needs columns such as "
                         + ", ".join(s.label for s in specs[:6]) + _elsewhere_hint(ws),
                         choice="sheet" if len(ws.parent.sheetnames) > 1 else None)
    start, depth, candidates = found
    text_depth = depth  # the header's own rows, without a row of units under it
    conflicts: list[tuple[Column, str]] = []  # a header's unit against the row of units
    if start + depth < len(head) and (units := _units_row(
            _own_cells(head[start + depth], start + depth + 1, layout.merges))) is not None:
        depth += 1  # （万元） | （亿元） under the header: each its column's unit
        conflicts = [(c, units[c.index]) for found in candidates.values() for c in found
                     if c.index in units and c.unit and UNITS[c.unit] != UNITS[units[c.index]]]
        candidates = {key: [replace(c, scale=UNITS[units[c.index]], unit=units[c.index])
                            if c.index in units else c for c in found]
                      for key, found in candidates.items()}
    by_key = {s.key: s for s in specs}
    columns, problems = _choose(candidates, by_key, hints, file, ws.title, start + depth)
    problems += [sheet_problem(
        file, ws.title, start + depth, "W512", f"{c.letter} {c.header.replace(chr(10), '')} "
        f"says {c.unit}, but the row of units under the header says {unit}; {unit} is read",
        "make them agree") for c, unit in conflicts
        if c.key in columns and columns[c.key].index == c.index]
    _check_required(place, {**columns, **{k: None for k in candidates}}, specs, required,
                    head, start, depth)
    unit_note = _unit_note(head[:start], head[start:start + text_depth])
    above = _unit_note(head[:start])
    for key in [s.key for s in specs if s.role == "amount"]:
        column = columns.get(key)
        if column is not None and column.unit and above and UNITS[above] != UNITS[column.unit]:
            problems.append(sheet_problem(
                file, ws.title, start + 1, "W512",
                f"{column.letter} {column.header.replace(chr(10), '')} says {column.unit}, but "
                f"the note above the table says 单位：{above}; the header's {column.unit} is "
                "read", "make them agree: the header names the column's unit"))
    amount_columns = {c.index + k for c in columns.values() if by_key[c.key].role == "amount"
                      for k in range(c.span)}
    width = _header_width(head, start, depth)
    fill.width = width  # what lies right of the header is read no further
    fill.skip_columns = amount_columns
    id_columns = [c.index for c in columns.values() if by_key[c.key].role == "id"]
    name_header = {c.index: header_key(c.header.split("/")[-1]) for c in columns.values()}
    header_keys = [{header_key(cell_text(row[i])) for row in head[start:start + depth]
                    if i < len(row) and cell_text(row[i])} for i in range(width)]
    lines: list[Line] = []
    skipped: Counter[str] = Counter()
    below: tuple[int, str] | None = None  # a unit note under the table, and its row
    cut: list[tuple[int, int]] = []
    first_data = start + depth + 1
    stream.close()  # the rest is read again, no wider than the header
    stream = sheet_rows(ws, min_row=HEAD_ROWS + 1, max_col=max(width, 1))
    rest = ((n, r) for n, r in enumerate(stream, HEAD_ROWS + 1))
    in_head = ((i + 1, raw_head[i][:width]) for i in range(start + depth, len(head)))
    for number, cells in chain(in_head, rest):
        if on_row is not None:
            on_row(number, declared_rows)
        if number > MAX_ROW:
            raise ExcelError(f"{file}:{ws.title}: rows beyond row {MAX_ROW:,}, Excel's last; "
                             "the file is damaged: open it in Excel or WPS and save it again")
        # blank but for cells merged down into it from above (a county's name over its
        # projects and a spacer row): nothing of its own (quick: a million empty rows
        # take a second)
        if cells.count(None) == len(cells):
            fill.apply(number, cells)  # the merges go on below it
            skipped["blank"] += 1
            continue
        cells = _capped(number, fill.apply(number, cells), cut)
        if number in layout.hidden_rows:  # a row hidden by hand (a filter's are read)
            skipped["hidden"] += 1
            problems.append(sheet_problem(
                file, ws.title, number, "W513", f"R{number} is hidden and not read: "
                f"{row_text(Row(number, tuple(cells), number))}", "unhide the row if its "
                "project is to be imported (a row hidden to withdraw it stays out)"))
            continue
        kind = _row_kind(cells, id_columns, name_header, first=number == first_data)
        if kind == "header" and (moved := _moved(cells, columns, header_keys, start + 1)):
            problems.append(sheet_problem(
                file, ws.title, number, "E513",
                f"R{number} repeats the header with its columns changed: " + "; ".join(moved),
                "give every table of the sheet the first header's columns, or put each on "
                "its own sheet"))
        if kind in (None, "total", "subtotal", "heading", "part"):
            lines.append(Line(kind, Row(number, tuple(cells), number)))
            if len(lines) > MAX_DATA_ROWS:
                raise ExcelError(f"{file}:{ws.title} has more than {MAX_DATA_ROWS:,} data rows; "
                                 "a city's key projects are far fewer: is it the right sheet?")
        if kind is not None:
            skipped["total" if kind == "subtotal" else kind] += 1
        if kind == "notes" and below is None:
            below = _unit_below(number, cells)
    columns = _settle_spans(columns, lines)
    amount_columns = {c.index for c in columns.values() if by_key[c.key].role == "amount"}
    name = columns.get("name")
    if name is not None:
        lines, merged = _join_merged_rows(lines, layout.merges, name.index, first_data,
                                          amount_columns)
        problems += [_merged_problem(file, ws.title, row, columns, by_key) for row in merged]
    problems += _shared_amounts(lines, layout.merges, columns, by_key, first_data, file,
                                ws.title)
    lines = _mark_trailing(lines, amount_columns)
    problems += _uncached(layout, columns, lines, file, ws.title)
    if below is not None:
        columns, unit_note = _apply_below(below, columns, unit_note, by_key, file, ws.title,
                                          problems)
    return Table(file, ws.title, columns, (start + 1, start + depth),
                 tuple(line.row for line in lines if line.kind is None), dict(skipped),
                 unit_note, tuple(lines), tuple(problems), {s.key: s.label for s in specs},
                 {s.key: s.role for s in specs}, tuple(cut), _title(head[:start]),
                 _unread(head, start, depth, width, columns))


def _unread(head: list[tuple], start: int, depth: int, width: int,
            columns: dict[str, Column]) -> tuple[tuple[str, str], ...]:
    """(letter, header) of each column of the header that nothing is read from: a column
    a clerk added (责任单位, 完成时限) is said to be left, not taken in silently. A cell that
    says only the sheet's unit (金额单位：亿元) is read as its note, not as a column."""
    from openpyxl.utils import get_column_letter

    read = {c.index for c in columns.values()}
    levels = _levels(head, start, depth)
    return tuple((get_column_letter(c + 1), "/".join(parts))
                 for c in range(min(width, len(levels[0])))
                 if c not in read and (parts := _column_parts(levels, c))
                 and not (len(parts) == 1 and _UNIT_ALONE.match(squeeze(parts[0]))))


def _title(above: list[tuple]) -> tuple[int, str]:
    """The first text of the rows above the header (the title, if the sheet has one) but
    an annex's number (附件1, 附表2), and its row; (0, '') for none."""
    return next(((number, text) for number, cells in enumerate(above, 1) for value in cells
                 if (text := cell_text(value)) and not _ANNEX.match(squeeze(text))), (0, ""))


_ANNEX = re.compile(r"^(?:附件|附表|表)[\d一二三四五六七八九十]*[-—.、:：]?\d*$")


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


Candidates = dict[str, list[Column]]


def _find_header(head: list[tuple], specs: Sequence[Spec], layout: SheetLayout
                 ) -> tuple[int, int, Candidates] | None:
    """(first row index, depth, candidate columns) of the header block naming the most specs.

    A header row holds at least two different texts and no numbers (a title merged
    across the sheet holds one); the block's first row names a column on its own
    (序号, 项目名称 …), so that a title or a 填报单位 line above it is not taken in.
    The block goes down as long as a row adds a column, tells apart columns that the
    rows above name alike (其中：6月 | 合计 under a merged 1-6月完成投资) or names more of
    a column read (1-6月 over 完成投资（亿元）: the unit is below), and at
    least as far as the headers merged down from its first row (项目名称 over two rows).
    On a tie the block that starts first wins (an upper header over its lower one).
    """
    best: tuple[int, int, Candidates] | None = None
    for start in range(len(head)):
        if not _header_like(head[start]):
            continue
        note = _unit_note(head[:start], _header_block(head, start))
        unit = UNITS.get(note or "万元", WAN)  # of columns naming none
        depth, columns = 1, _recognise(head, start, 1, specs, unit, layout)
        if not columns:
            continue
        merged_down = max((last - first for first, c1, last, c2 in layout.merges
                           if first == start + 1 and c1 == c2 and last > first), default=0)
        while depth < MAX_HEADER_DEPTH and start + depth < len(head) \
                and _header_like(head[start + depth]):
            deeper = _recognise(head, start, depth + 1, specs, unit, layout)
            if (_reach(deeper) < _reach(columns) or _reach(deeper) == _reach(columns)
                    and not _names_more(columns, deeper, specs)) and depth > merged_down:
                break
            depth, columns = depth + 1, deeper
        if len(columns) >= 2 and (best is None or len(columns) > len(best[2])):
            best = (start, depth, columns)
    return best


def _header_block(head: list[tuple], start: int) -> list[tuple]:
    """The rows a header starting at ``start`` may hold: it and the header-like rows under
    it, not a row of units (each its column's) nor a data row (a 备注 of 元 is no unit)."""
    block = [head[start]]
    while len(block) < MAX_HEADER_DEPTH and start + len(block) < len(head):
        row = head[start + len(block)]
        if not _header_like(row) or _units_row(row) is not None:
            break
        block.append(row)
    return block


def _reach(candidates: Candidates) -> tuple[int, int]:
    """How much a header block says: the keys it names, then the different headers."""
    return len(candidates), len(_headers(candidates))


def _headers(candidates: Candidates) -> set[tuple[str, str]]:
    return {(c.key, c.header) for cs in candidates.values() for c in cs}


def _names_more(columns: Candidates, deeper: Candidates, specs: Sequence[Spec]) -> bool:
    """Whether the row below names more of the columns found (完成投资（亿元） under 1-6月)
    and is no data row (which has a name or id under 项目名称, 序号 …)."""
    ids = {s.key for s in specs if s.role == "id"}
    changed = {key for key in deeper if {c.header for c in deeper[key]}
               != {c.header for c in columns.get(key, [])}}
    return bool(changed) and not changed & ids


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
    from majorproj.excel.text import clean_text  # a header is shown: no control characters

    width = len(head[start])
    levels = [[clean_text(_as_header(head[start + i][c])) for c in range(width)]
              for i in range(depth)]
    for i in range(depth - 1):
        for c in range(1, width):
            upper_left = levels[i][c - 1]
            left_is_group = any(levels[j][c - 1] not in ("", upper_left)
                                for j in range(i + 1, depth))
            if (not levels[i][c] and upper_left and left_is_group
                    and any(levels[j][c] for j in range(i + 1, depth))):
                levels[i][c] = upper_left
    return levels


def _as_header(value: object) -> object:
    """A header cell as a header reads: 2024年6月 typed into it (which Excel and WPS keep as
    a date shown as 年月) as that text, so that its month is the column's."""
    from majorproj.excel.cells import MonthCell

    if isinstance(value, MonthCell):
        return f"{value.year}年{value.month}月"
    return value


def _column_parts(levels: list[list[str]], c: int) -> list[str]:
    parts: list[str] = []
    for level in levels:
        if level[c] and level[c] not in parts:
            parts.append(level[c])
    return parts


def _recognise(head: list[tuple], start: int, depth: int, specs: Sequence[Spec],
               unit: Decimal, layout: SheetLayout) -> Candidates:
    """Every column that answers each spec (read top down, or bottom up: 投资完成情况 over
    1-6月), a column answering the first spec it matches."""
    levels = _levels(head, start, depth)
    columns: Candidates = {}
    for c in range(len(levels[0])):
        parts = _column_parts(levels, c)
        if not parts:
            continue
        down, up = header_key("".join(parts)), header_key("".join(reversed(parts)))
        spec = next((s for s in specs if s.matches(down)), None) or \
            next((s for s in specs if len(parts) > 1 and s.matches(up)), None)
        if spec is not None:
            found = columns.setdefault(spec.key, [])
            if found and _merged_with(found[-1], c, parts, head[start:start + depth],
                                      start, layout.merges):
                found[-1] = replace(found[-1], span=found[-1].span + 1)
                continue
            named = _unit_of(parts)
            found.append(Column(spec.key, c, "/".join(parts), UNITS[named] if named else unit,
                                c + 1 in layout.hidden_columns, named))
    return columns


def _settle_spans(columns: dict[str, Column], lines: list[Line]) -> dict[str, Column]:
    """Each column under a header merged across several as the one of them that its rows
    fill (the first that any row fills), read alone: a row that left it blank has no
    figure, not the figure of the column beside it (a rate under the same header)."""
    settled = {}
    for key, column in columns.items():
        if column.span > 1:
            filled = (k for k in range(column.span)
                      if any(column.index + k < len(line.row.cells)
                             and cell_text(line.row.cells[column.index + k])
                             for line in lines if line.kind is None))
            column = replace(column, index=column.index + next(filled, 0), span=1)
        settled[key] = column
    return settled


def _merged_with(column: Column, c: int, parts: list[str], header: Sequence[tuple],
                 start: int, merges: Iterable[Range]) -> bool:
    """Whether 0-based column ``c`` is one more column of ``column``: right beside it, its
    header the same, and in every header row one merged range over both, or both blank."""
    if c != column.index + column.span or "/".join(parts) != column.header:
        return False
    return all(any(r1 <= row <= r2 and c1 <= column.index + 1 and c + 1 <= c2
                   for r1, c1, r2, c2 in merges)
               or not (cell_text(cells[column.index]) or cell_text(cells[c]))
               for row, cells in enumerate(header, start + 1))


def _choose(candidates: Candidates, specs: dict[str, Spec], hints: Hints, file: str,
            sheet: str, header_row: int) -> tuple[dict[str, Column], list[Problem]]:
    """One column for each key, with the reason of a choice, or an E501 problem."""
    from majorproj.excel.columns import choose

    columns: dict[str, Column] = {}
    problems: list[Problem] = []
    for key, found in candidates.items():
        if len(found) == 1 and not found[0].hidden:
            columns[key] = found[0]
            continue
        if specs[key].role != "amount":  # a second 项目名称 column: the first visible one
            visible = [c for c in found if not c.hidden] or found
            twice = [c for c in visible if header_key(c.header) == header_key(visible[0].header)]
            if key == "name" and len(twice) > 1:  # 项目名称 | … | 项目名称 | …: side by side
                problems.append(sheet_problem(
                    file, sheet, header_row, "E501",
                    f"the header names {visible[0].header.replace(chr(10), '')} in "
                    + " and ".join(c.letter for c in twice) + ": two tables side by side, "
                    "whose rows one choice of columns would leave out",
                    "put each table on its own sheet, or one under the other"))
                continue
            columns[key] = visible[0]
            continue
        chosen, why = choose(found, sheet, hints)
        if chosen is not None:
            columns[key] = replace(chosen, reason=why)
            continue
        named = "; ".join(f"{sheet}!{c.letter} '{c.header}'" + (" (hidden)" if c.hidden else "")
                          for c in found)
        example = found[-1].header.replace("\n", "")
        label = specs[key].label.replace("1-N月", f"1-{hints.month}月" if hints.month else "1-N月")
        problems.append(sheet_problem(
            file, sheet, header_row, "E501",
            f"{len(found)} columns could be {label}: {named}; majorproj does not "
            "guess which one is meant",
            "choose one: " + " or ".join(f"{sheet}!{c.letter}" for c in found)
            + f' (or by its header, as "{example}")'))
    return columns, problems


def _unit_of(parts: list[str]) -> str:
    """The unit of the lowest header row that names one (亿元, 万元, （元）, 单位：元, or 元
    alone in its row under the header), or ''."""
    for part in reversed(parts):
        unit = _UNIT.search(squeeze(part)) or _UNIT_ALONE.match(squeeze(part))
        if unit:
            return next(g for g in unit.groups() if g)
    return ""


def _own_cells(cells: tuple, number: int, merges: Iterable[Range]) -> tuple:
    """Row ``number``'s cells, those merged down into it from a row above left blank
    (项目名称 merged down beside a row of units)."""
    covered = {c for first_row, first_col, last_row, last_col in merges
               if first_row < number <= last_row for c in range(first_col - 1, last_col)}
    return tuple(None if i in covered else value for i, value in enumerate(cells))


def _units_row(cells: tuple) -> dict[int, str] | None:
    """A row that holds units alone (（万元）, 万元, 单位：亿元, and % or 个 over columns that
    are not amounts): the money units by column; None for any other row."""
    units, any_unit = {}, False
    for i, value in enumerate(cells):
        text = squeeze(cell_text(value))
        if not text:
            continue
        if found := _UNIT_ALONE.match(text):
            units[i] = next(g for g in found.groups() if g)
        elif not _OTHER_UNIT.match(text):
            return None
        any_unit = True
    return units if any_unit else None


def _unit_note(above: list[tuple], header: Sequence[tuple] = ()) -> str | None:
    """The unit a note gives the sheet: 单位：万元 in a line above the table (金额单位：元,
    in the title), or a cell of the header rows or above that says nothing else
    (单位：亿元, （万元）)."""
    for cells in above:
        for value in cells:
            # each part by itself: 单位：亿元 and 填报时间：… in one cell, apart by spaces
            for part in value.split() if isinstance(value, str) else ():
                if found := _SHEET_UNIT.search(squeeze(part)) or _TITLE_UNIT.search(
                        squeeze(part)):
                    return found.group(1)
    for cells in chain(above, header):
        for value in cells:
            if isinstance(value, str) and (found := _UNIT_ALONE.match(squeeze(value))):
                return next(g for g in found.groups() if g)
    return None


def _unit_below(number: int, cells: Sequence) -> tuple[int, str] | None:
    """(row, unit) of a notes row that gives the amounts' unit: 注：本表金额单位为亿元."""
    for value in cells:  # the cell whole (金额单位： 亿元, a space after its colon), or a part
        for part in [value, *value.split()] if isinstance(value, str) else ():
            if found := _NOTE_UNIT.search(squeeze(part)):
                return number, next(g for g in found.groups() if g)
    return None


def _apply_below(below: tuple[int, str], columns: dict[str, Column], unit_note: str | None,
                 specs: dict[str, Spec], file: str, sheet: str, problems: list[Problem]
                 ) -> tuple[dict[str, Column], str | None]:
    """The columns and the sheet's unit once a note below the table has been read: the
    unit of the amounts that no header or note above names; where one names another,
    that one is read and W512 says so."""
    number, unit = below
    amounts = {k: c for k, c in columns.items() if specs[k].role == "amount"}
    for column in amounts.values():
        named = column.unit or unit_note
        if named and UNITS[named] != UNITS[unit]:
            where = f"{column.letter} {column.header.replace(chr(10), '')} says {named}" \
                if column.unit else f"the note above the table says 单位：{named}"
            problems.append(sheet_problem(
                file, sheet, number, "W512", f"{where}, but the note below the table (R{number}) "
                f"says {unit}; {named} is read", "make them agree: one unit for the sheet"))
    if unit_note is not None:
        return columns, unit_note
    return {k: replace(c, scale=UNITS[unit]) if k in amounts and not c.unit else c
            for k, c in columns.items()}, unit


def _check_required(place: str, columns: dict, specs: Sequence[Spec],
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
    """Why a row is not data ("blank", "total", "subtotal", "part", "heading", "notes",
    "header", "numbering"), or None for a data row."""
    texts = [cell_text(v) for v in cells]
    filled = [(i, t) for i, t in enumerate(texts) if t]
    if not filled:
        return "blank"
    first_text = squeeze(filled[0][1])
    naming = [squeeze(texts[i]) for i in id_columns if i < len(texts) and texts[i]]
    if filled[0][0] not in id_columns:
        naming.append(first_text)
    if any(PART.match(t) for t in naming):
        return "part"  # 其中：省重点项目 …, a share of the rows around it
    if totals := [m for t in naming if (m := _TOTAL.match(t))]:
        return "subtotal" if totals[0].group(1) == "小计" else "total"
    if any(_WHOLE_ROW.match(t) for t in naming):
        return "total"
    if any(header_key(texts[i]) == name_header.get(i) for i in id_columns
           if i < len(texts) and texts[i]):
        return "header"
    if _NOTES.match(first_text) or _UNIT_ALONE.match(first_text) and len(filled) == 1 \
            or (len(filled) >= 3 and len({t for _, t in filled}) == 1):
        return "notes"  # 注：…, 制表：…, 单位：亿元 alone, a date, or one text merged across
    if first and all(_NUMBERING.match(squeeze(t)) for _, t in filled) and len(filled) >= 3:
        return "numbering"
    if naming and all(_HEADING.search(t) or _GROUP_ROW.match(t) for t in naming):
        return "heading"  # 一、省重点项目; 省重点项目 alone, with its subtotal or not
    if filled[0][0] in id_columns and _SECTION_NUMBER.match(first_text):
        return "heading"
    return None


def _moved(cells: tuple, columns: dict[str, Column], header_keys: list[set[str]],
           header_row: int) -> list[str]:
    """What is wrong with a row that repeats the header: a column read whose cell there
    names another column (and not its own), said as 'column C says 本年计划投资, which the
    header at R1 has in column B' (or 'where the header at R1 has 1-6月完成投资' when the
    first header has no such column). A table under a header that moved or added columns
    would be read by the first header's columns, wrong."""
    from openpyxl.utils import get_column_letter

    moved = []
    for column in sorted(columns.values(), key=lambda c: c.index):
        text = cell_text(cells[column.index]) if column.index < len(cells) else ""
        key = header_key(text)
        if not key or key in header_keys[column.index]:
            continue
        elsewhere = [j for j, keys in enumerate(header_keys) if key in keys]
        moved.append(f"column {column.letter} says {text}, " + (
            f"which the header at R{header_row} has in column "
            f"{get_column_letter(elsewhere[0] + 1)}" if elsewhere else
            f"where the header at R{header_row} has {column.header.replace(chr(10), '')}"))
    return moved


def _join_merged_rows(lines: list[Line], merges: Iterable[Range], name_index: int,
                      first_data: int, amount_columns: set[int]
                      ) -> tuple[list[Line], list[Row]]:
    """Data rows whose 项目名称 is one cell merged down over them become one row: its
    texts joined a line each, its amount the one written (``merged``: rows where both
    lines hold a different amount)."""
    spans = {first: last for first, c1, last, c2 in merges
             if c1 <= name_index + 1 <= c2 and last > first >= first_data}
    if not spans:
        return lines, []
    joined: list[Line] = []
    conflicts: list[Row] = []
    owner: Line | None = None
    for line in lines:
        row = line.row
        if owner is not None and owner.kind is None and line.kind is None \
                and row.number <= spans[owner.row.number]:
            cells, conflict = _join_cells(owner.row.cells, row.cells, amount_columns)
            owner = Line(None, Row(owner.row.number, cells, row.number))
            joined[-1] = owner
            if conflict and (not conflicts or conflicts[-1].number != owner.row.number):
                conflicts.append(owner.row)
            continue
        owner = line if row.number in spans else None
        joined.append(line)
    conflicts = [next(j.row for j in joined if j.row.number == c.number) for c in conflicts]
    return joined, conflicts


def _join_cells(first: tuple, second: tuple, amount_columns: set[int]) -> tuple[tuple, bool]:
    width = max(len(first), len(second))
    a, b = first + (None,) * (width - len(first)), second + (None,) * (width - len(second))
    cells, conflict = [], False
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if y is None or cell_text(y) == "" or x == y:
            cells.append(x)
        elif x is None or cell_text(x) == "":
            cells.append(y)
        elif i in amount_columns:
            conflict = True
            cells.append(x)
        else:
            cells.append(f"{cell_text(x)}\n{cell_text(y)}")
    return tuple(cells), conflict


def _merged_problem(file: str, sheet: str, row: Row, columns: dict[str, Column],
                    specs: dict[str, Spec]) -> Problem:
    amounts = ", ".join(specs[c.key].label for c in columns.values()
                        if specs[c.key].role == "amount")
    return sheet_problem(
        file, sheet, row.number, "E511",
        f"项目名称 is merged over R{row.number}–R{row.last}, and both rows hold a different "
        f"{amounts} [row: {row_text(row)}]",
        "write the project's figure in one row, or unmerge the name if they are two projects")


def _shared_amounts(lines: list[Line], merges: Iterable[Range], columns: dict[str, Column],
                    specs: dict[str, Spec], first_data: int, file: str, sheet: str
                    ) -> list[Problem]:
    """E512 for an amount cell merged down over the rows of two or more projects: one
    figure for them together, which no row's project can be given alone."""
    amounts = {c.index: c.header or specs[c.key].label for c in columns.values()
               if specs[c.key].role == "amount"}
    problems = []
    for first_row, first_col, last_row, last_col in merges:
        if last_row == first_row or first_row < first_data or last_row - first_row > 10_000:
            continue
        labels = [label for i, label in amounts.items() if first_col - 1 <= i <= last_col - 1]
        rows = [line.row for line in lines if line.kind is None
                and line.row.number <= last_row and max(line.row.number, line.row.last)
                >= first_row]
        if labels and len(rows) > 1:
            problems.append(sheet_problem(
                file, sheet, first_row, "E512",
                f"{', '.join(labels)} is one cell merged over R{first_row}–R{last_row}, the "
                f"rows of {len(rows)} projects: one figure for them together [rows: "
                + " / ".join(row_text(row, 40) for row in rows[:3]) + "]",
                "write each project's own figure in its row (unmerge the cell)"))
    return problems


def _mark_trailing(lines: list[Line], amount_columns: set[int]) -> list[Line]:
    """Data rows below the last row with an amount that hold none themselves: sign-off
    lines (制表：, 审核：, 报送时间：, a date, （盖章）) unless they name a project."""
    def has_amount(row: Row) -> bool:
        return any(i < len(row.cells) and cell_text(row.cells[i]) for i in amount_columns)

    last = max((i for i, line in enumerate(lines) if line.kind is None and has_amount(line.row)),
               default=-1)
    return [Line(None, Row(line.row.number, line.row.cells, line.row.last, True))
            if i > last and line.kind is None and not has_amount(line.row) else line
            for i, line in enumerate(lines)]


def _uncached(layout: SheetLayout, columns: dict[str, Column], lines: list[Line], file: str,
              sheet: str) -> list[Problem]:
    """E503 when a column read holds formulas without a saved value (the workbook was
    written by a program that does not calculate): they would read as blank cells. Only a
    project's rows count: a 合计 or 小计 row's =SUM() is only compared, and unsaved it is
    not compared (the projects' own figures are what is imported)."""
    if not layout.uncached:
        return []
    from openpyxl.utils import get_column_letter

    read = {c.index + 1 for c in columns.values()}
    rows = {n for line in lines if line.kind in (None, "part")
            for n in range(line.row.number, line.row.last + 1)}
    cells = sorted((r, c) for r, c in layout.uncached if c in read and r in rows)
    if not cells:
        return []
    names = [f"{get_column_letter(c)}{r}" for r, c in cells]
    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    return [sheet_problem(
        file, sheet, cells[0][0], "E503",
        f"{len(names)} formula cell{'s' * (len(names) != 1)} ({shown}) have no saved value: "
        "the workbook was written by a program that does not calculate, so majorproj cannot "
        "see the figures",
        f"open it in Excel or WPS and save it, or run `soffice --headless --convert-to xlsx "
        f"--outdir saved {file}` (LibreOffice), then import saved/{file}")]
