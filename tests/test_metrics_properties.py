"""Properties of compute() on random ledgers, against a brute-force reading of domain.md."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from majorproj.ledger.models import Config, Entry, Ledger, Progress, Project
from majorproj.metrics import compute
from majorproj.periods import parse_period

COUNTIES, SECTORS, TAGS = ["甲区", "乙县", "丙县"], ["产业", "交通"], ["灾后重建", "民生"]
amounts = st.decimals(min_value=0, max_value=100000, places=2)
days = st.integers(min_value=0, max_value=500).map(lambda n: date(2023, 9, 1) + timedelta(n))


@st.composite
def projects(draw, index):
    nature = draw(st.sampled_from(["new", "continuing", "preparatory"]))
    started = draw(st.none() | days)
    if nature == "continuing" and started is not None:
        started = min(started, date(2023, 12, 31))
    return Project(
        id=f"P{index}", name=f"项目{index}", level=draw(st.sampled_from(
            ["provincial", "municipal", "county"])),
        county=draw(st.sampled_from(COUNTIES)), sector=draw(st.sampled_from(SECTORS)),
        nature=nature, total_investment=Decimal(10 ** 6),
        annual_plan=draw(st.sampled_from([Decimal(0), Decimal(1200)]) | amounts),
        planned_start=f"2024-{draw(st.integers(1, 12)):02d}" if nature == "new" else None,
        batches=draw(st.lists(st.sampled_from(["start", "production", "efficiency"]),
                              unique=True)),
        tags=draw(st.lists(st.sampled_from(TAGS), unique=True)),
        milestones={"started": started,
                    "completed": draw(st.none() | days) if started else None})


@st.composite
def ledgers(draw):
    count = draw(st.integers(min_value=1, max_value=10))
    items = [draw(projects(i)) for i in range(count)]
    months = sorted(draw(st.sets(st.integers(1, 12), max_size=12)))
    cumulative = {p.id: Decimal(0) for p in items}
    progress = {}
    for month in months:
        entries = {}
        for p in items:
            if draw(st.booleans()):
                cumulative[p.id] += draw(amounts)
                entries[p.id] = Entry(completed_ytd=cumulative[p.id])
        progress[month] = Progress(month=f"2024-{month:02d}", entries=entries)
    config = Config(format=1, city="测试市", organ="测试市发改委", year=2024, counties=COUNTIES,
                    sectors=SECTORS, tags=TAGS)
    return Ledger(Path("."), config, tuple(items), MappingProxyType(progress),
                  MappingProxyType({}))


def latest(ledger, pid, months):
    """The project's latest cumulative among ``months`` (brute force), or 0."""
    found = [ledger.progress[m].entries[pid].completed_ytd for m in sorted(months)
             if pid in ledger.progress[m].entries]
    return found[-1] if found else Decimal(0)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.sampled_from(["2024M01", "2024M05", "2024Q3", "2024H1", "2024"]))
def test_compute_agrees_with_the_definitions(ledger, text):
    period = parse_period(text, 2024)
    n = period.month
    summary = compute(ledger, period)
    overall = summary.overall
    at_or_before = [m for m in ledger.progress if m <= n]
    report = max(at_or_before, default=None)
    before = [m for m in at_or_before if m != report]

    completed = sum((latest(ledger, p.id, at_or_before) for p in ledger.projects), Decimal(0))
    assert overall.completed_ytd == completed
    assert overall.this_month == completed - sum(
        (latest(ledger, p.id, before) for p in ledger.projects), Decimal(0))
    plan = sum((p.annual_plan for p in ledger.projects), Decimal(0))
    if plan:
        assert overall.completion_rate == completed / plan
        assert overall.schedule_gap_pp == (12 * completed - n * plan) * 100 / (12 * plan)
        assert overall.fulfilment_rate == 12 * completed / (n * plan)
    else:
        assert overall.completion_rate is overall.schedule_gap_pp is overall.fulfilment_rate is None
    assert summary.not_reported == tuple(
        p.id for p in ledger.projects
        if report is None or p.id not in ledger.progress[report].entries)

    new = [p for p in ledger.projects if p.nature == "new"]
    started = [p for p in new if p.milestones.started and p.milestones.started <= period.as_of]
    assert (overall.starts.planned, overall.starts.started) == (len(new), len(started))

    for s in summary.projects:
        p = s.project
        under_way = p.nature == "continuing" or (
            p.milestones.started is not None and p.milestones.started <= period.as_of)
        overdue = (p.nature == "new" and not under_way
                   and int(p.planned_start[5:]) < n)
        assert s.overdue == overdue
        if p.annual_plan <= 0 or not (under_way or overdue):
            assert s.light is None
            continue
        gap = (s.completed_ytd / p.annual_plan - Decimal(n) / 12) * 100
        expected = ("red" if overdue or gap < -30 - Decimal("1e-20") else
                    "yellow" if gap < -10 - Decimal("1e-20") else "green")
        if abs(gap + 30) > Decimal("1e-20") and abs(gap + 10) > Decimal("1e-20"):
            assert s.light == expected  # away from the thresholds, rounding cannot matter

    for grouping in ("level", "county", "sector"):
        groups = summary.groups[grouping].values()
        assert sum(g.projects for g in groups) == overall.projects
        assert sum((g.completed_ytd for g in groups), Decimal(0)) == overall.completed_ytd
        assert sum((g.annual_plan for g in groups), Decimal(0)) == overall.annual_plan
        assert sum(g.starts.started for g in groups) == overall.starts.started
        for light in ("red", "yellow", "green"):
            assert sum(g.lights[light] for g in groups) == overall.lights[light]
