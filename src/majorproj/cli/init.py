from __future__ import annotations

import datetime
import errno
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from majorproj.cli.common import fail, say
from majorproj.periods import YEARS


def init(
    directory: Annotated[Path | None, typer.Argument(
        help="Where to create the ledger (or --ledger).", show_default=False)] = None,
    city: Annotated[str, typer.Option(help="The city's name (市名).")] = "某市",
    year: Annotated[int | None, typer.Option(help="The ledger's year (default: this year).",
                                             show_default=False)] = None,
    ledger: Annotated[Path | None, typer.Option(
        "--ledger", "-l", help="Where to create the ledger, as the directory argument.",
        show_default=False)] = None,
) -> None:
    """Create a new ledger: config, an example project, a first monthly report, schemas.

    The result passes `majorproj check`; edit it from there.

    Example: majorproj init ledger-2025 --city 某市 --year 2025
    """
    from majorproj.files import OutputError, too_long
    from majorproj.ledger.skeleton import LedgerExists, create_ledger
    from majorproj.ledger.writing import LedgerBusy, ledger_lock

    if directory is not None and ledger is not None:
        fail("give the new ledger's directory once: as the argument or as --ledger")
    directory = directory or ledger
    if directory is None:
        fail("give the directory to create the ledger in, e.g. majorproj init ledger-2025")

    year = datetime.date.today().year if year is None else year
    if year not in YEARS:
        fail(f"--year {year} is not a plausible year")
    if not city.strip() or any(unicodedata.category(c)[0] == "C" for c in city):
        fail("--city must be the city's name: some text, without control characters")
    try:
        if directory.exists() and not directory.is_dir():
            fail(f"{directory} is a file, not a directory")
        directory.mkdir(parents=True, exist_ok=True)
        with ledger_lock(directory, "init"):
            create_ledger(directory, city, year)
    except (LedgerExists, LedgerBusy, OutputError) as exc:
        fail(str(exc))
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            fail(too_long(directory))
        fail(f"cannot create {directory}: {exc.strerror or exc}")
    say(f"created a ledger for {city} {year} in {directory}; "
               f"next: majorproj check {directory}")
