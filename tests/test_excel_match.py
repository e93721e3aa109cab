"""Rows to projects (excel/match.py): by id, code or name, a misaligned row refused, and
"did you mean" offered for near names and ids only, and only so often."""

from __future__ import annotations

from dataclasses import replace

import pytest

from majorproj.excel.issues import join_issues, with_key
from majorproj.excel.match import SUGGESTED_LENGTH, NoMatch, ProjectIndex
from majorproj.ledger.load import SUGGESTIONS
from test_excel_support import sound, write_ledger

JX001_CODE, JX002_CODE = "2024-360000-17-01-000001", "2023-360000-48-01-000002"


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    return sound(write_ledger(tmp_path_factory.mktemp("ledger"))).projects


@pytest.fixture
def index(projects) -> ProjectIndex:
    return ProjectIndex.of(projects)


def renamed(projects, pid: str, name: str) -> ProjectIndex:
    return ProjectIndex.of([replace(p, name=name) if p.id == pid else p for p in projects])


def no_match(index: ProjectIndex, **row: str) -> str:
    with pytest.raises(NoMatch) as raised:
        index.match(**row)
    return str(raised.value)


def test_a_row_with_an_id_and_its_own_code_is_that_project(index):
    assert index.match(id="JX-001", code=JX001_CODE, name="甲县纺织产业园项目").id == "JX-001"


def test_a_row_whose_id_and_code_are_two_projects_is_refused(index):
    assert no_match(index, id="JX-001", code=JX002_CODE) == (
        f"the row's 项目编号 is JX-001 but its 项目代码 {JX002_CODE} is that of JX-002; "
        "correct one of them")


def test_an_id_with_a_code_no_project_has_is_the_ids_project(index):
    # YQ-001 has no code in the ledger: the county may give one the ledger lacks
    assert index.match(id="YQ-001", code="2024-360000-99-01-000099").id == "YQ-001"


def test_a_row_whose_id_and_name_are_two_projects_is_refused(index):
    assert no_match(index, id="JX-001", name="甲县城区道路改造工程") == (
        "the row says JX-001 but its name '甲县城区道路改造工程' is that of JX-002; "
        "correct one of them")


def test_a_mistyped_id_beside_a_name_without_its_county_is_refused(projects):
    """On 甲县's sheet 'X城区改造项目' is 甲县X城区改造项目 (JX-002): beside JX-001, whose name
    is alike enough (甲县X城区工业项目) not to look shifted, the row is misaligned: writing
    its figure to JX-001 would leave JX-002 unreported."""
    index = ProjectIndex.of([replace(p, name={"JX-001": "甲县X城区工业项目",
                                              "JX-002": "甲县X城区改造项目"}.get(p.id, p.name))
                             for p in projects])
    assert no_match(index, id="JX-001", name="X城区改造项目") == (
        "the row says JX-001 but its name 'X城区改造项目' is that of JX-002; correct one of them")
    assert index.match(id="JX-002", name="X城区改造项目").id == "JX-002"  # its own: agreed


def test_a_code_beside_a_name_that_is_nearly_another_projects_is_refused(index):
    """A 项目代码 column shifted one row against the names: JX-001's code beside a name
    typed a little short of JX-002's. By hand (difflib's ratio, 2·matches / both lengths):
    甲县城区道路改造 against 甲县纺织产业园项目 shares 甲县, 2·2/17 = 0.24 < 0.5; against
    甲县城区道路改造工程 2·8/18 = 0.89 ≥ 0.75."""
    assert no_match(index, code=JX001_CODE, name="甲县城区道路改造") == (
        "the row's 项目代码 is that of JX-001 '甲县纺织产业园项目', but its name '甲县城区道路改造' "
        "is nearly that of JX-002 '甲县城区道路改造工程': a column shifted? correct one of them")
    assert "项目编号 is that of JX-001" in no_match(index, id="JX-001", name="甲县城区道路改造")


def test_a_name_typed_otherwise_beside_its_own_code_or_id_is_that_project(index):
    # 甲县纺织产业园 is 2·7/16 = 0.88 like its project's name: no search at all
    assert index.match(code=JX001_CODE, name="甲县纺织产业园").id == "JX-001"
    # 纺织厂 is unlike it (2·2/12 = 0.33), but nearly no other project's name either
    assert index.match(id="JX-001", name="纺织厂").id == "JX-001"


def test_a_name_somewhat_like_its_own_projects_is_that_project_though_nearer_another(
        projects):
    """The id decides while the name is not unlike its project's (ratio ≥ 0.5): 乙区物流园
    against 乙区现代物流园项目 shares 乙区 and 物流园, 2·5/14 = 0.71; that it is nearer
    乙区物流园区 (2·5/11 = 0.91) is not looked at."""
    index = ProjectIndex.of([replace(p, name={"YQ-001": "乙区现代物流园项目",
                                             "YQ-002": "乙区物流园区"}.get(p.id, p.name))
                             for p in projects])
    assert index.match(id="YQ-001", name="乙区物流园").id == "YQ-001"


def test_an_unknown_code_without_a_name_says_so_alone(index):
    assert no_match(index, code="2024-360000-99-01-000099") == (
        "项目代码 '2024-360000-99-01-000099' is not the code of any project of the ledger")


def test_a_name_that_itself_begins_like_an_item_number_is_found_with_and_without_one(projects):
    index = renamed(projects, "YQ-002", "3.5万吨污水处理厂")
    assert index.match(name="3.5万吨污水处理厂").id == "YQ-002"
    assert index.match(name="1、3.5万吨污水处理厂").id == "YQ-002"
    assert index.match(name="（二）乙区物流园项目").id == "YQ-001"


def test_a_near_id_is_suggested(index):
    # "JX-01" is 0.91 alike to JX-001 (2 × 5 / 11) and 0.73 to JX-002 (2 × 4 / 11)
    assert no_match(index, id="JX-01") == ("项目编号 'JX-01' is not a project of the ledger; "
                                           "did you mean JX-001 '甲县纺织产业园项目'?")


def test_a_name_less_than_three_quarters_alike_is_not_suggested(index):
    # 甲县纺织园 and 甲县纺织产业园项目 share 5 characters of 5 + 9: 2 × 5 / 14 = 0.71
    assert no_match(index, name="甲县纺织园") == "项目名称 '甲县纺织园' matches no project of the ledger"
    assert no_match(index, name="甲县纺织产业园") == (  # 2 × 7 / 16 = 0.875
        "项目名称 '甲县纺织产业园' matches no project of the ledger; "
        "did you mean JX-001 '甲县纺织产业园项目'?")


def test_did_you_mean_is_offered_for_the_first_rows_only(index):
    messages = [no_match(index, name="甲县纺织产业园") for _ in range(SUGGESTIONS + 2)]
    assert all(m.endswith("did you mean JX-001 '甲县纺织产业园项目'?")
               for m in messages[:SUGGESTIONS])
    assert messages[SUGGESTIONS:] == ["项目名称 '甲县纺织产业园' matches no project of the ledger"] * 2


def test_no_suggestion_for_a_text_longer_than_any_name(projects):
    long_name = "甲" * (SUGGESTED_LENGTH - 10)
    index = renamed(projects, "JX-001", long_name)
    at_bound = long_name + "乙" * 10  # SUGGESTED_LENGTH characters: still a name
    assert no_match(index, name=at_bound).endswith(f"did you mean JX-001 '{long_name}'?")
    beyond = at_bound + "乙"
    assert "did you mean" not in no_match(index, name=beyond)


def test_issues_are_numbered_from_one_and_keys_only_when_given():
    assert join_issues(["用地指标未落实", "资金缺口较大"]) == "1.用地指标未落实\n2.资金缺口较大"
    assert with_key("D-1", "征地拆迁滞后") == "【D-1】征地拆迁滞后"
    assert with_key(None, "征地拆迁滞后") == with_key("", "征地拆迁滞后") == "征地拆迁滞后"


def test_a_name_two_projects_have_is_told_apart_by_the_rows_county_or_refused(projects):
    index = renamed(projects, "YQ-001", "甲县纺织产业园项目")  # now in 甲县 and in 乙区
    # (the ledger lists projects/乙区.yaml before 甲县.yaml: the names come in that order)
    assert index.match(name="甲县纺织产业园项目", county="乙区").id == "YQ-001"
    assert index.match(name="甲县纺织产业园项目", county="甲县").id == "JX-001"
    assert no_match(index, name="甲县纺织产业园项目") == (
        "项目名称 '甲县纺织产业园项目' is ambiguous: projects YQ-001, JX-001 have that name; "
        "add a 项目编号 or 项目代码 column")


def test_issues_in_one_cell_are_split_without_numbers_end_marks_or_none_said():
    from majorproj.excel.issues import split_issues

    assert split_issues("1.用地指标未落实。2.无；3.资金  缺口\t较大；") == [
        "用地指标未落实", "资金 缺口 较大"]


def test_a_date_cell_reads_as_its_day_and_a_moment_as_day_and_time():
    from datetime import date, datetime

    from majorproj.excel.text import cell_text

    assert cell_text(datetime(2024, 3, 10)) == "2024-03-10"
    assert cell_text(datetime(2024, 3, 10, 9, 30)) == "2024-03-10 09:30:00"
    assert cell_text(date(2024, 9, 1)) == "2024-09-01"
    assert cell_text(3500.0) == "3500" and cell_text(" 施工中 ") == "施工中"


def test_a_code_no_project_has_says_whose_name_the_row_gives(index):
    assert no_match(index, code="2024-360000-99-01-000099", name="乙区物流园项目") == (
        "项目代码 '2024-360000-99-01-000099' is not the code of any project of the ledger "
        "(the row's name '乙区物流园项目' is project YQ-001)")


def test_line_breaks_of_every_kind_are_one_and_blank_lines_dropped():
    from majorproj.excel.text import clean_text

    assert clean_text("主体施工\r设备安装\r\n调试\x0b\n投产") == "主体施工\n设备安装\n调试\n投产"


def test_an_id_in_other_letter_case_is_the_project_and_an_unknown_id_names_the_rows_project(
        index):
    """jx-001 is JX-001 (ids differ by more than case); an unknown id is an error, and the
    row's own name says which project the row is, rather than a lookalike id (JX-5 would
    suggest JX-002 or YQ-002, but the row is YQ-001's)."""
    assert index.match(id="jx-001", name="甲县纺织产业园项目").id == "JX-001"
    assert no_match(index, id="JX-5", name="乙区物流园项目") == (
        "项目编号 'JX-5' is not a project of the ledger (the row's name '乙区物流园项目' is "
        "project YQ-001)")
