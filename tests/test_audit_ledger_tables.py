"""A report's tables compared with the ledger, row by row, on the hand-made ledger of
tests/metrics/small (test_metrics_small.py works its figures out by hand). At 2024H1:

- 甲区 (P1, P2, P5, P8, P9): 5 projects, 总投资 10000 + 20000 + 8000 + 15000 + 4000 =
  57000, plan 1200 + 2400 + 0 + 2000 + 500 = 6100, done 600 + 480 + 0 + 800 + 50 = 1930,
  完成率 1930 / 6100 = 31.64%, 超序时进度 31.64 − 50 = −18.36; one new project (P2), started;
- 乙县 (P3, P4, P6, P7): 4 projects, 5000 + 3000 + 9000 + 30000 = 47000, plan 1000 + 600 +
  1000 + 3000 = 5600, done 50 + 0 + 1000 + 1185 = 2235, 39.91%, −10.09; P3 and P4 new, none
  started;
- the whole: 9, 104000, 11700, 4165, 35.60%, −14.40; 3 new, 1 started;
- 省重点 (P1, P2, P7, P9): plan 1200 + 2400 + 3000 + 500 = 7100, done 600 + 480 + 1185 +
  50 = 2315;
- P7 乙县七号产业项目: 30000, 3000, 1185, 39.50%.
"""

from pathlib import Path

import pytest

from majorproj.audit.findings import audit_file
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

SMALL = Path(__file__).parent / "metrics" / "small"
HEADER = ("| 县（市、区） | 项目个数 | 总投资 | 本年计划投资 | 1-6月完成投资 | 完成率（%） "
          "| 超序时进度（百分点） | 计划新开工 | 已开工 |\n|---|---|---|---|---|---|---|---|---|\n")
ROWS = ("| 甲区 | 5 | 57000 | 6100 | 1930 | 31.6 | -18.4 | 1 | 1 |\n"
        "| 乙县 | 4 | 47000 | 5600 | 2235 | 39.9 | -10.1 | 2 | 0 |\n"
        "| 合计 | 9 | 104000 | 11700 | 4165 | 35.6 | -14.4 | 3 | 1 |\n")


@pytest.fixture(scope="module")
def summary():
    result = load_ledger(SMALL)
    assert result.errors == 0
    return compute(result.ledger, parse_period("2024H1", 2024))


def audited(tmp_path, text, summary):
    path = tmp_path / "annex.md"
    path.write_text(text, encoding="utf-8")
    return audit_file(path, summary)


def ledger_claims(audit):
    return [(f.line, f.claim.label, f.claim.ok, f.claim.expected) for f in audit.findings
            if f.claim.kind == "ledger"]


def test_every_figure_of_a_county_table_agrees(tmp_path, summary):
    audit = audited(tmp_path, "附表\n\n单位：万元\n\n" + HEADER + ROWS, summary)
    assert audit.wrong == []
    found = ledger_claims(audit)
    assert len(found) == 3 * 8  # every figure of the three rows, each compared
    assert (7, "投资完成率 31.6", True, "31.6%") in found
    assert (9, "超序时进度 -14.4", True, "-14.4") in found


def test_an_edited_cell_differs_from_the_ledger(tmp_path, summary):
    edited = ROWS.replace("| 5600 | 2235 |", "| 5600 | 2253 |").replace("| 2 | 0 |", "| 2 | 1 |")
    audit = audited(tmp_path, "单位：万元\n\n" + HEADER + edited, summary)
    wrong = {(f.line, f.claim.label, f.claim.expected) for f in audit.wrong
             if f.claim.kind == "ledger" or any(a.kind == "ledger" for a in f.claim.also)}
    assert (6, "完成投资 2253", "2235") in wrong
    assert (6, "已开工项目 1", "0") in wrong
    messages = [f.claim.message for f in audit.wrong]
    assert "完成投资 2253 differs from the ledger's 完成投资 of 乙县 for 2024H1 (2235)" in messages


def test_amounts_in_yi_by_their_header_and_levels_and_projects_by_name(tmp_path, summary):
    table = ("| 类别 | 本年计划投资（亿元） | 1-6月完成投资（亿元） | 完成率 |\n|---|---|---|---|\n"
             "| 省重点项目 | 0.71 | 0.2315 | 32.6% |\n"  # 2315 / 7100 = 32.61%
             "| 乙县七号产业项目 | 0.3 | 0.1185 | 39.5% |\n"
             "| 甲区 | 0.61 | 0.139 | 31.6% |\n")  # 0.193 typed 0.139
    audit = audited(tmp_path, table, summary)
    found = ledger_claims(audit)
    assert (3, "年度计划投资 0.71", True, "0.71") in found
    assert (3, "投资完成率 32.6%", True, "32.6%") in found
    assert (4, "完成投资 0.1185", True, "0.1185") in found
    assert (4, "投资完成率 39.5%", True, "39.5%") in found
    assert (5, "完成投资 0.139", False, "0.193") in found


@pytest.mark.parametrize("text", [
    HEADER.replace("1-6月", "1-5月") + ROWS,  # May's table in a 上半年 report
    HEADER.replace("本年计划投资", "2023年计划投资") + ROWS,
])
def test_a_table_of_another_time_is_not_compared(tmp_path, summary, text):
    assert ledger_claims(audited(tmp_path, "单位：万元\n\n" + text, summary)) == []


def test_a_column_of_last_year_is_left_out_and_the_others_compared(tmp_path, summary):
    # 去年同期完成投资 replaces 1-6月完成投资: its 1930 and 2235 are not this year's figures to
    # compare, nor the rate and gap that need this year's; 项目个数, 总投资, 本年计划投资 and the
    # starts are this year's (甲区 5 / 57000 / 6100 / 1 / 1, 乙县 4 / 47000 / 5600 / 2 / 0)
    text = "单位：万元\n\n" + HEADER.replace("1-6月完成投资", "去年同期完成投资") + ROWS
    claims = ledger_claims(audited(tmp_path, text, summary))
    assert {label.split()[0] for _, label, _, _ in claims} == {
        "项目数", "总投资", "年度计划投资", "计划新开工项目", "已开工项目"}
    assert all(ok for _, _, ok, _ in claims) and len(claims) == 15


def test_amounts_without_a_unit_are_not_compared_but_counts_are(tmp_path, summary):
    found = ledger_claims(audited(tmp_path, HEADER + ROWS, summary))
    assert {label.split()[0] for _, label, _, _ in found} == {
        "项目数", "投资完成率", "超序时进度", "计划新开工项目", "已开工项目"}


def test_a_row_naming_no_set_or_two_is_not_compared(tmp_path, summary):
    table = ("| 县（市、区） | 项目个数 |\n|---|---|\n| 丁县 | 5 |\n| 甲区 | 乙县 | 9 |\n"
             "| 甲区 | 5 |\n")
    assert ledger_claims(audited(tmp_path, table, summary)) == [(5, "项目数 5", True, "5")]


def test_a_row_of_a_project_the_ledger_does_not_know_is_not_its_countys(tmp_path, summary):
    # the ledger has 乙县七号产业项目 (plan 3000, done 1185), not its 一期; 甲区十号 is not in it
    # at all: neither row is 乙县's or 甲区's (5600/2235, 6100/1930), and the known project's
    # row is compared as that project's
    text = ("单位：万元\n\n| 序号 | 项目名称 | 县（市、区） | 本年计划投资 | 1-6月完成投资 |\n"
            "|---|---|---|---|---|\n"
            "| 1 | 乙县七号产业项目（一期） | 乙县 | 1500 | 600 |\n"
            "| 2 | 甲区十号市政工程 | 甲区 | 800 | 200 |\n"
            "| 3 | 乙县七号产业项目 | 乙县 | 3000 | 1158 |\n")
    assert ledger_claims(audited(tmp_path, text, summary)) == [
        (7, "年度计划投资 3000", True, "3000"), (7, "完成投资 1158", False, "1185")]


def test_the_total_of_some_counties_is_not_the_whole_citys(tmp_path, summary):
    # a table of 甲区 alone (of the two counties with projects): its 合计 is 甲区's 5 projects,
    # 6100 planned, not the whole's 9 and 11700; 甲区's own row is still compared
    row = "| 甲区 | 5 | 57000 | 6100 | 1930 | 31.6 | -18.4 | 1 | 1 |\n"
    text = "单位：万元\n\n" + HEADER + row + row.replace("甲区", "合计")
    claims = ledger_claims(audited(tmp_path, text, summary))
    assert {line for line, *_ in claims} == {5} and all(ok for _, _, ok, _ in claims)
    assert len(claims) == 8


def test_a_project_table_under_county_sub_totals_is_compared_row_by_row(tmp_path, summary):
    # 甲区's 小计 6100 / 1930, its P1 1200 / 600; 乙县's 5600 / 2235, its P7 3000 / 1185
    # (1158 a slip); the 合计 of both counties the whole's 11700 / 4165, the sum of the
    # 小计 rows (the table lists two of the nine projects)
    text = ("单位：万元\n\n| 项目名称 | 本年计划投资 | 1-6月完成投资 |\n|---|---|---|\n"
            "| 甲区小计（5个） | 6100 | 1930 |\n| 甲区一号产业项目 | 1200 | 600 |\n"
            "| 乙县小计（4个） | 5600 | 2235 |\n| 乙县七号产业项目 | 3000 | 1158 |\n"
            "| 合计 | 11700 | 4165 |\n")
    audit = audited(tmp_path, text, summary)
    claims = ledger_claims(audit)
    assert [(line, ok) for line, _, ok, _ in claims] == [
        (5, True), (5, True), (6, True), (6, True), (7, True), (7, True), (8, True), (8, False),
        (9, True), (9, True)]
    assert (8, "完成投资 1158", False, "1185") in claims
    assert [f.claim.printed for f in audit.wrong] == ["1158"]


def test_a_countys_rank_and_light_counts_in_a_table(tmp_path, summary):
    # 乙县 first (39.91%), 甲区 second (31.64%); red: 甲区's P9, 乙县's P3; yellow: 甲区's P2,
    # 乙县's P7 (metrics.md): 甲区 ranked 1 and 乙县 with 2 red lights are slips
    text = ("| 排名 | 县（市、区） | 红灯 | 黄灯 |\n|---|---|---|---|\n"
            "| 1 | 乙县 | 2 | 1 |\n| 1 | 甲区 | 1 | 1 |\n| | 合计 | 3 | 2 |\n")
    audit = audited(tmp_path, text, summary)
    assert [(f.line, f.claim.label, f.claim.expected) for f in audit.wrong] == [
        (3, "亮红灯项目 2", "1"), (4, "排名 1", "2"), (5, "亮红灯项目 3", "2")]


def test_a_table_of_rates_alone_is_compared_as_the_periods(tmp_path, summary):
    """A 完成率 column with no amount beside it (the data of a report's 图1) is the
    period's 投资完成率: 甲区 1930 / 6100 = 31.6%, 乙县 2235 / 5600 = 39.9%."""
    table = "| 县（市、区） | 完成率 |\n|---|---:|\n| 甲区 | 31.6% |\n| 乙县 | 38.9% |\n"
    assert [(label, ok, expected) for _, label, ok, expected in
            ledger_claims(audited(tmp_path, table, summary))] == [
        ("投资完成率 31.6%", True, "31.6%"), ("投资完成率 38.9%", False, "39.9%")]


def test_a_long_table_of_projects_looks_each_row_up_once(tmp_path, monkeypatch):
    """A table of every project of a ledger of 300: each row's name is found in an index of
    the names, not among all 300 (rows × projects: a 10,000-row annex took hours)."""
    import subprocess
    import sys

    import majorproj.audit.ledger_tables as tables

    ledger = tmp_path / "ledger"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "bench" / "generate.py"),
                    "300", str(ledger)], check=True, capture_output=True)
    big = compute(load_ledger(ledger).ledger, parse_period("2024H1", 2024))
    rows = "".join(f"| {s.project.name} | {s.project.county} | {s.project.total_investment} |\n"
                   for s in big.projects)
    calls = []
    real = tables.re.sub
    monkeypatch.setattr(tables.re, "sub", lambda *a, **k: calls.append(1) or real(*a, **k))
    audit = audited(tmp_path, "单位：万元\n\n| 项目名称 | 县（市、区） | 总投资 |\n|---|---|---|\n"
                    + rows, big)
    # every row its project's 总投资 (names the generator makes are each one project's)
    assert len([f for f in audit.findings if f.claim.ok]) == len(big.projects)
    # a few for each row's cells, and one for each project's name once
    assert len(calls) < 20 * len(big.projects)
