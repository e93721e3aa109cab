"""Numbers as reports print them: the only place where figures are rounded.

Rounding is 四舍五入 (ROUND_HALF_UP) and happens here, at presentation, never inside
sums or rates. Every renderer (terminal tables, CSV, the report, the Excel export)
uses these helpers so that one figure reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal

from majorproj.units import WAN_PER_YI, plain

DASH = "—"  # a rate without a denominator
_ROUNDING = Context(prec=60, rounding=ROUND_HALF_UP)  # room for any digits before the point


_QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(7)}  # 1, 0.1, 0.01 …


def rounded(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals (never ``-0``)."""
    quantum = _QUANTUM.get(places) or Decimal(1).scaleb(-places)
    result = value.quantize(quantum, context=_ROUNDING)
    return result if result else abs(result)


def _at_most(value: Decimal, places: int) -> str:
    """``value`` with at most ``places`` decimals, trailing zeros dropped: 795, 174.3."""
    return plain(rounded(value, places))


def yi(amount_wan: Decimal) -> str:
    """万元 → 亿元 with at most one decimal, as reports present amounts: 7950000 → "795",
    1743000 → "174.3", 200 → "0" (prose says an amount under one 亿 in 万元: ``money``)."""
    return _at_most(amount_wan / WAN_PER_YI, 1)


def money(amount_wan: Decimal) -> str:
    """An amount with its unit: 亿元 from one 亿 up (795亿元), 万元 below (300万元)."""
    if abs(amount_wan) >= WAN_PER_YI:
        return f"{yi(amount_wan)}亿元"
    return f"{wan(amount_wan)}万元"


def wan(amount: Decimal) -> str:
    """万元 with at most two decimals: 5200 → "5200", 880.5 → "880.5"."""
    return _at_most(amount, 2)


def wan_column(amount: Decimal | None) -> str:
    """万元 with exactly two decimals and thousands separators, for table columns whose
    points line up: 880.5 → "880.50", 1743000 → "1,743,000.00"; None (an amount not yet
    decided) → "—"."""
    if amount is None:
        return DASH
    return f"{rounded(amount, 2):,f}"


def yi_column(amount_wan: Decimal) -> str:
    """万元 → 亿元 with exactly one decimal and thousands separators, for table columns:
    7950000 → "795.0", 1743000 → "174.3"."""
    return f"{rounded(amount_wan.scaleb(-4), 1):,f}"


MINUS = "\u2212"  # −, as wide as + in the fonts of the tables


def signed_points(pp: Decimal | None) -> str:
    """Points against 序时进度 with their sign: 26.44 → "+26.4", -3.2 → "−3.2", 0.04 → "0.0";
    None → "—"."""
    if pp is None:
        return DASH
    value = rounded(pp, 1)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return f"{sign}{abs(value):f}"


MOST_PLACES = 4  # a figure beside a verdict shows at most this many decimals


def decisive(value: Decimal, bounds: Sequence[Decimal | int | None], places: int = 1
             ) -> Decimal:
    """``value`` rounded to ``places`` decimals, or to more (up to ``MOST_PLACES``) while
    it would read as one of ``bounds`` (so rounded) that it is not: a figure printed
    beside a verdict reached on its exact value then agrees with it (a gap of −10.04
    points beside 落后超过10个百分点 reads 10.04, not 10.0; a rate of 49.96% among those
    short of 序时进度 50% reads 49.96%, not 50.0%)."""
    shown = rounded(value, places)
    # a bound a whole unit of the last decimal or more away never rounds as the value does
    # (both would be within half a unit of the same figure): most are, or there are none
    unit = _QUANTUM.get(places) or Decimal(1).scaleb(-places)
    if not any(b is not None and abs(value - b) < unit for b in bounds):
        return shown
    others = [Decimal(b) for b in bounds if b is not None and b != value]
    while places < MOST_PLACES and any(shown == rounded(b, places) for b in others):
        places += 1
        shown = rounded(value, places)
    return shown


def percent(rate: Decimal | None, *bounds: Decimal | int | None) -> str:
    """A rate (fraction) as a percent with one decimal: 0.8545… → "85.5%"; None → "—".
    Beside a verdict on ``bounds`` (rates), with the decimals it needs (``decisive``)."""
    if rate is None:
        return DASH
    if not bounds:  # a table's column: no verdict beside it (most calls)
        return f"{rounded(rate.scaleb(2), 1):f}%"
    scaled = [Decimal(b).scaleb(2) for b in bounds if b is not None]
    return f"{decisive(rate.scaleb(2), scaled):f}%"


def points(pp: Decimal | None, *bounds: Decimal | int | None) -> str:
    """Percentage points with one decimal: -35.2 → "-35.2"; None → "—". Beside a verdict
    on ``bounds`` (points), with the decimals it needs (``decisive``)."""
    if pp is None:
        return DASH
    return f"{decisive(pp, bounds):f}"
