from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from majorproj.cli.common import LedgerOption, fail, note_period, period_of, sound_ledger


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def audit(
    file: Annotated[Path, typer.Argument(help="The report: .docx, .md or .txt (UTF-8 or GBK).",
                                         show_default=False)],
    format: Annotated[AuditFormat | None, typer.Option(
        "--format", "-f", help="text, json or github (default: github when GITHUB_ACTIONS "
        "is true, else text).", show_default=False)] = None,
    ledger: LedgerOption = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="Compare the figures that name a metric with the ledger's for "
        "this period (2024H1, 2024M08…); the ledger is found as for every command.",
        show_default=False)] = None,
    unchecked: Annotated[bool, typer.Option(
        "--unchecked", help="Also list the figures whose basis the text does not state "
        "(warnings in text and github, \"ok\": null in json); they never fail the run.")] = False,
) -> None:
    """Check the arithmetic of a written report: every rate, share, gap against time
    progress, growth and total that the text's own numbers determine, judged as printed.

    Exit code 0 when every checked figure holds, 1 when any is wrong, 2 when the file
    cannot be read or an option is wrong.

    Example: majorproj audit 上半年报告.docx --ledger data/sample --period 2024H1
    """
    from majorproj.audit import ReadError, audit_file
    from majorproj.audit.output import FORMATS

    summary = None
    if period is not None:
        from majorproj.metrics import compute

        book = sound_ledger(ledger)
        summary = compute(book, period_of(period, book))
        note_period(summary.period, summary.report_month)
    elif ledger is not None:
        fail("--ledger needs --period: the ledger's figures are those of one period, "
             "e.g. --period 2024H1")
    try:
        result = audit_file(file, summary)
    except ReadError as exc:
        fail(str(exc))
    if format is None:
        github = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
        format = AuditFormat.github if github else AuditFormat.text
    typer.echo(FORMATS[format.value](result, unchecked), nl=False)
    if result.wrong:
        raise typer.Exit(1)
