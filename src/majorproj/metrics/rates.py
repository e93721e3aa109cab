"""Every rate of the figures, each ONE division of exact sums, so no rounded
intermediate enters.

With completed C, plan P and as-of month N (序时进度 time_progress = N / 12, which
``periods.Period.time_progress`` gives), and S of the T new projects started:

- 投资完成率 completion_rate = C / P
- 超序时进度 schedule_gap_pp = (C / P − N / 12) × 100 = (12·C − N·P) · 100 / (12·P)
- 履约率 fulfilment_rate = (C / P) / (N / 12) = 12·C / (N·P)
- 开工率 start_rate = S / T

A zero denominator gives None (shown as —), never an error; nothing is capped.
"""

from __future__ import annotations

from decimal import Decimal


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """numerator / denominator, or None when the denominator is zero."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)


def completion_rate(completed: Decimal, plan: Decimal) -> Decimal | None:
    """投资完成率: completed investment over the annual plan."""
    return ratio(completed, plan)


def schedule_gap_pp(completed: Decimal, plan: Decimal, month: int) -> Decimal | None:
    """超序时进度 in percentage points: (completion_rate − month/12) × 100."""
    return ratio((12 * completed - month * plan) * 100, 12 * plan)


def fulfilment_rate(completed: Decimal, plan: Decimal, month: int) -> Decimal | None:
    """履约率: completion_rate over 序时进度 month/12."""
    return ratio(12 * completed, month * plan)


def start_rate(started: int, planned: int) -> Decimal | None:
    """开工率: the new projects (新开工) started by the as-of date over all new projects."""
    return ratio(started, planned)


def lags_beyond(completed: Decimal, plan: Decimal, month: int, pp: Decimal) -> bool:
    """True when schedule_gap_pp < −pp, decided without dividing (plan > 0)."""
    return (12 * completed - month * plan) * 100 < -pp * 12 * plan
