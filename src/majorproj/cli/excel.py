"""`majorproj import progress|projects` and `majorproj export`: Excel in and out.

The commands parse their arguments, make one library call (``majorproj.excel``) and
render its result: what was read from which sheet and column, the problems by sheet row
(the same ``Problem`` as ``check``'s, in the same formats), what changed, what was
written. Nothing is written while a problem is an error.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from majorproj.cli.check import CheckFormat
from majorproj.cli.common import (
    LedgerOption,
    PreviousOption,
    fail,
    ledger_root,
    month_number,
    note_last_year,
    note_period,
    period_of,
    say,
    sound_ledger,
    write_sheets,
    writing,
)
from majorproj.periods import ACCEPTED_FORMS

if TYPE_CHECKING:
    from majorproj.excel import ExcelError
    from majorproj.excel.import_progress import Changes
    from majorproj.excel.sheet import Table
    from majorproj.ledger.models import Entry
    from majorproj.ledger.problems import Problem

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
SheetOption = Annotated[list[str] | None, typer.Option(
    "--sheet", "-s", help="A sheet to read; repeat it for several (default: every visible "
    "sheet with a recognisable header).", show_default=False, metavar="NAME")]
ColumnOption = Annotated[list[str] | None, typer.Option(
    "--column", "-c", help="Where a sheet could be read two ways, the column to read: its "
    "letter (F), Sheet1!F, or its header as the error shows it (\"1-6月完成投资/合计\"); "
    "repeatable.", show_default=False, metavar="COL")]
FormatOption = Annotated[CheckFormat | None, typer.Option(
    "--format", "-f", help="How problems are shown: text, json or github (default: github "
    "when GITHUB_ACTIONS is true, else text). With json, standard output is one JSON "
    "document and the other lines go to standard error.", show_default=False)]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", "-n", help="Read and check everything, print what would change; write "
    "nothing.")]


class _Output:
    """Where an import's lines go: problems in the chosen format (``render.formats.CHECK``,
    as ``check``), the rest as text (on standard error with json, whose standard output
    is one document at the end)."""

    def __init__(self, format: str | None):
        if format is None:
            github = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
            format = "github" if github else "text"
        self.format = str(format)
        self.json = self.format == "json"
        self.report: dict = {}

    def line(self, text: str) -> None:
        """A line of text, names from the sheet and ledger shown harmlessly."""
        say(text, err=self.json)

    def problems(self, problems: tuple[Problem, ...]) -> None:
        """The problems, then how to make the choices they ask for (--column, --sheet)."""
        from majorproj.render.formats import CHECK
        from majorproj.render.problems import payload

        options = _options(problems)
        if self.json:
            self.report = payload(list(problems)) | {"options": options} | self.report
        elif problems:
            typer.echo(CHECK[self.format].load()(list(problems)), nl=False,
                       err=self.format == "text")
            for option in options:
                typer.echo(f"majorproj: {option}", err=True)

    def done(self, facts: dict[str, object]) -> None:
        """The JSON document (json only): the problems, what was read, what was written."""
        if self.json:
            from majorproj.render.json import dumps  # amounts digit for digit

            typer.echo(dumps(self.report | facts), nl=False)

    def fail(self, message: str, facts: dict[str, object], code: int = 2) -> NoReturn:
        self.done(facts)
        fail(message, code)


@import_app.command("progress")
def import_progress(
    file: FileArgument,
    month: Annotated[str, typer.Option("--month", "-m", help="The month the sheet reports, "
                                       "YYYY-MM, in the ledger's year.", show_default=False)],
    sheet: SheetOption = None,
    column: ColumnOption = None,
    dry_run: DryRunOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace the month's existing file (and list what changed).")] = False,
    merge: Annotated[bool, typer.Option(
        "--merge", help="Add this sheet's projects to the month's existing file and keep "
        "the others (one county's sheet after another's); changing an entry already there "
        "still needs --force.")] = False,
    format: FormatOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Import a month's dispatch sheets (调度表) into progress/YYYY-MM.yaml.

    Reads the sheets as offices send them (title rows, merged headers of two or three
    rows, 合计/小计 rows, sign-off lines, amounts as text or in 元/万元/亿元, a sheet per
    county), finds the columns by their headers (项目编号, 项目代码, 项目名称,
    1-N月完成投资, 形象进度, 存在问题 …) and prints which column it read for each, matches
    rows to projects by id, else code, else name, and writes the month. Where a sheet
    could be read two ways it stops and asks (--column). Problems name the sheet row;
    with any error nothing is written (exit 1). An existing month is replaced only with
    --force.

    Example: majorproj import progress 东湖区6月调度表.xlsx --month 2024-06 --merge
    """
    from majorproj.ahead import ahead
    from majorproj.excel import ExcelError
    from majorproj.excel.import_progress import (
        parse_month,
        read_progress,
        read_sheets,
        write_progress,
    )
    from majorproj.excel.sheet import Book
    from majorproj.files import OutputError
    from majorproj.ledger.problems import count
    from majorproj.periods import PeriodError

    out = _Output(format)
    with writing(ledger, "import progress", dry_run):
        def read_sheets_of(year: int, month_label: str) -> Book:
            with _reading_bar("reading " + file.name) as on_row:
                return read_sheets(file, year, month_label, sheets=sheet or (),
                                   columns=column or (), on_row=on_row)

        guess = _month_ahead(ledger, month)  # the workbook is read while the ledger is
        with ahead(lambda: read_sheets_of(*(guess or (0, ""))),
                   start=guess is not None) as sheets_read:
            book = sound_ledger(ledger)
            try:
                month_label = parse_month(month, book.config.year)
            except PeriodError as exc:
                fail(f"--month {month}: {exc}")
            try:
                sheets_book = sheets_read.result() if guess == (book.config.year, month_label) \
                    else read_sheets_of(book.config.year, month_label)
                result = read_progress(file, book, month_label, sheets=sheet or (),
                                       columns=column or (), merge=merge, book=sheets_book)
            except ExcelError as exc:
                fail(_worded(exc))
        number = int(month_label[5:])
        for read in result.sheets:
            _read_lines(out, read.table, len(read.entries), "entries", read.skipped, number)
        _not_read_line(out, result.not_read)
        out.problems(result.problems)
        shown = str(result.path)
        facts = {"sheets": [_sheet_facts(r.table, len(r.entries), r.skipped, number)
                            for r in result.sheets],
                 "not_read": [{"sheet": s, "why": why} for s, why in result.not_read],
                 "month": result.month, "file": shown, "written": False}
        errors, _ = count(list(result.problems))
        if errors:
            out.fail(f"nothing written: {errors} error{'s' * (errors != 1)}; correct the sheet "
                     "and import it again", facts, 1)
        if result.overwrites and not force:
            what = "already holds entries that this sheet changes" if merge else \
                f"already exists ({len(result.existing.entries) if result.existing else 0} entries)"
            _echo_changes(out, result.changes, shown, would=True)
            out.fail(f"{shown} {what}; pass --force to {'change' if merge else 'replace'} it"
                     + ("" if merge else ", or --merge to add this sheet's projects to it"), facts)
        if result.existing is not None and not result.changes:
            out.line(f"{shown} already holds these figures; nothing to write")
            out.done(facts)
            return
        if result.existing is not None or dry_run:
            _echo_changes(out, result.changes, shown, would=dry_run)
        if dry_run:
            out.line(f"dry run: would write {shown} with {len(result.entries)} entries; "
                     "nothing written")
            out.done(facts)
            return
        try:
            write_progress(result, book.root)
        except OutputError as exc:
            fail(str(exc))
        completed = sum((e.completed_ytd for e in result.entries.values()), Decimal(0))
        out.line(f"wrote {shown}: {len(result.entries)} entries, completed_ytd "
                 f"{_amount(completed)} 万元; next: majorproj check")
        out.done(facts | {"written": True, "entries": len(result.entries),
                            "completed_ytd": completed})


# the options a workbook error's choice is made with
CHOICES = {"sheet": "--sheet NAME", "county": "pass --county NAME", "column": "--column COL",
           "level": "pass --level 省重点, 市重点 or 县重点"}


# the options that make the choice a sheet's problem asks for
OPTIONS = {"E501": "choose the column to read with --column COL: its letter, Sheet1!F, or its "
                   "header as the problem shows it",
           "E507": "--sheet NAME reads only the sheets named (repeat it for several)",
           "E510": "--sheet NAME reads another sheet"}


def _options(problems: tuple[Problem, ...]) -> list[str]:
    """How to make the choices the problems ask for, worded as this command's options
    (--sheet for a project on two sheets, not for two rows of one)."""
    codes = dict.fromkeys(p.code for p in problems
                          if p.code != "E507" or "!R" in p.message)  # Sheet2!R5: another sheet
    return [OPTIONS[code] for code in codes if code in OPTIONS]


def _worded(error: ExcelError) -> str:
    """A workbook error with the option that makes the choice it names."""
    return f"{error} ({CHOICES[error.choice]})" if error.choice else str(error)


def _echo(text: str) -> None:
    """A line on standard output, names from the sheet and ledger shown harmlessly."""
    say(text)


def _amount(value: Decimal) -> str:
    """An exact amount with thousands separators: 1,234.5 (no rounding: this is data)."""
    from majorproj.render.numbers import plain

    return f"{Decimal(plain(value)):,f}"


def _ytd(entry: Entry | None) -> str:
    """An entry's completed_ytd as ``_amount`` writes it; — for no entry."""
    from majorproj.render.numbers import DASH

    return _amount(entry.completed_ytd) if entry is not None else DASH


SKIPPED = {"total": "合计/小计", "heading": "heading", "blank": "blank", "notes": "notes",
           "header": "repeated header", "numbering": "column numbers", "hidden": "hidden",
           "part": "其中 (part of a row above)", "not reported": "未报送 (not reported)"}


def _read_lines(out: _Output, table: Table, rows: int, what: str, more: dict[str, int],
                month: int | None = None) -> None:
    """What was read from a sheet, then the column read for each thing, one a line."""
    counts = dict(table.skipped)
    for kind, n in more.items():
        counts[kind] = counts.get(kind, 0) + n
    parts = [f"{n} {SKIPPED[k]}" for k, n in counts.items() if n]
    first, last = table.header_rows
    header = f"R{first}" + (f"–R{last}" if last > first else "")
    out.line(f"read {table.place()} (header {header}): {rows} {what}"
             + (f"; skipped rows: {', '.join(parts)}" if parts else ""))
    for choice in table.choices(month):
        out.line(f"  {choice}")
    if table.unread:
        shown = [f"{letter} {header}" for letter, header in table.unread]
        out.line("  not read: " + ", ".join(shown[:12]) + (" …" if len(shown) > 12 else ""))


def _not_read_line(out: _Output, not_read: tuple[tuple[str, str], ...]) -> None:
    if not_read:
        out.line("not read: " + "; ".join(f"{sheet} ({why})" for sheet, why in not_read))


def _sheet_facts(table: Table, rows: int, more: dict[str, int], month: int | None) -> dict:
    return {"sheet": table.sheet, "header_rows": list(table.header_rows), "rows": rows,
            "skipped": {k: table.skipped.get(k, 0) + more.get(k, 0)
                        for k in {**table.skipped, **more}},
            "columns": {key: {"column": c.letter, "header": c.header, "reason": c.reason}
                        for key, c in table.columns.items()},
            "read": table.choices(month),
            "not_read": [{"column": letter, "header": header} for letter, header in table.unread]}


def _echo_changes(out: _Output, changes: Changes, shown: str, *, would: bool) -> None:
    if not changes:
        return
    verb = "would change" if would else "changes to"
    counts = [f"{len(changes.added)} added", f"{len(changes.removed)} removed",
              f"{len(changes.amounts)} amounts changed",
              f"{len(changes.texts)} with other changes (形象进度, issues)"]
    out.line(f"{verb} {shown}: " + ", ".join(counts))
    for c in changes.added:
        out.line(f"  + {c.pid} {c.name}: {_ytd(c.new)}")
    for c in changes.removed:
        out.line(f"  - {c.pid} {c.name}: {_ytd(c.old)} (not in the sheet)")
    for c in changes.amounts:
        out.line(f"  ~ {c.pid} {c.name}: {_ytd(c.old)} → {_ytd(c.new)}")
    for c in changes.texts:
        out.line(f"  ~ {c.pid} {c.name}: 形象进度 or issues changed")


def _month_ahead(ledger: Path | None, month: str) -> tuple[int, str] | None:
    """The ledger's year and ``--month`` as YYYY-MM, read before the ledger is, to read
    the workbook meanwhile; None when either is unusable (the ledger's reading says why)."""
    from majorproj.excel.import_progress import parse_month
    from majorproj.ledger.load import read_config
    from majorproj.periods import PeriodError

    try:
        config = read_config(ledger_root(ledger))[1]
        return None if config is None else (config.year, parse_month(month, config.year))
    except (PeriodError, OSError):
        return None


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
    column: ColumnOption = None,
    county: Annotated[str | None, typer.Option(
        "--county", help="The county of new projects in rows without one (a county's own "
        "list has no 县（市、区） column).", show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        "--level", help="The level of new projects in rows without one: 省重点, 市重点 or "
        "县重点 (projects the ledger has keep theirs).", show_default=False)] = None,
    id_prefix: Annotated[str | None, typer.Option(
        "--id-prefix", help="Prefix of new project ids (default: the prefix its county's "
        "projects use, e.g. DH for DH-001, else XM).", show_default=False)] = None,
    dry_run: DryRunOption = False,
    format: FormatOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Import the annual project list (年度项目明细表) into projects/<county>.yaml.

    Maps 项目性质 新开工/续建/预备, 级别 省重点/市重点/县重点, 县（市、区）, 行业, 建设起止年限,
    总投资, 至上年底累计完成投资, 本年计划投资, 建设单位, 责任单位, 包联领导 … to the ledger's
    fields; a sheet per county or per level (named 省重点 …) gives its rows their county or
    level. A row that is already a project (same 项目编号, 项目代码 or name) keeps its id
    and takes the sheet's values; a new one gets the next id of its county's numbering.
    Problems name the sheet row; with any error nothing is written (exit 1).

    Example: majorproj import projects 2024年重点项目明细表.xlsx --dry-run
    """
    from majorproj.excel import ExcelError
    from majorproj.excel.import_projects import commented_files, read_projects, write_projects
    from majorproj.files import OutputError
    from majorproj.ledger.problems import count

    if id_prefix is not None and not re.fullmatch(r"[A-Za-z0-9_]{1,20}", id_prefix):
        fail(f"--id-prefix '{id_prefix}' must be letters, digits or _ (e.g. DH)")
    out = _Output(format)
    with writing(ledger, "import projects", dry_run):
        book = sound_ledger(ledger)
        _check_level_and_county(level, county, book)
        try:
            with _reading_bar("reading " + file.name) as on_row:
                result = read_projects(file, book, sheets=sheet or (), columns=column or (),
                                       county=county, level=level, id_prefix=id_prefix,
                                       on_row=on_row)
        except ExcelError as exc:
            fail(_worded(exc))
        for table in result.tables:
            _read_lines(out, table, result.rows.get(table.sheet, 0), "projects",
                        {"notes": result.notes.get(table.sheet, 0),
                         "heading": -result.headings_read.get(table.sheet, 0)})
        _not_read_line(out, result.not_read)
        out.problems(result.problems)
        facts = {"sheets": [_sheet_facts(t, result.rows.get(t.sheet, 0),
                                         {"notes": result.notes.get(t.sheet, 0)}, None)
                            for t in result.tables],
                 "not_read": [{"sheet": s, "why": why} for s, why in result.not_read],
                 "added": [p.id for p in result.added],
                 "updated": [u.old.id for u in result.updated], "written": []}
        errors, _ = count(list(result.problems))
        if errors:
            out.fail(f"nothing written: {errors} error{'s' * (errors != 1)}; correct the sheet "
                     "and import it again", facts, 1)
        would = "would add" if dry_run else "added"
        for p in result.added:
            out.line(f"  + {p.id} {p.name} ({p.county})")
        for u in result.updated:
            out.line(f"  ~ {u.old.id} {u.new.name}: " + ", ".join(
                f"{f} {_shown(getattr(u.old, f))} → {_shown(getattr(u.new, f))}" for f in u.fields))
        out.line(f"{would} {len(result.added)} projects, "
                 f"{'would update' if dry_run else 'updated'} {len(result.updated)}, "
                 f"{result.unchanged} unchanged")
        if result.missing:
            out.line(f"{len(result.missing)} projects of the ledger are not in the sheet and are "
                     "kept: " + ", ".join(p.id for p in result.missing[:20])
                     + (" …" if len(result.missing) > 20 else ""))
        for path in commented_files(result):
            out.line(f"note: {path} has comments between its projects; rewriting it drops them")
        if dry_run:
            out.line("dry run: would write " + (", ".join(str(p) for p in result.files)
                                                or "nothing") + "; nothing written")
            out.done(facts)
            return
        try:
            written = write_projects(result, book.root)
        except OutputError as exc:
            fail(str(exc))
        if written:
            out.line("wrote " + ", ".join(str(p) for p in written) + "; next: majorproj check")
        out.done(facts | {"written": [str(p) for p in written]})


def _check_level_and_county(level: str | None, county: str | None, book) -> None:
    """Exit 2 for a --level or --county that names none of the ledger's."""
    from majorproj.excel.import_projects import LEVEL_WORDS, known_level
    from majorproj.excel.text import squeeze

    if level is not None and known_level(level) is None:
        fail(f"--level '{level}' is not a level; give one of "
             + ", ".join(words[0] for words in LEVEL_WORDS.values()))
    counties = book.config.counties
    if county is not None and squeeze(county) not in {squeeze(c) for c in counties}:
        fail(f"--county '{county}' is not a county of the ledger; its counties are "
             + "、".join(counties))


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
        "--month", "-m", help="With --fill-in: the month to be reported, YYYY-MM (or 7, 7月).",
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
    say(f"wrote {output}: {figures.period.title} 调度表, {len(book.projects)} projects")


def _keep_filled_sheets(targets: list[Path]) -> None:
    """Exit 2 when a sheet would replace one of the same name that a county has filled in
    (counties send them back under the name they were sent)."""
    from majorproj.render.fill_in import filled_in

    filled = [p for p in targets if p.is_file() and filled_in(p)]
    if filled:
        fail(f"{'、'.join(p.name for p in filled)} in {filled[0].parent} already "
             f"hold{'s' * (len(filled) == 1)} the figures a county filled in, which the new "
             "sheet would replace: import them first and move them aside, or write the new "
             "sheets to another folder", 2)


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
    from majorproj.periods import month_label
    from majorproj.render.fill_in import reported_before

    sheets = fill_in_sheets(book, number, counties)
    if not sheets:
        fail(f"no projects in {county or 'the ledger'}: there is no sheet to fill", 1)
    write_sheets(sheets, output, "--county", before=_keep_filled_sheets)
    latest = reported_before(book, number)
    if number > 1 and latest != number - 1:
        say(f"note: the ledger has no progress report for month {number - 1}; 上月累计 shows "
            + (f"the figures of {month_label(latest)}" if latest else "0 (no report yet)"),
            err=True)
    typer.echo(f"{len(sheets)} sheet{'s' * (len(sheets) != 1)} for {book.config.year}年"
               f"{number}月 to fill")
