"""同比 in the words published reports use: 增长/减少, 同比增长/下降, 同比提高/下降X个百分点.

A change that rounds to zero at presentation reads 持平, so that no report says
"增长0.0%". The amounts are 亿元 (``money`` picks 万元 below one 亿) as elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from majorproj.render.numbers import DASH, money, percent, points


def _signed(value: Decimal, shown: Callable[[Decimal], str], up: str, down: str) -> str:
    text = shown(abs(value))
    if text == shown(Decimal(0)):
        return "持平"
    return f"{up if value > 0 else down}{text}"


def increase_text(increase: Decimal, money: Callable[[Decimal], str] = money) -> str:
    """增长153.3亿元 · 减少2.1亿元 · 增长200万元 · 持平: the amount against last year's same
    months, shown by ``money`` (亿元 from one 亿, 万元 below, unless told otherwise)."""
    return _signed(increase, money, "增长", "减少")


def growth_text(growth: Decimal | None) -> str:
    """同比增长95.7% · 同比下降3.2% · 同比持平; "" without a rate (last year's was 0)."""
    if growth is None:
        return ""
    return "同比" + _signed(growth, percent, "增长", "下降")


def rate_change_text(pp: Decimal | None) -> str:
    """同比提高10.7个百分点 · 同比下降1.5个百分点 · 同比持平; "" without both rates."""
    if pp is None:
        return ""
    return "同比" + _signed(pp, lambda p: f"{points(p)}个百分点", "提高", "下降")


def growth_cell(growth: Decimal | None) -> str:
    """A growth rate for a table column: 95.7%, -3.2%, —."""
    return DASH if growth is None else percent(growth)
