"""A county's dispatch sheets (调度表) → one month's progress/YYYY-MM.yaml.

``read_progress`` reads the workbook's sheets (every visible one with a dispatch header,
or those named), matches each row to a project, parses its amount and issues, checks
the month against the months before and after it (as ``check`` does) and the sheet
against itself (合计/小计, the same figures as last month), and works out what the
month's file becomes and how it differs from the file already there. It writes
nothing; ``write_progress`` does, once the caller has decided (no errors; an existing
month only with --force).

A row whose 备注 says 未报送 (as the export writes for a project that did not report) is
not an entry of the month: the project stays not reported. Rows below the data that
hold no amount and name no project are notes (制表：…, 审核：…, a date).

Issues keep what the office added by hand. An issue is the same issue when it has the
same key (a fill-in sheet lists it as 【DH-001-1】text) or, without one, the same text.
One already in this month's file keeps everything (category, unit, 督办 fields,
``resolved``) and takes the sheet's text; one reported in an earlier month keeps its
key, category, units, deadline and status and is open again. A closed issue of this
month, and an open 督办事项 (with a deadline or status) of this month or the month
before, that the sheet no longer lists stay as they are: the office closes 督办, not a
county's sheet. Everything else is new and open, its category from the sheet's 问题类别
column or else guessed from keywords (``issues.category_of``); the office gives a key
to an issue it hands over (交办), with its unit and deadline, in the month's file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from pathlib import Path

from majorproj.excel.amounts import AmountError, parse_amount, to_ledger_places
from majorproj.excel.columns import (
    CHARTS_SHEET,
    COMPLETED_BEFORE,
    MONTH_RANGE,
    PROGRESS_SPECS,
    months_in_header,
    months_in_title,
    title_of_another_year,
    years_in_header,
)
from majorproj.excel.issues import (
    category_of,
    join_issues,
    resolved_mark,
    split_issues,
    split_key,
)
from majorproj.excel.match import NoMatch, ProjectIndex, county_of_sheet
from majorproj.excel.sheet import (
    UNITS,
    Book,
    Hints,
    Row,
    RowCounter,
    Table,
    header_key,
    read_file,
)
from majorproj.excel.text import clean_text, squeeze
from majorproj.excel.totals import total_problems
from majorproj.ledger import rules, vocab
from majorproj.ledger.fields import ValidationError
from majorproj.ledger.models import Entry, Issue, Ledger, Progress, Project
from majorproj.ledger.problems import Problem
from majorproj.ledger.writing import write_files
from majorproj.ledger.yamlwrite import comment, head_comments, progress_yaml
from majorproj.metrics.reporting import issues_before
from majorproj.periods import Month, PeriodError, parse_period

REQUIRED = (("id", "code", "name"), ("completed_ytd",))
# 未报送 as a remark of its own (the export's 未报送，沿用此前填报数据; 本月未报送), not one
# that says it was made good (上月未报送，本月已补报)
_NOT_REPORTED = re.compile(r"^(?:本月|尚|仍)?未报送(?:[,，。.]|沿用|$)")
RAISED_TIMES = rules.UNIT_SLIP  # amounts this many times the total investment: 元, not 万元


def says_not_reported(remark: str) -> bool:
    """Whether a row's 备注 says the project did not report this month: one of its parts
    (split at ；) is 未报送, as the export writes it."""
    return any(_NOT_REPORTED.match(squeeze(part)) for part in re.split(r"[；;]", remark))


@dataclass(frozen=True)
class Change:
    """A project's entry for the month as the ledger has it and as the sheet gives it."""

    pid: str
    name: str
    old: Entry | None
    new: Entry | None


@dataclass(frozen=True)
class Changes:
    """How the month's file changes: projects added and removed, amounts changed, and
    entries whose 形象进度 or issues alone changed."""

    added: tuple[Change, ...] = ()
    removed: tuple[Change, ...] = ()
    amounts: tuple[Change, ...] = ()
    texts: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.amounts or self.texts)


@dataclass(frozen=True)
class SheetRead:
    """What one sheet gave: its table, its entries by project id (with their rows), and
    the rows that were not entries (notes below the data, 未报送 rows) by kind."""

    table: Table
    entries: dict[str, tuple[Row, Entry]]
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class ProgressImport:
    """A month's sheets read against the ledger: what is written, and every problem."""

    month: str  # YYYY-MM
    sheets: tuple[SheetRead, ...]  # the sheets read, in workbook order
    not_read: tuple[tuple[str, str], ...]  # (sheet, why)
    imported: dict[str, Entry]  # the sheets' entries by project id, in ledger order
    problems: tuple[Problem, ...]
    path: Path  # progress/YYYY-MM.yaml
    existing: Progress | None  # the month's file as it is, if there is one
    entries: dict[str, Entry]  # what the month's file will hold
    changes: Changes  # against ``existing`` (everything added when there is none)

    @property
    def file(self) -> str:
        return self.sheets[0].table.file

    @property
    def overwrites(self) -> bool:
        """Whether writing would replace or change what the month's file already holds."""
        return self.existing is not None and bool(self.changes.removed or self.changes.amounts
                                                  or self.changes.texts)


_BARE_MONTH = re.compile(r"\s*(\d{1,2})\s*月?\s*")


_YEAR_AND_MONTH = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月份?")


def parse_month(text: str, year: int) -> str:
    """The month ``text`` names (2024-06, 2024M06, 2024年6月, or 6 and 6月 of the ledger's
    year) as YYYY-MM, in the ledger's year, or PeriodError saying what to write."""
    forms = f"write e.g. {year}-06, {year}M06 or 6 (June of {year})"
    said = _YEAR_AND_MONTH.fullmatch(text.strip())  # 2024年6月, as offices write it
    bare = _BARE_MONTH.fullmatch(text)
    if bare:
        if not 1 <= int(bare[1]) <= 12:
            raise PeriodError(f"'{text}' is not a month (1–12); {forms}")
        return f"{year}-{int(bare[1]):02d}"
    try:
        period = parse_period(f"{said[1]}-{int(said[2]):02d}" if said else text)
    except PeriodError:
        raise PeriodError(f"'{text}' is not a period of a month; {forms}") from None
    if period.year != year:
        raise PeriodError(f"'{text}' is outside the ledger's year {year}; {forms}")
    if "M" not in period.label:
        raise PeriodError(f"'{text}' is not a month; {forms}")
    return str(period.as_of_month)


def read_sheets(path: Path, year: int, month: str, *, sheets: Sequence[str] = (),
                columns: Sequence[str] = (), on_row: RowCounter | None = None) -> Book:
    """The dispatch sheets at ``path`` for ``month`` (YYYY-MM) of ``year``, as read before
    any project is matched (which needs the ledger); ExcelError if unusable.

    ``sheets`` names the sheets to read (default: every visible sheet with a dispatch
    header); ``columns`` chooses among columns that could each be 1-N月完成投资
    (a letter, Sheet!F, or the header as printed)."""
    hints = Hints(Month.parse(month).number, year, tuple(columns))
    book = read_file(path, sheets, PROGRESS_SPECS, REQUIRED, hints, on_row)
    book.check_named(columns)
    return book


def read_progress(path: Path, ledger: Ledger, month: str, *, sheets: Sequence[str] = (),
                  columns: Sequence[str] = (), merge: bool = False,
                  on_row: RowCounter | None = None, book: Book | None = None
                  ) -> ProgressImport:
    """Read the dispatch sheets at ``path`` for ``month`` (YYYY-MM); ExcelError if unusable.

    ``sheets`` and ``columns`` as ``read_sheets`` takes them; ``book``, what
    ``read_sheets`` gave for them if it was called already (ahead, while the ledger was
    read)."""
    number = Month.parse(month).number
    if book is None:
        book = read_sheets(path, ledger.config.year, month, sheets=sheets, columns=columns,
                           on_row=on_row)
    existing = ledger.progress.get(number)
    problems: list[Problem] = []
    read: list[SheetRead] = []
    charts = [(sheet, "the export's charts") for sheet, _ in book.not_read
              if sheet == CHARTS_SHEET]
    not_read = [n for n in book.not_read if n[0] != CHARTS_SHEET]
    first: dict[str, tuple[Table, Row]] = {}  # project id → where it was read first
    index = ProjectIndex.of(ledger.projects)
    read_rows: dict[tuple, str] = {}  # a row's figures and names → the project it gave
    # a workbook of a sheet a month (6月, 7月) read whole: the sheets of other months than
    # --month are left, said so, when another sheet is of --month
    months = {table.sheet: _header_months(table, ledger.config.year, number)
              for table in book.tables} if len(book.tables) > 1 and not sheets else {}
    of_the_month = any(not found for found in months.values())
    for table in book.tables:
        if of_the_month and (other := months[table.sheet]):
            not_read.append((table.sheet, other[0].message))
            continue
        if (again := _repeated(table, index, read_rows, ledger)) is not None:
            not_read.append((table.sheet, f"the same projects and figures as "
                             f"{first[again][0].sheet}, grouped otherwise"))
            continue
        found, sheet_problems = _entries(table, ledger, index, number)
        if found.entries and first and all(
                pid in first and _entry_read(read, pid) == entry
                for pid, (_, entry) in found.entries.items()):
            not_read.append((table.sheet, f"the same projects and figures as "
                             f"{first[next(iter(found.entries))][0].sheet}, grouped otherwise"))
            continue
        problems += sheet_problems
        for pid, (row, _) in list(found.entries.items()):
            if pid in first:
                where, at = first[pid]
                problems.append(table.problem(
                    row, "E507", f"{pid} is on two sheets: {where.sheet}!R{at.number} and "
                    f"{table.sheet}!R{row.number}", "keep the project on one sheet, or import "
                    "one of the sheets alone"))
                del found.entries[pid]
            else:
                first[pid] = (table, row)
                read_rows[_row_key(table, row, ledger)] = pid
        read.append(found)
    imported = {pid: entry for s in read for pid, (_, entry) in s.entries.items()}
    problems += _same_as_before(read, imported, ledger, number)
    ordered = {p.id: imported[p.id] for p in ledger.projects if p.id in imported}
    old = dict(existing.entries) if existing else {}
    if merge:
        new = {p.id: ordered.get(p.id) or old[p.id] for p in ledger.projects
               if p.id in ordered or p.id in old}
    else:
        new = ordered
    if not read:
        read = [SheetRead(book.tables[0], {})]
    if not imported and not any(p.severity == "error" for p in problems):
        problems.append(read[0].table.problem(
            None, "E510", "no row names a project with an amount; nothing to import",
            "is it the right sheet? another can be chosen"))
    return ProgressImport(month, tuple(read), tuple(not_read + charts), ordered, tuple(problems),
                          _month_file(ledger, month), existing, new,
                          diff(old, new, ledger.projects))


def _row_key(table: Table, row: Row, ledger: Ledger) -> tuple:
    """What ``_entries`` makes an entry of: the row's cells read (value and type), by
    column and with the amounts' units, and the county a sheet without the column stands
    for; its 序号 aside, which gives the entry nothing."""
    county = None if "county" in table.columns else \
        county_of_sheet(table.sheet, ledger.config.counties)
    return (county, *((key, column.scale, type(value), value)
                      for key, column in sorted(table.columns.items()) if key != "seq"
                      for value in (table.value(row, key),)))


def _repeated(table: Table, index: ProjectIndex, read_rows: dict[tuple, str],
              ledger: Ledger) -> str | None:
    """The project of the first row when every row of ``table`` is one that gave an entry
    on a sheet read before, cell for cell (the export's sheets by level, sector and
    专项 repeat its first): ``_entries`` would give the same entries, so the sheet is not
    read again. None when a row is new, or a 序号 holds an Excel error (E504)."""
    from majorproj.excel.amounts import EXCEL_ERRORS

    if not read_rows or table.blocked:
        return None
    pids = []
    for row in _rows(table, index, SheetRead(table, {})):
        pid = read_rows.get(_row_key(table, row, ledger))
        if pid is None or EXCEL_ERRORS.match(squeeze(table.text(row, "seq")).upper()):
            return None
        pids.append(pid)
    return pids[0] if pids else None


def _entry_read(read: list[SheetRead], pid: str) -> Entry | None:
    return next((s.entries[pid][1] for s in read if pid in s.entries), None)


def _month_file(ledger: Ledger, month: str) -> Path:
    """progress/YYYY-MM.yaml, or the .yml file the ledger already has for the month."""
    folder = ledger.root / "progress"
    other = folder / f"{month}.yml"
    return other if other.is_file() else folder / f"{month}.yaml"


def write_progress(result: ProgressImport, root: Path) -> Path:
    """Write the month's file into the ledger at ``root`` (OutputError if it cannot be)."""
    month = Month.parse(result.month)
    default = [comment(f"{month.chinese}调度：本年{month.cumulative}累计完成投资（万元），"
                       f"由 majorproj import progress 从 {result.file} 导入")]
    head = _provenance(head_comments(result.path, default), default[0],
                       merged=any(pid not in result.imported for pid in result.entries))
    text = progress_yaml(result.month, result.entries, head)
    write_files(root, {result.path: text.encode("utf-8")})
    return result.path


_OURS = "由 majorproj import progress 从 "


def _provenance(head: list[str], line: str, merged: bool) -> list[str]:
    """The file's top comments with the line saying where its figures came from made
    true: the sheet imported instead of the one before (``merged``: besides it)."""
    ours = [i for i, old in enumerate(head) if _OURS in old]
    if not ours:
        return head
    if merged:
        return head if line in head else [*head[:ours[-1] + 1], line, *head[ours[-1] + 1:]]
    return [*head[:ours[0]], line, *(old for old in head[ours[0] + 1:] if _OURS not in old)]


def _header_months(table: Table, year: int, month: int) -> list[Problem]:
    """E502 when the 1-N月 column's header names another month or another year."""
    column = table.columns["completed_ytd"]
    key = header_key(column.header)
    months = months_in_header(key)
    other = [y for y in years_in_header(key) if y != year]
    where = f"the column {table.cell('completed_ytd')} '{column.header}'"
    if other:
        return [table.problem(
            table.header_rows[1], "E502", f"{where} holds {other[0]}年's figures, but the "
            f"ledger is of {year}", "import the sheet into that year's ledger, or correct "
            "the header")]
    if (of_another_year := title_of_another_year(table, year)) is not None:
        return [of_another_year]
    row, title = table.title
    if months is None and (said := months_in_title(title)) not in (None, month):
        return [table.problem(
            row, "E502", f"the sheet's title '{title}' "
            f"speaks of 1-{said}月 and {where} names no month, but the sheet is imported "
            f"as month {month}", f"import it as month {said}, or correct the title")]
    if months is None or months == month:
        return []
    return [table.problem(
        table.header_rows[1], "E502", f"{where} holds 1-{months}月, but the sheet is "
        f"imported as month {month}", f"import it as month {months}, or correct the header")]


# a cumulative header that says nothing of this year (累计完成投资), beside a column of the
# sum to last year's end (至上年底累计完成投资, as the project list reads it): then 累计 is
# most often since the start
# what says a 累计 is this year's: 本年累计, 年初至今, 1-7月累计, 上半年累计 …; a date alone
# (截至7月底累计, 累计（截至2024年7月底）) does not: beside 至2023年底累计 it is since the start
_THIS_YEAR = re.compile(rf"本年|今年|年初|当年|{MONTH_RANGE}|一季度|上半年|前三季度")


def _since_the_start(table: Table, month: int) -> list[Problem]:
    """E501 when the amount read is a 累计 that does not say it is this year's (累计完成投资,
    截至7月底累计完成投资) beside a 至上年底累计完成投资 column: it may be the sum since
    construction began (至上年底 + this year's), not this year's."""
    column = table.columns["completed_ytd"]
    said = header_key(column.header)
    before = [(letter, header) for letter, header in table.unread
              if COMPLETED_BEFORE.matches(header_key(header))]
    if "累计" not in said or _THIS_YEAR.search(said) or not before:
        return []
    letter, header = before[0]
    return [table.problem(
        table.header_rows[1], "E501", f"the column {table.cell('completed_ytd')} "
        f"'{column.header}' could be this year's or the sum since construction began: "
        f"beside {table.sheet}!{letter} '{header}', 累计 is most often {header} plus this "
        "year's", f"rename the header 本年累计完成投资 (or 1-{month}月完成投资) if it "
        "is this year's; if it is since the start, add a column of this year's (累计 less "
        "至上年底) and import that")]


def _entries(table: Table, ledger: Ledger, index: ProjectIndex, month: int
             ) -> tuple[SheetRead, list[Problem]]:
    """The sheet's entries and its problems (the sheet's own, then row by row)."""
    problems = list(table.problems) + table.cut_problems()
    read = SheetRead(table, {})
    if table.blocked:
        return read, problems
    problems += _header_months(table, ledger.config.year, month) + _since_the_start(table, month)
    counties = {squeeze(c) for c in ledger.config.counties}
    earlier = [ledger.progress[m] for m in sorted(ledger.progress, reverse=True) if m < month]
    # a project's issues run on from last year's ledger until it reports this year
    issues_of = issues_before(ledger, month)
    current = ledger.progress.get(month)
    column = table.columns["completed_ytd"]
    header = column.header.replace("\n", "")
    raised = []  # rows whose amount is far above the project's total investment
    sheet_county = county_of_sheet(table.sheet, ledger.config.counties)
    # the county the sheet says it is of: by its name, else its title (…填报表（东湖区）)
    own = sheet_county or county_of_sheet(table.title[1], ledger.config.counties)
    others: list[str] = []  # this sheet's projects of another county than ``own``
    funding_columns = any(key.startswith("funding.") for key in table.columns)
    for row in _rows(table, index, read):
        if broken := table.error_values(row):
            problems.append(broken)
            continue
        ident = {k: clean_text(table.value(row, k), one_line=True)
                 for k in ("id", "code", "name", "county")}
        stated_county = ident["county"]
        if "county" not in table.columns:
            ident["county"] = own  # a sheet per county tells apart equal names
        if not (ident["id"] or ident["code"]) and squeeze(ident["name"]).rstrip(":：") in counties:
            read.skipped["heading"] += 1  # a county's heading row: 东湖区 with its subtotal
            continue
        try:
            project = index.match(**ident)
        except NoMatch as exc:
            if row.trailing and not (ident["id"] or ident["code"]) and table.note_shaped(row):
                read.skipped["notes"] += 1  # 制表：…, 审核：…, a date under the table
            else:
                problems.append(table.problem(
                    row, "E506", str(exc), "a project new to the ledger is added first (import "
                    "projects, or projects/*.yaml); else correct the row or delete it"
                    if exc.unknown else ""))
            continue
        if project.id in read.entries:
            problems.append(table.problem(
                row, "E507", f"a second row for {project.id} '{project.name}' (first at "
                f"R{read.entries[project.id][0].number})", "keep one of them"))
            continue
        if stated_county and squeeze(stated_county) != squeeze(project.county) \
                and squeeze(stated_county) in counties:
            problems.append(table.problem(row, "W505", f"the row says {stated_county}, but "
                                          f"{project.id} is a project of {project.county}"))
        code = squeeze(ident["code"])
        if ident["id"] and code and project.code and code != project.code:
            # (a code of another project would have stopped the row: E506)
            problems.append(table.problem(
                row, "W509", f"the row's 项目代码 {code} is not that of {project.id} "
                f"'{project.name}' ({project.code}); the row is read as {project.id}, by its "
                "项目编号", "correct the sheet's 项目代码, or its 项目编号 if the row is "
                "another project's"))
        if says_not_reported(table.text(row, "remark")):
            read.skipped["not reported"] += 1  # the export's 未报送: the figure is carried
            continue
        amount, failed = _amount(table, row, "completed_ytd", project.id, problems)
        funding, funding_failed = _amount(table, row, "funding_secured", project.id, problems)
        if failed or funding_failed:
            continue
        if amount is None:
            problems.append(table.problem(
                row, "W501", f"{project.id} has no {header}; it is left out and counts as "
                "not reported (未报送)", "write 0 if nothing was invested"))
            continue
        if amount > project.total_investment * RAISED_TIMES:
            raised.append(row)
        old = current.entries.get(project.id) if current else None
        if "funding_secured" not in table.columns and old is not None:
            funding = old.funding_secured  # a sheet without the column keeps what is there
        # likewise the funds by source, and the procedures no sheet carries (the office's)
        by_source = (_funding(table, row, project.id, problems) if funding_columns
                     else old.funding if old is not None else {})
        category = _category(table, row, problems)
        before = [r.entries[project.id] for r in earlier if project.id in r.entries] or [
            e for e in (issues_of.get(project.id),) if e is not None]
        try:  # the cell's text cleaned of what a ledger cannot hold (pasted from Word)
            issues, solved = _issues(clean_text(table.value(row, "issues")), old, before,
                                     category)
        except ValidationError as exc:  # a problem's text longer than the ledger keeps
            for item in exc.errors(include_url=False):
                said = (f"a problem of {len(item['input'])} characters, more than the "
                        f"{item['ctx']['max_length']} the ledger keeps for one"
                        if item["type"] == "string_too_long" else item["msg"])
                problems.append(table.problem(
                    row, "E505", f"{table.cell('issues')} 存在问题 of {project.id}: {said}",
                    "shorten it, or write it as several problems (1.… 2.…)", column="issues"))
            continue
        for issue in solved:
            problems.append(table.problem(
                row, "W511", f"{project.id}: the sheet says 督办事项 {issue.key or issue.text} "
                f"'{issue.text}' is solved; it stays open until the office closes it",
                "to close it, set its status: done in "
                f"progress/{ledger.config.year}-{month:02d}.yaml"))
        try:
            entry = Entry(completed_ytd=amount,
                          progress=clean_text(table.value(row, "progress")) or None,
                          issues=tuple(issues), funding_secured=funding, funding=by_source,
                          procedures=old.procedures if old is not None else {})
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                problems.append(table.problem(row, "E505", f"{project.id}: "
                                              f"{'.'.join(map(str, item['loc']))} {item['msg']}"))
            continue
        problems += _month_problems(table, row, ledger, month, project, entry)
        read.entries[project.id] = (row, entry)
        if own and squeeze(project.county) != squeeze(own):
            others.append(project.id)
    if others:
        where = f"its name {table.sheet}" if sheet_county else f"its title '{table.title[1]}'"
        problems.append(table.problem(
            table.header_rows[0], "W514", f"the sheet is {own}'s by {where}, but {len(others)} "
            f"of its projects are of other counties: {', '.join(others[:5])}"
            + (" …" if len(others) > 5 else ""), "check that the right county's sheet was sent; "
            "the figures are imported for the projects the rows name"))
    # a 0 is 0 in any unit: half of the projects that invested anything decides
    invested = sum(1 for _, entry in read.entries.values() if entry.completed_ytd)
    if raised and 2 * len(raised) >= invested:
        unit = column.unit or table.unit_note
        said = f"the sheet says {unit}" if unit else "the sheet names no unit"
        problems.append(table.problem(
            table.header_rows[1], "E508", f"{header} of {len(raised)} of the "
            f"{invested} projects with an amount is more than {RAISED_TIMES} times their total "
            f"investment, and {said}: the figures look like 元, or another unit than the "
            "sheet's", "write the unit in the header (1-6月完成投资（元）) or a 单位：元 line "
            "above the table, or convert the figures to 万元", column="completed_ytd"))
        # the sheet's unit said once, not again at each row as check's E306 says it
        problems = [p for p in problems if p.code != "E306"]
    problems += total_problems(table, counties)
    return read, problems


def _rows(table: Table, index: ProjectIndex, read: SheetRead) -> list[Row]:
    """The data rows, and the rows that look like a group heading or a 其中 part but are a
    project by name (泵站建设（共12个）: a project, not a heading with its count; 其中：老旧
    小区改造项目, a project of the ledger listed under a bundle)."""
    named = [line for line in table.lines if line.kind in ("heading", "part")
             and index.named(table.text(line.row, "name"))]
    if not named:
        return list(table.rows)
    read.skipped.subtract(Counter(line.kind for line in named if line.kind))
    return sorted([*table.rows, *(line.row for line in named)], key=lambda row: row.number)


def _same_as_before(read: list[SheetRead], imported: dict[str, Entry], ledger: Ledger,
                    month: int) -> list[Problem]:
    """W504 when every figure equals the month before's: most likely last month's sheet."""
    before = [m for m in ledger.progress if m < month]
    if not before or len(imported) < 2:
        return []
    previous = ledger.progress[max(before)]
    if not all(pid in previous.entries
               and previous.entries[pid].completed_ytd == entry.completed_ytd
               for pid, entry in imported.items()):
        return []
    if not any(entry.completed_ytd for entry in imported.values()):
        return []
    return [read[0].table.problem(
        None, "W504", f"every one of the {len(imported)} figures equals {previous.month}'s: "
        "is it last month's sheet sent again?", "ask the county for this month's sheet; "
        "import it anyway if nothing was invested")]


def _funding(table: Table, row: Row, pid: str, problems: list[Problem]) -> dict[str, Decimal]:
    """本年到位资金 by source from the sheet's funding columns (none: {}); blank cells skipped."""
    funding: dict[str, Decimal] = {}
    for key in table.columns:
        if key.startswith("funding."):
            amount, _ = _amount(table, row, key, pid, problems)
            if amount is not None:
                funding[key.removeprefix("funding.")] = amount
    return funding


def _amount(table: Table, row: Row, key: str, pid: str, problems: list[Problem]
            ) -> tuple[Decimal | None, bool]:
    """(amount in 万元 or None when the cell is empty or the column absent, failed)."""
    column = table.columns.get(key)
    if column is None:
        return None, False
    header = column.header.replace("\n", "")
    scale = column.scale
    if "row_unit" in table.columns and (said := squeeze(table.text(row, "row_unit"))) in UNITS:
        scale = UNITS[said]  # the row's own unit: 亿元 on this row, 万元 on the next (a 单位
        # column of agencies, 东湖区发改局, says no unit and changes nothing)
    try:
        amount = parse_amount(table.value(row, key), scale)
    except AmountError as exc:
        problems.append(table.problem(row, exc.code, f"{table.cell(key)} {header}: {exc}",
                                      column=key))
        return None, True
    if amount is None:
        return None, False
    amount, rounded = to_ledger_places(amount)
    if rounded:
        problems.append(table.problem(row, "W502", f"{header} of {pid} has more than 4 "
                                      f"decimal places; rounded to {amount} 万元"))
    return amount, False


_CATEGORY_KEYS = {name: key for key, name in vocab.ISSUE_CATEGORIES.items()}


def _category(table: Table, row: Row, problems: list[Problem]) -> str | None:
    """The issue category a 问题类别 cell names (土地 → land), None if empty or unknown."""
    cell = table.text(row, "issue_category")
    name = squeeze(cell)
    if not name:
        return None
    key = _CATEGORY_KEYS.get(name) or (name if name in vocab.ISSUE_CATEGORIES else None)
    if key is None:
        problems.append(table.problem(row, "W507", f"问题类别 '{cell}' is not one of "
                                      f"{'、'.join(vocab.ISSUE_CATEGORIES.values())}; the "
                                      "category is guessed from the issue's text"))
    return key


def _issues(cell: str, current: Entry | None, earlier: list[Entry],
            category: str | None = None) -> tuple[list[Issue], list[Issue]]:
    """(the cell's issues, with what the office set by hand kept (see the module's doc);
    the open 督办事项 among them that the cell says are solved, which stay open).

    ``earlier`` are the project's entries before this month, newest first. A problem the
    cell marks solved (已解决, or its text then （已解决）) is no open issue: as if deleted.
    """
    listed = current.issues if current else []
    before = [i for e in earlier for i in e.issues]
    open_texts = [i.text for i in listed if not i.closed]
    if open_texts and squeeze(cell) == squeeze(join_issues(open_texts)):
        parts = open_texts  # the cell as the export wrote it: the same issues
    else:  # an issue the ledger holds is kept whole, its semicolons and numbers its own
        parts = split_issues(cell, partial(_holds, (*listed, *before)))
    issues: list[Issue] = []
    solved: list[Issue] = []
    for part in parts:
        key, text = split_key(part)
        if key is not None and part.lstrip().startswith("[") and not any(
                i.key == key for i in (*listed, *before)):
            key, text = None, part.strip()  # [link](…) or [紧急]: the text, no key of ours
        text, done = resolved_mark(text)
        if done:
            said = (_find(key, text, listed) or _find(key, text, before)) if key or text else None
            if said is not None and said.supervised and not said.closed:
                solved.append(said)
            continue
        if not text:
            continue
        same = _find(key, text, listed)
        if same is not None:
            issues.append(replace(same, text=text))
            continue
        old = _find(key, text, before)
        if old is not None:
            issues.append(replace(old, text=text, resolved=False,
                                  status=None if old.status == "done" else old.status))
            continue
        guessed = category_of(text)
        # one 问题类别 for a cell of several problems: it names the ones that say no other
        chosen = category if category and (len(parts) == 1 or guessed == "other") else guessed
        issues.append(Issue(category=chosen, text=text))
    kept = [i for i in listed if i.closed or i.supervised]
    kept += [i for i in (earlier[0].issues if earlier else ()) if i.supervised and not i.closed]
    for issue in kept:
        if _find(issue.key, issue.text, issues) is None:
            issues.append(issue)
    return issues, [i for i in solved if i in issues]


def _holds(issues: Sequence[Issue], part: str) -> bool:
    """Whether ``part`` of a cell is one of ``issues`` (``_find``): its text as it stands,
    or a line of its 【key】 and a text the county may have edited; a key before several
    lines names the first of them only."""
    key, text = split_key(part)
    return _find(key if "\n" not in part else None, text, issues) is not None


def _find(key: str | None, text: str, issues) -> Issue | None:
    """The issue of ``issues`` with ``key``, else (for a key none has) the same text."""
    if key is not None:
        keyed = next((i for i in issues if i.key == key), None)
        if keyed is not None:
            return keyed
    words = squeeze(text)
    return next((i for i in issues if squeeze(i.text) == words), None)


def _unit_hint(hint: str, entry: Entry, previous: Entry | None) -> str:
    """E304's hint when the figure fell a thousandfold or more: most often a sheet in 亿元
    read as 万元 (its unit not said where the header or a note would say it)."""
    if previous is None or entry.completed_ytd * 1000 > previous.completed_ytd:
        return hint
    return ("the figure is a thousandth of last month's or less: if the sheet is in 亿元, "
            "say so in the amount's header (1-N月完成投资（亿元）) or a line 单位：亿元 above "
            "the table")


def _month_problems(table: Table, row: Row, ledger: Ledger, month: int, project: Project,
                    entry: Entry) -> list[Problem]:
    """The rules ``check`` applies between months, for the new entry and its neighbours,
    with their own codes (E304, W003 …) at the sheet's row."""
    before = [m for m in ledger.progress if m < month and project.id in ledger.progress[m].entries]
    after = [m for m in ledger.progress if m > month and project.id in ledger.progress[m].entries]
    previous = ledger.progress[max(before)].entries[project.id] if before else None
    label = ledger.progress[max(before)].month if before else None
    problems = [table.problem(row, f.code, f"{project.id}: {f.message}",
                              _unit_hint(f.hint, entry, previous) if f.code == "E304" else f.hint)
                for f in rules.entry_findings(project.id, entry, project, previous, label)]
    if after:
        later = ledger.progress[min(after)]
        for finding in rules.entry_findings(project.id, later.entries[project.id], project,
                                            entry, str(Month(ledger.config.year, month))):
            if finding.code == "E304":
                problems.append(table.problem(
                    row, "E304", f"{project.id}: progress/{later.month}.yaml would then fail: "
                    f"{finding.message}", finding.hint))
    return problems


def diff(old: Mapping[str, Entry], new: Mapping[str, Entry], projects) -> Changes:
    """What changes from the entries ``old`` to ``new``, in ledger order."""
    names = {p.id: p.name for p in projects}
    order = list(dict.fromkeys([*new, *old]))
    added, removed, amounts, texts = [], [], [], []
    for pid in order:
        change = Change(pid, names.get(pid, ""), old.get(pid), new.get(pid))
        if change.old is None:
            added.append(change)
        elif change.new is None:
            removed.append(change)
        elif change.old.completed_ytd != change.new.completed_ytd:
            amounts.append(change)
        elif change.old != change.new:
            texts.append(change)
    return Changes(tuple(added), tuple(removed), tuple(amounts), tuple(texts))
