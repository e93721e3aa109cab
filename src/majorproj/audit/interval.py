"""Interval arithmetic for figures as printed.

A printed figure stands for every value that rounds to it: 35.9 for [35.85, 35.95],
47% for [46.5%, 47.5%). A count of projects is exact. A figure computed from printed
inputs lies in the interval their values give, and a printed result holds when some
value of that interval rounds (half up, to the digits printed) to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from majorproj.render.numbers import rounded


@dataclass(frozen=True, slots=True)
class Interval:
    """The exact values a printed figure may stand for: from lo to hi, both included."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def printed(cls, value: Decimal, places: int) -> Interval:
        """Every value that rounds half up to ``value`` at ``places`` decimals (closed)."""
        half = Decimal(5).scaleb(-places - 1)
        return cls(value - half, value + half)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def __truediv__(self, other: Interval) -> Interval | None:
        """The quotient's interval; None when the divisor's interval reaches zero."""
        if other.lo <= 0 <= other.hi:
            return None
        with localcontext() as context:
            context.prec = 40
            corners = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(corners), max(corners))

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))


def holds(printed: Decimal, places: int, possible: Interval) -> bool:
    """Whether some value in ``possible`` rounds half up to ``printed`` at ``places``.

    The values rounding to a non-negative ``printed`` are [printed − h, printed + h).
    """
    half = Decimal(5).scaleb(-places - 1)
    low, high = printed - half, printed + half
    if printed < 0:  # half up rounds away from zero: (printed − h, printed + h]
        return possible.lo <= high and possible.hi > low
    return possible.hi >= low and possible.lo < high


def at_places(value: Decimal, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, as printed: 85.5, 26, 0.40."""
    return f"{rounded(value, places):f}"


def printed_like(value: Decimal, places: int, printed: str) -> str:
    """``at_places``, written as ``printed`` is: with its thousands separators
    (7,950,000.00) and its plus sign (+26.4)."""
    text = f"{rounded(value, places):,f}" if "," in printed else at_places(value, places)
    return "+" + text if printed.lstrip().startswith("+") and value >= 0 else text
