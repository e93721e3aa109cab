"""Warning lights (红黄绿灯) and the reason each project gets its light.

A light is given to a project with annual_plan > 0 that is under way (continuing,
or started by the as-of date) or overdue (new, not started, and its planned start
month ended before the as-of month: 逾期未开工). The rule is the ledger's
``thresholds`` (``ledger.models.Thresholds``); by default, with the project's own gap =
(completed_ytd / annual_plan − N/12) × 100: red if overdue or gap < −red_pp, yellow if
gap < −yellow_pp, green otherwise. Settings measure the lag as a share of 序时进度
instead of points, let reaching the yellow bound count, and keep an overdue start
yellow until it is ``overdue_red_months`` months overdue. Every other project has no
light. A group (a county) gets the light of its own gap by the same bounds.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from majorproj.ledger.models import Project, Thresholds
from majorproj.metrics.figures import LightReason
from majorproj.metrics.rates import lag_exceeds, schedule_gap_pp
from majorproj.periods import Month, Period

RED, YELLOW, GREEN = "red", "yellow", "green"


def months_overdue(project: Project, under_way: bool, period: Period) -> int:
    """How many months 逾期未开工: months from the planned start month to month N (0: not)."""
    if project.nature != "new" or under_way or project.planned_start is None:
        return 0
    start = Month.of(project.planned_start)
    return max(0, (period.year - start.year) * 12 + period.month - start.number)


def is_overdue(project: Project, under_way: bool, period: Period) -> bool:
    """逾期未开工: a new project not started whose planned start month is before month N."""
    return months_overdue(project, under_way, period) > 0


def gap_light(completed: Decimal, plan: Decimal, month: int,
              thresholds: Thresholds) -> str | None:
    """The light of a gap behind 序时进度 alone (plan ≤ 0: none)."""
    if plan <= 0:
        return None
    measure = thresholds.measure
    if lag_exceeds(completed, plan, month, thresholds.red_pp, measure):
        return RED
    if lag_exceeds(completed, plan, month, thresholds.yellow_pp, measure,
                   inclusive=thresholds.bounds == "inclusive"):
        return YELLOW
    return GREEN


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
    if overdue or not under_way:
        start = Month.of(project.planned_start) if project.planned_start is not None else None
        if overdue:  # which a project is only with a planned start
            late = months_overdue(project, under_way, period)
            if late >= thresholds.overdue_red_months:
                return RED, LightReason("overdue", start)
            # overdue for fewer months than make it red (银川's 3): yellow, unless its gap
            # is red by itself, the worse of the two rules
            if gap_light(completed, plan, period.month, thresholds) == RED:
                return RED, _gap_reason(completed, plan, period, thresholds)
            return YELLOW, LightReason("overdue", start)
        if project.nature == "new" and start is not None:
            return None, LightReason("not_due", start)
        return None, LightReason("preparatory")
    return gap_light(completed, plan, period.month, thresholds), _gap_reason(
        completed, plan, period, thresholds)


def _gap_reason(completed: Decimal, plan: Decimal, period: Period, thresholds: Thresholds
                ) -> LightReason:
    return LightReason("gap", gap_pp=schedule_gap_pp(completed, plan, period.month),
                       bounds=gap_bounds(thresholds.yellow_pp, thresholds.red_pp,
                                         thresholds.measure, period.month))


@lru_cache(maxsize=16)
def gap_bounds(yellow: Decimal, red: Decimal, measure: str, month: int) -> tuple[Decimal, ...]:
    """The gaps (points) at which a project's light changes: −yellow and −red, or, with the
    lag measured as a share of 序时进度, those shares of N/12 in points (one tuple shared
    by the projects of a period)."""
    if measure == "points":
        return (-yellow, -red)
    return (-yellow * month / 12, -red * month / 12)
