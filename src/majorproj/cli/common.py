"""What every command shares: finding the ledger, loading it, and failing politely."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, cast

import typer

if TYPE_CHECKING:
    from majorproj.ledger.load import LoadResult
    from majorproj.ledger.models import Ledger
    from majorproj.ledger.problems import Problem
    from majorproj.periods import Period

LedgerOption = Annotated[
    Path | None,
    typer.Option("--ledger", "-l", help="Ledger directory (default: $MAJORPROJ_LEDGER, "
                 "else the current directory).", show_default=False),
]

NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Parse every file afresh, neither using nor filling the cache of "
    "parsed files (also: MAJORPROJ_NO_CACHE=1).")]


def use_cache(enabled: bool) -> None:
    """Whether this run reads and fills the cache of parsed files (``--no-cache``: not)."""
    from majorproj.ledger import cache

    cache.use(enabled)


def choices(name: str, formats: Iterable[str]) -> type[StrEnum]:
    """The ``--format`` choices of a command, from its table in ``render.formats``."""
    return cast("type[StrEnum]", StrEnum(name, [(f, f) for f in formats]))


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` to standard error and exit with ``code`` (2: usage error)."""
    from majorproj.render.visible import one_line

    shown = one_line(message)
    if len(shown) > MESSAGE_CHARS:  # a value of 100 KB quoted back is no message
        shown = shown[:MESSAGE_CHARS - 1] + "…"
    sys.stderr.write(f"majorproj: {shown}\n")
    raise typer.Exit(code)


MESSAGE_CHARS = 2000


def say(text: str, *, err: bool = False) -> None:
    """A line for the reader: what it quotes (a path, a name) shown harmlessly, on one line."""
    from majorproj.render.visible import one_line

    typer.echo(one_line(text), err=err)


def ledger_root(path: Path | None) -> Path:
    """The ledger's folder for ``path`` (or the default place); exit 2 when there is none."""
    from majorproj.ledger.layout import LedgerNotFound, find_ledger

    try:
        return find_ledger(path)
    except LedgerNotFound as exc:
        fail(f"{exc}. Pass --ledger DIR, set MAJORPROJ_LEDGER, or create one with "
             "`majorproj init DIR`")


PreviousOption = Annotated[
    Path | None,
    typer.Option("--previous", help="Last year's ledger, for 同比 (default: previous: in "
                 "majorproj.yaml).", show_default=False, file_okay=False),
]


def load(path: Path | None, previous: Path | None = None) -> LoadResult:
    """Load the ledger at ``path`` (or the default place) and last year's (``previous``,
    else the config's ``previous:``); exit 2 when there is none or last year's is unusable."""
    root = ledger_root(path)
    _settle(root)
    result = _load(root, previous)
    result.problems[:] = _shown_from_here(root, result.problems)
    return result


def _load(root: Path, previous: Path | None, as_problem: bool = False) -> LoadResult:
    """The ledger loaded; an unusable last year's ledger stops the command (exit 2, or 1
    for one with errors), or with ``as_problem`` (check) is its problem E113."""
    from majorproj.ledger.collector import collector_paused
    from majorproj.ledger.load import load_ledger
    from majorproj.ledger.previous import PreviousError

    try:
        with collector_paused(freeze=True):  # the ledger lives until exit
            return load_ledger(root, previous, previous_fails=not as_problem)
    except PreviousError as exc:
        fail(("--previous: " if previous is not None else "") + str(exc), exc.code)


def _shown_from_here(root: Path, problems: list[Problem]) -> list[Problem]:
    """The problems with their files as the user can open them from here."""
    if root == Path("."):
        return problems
    return [replace(p, file=os.path.join(root, p.file)) for p in problems]


def check_problems(path: Path | None) -> list[Problem]:
    """Every problem of the ledger at ``path``, as ``load`` finds them; kept in the cache,
    and read from it while no file of the ledger (or of last year's) has changed."""
    from majorproj.ledger import cache, layout

    root = ledger_root(path)
    _settle(root)
    before = layout.stamp(root)
    name = cache.ledger_key(root) if cache.enabled() else None
    problems = cache.checked(name) if name else None
    if problems is None:
        result = _load(root, None, as_problem=True)
        problems = result.problems
        previous = result.ledger.previous if result.ledger else None
        # not kept with E113: the cache would not see last year's ledger mended
        if name and before is not None and layout.stamp(root) == before \
                and not any(p.code == "E113" for p in problems):  # none changed
            cache.keep_checked(name, problems, previous.root if previous else None)
    return _shown_from_here(root, problems)


def _settle(root: Path) -> None:
    """Finish a write into the ledger that was interrupted (see ``ledger.writing``)."""
    from majorproj.files import OutputError
    from majorproj.ledger.writing import LedgerBusy, ledger_lock, pending

    try:
        interrupted = pending(root)
    except OSError:  # a folder we may not list: nothing of ours to settle there
        return
    if interrupted:
        try:
            with ledger_lock(root, "recover"):
                pass  # taking the lock completes the journal's write
        except (LedgerBusy, OutputError) as exc:
            fail(f"an interrupted write into the ledger is not finished: {exc}")


@contextmanager
def writing(path: Path | None, command: str, dry_run: bool = False) -> Iterator[None]:
    """Hold the lock of the ledger at ``path`` while a command reads and writes it; exit 2
    naming the holder when another command holds it beyond a short wait. A dry run writes
    nothing and takes no lock, as ``check`` does not: it works on a read-only ledger."""
    from majorproj.files import OutputError
    from majorproj.ledger.writing import LedgerBusy, ledger_lock

    root = ledger_root(path)
    with ExitStack() as held:
        try:
            if not dry_run:
                held.enter_context(ledger_lock(root, command))
        except (LedgerBusy, OutputError) as exc:
            fail(str(exc))
        yield


def sound_ledger(path: Path | None, previous: Path | None = None, warn: bool = False
                 ) -> Ledger:
    """A ledger without errors, or exit 1 after printing its errors to standard error.

    With ``warn``, say on standard error how many warnings it has and the worst three, so
    that figures printed from a doubtful ledger never come without a word.
    """
    from majorproj.ledger.problems import unreadable
    from majorproj.render.problems import as_text

    result = load(path, previous)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.ledger is None:
        sys.stderr.write(as_text(errors))
        if unreadable(errors):
            fail("a file or folder of the ledger cannot be read (E007 above says why); "
                 "put it right first", 2)
        fail("the ledger has errors; fix them first (see `majorproj check`)", 1)
    if warn:
        _warn(result.problems)
    return result.ledger


def note_last_year(ledger: Ledger, summary_last_year: str | None, month: int | None) -> None:
    """Say on standard error why there is no 同比 when last year was given but lacks the month."""
    if summary_last_year is not None or month is None:
        return
    if ledger.previous is not None:
        where = f"last year's ledger {ledger.previous.root} has no report for month {month}"
    elif ledger.config.previous_totals is not None:
        where = f"previous_totals has no completed_ytd for month {month}"
    else:
        return
    say(f"majorproj: note: no 同比: {where}", err=True)


def _warn(problems: list[Problem]) -> None:
    from majorproj.ledger.problems import worst_warnings
    from majorproj.render.problems import problem_line

    total = sum(1 for p in problems if p.severity == "warning")
    if not total:
        return
    worst = worst_warnings(problems)
    lead = "the worst three" if total > len(worst) else "they are"
    sys.stderr.write(f"majorproj: the ledger has {total} warning{'s' * (total != 1)} "
                     f"(`majorproj check` lists them all); {lead}:\n")
    for problem in worst:
        say(f"  {problem_line(problem)}", err=True)


def period_of(text: str, ledger: Ledger) -> Period:
    """The period ``text`` names within the ledger's year, or exit 2 saying the forms."""
    from majorproj.periods import PeriodError, parse_period

    try:
        return parse_period(text, ledger.config.year)
    except PeriodError as exc:
        fail(f"--period: {exc}")


def month_number(text: str, ledger: Ledger) -> int:
    """The number (1–12) of the month ``text`` names in the ledger's year, or exit 2."""
    from majorproj.excel.import_progress import parse_month
    from majorproj.periods import Month, PeriodError

    try:
        return Month.parse(parse_month(text, ledger.config.year)).number
    except PeriodError as exc:
        fail(f"--month {text}: {exc}")


def write_sheets(sheets: list[tuple[str, bytes]], output: Path, narrow: str,
                 option: str = "--output", *, told_on_stderr: bool = False,
                 before: Callable[[list[Path]], None] | None = None) -> None:
    """Write the sheets into the folder ``output`` (made if its parent exists), all or
    none, or one sheet to the file ``output``; ``option`` is how the user named it. With
    ``told_on_stderr`` the 'wrote' lines go to standard error: the command's data follows
    on standard output. ``before`` sees the files to be written first (and may exit)."""
    from majorproj.files import OutputError, write_all

    if str(output) == "-":
        fail(f"{option} - writes text to standard output, but the sheets are workbooks: name "
             "a folder for them (e.g. 7月填报表/)")
    if output.suffix.lower() == ".xlsx":
        if len(sheets) > 1:
            fail(f"{option} {output} is one file, but there are {len(sheets)} sheets; name a "
                 f"folder, or choose one with {narrow}")
        targets = [(output, sheets[0][1])]
    else:
        if output.exists() and not output.is_dir():
            fail(f"{option} {output} is a file; name a folder for the sheets, or a .xlsx file")
        if not output.parent.is_dir():
            fail(f"the folder {output.parent} does not exist; create it first")
        targets = [(output / name, data) for name, data in sheets]
    if before is not None:
        before([path for path, _ in targets])
    try:
        if output.suffix.lower() != ".xlsx":
            output.mkdir(exist_ok=True)
        write_all(targets)
    except OSError as exc:
        fail(f"{option} {output}: cannot write there ({exc.strerror or exc})")
    except OutputError as exc:
        fail(str(exc))
    for path, _ in targets:
        say(f"wrote {path}", err=told_on_stderr)


def note_period(period: Period, report_month: int | None) -> None:
    """Say on standard error when the figures are not those of the period's own month."""
    if report_month is None:
        typer.echo(f"note: the ledger has no progress report up to month {period.month}; "
                   "completed investment counts as 0", err=True)
    elif period.is_cut:
        typer.echo(f"note: there is no progress report for month {period.asked_month}; the "
                   f"period was cut to month {report_month}: figures, labels "
                   f"({period.chinese}), time progress and lights are those of month "
                   f"{report_month}", err=True)
