"""The command line: thin commands over the library, registered on one Typer app.

Each command module imports heavy libraries inside its function, so that ``--help``
and ``--version`` start fast.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from majorproj import __version__
from majorproj.cli import audit, check, excel, init, report, rollover, schema, status, summary
from majorproj.cli.common import NoCacheOption, use_cache

app = typer.Typer(
    name="majorproj",
    help="Key investment project ledgers (重点项目台账): check them, compute the figures, "
    "write the report.\n\nExample: majorproj check data/sample",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: starts in half the time of rich help
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command("check")(check.check)
app.command("schema")(schema.schema)
app.command("init")(init.init)
app.command("summary")(summary.summary)
app.command("report")(report.report)
app.command("status")(status.status)
app.add_typer(excel.import_app, name="import")
app.command("export")(excel.export)
app.command("audit")(audit.audit)
app.command("rollover")(rollover.rollover)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"majorproj {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Key investment project ledgers (重点项目台账): check, summarise, report."""
    use_cache(not no_cache)  # for this run; check's own --no-cache may turn it off


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except MemoryError:  # the inputs are bounded; this is a machine short of memory
        sys.stderr.write("majorproj: not enough memory for this ledger or workbook; close "
                         "other programs, or split the input (one county's sheet at a time)\n")
        sys.exit(2)
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
        from majorproj.files import too_long

        sys.stderr.write(f"majorproj: {too_long(Path(os.fsdecode(exc.filename or '')))}\n")
        sys.exit(2)
