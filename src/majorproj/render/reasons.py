"""Why a project has its light, in the words offices use."""

from __future__ import annotations

from decimal import Decimal

from majorproj.ledger.models import Thresholds
from majorproj.metrics.figures import LightReason
from majorproj.render.numbers import plain, points

_FIXED = {"no_plan": "本年无计划投资", "pending_plan": "年度计划待定",
          "preparatory": "预备项目，尚未开工"}


def reason_text(reason: LightReason) -> str:
    """逾期未开工（计划2024年3月开工）, 落后序时进度35.2个百分点, 超序时进度4.0个百分点 …; a gap
    that would read as one of the rule's bounds shows the decimals that its light needs
    (落后序时进度10.04个百分点 for a yellow light of gaps beyond 10)."""
    if reason.kind == "gap":
        return gap_text(reason.gap_pp, *reason.bounds)
    if reason.kind in ("overdue", "not_due") and reason.planned_start is not None:
        planned = f"计划{reason.planned_start.chinese}开工"
        if reason.kind == "overdue":
            return f"逾期未开工（{planned}）"
        return f"未到计划开工时间（{planned}）"
    return _FIXED[reason.kind]


def gap_text(gap_pp: Decimal | None, *bounds: Decimal | int) -> str:
    """超序时进度26.4个百分点 · 落后序时进度3.2个百分点 · 与序时进度持平 (when it rounds to 0.0);
    "" when there is no rate. A gap that would read as one of ``bounds`` shows the
    decimals that tell it from them: with 0 among them, 落后序时进度0.04个百分点 (beside a
    verdict that it has not reached 序时进度) rather than 持平."""
    if gap_pp is None:
        return ""
    shown = points(gap_pp, *bounds)  # rounded half up, away from zero either side
    if not Decimal(shown):
        return "与序时进度持平"
    if gap_pp > 0:
        return f"超序时进度{shown}个百分点"
    return f"落后序时进度{shown.removeprefix('-')}个百分点"


def rule_text(thresholds: Thresholds) -> str:
    """The warning rule as a report states it: 落后序时进度超过30个百分点或逾期未开工的亮红灯，
    超过10个百分点的亮黄灯 (today's default), or the ledger's own rule in the same words."""
    red, yellow = plain(thresholds.red_pp), plain(thresholds.yellow_pp)
    if thresholds.measure == "share":
        red_lag = f"落后超过序时进度的{red}%"
        # 落后 said again: 超过序时进度的12.5% alone reads as ahead of the schedule
        yellow_lag = f"落后达到序时进度的{yellow}%" if thresholds.bounds == "inclusive" \
            else f"落后超过序时进度的{yellow}%" if thresholds.yellow_pp else "落后序时进度"
    else:
        red_lag = f"落后序时进度超过{red}个百分点"
        yellow_lag = (f"达到{yellow}个百分点" if thresholds.bounds == "inclusive"
                      else f"超过{yellow}个百分点")
    months = thresholds.overdue_red_months
    if months == 1:
        return f"{red_lag}或逾期未开工的亮红灯，{yellow_lag}的亮黄灯"
    return (f"{red_lag}或逾期未开工满{months}个月的亮红灯，{yellow_lag}或逾期未开工未满{months}个月"
            "的亮黄灯")
