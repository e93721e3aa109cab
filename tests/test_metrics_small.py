"""Every figure of a small hand-made ledger, worked out by hand from domain.md.

The ledger is tests/metrics/small (its comments say what each project is for). The
expected values are written as arithmetic from the definitions, never copied from
the program's output. As-of 2024H1: N = 6, as-of date 2024-06-30, 序时进度 6/12.
"""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from majorproj.ledger.load import load_ledger
from majorproj.metrics import LightReason, compute
from majorproj.metrics.summarise import rank_counties
from majorproj.metrics.tally import Tally
from majorproj.periods import Month, parse_period
from majorproj.render.reasons import reason_text

SMALL = Path(__file__).parent / "metrics" / "small"
D = Decimal


@pytest.fixture(scope="module")
def ledger():
    result = load_ledger(SMALL)
    assert result.errors == 0, result.problems
    return result.ledger


@pytest.fixture(scope="module")
def h1(ledger):
    return compute(ledger, parse_period("2024H1", 2024))


def status(summary, pid):
    return next(s for s in summary.projects if s.project.id == pid)


# completed investment per project at H1 (carried forward where not reported)
COMPLETED = {"P1": 600, "P2": 480, "P3": 50, "P4": 0, "P5": 0, "P6": 1000, "P7": 1185,
             "P8": 800, "P9": 50}
PLAN = {"P1": 1200, "P2": 2400, "P3": 1000, "P4": 600, "P5": 0, "P6": 1000, "P7": 3000,
        "P8": 2000, "P9": 500}


def test_overall_amounts(h1):
    f = h1.overall
    assert f.projects == 9
    assert f.total_investment == D(10000 + 20000 + 5000 + 3000 + 8000 + 9000 + 30000 + 15000
                                   + 4000)
    assert f.annual_plan == D(1200 + 2400 + 1000 + 600 + 0 + 1000 + 3000 + 2000 + 500)
    assert f.completed_ytd == D(600 + 480 + 50 + 0 + 0 + 1000 + 1185 + 800 + 50)
    # 本月: June cumulative − each project's previous report (P8's is March's 300;
    # P2, P7, P9 and P5 first reported in June; P3 and P4 did not report: 0)
    assert f.this_month == D((600 - 400) + 480 + 0 + 0 + 0 + (1000 - 700) + 1185 + (800 - 300)
                             + 50)
    # the same as Σ June cumulative − Σ May cumulative carried forward
    assert f.this_month == f.completed_ytd - D(400 + 50 + 700 + 300)


def test_overall_rates_are_single_exact_divisions(h1):
    f = h1.overall
    completed, plan = D(4165), D(11700)
    assert f.completion_rate == completed / plan
    assert f.schedule_gap_pp == (12 * completed - 6 * plan) * 100 / (12 * plan)
    assert f.schedule_gap_pp == D(-2022000) / D(140400)
    assert f.fulfilment_rate == D(12 * 4165) / D(6 * 11700)


def test_starts_batches_and_completed(h1):
    f = h1.overall
    # new projects P2, P3, P4; only P2 started by 2024-06-30 (on the day itself)
    assert (f.starts.planned, f.starts.started) == (3, 1)
    assert f.starts.rate == D(1) / D(3)
    # start: P2 (started 06-30) and P3 (07-01) → 1 achieved; production: P1 on 06-30;
    # efficiency: P6 on 06-01
    assert (f.batches["start"].members, f.batches["start"].achieved) == (2, 1)
    assert (f.batches["production"].members, f.batches["production"].achieved) == (1, 1)
    assert (f.batches["efficiency"].members, f.batches["efficiency"].achieved) == (1, 1)
    assert f.completed == 1  # P6 竣工 2024-05-20


def test_procedures_count_only_projects_not_started(h1):
    # not started at H1: P3, P4, P5 (P1, P6, P7, P8 continuing; P2, P9 started)
    p = h1.overall.procedures
    assert p["approval"] == {"done": 1, "in_progress": 1, "not_started": 1, "not_required": 0}
    assert p["land"] == {"done": 0, "in_progress": 1, "not_started": 0, "not_required": 1}
    assert p["eia"]["not_started"] == 1
    assert sum(p["permit"].values()) == 0  # P2's permit: P2 has started


def test_funding_by_source(h1):
    funding = h1.overall.funding
    assert funding["special_bonds"] == D(500 + 1000)
    assert funding["self_raised"] == D("300.5")
    assert funding["central_budget"] == D(100)
    assert funding["bank_loans"] == 0


def test_open_issues_by_category_and_projects(h1):
    issues, projects = h1.overall.issues, h1.overall.issue_projects
    # P2: land (its funding issue is resolved); P3: demolition carried from April;
    # P9: two land issues and one eia issue
    assert issues["land"] == 1 + 2 and projects["land"] == 2
    assert issues["demolition"] == 1 and projects["demolition"] == 1
    assert issues["eia"] == 1 and projects["eia"] == 1
    assert issues["funding"] == 0
    assert sum(issues.values()) == 5


def test_carry_forward_and_not_reported(h1):
    assert h1.not_reported == ("P3", "P4")
    p3, p4, p8 = status(h1, "P3"), status(h1, "P4"), status(h1, "P8")
    assert (p3.completed_ytd, p3.this_month, p3.reported) == (D(50), D(0), False)
    assert p3.progress == "场地平整"  # the carried entry's 形象进度
    assert (p4.completed_ytd, p4.this_month, p4.reported) == (D(0), D(0), False)
    assert p4.progress is None
    assert (p8.completed_ytd, p8.this_month, p8.reported) == (D(800), D(800 - 300), True)
    assert h1.report_month == 6


def test_per_project_rates(h1):
    for pid, completed in COMPLETED.items():
        s = status(h1, pid)
        plan = D(PLAN[pid])
        assert s.completed_ytd == completed
        if plan:
            assert s.completion_rate == D(completed) / plan
            assert s.schedule_gap_pp == (D(completed) / plan - D(1) / D(2)) * 100
        else:
            assert s.completion_rate is None and s.schedule_gap_pp is None


def test_lights_and_reasons(h1):
    lights = {s.project.id: s.light for s in h1.projects}
    assert lights == {
        "P1": "green",   # gap (600/1200 − 1/2)·100 = 0
        "P2": "yellow",  # gap (480/2400 − 1/2)·100 = −30: not below −30, below −10
        "P3": "red",     # overdue: planned May, not started by 06-30
        "P4": None,      # new, planned for the as-of month: not yet due
        "P5": None,      # no annual plan
        "P6": "green",   # gap +50
        "P7": "yellow",  # gap (1185/3000 − 1/2)·100 = −10.5
        "P8": "green",   # gap (800/2000 − 1/2)·100 = −10: not below −10
        "P9": "red",     # preparatory but started: gap (50/500 − 1/2)·100 = −40
    }
    assert status(h1, "P3").overdue and not status(h1, "P4").overdue
    assert status(h1, "P3").reason == LightReason("overdue", Month(2024, 5))
    # the default rule's bounds: yellow below −10, red below −30 points
    assert status(h1, "P9").reason == LightReason("gap", gap_pp=D(50) / 500 * 100 - 50,
                                                  bounds=(D(-10), D(-30)))
    assert status(h1, "P4").reason == LightReason("not_due", Month(2024, 6))
    assert status(h1, "P5").reason == LightReason("no_plan")
    words = {pid: reason_text(status(h1, pid).reason) for pid in ("P3", "P9", "P7", "P6", "P4")}
    assert words == {"P3": "逾期未开工（计划2024年5月开工）", "P9": "落后序时进度40.0个百分点",
                     "P7": "落后序时进度10.5个百分点", "P6": "超序时进度50.0个百分点",
                     "P4": "未到计划开工时间（计划2024年6月开工）"}
    assert h1.overall.lights == {"red": 2, "yellow": 2, "green": 3}
    # red then yellow, furthest behind first: P3 −45, P9 −40; P2 −30, P7 −10.5
    assert [s.project.id for s in h1.lights] == ["P3", "P9", "P2", "P7"]


def test_of_projects_as_far_behind_the_one_due_to_start_first_leads(tmp_path):
    """Two new projects of 甲区 not started and never reported: at 2024H1 both are at
    0 / plan − 6/12 = −50 points; Q2 (due in February) has waited longer than Q1 (April),
    which the ledger lists first."""
    import shutil

    root = tmp_path / "ledger"
    shutil.copytree(SMALL, root)
    with (root / "projects" / "all.yaml").open("a", encoding="utf-8") as projects:
        for pid, month in (("Q1", "2024-04"), ("Q2", "2024-02")):
            projects.write(f"  - {{id: {pid}, name: 甲区{pid}新建项目, level: county, county: 甲区, "
                           f"sector: 产业, nature: new, planned_start: {month}, "
                           "total_investment: 900, annual_plan: 100}\n")
    result = load_ledger(root)
    assert result.errors == 0, result.problems
    lights = compute(result.ledger, parse_period("2024H1")).lights
    assert [(s.project.id, s.schedule_gap_pp) for s in lights[:3]] == [
        ("Q2", -50), ("Q1", -50), ("P3", -45)]


def with_july(ledger):
    """The small ledger with a July report that repeats June's entries."""
    from types import MappingProxyType

    june = ledger.progress[6]
    return replace(ledger, progress=MappingProxyType(
        {**ledger.progress, 7: replace(june, month="2024-07")}))


def test_started_on_the_as_of_day_counts_the_next_day_does_not(ledger, h1):
    assert status(h1, "P2").under_way  # started 2024-06-30, the as-of day
    assert not status(h1, "P3").under_way  # started 2024-07-01
    july = compute(with_july(ledger), parse_period("2024M07", 2024))
    assert status(july, "P3").under_way and not status(july, "P3").overdue
    assert july.overall.starts.started == 2


def test_planned_start_in_the_as_of_month_is_not_yet_overdue(ledger, h1):
    assert status(h1, "P4").light is None
    july = compute(with_july(ledger), parse_period("2024-07", 2024))
    assert status(july, "P4").overdue and status(july, "P4").light == "red"
    assert reason_text(status(july, "P4").reason) == "逾期未开工（计划2024年6月开工）"


def test_a_period_beyond_the_last_report_is_cut_to_the_reports_month(ledger, h1):
    july = compute(ledger, parse_period("2024M07", 2024))
    assert july.report_month == 6
    assert july.period.month == 6 and july.period.requested_month == 7
    assert july.period.label == "2024M07" and july.period.chinese == "1-6月"
    assert str(july.period.as_of) == "2024-06-30" and july.period.time_progress == D(6) / 12
    assert july.overall.completed_ytd == D(4165)
    # 序时 6/12, not 7/12: gap = (12·4165 − 6·11700)·100 / (12·11700)
    assert july.overall.schedule_gap_pp == D((12 * 4165 - 6 * 11700) * 100) / D(12 * 11700)
    # milestones and lights are June's too: P3 starts on 1 July, P4 is due in June
    assert not status(july, "P3").under_way and not status(july, "P4").overdue
    assert [s.light for s in july.projects] == [s.light for s in h1.projects]


def test_earlier_period_uses_only_reports_up_to_its_month(ledger):
    q1 = compute(ledger, parse_period("2024Q1", 2024))
    # only March's report: P8 300; everyone else has no entry yet
    assert q1.overall.completed_ytd == D(300)
    assert q1.overall.this_month == D(300)
    assert q1.not_reported == ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P9")
    assert q1.report_month == 3
    # P2 and P3 (planned March and May) are not overdue in March
    assert not any(s.overdue for s in q1.projects)


def test_no_report_at_all_counts_zero(ledger):
    jan = compute(ledger, parse_period("2024M01", 2024))
    assert jan.report_month is None
    assert jan.overall.completed_ytd == 0 and jan.overall.this_month == 0
    assert len(jan.not_reported) == 9
    assert jan.overall.completion_rate == 0  # plan > 0, nothing done: 0, not None


def test_level_groups(h1):
    level = h1.groups["level"]
    assert list(level) == ["provincial", "municipal", "county"]
    prov, muni, cnty = level["provincial"], level["municipal"], level["county"]
    assert prov.projects == 4 and muni.projects == 3 and cnty.projects == 2  # P1 P2 P7 P9 …
    assert prov.annual_plan == D(1200 + 2400 + 3000 + 500)
    assert prov.completed_ytd == D(600 + 480 + 1185 + 50)
    assert prov.completion_rate == D(2315) / D(7100)
    assert (prov.starts.planned, prov.starts.started, prov.starts.rate) == (1, 1, D(1))
    assert (muni.starts.planned, muni.starts.started, muni.starts.rate) == (2, 0, D(0))
    assert cnty.starts.rate is None  # no new project: no rate, not an error
    assert muni.completion_rate == D(50 + 0 + 800) / D(1000 + 600 + 2000)


def test_county_sector_tag_groups_keep_config_order_and_empty_groups(h1):
    counties = h1.groups["county"]
    assert list(counties) == ["甲区", "乙县", "丙县"]
    assert counties["丙县"].projects == 0 and counties["丙县"].completion_rate is None
    assert counties["甲区"].completed_ytd == D(600 + 480 + 0 + 800 + 50)
    assert counties["乙县"].annual_plan == D(1000 + 600 + 1000 + 3000)
    assert list(h1.groups["sector"]) == ["产业", "交通", "水利"]
    tags = h1.groups["tag"]
    assert list(tags) == ["灾后重建", "民生"]
    assert tags["灾后重建"].projects == 2  # P1, P2
    assert tags["民生"].completed_ytd == D(480 + 1000)  # P2, P6
    assert tags["民生"].annual_plan == D(2400 + 1000)


def test_tallies_merged_hold_what_one_tally_of_all_their_projects_holds(h1):
    statuses = h1.projects
    whole = Tally()
    for s in statuses:
        whole.add(s)
    merged, parts = Tally(), (statuses[:2], statuses[2:3], statuses[3:])
    for part in parts:
        tally = Tally()
        for s in part:
            tally.add(s)
        merged.merge(tally)
    assert vars(merged) == vars(whole)  # every sum and count, the nested ones too
    # one tally of all nine, against the statuses' own fields
    assert whole.completed == sum(1 for s in statuses if s.completed)
    assert whole.funding == {source: sum((s.funding.get(source, D(0)) for s in statuses), D(0))
                             for source in whole.funding}
    assert sum(whole.funding.values()) > 0 and sum(
        1 for s in statuses if s.funding) >= 2  # several projects to add up
    assert whole.procedures == {
        p: {state: sum(1 for s in statuses if not s.under_way and s.procedures.get(p) == state)
            for state in states}
        for p, states in whole.procedures.items()}
    idle = next(s for s in statuses if not s.under_way and s.procedures)
    twice = Tally()
    twice.add(idle)
    twice.add(idle)  # the same project twice: every count 2
    assert [twice.procedures[p][state] for p, state in idle.procedures.items()] == [2] * len(
        idle.procedures)
    assert merged.projects == len(statuses) == 9
    assert merged.completed_ytd == sum((s.completed_ytd for s in statuses), D(0))
    assert sum(merged.procedures["land"].values()) == sum(
        1 for s in statuses if not s.under_way and "land" in s.procedures)
    assert merged.figures(6) == whole.figures(6)


def test_ranking(h1):
    # 乙县 2235/5600 ≈ 0.399 ahead of 甲区 1930/6100 ≈ 0.316; 丙县 has no projects
    assert [(r.rank, r.county) for r in h1.ranking] == [(1, "乙县"), (2, "甲区")]
    assert h1.ranking[0].figures.completion_rate == D(2235) / D(5600)


def test_ranking_ties_share_a_rank_and_counties_without_a_rate_come_last():
    blank = Tally().figures(6)

    def county(projects, completed, plan):
        return replace(blank, projects=projects, completed_ytd=D(completed),
                       completion_rate=D(completed) / D(plan) if plan else None)

    counties = {
        "甲": county(2, 100, 200),   # 1/2, 100 done
        "乙": county(1, 300, 600),   # 1/2, 300 done: ahead of 甲 on completed_ytd
        "丙": county(3, 300, 600),   # the same keys as 乙: the same rank, config order kept
        "丁": county(1, 0, 0),       # no plan, no rate: last whatever it did
        "戊": county(0, 0, 0),       # no projects: not ranked
        "己": county(1, 300, 400),   # 3/4: first
    }
    assert [(r.rank, r.county) for r in rank_counties(counties)] == [
        (1, "己"), (2, "乙"), (2, "丙"), (4, "甲"), (5, "丁")]


ADDITIVE = ("projects", "total_investment", "annual_plan", "completed_ytd", "this_month",
            "completed")


@pytest.mark.parametrize("grouping", ["level", "county", "sector"])
def test_group_totals_equal_the_overall_figures(h1, grouping):
    groups = h1.groups[grouping].values()
    for name in ADDITIVE:
        assert sum(getattr(g, name) for g in groups) == getattr(h1.overall, name)
    assert sum(g.starts.planned for g in groups) == h1.overall.starts.planned
    assert sum(g.starts.started for g in groups) == h1.overall.starts.started
    for batch in ("start", "production", "efficiency"):
        assert sum(g.batches[batch].achieved for g in groups) == \
            h1.overall.batches[batch].achieved
    for key in ("issues", "funding", "lights", "issue_projects"):
        overall = getattr(h1.overall, key)
        for k in overall:
            assert sum(getattr(g, key)[k] for g in groups) == overall[k]
    for proc, states in h1.overall.procedures.items():
        for state, count in states.items():
            assert sum(g.procedures[proc][state] for g in groups) == count


def test_overdue_units_tie_on_their_count_by_the_longest_overdue():
    from datetime import date
    from types import SimpleNamespace

    from majorproj.ledger.models import Issue
    from majorproj.metrics.supervision import Supervised, overdue_by_unit

    project = SimpleNamespace(id="P1", name="甲项目")

    def item(unit: str, days: int) -> Supervised:
        issue = Issue(category="land", text=f"{unit}{days}", unit=unit,
                      deadline=date(2024, 6, 1))
        return Supervised(project, issue, days)  # type: ignore[arg-type]

    # 自然资源局 is met first with one item 21 days overdue; 县政府's one is 72 days
    units = overdue_by_unit([item("自然资源局", 21), item("县政府", 72), item("交通局", 5),
                             item("交通局", 9)])
    assert list(units) == ["交通局", "县政府", "自然资源局"]  # 2 items; then 72 before 21
    assert [o.days for o in units["交通局"]] == [9, 5]
