"""Ranks of counties against the hand-made ledger of tests/metrics/small at 2024H1:
甲区 done 1930 of 6100 (31.64%), 乙县 2235 of 5600 (39.91%); 丙县 has no projects. By
完成率 and by 完成投资 alike 乙县 is first, 甲区 second, of 2 counties."""

from pathlib import Path

import pytest

from majorproj.audit.ledger import compare
from majorproj.audit.numbers import small_number
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

SMALL = Path(__file__).parent / "metrics" / "small"


@pytest.fixture(scope="module")
def summary():
    return compute(load_ledger(SMALL).ledger, parse_period("2024H1", 2024))


def ranks(text, summary):
    return [(c.printed, c.ok, c.expected) for c in compare(text, summary)
            if "rank" in c.basis]


@pytest.mark.parametrize("text, expected", [
    ("1-6月，乙县重点项目投资完成率39.9%，居全市第1位。", [("第1位", True, "第1位")]),
    ("1-6月，甲区重点项目投资完成率31.6%，居全市第一位。", [("第一位", False, "第2位")]),
    ("1-6月，甲区完成投资0.193亿元，位列全市第二。", [("第二", True, "第2")]),
    ("1-6月，乙县完成年度计划的39.9%，排名第2名。", [("第2名", False, "第1名")]),
    ("1-6月，甲区投资完成率31.6%，排名末位。", [("末位", True, "末位")]),
    ("1-6月，乙县投资完成率39.9%，居全市末位。", [("末位", False, "第1位")]),
    # 首位 is the first; 倒数第N counted from the last: of 2, 甲区 is 倒数第一, 乙县 倒数第二
    ("1-6月，乙县投资完成率39.9%，位居全市首位。", [("首位", True, "首位")]),
    ("1-6月，甲区投资完成率31.6%，位居全市首位。", [("首位", False, "第2位")]),
    ("1-6月，甲区投资完成率31.6%，排名倒数第一。", [("倒数第一", True, "倒数第1")]),
    ("1-6月，乙县投资完成率39.9%，排名倒数第1。", [("倒数第1", False, "倒数第2")]),
    ("1-6月，乙县投资完成率39.9%，排名倒数第二位。", [("倒数第二位", True, "倒数第2位")]),
])
def test_a_countys_rank_by_the_metric_its_clause_names(text, expected, summary):
    assert ranks(text, summary) == expected


@pytest.mark.parametrize("text", [
    "1-6月，甲区重点项目开工率100%，居全市第1位。",  # by 开工率: not a ranking kept
    "1-6月，甲区、乙县投资完成率居全市第1位。",  # two counties
    "1-6月，全市重点项目投资完成率35.6%，居全省第5位。",  # the province's
    "1-6月，甲区投资完成率在全市产业大县中排名第2。",  # among some counties
    "1-8月，甲区重点项目投资完成率31.6%，居全市第2位。",  # another period
    # by another measure than the metric named before it
    "1-6月，乙县完成投资0.2235亿元，同比增长24.5%，增速居全市第5位。",
    "1-6月，乙县完成投资0.2235亿元，同比增长24.5%，居全市第5位。",
    "1-6月，乙县完成投资0.2235亿元，已开工项目2个，数量居全市第2位。",
    "1-6月，乙县完成投资0.2235亿元，当月完成0.05亿元，居全市第2位。",
    "1-6月，乙县完成投资0.2235亿元，综合考评居全市第2位。",
    # something said between the metric and the rank: the rank may be by that
    "1-6月，乙县投资完成率39.9%，较上月提高3个百分点，居全市第2位。",
    "1-6月，乙县居全市第2位。",  # no metric named
])
def test_other_ranks_are_not_compared(text, summary):
    assert ranks(text, summary) == []


def test_a_rank_is_judged_in_its_own_clause_and_every_one_is_looked_at(summary):
    """What other sentences say (an 开工率 before, a 增速 after) does not stop a rank; a rank
    not compared does not stop the ones after it; each is a claim against the ledger."""
    text = ("1-6月，甲区重点项目开工率100%，居全市第1位。乙县投资完成率39.9%，居全市第1位。"
            "甲区投资完成率31.6%，居全市第1位。全市增速较快。")
    claims = [c for c in compare(text, summary) if "rank" in c.basis]
    assert [(c.printed, c.ok, c.expected) for c in claims] == [
        ("第1位", True, "第1位"), ("第1位", False, "第2位")]
    assert {c.kind for c in claims} == {"ledger"}


def test_chinese_numerals():
    assert [small_number(n) for n in ("一", "九", "十", "十一", "十九", "二十", "3", "12")] == [
        1, 9, 10, 11, 19, 20, 3, 12]


TIED_CONFIG = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [东区, 南县, 西区]
sectors: [交通]
"""


@pytest.fixture(scope="module")
def tied(tmp_path_factory):
    """Three counties at 50%: 西区 1000 of 2000, 东区 and 南县 500 of 1000 each."""
    root = tmp_path_factory.mktemp("tied")
    (root / "projects").mkdir()
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(TIED_CONFIG, encoding="utf-8")
    projects, entries = ["projects:"], ["month: 2024-06", "entries:"]
    for pid, county, plan, done in (("D1", "东区", 1000, 500), ("N1", "南县", 1000, 500),
                                    ("X1", "西区", 2000, 1000)):
        projects.append(f"  - {{id: {pid}, name: {county}道路工程, level: municipal, county: "
                        f"{county}, sector: 交通, nature: continuing, total_investment: 9000, "
                        f"annual_plan: {plan}}}")
        entries.append(f"  {pid}: {{completed_ytd: {done}}}")
    (root / "projects" / "p.yaml").write_text("\n".join(projects) + "\n", encoding="utf-8")
    (root / "progress" / "2024-06.yaml").write_text("\n".join(entries) + "\n", encoding="utf-8")
    loaded = load_ledger(root)
    assert loaded.errors == 0, loaded.problems
    return compute(loaded.ledger, parse_period("2024H1", 2024))


@pytest.mark.parametrize("text, expected", [
    # equal rates are ranked by the amount done, as the ledger's ranking is: 西区 first
    # (1000), 东区 and 南县 second together (500 each)
    ("1-6月，西区投资完成率50.0%，居全市第1位。", [("第1位", True, "第1位")]),
    ("1-6月，东区投资完成率50.0%，居全市第2位。", [("第2位", True, "第2位")]),
    ("1-6月，南县投资完成率50.0%，居全市第2位。", [("第2位", True, "第2位")]),
    ("1-6月，东区投资完成率50.0%，居全市第1位。", [("第1位", False, "第2位")]),
])
def test_equal_rates_rank_as_the_ledgers_ranking_does(text, expected, tied):
    assert ranks(text, tied) == expected
    assert [(r.county, r.rank) for r in tied.ranking] == [("西区", 1), ("东区", 2), ("南县", 2)]
