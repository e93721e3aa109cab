"""The rate formulas: one exact division each, None for a zero denominator."""

from decimal import Decimal

from majorproj.metrics.rates import (
    completion_rate,
    fulfilment_rate,
    lags_beyond,
    ratio,
    schedule_gap_pp,
)


def test_rates_of_the_sample_half_year():
    completed, plan = Decimal(1743000), Decimal(2280000)
    assert completion_rate(completed, plan) == Decimal(1743) / Decimal(2280)
    # (1743/2280 − 6/12) × 100 = (1743 − 1140) / 2280 × 100 = 60300 / 2280
    assert schedule_gap_pp(completed, plan, 6) == Decimal(60300) / Decimal(2280)
    # (1743/2280) / (6/12) = 1743 × 2 / 2280
    assert fulfilment_rate(completed, plan, 6) == Decimal(3486) / Decimal(2280)


def test_thirds_are_exact_with_no_rounded_time_progress():
    # 8 months: 序时 2/3. Completed exactly 2/3 of the plan is exactly on schedule.
    assert schedule_gap_pp(Decimal(200), Decimal(300), 8) == 0
    assert fulfilment_rate(Decimal(200), Decimal(300), 8) == 1


def test_zero_denominators_give_none():
    assert ratio(5, 0) is None
    assert completion_rate(Decimal(5), Decimal(0)) is None
    assert schedule_gap_pp(Decimal(5), Decimal(0), 6) is None
    assert fulfilment_rate(Decimal(5), Decimal(0), 6) is None


def test_lag_threshold_is_strict():
    # plan 1200, month 6: 序时 600; gap −10 pp exactly at 480 completed
    assert not lags_beyond(Decimal(480), Decimal(1200), 6, Decimal(10))
    assert lags_beyond(Decimal("479.9999"), Decimal(1200), 6, Decimal(10))


def test_start_rate_is_started_over_planned():
    from majorproj.metrics.rates import start_rate

    # the sample's 省重点: 47 of 55 new projects started, 47/55 = 0.8545…
    assert start_rate(47, 55) == Decimal(47) / Decimal(55)
    assert start_rate(0, 0) is None
