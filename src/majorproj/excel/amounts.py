"""Amounts as offices type them, to exact 万元.

A cell may hold a number (Excel stores binary floats), or text: '1,234.5',
full-width '１２３４．５', '1234.5万元', '1.2亿元', '52000元', with stray spaces. Blank
cells and dashes (—, -, /, 无) mean nothing was reported; an Excel error value (#REF!,
#DIV/0! …: a formula that cannot be computed) is an error of its own (E504). Floats
are read as Excel shows them, to 15 significant digits, so that 0.1 + 0.2 stays 0.3
and never becomes 0.30000000000000004. The ledger keeps at most 4 decimal places
(1 元 = 0.0001 万元): ``to_ledger_places`` rounds half up (四舍五入) and says when it had to.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from majorproj.excel.cells import PercentCell, UnitCell
from majorproj.excel.text import squeeze
from majorproj.ledger.models import MAX_AMOUNT
from majorproj.text import NOTHING
from majorproj.units import IN_WAN

PLACES = Decimal("0.0001")
_NOTHING = NOTHING | {"空", "未报", "未填报", "未报送"}
# commas only between groups of three digits before the point: 1,234,567.5
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([亿万]?元?)$")
_UNIT_SUFFIX = re.compile(r"(亿元|亿|千万元|百万元|万元|万|千元|元)$")
EXCEL_ERRORS = re.compile(r"^#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|"
                          r"CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class AmountError(ValueError):
    """A cell that should hold an amount and does not; the message says what it holds,
    ``code`` the problem it is (E505, or E504 for an Excel error value)."""

    def __init__(self, message: str, code: str = "E505"):
        super().__init__(message)
        self.code = code


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
    if isinstance(value, PercentCell):
        raise AmountError(f"{Decimal(format(value, '.15g')).scaleb(2).normalize():f}% is a "
                          "percentage, not an amount (the cell is formatted as a percentage; "
                          "format it as a number and give the amount in 万元)")
    if isinstance(value, UnitCell):  # shown as 0.56亿元: the cell's unit wins, as typed
        return _checked(Decimal(format(value, ".15g")) * IN_WAN[value.unit], value)
    if isinstance(value, int | Decimal):
        return _checked(Decimal(value) * scale, value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AmountError(f"{value} is not an amount")
        return _checked(Decimal(format(value, ".15g")) * scale, value)
    return _from_text(str(value), scale)


# figures apart within a cell ("7800 500", "19500.5\n1200", full-width spaces too): two
# numbers, not one of their digits joined
_TWO_FIGURES = re.compile(r"[\d.,]\s+[\d.,]")


def _from_text(text: str, scale: Decimal) -> Decimal | None:
    if _TWO_FIGURES.search(unicodedata.normalize("NFKC", text)):
        shown = " ".join(text.split())
        raise AmountError(f"'{shown}' holds figures apart, not one number; keep the month's "
                          "cumulative figure alone in the cell")
    compact = squeeze(text)  # full-width digits and commas as ASCII ones, no spaces
    if compact in _NOTHING:
        return None
    unit = _UNIT_SUFFIX.search(compact)
    if unit:
        compact = compact[:unit.start()]
        scale = IN_WAN[unit.group(1)]
    if "," in compact:
        if not _GROUPED.match(compact):  # 10867,4: a decimal comma, or a slip of the key
            raise AmountError(f"'{text}' has a comma where no thousands separator can be; "
                              "write the figure without commas, its decimals after a point")
        compact = compact.replace(",", "")  # 1_234 is no office's way: not a number
    if EXCEL_ERRORS.match(compact.upper()):
        raise AmountError(f"the cell holds the Excel error {compact.upper()} (its formula "
                          "cannot be computed); correct the formula or type the figure", "E504")
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


