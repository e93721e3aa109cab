"""A county's figures in brackets in a list (投资完成率居前的是乙县（39.9%）、甲区（31.6%）),
against the hand-made ledger of tests/metrics/small at 2024H1: 甲区 done 1930 of 6100 万元
(31.64%, 18.36 points behind 6/12), 乙县 2235 of 5600 (39.91%, 10.09 points behind);
丙县 has no projects. 同比 against the sample's last year's totals: 南岭县 did 182,948.5
万元 by June (its projects' files, summed by hand) against 141,200 in 2023, 29.57% more."""

from pathlib import Path

import pytest

from majorproj.audit import audit_file
from majorproj.audit.listed import compare_listed
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

TESTS = Path(__file__).parent
SAMPLE = TESTS.parent / "data" / "sample"


@pytest.fixture(scope="module")
def small():
    return compute(load_ledger(TESTS / "metrics" / "small").ledger, parse_period("2024H1", 2024))


@pytest.fixture(scope="module")
def sample():
    return compute(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))


def judged(text, summary):
    return [(c.label, c.ok, c.expected) for c in compare_listed(text, summary)]


@pytest.mark.parametrize("text, expected", [
    # a figure alone in its brackets is of the metric the clause ranks the counties by
    ("分县（市、区）看，投资完成率居前的是乙县（39.9%）、甲区（31.6%）。",
     [("投资完成率39.9%", True, "39.9%"), ("投资完成率31.6%", True, "31.6%")]),
    ("投资完成率居前的是乙县（39.9%）、甲区（36.1%）。",
     [("投资完成率39.9%", True, "39.9%"), ("投资完成率36.1%", False, "31.6%")]),
    ("投资完成率排名前二的县（市、区）依次为：乙县（39.9%）和甲区（31.6%）。",
     [("投资完成率39.9%", True, "39.9%"), ("投资完成率31.6%", True, "31.6%")]),
    ("各县（市、区）投资完成率排名由高到低依次是：乙县（39.9%）、甲区（31.6%）。",
     [("投资完成率39.9%", True, "39.9%"), ("投资完成率31.6%", True, "31.6%")]),
    # a second list of the sentence keeps the metric of the first
    ("投资完成率居前的是乙县（39.9%），居后的是甲区（31.9%）。",
     [("投资完成率39.9%", True, "39.9%"), ("投资完成率31.9%", False, "31.6%")]),
    # but not into the next sentence, which names no metric
    ("投资完成率居前的是乙县（39.9%）。居后的是甲区（31.9%）。", [("投资完成率39.9%", True, "39.9%")]),
    # the months before the metric's words, with no comma between
    ("1-6月投资完成率居前的是乙县（39.9%）。", [("投资完成率39.9%", True, "39.9%")]),
    # amounts: 2235 万元 is 0.2235亿元
    ("完成投资较多的是乙县（2235万元）、甲区（1930万元）。",
     [("完成投资2235万元", True, "2235万元"), ("完成投资1930万元", True, "1930万元")]),
    ("完成投资较多的是乙县（0.22亿元）、甲区（0.29亿元）。",
     [("完成投资0.22亿元", True, "0.22亿元"), ("完成投资0.29亿元", False, "0.19亿元")]),
    # a figure after its own words is of the metric they name: 39.91 − 50 = −10.09 points
    ("未达到序时进度的县（市、区）中，投资完成率居后的是乙县（39.9%，落后序时进度10.1个百分点）、"
     "甲区（完成率31.6%，落后序时进度13.4个百分点）。",
     [("投资完成率39.9%", True, "39.9%"), ("落后序时进度10.1个百分点", True, "10.1个百分点"),
      ("投资完成率31.6%", True, "31.6%"), ("落后序时进度13.4个百分点", False, "18.4个百分点")]),
])
def test_a_countys_figures_in_a_list_are_its_own(text, expected, small):
    assert judged(text, small) == expected


@pytest.mark.parametrize("text", [
    "完成投资超过2000万元的有乙县（2235万元）。",  # picked by a figure, not ranked
    "完成投资超过2000万元且较多的是乙县（2235万元）。",
    "去年同期，投资完成率居前的是乙县（30.1%）。",  # last year's
    "1-5月，投资完成率居前的是乙县（30.1%）。",  # other months than the period's
    "力争完成投资较多的是乙县（3000万元）。",  # a target
    "乙县（30.1%）表现突出。",  # no list ranked by a metric
    "| 说明 | 投资完成率居前的是乙县（30.1%） |",  # a table's row
    "开工率居前的是乙县（约30%）。",  # approximate
    "投资完成率居前的是乙县（XX%）。",  # a placeholder
    "综合得分居前的是乙县（90.1分）。",  # a measure the ledger does not have
])
def test_lists_that_are_not_the_periods_or_not_ranked_by_a_metric_are_not_compared(text, small):
    assert judged(text, small) == []


@pytest.mark.parametrize("text, expected", [
    ("与去年同期相比，完成投资增长较快的是南岭县（同比增长29.6%）。", ("同比增长29.6%", True, "29.6%")),
    ("与去年同期相比，完成投资增长较快的是南岭县（同比增长26.9%）。", ("同比增长26.9%", False, "29.6%")),
    ("完成投资增长较快的是南岭县（29.6%）。", ("同比增长29.6%", True, "29.6%")),
    ("完成投资较多的是南岭县（18.3亿元，同比增长29.6%）。", ("同比增长29.6%", True, "29.6%")),
    # a fall where the ledger grew is wrong
    ("完成投资增长较慢的是南岭县（同比下降29.6%）。", ("同比下降29.6%", False, "-29.6%")),
])
def test_year_on_year_in_brackets_is_the_growth_of_the_amount_done(text, expected, sample):
    assert expected in judged(text, sample)


def test_year_on_year_is_compared_only_in_a_list_of_the_amount_done(sample):
    # ranked by 投资完成率, a 同比增长 in brackets could be the rate's or the amount's
    assert judged("投资完成率居前的是南岭县（同比增长29.6%）。", sample) == []


def test_a_figure_judged_already_is_left_to_its_judge(small):
    text = "投资完成率居前的是乙县（39.9%）、甲区（31.6%）。"
    first = text.index("39.9")
    assert [c.start for c in compare_listed(text, small)] == [first, text.index("31.6")]
    assert [c.start for c in compare_listed(text, small, {first})] == [text.index("31.6")]


def test_the_audit_of_a_report_checks_listed_figures(tmp_path, small):
    path = tmp_path / "report.md"
    path.write_text("1-6月，分县（市、区）看，投资完成率居前的是乙县（39.9%），"
                    "居后的是甲区（36.1%）。\n", encoding="utf-8")
    audit = audit_file(path, small)
    assert [(f.line, f.column, f.claim.ok) for f in audit.findings] == [
        (1, 27, True), (1, 41, False)]  # counted by hand: the first digit of each
    [wrong] = audit.wrong
    assert wrong.claim.message == (
        "投资完成率36.1% differs from the ledger's 投资完成率 of 甲区 for 2024H1 (31.6%)")
    assert audit.unchecked == []
