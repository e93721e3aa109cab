"""Every rate of the figures, each ONE division of exact sums, so no rounded
intermediate enters.

With completed C, plan P and as-of month N (序时进度 time_progress = N / 12, which
``periods.Period.time_progress`` gives), and S of the T new projects started:

- 投资完成率 completion_rate = C / P
- 超序时进度 schedule_gap_pp = (C / P − N / 12) × 100 = (12·C − N·P) · 100 / (12·P)
- 履约率 fulfilment_rate = C / target(N), the cumulative target due by month N; without a
  set target, target(N) = P·N/12 and 履约率 = (C / P) / (N / 12) = 12·C / (N·P)
- 开工率 start_rate = S / T
- 当月进度 month_progress = M / P, with M the month's completed investment (当月完成投资)
- 同比增长 growth = (C − C₀) / C₀, with C₀ last year's completed of the same months
- 完成率同比 rate_change_pp = (C / P − C₀ / P₀) × 100 = (C·P₀ − C₀·P) · 100 / (P·P₀)
- 报送及时率 timeliness_rate = projects reported for month N / projects

A zero denominator gives None (shown as —), never an error; nothing is capped.
"""

from __future__ import annotations

from decimal import Decimal


def ratio(numerator: Decimal | int, denominator: Decimal | int) -> Decimal | None:
    """numerator / denominator, or None when the denominator is zero."""
    if not denominator:
        return None
    # a Decimal divides by an int exactly as by its Decimal; only two ints need one made
    return (numerator if type(numerator) is Decimal else Decimal(numerator)) / denominator


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


def month_progress(this_month: Decimal, plan: Decimal) -> Decimal | None:
    """当月进度: the month's completed investment over the annual plan."""
    return ratio(this_month, plan)


def growth(completed: Decimal, last_year: Decimal) -> Decimal | None:
    """同比增长: the change against last year's same months, over last year's."""
    return ratio(completed - last_year, last_year)


def rate_change_pp(completed: Decimal, plan: Decimal, last_completed: Decimal,
                   last_plan: Decimal | None) -> Decimal | None:
    """完成率同比 in points: this year's completion_rate − last year's, × 100."""
    if not plan or not last_plan:
        return None
    return ratio((completed * last_plan - last_completed * plan) * 100, plan * last_plan)


def timeliness_rate(reported: int, projects: int) -> Decimal | None:
    """报送及时率: the projects that reported for the month over all projects."""
    return ratio(reported, projects)

