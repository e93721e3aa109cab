"""compute(ledger, period) → Summary: one pass over the projects, groups by accumulating."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from typing import NamedTuple

from majorproj.ledger import vocab
from majorproj.ledger.models import Ledger, Targets, Thresholds
from majorproj.metrics.figures import CountyRank, Figures, ProjectStatus, Summary
from majorproj.metrics.lights import RED, YELLOW, gap_light
from majorproj.metrics.monthly import cumulative_by_month
from majorproj.metrics.rates import timeliness_rate
from majorproj.metrics.status import Entries, project_status
from majorproj.metrics.supervision import supervised_issues
from majorproj.metrics.tally import Tally
from majorproj.metrics.yoy import baseline, compared, monthly_rates, with_project
from majorproj.periods import Period

PRECISION = 28  # sums of amounts (≤ 4 decimals, < 10⁹ 万元 each) stay exact well within it


def compute(ledger: Ledger, period: Period) -> Summary:
    """Every figure of ``ledger`` as of ``period``, overall and per group.

    When the latest progress report at or before month N is of an earlier month M, the
    period is cut to M (``Period.cut_to``): the figures, time progress, milestones and
    lights are all M's, and ``Summary.period`` says so.
    """
    with localcontext(Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)):
        return _compute(ledger, period)


def _compute(ledger: Ledger, period: Period) -> Summary:
    config = ledger.config
    months = sorted((m for m in ledger.progress if m <= period.month), reverse=True)
    reports = [ledger.progress[m] for m in months]
    if months and months[0] < period.month:
        period = period.cut_to(months[0])
    overall = Tally()
    groups: dict[str, dict[str, Tally]] = {
        "level": {},  # only the levels present, in the format's order (sorted below)
        "county": {name: Tally() for name in config.counties},
        "sector": {name: Tally() for name in config.sectors},
        "tag": {name: Tally() for name in config.tags},
    }
    statuses = []
    # last year's open 督办事项 run on into this year until closed
    entries = Entries(reports, ledger.previous.issues_before() if ledger.previous else None)
    # a project is of one level, county and sector: it is added to the tally of its
    # three, and every group (and the whole) sums the tallies it holds, one addition
    # a project instead of four; a project may have any number of tags
    cells: dict[tuple[str, str, str], Tally] = {}
    tags = groups["tag"]
    for project in ledger.projects:
        status = project_status(project, entries, period, config.thresholds)
        statuses.append(status)
        key = (project.level, project.county, project.sector)
        if key not in cells:
            cells[key] = Tally()
        cells[key].add(status)
        for name in dict.fromkeys(project.tags):
            if name not in tags:  # a tag outside the config
                tags[name] = Tally()
            tags[name].add(status)
    for (level, county, sector), cell in cells.items():  # in the order first met
        overall.merge(cell)
        for grouping, name in (("level", level), ("county", county), ("sector", sector)):
            tallies = groups[grouping]
            if name not in tallies:  # a level met first; or a name outside the config
                tallies[name] = Tally()
            tallies[name].merge(cell)
    levels = groups["level"]
    groups["level"] = {lv: levels[lv] for lv in vocab.LEVELS if lv in levels}
    n = period.month
    report_month = months[0] if months else None
    base = baseline(ledger, report_month) if report_month is not None else None
    last = base.groups if base else {}
    targets = config.targets
    figures = {g: {name: compared(t.figures(n, target_of(targets, n, t.annual_plan, name)
                                            if g == "county" else None),
                                  last.get(g, {}).get(name))
                   for name, t in tallies.items()}
               for g, tallies in groups.items()}
    if base is not None and base.by_id:
        statuses = [with_project(s, base) for s in statuses]
    return Summary(
        city=config.city,
        year=config.year,
        period=period,
        overall=compared(overall.figures(n, target_of(targets, n, overall.annual_plan)),
                         base.overall if base else None),
        groups=figures,
        projects=tuple(statuses),
        lights=warned(statuses),
        not_reported=tuple(s.project.id for s in statuses if not s.reported),
        ranking=rank_counties(figures["county"], n, config.thresholds,
                              config.monthly.timeliness_weight),
        thresholds=config.thresholds,
        report_month=report_month,
        monthly_completed=cumulative_by_month(ledger, n),
        last_year_monthly=monthly_rates(ledger, n),
        last_year=base.source if base else None,
        supervision=supervised_issues(statuses, period.as_of),
        funding_dated=not any("funding" in s.undated for s in statuses),
        procedures_dated=not any("procedures" in s.undated for s in statuses
                                 if not s.under_way),
    )


def warned(statuses: list[ProjectStatus]) -> tuple[ProjectStatus, ...]:
    """Red then yellow projects, the furthest behind 序时进度 first; of those as far behind
    (逾期未开工 with nothing invested), the one due to start earliest, then ledger order."""
    flagged = [s for s in statuses if s.light in (RED, YELLOW)]
    return tuple(sorted(flagged, key=_behind))


def _behind(status: ProjectStatus) -> tuple:
    due = status.reason.planned_start if status.reason.kind == "overdue" else None
    return (status.light == YELLOW, status.schedule_gap_pp,
            (due.year, due.number) if due else (9999, 13))


def target_of(targets: Targets, month: int, plan: Decimal,
              county: str | None = None) -> Decimal | None:
    """The cumulative target set for ``month`` (万元), overall or for ``county``; None when
    none is set (the target is then annual_plan × month / 12)."""
    value = (targets.counties.get(county, {}) if county else targets.overall).get(month)
    if value is None:
        return None
    return value * plan if targets.unit == "share" else value


def rank_counties(counties: dict[str, Figures], month: int = 12,
                  thresholds: Thresholds | None = None,
                  timeliness_weight: Decimal = Decimal(0)) -> tuple[CountyRank, ...]:
    """Counties with projects by completion_rate desc, then completed_ytd desc, each with
    its own light (``thresholds``' rule on its gap at ``month``).

    With a ``timeliness_weight`` w > 0 the key is the score (1 − w) × 投资完成率 +
    w × 报送及时率 instead. Counties without a rate (no annual plan) come last. Equal
    keys share a rank (1, 2, 2, 4); ties keep the config's order.
    """
    w = timeliness_weight

    def score(f: Figures) -> Decimal | None:
        rate = f.completion_rate
        timely = timeliness_rate(f.reported, f.projects)
        if not w or rate is None or timely is None:
            return None
        return (1 - w) * rate + w * timely

    def key(item: tuple[str, Figures]) -> tuple[bool, Decimal, Decimal]:
        f = item[1]
        rate = score(f) if w else f.completion_rate
        return (rate is None, -(rate or Decimal(0)), -f.completed_ytd)

    ordered = sorted(((c, f) for c, f in counties.items() if f.projects), key=key)
    ranking: list[CountyRank] = []
    for i, (county, f) in enumerate(ordered):
        tied = ranking and key(ordered[i - 1]) == key((county, f))
        light = None if thresholds is None else gap_light(f.completed_ytd, f.annual_plan,
                                                            month, thresholds)
        ranking.append(CountyRank(ranking[-1].rank if tied else i + 1, county, f, score(f),
                                  light))
    return tuple(ranking)


class Rolls(NamedTuple):
    """红榜 and 黑榜, and whether each holds every county of its kind (then none of them
    is 居前 or 居后 of others: the 通报 says so)."""

    red: tuple[CountyRank, ...]
    black: tuple[CountyRank, ...]
    all_red: bool
    all_black: bool


def honour_rolls(ranking: tuple[CountyRank, ...], red: int, black: int) -> Rolls:
    """红榜 and 黑榜: the first ``red`` counties of the ranking that reached their target
    due by month N, and the last ``black`` that did not, the last first.

    The target is the county's stage target when ``targets`` sets one, else its plan ×
    N/12 (序时进度): 履约率 ≥ 100%, which without a set target is 超序时进度 ≥ 0."""
    def reached(r: CountyRank) -> bool | None:
        if r.figures.fulfilment_rate is not None:
            return r.figures.fulfilment_rate >= 1
        return None if r.figures.schedule_gap_pp is None else r.figures.schedule_gap_pp >= 0

    met = [r for r in ranking if reached(r) is True]
    missed = [r for r in ranking if reached(r) is False]
    return Rolls(tuple(met[:red]), tuple(reversed(missed))[:black], len(met) <= red,
                 len(missed) <= black)
