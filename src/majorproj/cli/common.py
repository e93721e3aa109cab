"""What every command shares: finding the ledger, loading it, and failing politely."""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from majorproj.ledger.load import Ledger, LoadResult
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


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``message`` to standard error and exit with ``code`` (2: usage error)."""
    sys.stderr.write(f"majorproj: {message}\n")
    raise typer.Exit(code)


def load(path: Path | None) -> LoadResult:
    """Load the ledger at ``path`` (or the default place); exit 2 when there is none."""
    from majorproj.ledger.load import LedgerNotFound, find_ledger, load_ledger

    try:
        root = find_ledger(path)
    except LedgerNotFound as exc:
        fail(str(exc))
    result = load_ledger(root)
    gc.freeze()  # the ledger lives until exit: later collections need not walk it again
    if root != Path("."):  # show paths as the user can open them from here
        result.problems[:] = [replace(p, file=os.path.join(root, p.file))
                              for p in result.problems]
    return result


def sound_ledger(path: Path | None) -> Ledger:
    """A ledger without errors, or exit 1 after printing its errors to standard error."""
    from majorproj.render.problems import as_text

    result = load(path)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.ledger is None:
        sys.stderr.write(as_text(errors))
        fail("the ledger has errors; fix them first (see `majorproj check`)", 1)
    return result.ledger


def period_of(text: str, ledger: Ledger) -> Period:
    """The period ``text`` names within the ledger's year, or exit 2 saying the forms."""
    from majorproj.periods import PeriodError, parse_period

    try:
        return parse_period(text, ledger.config.year)
    except PeriodError as exc:
        fail(f"--period: {exc}")
