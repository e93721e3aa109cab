"""Edges of the definitions that mutation testing found untested (tests/README.md): the day
a milestone falls on, counts above one, reasons without a light, the order of lights
when a rule lets a yellow fall further behind than a red, a plan of less than 1 万元,
the decimal context, and procedures dated by entries.

The small ledger (tests/metrics/small) as of 2024H1 unless said otherwise.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from decimal import localcontext
from types import MappingProxyType

import pytest

from majorproj.ledger.load import load_ledger
from majorproj.ledger.models import Project, Thresholds
from majorproj.metrics import LightReason, compute
from majorproj.metrics.lights import gap_light, light_of
from majorproj.periods import Month, parse_period
from test_metrics_small import SMALL

H1 = parse_period("2024H1", 2024)


@pytest.fixture(scope="module")
def small():
    return load_ledger(SMALL).ledger


def status(summary, pid):
    return next(s for s in summary.projects if s.project.id == pid)


def with_projects(ledger, **changes):
    """The ledger with some projects' fields changed: ``P4={"procedures": {...}}``."""
    projects = tuple(replace(p, **changes[p.id]) if p.id in changes else p
                     for p in ledger.projects)
    return replace(ledger, projects=projects)


def test_completed_counts_each_project_completed_by_the_as_of_day(small):
    # P6 is 竣工 on 20 May: one overall, one 县重点, one in 乙县
    summary = compute(small, H1)
    assert summary.overall.completed == 1
    assert summary.groups["level"]["county"].completed == 1
    assert summary.groups["county"]["乙县"].completed == 1
    assert summary.groups["county"]["甲区"].completed == 0
    # on the as-of day itself it counts; the day after it does not
    p6 = next(p for p in small.projects if p.id == "P6")
    on_the_day = replace(p6.milestones, completed=H1.as_of)
    assert compute(with_projects(small, P6={"milestones": on_the_day}), H1).overall.completed == 1
    later = replace(p6.milestones, completed=date(2024, 7, 1))
    assert compute(with_projects(small, P6={"milestones": later}), H1).overall.completed == 0


def test_procedure_counts_add_up_beyond_one(small):
    # not started at H1: P3 (approval done), P4 (approval in_progress → done here), P5
    ledger = with_projects(small, P4={"procedures": {"approval": "done"}})
    approval = compute(ledger, H1).overall.procedures["approval"]
    assert approval == {"done": 2, "in_progress": 0, "not_started": 1, "not_required": 0}


def test_projects_without_a_light_say_why(small):
    summary = compute(small, H1)
    assert status(summary, "P5").reason == LightReason("no_plan")  # annual_plan 0
    assert status(summary, "P4").reason == LightReason("not_due", Month(2024, 6))
    prepared = Project(id="Q1", name="预备项目", level="county", county="甲区", sector="产业",
                       nature="preparatory", total_investment=D(100), annual_plan=D(10))
    assert light_of(prepared, D(0), False, False, H1, Thresholds()) == (
        None, LightReason("preparatory"))
    # a preparatory project with a planned start is still only preparatory
    dated = replace(prepared, planned_start="2024-09")
    assert light_of(dated, D(0), False, False, H1, Thresholds())[1] == LightReason("preparatory")


def test_a_plan_below_one_wan_still_gets_a_light():
    tiny = Project(id="Q2", name="小项目", level="county", county="甲区", sector="产业",
                   nature="continuing", total_investment=D(1), annual_plan=D("0.5"))
    # nothing done of 0.5 万元 at 序时 50%: 50 points behind, red
    assert light_of(tiny, D(0), True, False, H1, Thresholds())[0] == "red"
    assert gap_light(D(0), D("0.5"), 6, Thresholds()) == "red"
    assert gap_light(D(0), D(0), 6, Thresholds()) is None  # no plan, no light


def test_a_county_without_plan_has_no_light_in_the_ranking(small):
    # P5 alone in a county of its own: plan 0
    ledger = with_projects(small, P5={"county": "丙县"})
    ranking = {r.county: r.light for r in compute(ledger, H1).ranking}
    assert ranking["丙县"] is None


def test_the_share_measure_is_used_for_yellow_too():
    # month 3 (序时 300 of 1200): 200 done is 8.3 points but 33.3% of 序时进度 behind
    share = Thresholds(measure="share", yellow_pp=D(20), red_pp=D(50))
    assert gap_light(D(200), D(1200), 3, share) == "yellow"
    assert gap_light(D(200), D(1200), 3, Thresholds(yellow_pp=D(20), red_pp=D(50))) == "green"


def test_an_overdue_start_takes_the_worse_of_its_two_lights(small):
    # 银川's overdue_red_months 3: P3 (planned May, one month overdue, gap −45) is yellow by
    # the start rule alone. With red_pp 35 its gap makes it red, as P9 (−40); P2 (−30)
    # and P7 (−10.5) yellow. With red_pp 50 none is red: P3 yellow, listed first as the
    # furthest behind
    def lights(red_pp):
        ledger = replace(small, config=replace(
            small.config, thresholds=Thresholds(overdue_red_months=3, red_pp=D(red_pp))))
        return [(s.project.id, s.light) for s in compute(ledger, H1).lights]

    assert lights(35) == [("P3", "red"), ("P9", "red"), ("P2", "yellow"), ("P7", "yellow")]
    assert lights(50) == [("P3", "yellow"), ("P9", "yellow"), ("P2", "yellow"),
                          ("P7", "yellow")]


def test_figures_keep_28_digits_whatever_the_callers_decimal_context(small):
    expected = D(4165) / D(11700)  # in the default context: 28 significant digits
    with localcontext() as context:
        context.prec = 6
        rate = compute(small, H1).overall.completion_rate
    assert rate == expected and len(str(rate).split(".")[1]) > 20


def test_procedures_are_dated_when_every_project_not_started_has_them_from_entries(small):
    # strip the record procedures of P3, P4, P5 (not started) and give P5's June entry one;
    # P1 and P2 (under way) keep record procedures, which are not counted
    ledger = with_projects(small, P3={"procedures": {}}, P4={"procedures": {}},
                           P5={"procedures": {}})
    june = ledger.progress[6]
    entries = dict(june.entries)
    entries["P5"] = replace(entries["P5"], procedures={"approval": "in_progress"})
    ledger = replace(ledger, progress=MappingProxyType(
        {**ledger.progress, 6: replace(june, entries=entries)}))
    summary = compute(ledger, H1)
    assert summary.procedures_dated
    assert summary.overall.procedures["approval"]["in_progress"] == 1
    assert not compute(small, H1).procedures_dated  # the records' are undated
