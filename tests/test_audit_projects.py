"""A named project's figures against its own in the sample ledger at 2024H1: NL-004
南岭县城区排水防涝设施灾后重建工程 (projects/南岭县.yaml) has 总投资 and 年度计划 6120 万元 and
reported 353 by June (progress/2024-06.yaml): 353 / 6120 = 5.77%, 44.23 points behind
6/12."""

from pathlib import Path

import pytest

from majorproj.audit import audit_file
from majorproj.audit.projects import compare_projects
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
NAME = "南岭县城区排水防涝设施灾后重建工程"


@pytest.fixture(scope="module")
def summary():
    return compute(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))


def judged(text, summary):
    return [(c.label, c.ok, c.expected) for c in compare_projects(text, summary)]


@pytest.mark.parametrize("text, expected", [
    (f"7.{NAME}（南岭县）：落后序时进度44.2个百分点。", [("落后序时进度44.2个百分点", True, "44.2个百分点")]),
    (f"7.{NAME}（南岭县）：落后序时进度42.4个百分点。", [("落后序时进度42.4个百分点", False, "44.2个百分点")]),
    # with or without 工程, its amounts and rate, a clause after another
    (f"{NAME.removesuffix('工程')}总投资6120万元，1-6月完成投资353万元，投资完成率5.8%。",
     [("总投资6120万元", True, "6120万元"), ("完成投资353万元", True, "353万元"),
      ("投资完成率5.8%", True, "5.8%")]),
    # 353 万元 is 0.0353亿元, 0.04 to two places; 8.5% has its digits swapped
    (f"{NAME}完成投资0.04亿元，投资完成率8.5%。",
     [("完成投资0.04亿元", True, "0.04亿元"), ("投资完成率8.5%", False, "5.8%")]),
])
def test_a_named_projects_figures_are_its_own(text, expected, summary):
    assert judged(text, summary) == expected


@pytest.mark.parametrize("text", [
    # the name ends a list in brackets: the figure after them is the set's
    f"其中6个逾期未开工（东湖大道快速化改造工程、{NAME}等6个）；完成投资133.7亿元，投资完成率78.8%。",
    f"{NAME}进展顺利，全市完成投资174.3亿元。",  # a set named after the project
    f"{NAME}和东湖大道快速化改造工程共完成投资1.2亿元。",  # two projects together
    f"{NAME}去年同期完成投资100万元。",  # last year's
    f"{NAME}去年同期投资完成率为30.0%。",
    f"{NAME}力争完成投资6000万元。",  # a target
    f"{NAME}力争年底前超序时进度5个百分点。",
    f"{NAME}已开工3个标段。",  # a count: no project's metric
    f"{NAME}开工率100%，履约率50.0%。",  # a set's rates, which a project has not
    f"| 7 | {NAME} | 南岭县 | 落后序时进度42.4个百分点 |",  # a table row: read as a table
    "南岭县城区工程完成投资353万元。",  # a name the ledger does not hold
])
def test_figures_that_are_not_the_projects_own_are_not_compared(text, summary):
    assert judged(text, summary) == []


def test_a_name_two_projects_share_is_not_compared(tmp_path):
    import shutil

    ledger = tmp_path / "ledger"
    shutil.copytree(SAMPLE, ledger)
    county = ledger / "projects" / "南岭县.yaml"
    text = county.read_text(encoding="utf-8")
    county.write_text(text.replace("name: 南岭县城区排水防涝设施灾后重建工程",
                                   "name: 南岭县城区排水防涝设施灾后重建工程", 1), encoding="utf-8")
    other = ledger / "projects" / "东湖区.yaml"
    first = other.read_text(encoding="utf-8").split("name: ", 2)[1].split("\n")[0]
    other.write_text(other.read_text(encoding="utf-8").replace(f"name: {first}", f"name: {NAME}", 1),
                     encoding="utf-8")
    result = load_ledger(ledger)
    twice = compute(result.ledger, parse_period("2024H1", 2024))
    assert sum(s.project.name == NAME for s in twice.projects) == 2
    assert judged(f"{NAME}完成投资353万元。", twice) == []


def test_the_audit_checks_a_named_projects_figure(tmp_path, summary):
    path = tmp_path / "r.md"
    path.write_text(f"7.{NAME}（南岭县）：落后序时进度42.4个百分点。\n", encoding="utf-8")
    audit = audit_file(path, summary)
    [wrong] = audit.wrong
    assert wrong.claim.message == (f"落后序时进度42.4个百分点 differs from the ledger's 落后序时进度 of "
                                   f"{NAME} for 2024H1 (44.2个百分点)")
    assert audit.unchecked == []
