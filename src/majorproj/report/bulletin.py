"""The monthly 调度通报: what it says, from the same figures as the report.

``build_bulletin(ledger, period, templates)`` → ``Report``, so the .docx and Markdown
writers lay it out in the same GB/T 9704 form. The template ``bulletin.md.j2`` sees
everything the report's templates see (``context.ReportContext``) and, besides:

- ``month_progress``: 当月进度, this month's completed investment over the annual plan;
- ``new``, ``continuing``: the figures of the 计划新开工 and 续建 projects (None when
  there are none); ``production``: 计划投产 (投产一批) members and those achieved;
- ``red_list``, ``black_list``: 红榜 and 黑榜 by ``monthly.red_list`` / ``black_list``
  of majorproj.yaml (``metrics.summarise.honour_rolls``);
- ``supervised``, ``supervised_closed``: 督办事项 in all, and those 已办结.

Its annexes: the county ranking, the lagging projects and, when there are any, the
督办事项清单.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from majorproj.ledger.models import Config, Ledger
from majorproj.periods import Period
from majorproj.report.build import Report


def bulletin_title(period: Period) -> str:
    return f"关于{period.title}全市重点项目推进情况的通报"


def build_bulletin(ledger: Ledger, period: Period, templates: Path | None = None,
                   day: date | None = None) -> Report:
    """The 调度通报 of ``ledger`` for ``period``; ``templates`` overrides by file name;
    ``day`` its 成文日期 (default: the 15th of the next month: report.date in majorproj.yaml
    is the report's, not every month's bulletin's)."""
    from majorproj.metrics import compute
    from majorproj.metrics.summarise import honour_rolls
    from majorproj.metrics.tally import figures_of
    from majorproj.report.annexes import (
        counties_annex,
        done_header,
        lagging_annex,
        supervision_annex,
    )
    from majorproj.report.context import FILTERS, build_context, following_15th
    from majorproj.report.prose import BULLETIN_PARTS, render_parts

    summary = compute(ledger, period)
    period = summary.period  # cut to the data's month when the asked one has no report
    day = day or following_15th(period)
    context = replace(build_context(ledger.config, summary, ledger.narratives.get(period.label),
                                    day), title=bulletin_title(period))
    overall = summary.overall
    monthly = ledger.config.monthly
    rolls = honour_rolls(summary.ranking, monthly.red_list, monthly.black_list)
    n = period.month
    by_nature = {nature: [s for s in summary.projects if s.project.nature == nature]
                 for nature in ("new", "continuing")}
    extras = {
        "month_progress": overall.month_progress,
        "new": figures_of(by_nature["new"], n) if by_nature["new"] else None,
        "continuing": figures_of(by_nature["continuing"], n) if by_nature["continuing"]
        else None,
        "production": overall.batches["production"],
        "red_list": rolls.red,
        "black_list": rolls.black,
        "red_list_all": rolls.all_red,  # every county that reached it: none 居前 of others
        "black_list_all": rolls.all_black,
        "by_target": bool(ledger.config.targets.counties),  # 红黑榜 by stage targets
        "supervised": len(summary.supervision),
        "supervised_closed": sum(1 for i in summary.supervision if i.issue.closed),
        "supervised_pending": sum(1 for i in summary.supervision
                                  if not i.issue.closed and i.issue.status in (None, "pending")),
    }
    blocks = render_parts(context.as_template_vars() | extras, FILTERS, templates, BULLETIN_PARTS)
    done = done_header(period.month)
    annexes = [counties_annex(summary, done), lagging_annex(summary, done)]
    if summary.supervision:
        annexes.append(supervision_annex(summary, 3))
    return Report(
        title=context.title,
        organ=context.organ,
        date=day,
        blocks=tuple(blocks),
        annexes=tuple(replace(a, number=i) for i, a in enumerate(annexes, 1)),
        fonts=ledger.config.report.fonts,
        report_month=summary.report_month,
        last_year=summary.last_year,
        period=summary.period,
    )


def bulletin_file_name(config: Config, period: Period, format: str) -> str:
    """某市2024年1-7月重点项目推进情况通报.docx."""
    from majorproj.files import safe_name

    return safe_name(f"{config.city}{period.title}重点项目推进情况通报") + "." + format
