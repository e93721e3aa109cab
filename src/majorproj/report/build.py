"""From a ledger and a period to the finished report, in memory: nothing is written here.

``build_report`` computes the figures, fills the templates and lays out the annexes;
a renderer of ``render.formats.REPORT`` turns the result into the bytes of one format.
Everything is done before the caller writes a file, so a failing template leaves any
existing report untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from majorproj.ledger.models import Config, Fonts, Ledger
from majorproj.metrics import Summary
from majorproj.periods import Period, chinese_date
from majorproj.report.annexes import Annex, build_annexes, project_listing
from majorproj.report.charts import Chart, build_charts
from majorproj.report.context import FILTERS, build_context, default_title
from majorproj.report.prose import Block, render_parts


@dataclass(frozen=True)
class Colophon:
    """版记 (GB/T 9704 7.4): 抄送机关, 印发机关 and 印发日期, at the foot of the last page."""

    copy_to: tuple[str, ...]
    printed_by: str
    printed_on: date

    @property
    def copy_text(self) -> str:
        """抄送：市委办公室，市政府办公室。 ("" without 抄送)."""
        return f"抄送：{'，'.join(self.copy_to)}。" if self.copy_to else ""

    @property
    def printed_text(self) -> str:
        """2024年7月15日印发."""
        return f"{chinese_date(self.printed_on)}印发"


@dataclass(frozen=True)
class Report:
    """Everything a writer needs, already decided: text, annex tables, fonts, date."""

    title: str
    organ: str
    date: date
    blocks: tuple[Block, ...]
    annexes: tuple[Annex, ...]
    fonts: Fonts
    report_month: int | None = None  # the progress report the figures use (None: none yet)
    charts: tuple[Chart, ...] = ()  # 图1, 图2, …: drawn after the first part (一、推进情况)
    last_year: str | None = None  # where its 同比 comes from (None: no 同比)
    period: Period | None = None  # the period the figures speak of (cut to the data's month)
    number: str | None = None  # 发文字号, 某发改〔2024〕12号 (None: not printed)
    colophon: Colophon | None = None  # 版记 (None: not printed)
    # the figures, for what only one format shows (the web page's listing); None: no listing
    summary: Summary | None = field(default=None, repr=False, compare=False)

    @cached_property
    def listing(self) -> Annex | None:
        """Every project, for the web page's filterable table: built when a writer asks for
        it (0.1 s at 10,000 projects that the .docx and the Markdown do not spend)."""
        return project_listing(self.summary) if self.summary is not None else None

    @property
    def charts_at(self) -> int:
        """Where the charts stand among the blocks: at the end of the first part (一、), that
        is before the second first-level heading, or after the last block."""
        heads = [i for i, b in enumerate(self.blocks) if b.kind == "heading1"]
        return heads[1] if len(heads) > 1 else len(self.blocks)

    @property
    def date_text(self) -> str:
        """成文日期 as the signature prints it: 2024年7月15日."""
        return chinese_date(self.date)


def build_report(ledger: Ledger, period: Period, templates: Path | None = None,
                 day: date | None = None) -> Report:
    """The report of ``ledger`` for ``period``; ``templates`` overrides bundled ones by name;
    ``day`` its 成文日期 (default: report.date in majorproj.yaml, else the 15th of the next
    month).

    Raises ``TemplateError`` (naming the template file and line) when a template fails.
    """
    from majorproj.metrics import compute

    summary = compute(ledger, period)
    context = build_context(ledger.config, summary, ledger.narratives.get(period.label), day)
    blocks = render_parts(context.as_template_vars(), FILTERS, templates)
    return Report(
        title=context.title,
        organ=context.organ,
        date=context.date,
        blocks=tuple(blocks),
        annexes=build_annexes(summary),
        fonts=ledger.config.report.fonts,
        report_month=summary.report_month,
        summary=summary,
        charts=build_charts(summary) if ledger.config.report.charts else (),
        last_year=summary.last_year,
        period=summary.period,
        number=ledger.config.report.number,
        colophon=colophon_of(ledger.config, context.date),
    )


def colophon_of(config: Config, day: date) -> Colophon | None:
    """The 版记 the settings ask for: with 抄送 or 印发机关 set (印发机关 defaults to the
    organ, 印发日期 to the report's date)."""
    settings = config.report
    if not settings.copy_to and settings.printed_by is None:
        return None
    return Colophon(tuple(settings.copy_to), settings.printed_by or config.organ,
                    settings.printed_on or day)




def default_file_name(config: Config, period: Period, format: str) -> str:
    """某市2024年上半年重大项目工作情况报告.docx: city, year and period, whatever the title."""
    from majorproj.files import safe_name

    return safe_name(default_title(config, period)) + "." + format
