from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from majorproj.cli.common import (
    LedgerOption,
    PreviousOption,
    choices,
    fail,
    note_last_year,
    note_period,
    period_of,
    sound_ledger,
)
from majorproj.ledger import vocab
from majorproj.periods import ACCEPTED_FORMS
from majorproj.render.formats import SUMMARY, SummaryOptions

if TYPE_CHECKING:
    from rich.console import RenderableType

    Grouping = str
    SummaryFormat = str
else:
    Grouping = choices("Grouping", vocab.GROUPINGS)
    SummaryFormat = choices("SummaryFormat", SUMMARY)

WIDTH = 100  # columns of tables written to a file or a pipe


def summary(
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help=f"The period: {ACCEPTED_FORMS} (default: the latest month "
        "with a progress report).", show_default=False)] = None,
    by: Annotated[Grouping, typer.Option(
        "--by", "-b", help="Group the figures by level, county, sector or tag.")] = "level",
    format: Annotated[SummaryFormat | None, typer.Option(
        "--format", "-f", help="table (for people), json (cli.md's shape, exact numbers) or "
        "csv (one row per group, UTF-8 with BOM so that Excel opens it); default: by the "
        "ending of --output (.csv, .json), else table.", show_default=False)] = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=0, help="At most this many rows in the project lists of the "
        "table (red/yellow, not reported); 0 lists all.")] = 30,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal (- : standard "
        "output).",
        show_default=False)] = None,
    ledger: LedgerOption = None,
    previous: PreviousOption = None,
) -> None:
    """Compute the period's figures and show them: overview against 序时进度, the groups,
    三个一批, red and yellow projects with reasons, the county ranking, not-reported projects.
    With last year's ledger (previous: in majorproj.yaml, or --previous) or its totals
    (previous_totals:), every figure has its 同比.

    Exit code 0 on success, 1 when the ledger has errors, 2 for a bad period or option.

    Example: majorproj summary -l data/sample --period 2024H1 --by county
    """
    from majorproj.files import OutputError, write_atomic
    from majorproj.metrics import compute
    from majorproj.periods import Month, month_period
    from majorproj.render.visible import terminal_visible
    from majorproj.text import chunks

    named = {".csv": "csv", ".json": "json"}.get(output.suffix.lower()) if output else None
    if format is None:
        format = named or "table"
    elif named is not None and named != format:  # out.csv holding a table or JSON
        fail(f"--output {output} names a {named} file, but --format is {format}: give the "
             f"file the ending of its format or leave --format out")
    book = sound_ledger(ledger, previous, warn=True)
    year = book.config.year
    if period is None:
        if book.latest_month is None:
            fail(f"the ledger has no progress report yet; give --period, e.g. {year}M01")
        chosen = month_period(Month(year, book.latest_month))
    else:
        chosen = period_of(period, book)
    result = compute(book, chosen)
    note_period(result.period, result.report_month)
    note_last_year(book, result.last_year, result.report_month)
    options = SummaryOptions(str(by), limit or None, show_all="--limit 0 列出全部")
    rendered = SUMMARY[format].load()(result, options)
    if output is None or str(output) == "-":
        if isinstance(rendered, Iterator):  # pieces of text, written as they come
            shown = terminal_visible if sys.stdout.isatty() else str
            for chunk in chunks(rendered):
                typer.echo(shown(chunk), nl=False)
        elif isinstance(rendered, str) and sys.stdout.isatty():
            typer.echo(terminal_visible(rendered), nl=False)
        else:
            text = rendered if isinstance(rendered, str) else _printed(rendered, output is None)
            typer.echo(text, nl=False, color=True)  # rich already decided on colour
        return
    if isinstance(rendered, Iterator):
        text = "".join(rendered)
    else:
        text = rendered if isinstance(rendered, str) else _printed(rendered, False)
    try:
        write_atomic(output, text.encode("utf-8"))
    except OutputError as exc:
        fail(str(exc))


def _printed(parts: Sequence[RenderableType], to_terminal: bool) -> str:
    """Rich tables as text; in colour on a terminal (unless NO_COLOR), plain 100 columns
    elsewhere."""
    from rich.console import Console

    console = Console(highlight=False)
    if not (to_terminal and console.is_terminal):
        console = Console(highlight=False, width=WIDTH, color_system=None)
    with console.capture() as captured:
        for part in parts:
            console.print(part)
            console.print()
    return captured.get()
