"""Stage targets (履约率 against a set target) and warning-light rules as settings.

Every expected value is worked out here from the definitions in docs/metrics.md, on the
small ledger (tests/metrics/small) as of 2024H1: overall completed 4165 of plan 11700;
甲区 P1 600 + P2 480 + P5 0 + P8 800 + P9 50 = 1930 of 1200 + 2400 + 0 + 2000 + 500 = 6100;
乙县 P3 50 (carried) + P4 0 + P6 1000 + P7 1185 = 2235 of 1000 + 600 + 1000 + 3000 = 5600.
"""

import json
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.ledger.models import Project, Targets, Thresholds
from majorproj.metrics import compute
from majorproj.metrics.lights import gap_light, light_of
from majorproj.periods import parse_period
from majorproj.render.reasons import rule_text

SMALL = Path(__file__).parent / "metrics" / "small"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
H1 = parse_period("2024H1", 2024)


@pytest.fixture(scope="module")
def small():
    return load_ledger(SMALL).ledger


def with_config(ledger, **changes):
    from dataclasses import replace

    return replace(ledger, config=replace(ledger.config, **changes))


# ── targets and 履约率 ─────────────────────────────────────────────────────────


def test_without_a_target_the_target_is_the_plan_times_n_over_12(small):
    f = compute(small, H1).overall
    assert f.target == D(11700) * 6 / 12 == D(5850)
    assert f.fulfilment_rate == D(12 * 4165) / D(6 * 11700)


def test_a_target_in_wan_is_the_denominator(small):
    ledger = with_config(small, targets=Targets(overall={6: D(5000)}))
    f = compute(ledger, H1).overall
    assert f.target == 5000 and f.fulfilment_rate == D(4165) / D(5000)
    # the level groups and counties without their own target keep the default
    provincial = compute(ledger, H1).groups["level"]["provincial"]
    assert provincial.fulfilment_rate == 12 * provincial.completed_ytd / (
        6 * provincial.annual_plan)


def test_a_target_as_a_share_is_of_the_groups_own_plan(small):
    targets = Targets(unit="share", overall={6: D("0.6")}, counties={"甲区": {6: D("0.55")}})
    summary = compute(with_config(small, targets=targets), H1)
    assert summary.overall.target == D("0.6") * 11700 == D(7020)
    assert summary.overall.fulfilment_rate == D(4165) / D(7020)
    jia = summary.groups["county"]["甲区"]
    assert jia.target == D("0.55") * 6100 and jia.fulfilment_rate == D(1930) / (D("0.55") * 6100)
    yi = summary.groups["county"]["乙县"]  # no target of its own: 5600 × 6/12
    assert yi.target == 2800 and yi.fulfilment_rate == D(12 * 2235) / D(6 * 5600)


def test_a_month_without_a_target_uses_the_default(small):
    summary = compute(with_config(small, targets=Targets(overall={12: D(11700)})), H1)
    assert summary.overall.fulfilment_rate == D(12 * 4165) / D(6 * 11700)


def test_the_sample_gives_the_reference_reports_113_5_percent():
    result = CliRunner().invoke(app, ["summary", "-l", str(SAMPLE), "-p", "2024H1", "-f",
                                      "json"])
    overall = json.loads(result.stdout, parse_float=D)["overall"]
    assert overall["target"] == 1536000  # 上半年目标任务 153.6亿元
    assert overall["fulfilment_rate"] == D(1743000) / D(1536000) == D("1.134765625")
    table = CliRunner().invoke(app, ["summary", "-l", str(SAMPLE), "-p", "2024H1"],
                               env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert "113.5%" in table.stdout and "目标任务153.6亿元" in table.stdout


def config_problems(tmp_path, added: str, code: str):
    """The ``code`` problems of the small ledger with ``added`` at the end of its config
    (its 10 lines come first)."""
    root = tmp_path / "ledger"
    shutil.copytree(SMALL, root)
    config = root / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8") + added, encoding="utf-8")
    return [p for p in load_ledger(root).problems if p.code == code]


def test_a_target_for_a_county_the_ledger_does_not_list_is_e202(tmp_path):
    problems = config_problems(tmp_path, "targets:\n  counties:\n    丁县: {6: 100}\n", "E202")
    # its 10 lines, then targets (11), counties (12), 丁县 (13), the key at column 5
    assert [(p.file, p.line, p.column) for p in problems] == [("majorproj.yaml", 13, 5)]
    assert "丁县" in problems[0].message


# ── warning lights as settings ─────────────────────────────────────────────────
# plan 1200 at month 6: 序时 600 万元; a lag of 10 points is 120 万元, of 30 points 360 万元


PLAN = D(1200)


@pytest.mark.parametrize("completed, strict, inclusive", [
    (D(480), "green", "yellow"),  # exactly 10 points behind: only 银川's bound includes it
    (D("480.0001"), "green", "green"),
    (D("479.9999"), "yellow", "yellow"),
    (D(240), "yellow", "yellow"),  # exactly 30 behind: yellow in both (red is beyond 30)
    (D("239.9999"), "red", "red"),
])
def test_inclusive_bounds_take_the_yellow_edge(completed, strict, inclusive):
    assert gap_light(completed, PLAN, 6, Thresholds()) == strict
    assert gap_light(completed, PLAN, 6, Thresholds(bounds="inclusive")) == inclusive


@pytest.mark.parametrize("completed, light", [
    (D(600), "green"),  # on 序时进度
    (D("599.9999"), "yellow"),  # behind at all: yellow (三亚)
    (D(300), "yellow"),  # behind by exactly 50% of 序时进度 (300 of 600): 含50%, yellow
    (D("299.9999"), "red"),
])
def test_a_lag_as_a_share_of_time_progress(completed, light):
    sanya = Thresholds(measure="share", yellow_pp=D(0), red_pp=D(50))
    assert gap_light(completed, PLAN, 6, sanya) == light


def test_share_and_points_differ_where_time_progress_is_small():
    # month 3: 序时 300; C = 150 is 12.5 points behind but 50% of 序时进度 behind
    assert gap_light(D(150), PLAN, 3, Thresholds()) == "yellow"
    assert gap_light(D(150), PLAN, 3, Thresholds(measure="share", red_pp=D(49))) == "red"


def overdue_light(month: int, thresholds: Thresholds, completed: D | None = None) -> str | None:
    """The light of a project planned to start in March and not started, with a plan of
    1200 and by default 100 a month invested (on schedule: its gap alone is green)."""
    project = Project(id="N1", name="新项目", level="county", county="甲区", sector="产业",
                      nature="new", planned_start="2024-03", total_investment=D(3000),
                      annual_plan=D(1200))
    period = parse_period(f"2024M{month:02d}", 2024)
    done = D(100) * month if completed is None else completed
    return light_of(project, done, False, True, period, thresholds)[0]


def test_an_overdue_start_is_red_at_once_by_default_and_after_n_months_if_set():
    assert overdue_light(4, Thresholds()) == "red"  # planned March, 1 month overdue in April
    yinchuan = Thresholds(overdue_red_months=3)
    assert [overdue_light(m, yinchuan) for m in (4, 5, 6, 7)] == [
        "yellow", "yellow", "red", "red"]  # April 1, May 2, June 3 months overdue


def test_an_overdue_start_is_red_when_its_gap_is_red_whatever_the_months():
    # red if overdue or gap < −red_pp: in April nothing invested is 0 − 4/12 = −33.3
    # points, beyond 30, red though one month overdue; 360 of 1200 is 30 − 33.3 = −3.3
    yinchuan = Thresholds(overdue_red_months=3)
    assert overdue_light(4, yinchuan, D(0)) == "red"
    assert overdue_light(4, yinchuan, D(360)) == "yellow"


def test_counties_have_lights_of_their_own_in_the_ranking(small):
    # 甲区 gap (12·1930 − 6·6100)·100 / (12·6100) = −18.36…; 乙县 (12·2235 − 6·5600)·100 /
    # (12·5600) = −10.09…: both beyond 10 (yellow), only 甲区 beyond 15
    summary = compute(with_config(small, thresholds=Thresholds(red_pp=D(15))), H1)
    assert {r.county: r.light for r in summary.ranking} == {"甲区": "red", "乙县": "yellow"}
    default = compute(small, H1)
    assert {r.county: r.light for r in default.ranking} == {"甲区": "yellow", "乙县": "yellow"}


def test_the_county_light_is_in_the_json_ranking_and_the_table():
    result = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1", "-f",
                                      "json"])
    ranking = json.loads(result.stdout)["ranking"]
    assert [(r["county"], r["light"]) for r in ranking] == [("乙县", "yellow"),
                                                            ("甲区", "yellow")]
    table = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1"],
                               env={"COLUMNS": "100", "NO_COLOR": "1"}).stdout
    ranking_rows = table.split("县（市、区）排名")[1].splitlines()
    assert any("乙县" in row and "黄灯" in row for row in ranking_rows)


@pytest.mark.parametrize("thresholds, words", [
    (Thresholds(), "落后序时进度超过30个百分点或逾期未开工的亮红灯，超过10个百分点的亮黄灯"),
    (Thresholds(bounds="inclusive", overdue_red_months=3),
     "落后序时进度超过30个百分点或逾期未开工满3个月的亮红灯，达到10个百分点或逾期未开工未满3个月的亮黄灯"),
    (Thresholds(measure="share", yellow_pp=D(0), red_pp=D(50)),
     "落后超过序时进度的50%或逾期未开工的亮红灯，落后序时进度的亮黄灯"),
    (Thresholds(measure="share", bounds="inclusive", yellow_pp=D(20), red_pp=D(50)),
     "落后超过序时进度的50%或逾期未开工的亮红灯，落后达到序时进度的20%的亮黄灯"),
    # 落后 said again: 超过序时进度的12.5% alone would read as ahead of the schedule
    (Thresholds(measure="share", yellow_pp=D("12.5"), red_pp=D(50)),
     "落后超过序时进度的50%或逾期未开工的亮红灯，落后超过序时进度的12.5%的亮黄灯"),
])
def test_the_rule_is_stated_as_set(thresholds, words):
    assert rule_text(thresholds) == words


def test_a_gap_under_one_point_is_still_ahead_or_behind():
    from majorproj.render.reasons import gap_text

    assert gap_text(D("0.5")) == "超序时进度0.5个百分点"
    assert gap_text(D("-0.5")) == "落后序时进度0.5个百分点"
    assert gap_text(D("0.04")) == "与序时进度持平"
