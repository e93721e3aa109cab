from __future__ import annotations

import re
import sys
from datetime import date
from enum import StrEnum
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
    say,
    sound_ledger,
)
from majorproj.periods import ACCEPTED_FORMS, YEARS, month_end
from majorproj.render.formats import REPORT

TEXT_FORMATS = ("md", "html")  # what -o - may write to standard output

if TYPE_CHECKING:
    ReportFormat = str
else:
    ReportFormat = choices("ReportFormat", REPORT)


class Kind(StrEnum):
    report = "report"
    bulletin = "bulletin"


def report(
    period: Annotated[str, typer.Option(
        "--period", "-p", help=f"The period: {ACCEPTED_FORMS}.", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The file to write (default: the city, year and period, e.g. "
        "某市2024年上半年重大项目工作情况报告.docx, in the current directory; - : standard "
        "output, as Markdown or, with --format html, the web page).",
        show_default=False)] = None,
    kind: Annotated[Kind, typer.Option(
        "--kind", "-k", help="report (重大项目工作情况报告, the half-year style report) or "
        "bulletin (the monthly 调度通报: rankings, 红黑榜, red-light projects, 督办).")
    ] = Kind.report,
    format: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help="docx (the official document), md (a Markdown preview) or "
        "html (one self-contained web page with charts and a filterable project table); "
        "default: from --output's ending (.md, .html), else docx.", show_default=False)] = None,
    templates: Annotated[Path | None, typer.Option(
        "--templates", help="A folder of templates that replace the bundled ones by file "
        "name (progress.md.j2, problems.md.j2, next_steps.md.j2; bulletin.md.j2).",
        show_default=False,
        file_okay=False)] = None,
    day: Annotated[str | None, typer.Option(
        "--date", help="成文日期, YYYY-MM-DD (default: report.date in majorproj.yaml for the "
        "report; else the 15th of the month after the period).", metavar="<YYYY-MM-DD>",
        show_default=False)] = None,
    ledger: LedgerOption = None,
    previous: PreviousOption = None,
) -> None:
    """Write the period's report (重大项目工作情况报告), or with --kind bulletin the monthly
    调度通报: the official .docx (GB/T 9704 form) or its Markdown preview.

    The text comes from the templates, the figures from the ledger; the narrative
    (narrative/PERIOD.yaml) supplies problems and next steps where it has them. The
    bulletin gives the overall figures and 当月进度, the 计划新开工/续建/计划投产
    projects, the county ranking in words with the 红榜 and 黑榜 (monthly.red_list and
    black_list in majorproj.yaml), the red-light projects with their leader and unit,
    the overdue 督办事项, and annexes. Nothing is written when a template fails (exit 2,
    naming its file and line); the same ledger and period always give the same bytes.

    \b
    Example: majorproj report --period 2024H1 --ledger data/sample
    Example: majorproj report --kind bulletin --period 2024M06 -l data/sample -o 6月通报.md
    """
    from majorproj.files import OutputError, write_atomic
    from majorproj.ledger.collector import collector_paused
    from majorproj.report import TemplateError, build_report, default_file_name
    from majorproj.report.bulletin import build_bulletin, bulletin_file_name

    build, file_name = ((build_bulletin, bulletin_file_name) if kind is Kind.bulletin
                        else (build_report, default_file_name))

    if templates is not None and not templates.is_dir():
        fail(f"--templates {templates}: no such folder")
    written_on = _written_on(day)
    the_ledger = sound_ledger(ledger, previous, warn=True)
    the_period = period_of(period, the_ledger)
    to_stdout = output is not None and str(output) == "-"
    if output is not None and output.suffix.lower() == ".pdf":
        docx = output.with_suffix(".docx")
        fail(f"--output {output}: majorproj writes .docx, not PDF; write {docx} and convert "
             f"it: soffice --headless --convert-to pdf {docx}")
    named = _FORMAT_OF_SUFFIX.get(output.suffix.lower()) if output and not to_stdout else None
    if format is None:
        format = "md" if to_stdout else named or "docx"
    elif output is not None and named is not None and named != format:  # Word in r.md
        fail(f"--output {output} names a {named} file, but --format is {format}: give the "
             f"file the ending of its format (e.g. {output.with_suffix('.' + format)}) or "
             "leave --format out")
    if to_stdout and format not in TEXT_FORMATS:
        fail(f"-o - writes text to standard output; {format} is not text: give a file name, "
             f"e.g. -o report.{format}")
    try:
        # the figures, rows and text live until the file is written, and what little is
        # cyclic (the document's tree) is freed at exit: at 10,000 projects the
        # collector's walks over the growing heap cost half a second (frozen at the end,
        # so that no walk follows either)
        with collector_paused(freeze=True):
            the_report = build(the_ledger, the_period, templates, written_on)
            data = REPORT[format].load()(the_report)
    except TemplateError as exc:
        fail(f"{exc} (template error: nothing was written)")
    # named after the period the figures speak of (cut to the data's month)
    spoken = the_report.period or the_period
    path = output or Path(file_name(the_ledger.config, spoken, format))
    if to_stdout:
        if sys.stdout.isatty():  # shown, not run: a name's bidi control or escape
            from majorproj.render.visible import terminal_visible

            data = terminal_visible(data.decode("utf-8")).encode("utf-8")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_atomic(path, data)
        except OutputError as exc:
            fail(str(exc))
    note_period(spoken, the_report.report_month)
    note_last_year(the_ledger, the_report.last_year, the_report.report_month)
    configured = the_ledger.config.report.date
    if kind is Kind.report and day is None and configured is not None \
            and the_report.date != configured:
        when = "comes before the end of the period" if configured <= spoken.as_of else \
            "is months after the period"
        say(f"note: report.date {configured} in majorproj.yaml {when}; the report is dated "
            f"{the_report.date} (--date sets another)", err=True)
    if not to_stdout:
        say(f"wrote {path}")


_FORMAT_OF_SUFFIX = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                     ".docx": "docx"}


def _written_on(day: str | None) -> date | None:
    """--date as a date, in the years a ledger's dates may have."""
    if day is None:
        return None
    example = "give the day the document is signed, e.g. --date 2024-07-15"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", day):
        fail(f"--date {day!r}: not of the form YYYY-MM-DD; {example}")
    year, month, number = (int(part) for part in day.split("-"))
    if year not in YEARS:
        fail(f"--date {day}: outside the years {YEARS[0]}–{YEARS[-1]}; {example}")
    if not 1 <= month <= 12:
        fail(f"--date {day}: there is no month {month}; {example}")
    last = month_end(year, month).day
    if not 1 <= number <= last:
        fail(f"--date {day}: {year}-{month:02d} has the days 1 to {last}; {example}")
    return date(year, month, number)
