"""Amounts as offices type them, to exact 万元.

A cell may hold a number (Excel stores binary floats), or text: '1,234.5',
full-width '１２３４．５', '1234.5万元', '1.2亿元', with stray spaces. Blank cells and
dashes (—, -, /, 无) mean nothing was reported. Floats are read as Excel shows them,
to 15 significant digits, so that 0.1 + 0.2 stays 0.3 and never becomes
0.30000000000000004. The ledger keeps at most 4 decimal places (1 元 = 0.0001 万元):
``to_ledger_places`` rounds half up (四舍五入) and says when it had to.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from majorproj.excel.text import squeeze
from majorproj.ledger.models import MAX_AMOUNT
from majorproj.text import NOTHING
from majorproj.units import WAN_PER_YI

PLACES = Decimal("0.0001")
_NOTHING = NOTHING | {"空", "未报", "未填报"}
_UNIT_SUFFIX = re.compile(r"(亿元|亿|万元|万)$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class AmountError(ValueError):
    """A cell that should hold an amount and does not; the message says what it holds."""


def parse_amount(value: object, scale: Decimal = Decimal(1)) -> Decimal | None:
    """The cell ``value`` in 万元 (exact, unrounded), None when blank, or AmountError.

    ``scale`` is the column's unit in 万元 (10000 under an 亿元 header); a unit written
    in the cell itself ('1.2亿元', '500万元') wins over the column's. Amounts of
    ``MAX_AMOUNT`` 万元 or more (1e308, 25 digits, 1e1000000) are beyond any project.
    """
    try:
        return _parsed(value, scale)
    except ArithmeticError:  # an exponent beyond what Decimal computes with
        raise AmountError(f"'{value}' is beyond any project's amount; check the cell") from None


def _parsed(value: object, scale: Decimal) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(f"{value} is not an amount")
    if isinstance(value, datetime | date | time):
        raise AmountError(f"{value} is a date, not an amount (the cell is formatted as a "
                          "date; format it as a number)")
    if isinstance(value, int | Decimal):
        return _checked(Decimal(value) * scale, value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError(f"{value} is not an amount")
        return _checked(Decimal(format(value, ".15g")) * scale, value)
    return _from_text(str(value), scale)


def _from_text(text: str, scale: Decimal) -> Decimal | None:
    compact = squeeze(text).replace(",", "").replace("_", "")
    if compact in _NOTHING:
        return None
    unit = _UNIT_SUFFIX.search(compact)
    if unit:
        compact = compact[:unit.start()]
        scale = WAN_PER_YI if unit.group(1).startswith("亿") else Decimal(1)
    elif compact.endswith("元"):
        raise AmountError(f"'{text}' is in 元; write it in 万元 (1万元 = 10000元)")
    if compact.endswith("%"):
        raise AmountError(f"'{text}' is a percentage, not an amount")
    if not _NUMBER.match(compact):
        raise AmountError(f"'{text}' is not a number")
    try:
        amount = Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise AmountError(f"'{text}' is not a number") from None
    return _checked(amount * scale, text)


def _checked(amount: Decimal, shown: object) -> Decimal:
    if not amount.is_finite():
        raise AmountError(f"{shown} is not an amount")
    if amount < 0:
        raise AmountError(f"{shown} is negative; amounts are ≥ 0")
    if amount >= MAX_AMOUNT:
        raise AmountError(f"{shown} is {MAX_AMOUNT:,} 万元 or more, beyond any project; check "
                          "the cell and the column's unit (万元 or 亿元)")
    return amount


def to_ledger_places(amount: Decimal) -> tuple[Decimal, bool]:
    """``amount`` with at most 4 decimal places (half up), and whether it was rounded."""
    if amount == amount.quantize(PLACES, rounding=ROUND_HALF_UP):
        return amount, False
    return amount.quantize(PLACES, rounding=ROUND_HALF_UP), True


