"""The period's 调度表 as an .xlsx workbook, laid out as offices write it.

Each sheet is one grouping: 全部项目 (by county), 按级别, 按行业 and, when the ledger
has tags, 按专项. A sheet has a title row (某市2024年上半年重点项目调度表), a date and
unit line, a two-row header with 投资情况（万元） merged over 总投资 / 本年计划投资 /
1-N月完成投资 / 占年度计划 / 当月完成投资 / 当月进度 (and, with last year's figures,
去年同期完成投资 / 增长额 / 同比增长), a 合计 row, and per group a 小计 row followed by its
projects; notes explain the rate and the lights. Amounts are 万元 (#,##0.00), rates
percent (0.0%); the header is frozen and repeated on printed pages; a column is as wide as
the widest text it shows (a figure as its number format shows it, the 合计 and 小计 rows'
too), Chinese characters counting double.

Every figure comes from ``metrics.compute`` (the 合计 and 小计 rows too), so the sheet
and the report cannot disagree, and ``import progress`` reads the sheet back into the
same figures. A last sheet, 图表, holds the report's charts as native Excel charts beside
tables of their data (``render.xlsx_charts``). The file is deterministic: the same ledger
and period give the same bytes.

The workbook is written with XlsxWriter, but for the sheets' rows: those are kept top
to bottom by ``render.sheet_rows``, each row's height known before its cells (the column
widths are worked out first), and made into XML as they are put into the sheets
XlsxWriter wrote without cells. Each cell format is made once per workbook; text is
always text (never a formula, never markup).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from majorproj.excel.issues import join_issues, with_key
from majorproj.ledger import vocab
from majorproj.metrics import Figures, LastYear, ProjectStatus, Summary
from majorproj.periods import chinese_date, month_label
from majorproj.render.numbers import percent, wan_column
from majorproj.render.package import deterministic_zip, read_package
from majorproj.render.reasons import reason_text, rule_text
from majorproj.render.sheet_rows import SheetRows, cell_style, cells, sheet_part, splice, style
from majorproj.render.summary_labels import group_name
from majorproj.text import display_width

AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0%"
FIRST_HEADER_ROW = 2  # 0-based: the title, the date line, then the two-row header
MAX_DIGIT_PIXELS = 7  # a column one character wide, in pixels (Calibri 11)
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
        # a 督办事项 with its 【key】, as the fill-in sheet lists it: read back, its text
        # may have changed since it was handed over and it is still that 督办
        Field("存在问题", lambda s: join_issues([with_key(i.key, i.text) for i in s.issues])),
        Field("预警", lambda s: vocab.LIGHTS.get(s.light or "", "")),
        Field("备注", _remark),
    )


def _remark(status: ProjectStatus) -> str:
    parts = []
    if status.light in ("red", "yellow"):
        parts.append(reason_text(status.reason))
    if not status.reported:  # carried from an earlier month, or none this year: 0
        parts.append("未报送，沿用此前填报数据" if status.carried else "未报送，尚无数据，按0计")
    return "；".join(parts)


@dataclass(frozen=True)
class _ProjectRow:
    """A project's cells (序号 aside) as the sheet holds them (``_cell``), worked out once
    for every sheet it appears on: each text's width in characters (0 for a figure), the
    lines its tallest cell takes, and its figures (Decimal amounts and rates, None where a
    cell holds none: a column's widest figure is its largest or its most negative).

    The lines are the same on every sheet: a text column is as wide as its widest text
    up to its cap (``_text_cap``), so a cell wraps at the cap when it is wider, and not at
    all when it is not."""

    status: ProjectStatus
    cells: tuple[object, ...]
    widths: tuple[int, ...]
    lines: int
    figures: tuple[Decimal | None, ...]


def _project_row(status: ProjectStatus, columns: tuple[Field, ...],
                 measured: dict[str, tuple[tuple[int, ...], int]]) -> _ProjectRow:
    """``measured``: the short texts' measures so far (a county, a sector, a light … is
    measured once an export, not once a project)."""
    values = tuple(percent(None) if v is None and c.number_format == RATE_FORMAT else v
                   for c, v in ((c, c.value(status)) for c in columns))
    measures = tuple(_measure(v, measured) for v in values)
    lines = max((_wrapped(line_widths, min(width, _text_cap(c) or width))
                 for c, (line_widths, width) in zip(columns, measures, strict=True)
                 if line_widths), default=1)
    return _ProjectRow(status, tuple(_cell(v) for v in values),
                       tuple(width for _, width in measures), lines,
                       tuple(v if isinstance(v, Decimal) else None for v in values))


def _text_cap(column: Field) -> int | None:
    """The widest a column of text grows before its texts wrap; None for a column of
    figures, which never wrap."""
    return None if column.number_format else MAX_WIDTH.get(column.header, 24)


SHORT_TEXT = 64  # characters: a text this short is often written again (a county, a light)


def _measure(value: object, measured: dict[str, tuple[tuple[int, ...], int]]
             ) -> tuple[tuple[int, ...], int]:
    """A cell's line widths and width in characters: a text's widest line; 0 for a figure
    or an empty cell, whose width its column works out from the figures themselves."""
    if not isinstance(value, str):
        return (), 0
    known = measured.get(value)
    if known is None:
        lines = _line_widths(value)
        known = (lines, max(lines, default=0))
        if len(value) <= SHORT_TEXT:
            measured[value] = known
    return known


def _cell(value: object) -> object:
    """A value as its cell holds it: a text, an integer, a Decimal as the float Excel
    keeps (the 16 significant digits the file stores, as openpyxl wrote them), or None for
    an empty cell."""
    if value is None or value == "":
        return None
    return float(value) if isinstance(value, Decimal) else value


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
    import xlsxwriter

    from majorproj.render.xlsx_charts import add_charts_sheet

    columns = fields(summary.period.month, summary.last_year is not None)
    measured: dict[str, tuple[tuple[int, ...], int]] = {}
    rows = [_project_row(status, columns, measured) for status in summary.projects]
    as_of = summary.period.as_of
    buffer = io.BytesIO()
    # every cell is written by sheet_rows: XlsxWriter takes a text that looks like its
    # rich-text XML (<r>…</r>) for that XML, and would put it into the file unescaped
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False,
        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": _title(summary), "author": "majorproj",
                         "created": datetime(as_of.year, as_of.month, as_of.day)})
    formats = _Formats(book)
    written: dict[str, SheetRows] = {}
    project_cells: dict[int, tuple[str | None, ...]] = {}
    for title, grouping in SHEETS:
        groups = {name: f for name, f in summary.groups[grouping].items() if f.projects}
        if grouping == "tag" and not summary.groups["tag"]:
            continue
        ws = book.add_worksheet(title)
        out = written[sheet_part(book)] = SheetRows(len(columns))
        _write_sheet(ws, out, formats, summary, grouping, groups, columns,
                     _members(grouping, rows), project_cells)
    charts = add_charts_sheet(book, summary)
    if charts is not None:
        written[sheet_part(book)] = charts
    book.close()
    package = read_package(buffer.getvalue())
    entries: dict[str, bytes | Iterable[bytes]] = {
        **package, **{part: splice(package[part], out) for part, out in written.items()}}
    # the same bytes every run, whatever times XlsxWriter's zip gave its entries
    return deterministic_zip(entries)


def _title(summary: Summary) -> str:
    return f"{summary.city}{summary.period.title}重点项目调度表"


LIGHT_COLUMN = "预警"


class _Formats:
    """The sheets' cell formats, each made once for the workbook: the header's, a
    project row's and a 合计 or 小计 row's for each column, and the lights'. Each is held
    as the style attribute of a cell that has it (``sheet_rows.style``)."""

    def __init__(self, book) -> None:
        border = {"border": 1, "valign": "vcenter"}
        centre = {**border, "align": "center", "text_wrap": True}

        def add(properties: dict) -> str:
            return cell_style(book, properties)

        self.title = add({"bold": True, "font_size": 16, "align": "center",
                          "valign": "vcenter"})
        self.right = add({"align": "right"})
        self.note = add({"text_wrap": True, "valign": "top"})
        self.header = add({**centre, "bold": True, "bg_color": "#D9D9D9"})
        self.text = add(centre)
        self.long_text = add({**border, "align": "left", "text_wrap": True})
        self.total = add({**centre, "bold": True})
        self.number = {f: add({**border, "num_format": f}) for f in (AMOUNT_FORMAT, RATE_FORMAT)}
        self.total_number = {f: add({**border, "bold": True, "num_format": f})
                             for f in (AMOUNT_FORMAT, RATE_FORMAT)}
        self.lights = {light: add({**centre, "bg_color": f"#{colour}"})
                       for light, colour in LIGHT_FILLS.items()}

    def project(self, column: Field) -> str:
        if column.number_format:
            return self.number[column.number_format]
        return self.long_text if column.header in MAX_WIDTH else self.text

    def totals(self, column: Field) -> str:
        return self.total_number[column.number_format] if column.number_format else self.total


def _merge(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merges a range whose cells ``sheet_rows`` writes. XlsxWriter's merge_range would
    write the range's cells itself; the range is recorded the way merge_range records
    it."""
    ws.merge.append([first_row, first_col, last_row, last_col])


def _write_sheet(ws, out: SheetRows, formats: _Formats, summary: Summary, grouping: str,
                 groups: dict[str, Figures], columns: tuple[Field, ...],
                 members: dict[str, list[_ProjectRow]],
                 project_cells: dict[int, tuple[str | None, ...]]) -> None:
    """One grouping's sheet: its settings on ``ws``, its rows to ``out``; ``project_cells``
    keeps each project's cells (序号 aside) once made, for the next sheet."""
    width = len(columns)
    last = width - 1
    project_formats = [formats.project(c) for c in columns]
    total_formats = [formats.totals(c) for c in columns]
    light_column = next(i for i, c in enumerate(columns) if c.header == LIGHT_COLUMN)
    lit_formats = {light: [f if i != light_column else fill
                           for i, f in enumerate(project_formats)]
                   for light, fill in formats.lights.items()}
    listed = [row for name in groups for row in members.get(name, ())]

    # the columns' widths first: a row's height follows from them, and a row is written
    # out, height and all, as it is made
    label_span = next(i for i, c in enumerate(columns) if c.group)  # 序号 … 性质
    amount_columns = [i for i, c in enumerate(columns) if c.group]

    def total_values(label: str, figures: Figures) -> list[object]:
        values: list[object] = [label] + [None] * (width - 1)
        for i in amount_columns:
            total = columns[i].total
            value = total(figures) if total is not None else None
            values[i] = value if value is not None else percent(None)
        return values

    overall = (None if grouping == "tag" else
               total_values(f"合计（{summary.overall.projects}个）", summary.overall))
    subtotals = {name: total_values(f"{group_name(grouping, name)}小计（{f.projects}个）", f)
                 for name, f in groups.items()}
    widths = [display_width(c.header) for c in columns]
    widths[0] = max(widths[0], len(str(len(listed))))  # 序号 1 … N
    for project_row in listed:
        for i, width_of in enumerate(project_row.widths[1:], 1):
            if width_of > widths[i]:
                widths[i] = width_of
    for i in amount_columns:  # a figure's width grows with its size, and with a minus
        shown = [f for row in listed if (f := row.figures[i]) is not None]
        if shown:
            widths[i] = max(widths[i], *(_width(f, columns[i]) for f in (min(shown), max(shown))))
    for values in ([overall] if overall else []) + list(subtotals.values()):
        for i in amount_columns:  # the label is merged over 序号 … 性质
            widths[i] = max(widths[i], _width(values[i], columns[i]))
    # a text wider than its column wraps; a figure does not, so its column is never capped
    final = [min(widths[i], _text_cap(c) or widths[i]) + 2 for i, c in enumerate(columns)]
    for i, width_of in enumerate(final):
        # the width the file stores, in characters; set_column would add Excel's padding
        ws.set_column_pixels(i, i, width_of * MAX_DIGIT_PIXELS)

    blank = [None] * (width - 1)
    unstyled = [style(None)] * (width - 1)
    out.row(0, cells([_title(summary), *blank], [formats.title, *unstyled]), height=30)
    _merge(ws, 0, 0, 0, last)
    out.row(1, cells([f"数据截至{chinese_date(summary.period.as_of)}", *blank[1:], "单位：万元"],
                     [*unstyled, formats.right]))

    upper, lower = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1
    spans: dict[str, list[int]] = {}
    for i, column in enumerate(columns):
        if column.group is None:
            _merge(ws, upper, i, lower, i)
        else:
            spans.setdefault(column.group, []).append(i)
    starts = {spanned[0]: group for group, spanned in spans.items()}
    out.row(upper, cells([c.header if c.group is None else starts.get(i)
                          for i, c in enumerate(columns)], [formats.header] * width))
    for spanned in spans.values():
        _merge(ws, upper, spanned[0], upper, spanned[-1])
    out.row(lower, cells([c.header if c.group else None for c in columns],
                         [formats.header] * width))

    row = lower

    def total_row(values: list[object]) -> None:
        nonlocal row
        row += 1
        out.row(row, cells([_cell(v) for v in values], total_formats))
        _merge(ws, row, 0, row, label_span - 1)

    if overall is not None:
        total_row(overall)
    number = 0
    for name in groups:
        total_row(subtotals[name])
        for project_row in members.get(name, ()):
            number += 1
            row += 1
            lines = project_row.lines  # a cell of several lines: a taller row
            styled = lit_formats.get(project_row.status.light or "", project_formats)
            if id(project_row) not in project_cells:  # the same cells on every sheet
                project_cells[id(project_row)] = cells(project_row.cells[1:], styled[1:])
            out.row(row, (*cells((number,), styled[:1]), *project_cells[id(project_row)]),
                    height=ROW_HEIGHT * lines if lines > 1 else None)

    row += 1  # a blank row, then the notes
    for note in _notes(summary, grouping):
        row += 1
        out.row(row, cells([note, *blank], [formats.note, *unstyled]),
                height=ROW_HEIGHT * _wrapped(_line_widths(note), sum(final)))
        _merge(ws, row, 0, row, last)
    name_column = next(i for i, c in enumerate(columns) if c.header == "项目名称")
    ws.freeze_panes(lower + 1, name_column + 1)
    ws.repeat_rows(upper, lower)
    landscape_pages(ws, sum(final))


# each printed page says its sheet and its number: a 调度表 of many pages is read loose
PAGE_FOOTER = "&L&A&C第 &P 页，共 &N 页"
A4_WIDE = 200  # characters of columns that an A4 landscape page prints at 70% or more


def landscape_pages(ws, width: int = 0) -> None:
    """Landscape, as wide as one page and as long as it takes: A4, or A3 for a sheet
    wider than ``A4_WIDE`` characters (the 21 columns of every project print on A4 at
    about 40%, too small to read; on A3 at about 60%, as offices print such lists)."""
    ws.set_landscape()
    ws.set_paper(8 if width > A4_WIDE else 9)  # A3, A4
    ws.fit_to_pages(1, 0)
    ws.set_footer(PAGE_FOOTER)


def text_lines(value: object, width: int) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide (1 for
    a cell without text)."""
    return _wrapped(_line_widths(value), width)


def _wrapped(line_widths: tuple[int, ...], width: int) -> int:
    """How many lines a text whose lines are ``line_widths`` wide takes in a column
    ``width`` characters wide, wrapped (1 for a cell without text)."""
    if len(line_widths) == 1 and line_widths[0] <= width:  # most cells: one short line
        return 1
    return sum(max(1, -(-w // max(width, 1))) for w in line_widths) or 1


def _line_widths(value: object) -> tuple[int, ...]:
    """The display width of each line of a text cell; () for any other cell."""
    if not isinstance(value, str) or not value:
        return ()
    return tuple(display_width(line) for line in value.split("\n"))


def _width(value: object, column: Field) -> int:
    """The characters a total's or a figure's ``value`` takes in its column, as its number
    format shows it (1,743,000.00, 138.0%); a text (— for no rate) its own width."""
    if value is None:
        return 0
    if isinstance(value, Decimal) and column.number_format == AMOUNT_FORMAT:
        return len(wan_column(value))
    if isinstance(value, Decimal) and column.number_format == RATE_FORMAT:
        return len(percent(value))
    return display_width(str(value))


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
