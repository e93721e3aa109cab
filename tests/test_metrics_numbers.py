"""Presentation helpers: 亿元, 万元, percent and points, rounded half up only here."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from majorproj.render.numbers import percent, points, wan, wan_column, yi


def test_yi_has_at_most_one_decimal_and_rounds_half_up():
    assert yi(Decimal(7950000)) == "795"
    assert yi(Decimal(1743000)) == "174.3"
    assert yi(Decimal(1743500)) == "174.4"  # 174.35 → half up
    assert yi(Decimal("1742999.9999")) == "174.3"
    assert yi(Decimal(0)) == "0"


def test_yi_has_at_most_one_decimal_as_reports_present_amounts():
    # domain: 亿元 with at most one decimal, half up; 1 亿元 = 10,000 万元
    assert yi(Decimal(200)) == "0" and yi(Decimal(-200)) == "0"  # 0.02 → 0.0
    assert yi(Decimal(499)) == "0" and yi(Decimal(500)) == "0.1"  # 0.0499, 0.05 half up
    assert yi(Decimal(-500)) == "-0.1" and yi(Decimal(1743000)) == "174.3"
    assert yi(Decimal(7950000)) == "795"  # 795.0: no trailing zero


def test_money_says_yi_from_one_yi_and_wan_below():
    from majorproj.render.numbers import money

    assert money(Decimal(10000)) == "1亿元" and money(Decimal(1743000)) == "174.3亿元"
    assert money(Decimal("9999.99")) == "9999.99万元" and money(Decimal(-10000)) == "-1亿元"
    assert money(Decimal(-300)) == "-300万元" and money(Decimal(0)) == "0万元"


def test_wan_has_at_most_two_decimals():
    assert wan(Decimal("880.5")) == "880.5"
    assert wan(Decimal("5200.0000")) == "5200"
    assert wan(Decimal("1.005")) == "1.01"


def test_wan_column_has_exactly_two_decimals_so_points_line_up():
    assert wan_column(Decimal("880.5")) == "880.50"
    assert wan_column(Decimal(5200)) == "5,200.00"  # thousands separated
    assert wan_column(Decimal(1743000)) == "1,743,000.00"
    assert wan_column(Decimal("999.995")) == "1,000.00"  # half up, then separated
    assert wan_column(Decimal("1.005")) == "1.01"  # half up
    assert wan_column(Decimal("-0.001")) == "0.00"  # no negative zero


def test_yi_column_has_exactly_one_decimal():
    from majorproj.render.numbers import yi_column

    assert yi_column(Decimal(7950000)) == "795.0"  # not 795: one decimal in every row
    assert yi_column(Decimal(1743000)) == "174.3"
    assert yi_column(Decimal(1)) == "0.0"
    assert yi_column(Decimal(12345670000)) == "1,234,567.0"
    assert yi_column(Decimal(500)) == "0.1"  # 0.05 亿元, half up


def test_signed_points_say_ahead_or_behind_with_a_sign():
    from majorproj.render.numbers import MINUS, signed_points

    assert signed_points(Decimal("26.44")) == "+26.4"
    assert signed_points(Decimal("-3.25")) == MINUS + "3.3" == "\u22123.3"
    assert signed_points(Decimal("-0.04")) == "0.0"  # rounds to zero: no sign
    assert signed_points(Decimal("0.05")) == "+0.1"
    assert signed_points(None) == "—"


def test_percent_and_points():
    assert percent(Decimal(47) / Decimal(55)) == "85.5%"
    assert percent(Decimal(57) / Decimal(65)) == "87.7%"
    assert percent(Decimal(1743) / Decimal(2280)) == "76.4%"
    assert percent(Decimal("1.135")) == "113.5%"  # never capped at 100%
    assert percent(None) == "—"
    assert points(Decimal("-35.25")) == "-35.3"
    assert points(Decimal("-0.04")) == "0.0"  # no negative zero
    assert points(None) == "—"


def test_huge_values_round_without_error():
    # a rate of a project with a tiny plan can be enormous; rounding must not fail
    assert percent(Decimal(999999999) / Decimal("0.0001")) == "999999999000000.0%"
    assert yi(Decimal("12345678901234.5678")) == "1234567890.1"  # 万元 → 亿元


def test_a_gap_that_rounds_to_zero_reads_as_on_schedule_everywhere():
    from majorproj.metrics import LightReason
    from majorproj.render.reasons import gap_text, reason_text

    # (0.4996 − 0.5) × 100 = −0.04 points: 0.0 after 四舍五入, neither ahead nor behind
    gap = (Decimal("0.4996") - Decimal("0.5")) * 100
    assert gap_text(gap) == reason_text(LightReason("gap", gap_pp=gap)) == "与序时进度持平"
    assert gap_text(Decimal("-0.05")) == "落后序时进度0.1个百分点"
    assert gap_text(Decimal("26.35")) == "超序时进度26.4个百分点"
    assert gap_text(Decimal("-35.25")) == "落后序时进度35.3个百分点"  # half up, away from 0
    assert gap_text(Decimal("0.04")) == gap_text(Decimal("-0.0")) == "与序时进度持平"
    assert gap_text(None) == ""


@pytest.mark.parametrize("value,text", [("7950000", "7950000"), ("7.95E+6", "7950000"),
                                        ("880.50", "880.5"), ("0.0001", "0.0001"),
                                        ("0.000", "0"), ("-0", "0"), ("1E+3", "1000"),
                                        ("2.5E-5", "0.000025"), ("120.000", "120"),
                                        ("-0.00", "0"), ("-12.30", "-12.3")])
def test_plain_writes_a_decimal_exactly_without_exponent_or_trailing_zeros(value, text):
    from majorproj.render.numbers import plain

    assert plain(Decimal(value)) == text



def test_a_figure_beside_a_verdict_shows_the_decimals_that_tell_it_from_the_bound():
    from majorproj.metrics import LightReason
    from majorproj.render.reasons import gap_text, reason_text

    # (0.3996 − 0.5) × 100 = −10.04: beyond the yellow bound of 10 points, so not "10.0"
    gap = (Decimal("0.3996") - Decimal("0.5")) * 100
    bounds = (Decimal(-10), Decimal(-30))
    assert reason_text(LightReason("gap", gap_pp=gap, bounds=bounds)) == "落后序时进度10.04个百分点"
    # exactly on the bound, or clear of it: one decimal as always
    assert gap_text(Decimal(-10), *bounds) == "落后序时进度10.0个百分点"
    assert gap_text(Decimal("-10.5"), *bounds) == "落后序时进度10.5个百分点"
    assert gap_text(Decimal("-29.996"), *bounds) == "落后序时进度29.996个百分点"
    # 0 as a bound: −0.04 beside "未达到序时进度" is behind, not 持平
    assert gap_text(Decimal("-0.04"), 0) == "落后序时进度0.04个百分点"
    assert gap_text(Decimal("-0.00001"), 0) == "与序时进度持平"  # past 4 places: level
    # a rate against 序时进度 (a fraction): 49.96% is short of 50%, 58.30% of 7/12
    assert percent(Decimal("0.4996"), Decimal("0.5")) == "49.96%"
    assert percent(Decimal("0.4996")) == "50.0%"
    assert percent(Decimal("0.5830"), Decimal(7) / 12) == "58.30%"
    assert percent(Decimal("0.5"), Decimal("0.5"), None) == "50.0%"
    assert points(Decimal("-30.0004"), -30) == "-30.0004"


def _decisive_by_definition(value: Decimal, bounds) -> Decimal:
    """The fewest decimals from 1 to 4 at which ``value`` rounds otherwise than every bound
    that it is not (4 when none tells them apart), by trying each in turn."""
    from majorproj.render.numbers import rounded

    others = [Decimal(b) for b in bounds if b is not None and b != value]
    for places in (1, 2, 3):
        if all(rounded(value, places) != rounded(b, places) for b in others):
            return rounded(value, places)
    return rounded(value, 4)


figures = st.decimals(min_value=-200, max_value=200, places=5, allow_nan=False)


@given(figures, st.lists(st.one_of(st.none(), figures, st.integers(-100, 100)), max_size=4),
       st.integers(-3, 3))
def test_decisive_gives_the_fewest_decimals_that_tell_the_figure_from_its_bounds(
        value, bounds, nudge):
    from majorproj.render.numbers import decisive

    # and bounds a hair from the value, where the decimals matter
    near = [value + Decimal(nudge).scaleb(-3), value + Decimal(nudge).scaleb(-5)]
    for given_bounds in (bounds, [*bounds, *near]):
        assert decisive(value, given_bounds) == _decisive_by_definition(value, given_bounds)
