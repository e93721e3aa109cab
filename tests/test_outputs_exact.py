"""Whole rows of the outputs against the definitions, so that a column swapped or filled
with the wrong figure fails: the CSV's every column, annex 2's light counts.

Small ledger (tests/metrics/small), 2024H1, 序时进度 6/12. 省重点 are P1, P2, P7, P9:
- totals 10000 + 20000 + 30000 + 4000 = 64000; plans 1200 + 2400 + 3000 + 500 = 7100;
- completed 600 + 480 + 1185 + 50 = 2315;
- 本月完成 (June less each one's previous report): P1 600 − 400 (May), P2 480 − 0,
  P7 1185 − 0, P9 50 − 0: 200 + 480 + 1185 + 50 = 1915;
- lights: P1 600/1200 on 序时 (green), P2 480/2400 −30 (yellow), P7 1185/3000 −10.5
  (yellow), P9 50/500 −40 (red): red 1, yellow 2, green 1;
- new projects: P2 only, started 30 June: 1 of 1; 投产一批 P1 (30 June) 1 of 1, 开工一批 P2
  1 of 1, 达效一批 none; open issues: P2's land (its funding issue is resolved) and P9's
  three: 4.
"""

import csv
import io
from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.render.numbers import percent, points

SMALL = Path(__file__).parent / "metrics" / "small"


def csv_rows(*args):
    result = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1", "-f", "csv",
                                      *args])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    return rows[0], rows[1:]


def test_every_csv_column_of_a_group_is_its_own_figure():
    header, body = csv_rows("--by", "level")
    provincial = dict(zip(header, body[0], strict=True))
    completed, plan = D(2315), D(7100)
    assert provincial == {
        "级别": "省重点",
        "项目个数": "4",
        "总投资（万元）": "64000",
        "年度计划投资（万元）": "7100",
        "完成投资（万元）": "2315",
        "当月完成投资（万元）": "1915",
        "当月进度": percent(D(1915) / plan),  # 26.97% → 27.0%
        "投资完成率": percent(completed / plan),  # 32.6%
        "超序时进度（百分点）": points((12 * completed - 6 * plan) * 100 / (12 * plan)),  # -17.4
        "履约率": percent(12 * completed / (6 * plan)),  # 65.2%
        # no last year given: the 同比 columns are empty
        "去年同期完成投资（万元）": "", "增长额（万元）": "", "同比增长": "", "完成率同比（百分点）": "",
        "计划新开工": "1", "已开工": "1", "开工率": "100.0%",
        "开工一批": "1", "开工一批已开工": "1",
        "投产一批": "1", "投产一批已投产": "1",
        "达效一批": "0", "达效一批已达效": "0",
        "竣工": "0",
        "红灯": "1", "黄灯": "2", "绿灯": "1",
        "存在问题": "4",
    }
    assert provincial["投资完成率"] == "32.6%" and provincial["超序时进度（百分点）"] == "-17.4"


def test_annex_2_counts_red_and_yellow_in_their_own_columns(tmp_path):
    # the report tests' ledger: 甲县 A1 18000/30000 (green) and A2 2000/12000 −33.3 (red);
    # 乙区 B1 逾期未开工 (red), B2 not due, B3 4000/10000 −10.0 (green): red 1, yellow 0 each
    from test_report import build, write_ledger

    counties = build(write_ledger(tmp_path / "ledger")).annexes[1]
    headers = [c.header for c in counties.columns]
    red, yellow = headers.index("红灯"), headers.index("黄灯")
    assert [(r[1], r[red], r[yellow]) for r in counties.rows] == [
        ("甲县", "1", "0"), ("乙区", "1", "0"), ("丙县", "0", "0")]
    assert (counties.total[red], counties.total[yellow]) == ("2", "0")


def test_a_group_without_plan_has_empty_rate_cells_in_the_csv():
    header, body = csv_rows("--by", "county")
    bing = dict(zip(header, body[2], strict=True))  # 丙县: no projects, no plan
    assert (bing["投资完成率"], bing["超序时进度（百分点）"], bing["履约率"], bing["开工率"]) == (
        "", "", "", "")


def summary_json():
    import json

    result = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1", "-f", "json"])
    assert result.exit_code == 0, result.output
    return result.stdout, json.loads(result.stdout, parse_float=D)


def test_json_is_indented_by_two_and_keeps_chinese_as_written():
    import json

    from majorproj.render.json import dumps

    value = {"城市": "测试市", "list": [1, {"a": [], "b": {}}], "n": None}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    # containers first in a list or an object are indented one step in, as the rest
    nested = {"rows": [{"a": [[1, 2], [3]]}, {"b": {"c": {"d": [4]}}}], "m": [[[]], [{}]]}
    assert dumps(nested) == json.dumps(nested, indent=2, ensure_ascii=False) + "\n"
    # a Decimal is written digit for digit, at its place in the indentation
    assert dumps({"a": [D("0.10"), D(1) / D(3)]}) == (
        '{\n  "a": [\n    0.1,\n    0.3333333333333333333333333333\n  ]\n}\n')
    text, _ = summary_json()
    assert '"city": "测试市"' in text and text.startswith('{\n  "ledger": {\n    "city"')


def test_json_extra_figures_are_the_definitions():
    # 本月完成 overall: P1 600 − 400, P2 480, P3 carried (0), P4 0, P5 0, P6 1000 − 700,
    # P7 1185, P8 800 − 300, P9 50
    _, data = summary_json()
    overall = data["overall"]
    assert overall["this_month"] == 200 + 480 + 0 + 0 + 0 + 300 + 1185 + 500 + 50
    # open issues: P2 land; P9 land, land, eia; P3's carried April entry demolition
    assert overall["issues"]["land"] == 3 and overall["issue_projects"]["land"] == 2
    assert overall["issue_projects"]["demolition"] == 1 and overall["issue_projects"]["eia"] == 1
    # procedures among the not started (P3, P4, P5): 立项 P3 done, P4 in progress, P5 not started
    assert overall["procedures"]["approval"] == {"done": 1, "in_progress": 1, "not_started": 1,
                                                 "not_required": 0}
    # lights: red P3 (overdue), P9 (−40); yellow P2 (−30), P7 (−10.5); green P1, P6, P8
    assert overall["lights"] == {"red": 2, "yellow": 2, "green": 3}
    p3 = data["lights"][0]
    assert p3 == {"id": "P3", "name": "乙县三号产业项目", "light": "red",
                  "reason": "逾期未开工（计划2024年5月开工）", "county": "乙县", "level": "municipal",
                  "completed_ytd": 50, "annual_plan": 1000,
                  "schedule_gap_pp": (D(12 * 50) - 6 * 1000) * 100 / (12 * 1000),  # −45
                  "overdue": True}


# ── the annexes' layout: headers, alignment, units, order ───────────────────────

C, L, R = "center", "left", "right"


def annexes(tmp_path, counties=None):
    from dataclasses import replace

    from majorproj.ledger.load import load_ledger
    from majorproj.metrics import compute
    from majorproj.periods import parse_period
    from majorproj.report.annexes import build_annexes
    from test_report import write_ledger

    ledger = load_ledger(write_ledger(tmp_path / "ledger")).ledger
    if counties is not None:
        ledger = replace(ledger, config=replace(ledger.config, counties=counties))
    return build_annexes(compute(ledger, parse_period("2024H1", 2024)))


def test_every_annex_column_has_its_header_and_alignment(tmp_path):
    projects, counties, lagging = annexes(tmp_path)
    done = "1-6月\n完成投资"
    county, plan = "县\n（市、区）", "本年计划\n投资"
    assert [(c.header, c.align) for c in projects.columns] == [
        ("序号", C), ("项目名称", L), (county, L), ("级别", C), ("总投资", R), (plan, R),
        (done, R), ("完成率", R), ("形象进度", L), ("预警", C)]
    assert [(c.header, c.align) for c in counties.columns] == [
        ("排名", C), (county, L), ("项目\n个数", R), ("总投资", R), (plan, R), (done, R),
        ("完成率", R), ("与序时进度比\n（百分点）", R), ("计划\n新开工", R), ("已开工", R),
        ("开工率", R), ("预警", C), ("红灯", R), ("黄灯", R)]
    assert [(c.header, c.align) for c in lagging.columns] == [
        ("序号", C), ("项目名称", L), (county, L), ("预警", C), (plan, R), (done, R),
        ("完成率", R), ("滞后原因", L), ("存在问题", L), ("包联领导及\n责任单位", L)]
    assert (projects.unit, counties.unit, lagging.unit) == ("单位：万元", "单位：亿元", "单位：万元")
    assert projects.total == ("", "合计", "", "", "280,000.00", "77,000.00", "24,000.00",
                              "31.2%", "", "")  # 24000 / 77000 = 0.3116…


def test_a_project_without_progress_text_or_light_has_empty_cells(tmp_path):
    projects = annexes(tmp_path)[0]
    second_school = next(r for r in projects.rows if r[1] == "乙区第二中学")
    assert second_school[8:] == ("", "")  # no 形象进度 reported, not due to start: no light


def test_annex_1_follows_the_order_of_counties_with_empty_counties_skipped(tmp_path):
    projects = annexes(tmp_path, counties=["丙县", "乙区", "甲县"])[0]
    subtotals = [projects.rows[i][1] for i in sorted(projects.subtotals)]
    assert subtotals == ["乙区小计（3个）", "甲县小计（2个）"]  # 丙县 has none: no row
    assert [r[0] for r in projects.rows] == ["", "1", "2", "3", "", "4", "5"]


def test_annex_numbers_lights_and_totals_are_whole(tmp_path):
    projects, counties, lagging = annexes(tmp_path)
    assert [a.number for a in (projects, counties, lagging)] == [1, 2, 3]
    # 甲县新材料产业园 18000/30000 ahead (green); 甲县环城公路改建 −33.3 (red)
    assert (projects.rows[1][9], projects.rows[2][9]) == ("绿灯", "红灯")
    # 合计: 5 projects, 28亿 total, 7.7亿 planned, 2.4亿 done, 24000/77000 − 1/2 = −18.8 points,
    # 3 new projects of which 1 started, red 2 yellow 0; no light of its own
    assert counties.total == ("", "合计", "5", "28.0", "7.7", "2.4", "31.2%", "\u221218.8", "3",
                              "1", "33.3%", "", "2", "0")
    assert [r[0] for r in lagging.rows] == ["1", "2"]
    assert lagging.rows[1][6] == "16.7%"  # 2000 / 12000


def test_json_ranking_and_report_month_are_whole():
    _, data = summary_json()
    assert data["period"]["report_month"] == "2024-06"
    # 乙县 2235/5600 = 39.9% ranks above 甲区 1930/6100 = 31.6%; both yellow (−10.1, −18.4)
    # 报送及时率: of 乙县's P3, P4, P6, P7 only P6 and P7 are in June's report, 2/4;
    # no timeliness weight is set, so no score
    assert data["ranking"][0] == {"rank": 1, "county": "乙县", "completion_rate": D(2235) / 5600,
                                  "completed_ytd": 2235, "annual_plan": 5600, "light": "yellow",
                                  "timeliness": D(2) / 4, "score": None}
    early = CliRunner().invoke(app, ["summary", "-l", str(SMALL), "-p", "2024M02", "-f", "json"])
    import json

    assert json.loads(early.stdout)["period"]["report_month"] is None  # no report by February
