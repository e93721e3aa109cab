"""`majorproj import projects`: the annual project list → projects/<county>.yaml."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from test_excel_support import FILES, run, save, sound, workbook, write_ledger

D = Decimal

HEADER = ["序号", "项目名称", "项目代码", "项目性质", "级别", "县市区", "行业", "建设内容及规模",
          "建设起止年限", "总投资（亿元）", "至上年底累计完成投资（万元）", "本年计划投资（万元）",
          "建设单位", "责任单位", "包联领导", "计划开工时间"]


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "ledger")


def by_id(root):
    return {p.id: p for p in sound(root).projects}


def project_list(path, rows):
    return save(workbook([["测试市2024年重点项目明细表"], HEADER, *rows], merges=("A1:P1",)),
                path)


def test_new_and_existing_projects_map_to_the_formats_values_with_stable_ids(ledger, tmp_path):
    rows = [
        # existing by code: keeps JX-001, takes the new plan, keeps what the sheet lacks
        [1, "甲县纺织产业园项目（一期）", "2024-360000-17-01-000001", "新开工", "省重点", "甲县",
         "产业", "厂房10万平方米", "2024-2026", 5, 0, "21,000", None, "县工信局", "李副市长",
         "2024年3月"],
        # existing by name with stray and full-width spaces: keeps YQ-001
        [2, "乙区 物流园\u3000项目", None, "续建", "省重点", "乙区", "产业", None, "2022—2025年",
         8, 20000, 24000, None, None, None, None],
        # new ones: numbering continues per county, XM for a county without projects
        [3, "甲县 新建 水厂", None, "新开工", "县重点", "甲县", "生态环保", None, "2024-2025", 0.6,
         0, 1500, "甲县水务公司", None, None, datetime(2024, 7, 15)],
        [4, "乙区环线公路", None, "续建", "市重点", "乙区", "交通", None, "2023-2026", "12.5", 30000,
         40000, None, None, None, None],
        [5, "丙县预备项目", None, "预备", "市级", "丙 县", "产业", None, "2025-2027", 2, None, None,
         None, None, None, None],
        ["合计", None, None, None, None, None, None, None, None, 29.1],
    ]
    result = run("import", "projects", project_list(tmp_path / "明细表.xlsx", rows), "-l", ledger)
    assert result.exit_code == 0, result.output
    projects = by_id(ledger)  # passes check
    jx1 = projects["JX-001"]
    assert jx1.name == "甲县纺织产业园项目（一期）"  # the sheet's name, as written
    assert (jx1.annual_plan, jx1.total_investment) == (D(21000), D(5) * 10000)
    assert (jx1.start_year, jx1.end_year, jx1.unit, jx1.leader) == (2024, 2026, "县工信局",
                                                                      "李副市长")
    assert jx1.procedures == {"approval": "done", "land": "done"}  # not in the sheet: kept
    assert jx1.milestones.started == date(2024, 3, 10)
    yq1 = projects["YQ-001"]
    assert (yq1.name, yq1.start_year, yq1.end_year, yq1.tags) == ("乙区物流园项目", 2022, 2025,
                                                                  ["灾后重建"])
    new = projects["JX-003"]
    assert (new.name, new.nature, new.level, new.sector) == ("甲县新建水厂", "new", "county",
                                                             "生态环保")
    assert (new.total_investment, new.planned_start) == (D("0.6") * 10000, date(2024, 7, 15))
    road = projects["YQ-003"]
    assert (road.level, road.nature, road.total_investment, road.completed_before) == (
        "municipal", "continuing", D("12.5") * 10000, D(30000))
    spare = projects["XM-001"]
    assert (spare.county, spare.nature, spare.annual_plan) == ("丙县", "preparatory", D(0))
    assert "  + JX-003 甲县新建水厂 (甲县)" in result.stdout
    assert "  ~ JX-001 " in result.stdout and "annual_plan 20000 → 21000" in result.stdout
    assert "added 3 projects, updated 2, 0 unchanged" in result.stdout
    assert "2 projects of the ledger are not in the sheet and are kept: YQ-002, JX-002" \
        in result.stdout
    assert (ledger / "projects" / "丙县.yaml").exists()
    jia = (ledger / "projects" / "甲县.yaml").read_text(encoding="utf-8")
    assert jia.startswith("# 甲县 2024年重点项目\nprojects:\n  - id: JX-001\n")
    assert "    planned_start: '2024-03'\n" in jia


def test_importing_the_same_list_again_changes_nothing(ledger, tmp_path):
    rows = [[1, "乙区环线公路", None, "续建", "市重点", "乙区", "交通", None, "2023-2026", 12.5,
             30000, 40000, None, None, None, None]]
    path = project_list(tmp_path / "s.xlsx", rows)
    assert run("import", "projects", path, "-l", ledger).exit_code == 0
    files = {p: p.read_bytes() for p in (ledger / "projects").iterdir()}
    again = run("import", "projects", path, "-l", ledger)
    assert again.exit_code == 0
    assert "added 0 projects, updated 0, 1 unchanged" in again.stdout
    assert {p: p.read_bytes() for p in (ledger / "projects").iterdir()} == files
    assert list(by_id(ledger)).count("YQ-003") == 1


def test_id_prefix_option_and_the_rows_own_id(ledger, tmp_path):
    rows = [[1, "甲县新桥", None, "续建", "县重点", "甲县", "交通", None, None, 1, 0, 100, None,
             None, None, None]]
    path = project_list(tmp_path / "s.xlsx", rows)
    assert run("import", "projects", path, "-l", ledger, "--id-prefix", "JIA").exit_code == 0
    assert "JIA-001" in by_id(ledger)
    bad = run("import", "projects", path, "-l", ledger, "--id-prefix", "a-b")
    assert bad.exit_code == 2 and "--id-prefix 'a-b'" in bad.stderr
    with_id = workbook([["项目编号", "项目名称", "项目性质", "级别", "县市区", "行业", "总投资",
                         "本年计划投资"],
                        ["JX-100", "甲县某厂", "续建", "县重点", "甲县", "产业", 10, 5]])
    assert run("import", "projects", save(with_id, tmp_path / "b.xlsx"), "-l",
               ledger).exit_code == 0
    assert by_id(ledger)["JX-100"].name == "甲县某厂"


def test_unknown_values_are_errors_by_row_and_nothing_is_written(ledger, tmp_path):
    before = {p.name: p.read_bytes() for p in (ledger / "projects").iterdir()}
    rows = [[1, "丁县项目", None, "新开工", "省重点", "丁县", "产业", None, None, 1, 0, 100, None,
             None, None, "2024-05"],
            [2, "甲县项目", None, "在谈", "国重点", "甲县", "旅游", None, None, "一亿", 0, 100, None,
             None, None, None],
            [3, "甲县无开工期", None, "新开工", "县重点", "甲县", "产业", None, None, 1, 0, 100,
             None, None, None, None]]
    result = run("import", "projects", project_list(tmp_path / "s.xlsx", rows), "-l", ledger)
    assert result.exit_code == 1
    err = result.stderr
    assert "s.xlsx:Sheet1!R3: error E202 XM-001: county '丁县' is not in the ledger's counties" in err
    assert "R4: error E505 Sheet1!J 总投资（亿元）: '一亿' is not a number" in err
    assert "R4: error E509 项目性质 '在谈' is not one of 新开工/续建/预备" in err
    assert "R4: error E509 级别 '国重点' is not one of 省重点/市重点/县重点" in err
    assert "R5: error E206 JX-003: a new project (新开工) needs planned_start" in err
    assert {p.name: p.read_bytes() for p in (ledger / "projects").iterdir()} == before


def test_duplicate_rows_and_county_lists_without_county_column(ledger, tmp_path):
    rows = [["项目名称", "项目性质", "级别", "行业", "总投资", "本年计划投资"],
            ["丙县一号项目", "续建", "县重点", "产业", 10, 5],
            ["丙县一号项目 ", "续建", "县重点", "产业", 10, 5]]
    path = save(workbook(rows), tmp_path / "s.xlsx")
    missing = run("import", "projects", path, "-l", ledger)
    assert missing.exit_code == 2 and "pass --county NAME" in missing.stderr
    result = run("import", "projects", path, "-l", ledger, "--county", "丙县")
    assert result.exit_code == 1
    assert "R3: error E507 a second row for XM-002 '丙县一号项目' (the same name, first at R2)" \
        in result.stderr


def test_dry_run_writes_nothing(ledger, tmp_path):
    rows = [[1, "乙区环线公路", None, "续建", "市重点", "乙区", "交通", None, None, 1, 0, 100,
             None, None, None, None]]
    result = run("import", "projects", project_list(tmp_path / "s.xlsx", rows), "-l", ledger,
                 "--dry-run")
    assert result.exit_code == 0
    assert "would add 1 projects" in result.stdout and "nothing written" in result.stdout
    assert (ledger / "projects" / "乙区.yaml").read_text(encoding="utf-8") == \
        FILES["projects/乙区.yaml"]


def test_a_rows_unknown_id_gives_way_to_its_known_code(ledger, tmp_path):
    rows = [["项目编号", "项目代码", "项目名称", "项目性质", "级别", "县市区", "行业", "总投资",
             "本年计划投资"],
            ["JX-999", "2023-360000-48-01-000002", "甲县城区道路改造工程", "续建", "市重点", "甲县",
             "交通", 30000, 12500]]
    result = run("import", "projects", save(workbook(rows), tmp_path / "s.xlsx"), "-l", ledger)
    assert result.exit_code == 0, result.output
    assert "R2: warning W506 项目编号 JX-999 is not in the ledger; the row's 项目代码 is that of " \
        "JX-002, which keeps its id" in result.stderr
    projects = by_id(ledger)
    assert "JX-999" not in projects and projects["JX-002"].annual_plan == D(12500)


@pytest.mark.parametrize("command", [("import", "progress"), ("import", "projects"),
                                     ("export",), ("import",)])
def test_every_excel_command_explains_itself_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example: majorproj " in result.stdout


def test_a_file_with_comments_between_its_projects_is_named_before_it_is_rewritten(tmp_path):
    jia = FILES["projects/甲县.yaml"].replace("  - id: JX-002\n", "  # 续建项目\n  - id: JX-002\n")
    yi = "# 乙区 2024年重点项目\n" + FILES["projects/乙区.yaml"]
    root = write_ledger(tmp_path / "ledger", {"projects/甲县.yaml": jia, "projects/乙区.yaml": yi})
    rows = [["项目名称", "项目性质", "级别", "县市区", "行业", "总投资", "本年计划投资"],
            ["甲县城区道路改造工程", "续建", "市重点", "甲县", "交通", 30000, 12500],
            ["乙区物流园项目", "续建", "省重点", "乙区", "产业", 80000, 25000]]
    result = run("import", "projects", save(workbook(rows), tmp_path / "s.xlsx"), "-l", root,
                 "--dry-run")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    # 乙区.yaml is rewritten too, but its only comment is its top line, which is kept
    assert "would update 2" in result.stdout
    assert notes == [f"note: {root / 'projects' / '甲县.yaml'} has comments between its "
                     "projects; rewriting it drops them"]


def test_a_new_project_joins_a_gbk_county_file_without_losing_its_projects(ledger, tmp_path):
    jia = ledger / "projects" / "甲县.yaml"
    jia.write_bytes(jia.read_text(encoding="utf-8").encode("gb18030"))  # saved by an old editor
    before = {pid for pid, p in by_id(ledger).items() if p.county == "甲县"}
    rows = [[1, "甲县新建水厂", None, "新开工", "县重点", "甲县", "生态环保", None, "2024-2025",
             0.6, 0, 1500, None, None, None, "2024年9月"]]
    result = run("import", "projects", project_list(tmp_path / "明细表.xlsx", rows), "-l", ledger)
    assert result.exit_code == 0, result.output
    after = {pid for pid, p in by_id(ledger).items() if p.county == "甲县"}
    assert before < after and len(after - before) == 1


def test_a_list_with_a_sheet_per_county_and_its_problems_in_json(ledger, tmp_path):
    import json

    from openpyxl import Workbook

    header = ["项目名称", "项目性质", "行业", "总投资", "本年计划投资", "计划开工时间"]
    book = Workbook()
    book.active.title = "填报说明"
    book.active["A1"] = "各县一张表"
    for county, name in (("甲县", "甲县新材料项目"), ("乙区", "乙区冷链物流项目")):
        ws = book.create_sheet(county)
        for row in (header, [name, "新开工", "产业", 10000, 2000, "2024-08"]):
            ws.append(row)
    path = save(book, tmp_path / "明细表.xlsx")
    result = run("import", "projects", path, "-l", ledger, "--level", "县重点", "-f", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["errors"] == 0 and document["added"] == ["JX-003", "YQ-003"]
    assert [s["sheet"] for s in document["sheets"]] == ["甲县", "乙区"]
    assert document["not_read"][0]["sheet"] == "填报说明"
    projects = by_id(ledger)
    assert (projects["JX-003"].county, projects["JX-003"].level) == ("甲县", "county")
    assert (projects["YQ-003"].county, projects["YQ-003"].level) == ("乙区", "county")


def test_the_command_words_what_to_choose_as_its_options(ledger, tmp_path):
    """The reader names the choice (a county, a level, another sheet); the command says
    which option makes it."""
    rows = [["项目名称", "项目性质", "县（市、区）", "行业", "总投资", "本年计划投资"],
            ["丙县一号项目", "续建", "丙县", "产业", 10, 5]]
    no_level = run("import", "projects", save(workbook(rows), tmp_path / "l.xlsx"), "-l", ledger)
    assert no_level.exit_code == 2
    assert "has no 级别 column; give the level of its rows when the whole list is of one " \
        "level (pass --level 省重点, 市重点 or 县重点)" in no_level.stderr
    book = workbook([["封面"]], title="封面")
    book.create_sheet("明细").append(rows[0])
    cover = run("import", "projects", save(book, tmp_path / "s.xlsx"), "-l", ledger,
                "--sheet", "封面")
    assert cover.exit_code == 2
    assert "s.xlsx:封面: no header row found" in cover.stderr
    assert "or choose another sheet (the workbook has 明细) (--sheet NAME)" in cover.stderr


def _row(n, name, county="甲县", code=None, nature="新开工", start=None, leader=None,
         owner=None):
    """A row of HEADER: a 市重点 产业 project of 1 亿元, plan 2000 万元."""
    return [n, name, code, nature, "市重点", county, "产业", None, "2024-2025", 1, 0, 2000,
            owner, None, leader, start]


def test_a_name_of_another_countys_project_is_a_new_project_of_the_rows_county(ledger,
                                                                             tmp_path):
    # 甲县纺织产业园项目 is JX-001, of 甲县; the row is 乙区's own project of that name
    rows = [_row(1, "甲县纺织产业园项目", county="乙区", start="2024年9月")]
    result = run("import", "projects", project_list(tmp_path / "l.xlsx", rows), "-l", ledger)
    assert result.exit_code == 0, result.output
    projects = by_id(ledger)
    assert projects["JX-001"].county == "甲县" and projects["JX-001"].annual_plan == D(20000)
    twins = [p for p in projects.values() if p.name == "甲县纺织产业园项目"]
    assert sorted(p.county for p in twins) == ["乙区", "甲县"]


def test_a_code_beside_another_projects_exact_name_is_a_shifted_column(ledger, tmp_path):
    rows = [_row(1, "甲县城区道路改造工程", code="2024-360000-17-01-000001")]  # JX-001's code
    result = run("import", "projects", project_list(tmp_path / "l.xlsx", rows), "-l", ledger)
    assert result.exit_code == 1
    assert ("error E506 the row's 项目代码 is that of JX-001 '甲县纺织产业园项目', but its name is "
            "that of JX-002; correct one of them") in result.stderr


def test_serial_numbers_in_a_bianhao_column_are_no_ids(ledger, tmp_path):
    path = save(workbook([["编号", "项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）",
                           "本年计划投资（万元）"],
                          [1, "甲县新建水厂", "甲县", "生态环保", "续建", "县重点", 6000, 1500]]),
                tmp_path / "l.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.output
    new = [p for p in by_id(ledger).values() if p.name == "甲县新建水厂"]
    assert [p.id for p in new] == ["JX-003"]  # 甲县's next id, not "1"


def test_dashes_say_nothing_and_a_continuing_projects_start_may_read_started(ledger,
                                                                           tmp_path):
    # JX-002's owner in the ledger is 甲县城投公司: a dash in 建设单位 keeps it; the new
    # project's cells show the columns are read
    rows = [_row(1, "甲县城区道路改造工程", nature="续建", start="已开工", leader="—",
                 owner="—"),
            _row(2, "甲县新建学校", start="2024年9月", leader="张副县长", owner="甲县教育局")]
    result = run("import", "projects", project_list(tmp_path / "l.xlsx", rows), "-l", ledger)
    assert result.exit_code == 0, result.output
    projects = by_id(ledger)
    jx2 = projects["JX-002"]
    assert (jx2.owner, jx2.leader, jx2.planned_start) == ("甲县城投公司", None, None)
    assert jx2.annual_plan == D(2000)
    school = next(p for p in projects.values() if p.name == "甲县新建学校")
    assert (school.owner, school.leader, school.planned_start) == ("甲县教育局", "张副县长",
                                                                   "2024-09")


def test_a_start_month_typed_as_the_number_2024_1_is_refused(ledger, tmp_path):
    # Excel keeps 2024.10 as 2024.1: October and January are the same number
    rows = [_row(1, "甲县新建水厂", start=2024.1), _row(2, "甲县新建学校", start=2024.3)]
    result = run("import", "projects", project_list(tmp_path / "l.xlsx", rows), "-l", ledger)
    assert result.exit_code == 1
    assert "计划开工时间 2024.1 is a number that cannot tell October (2024.10) from January " \
        "(2024.1)" in result.stderr
    assert "1 error, 0 warnings" in result.stderr  # 2024.3 is March


def test_rows_named_like_headings_that_say_a_nature_and_sector_are_projects(ledger, tmp_path):
    # （32个） and 300个 end names as a heading's count does; a heading has no 行业 or 性质
    path = save(workbook([["项目名称", "行业", "项目性质", "总投资（万元）", "本年计划投资（万元）",
                           "计划开工时间"],
                          ["一、市重点项目"],
                          ["甲县老旧小区改造项目（32个）", "产业", "续建", 8000, 2000, None],
                          ["甲县新建5G基站300个", "交通", "续建", 3000, 3000, None]], title="甲县"),
                tmp_path / "l.xlsx")
    result = run("import", "projects", path, "-l", ledger, "--level", "市重点")
    assert result.exit_code == 0, result.output
    assert "read l.xlsx:甲县 (header R1): 2 projects; skipped rows: 1 heading" in result.stdout
    names = {p.name for p in by_id(ledger).values() if p.county == "甲县"}
    assert {"甲县老旧小区改造项目（32个）", "甲县新建5G基站300个"} <= names


def test_a_new_project_named_nearly_as_a_known_one_of_its_county_is_said(ledger, tmp_path):
    # 甲县城区道路改造 against JX-002 甲县城区道路改造工程: 2·8/18 = 0.89 ≥ 0.75
    rows = [_row(1, "甲县城区道路改造", nature="续建"), _row(2, "甲县城区道路改造", county="乙区",
                                                    nature="续建")]
    result = run("import", "projects", project_list(tmp_path / "l.xlsx", rows), "-l", ledger)
    assert result.exit_code == 0, result.output
    assert ("R3: warning W510 the new project '甲县城区道路改造' is nearly JX-002 '甲县城区道路改造工程' "
            "of 甲县") in result.stderr
    assert result.stderr.count("W510") == 1  # 乙区's row: JX-002 is another county's


def test_amount_columns_of_another_year_are_refused_and_short_end_years_read(ledger,
                                                                           tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "建设起止年限", "总投资（万元）"]
    rows = [["甲县新建学校", "甲县", "交通", "续建", "县重点", "2023-25", 9000]]
    other = save(workbook([[*header, "2023年计划投资", "至2022年底累计完成投资"],
                           [*rows[0], 1000, 500]]), tmp_path / "other.xlsx")
    result = run("import", "projects", other, "-l", ledger)
    assert result.exit_code == 1
    assert "'2023年计划投资' is of 2023, but the ledger of 2024 needs 2024's" in result.stderr
    assert "'至2022年底累计完成投资' is of 2022, but the ledger of 2024 needs 2023's" in result.stderr
    right = save(workbook([[*header, "2024年计划投资", "至2023年底累计完成投资"],
                           [*rows[0], 1000, 500]]), tmp_path / "right.xlsx")
    result = run("import", "projects", right, "-l", ledger)
    assert result.exit_code == 0, result.output
    school = next(p for p in by_id(ledger).values() if p.name == "甲县新建学校")
    assert (school.start_year, school.end_year) == (2023, 2025)  # 2023-25: to 2025
    assert (school.annual_plan, school.completed_before) == (D(1000), D(500))


def test_a_county_sheet_saying_more_than_the_whole_list_is_not_passed_over(ledger, tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）", "本年计划投资（万元）"]
    row = ["甲县新建学校", "甲县", "交通", "续建", "县重点", 9000, 1000]
    book = workbook([header, row], title="总表")
    county = book.create_sheet("甲县")
    for cells in ([*header, "包联领导"], [*row, "王副县长"]):
        county.append(cells)
    result = run("import", "projects", save(book, tmp_path / "l.xlsx"), "-l", ledger)
    # the leader is only on 甲县's sheet: not "the same projects and values as 总表"
    assert result.exit_code == 1
    assert "a second row for" in result.stderr and "first at 总表!R2" in result.stderr
    assert "grouped otherwise" not in result.stdout


def test_a_sheet_named_after_a_level_keeps_it_whatever_level_is_given(ledger, tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "总投资（万元）", "本年计划投资（万元）"]
    book = workbook([header, ["甲县新建学校", "甲县", "交通", "续建", 9000, 1000]], title="省重点")
    other = book.create_sheet("其他项目")
    for cells in (header, ["甲县新建医院", "甲县", "交通", "续建", 8000, 1000]):
        other.append(cells)
    result = run("import", "projects", save(book, tmp_path / "l.xlsx"), "-l", ledger,
                 "--level", "县重点")
    assert result.exit_code == 0, result.output
    levels = {p.name: p.level for p in by_id(ledger).values()}
    # the sheet's own level first; --level for the sheet that names none
    assert (levels["甲县新建学校"], levels["甲县新建医院"]) == ("provincial", "county")


@pytest.mark.parametrize("title", ["省市重点项目", "市、县重点项目", "市级、县级重点"])
def test_a_sheet_named_after_two_levels_gives_its_rows_none(ledger, tmp_path, title):
    header = ["项目名称", "县市区", "行业", "项目性质", "总投资（万元）", "本年计划投资（万元）"]
    book = workbook([header, ["甲县新建学校", "甲县", "交通", "续建", 9000, 1000]], title=title)
    path = save(book, tmp_path / "l.xlsx")
    # the list is of more than one level: without a 级别 column, --level must say which
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 2 and "has no 级别 column" in result.output, result.output
    result = run("import", "projects", path, "-l", ledger, "--level", "县重点")
    assert result.exit_code == 0, result.output
    assert {p.name: p.level for p in by_id(ledger).values()}["甲县新建学校"] == "county"


def _with_builtin_formats(path, formats):
    """The workbook at ``path`` with each custom number format of ``formats`` (its code →
    a built-in id) replaced by the bare id, as East Asian Excel and WPS save them."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    styles = files["xl/styles.xml"].decode()
    for code, builtin in formats.items():
        quoted = code.replace('"', "&quot;")
        custom = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(quoted)}"/>',
                           styles)
        assert custom, code
        styles = styles.replace(custom.group(0), "").replace(
            f'numFmtId="{custom.group(1)}"', f'numFmtId="{builtin}"')
    files["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize("builtin", [False, True], ids=["custom format", "zh-CN built-in id"])
def test_a_start_date_cell_shown_as_a_month_is_that_month_and_one_shown_as_a_day_its_day(
        ledger, tmp_path, builtin):
    """计划开工时间 typed as a date and shown 2024年7月 means July, not July 1st; a cell
    shown 2024年9月1日 means its day. Chinese Excel saves these formats as the bare ids 57
    and 31, which are dates too, not the serial numbers 45474 and 45536."""
    rows = [_row(1, "甲县新建水厂", start=datetime(2024, 7, 1)),
            _row(2, "甲县新建学校", start=datetime(2024, 9, 1))]
    book = workbook([["测试市2024年重点项目明细表"], HEADER, *rows], merges=("A1:P1",))
    book.active["P3"].number_format = 'yyyy"年"m"月"'
    book.active["P4"].number_format = 'yyyy"年"m"月"d"日"'
    path = save(book, tmp_path / "l.xlsx")
    if builtin:
        _with_builtin_formats(path, {'yyyy"年"m"月"': 57, 'yyyy"年"m"月"d"日"': 31})
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.stderr
    starts = {p.name: p.planned_start for p in by_id(ledger).values()}
    assert starts["甲县新建水厂"] == "2024-07"
    assert starts["甲县新建学校"] == date(2024, 9, 1)


@pytest.mark.parametrize("code, month_only", [
    ('yyyy"年"m"月"', True), ("yyyy-mm", True), ("mmm-yy", True), ("yyyy\\年m\\月", True),
    ('[$-804]yyyy"年"m"月";@', True), ('[DBNum1][$-804]yyyy"年"m"月"', True),
    ('yyyy"年"m"月"d"日"', False), ("yyyy/m/d", False), ('m"月"d"日"', False),
    ("yyyy-mm-dd h:mm", False), ("h:mm AM/PM", False), ('"Day" yyyy-mm', True), ("yyyy-mm-dd;@", False),
])
def test_a_date_format_shows_a_month_only_without_a_day_or_time(code, month_only):
    from majorproj.excel.cells import shows_month_only

    assert shows_month_only(code) is month_only


def test_an_id_in_other_letters_or_a_numbered_name_is_the_known_project(ledger, tmp_path):
    """jx-002 is JX-002 (as import progress reads it), and a list numbering its names
    (1、…, （二）…) names the ledger's projects: updated, none added twice."""
    header = ["项目编号", "项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）",
              "本年计划投资（万元）"]
    path = save(workbook([header,
                          ["jx-002", "甲县城区道路改造工程", "甲县", "交通", "续建", "市重点", 30000,
                           13000],
                          [None, "1、乙区物流园项目", "乙区", "产业", "续建", "省重点", 80000, 25000],
                          [None, "（二）乙区污水处理厂提标改造", "乙区", "生态环保", "新开工",
                           "县重点", 6000, 2100]]), tmp_path / "l.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.output
    projects = by_id(ledger)
    assert sorted(projects) == ["JX-001", "JX-002", "YQ-001", "YQ-002"]
    assert projects["JX-002"].annual_plan == D(13000)
    assert (projects["YQ-001"].name, projects["YQ-001"].annual_plan) == ("乙区物流园项目",
                                                                         D(25000))
    assert (projects["YQ-002"].name, projects["YQ-002"].annual_plan) == ("乙区污水处理厂提标改造",
                                                                         D(2100))


def test_a_row_missing_what_every_project_needs_says_so_in_words(ledger, tmp_path):
    path = save(workbook([["项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）",
                           "本年计划投资（万元）"],
                          ["甲县新建水厂", "甲县", "生态环保", "续建", "县重点", 6000, 1500],
                          ["甲县新建泵站", "甲县", "生态环保", "续建", None, 900, 300]]),
                tmp_path / "l.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 1, result.output
    assert "E509 the row gives no 级别, which every project needs" in result.output
    assert "{" not in result.output and "Field required" not in result.output


@pytest.mark.parametrize("before", ["累计完成投资（截至2023年底）", "2023年及以前完成投资",
                                    "往年累计完成投资", "以前年度累计完成投资"])
def test_the_sum_to_last_years_end_as_lists_head_it(ledger, tmp_path, before):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "建设起止年限", "总投资（万元）",
              "本年计划投资（万元）", before]
    path = save(workbook([header, ["甲县新建学校", "甲县", "交通", "续建", "县重点", "2023-2025",
                                   9000, 1000, 6000]]), tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.output
    school = next(p for p in by_id(ledger).values() if p.name == "甲县新建学校")
    assert school.completed_before == D(6000)


@pytest.mark.parametrize("typed", ["（3）甲县新建冷库项目", "3、甲县新建冷库项目", "(3)甲县新建冷库项目"])
def test_a_new_projects_name_drops_the_item_number_typed_before_it(ledger, tmp_path, typed):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "建设起止年限", "总投资（万元）",
              "本年计划投资（万元）"]
    path = save(workbook([header, [typed, "甲县", "交通", "续建", "县重点", "2023-2025", 9000,
                                   1000]]), tmp_path / "list.xlsx")
    assert run("import", "projects", path, "-l", ledger).exit_code == 0
    assert "甲县新建冷库项目" in {p.name for p in by_id(ledger).values()}


def test_a_known_name_of_another_county_is_said(ledger, tmp_path):
    # JX-002 甲县城区道路改造工程 listed under 乙区: a new project of that name, with W006
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "建设起止年限", "总投资（万元）",
              "本年计划投资（万元）"]
    path = save(workbook([header, ["甲县城区道路改造工程", "乙区", "交通", "续建", "县重点",
                                   "2023-2025", 9000, 1000]]), tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0
    assert "W006 项目名称 '甲县城区道路改造工程' is that of JX-002 of 甲县, but the row is of 乙区" \
        in result.stderr


@pytest.mark.parametrize("option, value, said", [
    ("--level", "国家重点", "--level '国家重点' is not a level; give one of 省重点, 市重点, 县重点"),
    ("--county", "丁县", "--county '丁县' is not a county of the ledger"),
])
def test_a_level_or_county_option_naming_none_is_a_usage_error(ledger, tmp_path, option, value,
                                                               said):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）"]
    path = save(workbook([header, ["甲县新建学校", "甲县", "交通", "续建", "县重点", 9000]]),
                tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger, option, value)
    assert result.exit_code == 2 and said in result.stderr


def test_the_three_batches_as_a_column_each_marked(ledger, tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）", "本年计划投资（万元）",
              "三个一批", None, None]
    marks = [None, None, None, None, None, None, None, "开工一批", "投产一批", "达效一批"]
    rows = [["甲县新建学校", "甲县", "交通", "续建", "县重点", 9000, 1000, None, "√", None],
            ["甲县冷库项目", "甲县", "产业", "续建", "县重点", 5000, 1000, "√", None, "√"],
            ["甲县物流项目", "甲县", "产业", "续建", "县重点", 5000, 1000, "x", None, None]]
    path = save(workbook([[h or None for h in header], marks, *rows[:2]],
                         merges=("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:J1")),
                tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.output
    projects = {p.name: p for p in by_id(ledger).values()}
    assert projects["甲县新建学校"].batches == ["production"]
    assert projects["甲县冷库项目"].batches == ["start", "efficiency"]
    bad = save(workbook([[h or None for h in header], marks, rows[2]],
                        merges=("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:J1")),
               tmp_path / "bad.xlsx")
    result = run("import", "projects", bad, "-l", ledger)
    assert result.exit_code == 1 and "'x' is not a mark" in result.stderr


def test_a_unit_line_against_the_headers_unit_is_said(ledger, tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）", "本年计划投资（万元）"]
    path = save(workbook([["单位：亿元"], header,
                          ["甲县新建学校", "甲县", "交通", "续建", "县重点", 9000, 1000]]),
                tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0 and result.stderr.count("W512") == 2  # 总投资, 本年计划投资
    school = next(p for p in by_id(ledger).values() if p.name == "甲县新建学校")
    assert school.total_investment == D(9000)  # the header's 万元


def test_ids_the_sheet_gives_further_down_are_not_made_again_nor_misspelled_ones_taken(
        ledger, tmp_path):
    # the ledger's 甲县 ids are JX-001, JX-002: a row without an id would get JX-003, which a
    # row below gives; JX 002 is JX-002 written otherwise (a new project, said); 甲-1 is no id
    header = ["项目编号", "项目名称", "县市区", "行业", "项目性质", "级别", "总投资（万元）", "本年计划投资（万元）"]
    rows = [[None, "甲县新建学校", "甲县", "交通", "续建", "县重点", 9000, 1000],
            ["JX-003", "甲县冷库项目", "甲县", "产业", "续建", "县重点", 5000, 1000],
            ["JX 002", "甲县物流项目", "甲县", "产业", "续建", "县重点", 5000, 1000]]
    result = run("import", "projects", save(workbook([header, *rows]), tmp_path / "a.xlsx"),
                 "-l", ledger)
    assert result.exit_code == 0, result.output
    names = {p.id: p.name for p in by_id(ledger).values()}
    assert (names["JX-003"], names["JX-004"]) == ("甲县冷库项目", "甲县新建学校")
    assert "W506 项目编号 JX002 is not in the ledger, but JX-002" in result.stderr
    bad = save(workbook([header, ["甲-1", "甲县新建医院", *rows[0][2:]]]), tmp_path / "b.xlsx")
    result = run("import", "projects", bad, "-l", ledger)
    assert result.exit_code == 1 and "项目编号 '甲-1' is not an id" in result.stderr


def test_a_date_for_the_years_of_construction_is_said_so(ledger, tmp_path):
    header = ["项目名称", "县市区", "行业", "项目性质", "级别", "建设起止年限", "总投资（万元）",
              "本年计划投资（万元）"]
    path = save(workbook([header, ["甲县新建学校", "甲县", "交通", "续建", "县重点",
                                   datetime(2024, 3, 1), 9000, 1000]]), tmp_path / "list.xlsx")
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 1
    assert "建设起止年限 is a date (2024-03-01), not the years of construction" in result.stderr


def test_a_line_break_in_the_workbooks_name_stays_in_the_files_comment(ledger, tmp_path):
    """The new projects file names the workbook in its top comment: a name with a line
    break (possible on Linux) must not write YAML of its own."""
    rows = [[1, "丙县新建水厂", None, "新开工", "县重点", "丙县", "产业", None, "2024-2025", 0.6,
             0, 1500, None, None, None, datetime(2024, 7, 15)]]
    path = project_list(tmp_path / "明细表\nprojects: []\n.xlsx", rows)
    result = run("import", "projects", path, "-l", ledger)
    assert result.exit_code == 0, result.output
    written = (ledger / "projects" / "丙县.yaml").read_text(encoding="utf-8")
    assert "\nprojects: []" not in written
    assert written.splitlines()[0].startswith("# 丙县 重点项目") and "明细表 projects: [] .xlsx" \
        in written.splitlines()[0]
    assert "丙县新建水厂" in {p.name for p in sound(ledger).projects}
