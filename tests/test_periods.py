"""Periods: the accepted forms, their as-of month and date, Chinese labels, and errors."""

from datetime import date
from decimal import Decimal

import pytest

from majorproj.periods import PeriodError, parse_period


@pytest.mark.parametrize("text, label, month, chinese, as_of, title", [
    ("2024M08", "2024M08", 8, "1-8月", date(2024, 8, 31), "2024年1-8月"),
    ("2024-08", "2024M08", 8, "1-8月", date(2024, 8, 31), "2024年1-8月"),
    ("2024m8", "2024M08", 8, "1-8月", date(2024, 8, 31), "2024年1-8月"),
    ("2024M01", "2024M01", 1, "1月", date(2024, 1, 31), "2024年1月"),
    ("2024M02", "2024M02", 2, "1-2月", date(2024, 2, 29), "2024年1-2月"),  # leap year
    ("2024Q1", "2024Q1", 3, "一季度", date(2024, 3, 31), "2024年一季度"),
    ("2024Q2", "2024Q2", 6, "上半年", date(2024, 6, 30), "2024年上半年"),
    ("2024Q3", "2024Q3", 9, "前三季度", date(2024, 9, 30), "2024年前三季度"),
    ("2024Q4", "2024Q4", 12, "全年", date(2024, 12, 31), "2024年"),
    ("2024H1", "2024H1", 6, "上半年", date(2024, 6, 30), "2024年上半年"),
    ("2024H2", "2024H2", 12, "全年", date(2024, 12, 31), "2024年"),
    ("2024", "2024", 12, "全年", date(2024, 12, 31), "2024年"),
    (" 2024h1 ", "2024H1", 6, "上半年", date(2024, 6, 30), "2024年上半年"),
])
def test_accepted_forms(text, label, month, chinese, as_of, title):
    period = parse_period(text, 2024)
    assert (period.label, period.month, period.chinese, period.as_of, period.title) == \
        (label, month, chinese, as_of, title)
    assert period.time_progress == Decimal(month) / Decimal(12)


def test_february_of_a_common_year_ends_on_the_28th():
    assert parse_period("2023M02").as_of == date(2023, 2, 28)


@pytest.mark.parametrize("text", ["2024M13", "2024M00", "2024Q5", "2024H3", "24H1", "H1",
                                  "2024-1-1", "上半年", ""])
def test_malformed_periods_list_the_accepted_forms(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text, 2024)
    assert "2024Q1 … 2024Q4, 2024H1, 2024H2, 2024" in str(error.value)


def test_a_period_outside_the_ledger_year_lists_the_forms_of_that_year():
    with pytest.raises(PeriodError) as error:
        parse_period("2023H1", 2025)
    message = str(error.value)
    assert "outside the ledger's year 2025" in message
    assert "2025M08 or 2025-08" in message and "2025H1" in message


def test_a_month_reads_and_writes_yyyy_mm_and_orders_by_time():
    from majorproj.periods import Month

    june = Month.parse("2024-06")
    assert (june.year, june.number, str(june)) == (2024, 6, "2024-06")
    assert Month.of(date(2024, 6, 30)) == june == Month.of("2024-06")
    assert Month(2023, 12) < Month(2024, 1) < june
    assert (june.chinese, june.cumulative, Month(2024, 1).cumulative) == \
        ("2024年6月", "1-6月", "1月")
    assert parse_period("2024H1").as_of_month == june


@pytest.mark.parametrize("text", ["2024-6", "2024-13", "2024-00", "24-06", "2024/06", ""])
def test_a_month_is_yyyy_mm_only(text):
    from majorproj.periods import Month

    with pytest.raises(PeriodError, match=f"^'{text}' is not a month; write YYYY-MM, e.g. 2024-06$"):
        Month.parse(text)


def test_without_a_ledger_year_the_forms_are_given_as_for_2024():
    with pytest.raises(PeriodError) as error:
        parse_period("2025M13")
    assert str(error.value) == ("'2025M13' has no month 13; use 2024M08 or 2024-08 (a month), "
                                "2024Q1 … 2024Q4, 2024H1, 2024H2, 2024")

