"""`majorproj import progress`: dispatch sheets in messy shapes → progress/YYYY-MM.yaml."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal

import pytest
import yaml

from majorproj.excel.import_progress import read_progress
from test_excel_support import run, save, sound, workbook, write_ledger

D = Decimal


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "ledger")


def june(root):
    return sound(root).progress[6]


def import_file(ledger, path, *args, month="2024-06"):
    """`import progress PATH --month MONTH -l LEDGER ARGS…`."""
    return run("import", "progress", path, "-m", month, "-l", ledger, *args)


def import_rows(ledger, tmp_path, rows, *args, month="2024-06", name="s.xlsx"):
    """`import progress` of a one-sheet workbook holding ``rows``."""
    return import_file(ledger, save(workbook(rows), tmp_path / name), *args, month=month)


HEADER = [["某市2024年1-6月重点项目调度表"],
          ["项目代码", "项目名称", "县（市、区）", "投资情况（万元）", None, None, "存在问题",
           "形象进度"],
          [None, None, None, "1-6月完成投资", "总投资", "本年计划投资"]]
HEADER_MERGES = ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3", "H2:H3")


def messy_sheet(path, rows=None):
    """The four test projects in a county office's layout: columns in another order, a
    two-row merged header, 合计/小计/heading/blank/notes rows, amounts typed every way."""
    rows = rows if rows is not None else [
        [None, "合计", None, 19000.3, 166000, 59000],
        [None, "一、甲县（2个）"],
        ["2024-360000-17-01-000001", None, "甲县", "5,200.5", 50000, 20000,
         "1.用地指标未落实；2.资金缺口较大", "主体施工"],
        [None, "甲县 城区道路\u3000改造工程 ", "甲县", "４５００", 30000, 12000, "取土场用地手续未批",
         "路基施工"],
        [None, "甲县小计", None, 9700.5, 80000, 32000],
        [None],
        [None, "乙区物流园项目", "乙区", 9299.8, 80000, 24000, "无", "仓库封顶"],
        [None, "乙区污水处理厂提标改造", "乙区", 0, 6000, 3000, None, "前期手续办理中"],
        [None, "乙区小计", None, 9299.8, 86000, 27000],
        ["注：1.本表由各县（市、区）发改局填报；2.金额单位为万元。"],
    ]
    book = workbook(HEADER + rows, merges=HEADER_MERGES)
    return save(book, path)


def test_a_messy_sheet_gives_the_figures_written_in_it(ledger, tmp_path):
    sheet = messy_sheet(tmp_path / "调度表.xlsx")
    result = run("import", "progress", sheet, "--month", "2024-06", "-l", ledger)
    assert result.exit_code == 0, result.output
    assert "read 调度表.xlsx:Sheet1 (header R2–R3): 4 entries" in result.stdout
    assert "skipped rows: 3 合计/小计, 1 heading, 1 blank, 1 notes" in result.stdout
    report = june(ledger)  # passes check
    amounts = {pid: e.completed_ytd for pid, e in report.entries.items()}
    assert amounts == {"JX-001": D("5200.5"), "JX-002": D(4500), "YQ-001": D("9299.8"),
                       "YQ-002": D(0)}
    assert report.entries["JX-001"].progress == "主体施工"
    total = D("5200.5") + D(4500) + D("9299.8") + D(0)
    assert f"completed_ytd {total:,f} 万元" in result.stdout


def test_issues_get_categories_and_keep_what_the_office_set_before(ledger, tmp_path):
    run("import", "progress", messy_sheet(tmp_path / "s.xlsx"), "-m", "2024-06", "-l", ledger)
    entries = june(ledger).entries
    assert [(i.category, i.text, i.unit) for i in entries["JX-001"].issues] == [
        ("land", "用地指标未落实", None), ("funding", "资金缺口较大", None)]
    # reported in May with a unit the office added: category and unit carried, open again
    assert [(i.category, i.unit, i.resolved) for i in entries["JX-002"].issues] == [
        ("land", "甲县自然资源局", False)]
    assert entries["YQ-001"].issues == () and entries["YQ-002"].issues == ()


def test_an_yi_yuan_header_converts_to_wan(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资（亿元）"], ["甲县纺织产业园项目", 0.52005],
            ["乙区物流园项目", "0.9"]]
    path = save(workbook(rows), tmp_path / "s.xlsx")
    assert import_file(ledger, path).exit_code == 0
    entries = june(ledger).entries
    assert entries["JX-001"].completed_ytd == D("0.52005") * 10000
    assert entries["YQ-001"].completed_ytd == D("0.9") * 10000


def test_a_cell_formatted_to_show_yi_is_in_yi_and_one_shown_as_a_percentage_refused(
        ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 0.35], ["乙区物流园项目", 9500]]
    book = workbook(rows)
    book.active["B2"].number_format = '0.00"亿元"'  # shows 0.35亿元: 3,500 万元
    assert import_file(ledger, save(book, tmp_path / "yi.xlsx")).exit_code == 0
    entries = june(ledger).entries
    assert (entries["JX-001"].completed_ytd, entries["YQ-001"].completed_ytd) == (D(3500),
                                                                                D(9500))
    book.active["B2"].number_format = "0%"  # 35% typed: a rate where the amount should be
    result = import_file(ledger, save(book, tmp_path / "pct.xlsx"), "--force")
    assert result.exit_code == 1, result.output
    assert "E505 Sheet1!B 1-6月完成投资: 35% is a percentage, not an amount" in result.output
    assert june(ledger).entries["JX-001"].completed_ytd == D(3500)  # nothing written


@pytest.mark.parametrize("number_format", [
    'General"亿元"', '0.00\\亿\\元', '0.00"亿"元', '[Blue]#,##0.00_)"亿元"', '"约"0.00"亿元"'])
def test_every_way_of_writing_a_format_that_shows_yi_is_read_in_yi(ledger, tmp_path,
                                                                    number_format):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 0.35], ["乙区物流园项目", 9500]]
    book = workbook(rows)
    book.active["B2"].number_format = number_format  # each shows 0.35亿元: 3,500 万元
    assert import_file(ledger, save(book, tmp_path / "yi.xlsx")).exit_code == 0
    assert june(ledger).entries["JX-001"].completed_ytd == D(3500)


@pytest.mark.parametrize(("number_format", "typed"), [
    ('0!.0000"万元"', 35_000_000),  # shows 3500.0000万元: typed in 元, the point is text
    ('0\\.0000"万元"', 35_000_000), ('#,##0,"千元"', 35_000_000),  # 35,000千元: ÷ 1,000 shown
    ('0!.00"亿元"', 35),  # shows 0.35亿元: 35 百万元
    ('#,##0.00,,"百万元"', 35_000_000)])  # shows 35.00百万元
def test_a_format_that_moves_the_point_says_the_unit_typed(ledger, tmp_path, number_format,
                                                           typed):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", typed], ["乙区物流园项目", 9500]]
    book = workbook(rows)
    book.active["B2"].number_format = number_format  # each shows 3,500 万元
    assert import_file(ledger, save(book, tmp_path / "moved.xlsx")).exit_code == 0
    assert june(ledger).entries["JX-001"].completed_ytd == D(3500)


@pytest.mark.parametrize("number_format", ['0.00"亿元/年"', '@"亿元"', '"亿元"0.00'])
def test_a_format_that_does_not_show_the_number_in_yi_changes_nothing(ledger, tmp_path,
                                                                      number_format):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3500], ["乙区物流园项目", 9500]]
    book = workbook(rows)
    book.active["B2"].number_format = number_format
    assert import_file(ledger, save(book, tmp_path / "wan.xlsx")).exit_code == 0
    assert june(ledger).entries["JX-001"].completed_ytd == D(3500)


def test_the_file_reads_like_the_hand_written_ones(ledger, tmp_path):
    run("import", "progress", messy_sheet(tmp_path / "s.xlsx"), "-m", "2024-06", "-l", ledger)
    text = (ledger / "progress" / "2024-06.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 2024年6月调度：本年1-6月累计完成投资（万元），由 majorproj import "
                           "progress 从 s.xlsx 导入\nmonth: 2024-06\nentries:\n")
    assert "  YQ-001: {completed_ytd: 9299.8, progress: 仓库封顶}\n" in text
    assert "      - {category: land, text: 用地指标未落实}\n" in text
    assert yaml.safe_load(text)["entries"]["JX-002"]["completed_ytd"] == 4500


def test_unmatched_and_non_numeric_rows_name_the_sheet_row_and_nothing_is_written(
        ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3100],
            ["甲县纺织产业园", 5], ["乙区物流园项目", "约300"], ["丁县某项目", 1]]
    path = save(workbook(rows), tmp_path / "调度表.xlsx")
    result = import_file(ledger, path)
    assert result.exit_code == 1
    err = result.stderr
    assert ("调度表.xlsx:Sheet1!R3: error E506 项目名称 '甲县纺织产业园' matches no project of the "
            "ledger; did you mean JX-001 '甲县纺织产业园项目'?") in err
    assert "调度表.xlsx:Sheet1!R4: error E505 Sheet1!B 1-6月完成投资: '约300' is not a number " \
        "[row: 乙区物流园项目 | 约300]" in err
    assert "调度表.xlsx:Sheet1!R5: error E506 项目名称 '丁县某项目' matches no project" in err
    assert ("(hint: a project new to the ledger is added first (import projects, or "
            "projects/*.yaml); else correct the row or delete it)") in err
    assert "nothing written: 3 errors" in err
    assert "Traceback" not in result.output
    assert not (ledger / "progress" / "2024-06.yaml").exists()


def test_duplicate_rows_are_errors(ledger, tmp_path):
    rows = [["项目编号", "项目名称", "1-6月完成投资"], ["JX-001", "甲县纺织产业园项目", 100],
            [None, "甲县纺织产业园项目 ", 100]]
    result = import_rows(ledger, tmp_path, rows)
    assert result.exit_code == 1
    assert "s.xlsx:Sheet1!R3: error E507 a second row for JX-001 '甲县纺织产业园项目' (first at R2)" \
        in result.stderr


def test_rows_match_by_id_then_code_then_name_and_misaligned_rows_are_caught(ledger, tmp_path):
    rows = [["项目编号", "项目代码", "项目名称", "1-6月完成投资"],
            ["JX-001", None, "名称写错了", 3100],                       # id wins over name
            [None, "2023-360000-48-01-000002", "甲县道路", 4100],         # code wins
            ["YQ-001", None, "乙区污水处理厂提标改造", 9100]]             # name of another
    result = import_rows(ledger, tmp_path, rows)
    assert result.exit_code == 1
    assert ("R4: error E506 the row says YQ-001 but its name '乙区污水处理厂提标改造' is that of "
            "YQ-002") in result.stderr
    assert "R2" not in result.stderr and "R3" not in result.stderr


def test_an_ambiguous_name_is_resolved_by_the_county_column_or_refused(tmp_path):
    twin = ("projects/丙县.yaml", "projects:\n  - {id: BX-001, name: 乙区物流园项目, level: county, "
            "county: 丙县, sector: 产业, nature: continuing, total_investment: 100, "
            "annual_plan: 50}\n")
    root = write_ledger(tmp_path / "ledger", dict([twin]))
    with_county = [["项目名称", "县区", "1-6月完成投资"], ["乙区物流园项目", "丙县", 40]]
    path = save(workbook(with_county), tmp_path / "a.xlsx")
    assert import_file(root, path).exit_code == 0
    assert list(june(root).entries) == ["BX-001"]
    without = [["项目名称", "1-6月完成投资"], ["乙区物流园项目", 40]]
    result = run("import", "progress", save(workbook(without), tmp_path / "b.xlsx"), "-m",
                 "2024-06", "-l", root, "--force")
    assert result.exit_code == 1
    assert "项目名称 '乙区物流园项目' is ambiguous: projects BX-001, YQ-001" in result.stderr


@pytest.mark.parametrize("month, amount, message", [
    ("2024-06", 8999.5, "R2: error E304 YQ-001: completed_ytd 8999.5 is below 9000 reported for "
                        "2024-05"),
    ("2024-04", 9500, "R2: error E304 YQ-001: progress/2024-05.yaml would then fail: "
                      "completed_ytd 9000 is below 9500"),
])
def test_amounts_never_fall_from_month_to_month_as_check_would_say(ledger, tmp_path, month,
                                                                    amount, message):
    header = f"1-{int(month[5:])}月完成投资"
    result = import_rows(ledger, tmp_path, [["项目名称", header], ["乙区物流园项目", amount]],
                         month=month)
    assert result.exit_code == 1 and message in result.stderr


def test_blank_amounts_leave_the_project_out_and_extra_places_are_rounded(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", None],
            ["乙区物流园项目", 9123.456789]]
    result = import_rows(ledger, tmp_path, rows)
    assert result.exit_code == 0, result.output
    assert "R2: warning W501 JX-001 has no 1-6月完成投资; it is left out" in result.stderr
    assert "R3: warning W502 1-6月完成投资 of YQ-001 has more than 4 decimal places; rounded to " \
           "9123.4568 万元" in result.stderr
    assert {pid: e.completed_ytd for pid, e in june(ledger).entries.items()} == {
        "YQ-001": D("9123.4568")}


def test_the_month_must_match_the_header_and_the_ledgers_year(ledger, tmp_path):
    rows = [["项目名称", "1-5月完成投资"], ["乙区物流园项目", 9500]]
    path = save(workbook(rows), tmp_path / "s.xlsx")
    result = import_file(ledger, path)
    assert result.exit_code == 1
    assert "s.xlsx:Sheet1!R1: error E502 the column Sheet1!B '1-5月完成投资' holds 1-5月, but " \
        "the sheet is imported as month 6" in result.stderr
    for month, message in (("2023-06", "outside the ledger's year 2024"),
                           ("2024Q2", "is not a month"), ("June", "is not a period")):
        result = run("import", "progress", path, "-m", month, "-l", ledger)
        assert result.exit_code == 2 and message in result.stderr


# ── an existing month: --force, --merge, --dry-run ────────────────────────────


def test_an_existing_month_is_not_overwritten_without_force(ledger, tmp_path):
    may = (ledger / "progress" / "2024-05.yaml").read_bytes()
    rows = [["项目名称", "1-5月完成投资", "形象进度"], ["甲县纺织产业园项目", 3100, "桩基施工"],
            ["甲县城区道路改造工程", 4000, "路基施工"], ["乙区物流园项目", 9000, "主体完工"],
            ["丙 行 不存在", None, None]]
    path = save(workbook(rows[:4]), tmp_path / "s.xlsx")
    result = import_file(ledger, path, month="2024-05")
    assert result.exit_code == 2
    assert "progress/2024-05.yaml already exists (4 entries); pass --force to replace it" \
        in result.stderr
    assert (ledger / "progress" / "2024-05.yaml").read_bytes() == may

    result = import_file(ledger, path, "--force", month="2024-05")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "changes to " in out and "0 added, 1 removed, 1 amounts changed, 2 with other " \
        "changes" in out
    assert "  ~ JX-001 甲县纺织产业园项目: 3,000 → 3,100" in out
    assert "  - YQ-002 乙区污水处理厂提标改造: 0 (not in the sheet)" in out
    assert "  ~ YQ-001 乙区物流园项目: 形象进度 or issues changed" in out
    may_now = sound(ledger).progress[5]
    assert may_now.entries["JX-001"].completed_ytd == D(3100) and "YQ-002" not in may_now.entries


def test_the_files_first_line_names_the_sheets_its_figures_came_from(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 5000], ["甲县城区道路改造工程", 4600]]
    first, second = (save(workbook(rows), tmp_path / f"{n}.xlsx") for n in ("first", "second"))
    june_file = ledger / "progress" / "2024-06.yaml"

    def head():
        return [line for line in june_file.read_text("utf-8").splitlines() if line[:1] == "#"]

    assert import_file(ledger, first).exit_code == 0
    june_file.write_text(june_file.read_text("utf-8").replace("\n", "\n# 甲县 by hand\n", 1),
                         "utf-8")
    rows[1][1] = 5100
    save(workbook(rows), second)
    assert import_file(ledger, second, "--force").exit_code == 0
    said = "# 2024年6月调度：本年1-6月累计完成投资（万元），由 majorproj import progress 从 {} 导入"
    assert head() == [said.format("second.xlsx"), "# 甲县 by hand"]  # replaced, the rest kept
    yi = save(workbook([["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9800]]), tmp_path / "yi.xlsx")
    assert import_file(ledger, yi, "--merge").exit_code == 0  # both sheets' figures: both said
    assert head() == [said.format("second.xlsx"), said.format("yi.xlsx"), "# 甲县 by hand"]


def test_merge_adds_a_second_countys_sheet_and_changes_need_force(ledger, tmp_path):
    jia = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 5000], ["甲县城区道路改造工程", 4600]]
    yi = [["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9800], ["乙区污水处理厂提标改造", 0]]
    run("import", "progress", save(workbook(jia), tmp_path / "jia.xlsx"), "-m", "2024-06",
        "-l", ledger)
    yi_path = save(workbook(yi), tmp_path / "yi.xlsx")
    refused = import_file(ledger, yi_path)
    assert refused.exit_code == 2 and "or --merge to add this sheet's projects" in refused.stderr
    merged = import_file(ledger, yi_path, "--merge")
    assert merged.exit_code == 0, merged.output
    assert {p: e.completed_ytd for p, e in june(ledger).entries.items()} == {
        "JX-001": D(5000), "JX-002": D(4600), "YQ-001": D(9800), "YQ-002": D(0)}
    again = import_file(ledger, yi_path, "--merge")
    assert again.exit_code == 0 and "already holds these figures; nothing to write" in again.stdout
    yi[1][1] = 9900
    changed = save(workbook(yi), tmp_path / "yi2.xlsx")
    refused = import_file(ledger, changed, "--merge")
    assert refused.exit_code == 2 and "already holds entries that this sheet changes; pass " \
        "--force to change it" in refused.stderr
    assert "  ~ YQ-001 乙区物流园项目: 9,800 → 9,900" in refused.stdout
    forced = run("import", "progress", changed, "-m", "2024-06", "-l", ledger, "--merge",
                 "--force")
    assert forced.exit_code == 0
    assert june(ledger).entries["YQ-001"].completed_ytd == D(9900)
    assert june(ledger).entries["JX-001"].completed_ytd == D(5000)


def test_dry_run_writes_nothing_and_says_what_it_would_do(ledger, tmp_path):
    result = run("import", "progress", messy_sheet(tmp_path / "s.xlsx"), "-m", "2024-06",
                 "-l", ledger, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  + JX-001 甲县纺织产业园项目: 5,200.5" in result.stdout
    assert "dry run: would write" in result.stdout and "with 4 entries; nothing written" \
        in result.stdout
    assert not (ledger / "progress" / "2024-06.yaml").exists()


def test_resolved_issues_of_the_month_are_kept_and_the_head_comment_too(tmp_path):
    may = ("# 5月调度（手写的说明）\nmonth: 2024-05\nentries:\n"
           "  JX-002:\n    completed_ytd: 4000\n    issues:\n"
           "      - {category: land, text: 取土场用地手续未批, unit: 甲县自然资源局, resolved: true}\n"
           "      - {category: funding, text: 旧的资金问题已解决, resolved: true}\n"
           "      - {category: other, text: 开放的问题}\n")
    root = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": may})
    rows = [["项目名称", "1-5月完成投资", "存在问题"], ["甲县城区道路改造工程", 4000, "取土场用地手续未批"]]
    result = import_rows(root, tmp_path, rows, "--force", month="2024-05")
    assert result.exit_code == 0, result.output
    issues = sound(root).progress[5].entries["JX-002"].issues
    assert [(i.text, i.category, i.unit, i.resolved) for i in issues] == [
        ("取土场用地手续未批", "land", "甲县自然资源局", True),  # listed again: office's call
        ("旧的资金问题已解决", "funding", None, True)]         # not listed, resolved: kept
    assert (root / "progress" / "2024-05.yaml").read_text(encoding="utf-8").startswith(
        "# 5月调度（手写的说明）\nmonth: 2024-05\n")


# ── files and sheets ──────────────────────────────────────────────────────────


def test_old_xls_files_are_refused_with_how_to_convert_them(ledger, tmp_path):
    xls = tmp_path / "调度表.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    result = import_file(ledger, xls)
    assert result.exit_code == 2
    assert "old-style .xls workbook" in result.stderr
    assert f"soffice --headless --convert-to xlsx {xls}" in result.stderr
    assert "'Save as' Excel Workbook (.xlsx)" in result.stderr
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_bytes(xls.read_bytes())
    result = import_file(ledger, renamed)
    assert result.exit_code == 2 and "under another name" in result.stderr


def test_an_xls_name_is_judged_by_what_the_file_holds(ledger, tmp_path):
    """A .xls that does not exist is said not to exist; a real .xlsx saved under a .xls
    name (as mail programs and clerks rename them) is read as the workbook it is."""
    missing = import_file(ledger, tmp_path / "nowhere.xls")
    assert missing.exit_code == 2 and "nowhere.xls does not exist" in missing.stderr
    renamed = tmp_path / "调度表.xls"
    renamed.write_bytes(messy_sheet(tmp_path / "s.xlsx").read_bytes())
    result = import_file(ledger, renamed)
    assert result.exit_code == 0, result.output
    assert june(ledger).entries["YQ-001"].completed_ytd == D("9299.8")


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"), (b"name,amount\n", "is not an Excel .xlsx workbook"),
    (b"PK\x03\x04broken", "cannot read"),
])
def test_unreadable_files_are_usage_errors_without_traceback(ledger, tmp_path, content, message):
    path = tmp_path / "s.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = import_file(ledger, path)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_the_first_sheet_with_a_header_is_read_unless_one_is_named(ledger, tmp_path):
    book = workbook([["填表说明：请按月填报"]], title="说明")
    hidden = book.create_sheet("隐藏")
    for row in ([["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9900]]):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    data = book.create_sheet("6月")
    for row in ([["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9100]]):
        data.append(row)
    other = book.create_sheet("5月")
    for row in ([["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9200]]):
        other.append(row)
    path = save(book, tmp_path / "s.xlsx")
    assert "read s.xlsx:6月" in run("import", "progress", path, "-m", "2024-06", "-l",
                                    ledger, "-n").stdout
    result = import_file(ledger, path, "--sheet", "5月")
    assert result.exit_code == 0
    assert june(ledger).entries["YQ-001"].completed_ytd == D(9200)
    missing = import_file(ledger, path, "--sheet", "7月")
    assert missing.exit_code == 2
    assert "has no sheet '7月'; its sheets are '说明', '隐藏', '6月', '5月'" in missing.stderr


def test_progress_is_reported_row_by_row_through_the_callback(ledger, tmp_path):
    names = ["甲县纺织产业园项目", "甲县城区道路改造工程", "乙区物流园项目", "乙区污水处理厂提标改造"]
    rows = [["项目名称", "1-6月完成投资"]] + [[n, 5000] for n in names] + [[None]] * 600
    path = save(workbook(rows), tmp_path / "long.xlsx")
    calls = []
    result = read_progress(path, sound(ledger), "2024-06",
                           on_row=lambda done, total: calls.append((done, total)))
    assert len(result.imported) == 4
    assert calls[0] == (2, 5) and calls[3] == (5, 5) and len(calls) == 4
    assert all(b[0] == a[0] + 1 for a, b in zip(calls, calls[1:], strict=False))


def test_a_long_list_of_problems_is_cut_short_and_counted_as_check_does(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 5000]] \
        + [["乙区物流园项目", None]] * 60
    result = import_rows(ledger, tmp_path, rows)
    assert result.exit_code == 0
    assert result.stderr.count(": warning W501 YQ-001 has no 1-6月完成投资") == 50
    assert "s.xlsx: 10 more problems not shown\n0 errors, 60 warnings\n" in result.stderr
    nameless = [["序号", "项目名称", "1-6月完成投资"]] + [[i, None, i] for i in range(1, 26)]
    result = import_rows(ledger, tmp_path, nameless, name="b.xlsx")
    assert result.exit_code == 1
    assert result.stderr.count(": error E506 the row has no 项目名称, 项目编号 or 项目代码") == 25


def test_a_sheet_without_project_rows_writes_nothing(ledger, tmp_path):
    result = import_rows(ledger, tmp_path, [["项目名称", "1-6月完成投资"], ["合计", 0]])
    assert result.exit_code == 1
    assert "s.xlsx:Sheet1: error E510 no row names a project with an amount" in result.stderr
    assert not (ledger / "progress" / "2024-06.yaml").exists()


def test_a_month_kept_as_yml_is_the_file_replaced(tmp_path):
    root = write_ledger(tmp_path / "ledger")
    (root / "progress" / "2024-05.yaml").rename(root / "progress" / "2024-05.yml")
    rows = [["项目名称", "1-5月完成投资"], ["乙区物流园项目", 9100]]
    result = import_rows(root, tmp_path, rows, "--merge", "--force", month="2024-05")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "progress").iterdir()) == ["2024-05.yml"]
    assert sound(root).progress[5].entries["YQ-001"].completed_ytd == D(9100)


# ── one kind of finding, one comparison of names ───────────────────────────────


def test_problems_in_json_and_github_as_check_gives_them(ledger, tmp_path):
    import json

    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3500], ["丁县某项目", 1]]
    path = save(workbook(rows), tmp_path / "调度表.xlsx")
    result = import_file(ledger, path, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # standard output is the document alone
    assert document["errors"] == 1 and document["warnings"] == 0
    problem = document["problems"][0]
    assert (problem["file"], problem["sheet"], problem["line"], problem["code"],
            problem["severity"]) == ("调度表.xlsx", "Sheet1", 3, "E506", "error")
    assert document["sheets"][0]["columns"]["completed_ytd"]["column"] == "B"
    assert document["written"] is False
    assert "nothing written" in result.stderr
    github = import_file(ledger, path, "--format", "github")
    assert "::error file=调度表.xlsx,title=E506::调度表.xlsx:Sheet1!R3: 项目名称 '丁县某项目'" \
        in github.stdout


@pytest.mark.parametrize("first, second, same", [
    ("乙区物流园项目（一期）", "乙区物流园项目【一期】", True),
    ("乙区物流园项目", "乙区物流园\u200b项目", True),
    ("乙区物流园 项目", "乙区物流园项目", True),
    ("乙区物流园项目一期", "乙区物流园项目二期", False),
])
def test_check_and_the_import_tell_names_apart_alike(tmp_path, first, second, same):
    """A name pair W006 flags is one the import cannot tell apart, and the reverse."""
    from majorproj.ledger.load import load_ledger

    twin = ("projects/丙县.yaml", "projects:\n"
            f"  - {{id: BX-001, name: '{first}', level: county, county: 丙县, sector: 产业, "
            "nature: continuing, total_investment: 100, annual_plan: 50}\n"
            f"  - {{id: BX-002, name: '{second}', level: county, county: 丙县, sector: 产业, "
            "nature: continuing, total_investment: 100, annual_plan: 50}\n")
    root = write_ledger(tmp_path / "ledger", dict([twin]))
    flagged = any(p.code == "W006" for p in load_ledger(root).problems)
    result = import_rows(root, tmp_path, [["项目名称", "1-6月完成投资"], [first, 40]])
    assert flagged is same
    assert ("is ambiguous" in result.stderr) is same
    if not same:
        assert result.exit_code == 0 and list(june(root).entries) == ["BX-001"]


def test_the_json_document_gives_the_months_total_exactly(ledger, tmp_path):
    import json

    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", "3500.1"],
            ["乙区物流园项目", "9500.2"]]
    result = import_rows(ledger, tmp_path, rows, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout, parse_float=D)
    assert document["written"] is True and document["entries"] == 2
    assert document["completed_ytd"] == D("3500.1") + D("9500.2")
    assert document["sheets"][0]["read"] == ["项目名称 ← Sheet1!A", "1-6月完成投资 ← Sheet1!B"]


def test_a_column_option_that_names_no_choice_is_a_usage_error(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3500]]
    result = import_rows(ledger, tmp_path, rows, "--column", "Z")
    assert result.exit_code == 2
    assert "the column 'Z' is none of those majorproj had to choose between" in result.stderr
    assert result.stderr.endswith("(--column COL)\n")


ALL_PROJECTS = [["序号", "项目名称", "1-6月完成投资", "形象进度"],
                [1, "甲县纺织产业园项目", 3100, "主体施工"], [2, "甲县城区道路改造工程", 4100, None],
                [3, "乙区物流园项目", 9100, "仓库封顶"], [4, "乙区污水处理厂提标改造", 0, None]]


def grouped(tmp_path, second):
    """A workbook of the four projects on 全部, and ``second`` on a sheet 按县."""
    book = workbook(ALL_PROJECTS, title="全部")
    ws = book.create_sheet("按县")
    for row in second:
        ws.append(row)
    return save(book, tmp_path / "grouped.xlsx")


def test_a_sheet_repeating_the_first_in_another_order_is_not_read_again(ledger, tmp_path):
    # numbered anew, in another order, under a group heading row
    second = [ALL_PROJECTS[0], ["一、乙区"], [1, *ALL_PROJECTS[4][1:]], [2, *ALL_PROJECTS[3][1:]],
              ["二、甲县"], [1, *ALL_PROJECTS[1][1:]], [2, *ALL_PROJECTS[2][1:]]]
    result = import_file(ledger, grouped(tmp_path, second))
    assert result.exit_code == 0, result.output
    assert "not read: 按县 (the same projects and figures as 全部, grouped otherwise)" \
        in result.output
    assert june(ledger).entries["YQ-001"].completed_ytd == 9100


@pytest.mark.parametrize(("changed", "cell"), [(3, 9200), (1, "施工"), (2, "4100元")])
def test_a_sheet_that_differs_from_the_first_in_one_cell_is_read(ledger, tmp_path, changed,
                                                                  cell):
    second = [list(row) for row in ALL_PROJECTS]
    column = 2 if isinstance(cell, int) or cell.endswith("元") else 3
    second[changed][column] = cell
    result = import_file(ledger, grouped(tmp_path, second))
    assert result.exit_code == 1, result.output
    assert f"grouped.xlsx:按县!R{changed + 1}: error E507 {['JX-001', 'JX-002', 'YQ-001'][changed - 1]}" \
        f" is on two sheets: 全部!R{changed + 1} and 按县!R{changed + 1}" in result.stderr
    assert "not read: 按县" not in result.output


def test_a_chart_sheet_is_named_as_not_read_and_asking_for_it_says_what_it_is(ledger,
                                                                             tmp_path):
    from openpyxl.chart import BarChart

    book = workbook(ALL_PROJECTS, title="全部")
    book.create_chartsheet("图").add_chart(BarChart())
    path = save(book, tmp_path / "with-chart.xlsx")
    result = import_file(ledger, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "not read: 图 (a chart, no cells)" in result.stdout
    asked = import_file(ledger, path, "--sheet", "图")
    assert asked.exit_code == 2 and "Traceback" not in asked.output
    assert "the sheet '图' is a chart, with no cells to read; the sheets with cells are '全部'" \
        in asked.stderr


def test_an_amount_cell_formatted_as_a_chinese_built_in_date_is_refused_not_its_serial(
        ledger, tmp_path):
    """A 1-6月完成投资 cell that Chinese Excel shows as 2024年7月 (the bare built-in format
    id 57, which openpyxl does not know for a date) holds the serial 45474: that is no
    amount of 45474 万元, but a date where an amount belongs."""
    from test_excel_import_projects import _with_builtin_formats

    path = messy_sheet(tmp_path / "s.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    book.active["D10"].value = 45474
    book.active["D10"].number_format = 'yyyy"年"m"月"'
    book.save(path)
    _with_builtin_formats(path, {'yyyy"年"m"月"': 57})
    result = import_file(ledger, path, "--dry-run")
    assert result.exit_code == 1
    assert "is a date, not an amount" in result.stderr and "45474" not in result.stdout


SOLVED_MAY = """\
month: 2024-05
entries:
  JX-001:
    completed_ytd: 3000
    issues:
      - {key: JX-001-1, category: funding, text: 资金缺口较大, deadline: 2024-06-30, status: pending}
  JX-002:
    completed_ytd: 4000
    issues:
      - {key: JX-002-1, category: land, text: 取土场用地手续未批, unit: 甲县自然资源局}
  YQ-001:
    completed_ytd: 9000
    issues:
      - {category: demolition, text: 施工范围内尚有少量房屋未完成征收}
  YQ-002: {completed_ytd: 0}
"""


def test_a_problem_marked_solved_is_no_open_issue_and_a_supervised_one_stays_open(tmp_path):
    """Clerks write 已解决 instead of deleting a solved problem: 已解决 alone is no problem;
    【key】已解决 or the text with （已解决） closes the issue as if deleted; a 督办事项 (with
    its deadline or status) stays as it was, text and all, with W511: the office closes it."""
    ledger = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": SOLVED_MAY})
    rows = [["项目名称", "1-6月完成投资", "存在问题"],
            ["甲县纺织产业园项目", 3100, "【JX-001-1】已解决"],
            ["甲县城区道路改造工程", 4500, "【JX-002-1】问题已解决"],
            ["乙区物流园项目", 9300, "施工范围内尚有少量房屋未完成征收（已解决）"],
            ["乙区污水处理厂提标改造", 0, "已办结"]]
    result = import_file(ledger, save(workbook(rows), tmp_path / "s.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert ("W511 JX-001: the sheet says 督办事项 JX-001-1 '资金缺口较大' is solved; it stays "
            "open until the office closes it") in result.stderr
    assert result.stderr.count("W511") == 1
    entries = june(ledger).entries
    assert [(i.key, i.text, i.status, i.closed) for i in entries["JX-001"].issues] == [
        ("JX-001-1", "资金缺口较大", "pending", False)]
    assert entries["JX-002"].issues == ()
    assert entries["YQ-001"].issues == () and entries["YQ-002"].issues == ()


def test_solved_marks_are_told_from_problems_still_open():
    from majorproj.excel.issues import resolved_mark, split_issues

    assert resolved_mark("已协调解决。") == ("", True)
    assert resolved_mark("用地未报批，已解决") == ("用地未报批", True)
    assert resolved_mark("取土场用地（已办结）") == ("取土场用地", True)
    for still in ("尚未解决", "待解决", "部分已解决", "解决用地问题", "未完成征收", "资金已落实到位"):
        assert resolved_mark(still) == (still, False)
    assert split_issues("×") == [] and split_issues("N/A") == []


def test_a_problem_with_control_characters_is_cleaned_and_one_too_long_is_refused(
        ledger, tmp_path):
    """存在问题 pasted from elsewhere: NUL (as OOXML's _x0000_), ESC, a C1 control and a
    lone surrogate are dropped as from 形象进度; a problem of 501 characters is an error
    at its row, never a traceback."""
    rows = [["项目名称", "1-6月完成投资", "存在问题"],
            ["甲县纺织产业园项目", 3100, "用地_x0000_指标_x001B_[31m未\x9b落实_xD800_"],
            ["乙区物流园项目", 9300, "资金缺口较大"]]
    result = import_file(ledger, save(workbook(rows), tmp_path / "s.xlsx"))
    assert result.exit_code == 0, result.output
    assert [i.text for i in june(ledger).entries["JX-001"].issues] == ["用地指标[31m未落实"]
    rows[2][2] = "资" * 501
    result = import_file(ledger, save(workbook(rows), tmp_path / "t.xlsx"), "--force")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("t.xlsx:Sheet1!R3: error E505 Sheet1!C 存在问题 of YQ-001: a problem of 501 "
            "characters, more than the 500 the ledger keeps for one") in result.stderr


def test_a_problem_starting_with_square_brackets_keeps_them_unless_they_hold_a_known_key(
        tmp_path):
    """【JX-002-1】 and [JX-002-1] name the issue of that key; [link](…) or [A1] before a
    problem that no issue has as its key is part of its text, not dropped."""
    ledger = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": SOLVED_MAY})
    rows = [["项目名称", "1-6月完成投资", "存在问题"],
            ["甲县纺织产业园项目", 3100, "[link](http://x)说明"],
            ["甲县城区道路改造工程", 4500, "[JX-002-1]取土场用地手续仍未批"],
            ["乙区物流园项目", 9300, "[A1]拆迁未完成"], ["乙区污水处理厂提标改造", 0, None]]
    result = import_file(ledger, save(workbook(rows), tmp_path / "s.xlsx"))
    assert result.exit_code == 0, result.stderr
    entries = june(ledger).entries
    assert [i.text for i in entries["JX-001"].issues if not i.supervised] == [
        "[link](http://x)说明"]
    assert [(i.key, i.text, i.unit) for i in entries["JX-002"].issues] == [
        ("JX-002-1", "取土场用地手续仍未批", "甲县自然资源局")]
    assert [(i.key, i.text) for i in entries["YQ-001"].issues] == [(None, "[A1]拆迁未完成")]


def test_a_dry_run_takes_no_lock_so_it_reads_a_ledger_it_cannot_write(ledger, tmp_path,
                                                                       monkeypatch):
    """A dry run writes nothing: like check, it works where the ledger's lock cannot be
    taken (a read-only folder); the real import still stops, naming why."""
    from majorproj.files import OutputError
    from majorproj.ledger import writing

    def refused(root, command):
        raise OutputError(f"cannot lock the ledger {root}: Permission denied")

    monkeypatch.setattr(writing, "ledger_lock", refused)
    path = messy_sheet(tmp_path / "s.xlsx")
    dry = import_file(ledger, path, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "dry run: would write" in dry.output
    real = import_file(ledger, path)
    assert real.exit_code == 2 and "Permission denied" in real.stderr
    assert not (ledger / "progress" / "2024-06.yaml").exists()


def test_two_rows_of_one_project_on_one_sheet_suggest_no_sheet_option(ledger, tmp_path):
    rows = [["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3100], ["甲县纺织产业园项目", 3200]]
    result = import_file(ledger, save(workbook(rows), tmp_path / "s.xlsx"))
    assert result.exit_code == 1
    assert "E507 a second row for JX-001" in result.stderr and "(first at R2)" in result.stderr
    assert "--sheet" not in result.stderr  # one sheet: choosing sheets cannot help


@pytest.mark.parametrize("given, month", [("6", "2024-06"), ("06", "2024-06"), ("6月", "2024-06"),
                                          ("2024-06", "2024-06"), ("2024M06", "2024-06")])
def test_a_month_is_read_in_the_forms_an_office_writes_it(given, month):
    from majorproj.excel.import_progress import parse_month

    assert parse_month(given, 2024) == month


@pytest.mark.parametrize("given", ["13", "2023-06", "2024Q2", "2024H1", "六"])
def test_what_is_no_month_of_the_year_says_the_month_forms_only(given):
    from majorproj.excel.import_progress import parse_month
    from majorproj.periods import PeriodError

    with pytest.raises(PeriodError) as raised:
        parse_month(given, 2024)
    assert str(raised.value).endswith("write e.g. 2024-06, 2024M06 or 6 (June of 2024)")
    assert "Q1" not in str(raised.value) and "H1" not in str(raised.value).split(";")[1]


def test_the_columns_a_sheet_has_beyond_those_read_are_said(ledger, tmp_path):
    """A clerk adds 责任单位 and 完成时限 to the sheet: nothing reads them (the office sets
    督办 fields in the month's file), and the import says so, in text and in JSON."""
    rows = [["项目名称", "1-6月完成投资", "责任单位", "完成时限"],
            ["甲县纺织产业园项目", 3100, "县自然资源局", "2024年8月底"], ["乙区物流园项目", 9300]]
    path = save(workbook(rows), tmp_path / "s.xlsx")
    result = import_file(ledger, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  not read: C 责任单位, D 完成时限" in result.output
    data = json.loads(import_file(ledger, path, "--dry-run", "--format", "json").stdout)
    [sheet] = data["sheets"]
    assert sheet["not_read"] == [{"column": "C", "header": "责任单位"},
                                 {"column": "D", "header": "完成时限"}]


def test_one_category_for_a_cell_of_several_problems_names_those_that_say_no_other(
        ledger, tmp_path):
    """问题类别 资金 beside '1.资金缺口大；2.林地手续未办；3.协调难度大': the 林地 problem is
    用林 by its words; the one whose words say nothing takes the cell's 资金."""
    rows = [["项目名称", "1-6月完成投资", "存在问题", "问题类别"],
            ["甲县纺织产业园项目", 3100, "1.资金缺口大；2.林地手续未办；3.协调难度大", "资金"],
            ["乙区物流园项目", 9300, "施工协调难度大", "土地"]]
    assert import_file(ledger, save(workbook(rows), tmp_path / "s.xlsx")).exit_code == 0
    entries = june(ledger).entries
    assert [(i.text, i.category) for i in entries["JX-001"].issues] == [
        ("资金缺口大", "funding"), ("林地手续未办", "forest"), ("协调难度大", "funding")]
    assert [(i.text, i.category) for i in entries["YQ-001"].issues] == [("施工协调难度大", "land")]


@pytest.mark.parametrize("header", ["上月累计完成投资", "截至上月累计完成投资", "累计完成投资（上月）",
                                    "上期累计完成投资", "本年度预计完成投资", "1-6月完成投资增幅"])
def test_last_months_sum_a_forecast_or_a_growth_is_no_amount_done_so_far(ledger, tmp_path,
                                                                           header):
    # beside 本月完成投资, 上月累计 is May's sum (3000 …), and 预计 a forecast: neither is 1-6月's
    path = save(workbook([["项目名称", header, "本月完成投资", "形象进度"],
                          ["甲县纺织产业园项目", 3000, 500, "施工中"],
                          ["甲县城区道路改造工程", 4000, 500, "施工中"]]), tmp_path / "s.xlsx")
    result = run("import", "progress", path, "-m", "2024-06", "-l", ledger)
    assert result.exit_code == 2, result.output
    assert "has no column 1-N月完成投资" in result.stderr and header in result.stderr


@pytest.mark.parametrize("upper, lower", [
    (None, "本年6月完成投资"), (None, "本年度当月完成投资"), ("本年度投资完成情况", "6月"),
    ("本年度投资完成情况", "当月完成")])
def test_the_months_own_figure_is_no_amount_done_so_far_though_the_header_says_this_year(
        ledger, tmp_path, upper, lower):
    # June's own 500 of 甲县纺织产业园项目 (May 3000, June 3500) was written as its 1-6月
    # figure: 本年 said this year, but the month alone is the month's own
    figures = [["甲县纺织产业园项目", 500, 30000, "施工中"], ["甲县城区道路改造工程", 500, 12000, "施工中"]]
    if upper is None:
        book = workbook([["项目名称", lower, "本年计划投资", "形象进度"], *figures])
    else:  # 本年度投资完成情况 merged over 6月 and 本年计划
        book = workbook([["项目名称", upper, None, "形象进度"], [None, lower, "本年计划", None],
                         *figures], merges=("A1:A2", "B1:C1", "D1:D2"))
    result = import_file(ledger, save(book, tmp_path / "s.xlsx"))
    assert result.exit_code == 2, result.output
    assert "has no column 1-N月完成投资" in result.stderr and lower in result.stderr
    assert 6 not in sound(ledger).progress  # nothing written


@pytest.mark.parametrize("before, header", [
    ("至2023年底累计完成投资", "截至6月底累计完成投资"),
    ("至2023年底累计完成投资", "累计完成投资（截至2024年6月底）"),
    # 截至2023年底 is the years before, no 1-6月 to choose: the bare 累计 is asked about
    ("截至2023年底累计完成投资", "累计完成投资")])
def test_a_sum_to_a_date_beside_the_sum_to_last_year_is_asked_about(ledger, tmp_path, before,
                                                                   header):
    # 至2023年底 20000 and 截至6月底 23500 of 甲县城区道路改造工程: since construction began,
    # this year's is 23500 − 20000 = 3500, not 23500
    rows = [["项目名称", before, header],
            ["甲县纺织产业园项目", 0, 3500], ["甲县城区道路改造工程", 20000, 23500]]
    result = import_rows(ledger, tmp_path, rows)
    assert result.exit_code == 1 and "E501" in result.stderr, result.output
    assert "could be this year's or the sum since construction began" in result.stderr
    assert 6 not in sound(ledger).progress  # nothing written


@pytest.mark.parametrize("line", ["填报单位：甲县发改局  填报日期：2024年7月",
                                  "填报日期：2025年1月5日"])
def test_the_date_a_sheet_was_filled_is_not_the_months_it_reports(ledger, tmp_path, line):
    # June's sheet filled in July (or a late one sent next January): no title naming 1-7月
    path = save(workbook([[line], ["项目名称", "本年累计完成投资"], ["甲县纺织产业园项目", 3500],
                          ["甲县城区道路改造工程", 4500]]), tmp_path / "s.xlsx")
    result = import_file(ledger, path)
    assert result.exit_code == 0, result.output
    assert june(ledger).entries["JX-001"].completed_ytd == 3500


def test_a_column_or_row_dragged_shut_is_hidden(ledger, tmp_path):
    # B, dragged to width 0, holds a withdrawn first report (3400); C the figure (3500); the
    # row of 甲县城区道路改造工程 is dragged to height 0: withdrawn, not read
    book = workbook([["项目名称", "1-6月完成投资", "本年累计完成投资", "形象进度"],
                     ["甲县纺织产业园项目", 3400, 3500, "施工中"],
                     ["甲县城区道路改造工程", 4400, 4500, "施工中"]])
    saved = save(book, tmp_path / "saved.xlsx")
    path = tmp_path / "s.xlsx"  # as WPS saves it: width="0" and ht="0", not hidden="1"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b'<cols><col min="2" max="2" width="0" '
                                    b'customWidth="1"/></cols><sheetData>', 1)
                data = data.replace(b'<row r="3"', b'<row r="3" ht="0" customHeight="1"', 1)
            target.writestr(item, data)
    result = run("import", "progress", path, "-m", "2024-06", "-l", ledger)
    assert result.exit_code == 0, result.output
    june = sound(ledger).progress[6].entries
    assert june["JX-001"].completed_ytd == Decimal(3500) and "JX-002" not in june
    assert "R3 is hidden and not read" in result.stderr


def test_a_figure_fallen_a_thousandfold_is_told_it_may_be_in_yi(ledger, tmp_path):
    # May's 3000 and 4000 typed in 亿元 (0.35, 0.45) with no unit said: E304 says why
    path = save(workbook([["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 0.35],
                          ["甲县城区道路改造工程", 0.45]]), tmp_path / "s.xlsx")
    result = import_file(ledger, path)
    assert result.exit_code == 1 and "E304" in result.stderr, result.output
    assert "if the sheet is in 亿元, say so in the amount's header" in " ".join(
        result.stderr.split())
