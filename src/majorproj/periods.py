"""Months and reporting periods: 2024-06; 2024M08 / 2024-08, 2024Q1–Q4, 2024H1, 2024H2, 2024.

A ``Month`` is a calendar month, written YYYY-MM as progress files and the ledger's
fields name it. A period's as-of month N is its last month; its as-of date is that
month's last day. 序时进度 (time progress) is N / 12, as every published report uses.
Within the ledger's one year a month is also its number N (1–12), as the figures use it.
A period asked for before its last month's data is in is *cut* to the data's month M
(``cut_to``): its month, as-of date, time progress and Chinese name are then M's, while
``label`` and ``requested_month`` keep what was asked.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# YYYY-MM, e.g. 2024-06, in ASCII digits: \d would take ２０２４-06 too, a second file of June
MONTH_PATTERN = r"^([0-9]{4})-(0[1-9]|1[0-2])$"
YEARS = range(1990, 2101)  # the years a ledger's years and dates may be in
_MONTH = re.compile(MONTH_PATTERN)

ACCEPTED_FORMS = "2024M08 or 2024-08 (a month), 2024Q1 … 2024Q4, 2024H1, 2024H2, 2024"


def accepted_forms(year: int) -> str:
    """The accepted forms, written for the ledger's ``year``."""
    return ACCEPTED_FORMS.replace("2024", str(year))


_PATTERN = re.compile(
    r"^(?P<year>[0-9]{4})(?:(?:M|-)(?P<month>[0-9]{1,2})|Q(?P<quarter>[1-4])|H(?P<half>[12]))?$",
    re.IGNORECASE,
)


# quarters, halves and the year are named by their as-of month: Q2 and H1 are both 上半年
_CUMULATIVE = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}


class PeriodError(ValueError):
    """A period or month text that is malformed or outside the ledger's year."""


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month; ordered by time, written as YYYY-MM."""

    year: int
    number: int  # 1–12

    @classmethod
    def parse(cls, text: str) -> Month:
        """The month of a YYYY-MM text; PeriodError for anything else."""
        found = _MONTH.fullmatch(text)
        if not found:
            raise PeriodError(f"'{text}' is not a month; write YYYY-MM, e.g. 2024-06")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, value: date | str) -> Month:
        """The month of a date, or of a YYYY-MM text."""
        if isinstance(value, date):
            return cls(value.year, value.month)
        return cls.parse(value)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def chinese(self) -> str:
        """2024年6月."""
        return f"{self.year}年{self.number}月"

    @property
    def cumulative(self) -> str:
        """The months from January to this one, as reports name them: 1月, 1-6月."""
        return month_label(self.number)


@functools.cache  # asked once a project by the metrics
def month_end(year: int, month: int) -> date:
    """The last day of ``month`` of ``year``."""
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period of one year: a month, quarter, half or the whole year."""

    label: str  # canonical: 2024M08, 2024Q3, 2024H1, 2024H2, 2024
    year: int
    month: int  # the as-of month N
    chinese: str  # 1-8月, 一季度, 上半年, 前三季度, 全年
    requested_month: int | None = None  # the period's own last month, when cut (else None)

    def cut_to(self, month: int) -> Period:
        """The period as the data of month ``month`` (< N) can speak of it: 1-M月, M/12."""
        return Period(self.label, self.year, month, month_label(month), self.asked_month)

    @property
    def asked_month(self) -> int:
        """The period's own last month, whether or not it was cut."""
        return self.requested_month or self.month

    @property
    def is_cut(self) -> bool:
        return self.requested_month is not None

    @property
    def shown(self) -> str:
        """The label, and when cut the month its figures are of: 2024M09, as of month 6."""
        return f"{self.label}, as of month {self.month}" if self.is_cut else self.label

    @property
    def as_of(self) -> date:
        return month_end(self.year, self.month)

    @property
    def as_of_month(self) -> Month:
        return Month(self.year, self.month)

    @property
    def time_progress(self) -> Decimal:
        """序时进度 N / 12 as a decimal (metrics keep N and 12 apart for exact ratios)."""
        return Decimal(self.month) / Decimal(12)

    @property
    def is_full_year(self) -> bool:
        return self.month == 12

    @property
    def title(self) -> str:
        """The period as a report title names it: 2024年上半年, 2024年1-8月, 2024年."""
        return f"{self.year}年" if self.is_full_year else f"{self.year}年{self.chinese}"


def chinese_date(day: date) -> str:
    """2024年7月15日 (no zero padding)."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_label(month: int) -> str:
    """The months from January to month number ``month``: 1月, 1-6月."""
    return "1月" if month == 1 else f"1-{month}月"


def parse_period(text: str, year: int | None = None) -> Period:
    """Parse a period; with ``year``, refuse one outside the ledger's year."""
    forms = accepted_forms(year) if year is not None else ACCEPTED_FORMS
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        raise PeriodError(f"'{text}' is not a period; use {forms}")
    y = int(match["year"])
    if match["month"]:
        n = int(match["month"])
        if not 1 <= n <= 12:
            raise PeriodError(f"'{text}' has no month {n}; use {forms}")
        period = month_period(Month(y, n))
    elif match["quarter"]:
        q = int(match["quarter"])
        period = Period(f"{y}Q{q}", y, 3 * q, _CUMULATIVE[3 * q])
    elif match["half"]:
        h = int(match["half"])
        period = Period(f"{y}H{h}", y, 6 * h, _CUMULATIVE[6 * h])
    else:
        period = Period(str(y), y, 12, _CUMULATIVE[12])
    if year is not None and y != year:
        raise PeriodError(f"period {period.label} is outside the ledger's year {year}; "
                          f"use {forms}")
    return period


def month_period(month: Month) -> Period:
    """The period from January to ``month``: 2024M06, 1-6月."""
    return Period(f"{month.year}M{month.number:02d}", month.year, month.number,
                  month_label(month.number))
