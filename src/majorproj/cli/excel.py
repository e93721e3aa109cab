"""`majorproj import progress|projects` and `majorproj export`: Excel in and out.

The commands parse their arguments, make one library call (``majorproj.excel``) and
render its result: what was read, the problems by sheet row (standard error), what
changed, what was written. Nothing is written while a problem is an error.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from majorproj.cli.common import (
    LedgerOption,
    PreviousOption,
    fail,
    month_number,
    note_last_year,
    note_period,
    period_of,
    sound_ledger,
    write_sheets,
    writing,
)
from majorproj.periods import ACCEPTED_FORMS

if TYPE_CHECKING:
    from majorproj.excel import ExcelError, RowProblem
    from majorproj.excel.import_progress import Changes
    from majorproj.excel.sheet import Table
    from majorproj.ledger.models import Entry

import_app = typer.Typer(
    name="import",
    help="Read Excel sheets into the ledger: a month's dispatch sheet (调度表) or the "
    "annual project list (年度项目明细表).\n\nExample: majorproj import progress "
    "调度表.xlsx --month 2024-06",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

BAR_ROWS = 500  # a sheet longer than this shows how far reading it has come (on a terminal)

FileArgument = Annotated[Path, typer.Argument(help="The workbook (.xlsx).", metavar="FILE.xlsx",
                                            show_default=False)]
SheetOption = Annotated[str | None, typer.Option(
    "--sheet", "-s", help="The sheet to read (default: the first sheet with a recognisable "
    "header).", show_default=False)]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", "-n", help="Read and check everything, print what would change; write "
    "nothing.")]


@import_app.command("progress")
def import_progress(
    file: FileArgument,
    month: Annotated[str, typer.Option("--month", "-m", help="The month the sheet reports, "
                                       "YYYY-MM, in the ledger's year.", show_default=False)],
    sheet: SheetOption = None,
    dry_run: DryRunOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the month's existing file (and list what changed).")] = False,
    merge: Annotated[bool, typer.Option(
        "--merge", help="Add this sheet's projects to the month's existing file and keep "
        "the others (one county's sheet after another's); changing an entry already there "
        "still needs --force.")] = False,
    ledger: LedgerOption = None,
) -> None:
    """Import a month's dispatch sheet (调度表) into progress/YYYY-MM.yaml.

    Reads the sheet as offices send it (title rows, two-row merged headers, 合计/小计
    rows, amounts as text, columns in any order), finds the columns by their headers
    (项目编号, 项目代码, 项目名称, 1-N月完成投资, 形象进度, 存在问题 …), matches rows to
    projects by id, else code, else name, and writes the month. Problems name the sheet
    row; with any error nothing is written (exit 1). An existing month is replaced only
    with --force.

    Example: majorproj import progress 东湖区6月调度表.xlsx --month 2024-06 --merge
    """
    from majorproj.excel import ExcelError, errors_in
    from majorproj.excel.import_progress import parse_month, read_progress, write_progress
    from majorproj.files import OutputError
    from majorproj.periods import PeriodError

    with writing(ledger, "import progress"):
        book = sound_ledger(ledger)
        try:
            month_label = parse_month(month, book.config.year)
        except PeriodError as exc:
            fail(f"--month {month}: {exc}")
        try:
            with _reading_bar("reading " + file.name) as on_row:
                result = read_progress(file, book, month_label, sheet=sheet, merge=merge,
                                       on_row=on_row)
        except ExcelError as exc:
            fail(_worded(exc))
        _report_problems(result.problems)
        _echo(_read_line(result.table, len(result.imported), "entries"))
        shown = str(result.path)
        if errors_in(result.problems):
            fail(f"nothing written: {_errors(result.problems)}; correct the sheet and import "
                 "it again", 1)
        if result.overwrites and not force:
            what = "already holds entries that this sheet changes" if merge else \
                f"already exists ({len(result.existing.entries) if result.existing else 0} entries)"
            _echo_changes(result.changes, shown, would=True)
            fail(f"{shown} {what}; pass --force to {'change' if merge else 'replace'} it"
                 + ("" if merge else ", or --merge to add this sheet's projects to it"))
        if result.existing is not None and not result.changes:
            _echo(f"{shown} already holds these figures; nothing to write")
            return
        if result.existing is not None or dry_run:
            _echo_changes(result.changes, shown, would=dry_run)
        if dry_run:
            _echo(f"dry run: would write {shown} with {len(result.entries)} entries; "
                       "nothing written")
            return
        try:
            write_progress(result, book.root)
        except OutputError as exc:
            fail(str(exc))
        completed = sum((e.completed_ytd for e in result.entries.values()), Decimal(0))
        _echo(f"wrote {shown}: {len(result.entries)} entries, completed_ytd "
                   f"{_amount(completed)} 万元; next: majorproj check")


# the options a workbook error's choice is made with
CHOICES = {"sheet": "--sheet NAME", "county": "pass --county NAME",
           "level": "pass --level 省重点, 市重点 or 县重点"}


def _worded(error: ExcelError) -> str:
    """A workbook error with the option that makes the choice it names."""
    return f"{error} ({CHOICES[error.choice]})" if error.choice else str(error)


def _echo(text: str) -> None:
    """A line on standard output, names from the sheet and ledger shown harmlessly."""
    from majorproj.render.visible import visible

    typer.echo(visible(text))


def _amount(value: Decimal) -> str:
    """An exact amount with thousands separators: 1,234.5 (no rounding: this is data)."""
    from majorproj.render.numbers import plain

    return f"{Decimal(plain(value)):,f}"


def _ytd(entry: Entry | None) -> str:
    """An entry's completed_ytd as ``_amount`` writes it; — for no entry."""
    from majorproj.render.numbers import DASH

    return _amount(entry.completed_ytd) if entry is not None else DASH


def _errors(problems: tuple[RowProblem, ...]) -> str:
    from majorproj.excel import errors_in

    n = errors_in(problems)
    return f"{n} error{'s' * (n != 1)}"


SHOWN = {"error": 100, "warning": 20}  # problems listed of each kind; the rest are counted


def _report_problems(problems: tuple[RowProblem, ...]) -> None:
    """The problems in sheet order on standard error, at most ``SHOWN`` of each kind."""
    from majorproj.render.visible import visible

    listed = {"error": 0, "warning": 0}
    for problem in problems:
        listed[problem.severity] += 1
        if listed[problem.severity] <= SHOWN[problem.severity]:
            sys.stderr.write(visible(str(problem)) + "\n")
    for severity, n in listed.items():
        if n > SHOWN[severity]:
            sys.stderr.write(f"… and {n - SHOWN[severity]} more {severity}s not shown\n")


def _read_line(table: Table, rows: int, what: str) -> str:
    skipped = {"total": "合计/小计", "heading": "heading", "blank": "blank", "notes": "notes",
               "header": "repeated header", "numbering": "column numbers"}
    parts = [f"{n} {skipped[k]}" for k, n in table.skipped.items() if n]
    first, last = table.header_rows
    header = f"R{first}" + (f"–R{last}" if last > first else "")
    return (f"read {table.place()} (header {header}): {rows} {what}"
            + (f"; skipped rows: {', '.join(parts)}" if parts else ""))


def _echo_changes(changes: Changes, shown: str, *, would: bool) -> None:
    if not changes:
        return
    verb = "would change" if would else "changes to"
    counts = [f"{len(changes.added)} added", f"{len(changes.removed)} removed",
              f"{len(changes.amounts)} amounts changed",
              f"{len(changes.texts)} with other changes (形象进度, issues)"]
    _echo(f"{verb} {shown}: " + ", ".join(counts))
    for c in changes.added:
        _echo(f"  + {c.pid} {c.name}: {_ytd(c.new)}")
    for c in changes.removed:
        _echo(f"  - {c.pid} {c.name}: {_ytd(c.old)} (not in the sheet)")
    for c in changes.amounts:
        _echo(f"  ~ {c.pid} {c.name}: {_ytd(c.old)} → {_ytd(c.new)}")
    for c in changes.texts:
        _echo(f"  ~ {c.pid} {c.name}: 形象进度 or issues changed")


@contextmanager
def _reading_bar(description: str):
    """A row counter for the reader that shows a bar of the rows read on a terminal's
    standard error for long sheets, and does nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = None

        def on_row(done: int, total: int | None) -> None:
            nonlocal task
            if task is None:
                if not total or total < BAR_ROWS:
                    return
                task = bar.add_task(description, total=total)
            if done % 50 == 0 or done == total:
                bar.update(task, completed=min(done, total))

        yield on_row


@import_app.command("projects")
def import_projects(
    file: FileArgument,
    sheet: SheetOption = None,
    county: Annotated[str | None, typer.Option(
        "--county", help="The county of rows without one (a county's own list has no "
        "县（市、区） column).", show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        "--level", help="The level of rows without one: 省重点, 市重点 or 县重点.",
        show_default=False)] = None,
    id_prefix: Annotated[str | None, typer.Option(
        "--id-prefix", help="Prefix of new project ids (default: the prefix its county's "
        "projects use, e.g. DH for DH-001, else XM).", show_default=False)] = None,
    dry_run: DryRunOption = False,
    ledger: LedgerOption = None,
) -> None:
    """Import the annual project list (年度项目明细表) into projects/<county>.yaml.

    Maps 项目性质 新开工/续建/预备, 级别 省重点/市重点/县重点, 县（市、区）, 行业, 建设起止年限,
    总投资, 至上年底累计完成投资, 本年计划投资, 建设单位, 责任单位, 包联领导 … to the ledger's
    fields. A row that is already a project (same 项目编号, 项目代码 or name) keeps its id
    and takes the sheet's values; a new one gets the next id of its county's numbering.
    Problems name the sheet row; with any error nothing is written (exit 1).

    Example: majorproj import projects 2024年重点项目明细表.xlsx --dry-run
    """
    from majorproj.excel import ExcelError, errors_in
    from majorproj.excel.import_projects import commented_files, read_projects, write_projects
    from majorproj.files import OutputError

    if id_prefix is not None and not re.fullmatch(r"[A-Za-z0-9_]{1,20}", id_prefix):
        fail(f"--id-prefix '{id_prefix}' must be letters, digits or _ (e.g. DH)")
    with writing(ledger, "import projects"):
        book = sound_ledger(ledger)
        try:
            with _reading_bar("reading " + file.name) as on_row:
                result = read_projects(file, book, sheet=sheet, county=county, level=level,
                                       id_prefix=id_prefix, on_row=on_row)
        except ExcelError as exc:
            fail(_worded(exc))
        _report_problems(result.problems)
        _echo(_read_line(result.table, len(result.added) + len(result.updated)
                              + result.unchanged, "projects"))
        if errors_in(result.problems):
            fail(f"nothing written: {_errors(result.problems)}; correct the sheet and import "
                 "it again", 1)
        would = "would add" if dry_run else "added"
        for p in result.added:
            _echo(f"  + {p.id} {p.name} ({p.county})")
        for u in result.updated:
            _echo(f"  ~ {u.old.id} {u.new.name}: " + ", ".join(
                f"{f} {_shown(getattr(u.old, f))} → {_shown(getattr(u.new, f))}" for f in u.fields))
        _echo(f"{would} {len(result.added)} projects, "
                   f"{'would update' if dry_run else 'updated'} {len(result.updated)}, "
                   f"{result.unchanged} unchanged")
        if result.missing:
            _echo(f"{len(result.missing)} projects of the ledger are not in the sheet and are "
                       "kept: " + ", ".join(p.id for p in result.missing[:20])
                       + (" …" if len(result.missing) > 20 else ""))
        for path in commented_files(result):
            _echo(f"note: {path} has comments between its projects; rewriting it drops them")
        if dry_run:
            _echo("dry run: would write " + (", ".join(str(p) for p in result.files)
                                                  or "nothing") + "; nothing written")
            return
        try:
            written = write_projects(result, book.root)
        except OutputError as exc:
            fail(str(exc))
        if written:
            _echo("wrote " + ", ".join(str(p) for p in written) + "; next: majorproj check")


def _shown(value: object) -> str:
    from majorproj.ledger.yamlwrite import scalar
    from majorproj.render.numbers import DASH

    if value is None:
        return DASH
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return scalar(value) if not isinstance(value, dict) else str(value)


def export(
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help=f"The 调度表's period: {ACCEPTED_FORMS}.",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The workbook to write (.xlsx); with --fill-in a folder (a "
        "sheet per county, named by county and month) or, for one county, a .xlsx file.",
        show_default=False)] = None,
    fill_in: Annotated[bool, typer.Option(
        "--fill-in", help="Write the sheets counties fill in for --month (填报表) instead "
        "of the 调度表.")] = False,
    month: Annotated[str | None, typer.Option(
        "--month", "-m", help="With --fill-in: the month to be reported, YYYY-MM.",
        show_default=False)] = None,
    county: Annotated[str | None, typer.Option(
        "--county", help="With --fill-in: only this county's sheet.", show_default=False)] = None,
    ledger: LedgerOption = None,
    previous: PreviousOption = None,
) -> None:
    """Write the period's 调度表 as an Excel workbook, or with --fill-in the sheets the
    counties fill in for a month.

    The 调度表: a row per project with its figures, 形象进度, 存在问题 and warning
    light; a 合计 row and a 小计 row per group; a sheet per grouping (全部项目 by
    county, 按级别, 按行业, 按专项). `majorproj import progress` reads it back into the
    same figures.

    --fill-in: per county its projects with 上月累计, the cells to fill (1-N月完成投资,
    形象进度, 存在问题, 问题类别) unlocked and validated, the rest protected, the
    instructions and the deadline (monthly.deadline_day) on top. A filled sheet imports
    with `majorproj import progress FILE --month M --merge`.

    Example: majorproj export -l data/sample --fill-in --month 2024-07 -o 7月填报表/
    """
    if output is None:
        fail("--output is missing: name the workbook (or with --fill-in the folder) to write")
    if fill_in:
        _export_fill_in(month, county, output, ledger, period)
        return
    if period is None:
        fail("--period is missing (e.g. --period 2024H1); or pass --fill-in --month M for "
             "the counties' sheets")
    if month is not None or county is not None:
        fail("--month and --county go with --fill-in")
    from majorproj.files import OutputError, write_atomic
    from majorproj.metrics import compute
    from majorproj.render.formats import EXPORT

    if str(output) == "-":
        fail("--output -: a workbook is not text and cannot go to standard output; give a "
             "file name, e.g. -o 调度表.xlsx")
    if output.suffix.lower() != ".xlsx":
        fail(f"--output {output}: the workbook is .xlsx; name it e.g. {output.stem}.xlsx")
    book = sound_ledger(ledger, previous, warn=True)
    chosen = period_of(period, book)
    figures = compute(book, chosen)
    note_period(figures.period, figures.report_month)
    note_last_year(book, figures.last_year, figures.report_month)
    data = EXPORT["xlsx"].load()(figures)
    try:
        write_atomic(output, data)
    except OutputError as exc:
        fail(str(exc))
    typer.echo(f"wrote {output}: {figures.period.title} 调度表, {len(book.projects)} projects")


def _export_fill_in(month: str | None, county: str | None, output: Path,
                    ledger: Path | None, period: str | None) -> None:
    from majorproj.render.fill_in import fill_in_sheets

    if period is not None:
        fail("--fill-in takes --month (the month to be reported), not --period")
    if month is None:
        fail("--fill-in needs --month, the month the counties report (e.g. --month 2024-07)")
    book = sound_ledger(ledger)
    number = month_number(month, book)
    counties = list(dict.fromkeys([*book.config.counties, *(p.county for p in book.projects)]))
    if county is not None:
        if county not in counties:
            fail(f"--county {county} is not a county of the ledger; use one of "
                 + "、".join(book.config.counties))
        counties = [county]
    sheets = fill_in_sheets(book, number, counties)
    if not sheets:
        fail(f"no projects in {county or 'the ledger'}: there is no sheet to fill", 1)
    write_sheets(sheets, output, "--county")
    typer.echo(f"{len(sheets)} sheet{'s' * (len(sheets) != 1)} for {book.config.year}年"
               f"{number}月 to fill")
