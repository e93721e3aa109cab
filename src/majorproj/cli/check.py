from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from majorproj.cli.common import (
    LedgerOption,
    NoCacheOption,
    check_problems,
    choices,
    fail,
    use_cache,
)
from majorproj.ledger.problems import unreadable
from majorproj.render.formats import CHECK

if TYPE_CHECKING:
    CheckFormat = str
else:
    CheckFormat = choices("CheckFormat", CHECK)


def check(
    directory: Annotated[Path | None, typer.Argument(help="Ledger directory.",
                                                     show_default=False)] = None,
    ledger: LedgerOption = None,
    format: Annotated[CheckFormat | None, typer.Option(
        "--format", "-f", help="text, json or github (default: github when GITHUB_ACTIONS "
        "is true, else text).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option(help="Warnings fail the check too.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Validate the whole ledger and list every problem as file:line:column.

    Exit code 0 when there are no errors, 1 when there are (with --strict, warnings
    too), 2 when the ledger cannot be found or one of its files cannot be read.

    Example: majorproj check data/sample --format json
    """
    if directory is not None and ledger is not None and directory != ledger:
        fail("give the ledger either as DIRECTORY or as --ledger, not both")
    if no_cache:
        use_cache(False)
    problems = check_problems(directory or ledger)
    if format is None:
        github = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
        format = "github" if github else "text"
    typer.echo(CHECK[format].load()(problems), nl=False)
    unusable = next((p for p in problems if p.code == "E113"), None)
    if unusable is not None:  # last year's ledger is input that cannot be used: exit 2
        fail(unusable.message)
    if unreadable(problems):
        raise typer.Exit(2)
    errors = sum(p.severity == "error" for p in problems)
    if errors or (strict and len(problems) > errors):
        raise typer.Exit(1)
