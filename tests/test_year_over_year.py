"""同比 and 当月: two years of a small ledger (yoy_ledgers.py), every figure by hand."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period
from test_excel_export import figure_widths_hold
from yoy_ledgers import (
    CONFIG_2023,
    CONFIG_2024,
    PROGRESS_2023,
    PROJECTS_2023,
    run,
    two_years,
    write_year,
)

D = Decimal

# 2024 at 1-6月: C = 9000 + 5000 + 1600 + 2000 = 17600 of P = 15000 + 12000 + 5000 + 4000
# = 36000. 2023 at 1-6月: C0 = 8000 + 2500 + 4000 + 0 = 14500 of P0 = 20000 + 10000 +
# 8000 + 6000 = 44000.
C, P, C0, P0 = D(17600), D(36000), D(14500), D(44000)

TOTALS = """\
previous_totals:
  annual_plan: 44000
  completed_ytd: {5: 11000, 6: 14500}
  counties:
    甲县: {annual_plan: 30000, completed_ytd: {6: 10500}}
    乙区: {completed_ytd: {6: 4000}}
"""


def summary_of(root: Path, period: str = "2024H1", previous: Path | None = None):
    result = load_ledger(root, previous)
    assert result.errors == 0, result.problems
    return compute(result.ledger, parse_period(period))


def pp(c, p, c0, p0):
    return (D(c) / D(p) - D(c0) / D(p0)) * 100


def test_overall_against_last_years_ledger(tmp_path):
    _, this = two_years(tmp_path)
    s = summary_of(this)
    assert s.last_year == "ledger"
    last = s.overall.last_year
    assert (s.overall.completed_ytd, last.completed_ytd) == (C, C0)
    assert last.increase == D(3100)  # 17600 − 14500
    assert last.growth == D(3100) / D(14500)  # 0.2137… → 21.4%
    # (17600/36000 − 14500/44000) × 100 = 48.89 − 32.95 = 15.93… points
    assert last.completion_rate_pp == pytest.approx(pp(C, P, C0, P0), abs=D("1e-20"))
    assert f"{last.completion_rate_pp:.1f}" == "15.9"


def test_groups_by_name_in_both_years(tmp_path):
    _, this = two_years(tmp_path)
    g = summary_of(this).groups
    # 甲县: 9000 + 5000 = 14000 of 27000; 2023: 8000 + 2500 = 10500 of 30000
    jia = g["county"]["甲县"].last_year
    assert (jia.completed_ytd, jia.increase, jia.growth) == (D(10500), D(3500), D(1) / D(3))
    assert f"{jia.completion_rate_pp:.2f}" == f"{pp(14000, 27000, 10500, 30000):.2f}" == "16.85"
    # 乙区: 1600 of 5000; 2023: B1 4000 + B2 0 = 4000 of 14000 → −60%, +3.43 points
    yi = g["county"]["乙区"].last_year
    assert (yi.increase, yi.growth) == (D(-2400), D("-0.6"))
    assert f"{yi.completion_rate_pp:.2f}" == f"{pp(1600, 5000, 4000, 14000):.2f}" == "3.43"
    assert g["county"]["丙县"].last_year is None  # not a county of 2023
    # levels: provincial 9000 + 2000 = 11000 of 19000 against A1 8000 + B1 4000 = 12000 of
    # 28000; municipal 5000 + 1600 = 6600 against A2 2500 + B2 0 = 2500
    prov, muni = g["level"]["provincial"].last_year, g["level"]["municipal"].last_year
    assert (prov.completed_ytd, prov.growth) == (D(12000), D(-1000) / D(12000))
    assert (muni.completed_ytd, muni.growth) == (D(2500), D(4100) / D(2500))
    # sectors: 产业 A1 + B2 + C1 = 12600 against A1 + B2 = 8000; 交通 5000 against 6500
    assert g["sector"]["产业"].last_year.growth == D(4600) / D(8000)
    assert g["sector"]["交通"].last_year.increase == D(-1500)


def test_projects_are_matched_by_id_else_code(tmp_path):
    _, this = two_years(tmp_path)
    by_id = {s.project.id: s for s in summary_of(this).projects}
    assert by_id["A1"].last_year.completed_ytd == D(8000)  # the same id
    assert by_id["X2"].last_year.completed_ytd == D(2500)  # A2 of 2023, by its code
    assert by_id["B2"].last_year.completed_ytd == 0 and by_id["B2"].last_year.growth is None
    assert by_id["C1"].last_year is None  # new this year


def test_this_month_and_its_share_of_the_plan(tmp_path):
    _, this = two_years(tmp_path)
    s = summary_of(this)
    # June − May: 17600 − (7000 + 3000 + 1000 + 1200) = 5400; 5400 / 36000 = 15%
    assert s.overall.this_month == D(5400) and s.overall.month_progress == D("0.15")
    # provincial: A1 9000 − 7000 + C1 2000 − 1200 = 2800 of 19000
    prov = s.groups["level"]["provincial"]
    assert (prov.this_month, prov.month_progress) == (D(2800), D(2800) / D(19000))
    assert s.groups["county"]["乙区"].this_month == D(600)  # 1600 − 1000
    # a project's own: X2 5000 − 3000 = 2000 of 12000
    x2 = next(p for p in s.projects if p.project.id == "X2")
    assert x2.month_progress == D(2000) / D(12000)


def test_the_first_month_is_its_own_this_month(tmp_path):
    _, this = two_years(tmp_path)
    jan = summary_of(this, "2024M01").overall
    assert jan.this_month == jan.completed_ytd == D(1500 + 500)
    assert jan.month_progress == D(2000) / D(36000)
    # and January's 同比 is against 2023's January: 1000 + 0 + 500 + 0 = 1500
    assert jan.last_year.completed_ytd == D(1500) and jan.last_year.increase == D(500)


def test_a_period_cut_to_the_latest_report_compares_the_same_months(tmp_path):
    _, this = two_years(tmp_path)
    q3 = summary_of(this, "2024Q3")  # the figures are June's: so is last year's
    assert q3.report_month == 6 and q3.overall.last_year.completed_ytd == C0


def test_previous_totals_instead_of_a_ledger(tmp_path):
    _, this = two_years(tmp_path, TOTALS)
    s = summary_of(this)
    assert s.last_year == "totals"
    last = s.overall.last_year
    assert (last.completed_ytd, last.growth) == (C0, D(3100) / D(14500))
    assert f"{last.completion_rate_pp:.4f}" == f"{pp(C, P, C0, P0):.4f}"
    jia, yi = s.groups["county"]["甲县"].last_year, s.groups["county"]["乙区"].last_year
    assert jia.growth == D(1) / D(3)
    assert yi.growth == D("-0.6") and yi.completion_rate_pp is None  # no 2023 plan given
    assert s.groups["level"]["provincial"].last_year is None  # totals have no levels
    assert all(p.last_year is None for p in s.projects)
    # May: 12200 against 11000; no county has May
    may = summary_of(this, "2024M05")
    assert may.overall.last_year.increase == D(1200)
    assert may.groups["county"]["甲县"].last_year is None


def test_the_charts_sheet_leaves_a_month_without_last_years_figure_empty(tmp_path):
    """previous_totals give 2023's May and June only: the monthly chart's 去年同期 is empty
    for 1-4月 and 11000 ÷ 44000 = 25%, 14500 ÷ 44000 = 32.95…% for 5月 and 6月."""
    _, this = two_years(tmp_path, TOTALS)
    book = tmp_path / "t.xlsx"
    assert run("export", "-l", this, "-p", "2024H1", "-o", book).exit_code == 0
    ws = load_workbook(book)["图表"]  # the XML parses
    top = next(r for r in range(1, ws.max_row + 1)
               if ws.cell(r, 1).value == "图2 逐月累计投资完成率")
    header = [c.value for c in ws[top + 1]]
    column = header.index("去年同期") + 1
    cells = [ws.cell(top + 2 + m, column) for m in range(6)]
    assert [c.value for c in cells[:4]] == [None] * 4
    assert [c.number_format for c in cells[:4]] == ["General"] * 4  # no cell at all
    assert cells[4].value == pytest.approx(11000 / 44000)
    assert cells[5].value == pytest.approx(14500 / 44000)
    assert cells[5].number_format == "0.0%"


def test_no_month_last_year_no_comparison_and_a_note(tmp_path):
    _, this = two_years(tmp_path, TOTALS)
    assert summary_of(this, "2024M01").overall.last_year is None  # totals lack January
    result = run("summary", "-l", this, "-p", "2024M01")
    assert result.exit_code == 0
    assert "no 同比: previous_totals has no completed_ytd for month 1" in result.stderr
    assert "去年同期" not in result.stdout


def test_json_last_year_has_the_shape_of_cli_md(tmp_path):
    _, this = two_years(tmp_path)
    result = run("summary", "-l", this, "-p", "2024H1", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout, parse_float=D)
    last = data["overall"]["last_year"]
    assert list(last) == ["completed_ytd", "growth", "completion_rate_pp"]
    assert last["completed_ytd"] == 14500 and last["growth"] == D(3100) / D(14500)
    assert data["overall"]["month_progress"] == D("0.15")
    assert data["groups"]["county"]["丙县"]["last_year"] is None
    alone = write_year(tmp_path / "alone", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    plain = json.loads(run("summary", "-l", alone, "-p", "2023H1", "-f", "json").stdout)
    assert plain["overall"]["last_year"] is None


def test_table_csv_report_and_export_say_it(tmp_path):
    _, this = two_years(tmp_path)
    table = run("summary", "-l", this, "-p", "2024H1", "--by", "county").stdout
    # 14500 万元 = 1.45 亿元 → 1.5; an increase of 3100 万元, under one 亿, in 万元
    assert "去年同期完成投资" in table and "增长3100万元，同比增长21.4%" in table
    assert "同比提高15.9个百分点" in table and "-60.0%" in table  # 乙区's 同比
    assert re.search(r"完成率同比 +15\.9个百分点 +同比提高15\.9个百分点", table)  # 数值 and 说明
    csv_text = run("summary", "-l", this, "-p", "2024H1", "--by", "county", "-f", "csv").stdout
    header, jia = csv_text.lstrip("\ufeff").splitlines()[:2]
    cells = dict(zip(header.split(","), jia.split(","), strict=True))
    # 甲县's 当月: A1 9000 − 7000 + X2 5000 − 3000 = 4000 of 27000 = 14.8%
    assert (cells["当月完成投资（万元）"], cells["当月进度"]) == ("4000", "14.8%")
    assert (cells["去年同期完成投资（万元）"], cells["增长额（万元）"]) == ("10500", "3500")
    assert (cells["同比增长"], cells["完成率同比（百分点）"]) == ("33.3%", "16.9")

    out = tmp_path / "r.md"
    assert run("report", "-l", this, "-p", "2024H1", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert ("累计完成投资1.8亿元，较去年同期增长3100万元、同比增长21.4%，占年度计划的48.9%、"
            "同比提高15.9个百分点") in text
    assert "其中6月完成投资5400万元，当月进度15.0%" in text
    # 省重点: 11000 of 19000 = 57.9%, against 12000 of 28000 = 42.9%: +15.0 points
    assert "完成投资1.1亿元、同比下降8.3%，占年度计划的57.9%、同比提高15.0个百分点，当月完成2800万元" in text
    assert "完成投资增长较快的是甲县（同比增长33.3%），较慢的是乙区（同比下降60.0%）" in text

    book = tmp_path / "t.xlsx"
    assert run("export", "-l", this, "-p", "2024H1", "-o", book).exit_code == 0
    ws = load_workbook(book)["全部项目"]
    headers = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    col = {h: i + 1 for i, h in enumerate(headers) if h}
    row = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1)}
    assert ws.cell(5, col["去年同期完成投资"]).value == 14500  # 合计
    assert ws.cell(5, col["当月完成投资"]).value == 5400
    assert ws.cell(row["X2"], col["去年同期完成投资"]).value == 2500  # by code
    assert ws.cell(row["X2"], col["增长额"]).value == 2500  # 5000 − 2500
    assert ws.cell(row["C1"], col["去年同期完成投资"]).value is None
    assert ws.cell(row["A1"], col["同比增长"]).value == pytest.approx(1000 / 8000)
    figure_widths_hold(ws)


def test_a_negative_increase_wider_than_the_totals_sets_its_columns_width(tmp_path):
    """A1 did 2,000,000 by June 2023 and 765,433 by June 2024: 增长额 −1,234,567.00, 13
    characters; A2's +1,300,000.00 (12) keeps 甲县's 小计 and the 合计 at +65,433.00.
    The column is 13 + 2 wide (a narrower one shows ###)."""
    projects = "projects:\n" + "".join(
        f"  - {{id: {pid}, name: 甲县{pid}项目, level: provincial, county: 甲县, sector: 产业, "
        "nature: continuing, total_investment: 5000000, annual_plan: 2000000}\n"
        for pid in ("A1", "A2"))
    write_year(tmp_path / "2023", CONFIG_2023, projects, {"2023-06": {"A1": 2000000, "A2": 0}})
    this = write_year(tmp_path / "2024", CONFIG_2024 + "previous: ../2023\n", projects,
                      {"2024-06": {"A1": 765433, "A2": 1300000}})
    book = tmp_path / "t.xlsx"
    assert run("export", "-l", this, "-p", "2024H1", "-o", book).exit_code == 0
    ws = load_workbook(book)["全部项目"]
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(4, c).value == "增长额")
    assert [ws.cell(r, column).value for r in (5, 6, 7, 8)] == [65433, 65433, -1234567,
                                                                1300000]
    assert ws.column_dimensions[get_column_letter(column)].width == 13 + 2
    assert figure_widths_hold(ws) >= 1


def test_previous_on_the_command_line(tmp_path):
    last, this = two_years(tmp_path, "")
    assert summary_of(this).overall.last_year is None
    assert summary_of(this, previous=last).overall.last_year.completed_ytd == C0
    result = run("summary", "-l", this, "-p", "2024H1", "--previous", last)
    assert result.exit_code == 0 and "同比增长21.4%" in result.stdout


@pytest.mark.parametrize("change, message", [
    (("year: 2023", "year: 2024"), "is of 2024, the same year as this ledger"),
    (("year: 2023", "year: 2022"), "is of 2022; a ledger of 2024 compares with one of 2023"),
    (("city: 测试市", "city: 别市"), "is of 别市, not 测试市"),
])
def test_a_wrong_previous_ledger_is_a_usage_error_naming_it(tmp_path, change, message):
    last, this = two_years(tmp_path)
    config = last / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    for command in (("summary", "-p", "2024H1"), ("check",)):
        result = run(*command, "-l", this)
        assert result.exit_code == 2, result.output
        assert message in result.stderr and "previous: ../2023" in result.stderr


def test_a_missing_previous_ledger_is_a_usage_error(tmp_path):
    _, this = two_years(tmp_path, "previous: ../2022\n")
    result = run("report", "-l", this, "-p", "2024H1", "-o", tmp_path / "r.md")
    assert result.exit_code == 2 and "is missing" in result.stderr
    assert str(this / "../2022") in result.stderr
    assert not (tmp_path / "r.md").exists()
    result = run("summary", "-l", this, "--previous", tmp_path / "none")
    assert result.exit_code == 2
    assert f"--previous: last year's ledger {tmp_path / 'none'} (given) is missing" in result.stderr
    assert "or leave out --previous to go without 同比" in " ".join(result.stderr.split())


def test_a_previous_ledger_with_errors_is_refused(tmp_path):
    last, this = two_years(tmp_path)
    projects = last / "projects" / "项目.yaml"
    projects.write_text(projects.read_text(encoding="utf-8").replace(
        "annual_plan: 6000", "annual_plan: -6000"), encoding="utf-8")
    result = run("summary", "-l", this, "-p", "2024H1")
    assert result.exit_code == 1 and "has 1 error;" in result.stderr


def test_check_warns_when_completed_before_contradicts_last_year(tmp_path):
    _, this = two_years(tmp_path)
    problems = load_ledger(this).problems
    assert [(p.code, p.line) for p in problems] == [("W013", 21)]  # X2's completed_before
    assert problems[0].message == ("completed_before 9500 differs from last year's ledger: "
                                   "completed_before 0 + completed_ytd 9000 of 2023-12 = 9000")
    # A1 (28000 = 10000 + 18000) and B2 (0 = 0 + 0) agree; C1 is new


def test_last_years_ledger_without_the_month_gives_no_comparison(tmp_path):
    last, this = two_years(tmp_path)
    (last / "progress" / "2023-06.yaml").unlink()  # 2023's 1-5月 would not be 1-6月
    assert summary_of(this).overall.last_year is None
    result = run("summary", "-l", this, "-p", "2024H1")
    assert result.exit_code == 0
    assert f"no 同比: last year's ledger {this / '../2023'} has no report for month 6" in \
        result.stderr
    assert summary_of(this, "2024M05").overall.last_year.completed_ytd == D(6000 + 1500 + 3000)


def test_a_month_of_previous_totals_must_be_1_to_12(tmp_path):
    _, this = two_years(tmp_path, "previous_totals:\n  completed_ytd: {13: 5, 6: 100}\n")
    problems = load_ledger(this).problems
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("E103", 8, "key '13' of completed_ytd is not a month")]


def test_the_words_of_a_change_against_last_year():
    from majorproj.render.compare import growth_cell, growth_text, increase_text, rate_change_text

    D = Decimal
    # 亿元 with one decimal from one 亿 (1,533,000 万元 = 153.3亿元), 万元 with at most two
    # below it (400 万元 would read 0.0亿元); only what reads 0 at two decimals is 持平
    assert increase_text(D(1533000)) == "增长153.3亿元"
    assert increase_text(D(-21000)) == "减少2.1亿元"
    assert increase_text(D(400)) == "增长400万元" and increase_text(D(-400)) == "减少400万元"
    assert increase_text(D("0.4")) == "增长0.4万元"
    assert increase_text(D("0.004")) == increase_text(D("-0.004")) == increase_text(D(0)) == "持平"
    assert increase_text(D(-300), lambda a: f"{a}万元") == "减少300万元"  # its own unit
    # a growth of exactly 100% is 增长100.0%, not 持平; −0.04% rounds to 0.0%: 持平
    assert growth_text(D(1)) == "同比增长100.0%"
    assert growth_text(D("-0.032")) == "同比下降3.2%"
    assert growth_text(D("-0.0004")) == "同比持平"
    assert growth_text(None) == ""
    assert rate_change_text(D(1)) == "同比提高1.0个百分点"
    assert rate_change_text(D("-1.5")) == "同比下降1.5个百分点"
    assert rate_change_text(D("0.04")) == "同比持平"
    assert rate_change_text(None) == ""
    assert (growth_cell(D("0.957")), growth_cell(D("-0.032")), growth_cell(None)) == (
        "95.7%", "-3.2%", "—")


def test_counties_that_fell_are_not_said_to_grow_fastest(tmp_path):
    """With 甲县 down too (A1 5000 + X2 5000 = 10000 against 10500: −4.8%) and 乙区 down
    (1600 against 4000: −60%), no county grew: the report says so and names the largest
    fall, never '增长较快' of a county that fell."""
    from yoy_ledgers import (
        CONFIG_2023,
        CONFIG_2024,
        PROGRESS_2023,
        PROGRESS_2024,
        PROJECTS_2023,
        PROJECTS_2024,
        write_year,
    )

    progress = {month: dict(figures) for month, figures in PROGRESS_2024.items()}
    progress["2024-05"]["A1"], progress["2024-06"]["A1"] = 4000, 5000
    write_year(tmp_path / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    this = write_year(tmp_path / "2024", CONFIG_2024 + "previous: ../2023\n", PROJECTS_2024,
                      progress)
    out = tmp_path / "r.md"
    assert run("report", "-l", this, "-p", "2024H1", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "各县（市、区）完成投资均未增长，下降较多的是乙区（同比下降60.0%）。" in text
    assert "增长较快" not in text


def test_totals_beside_a_previous_ledger_are_said_to_be_unused(tmp_path):
    _, this = two_years(tmp_path, "previous: ../2023\n" + TOTALS)
    problems = [p for p in load_ledger(this).problems if p.code == "W018"]
    assert [(p.file, p.line, p.column) for p in problems] == [("majorproj.yaml", 8, 1)]
    assert problems[0].message.startswith("previous_totals is not used: previous: names")
    s = summary_of(this)
    assert s.last_year == "ledger"  # the ledger's figures, as before
