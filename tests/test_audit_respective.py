"""Figures listed after 分别, each its set's by order, against the hand-made ledger of
tests/metrics/small at 2024H1 (tests/test_metrics_small.py): 省重点 done 2315 of 7100 万元
(32.61%), 市重点 850 of 3600 (23.61%); 甲区 1930 of 6100 (31.64%), 乙县 2235 of 5600
(39.91%). 同比 against the sample's last year's totals: 南岭县 did 182,948.5 万元 by June
against 141,200 (29.57% more), 临江市 501,951.6 against 398,200 (26.06% more), each summed
by hand from its projects' files."""

from pathlib import Path

import pytest

from majorproj.audit import audit_file
from majorproj.audit.respective import compare_respective
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def small():
    return compute(load_ledger(TESTS / "metrics" / "small").ledger, parse_period("2024H1", 2024))


@pytest.fixture(scope="module")
def sample():
    return compute(load_ledger(TESTS.parent / "data" / "sample").ledger,
                   parse_period("2024H1", 2024))


def judged(text, summary):
    return [(c.label, c.ok, c.expected, c.basis.split(" of ")[1].split(" for ")[0])
            for c in compare_respective(text, summary)]


@pytest.mark.parametrize("text, expected", [
    ("1-6月，省、市重点项目分别完成投资2315万元、850万元，分别占年度计划的32.6%、23.6%。",
     [("完成投资2315万元", True, "2315万元", "省重点项目"),
      ("完成投资850万元", True, "850万元", "市重点项目"),
      ("投资完成率32.6%", True, "32.6%", "省重点项目"),
      ("投资完成率23.6%", True, "23.6%", "市重点项目")]),
    ("省重点项目和市重点项目分别完成投资2315万元和580万元。",
     [("完成投资2315万元", True, "2315万元", "省重点项目"),
      ("完成投资580万元", False, "850万元", "市重点项目")]),
    ("省级、市级重点项目分别完成投资0.23亿元、0.09亿元。",
     [("完成投资0.23亿元", True, "0.23亿元", "省重点项目"),
      ("完成投资0.09亿元", True, "0.09亿元", "市重点项目")]),
    # counties, the metric between them and 分别
    ("乙县、甲区投资完成率分列前两位，分别为39.9%、31.6%。",
     [("投资完成率39.9%", True, "39.9%", "乙县"), ("投资完成率31.6%", True, "31.6%", "甲区")]),
    # in order: swapped, both are wrong
    ("乙县、甲区投资完成率分别为31.6%、39.9%。",
     [("投资完成率31.6%", False, "39.9%", "乙县"), ("投资完成率39.9%", False, "31.6%", "甲区")]),
])
def test_each_figure_after_fenbie_is_its_sets_in_order(text, expected, small):
    assert judged(text, small) == expected


@pytest.mark.parametrize("text", [
    "甲区、乙县、丙县分别完成投资1930万元、2235万元。",  # three sets, two figures
    "去年同期，甲区、乙县分别完成投资1500万元、1800万元。",  # last year's
    "力争甲区、乙县分别完成投资3000万元、3500万元。",  # a target
    "二季度，甲区、乙县分别完成投资900万元、1000万元。",  # other months
    "1-5月，甲区、乙县分别完成投资900万元、1000万元。",  # other months than the period's
    "甲区、乙县分别为1930万元、2235万元。",  # no metric named
    "全市、省重点项目分别完成投资4165万元、2315万元。",  # the whole and a level: not one kind
    "甲区、乙县分别增长10.1%、20.2%。",  # growth of what, against when?
    "| 甲区、乙县分别完成投资1930万元、2235万元 |",  # a table's row
    "甲区、乙县分别开展专项行动，完成投资1930万元、2235万元。",  # not the 分别's clause
])
def test_lists_that_are_not_the_periods_or_name_no_metric_are_not_compared(text, small):
    assert judged(text, small) == []


@pytest.mark.parametrize("text", [
    "南岭县、临江市分别完成投资18.3亿元、50.2亿元，同比分别增长29.6%、26.1%。",
    "南岭县、临江市分别完成投资18.3亿元、50.2亿元，分别同比增长29.6%、26.1%。",
])
def test_growth_after_the_amounts_done_is_theirs(text, sample):
    assert judged(text, sample) == [
        ("完成投资18.3亿元", True, "18.3亿元", "南岭县"), ("完成投资50.2亿元", True, "50.2亿元", "临江市"),
        ("同比增长29.6%", True, "29.6%", "南岭县"), ("同比增长26.1%", True, "26.1%", "临江市")]
    swapped = text.replace("29.6%、26.1%", "26.1%、29.6%")
    assert [c[1] for c in judged(swapped, sample)] == [True, True, False, False]


def test_growth_after_a_list_of_rates_is_not_compared(sample):
    # 增长 after 投资完成率: the rates' change, or the amounts'? Neither is said
    text = "南岭县、临江市投资完成率分别为82.5%、81.6%，分别增长29.6%、26.1%。"
    assert [c[0] for c in judged(text, sample)] == ["投资完成率82.5%", "投资完成率81.6%"]


def test_a_fall_where_the_ledger_grew_is_wrong(sample):
    text = "南岭县、临江市分别完成投资18.3亿元、50.2亿元，同比分别下降29.6%、26.1%。"
    assert judged(text, sample)[2:] == [("同比下降29.6%", False, "-29.6%", "南岭县"),
                                        ("同比下降26.1%", False, "-26.1%", "临江市")]


def test_approximate_figures_and_those_judged_already_are_left(small):
    text = "省、市重点项目分别完成投资约2300万元、850万元。"
    assert [c.label for c in compare_respective(text, small)] == ["完成投资850万元"]
    text = "省、市重点项目分别完成投资2315万元、850万元。"
    assert [c.label for c in compare_respective(text, small, {text.index("2315")})] == [
        "完成投资850万元"]


def test_the_audit_of_a_report_checks_figures_after_fenbie(tmp_path, small):
    path = tmp_path / "report.md"
    path.write_text("1-6月，省、市重点项目分别完成投资2315万元、580万元。\n", encoding="utf-8")
    audit = audit_file(path, small)
    [wrong] = audit.wrong
    assert (wrong.line, wrong.column) == (1, 26)  # counted by hand: the 5 of 580
    assert wrong.claim.message == (
        "完成投资580万元 differs from the ledger's 完成投资 of 市重点项目 for 2024H1 (850万元)")
    assert len(audit.checked) == 2 and audit.unchecked == []
