"""Warning lights (红黄绿灯) and the reason each project gets its light.

A light is given to a project with annual_plan > 0 that is under way (continuing,
or started by the as-of date) or overdue (new, not started, and its planned start
month ended before the as-of month: 逾期未开工). With the project's own gap =
(completed_ytd / annual_plan − N/12) × 100: red if overdue or gap < −red_pp,
yellow if gap < −yellow_pp, green otherwise. Every other project has no light.
"""

from __future__ import annotations

from decimal import Decimal

from majorproj.ledger.models import Project, Thresholds
from majorproj.metrics.figures import LightReason
from majorproj.metrics.rates import lags_beyond, schedule_gap_pp
from majorproj.periods import Month, Period

RED, YELLOW, GREEN = "red", "yellow", "green"


def is_overdue(project: Project, under_way: bool, period: Period) -> bool:
    """逾期未开工: a new project not started whose planned start month is before month N."""
    if project.nature != "new" or under_way or project.planned_start is None:
        return False
    return Month.of(project.planned_start) < period.as_of_month


def light_of(project: Project, completed: Decimal, under_way: bool, overdue: bool,
             period: Period, thresholds: Thresholds) -> tuple[str | None, LightReason]:
    """(light, why) of one project; light None when it gets none.

    ``under_way``: started by the as-of date, continuing projects always (status.py).
    """
    plan = project.annual_plan
    if plan is None:
        return None, LightReason("pending_plan")
    if plan <= 0:
        return None, LightReason("no_plan")
    start = Month.of(project.planned_start) if project.planned_start is not None else None
    if overdue:  # which a project is only with a planned start
        return RED, LightReason("overdue", start)
    if not under_way:
        if project.nature == "new" and start is not None:
            return None, LightReason("not_due", start)
        return None, LightReason("preparatory")
    reason = LightReason("gap", gap_pp=schedule_gap_pp(completed, plan, period.month))
    if lags_beyond(completed, plan, period.month, thresholds.red_pp):
        return RED, reason
    if lags_beyond(completed, plan, period.month, thresholds.yellow_pp):
        return YELLOW, reason
    return GREEN, reason
