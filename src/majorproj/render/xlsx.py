"""The period's 调度表 as an .xlsx workbook, laid out as offices write it.

Each sheet is one grouping: 全部项目 (by county), 按级别, 按行业 and, when the ledger
has tags, 按专项. A sheet has a title row (某市2024年上半年重点项目调度表), a date and
unit line, a two-row header with 投资情况（万元） merged over 总投资 / 本年计划投资 /
1-N月完成投资 / 占年度计划 / 当月完成投资 / 当月进度 (and, with last year's figures,
去年同期完成投资 / 增长额 / 同比增长), a 合计 row, and per group a 小计 row followed by its
projects; notes explain the rate and the lights. Amounts are 万元 (#,##0.00), rates
percent (0.0%); the header is frozen and repeated on printed pages; column widths fit
their text, Chinese characters counting double.

Every figure comes from ``metrics.compute`` (the 合计 and 小计 rows too), so the sheet
and the report cannot disagree, and ``import progress`` reads the sheet back into the
same figures. A last sheet, 图表, holds the report's charts as native Excel charts beside
tables of their data (``render.xlsx_charts``). The file is deterministic: the same ledger
and period give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from majorproj.excel.issues import join_issues
from majorproj.ledger import vocab
from majorproj.metrics import Figures, LastYear, ProjectStatus, Summary
from majorproj.periods import chinese_date, month_label
from majorproj.render.numbers import percent
from majorproj.render.package import deterministic_zip, read_package
from majorproj.render.reasons import reason_text, rule_text
from majorproj.render.summary_labels import group_name
from majorproj.text import display_width

AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0%"
FIRST_HEADER_ROW = 3
MAX_WIDTH = {"项目名称": 40, "形象进度": 36, "存在问题": 40, "备注": 30, "建设单位": 30}
LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE"}
ROW_HEIGHT = 15  # points a line of 11-point text takes


@dataclass(frozen=True)
class Field:
    """One column: its header (under ``group`` when it has one), its cell's value, and
    (for an amount or rate) the value of a 合计 or 小计 row from the group's figures."""

    header: str
    value: Callable[[ProjectStatus], object]
    group: str | None = None
    number_format: str | None = None
    total: Callable[[Figures], object] | None = None


def _last(of: Callable[[LastYear], object]) -> Callable[[ProjectStatus | Figures], object]:
    """A 同比 value of a project or a group; None (an empty cell) without last year's."""
    return lambda x: None if x.last_year is None else of(x.last_year)


def fields(month: int, last_year: bool = False) -> tuple[Field, ...]:
    """The 调度表's columns for as-of month ``month``; with ``last_year``, the 同比 columns."""
    money = "投资情况（万元）"
    yoy = (
        Field("去年同期完成投资", _last(lambda y: y.completed_ytd), money, AMOUNT_FORMAT,
              _last(lambda y: y.completed_ytd)),
        Field("增长额", _last(lambda y: y.increase), money, AMOUNT_FORMAT,
              _last(lambda y: y.increase)),
        Field("同比增长", _last(lambda y: y.growth), money, RATE_FORMAT,
              _last(lambda y: y.growth)),
    ) if last_year else ()
    return (
        Field("序号", lambda s: None),  # filled in by row
        Field("项目编号", lambda s: s.project.id),
        Field("项目代码", lambda s: s.project.code or ""),
        Field("项目名称", lambda s: s.project.name),
        Field("县（市、区）", lambda s: s.project.county),
        Field("行业", lambda s: s.project.sector),
        Field("级别", lambda s: vocab.LEVELS[s.project.level]),
        Field("性质", lambda s: vocab.NATURES[s.project.nature]),
        Field("总投资", lambda s: s.project.total_investment, money, AMOUNT_FORMAT,
              lambda f: f.total_investment),
        Field("本年计划投资", lambda s: s.project.annual_plan, money, AMOUNT_FORMAT,
              lambda f: f.annual_plan),
        Field(f"{month_label(month)}完成投资", lambda s: s.completed_ytd, money, AMOUNT_FORMAT,
              lambda f: f.completed_ytd),
        Field("占年度计划", lambda s: s.completion_rate, money, RATE_FORMAT,
              lambda f: f.completion_rate),
        Field("当月完成投资", lambda s: s.this_month, money, AMOUNT_FORMAT,
              lambda f: f.this_month),
        Field("当月进度", lambda s: s.month_progress, money, RATE_FORMAT,
              lambda f: f.month_progress),
        *yoy,
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
        return max(_wrapped(lines, width)
                   for lines, width in zip(self.line_widths, column_widths, strict=True))


def _project_row(status: ProjectStatus, columns: tuple[Field, ...]) -> _ProjectRow:
    values = tuple(percent(None) if v is None and c.number_format == RATE_FORMAT else v
                   for c, v in ((c, c.value(status)) for c in columns))
    line_widths = tuple(_line_widths(v) for v in values)
    return _ProjectRow(status, values, tuple(
        _width(v, c, w) for c, v, w in zip(columns, values, line_widths, strict=True)),
        line_widths)


# the groupings, each a sheet: its title and its key in summary.groups
SHEETS: tuple[tuple[str, str], ...] = (("全部项目", "county"), *(
    (f"按{vocab.GROUPINGS[g]}", g) for g in ("level", "sector", "tag")))


def _members(grouping: str, rows: Iterable[_ProjectRow]) -> dict[str, list[_ProjectRow]]:
    """The project rows of each group of ``grouping``, in one pass, in ledger order."""
    members: dict[str, list[_ProjectRow]] = {}
    for row in rows:
        project = row.status.project
        names = dict.fromkeys(project.tags) if grouping == "tag" else (getattr(project, grouping),)
        for name in names:
            members.setdefault(name, []).append(row)
    return members


def export_workbook(summary: Summary) -> bytes:
    """The workbook's bytes: a sheet per grouping (按专项 only when there are tags)."""
    from openpyxl import Workbook

    from majorproj.render.xlsx_charts import add_charts_sheet

    book = Workbook()
    book.remove(book.active)
    _add_styles(book)
    columns = fields(summary.period.month, summary.last_year is not None)
    rows = [_project_row(status, columns) for status in summary.projects]
    for title, grouping in SHEETS:
        groups = {name: f for name, f in summary.groups[grouping].items() if f.projects}
        if grouping == "tag" and not summary.groups["tag"]:
            continue
        _write_sheet(book.create_sheet(title), summary, grouping, groups, columns,
                     _members(grouping, rows))
    add_charts_sheet(book, summary)
    when = datetime(summary.period.as_of.year, summary.period.as_of.month,
                    summary.period.as_of.day)
    book.properties.creator = "majorproj"
    book.properties.title = _title(summary)
    book.properties.created = when
    for ws in book.worksheets:
        _as_text(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_dates(buffer.getvalue(), when)


def _as_text(ws) -> None:
    """Every cell stays the value it is: openpyxl takes a text starting with = for a
    formula, and a project named '=HYPERLINK(…)' must stay a name (the workbook holds no
    formulas at all)."""
    for cell in ws._cells.values():  # the cells written, without creating blank ones
        if cell.data_type == "f":
            cell.data_type = "s"


def _title(summary: Summary) -> str:
    return f"{summary.city}{summary.period.title}重点项目调度表"


# cell styles, registered once per workbook (setting fonts and borders cell by cell is
# a hundred times slower in openpyxl)
HEADER, TEXT, LONG_TEXT, TOTAL = "调度表表头", "调度表文字", "调度表长文字", "调度表合计"
_FORMATS = {None: "", AMOUNT_FORMAT: "金额", RATE_FORMAT: "比例"}


def _add_styles(book) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    number = Alignment(vertical="center")

    def add(name: str, **attributes) -> None:
        book.add_named_style(NamedStyle(name=name, border=border, **attributes))

    add(HEADER, font=Font(bold=True), alignment=centre,
        fill=PatternFill("solid", fgColor="D9D9D9"))
    add(TEXT, alignment=centre)
    add(LONG_TEXT, alignment=left)
    add(TOTAL, font=Font(bold=True), alignment=centre)
    for number_format, suffix in _FORMATS.items():
        if number_format:
            add(TEXT + suffix, alignment=number, number_format=number_format)
            add(TOTAL + suffix, font=Font(bold=True), alignment=number,
                number_format=number_format)
    for light, colour in LIGHT_FILLS.items():
        add(TEXT + light, alignment=centre, fill=PatternFill("solid", fgColor=colour))


def _cell_style(column: Field, base: str) -> str:
    if column.number_format:
        return base + _FORMATS[column.number_format]
    return LONG_TEXT if base == TEXT and column.header in MAX_WIDTH else base


def _write_sheet(ws, summary: Summary, grouping: str, groups: dict[str, Figures],
                 columns: tuple[Field, ...], members: dict[str, list[_ProjectRow]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    width = len(columns)
    last = get_column_letter(width)
    widths = [display_width(c.header) for c in columns]
    text_styles = [_cell_style(c, TEXT) for c in columns]
    total_styles = [_cell_style(c, TOTAL) for c in columns]
    light_column = next(i for i, c in enumerate(columns, 1) if c.header == "预警")

    ws.append([_title(summary)])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    as_of = summary.period.as_of
    ws.append([f"数据截至{chinese_date(as_of)}"] + [None] * (width - 2)
              + ["单位：万元"])
    ws.cell(2, width).alignment = Alignment(horizontal="right")

    upper, lower = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1
    for i, column in enumerate(columns, 1):
        ws.cell(upper, i).style = ws.cell(lower, i).style = HEADER
        if column.group is None:
            ws.cell(upper, i, column.header)
            ws.merge_cells(start_row=upper, start_column=i, end_row=lower, end_column=i)
        else:
            ws.cell(lower, i, column.header)
    for group in dict.fromkeys(c.group for c in columns if c.group):
        spanned = [i for i, c in enumerate(columns, 1) if c.group == group]
        ws.cell(upper, spanned[0], group)
        ws.merge_cells(start_row=upper, start_column=spanned[0], end_row=upper,
                       end_column=spanned[-1])

    label_span = next(i for i, c in enumerate(columns) if c.group)  # 序号 … 性质
    amount_columns = [i for i, c in enumerate(columns) if c.group]
    row = lower

    def total_row(label: str, figures: Figures) -> None:
        nonlocal row
        row += 1
        values: list[object] = [label] + [None] * (width - 1)
        for i in amount_columns:
            total = columns[i].total
            value = total(figures) if total is not None else None
            values[i] = value if value is not None else percent(None)
        ws.append(values)
        for i in range(1, width + 1):
            ws.cell(row, i).style = total_styles[i - 1]
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_span)

    if grouping != "tag":
        total_row(f"合计（{summary.overall.projects}个）", summary.overall)
    number = 0
    wrapped: list[tuple[int, _ProjectRow]] = []  # project rows, for their heights
    for name, figures in groups.items():
        total_row(f"{group_name(grouping, name)}小计（{figures.projects}个）", figures)
        for project_row in members.get(name, ()):
            number += 1
            row += 1
            ws.append((number, *project_row.values[1:]))
            wrapped.append((row, project_row))
            widths[0] = max(widths[0], len(str(number)))
            for i, width_of in enumerate(project_row.widths[1:], 1):
                widths[i] = max(widths[i], width_of)
            for i in range(1, width + 1):
                ws.cell(row, i).style = text_styles[i - 1]
            if project_row.status.light in LIGHT_FILLS:
                ws.cell(row, light_column).style = TEXT + project_row.status.light

    final = [min(widths[i], MAX_WIDTH.get(c.header, 24)) + 2 for i, c in enumerate(columns)]
    for i, width_of in enumerate(final, 1):
        ws.column_dimensions[get_column_letter(i)].width = width_of
    text_widths = [w - 2 for w in final]
    for row_number, project_row in wrapped:  # a cell of several lines makes its row taller
        lines = project_row.lines(text_widths)
        if lines > 1:
            ws.row_dimensions[row_number].height = ROW_HEIGHT * lines
    ws.append([])
    row += 1
    for note in _notes(summary, grouping):
        ws.append([note])
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = ROW_HEIGHT * _wrapped(_line_widths(note), sum(final))
    name_column = next(i for i, c in enumerate(columns, 1) if c.header == "项目名称")
    ws.freeze_panes = f"{get_column_letter(name_column + 1)}{lower + 1}"
    ws.print_title_rows = f"{upper}:{lower}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


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


def _notes(summary: Summary, grouping: str) -> list[str]:
    thresholds = summary.thresholds
    n = summary.period.month
    notes = [
        f"注：1.占年度计划 = {month_label(n)}完成投资 ÷ 本年计划投资；序时进度为{n}/12"
        f"（{percent(summary.period.time_progress)}）。",
        f"2.预警：{rule_text(thresholds)}；新开工项目未到计划开工月份不预警。",
        "3.未按期报送的项目沿用此前最近一次填报数据，见备注。",
    ]
    notes.append("4.当月完成投资 = 本月累计 − 上月累计；当月进度 = 当月完成投资 ÷ 本年计划投资。")
    if summary.last_year is not None:
        matched = ("项目按项目编号（其次项目代码）与上年台账对应。" if summary.last_year == "ledger"
                   else "去年同期数为上年合计数（全市及所列县（市、区）），其余不列。")
        notes.append("5.同比增长 = （本年完成投资 − 去年同期完成投资）÷ 去年同期完成投资；"
                     + matched)
    if grouping == "tag":
        notes.append(f"{len(notes) + 1}.一个项目可属于多个专项，各专项小计不宜相加，"
                     "故本表不设合计。")
    return notes


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _fixed_dates(data: bytes, when: datetime) -> bytes:
    """The workbook with fixed dates (the period's as-of date, and 1980 in the zip), so
    that the same ledger and period give the same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = read_package(data)
    core = entries.get("docProps/core.xml")
    if core is not None:
        entries["docProps/core.xml"] = _CORE_DATES.sub(
            lambda m: m.group(1) + stamp + m.group(3), core)
    return deterministic_zip(entries)
