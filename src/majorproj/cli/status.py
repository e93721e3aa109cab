"""`majorproj status`: who has and has not reported for a month, per county."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from majorproj.cli.common import LedgerOption, choices, month_number, sound_ledger, write_sheets
from majorproj.render.formats import STATUS

if TYPE_CHECKING:
    StatusFormat = str
else:
    StatusFormat = choices("StatusFormat", STATUS)


def status(
    month: Annotated[str, typer.Option(
        "--month", "-m", help="The month reported, YYYY-MM (or 7, 7月), in the ledger's year.",
        show_default=False)],
    format: Annotated[StatusFormat, typer.Option(
        "--format", "-f", help="table (for people) or json (project ids, for scripts).")
    ] = "table",
    reminders: Annotated[Path | None, typer.Option(
        "--reminders", help="Also write a reminder sheet (催报表) per late county into this "
        "folder: its projects not reported, to be filled like the fill-in sheet.",
        show_default=False, file_okay=False)] = None,
    ledger: LedgerOption = None,
) -> None:
    """Show who has reported for a month: per county the projects reported, not reported
    (未报送), reported 0 by design (not started, no plan) or to be checked, the entries
    word for word those of the month before (an old sheet sent again), 报送及时率, and
    the counties that sent nothing.

    Example: majorproj status -l data/sample --month 2024-06 --reminders 催报/
    """
    from majorproj.cli.summary import _printed
    from majorproj.metrics.reporting import reporting

    book = sound_ledger(ledger)
    number = month_number(month, book)
    result = reporting(book, number)
    rendered = STATUS[format].load()(result)
    if reminders is not None:  # first: a folder it cannot write stops before any output
        from majorproj.render.fill_in import fill_in_sheets

        late = {c.county: c.missing for c in result.late}
        if late:
            write_sheets(fill_in_sheets(book, number, list(late), only=late), reminders,
                         "--county", "--reminders", told_on_stderr=True)
        else:
            typer.echo("every project has reported: no reminder sheet to write", err=True)
    typer.echo(rendered if isinstance(rendered, str) else _printed(rendered, True), nl=False,
               color=True)
