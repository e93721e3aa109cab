"""Chinese names that the summary's renderers share: groups, batches, the as-of line."""

from __future__ import annotations

from majorproj.ledger import vocab
from majorproj.metrics.figures import Summary
from majorproj.periods import chinese_date
from majorproj.render.numbers import percent

BATCH_ACHIEVED = {batch: f"已{verb}" for batch, verb in vocab.BATCH_VERBS.items()}


def group_name(grouping: str, name: str) -> str:
    """A group as offices write it: 省重点 for ``provincial``; ledger names as they are."""
    return vocab.LEVELS.get(name, name) if grouping == "level" else name


def as_of_line(summary: Summary) -> str:
    """截至2024年6月30日（6月调度），序时进度50.0% — the period a table speaks of."""
    period = summary.period
    day = period.as_of
    if summary.report_month is None:
        report = "尚无调度数据"
    elif summary.report_month == period.month:
        report = f"{period.month}月调度"
    else:
        report = f"最新调度为{summary.report_month}月"
    return (f"截至{chinese_date(day)}（{report}），"
            f"序时进度{percent(period.time_progress)}")
