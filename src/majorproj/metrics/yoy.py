"""同比 (year on year): this year's figures against the same months of last year.

Last year is either its ledger (``previous:`` in majorproj.yaml, or ``--previous``),
whose figures for the same months are computed exactly as this year's are, or the
totals an office gives in ``previous_totals:`` (by month, overall and optionally per
county). The months compared are those of this year's figures (the report month:
1-M月 when the period is cut to M); last year must have them, else there is no 同比.

Groups are compared by name: a group of this year whose name exists last year (a level,
county, sector or tag of last year's ledger, a county of the totals). Each year counts
its own list of projects, as published 同比 figures do. A project's own 去年同期 comes
from last year's ledger, the project matched by id, else by code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from majorproj.ledger.models import LastYearTotals, Ledger
from majorproj.ledger.previous import matched
from majorproj.metrics.figures import Figures, LastYear, ProjectStatus
from majorproj.metrics.rates import completion_rate, growth, rate_change_pp


@dataclass(frozen=True)
class Amounts:
    """Last year's 1-N月 completed investment of one set of projects, and its annual plan."""

    completed_ytd: Decimal
    annual_plan: Decimal | None  # None: not known (totals given without a plan)


@dataclass(frozen=True)
class Baseline:
    """Last year's figures for the same months: overall, per group, per project."""

    source: str  # "ledger" | "totals"
    overall: Amounts
    groups: dict[str, dict[str, Amounts]]  # grouping → name → amounts
    by_id: dict[str, Amounts]  # project id → its amounts (from a ledger only)
    by_code: dict[str, Amounts]  # project code → the same


def baseline(ledger: Ledger, month: int) -> Baseline | None:
    """Last year's months 1-``month`` from the previous ledger, else previous_totals;
    None without either, or when last year has no figures for ``month``."""
    if ledger.previous is not None:
        return from_ledger(ledger.previous, month)
    totals = ledger.config.previous_totals
    return from_totals(totals, month) if totals is not None else None


def from_ledger(previous: Ledger, month: int) -> Baseline | None:
    """Last year's ledger computed for its months 1-``month`` (which it must have)."""
    from majorproj.metrics.summarise import compute
    from majorproj.periods import parse_period

    if month not in previous.progress:
        return None
    last = compute(previous, parse_period(f"{previous.config.year}M{month:02d}"))
    by_id = {s.project.id: Amounts(s.completed_ytd, s.project.annual_plan)
             for s in last.projects}
    by_code = {s.project.code: by_id[s.project.id] for s in last.projects if s.project.code}
    return Baseline("ledger", _amounts(last.overall),
                    {g: {name: _amounts(f) for name, f in named.items()}
                     for g, named in last.groups.items()}, by_id, by_code)


def _amounts(f: Figures) -> Amounts:
    return Amounts(f.completed_ytd, f.annual_plan)


def from_totals(totals: LastYearTotals, month: int) -> Baseline | None:
    """previous_totals for ``month``: overall (which it must have) and the counties it has."""
    if month not in totals.completed_ytd:
        return None
    counties = {name: Amounts(t.completed_ytd[month], t.annual_plan)
                for name, t in totals.counties.items() if month in t.completed_ytd}
    return Baseline("totals", Amounts(totals.completed_ytd[month], totals.annual_plan),
                    {"county": counties}, {}, {})


def versus(completed: Decimal, plan: Decimal, last: Amounts) -> LastYear:
    """同比 of ``completed`` (of ``plan``) against last year's ``last``."""
    c0 = last.completed_ytd
    return LastYear(completed_ytd=c0, increase=completed - c0, growth=growth(completed, c0),
                    completion_rate_pp=rate_change_pp(completed, plan, c0, last.annual_plan))


def compared(f: Figures, last: Amounts | None) -> Figures:
    """``f`` with its 同比 against ``last`` (unchanged when there is no ``last``)."""
    if last is None:
        return f
    return replace(f, last_year=versus(f.completed_ytd, f.annual_plan, last))


def with_project(status: ProjectStatus, base: Baseline) -> ProjectStatus:
    """``status`` with its own 同比, the project matched by id, else by code."""
    last = matched(status.project, base.by_id, base.by_code)
    if last is None:
        return status
    plan = status.project.annual_plan or Decimal(0)
    return replace(status, last_year=versus(status.completed_ytd, plan, last))


def monthly_rates(ledger: Ledger, last_month: int) -> tuple[Decimal | None, ...]:
    """去年同期's completion rate at the end of each month 1 … ``last_month``, for the
    monthly chart: last year's cumulative (a project's latest entry up to the month, as every
    figure counts) over last year's annual plan, from its ledger or from previous_totals.
    None for a month last year has no figure of (its ledger no report of that month, as a
    period's 同比 needs one); () without last year or without its plan.
    """
    from majorproj.metrics.monthly import cumulative_by_month

    months = range(1, last_month + 1)
    if ledger.previous is not None:
        previous = ledger.previous
        plan = sum((p.annual_plan or Decimal(0) for p in previous.projects), Decimal(0))
        done = cumulative_by_month(previous, last_month)
        values = [completion_rate(c, plan) if m in previous.progress else None
                  for m, c in zip(months, done, strict=True)]
    elif ledger.config.previous_totals is not None:
        totals = ledger.config.previous_totals
        plan = totals.annual_plan or Decimal(0)
        values = [completion_rate(totals.completed_ytd[m], plan)
                  if m in totals.completed_ytd else None for m in months]
    else:
        return ()
    return tuple(values) if any(v is not None for v in values) else ()
