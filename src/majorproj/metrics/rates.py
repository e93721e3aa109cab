"""Every rate of the figures, each ONE division of exact sums, so no rounded
intermediate enters.

With completed C, plan P and as-of month N (序时进度 time_progress = N / 12, which
``periods.Period.time_progress`` gives), and S of the T new projects started:

- 投资完成率 completion_rate = C / P
- 超序时进度 schedule_gap_pp = (C / P − N / 12) × 100 = (12·C − N·P) · 100 / (12·P)
- 履约率 fulfilment_rate = C / target(N), the cumulative target due by month N; without a
  set target, target(N) = P·N/12 and 履约率 = (C / P) / (N / 12) = 12·C / (N·P)
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


def fulfilment_rate(completed: Decimal, plan: Decimal, month: int,
                    target: Decimal | None = None) -> Decimal | None:
    """履约率: completed over the target due by ``month``; without a target, completion_rate
    over 序时进度 month/12 (the target being plan·month/12)."""
    if target is not None:
        return ratio(completed, target)
    return ratio(12 * completed, month * plan)


def lag_exceeds(completed: Decimal, plan: Decimal, month: int, bound: Decimal,
                measure: str = "points", inclusive: bool = False) -> bool:
    """True when the lag behind 序时进度 passes ``bound``, decided without dividing (plan > 0).

    The lag is N/12 − C/P: in points, × 100 (``measure`` "points"); as a share of 序时进度,
    ÷ (N/12) × 100 (``measure`` "share"). Both compare 100·(N·P − 12·C) with the bound
    times 12·P or N·P; ``inclusive``: reaching the bound is enough.
    """
    lag = 100 * (month * plan - 12 * completed)
    limit = bound * (12 * plan if measure == "points" else month * plan)
    return lag >= limit if inclusive else lag > limit


def start_rate(started: int, planned: int) -> Decimal | None:
    """开工率: the new projects (新开工) started by the as-of date over all new projects."""
    return ratio(started, planned)
