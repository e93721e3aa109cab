"""The period's 调度表 as an .xlsx workbook, laid out as offices write it.

Each sheet is one grouping: 全部项目 (by county), 按级别, 按行业 and, when the ledger
has tags, 按专项. A sheet has a title row (某市2024年上半年重点项目调度表), a date and
unit line, a two-row header with 投资情况（万元） merged over 总投资 / 本年计划投资 /
1-N月完成投资 / 占年度计划, a 合计 row, and per group a 小计 row followed by its
projects; notes explain the rate and the lights. Amounts are 万元 (#,##0.00), rates
percent (0.0%); the header is frozen and repeated on printed pages; column widths fit
their text, Chinese characters counting double.

Every figure comes from ``metrics.compute`` (the 合计 and 小计 rows too), so the sheet
and the report cannot disagree, and ``import progress`` reads the sheet back into the
same figures. The file is deterministic: the same ledger and period give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from majorproj.excel.issues import join_issues
from majorproj.excel.text import display_width
from majorproj.ledger import vocab
from majorproj.metrics import Figures, ProjectStatus, Summary
from majorproj.periods import month_label
from majorproj.render.numbers import percent
from majorproj.render.reasons import reason_text

AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0%"
FIRST_HEADER_ROW = 3
MAX_WIDTH = {"项目名称": 40, "形象进度": 36, "存在问题": 40, "备注": 30, "建设单位": 30}
LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE"}
ROW_HEIGHT = 15  # points a line of 11-point text takes


@dataclass(frozen=True)
class Field:
    """One column: its header (under ``group`` when it has one) and its cell's value."""

    header: str
    value: Callable[[ProjectStatus], object]
    group: str | None = None
    number_format: str | None = None


def fields(month: int) -> tuple[Field, ...]:
    """The 调度表's columns for as-of month ``month``."""
    money = "投资情况（万元）"
    return (
        Field("序号", lambda s: None),  # filled in by row
        Field("项目编号", lambda s: s.project.id),
        Field("项目代码", lambda s: s.project.code or ""),
        Field("项目名称", lambda s: s.project.name),
        Field("县（市、区）", lambda s: s.project.county),
        Field("行业", lambda s: s.project.sector),
        Field("级别", lambda s: vocab.LEVELS[s.project.level]),
        Field("性质", lambda s: vocab.NATURES[s.project.nature]),
        Field("总投资", lambda s: s.project.total_investment, money, AMOUNT_FORMAT),
        Field("本年计划投资", lambda s: s.project.annual_plan, money, AMOUNT_FORMAT),
        Field(f"{month_label(month)}完成投资", lambda s: s.completed_ytd, money, AMOUNT_FORMAT),
        Field("占年度计划", lambda s: s.completion_rate, money, RATE_FORMAT),
        Field("形象进度", lambda s: s.progress or ""),
        Field("存在问题", lambda s: join_issues([i.text for i in s.issues])),
        Field("预警", lambda s: vocab.LIGHTS.get(s.light or "", "")),
        Field("备注", _remark),
    )


def _remark(status: ProjectStatus) -> str:
    parts = []
    if status.light in ("red", "yellow"):
        parts.append(reason_text(status.reason))
    if not status.reported:
        parts.append("未报送，沿用此前填报数据")
    return "；".join(parts)


@dataclass(frozen=True)
class _ProjectRow:
    """A project's cells (序号 aside), worked out once for every sheet it appears on:
    each cell's width in characters, and the widths of the lines of its text."""

    status: ProjectStatus
    values: tuple[object, ...]
    widths: tuple[int, ...]
    line_widths: tuple[tuple[int, ...], ...]  # () for a cell without text

    def lines(self, column_widths: list[int]) -> int:
        """How many lines the row's tallest cell takes with its text wrapped."""
        tallest = 1
        for lines, width in zip(self.line_widths, column_widths, strict=True):
            if len(lines) > 1 or (lines and lines[0] > width):  # else one line, or none
                tallest = max(tallest, _wrapped(lines, width))
        return tallest


def _project_row(status: ProjectStatus, columns: tuple[Field, ...]) -> _ProjectRow:
    values = tuple(percent(None) if v is None and c.number_format == RATE_FORMAT else v
                   for c, v in ((c, c.value(status)) for c in columns))
    line_widths = tuple(_line_widths(v) for v in values)
    return _ProjectRow(status, values, tuple(
        _width(v, c, w) for c, v, w in zip(columns, values, line_widths, strict=True)),
        line_widths)


# the groupings, each a sheet: its title and its key in summary.groups
GROUPINGS: tuple[tuple[str, str], ...] = (
    ("全部项目", "county"), ("按级别", "level"), ("按行业", "sector"), ("按专项", "tag"))


def _members(grouping: str, rows: Iterable[_ProjectRow]) -> dict[str, list[_ProjectRow]]:
    """The project rows of each group of ``grouping``, in one pass, in ledger order."""
    members: dict[str, list[_ProjectRow]] = {}
    for row in rows:
        project = row.status.project
        names = dict.fromkeys(project.tags) if grouping == "tag" else (getattr(project, grouping),)
        for name in names:
            members.setdefault(name, []).append(row)
    return members


def _shown(grouping: str, name: str) -> str:
    return vocab.LEVELS.get(name, name) if grouping == "level" else name


def export_workbook(summary: Summary, thresholds) -> bytes:
    """The workbook's bytes: a sheet per grouping (按专项 only when there are tags).

    Written by XlsxWriter row by row in its constant-memory mode: each row goes to disk
    as soon as the next begins, so a province's workbook never sits whole in memory.
    """
    import tempfile

    import xlsxwriter

    columns = fields(summary.period.month)
    rows = [_project_row(status, columns) for status in summary.projects]
    when = datetime(summary.period.as_of.year, summary.period.as_of.month,
                    summary.period.as_of.day)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="majorproj-export-") as scratch:
        book = xlsxwriter.Workbook(buffer, {
            "constant_memory": True, "tmpdir": scratch, "strings_to_numbers": False,
            "strings_to_formulas": False, "strings_to_urls": False})
        book.set_properties({"title": _title(summary), "author": "majorproj", "created": when})
        styles = _Styles(book)
        for title, grouping in GROUPINGS:
            groups = {name: f for name, f in summary.groups[grouping].items() if f.projects}
            if grouping == "tag" and not summary.groups["tag"]:
                continue
            _write_sheet(book.add_worksheet(title), styles, summary, grouping, groups, columns,
                         _members(grouping, rows), thresholds)
        book.close()
    return buffer.getvalue()


def _title(summary: Summary) -> str:
    return f"{summary.city}{summary.period.title}重点项目调度表"


class _Styles:
    """The workbook's cell formats, made once: the header, text, long text (left-aligned),
    the 合计/小计 rows, amounts and rates in either, and the warning lights."""

    def __init__(self, book):
        cell = {"border": 1, "valign": "vcenter"}
        centre = {**cell, "align": "center", "text_wrap": True}
        self.header = book.add_format({**centre, "bold": True, "pattern": 1,
                                       "fg_color": "#D9D9D9"})
        self.title = book.add_format({"bold": True, "font_size": 16, "align": "center",
                                      "valign": "vcenter"})
        self.unit = book.add_format({"align": "right"})
        self.note = book.add_format({"text_wrap": True, "valign": "top"})
        self.text = book.add_format(centre)
        self.long_text = book.add_format({**cell, "align": "left", "text_wrap": True})
        self.total = book.add_format({**centre, "bold": True})
        self.lights = {light: book.add_format({**centre, "pattern": 1, "fg_color": f"#{rgb}"})
                       for light, rgb in LIGHT_FILLS.items()}
        self.numbers = {f: (book.add_format({**cell, "num_format": f}),
                            book.add_format({**cell, "bold": True, "num_format": f}))
                        for f in (AMOUNT_FORMAT, RATE_FORMAT)}

    def of(self, column: Field, base: str):
        """The format of ``column``'s cells in a project row (TEXT) or a total row (TOTAL)."""
        if column.number_format:
            return self.numbers[column.number_format][base == TOTAL]
        if base == TOTAL:
            return self.total
        return self.long_text if column.header in MAX_WIDTH else self.text


TEXT, TOTAL = "text", "total"


def _write_sheet(ws, styles: _Styles, summary: Summary, grouping: str,
                 groups: dict[str, Figures], columns: tuple[Field, ...],
                 members: dict[str, list[_ProjectRow]], thresholds) -> None:
    """One grouping's sheet, written top to bottom (constant-memory mode cannot go back)."""
    width = len(columns)
    shown_rows = [r for name in groups for r in members.get(name, ())]
    widths = [display_width(c.header) for c in columns]
    widths[0] = max(widths[0], len(str(len(shown_rows))))
    for project_row in shown_rows:
        for i, width_of in enumerate(project_row.widths[1:], 1):
            widths[i] = max(widths[i], width_of)
    final = [min(widths[i], MAX_WIDTH.get(c.header, 24)) + 2 for i, c in enumerate(columns)]
    for i, width_of in enumerate(final):
        # XlsxWriter adds Excel's cell padding (5 pixels of 7 a character) to a width
        ws.set_column(i, i, width_of - 5 / 7)
    text_widths = [w - 2 for w in final]
    text_formats = [styles.of(c, TEXT) for c in columns]
    total_formats = [styles.of(c, TOTAL) for c in columns]
    light_column = next(i for i, c in enumerate(columns) if c.header == "预警")

    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, width - 1, _title(summary), styles.title)
    as_of = summary.period.as_of
    ws.write_string(1, 0, f"数据截至{as_of.year}年{as_of.month}月{as_of.day}日")
    ws.write_string(1, width - 1, "单位：万元", styles.unit)

    upper, lower = FIRST_HEADER_ROW - 1, FIRST_HEADER_ROW  # 0-based rows
    spans = {}  # group → its first and last column
    for i, column in enumerate(columns):
        if column.group:
            first, _ = spans.get(column.group, (i, i))
            spans[column.group] = (first, i)
    for i, column in enumerate(columns):  # the upper header row, left to right
        if column.group is None:
            ws.write_string(upper, i, column.header, styles.header)
        elif spans[column.group][0] == i:
            ws.merge_range(upper, i, upper, spans[column.group][1], column.group, styles.header)
    for i, column in enumerate(columns):  # the lower one
        if column.group is None:
            ws.write_blank(lower, i, None, styles.header)
        else:
            ws.write_string(lower, i, column.header, styles.header)
    for i, column in enumerate(columns):
        if column.group is None:  # the header over both rows; constant-memory mode has no
            ws.merge.append([upper, i, lower, i])  # merge_range over rows written already

    label_span = next(i for i, c in enumerate(columns) if c.group)  # 序号 … 性质
    amount_columns = [i for i, c in enumerate(columns) if c.group]
    row = lower

    def total_row(label: str, figures: Figures) -> None:
        nonlocal row
        row += 1
        values: list[object] = [None] * width
        figures_by_header = (figures.total_investment, figures.annual_plan,
                             figures.completed_ytd, figures.completion_rate)
        for i, value in zip(amount_columns, figures_by_header, strict=True):
            values[i] = value if value is not None else percent(None)
        ws.merge_range(row, 0, row, label_span - 1, label, total_formats[0])
        for i in range(label_span, width):
            _write(ws, row, i, values[i], total_formats[i])

    if grouping != "tag":
        total_row(f"合计（{summary.overall.projects}个）", summary.overall)
    number = 0
    for name, figures in groups.items():
        total_row(f"{_shown(grouping, name)}小计（{figures.projects}个）", figures)
        for project_row in members.get(name, ()):
            number += 1
            row += 1
            lines = project_row.lines(text_widths)  # a cell of several lines: a taller row
            if lines > 1:
                ws.set_row(row, ROW_HEIGHT * lines)
            formats = text_formats
            if project_row.status.light in LIGHT_FILLS:
                formats = list(text_formats)
                formats[light_column] = styles.lights[project_row.status.light]
            ws.write_number(row, 0, number, formats[0])
            for i, value in enumerate(project_row.values[1:], 1):
                _write(ws, row, i, value, formats[i])
    row += 1  # a blank row before the notes
    for note in _notes(summary, grouping, thresholds):
        row += 1
        ws.set_row(row, ROW_HEIGHT * _wrapped(_line_widths(note), sum(final)))
        ws.merge_range(row, 0, row, width - 1, note, styles.note)
    name_column = next(i for i, c in enumerate(columns) if c.header == "项目名称")
    ws.freeze_panes(lower + 1, name_column + 1)
    ws.repeat_rows(upper, lower)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _write(ws, row: int, column: int, value: object, cell_format) -> None:
    """A cell as data: text always as a string (never a formula), numbers as numbers."""
    if value is None or value == "":
        ws.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        ws.write_string(row, column, value, cell_format)
    else:
        ws.write_number(row, column, value, cell_format)


def _wrapped(line_widths: tuple[int, ...], width: int) -> int:
    """How many lines a text whose lines are ``line_widths`` wide takes in a column
    ``width`` characters wide, wrapped (1 for a cell without text)."""
    return sum(max(1, -(-w // max(width, 1))) for w in line_widths) or 1


def _line_widths(value: object) -> tuple[int, ...]:
    """The display width of each line of a text cell; () for any other cell."""
    if not isinstance(value, str) or not value:
        return ()
    return tuple(display_width(line) for line in value.split("\n"))


def _width(value: object, column: Field, line_widths: tuple[int, ...]) -> int:
    """The characters ``value`` takes in its column (its widest line, for a text)."""
    if value is None:
        return 0
    if column.number_format == AMOUNT_FORMAT and isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    if column.number_format == RATE_FORMAT:
        return 7
    return max(line_widths, default=display_width(str(value)))


def _notes(summary: Summary, grouping: str, thresholds) -> list[str]:
    n = summary.period.month
    notes = [
        f"注：1.占年度计划 = {month_label(n)}完成投资 ÷ 本年计划投资；序时进度为{n}/12"
        f"（{percent(Decimal(n) / Decimal(12))}）。",
        f"2.预警：落后序时进度超过{thresholds.yellow_pp}个百分点为黄灯、超过"
        f"{thresholds.red_pp}个百分点为红灯，逾期未开工为红灯；新开工项目未到计划开工月份不预警。",
        "3.未按期报送的项目沿用此前最近一次填报数据，见备注。",
    ]
    if grouping == "tag":
        notes.append("4.一个项目可属于多个专项，各专项小计不宜相加，故本表不设合计。")
    return notes
