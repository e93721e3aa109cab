"""The sheet a county fills in for a month (填报表), written with XlsxWriter.

One workbook per county: the title, the instructions and the deadline on top; then a
row per project with its id, name, nature, total investment, annual plan and what it
reported last (上月累计), and the cells to fill: 1-N月完成投资, 形象进度, 存在问题 (last
month's open issues already listed, each with its 【key】 when it has one) and 问题类别.
Only those cells are unlocked; the sheet is protected (without a password, so an
office can lift it) and validates them: the amount a number ≥ what was reported last
and ≤ what is left of the total investment, the category one of the list.

The header has the texts and the two-row form of the 调度表 that ``export`` writes, so
``import progress --merge`` reads a filled sheet back into exactly the figures typed.
The same ledger, month and deadline give the same bytes. When the ledger tracks 到位资金
(projects with ``funding``, or entries with ``funding_secured``) the sheet asks for
本年累计到位资金 too, beside the 上月累计到位资金 it may not fall below.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from majorproj.excel.issues import join_issues, with_key
from majorproj.files import safe_name
from majorproj.ledger import vocab
from majorproj.ledger.models import Entry, Ledger, Project, dated_state, secured_total
from majorproj.periods import month_label
from majorproj.render.xlsx import ROW_HEIGHT, landscape_pages, text_lines

AMOUNT_FORMAT = "#,##0.00"
FILL_COLOUR = "#FFF2CC"  # the cells to fill, pale yellow
PRINT_MARGIN_IN = 0.3  # inches, left and right (Excel's default is 0.7)
FIRST_HEADER_ROW = 3  # 0-based: title, instructions, county line, then the header
MONEY = "投资情况（万元）"
FUNDING = "本年累计到位资金"
NOTE_LINE = 19  # points a line of the instructions takes (CJK lines run taller)



@dataclass(frozen=True)
class SheetRow:
    """A project's row of a county's fill-in sheet, with last month's figures beside it."""

    project: Project
    last: Decimal  # 上月累计: the latest cumulative reported before the month (0 if none)
    issues: str  # last month's open issues, as the 存在问题 cell starts
    last_funding: Decimal = Decimal(0)  # the latest 本年累计到位资金 reported before


def deadline_of(ledger: Ledger, month: int) -> date:
    """报送截止: the configured day of the month after ``month``."""
    year = ledger.config.year
    year, after = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, after, ledger.config.monthly.deadline_day)


def file_name(county: str, year: int, month: int, reminder: bool = False) -> str:
    """东湖区2024年7月重点项目填报表.xlsx (催报 for a reminder)."""
    kind = "催报表" if reminder else "填报表"
    return safe_name(f"{county}{year}年{month}月重点项目{kind}") + ".xlsx"


def sheet_rows(ledger: Ledger, month: int, projects: list[Project],
               previous: dict[str, Entry], issues_of: dict[str, Entry]) -> list[SheetRow]:
    """A row a project: its latest figures before ``month`` (``previous``) and the open
    issues of ``issues_of`` (``reporting.issues_before``: last year's for a project not
    yet reported this year)."""
    funds: dict[str, list[Entry]] = {}  # entries giving funds, newest first
    for m in sorted((m for m in ledger.progress if m < month), reverse=True):
        for pid, given in ledger.progress[m].entries.items():
            if given.funding or given.funding_secured is not None:
                funds.setdefault(pid, []).append(given)
    rows = []
    for project in projects:
        entry = previous.get(project.id)
        listed = issues_of.get(project.id)
        open_issues = [with_key(i.key, i.text) for i in listed.issues if not i.closed] \
            if listed else []
        named = funds.get(project.id, ())  # 上月累计到位资金: as the report counts it
        funding = secured_total(dated_state(project, named)[0], named)
        rows.append(SheetRow(project, entry.completed_ytd if entry else Decimal(0),
                             join_issues(open_issues) if open_issues else "", funding))
    return rows


def filled_in(path: Path) -> bool:
    """Whether the workbook at ``path`` is a fill-in sheet that holds figures: one a county
    filled and sent back, which a new sheet of the same name must not replace. A file that
    cannot be read as one is not (it is replaced, as any earlier output is)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook openpyxl reads: nothing of a county's to keep
        return False
    try:
        if "填报表" not in book.sheetnames:
            return False
        rows = book["填报表"].iter_rows(min_row=FIRST_HEADER_ROW + 1, values_only=True)
        column = None
        for row in rows:
            if column is None:  # the header's 1-N月完成投资, in one of its two rows
                column = next((i for i, v in enumerate(row)
                               if isinstance(v, str) and v.endswith("月完成投资")), None)
            elif column < len(row) and isinstance(row[column], (int, float)) \
                    and not isinstance(row[column], bool):
                return True
        return False
    finally:
        book.close()


def tracks_funding(ledger: Ledger) -> bool:
    """Whether the ledger tracks 到位资金: projects with funding, or entries with it."""
    return any(p.funding for p in ledger.projects) or any(
        e.funding_secured is not None for r in ledger.progress.values()
        for e in r.entries.values())


def reported_before(ledger: Ledger, month: int) -> int | None:
    """The latest month before ``month`` with a progress report, whose cumulative figures
    the sheet shows as 上月累计 (None: none before it)."""
    return max((m for m in ledger.progress if m < month), default=None)


def fill_in_workbook(ledger: Ledger, county: str, month: int, rows: list[SheetRow],
                     deadline: date, reminder: bool = False) -> bytes:
    """The county's workbook for ``month`` (1–12 of the ledger's year)."""
    import xlsxwriter

    config = ledger.config
    year = config.year
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    kind = "催报表" if reminder else "填报表"
    title = f"{config.city}{year}年{month}月重点项目调度{kind}（{county}）"
    book.set_properties({"title": title, "author": config.organ, "company": config.organ,
                         "created": datetime(year, month, 1)})
    f = _formats(book)
    ws = book.add_worksheet("填报表")
    done = f"{month_label(month)}完成投资"
    # widths (characters) that print on one A4 page across at about 80% with funds, 90%
    # without (PRINT_MARGIN_IN): names and texts wrap in their two lines, 13 holds
    # 9,999,999.99 万元
    columns = [  # header, group, width, format of the rows, to be filled
        ("序号", None, 5, f["text"], False),
        ("项目编号", None, 10, f["text"], False),
        ("项目名称", None, 24, f["long"], False),
        ("性质", None, 6, f["text"], False),
        ("总投资", MONEY, 13, f["amount"], False),
        ("本年计划投资", MONEY, 13, f["amount"], False),
    ]
    before = month_label(reported_before(ledger, month) or month - 1) if month > 1 else ""
    if before:  # the months the figures are of: 1-6月 when July was never reported
        columns.append((f"上月累计（{before}）", MONEY, 13, f["amount"], False))
    columns.append((done, MONEY, 13, f["fill_amount"], True))
    funding = tracks_funding(ledger)
    if funding:
        if before:  # the floor of the figure to fill, shown beside it
            columns.append((f"上月累计到位资金\n（{before}）", None, 13, f["amount"], False))
        columns.append((FUNDING, None, 13, f["fill_amount"], True))
    columns += [
        ("形象进度", None, 22, f["fill"], True),
        ("存在问题", None, 30, f["fill"], True),
        ("问题类别", None, 9, f["fill"], True),
    ]
    last_column = len(columns) - 1
    ws.merge_range(0, 0, 0, last_column, title, f["title"])
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last_column, _instructions(month, deadline, reminder, funding),
                   f["notes"])
    ws.set_row(1, 6 * NOTE_LINE)
    ws.merge_range(2, 0, 2, 3, f"填报单位：{county}", f["plain"])
    ws.merge_range(2, 4, 2, last_column - 1,
                   f"报送截止：{deadline.year}年{deadline.month}月{deadline.day}日", f["plain"])
    ws.write_string(2, last_column, "单位：万元", f["right"])

    upper, lower = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1
    grouped = [i for i, c in enumerate(columns) if c[1]]
    # the lower header row as tall as its longest header wrapped (上月累计（1-6月）), and
    # the headers over both rows, less the group's line above
    lines = [text_lines(c[0], c[2] - 1) - (0 if c[1] else 1) for c in columns]
    ws.set_row(lower, max(1, *lines) * ROW_HEIGHT)
    ws.merge_range(upper, grouped[0], upper, grouped[-1], MONEY, f["header"])
    for i, (header, group, width, _, _) in enumerate(columns):
        ws.set_column(i, i, width)
        if group:
            ws.write_string(lower, i, header, f["header"])
        else:
            ws.merge_range(upper, i, lower, i, header, f["header"])

    amount_column = next(i for i, c in enumerate(columns) if c[0] == done)
    name_width, issues_width = (next(c[2] for c in columns if c[0] == h)
                                for h in ("项目名称", "存在问题"))
    funding_column = next((i for i, c in enumerate(columns) if c[0] == FUNDING), None)
    category_column = last_column
    categories = list(vocab.ISSUE_CATEGORIES.values())
    for n, row in enumerate(rows, 1):
        r = lower + n
        p = row.project
        # room to write in: two lines, or as many as the name or last month's issues take
        ws.set_row(r, max(2, text_lines(p.name, name_width - 1),
                          text_lines(row.issues, issues_width - 1)) * ROW_HEIGHT)
        values: list[object] = [n, p.id, p.name, vocab.NATURES[p.nature], p.total_investment,
                                p.annual_plan]
        if before:
            values.append(row.last)
        values.append(None)
        if funding:
            values += [row.last_funding, None] if before else [None]
        values += [None, row.issues, None]
        for i, value in enumerate(values):
            style = columns[i][3]
            if isinstance(value, Decimal):
                ws.write_number(r, i, float(value), style)
            elif isinstance(value, int):
                ws.write_number(r, i, value, style)
            elif value:
                ws.write_string(r, i, value, style)
            else:
                ws.write_blank(r, i, None, style)
        cap = p.total_investment - p.completed_before
        ws.data_validation(r, amount_column, r, amount_column,
                           _amount_rule(done, row.last, cap, "总投资减去至上年底累计完成投资后的"))
        if funding_column is not None:
            ws.data_validation(r, funding_column, r, funding_column,
                               _amount_rule(FUNDING, row.last_funding, p.total_investment,
                                            "总投资"))
        ws.data_validation(r, category_column, r, category_column, {
            "validate": "list", "source": categories, "ignore_blank": True,
            "error_title": "问题类别", "error_message": "请从下拉列表中选择问题类别。"})
    ws.freeze_panes(lower + 1, 3)
    ws.repeat_rows(upper, lower)
    landscape_pages(ws)  # A4, as the 调度表's sheets print, its footer too
    ws.set_margins(left=PRINT_MARGIN_IN, right=PRINT_MARGIN_IN)  # the width for the figures
    ws.protect("", {"format_columns": True, "format_rows": True,
                    "select_locked_cells": True, "select_unlocked_cells": True})
    book.close()
    return buffer.getvalue()


def _amount_rule(header: str, floor: Decimal, cap: Decimal, cap_words: str) -> dict:
    """A number ≥ the last cumulative and ≤ ``cap`` (what ``cap_words`` say it is)."""
    words = f"{header}为本年1月1日起的累计数（万元），不得小于上月累计{_plain(floor)}"
    rule: dict = {"validate": "decimal", "ignore_blank": True, "input_title": header,
                  "error_title": header}
    if cap >= floor:
        rule |= {"criteria": "between", "minimum": float(floor), "maximum": float(cap)}
        words += f"，不得大于{cap_words}{_plain(cap)}"
    else:  # the ledger's own amounts disagree: only the floor can be asked for
        rule |= {"criteria": ">=", "value": float(floor)}
    rule["input_message"] = _clip(words + "。")
    rule["error_message"] = _clip(words + "。请核对后重新填写。")
    return rule


def _plain(value: Decimal) -> str:
    from majorproj.render.numbers import plain

    return plain(value)


def _clip(text: str) -> str:
    """Excel holds at most 255 characters in a validation's message."""
    return text if len(text) <= 255 else text[:254] + "…"


def _instructions(month: int, deadline: date, reminder: bool, funding: bool) -> str:
    first = "本表为催报表，所列项目尚未报送本月调度数据，请尽快填报。" if reminder else ""
    return "\n".join((
        f"填报说明：{first}",
        "1.只填写浅黄色单元格，其余单元格已锁定，请勿增删行列、修改表头。",
        f"2.{month_label(month)}完成投资{'和本年累计到位资金' if funding else ''}填本年1月1日起"
        "的累计数（万元），不小于上月累计；完成投资不大于总投资减去至上年底累计完成投资，"
        "本月确无投资的填0，不得空白。",
        "3.形象进度填写截至本月底的工程实际进展。",
        "4.存在问题每条一行；已列出的问题仍未解决的保留（有【编号】的连同编号），已解决的删去；"
        "问题类别从下拉列表中选择。",
        f"5.请于{deadline.year}年{deadline.month}月{deadline.day}日前报送。",
    ))


def _formats(book) -> dict:
    border = {"border": 1, "valign": "vcenter", "text_wrap": True}
    fill = {"locked": False, "bg_color": FILL_COLOUR}
    return {
        "title": book.add_format({"bold": True, "font_size": 16, "align": "center",
                                  "valign": "vcenter"}),
        "notes": book.add_format({"text_wrap": True, "valign": "top", "align": "left"}),
        "plain": book.add_format({"valign": "vcenter"}),
        "right": book.add_format({"align": "right", "valign": "vcenter"}),
        "header": book.add_format({**border, "bold": True, "align": "center",
                                   "bg_color": "#D9D9D9"}),
        "text": book.add_format({**border, "align": "center"}),
        "long": book.add_format({**border, "align": "left"}),
        "amount": book.add_format({**border, "num_format": AMOUNT_FORMAT}),
        "fill_amount": book.add_format({**border, **fill, "num_format": AMOUNT_FORMAT}),
        "fill": book.add_format({**border, **fill, "align": "left"}),
    }


def fill_in_sheets(ledger: Ledger, month: int, counties: list[str],
                   only: dict[str, tuple[str, ...]] | None = None
                   ) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each county's sheet for ``month``, in the config's order.

    ``only`` (county → project ids) makes reminder sheets (催报表) of those projects.
    Counties without projects get no sheet.
    """
    from majorproj.metrics.reporting import issues_before

    previous = ledger.entries_before(month)
    issues_of = issues_before(ledger, month)
    deadline = deadline_of(ledger, month)
    year = ledger.config.year
    sheets = []
    for county in counties:
        projects = [p for p in ledger.projects if p.county == county
                    and (only is None or p.id in only.get(county, ()))]
        if not projects:
            continue
        rows = sheet_rows(ledger, month, projects, previous, issues_of)
        sheets.append((file_name(county, year, month, only is not None),
                       fill_in_workbook(ledger, county, month, rows, deadline, only is not None)))
    return sheets
