"""The monthly cycle on a small ledger: fill-in sheets, who has reported, 督办, the 通报.

The ledger (three counties, six projects, May and June reported; July in some tests):

    甲县 JX-001 new, started 2024-02-10, 投产一批 (投产 2024-06-30)  total 100000, plan 30000
         JX-002 continuing, completed_before 20000                 total  50000, plan 12000
         JX-003 new, planned for 2024-10 (not started)              total   8000, plan  5000
    乙区 YQ-001 continuing                                          total  40000, plan 10000
         YQ-002 continuing (李副市长, 市交通运输局)                 total  20000, plan  6000
    丙县 BX-001 continuing                                          total  10000, plan  2400

    month  JX-001  JX-002  JX-003  YQ-001  YQ-002  BX-001
    May     10000    5000       0    3000       0     800
    June    24000    6000       0    3000       0       —   (丙县 sends nothing)
    July    30000    7000       0    4000     500    1200

JX-002 carries the 督办事项 JX-002-1 (取土场用地手续未批; 甲县自然资源局, 配合 市自然资源局;
deadline 2024-06-20; 推进中) from May on. Expected figures are worked out by hand below.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.ledger.models import Issue
from majorproj.metrics import compute
from majorproj.metrics.reporting import reporting
from majorproj.periods import parse_period

D = Decimal
RUNNER = CliRunner()
ENV = {"NO_COLOR": None, "FORCE_COLOR": None, "COLUMNS": None, "MAJORPROJ_LEDGER": None}
HAS_SOFFICE = shutil.which("soffice") is not None

CONFIG = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [甲县, 乙区, 丙县]
sectors: [产业, 交通]
monthly: {red_list: 1, black_list: 1}
"""
PROJECTS = {
    "甲县": """\
projects:
  - {id: JX-001, name: 甲县新材料产业园, level: provincial, county: 甲县, sector: 产业,
     nature: new, total_investment: 100000, annual_plan: 30000, planned_start: '2024-02',
     batches: [production], leader: 王副市长, unit: 市发展改革委,
     milestones: {started: 2024-02-10, production: 2024-06-30}}
  - {id: JX-002, name: 甲县环城公路改建, level: municipal, county: 甲县, sector: 交通,
     nature: continuing, total_investment: 50000, completed_before: 20000, annual_plan: 12000}
  - {id: JX-003, name: 甲县物流中心, level: municipal, county: 甲县, sector: 产业,
     nature: new, total_investment: 8000, annual_plan: 5000, planned_start: '2024-10'}
""",
    "乙区": """\
projects:
  - {id: YQ-001, name: 乙区快速路, level: municipal, county: 乙区, sector: 交通,
     nature: continuing, total_investment: 40000, annual_plan: 10000}
  - {id: YQ-002, name: 乙区综合交通枢纽, level: municipal, county: 乙区, sector: 交通,
     nature: continuing, total_investment: 20000, annual_plan: 6000, leader: 李副市长,
     unit: 市交通运输局}
""",
    "丙县": """\
projects:
  - {id: BX-001, name: 丙县供水管网改造, level: county, county: 丙县, sector: 交通,
     nature: continuing, total_investment: 10000, annual_plan: 2400}
""",
}
# the 问题类别 a county picks from, in the order of domain.md's list
ISSUE_CATEGORY_NAMES = ("土地", "用林", "用海", "规划", "环评", "能耗", "资金", "征地拆迁", "审批",
                        "其他")
ISSUE = ("{key: JX-002-1, category: land, text: 取土场用地手续未批, unit: 甲县自然资源局, "
         "supporting_unit: 市自然资源局, deadline: 2024-06-20, status: %s}")


def progress(month: str, jx001, jx002, yq001, yq002, bx001, status="in_progress",
             progress_yq001="桩基施工", progress_yq002="前期") -> str:
    lines = [f"month: {month}", "entries:",
             f"  JX-001: {{completed_ytd: {jx001}, progress: 主体施工}}",
             f"  JX-002:\n    completed_ytd: {jx002}\n    issues:\n      - {ISSUE % status}",
             "  JX-003: {completed_ytd: 0, progress: 前期工作}",
             f"  YQ-001: {{completed_ytd: {yq001}, progress: {progress_yq001}}}",
             f"  YQ-002: {{completed_ytd: {yq002}, progress: {progress_yq002}}}"]
    if bx001 is not None:
        lines.append(f"  BX-001: {{completed_ytd: {bx001}, progress: 管道施工}}")
    return "\n".join(lines) + "\n"


def write_july(root: Path, status: str = "in_progress") -> None:
    (root / "progress" / "2024-07.yaml").write_text(
        progress("2024-07", 30000, 7000, 4000, 500, 1200, status, "主体施工", "场站施工"),
        encoding="utf-8")


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    root = tmp_path / "ledger"
    (root / "projects").mkdir(parents=True)
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(CONFIG, encoding="utf-8")
    for county, text in PROJECTS.items():
        (root / "projects" / f"{county}.yaml").write_text(text, encoding="utf-8")
    (root / "progress" / "2024-05.yaml").write_text(
        progress("2024-05", 10000, 5000, 3000, 0, 800), encoding="utf-8")
    (root / "progress" / "2024-06.yaml").write_text(
        progress("2024-06", 24000, 6000, 3000, 0, None, progress_yq002="征地中"),
        encoding="utf-8")
    assert [p for p in load_ledger(root).problems if p.severity == "error"] == []
    return root


def run(*args) -> object:
    result = RUNNER.invoke(app, [str(a) for a in args], env=ENV)
    return result


def loaded(root: Path):
    return load_ledger(root).ledger


# ── 1. fill-in sheets ───────────────────────────────────────────────────────────


def fill_in(ledger: Path, tmp_path: Path, county: str, month: str = "2024-07") -> Path:
    out = tmp_path / "sheets"
    result = run("export", "--fill-in", "--month", month, "--county", county, "-o", out,
                 "-l", ledger)
    assert result.exit_code == 0, result.output
    return out / f"{county}2024年{int(month[-2:])}月重点项目填报表.xlsx"


def header_columns(ws) -> dict[str, int]:
    """Column numbers by header text, from the two header rows (4 and 5)."""
    columns = {}
    for row in (4, 5):
        for cell in ws[row]:
            if isinstance(cell.value, str):
                columns.setdefault(cell.value, cell.column)
    return columns


def project_rows(ws) -> dict[str, int]:
    return {ws.cell(r, 2).value: r for r in range(6, ws.max_row + 1) if ws.cell(r, 2).value}


def test_the_fill_in_sheet_is_protected_validated_and_says_its_deadline(ledger, tmp_path):
    import openpyxl

    path = fill_in(ledger, tmp_path, "甲县")
    assert path.is_file()
    ws = openpyxl.load_workbook(path).active
    assert "甲县" in ws["A1"].value and "2024年7月" in ws["A1"].value
    # monthly.deadline_day defaults to 5: the 5th of the month after
    assert "请于2024年8月5日前报送" in ws["A2"].value
    assert ws["A2"].value.split("\n")[:2] == [
        "填报说明：", "1.只填写浅黄色单元格，其余单元格已锁定，请勿增删行列、修改表头。"]
    assert ws.protection.sheet is True
    columns = header_columns(ws)
    assert ws.cell(4, columns["投资情况（万元）"]).value == "投资情况（万元）"
    rows = project_rows(ws)
    assert list(rows) == ["JX-001", "JX-002", "JX-003"]
    filled = [columns[h] for h in ("1-7月完成投资", "形象进度", "存在问题", "问题类别")]
    for r in rows.values():
        for c in range(1, ws.max_column + 1):
            assert ws.cell(r, c).protection.locked is (c not in filled), (r, c)
    # last month's figures, and last month's open issue with its key
    last = columns["上月累计（1-6月）"]
    assert [ws.cell(r, last).value for r in rows.values()] == [24000, 6000, 0]
    assert ws.cell(rows["JX-002"], columns["存在问题"]).value == "【JX-002-1】取土场用地手续未批"

    rules = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            rules[ref] = dv
    letter = openpyxl.utils.get_column_letter
    # floor: June's cumulative; cap: total_investment − completed_before
    for pid, floor, cap in (("JX-001", 24000, 100000), ("JX-002", 6000, 30000),
                            ("JX-003", 0, 8000)):
        dv = rules[f"{letter(columns['1-7月完成投资'])}{rows[pid]}"]
        assert dv.type == "decimal" and dv.operator in (None, "between")
        assert (float(dv.formula1), float(dv.formula2)) == (floor, cap)
        assert dv.showErrorMessage
        category = rules[f"{letter(columns['问题类别'])}{rows[pid]}"]
        assert category.type == "list" and "土地" in category.formula1 and "资金" in category.formula1


def test_the_fill_in_sheet_is_laid_out_as_an_office_prints_and_fills_it(ledger, tmp_path):
    """Every cell of 甲县's July sheet, its merges, sizes, colours, rules and print setup,
    as the layout of render/fill_in.py says them (no 到位资金 in this ledger)."""
    import zipfile

    import openpyxl

    path = fill_in(ledger, tmp_path, "甲县")
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert book.sheetnames == ["填报表"]
    assert book.properties.title == "测试市2024年7月重点项目调度填报表（甲县）"
    assert book.properties.creator == "测试市发展和改革委员会"
    assert book.properties.created.date() == date(2024, 7, 1)
    with zipfile.ZipFile(path) as package:
        assert "<Company>测试市发展和改革委员会</Company>" in package.read(
            "docProps/app.xml").decode()

    values = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=8)]
    notes = "\n".join([
        "填报说明：",
        "1.只填写浅黄色单元格，其余单元格已锁定，请勿增删行列、修改表头。",
        "2.1-7月完成投资填本年1月1日起的累计数（万元），不小于上月累计；完成投资不大于总投资减去"
        "至上年底累计完成投资，本月确无投资的填0，不得空白。",
        "3.形象进度填写截至本月底的工程实际进展。",
        "4.存在问题每条一行；已列出的问题仍未解决的保留（有【编号】的连同编号），已解决的删去；问题类别从下拉"
        "列表中选择。",
        "5.请于2024年8月5日前报送。"])
    money = "投资情况（万元）"
    assert values == [
        ["测试市2024年7月重点项目调度填报表（甲县）", *[None] * 10],
        [notes, *[None] * 10],
        ["填报单位：甲县", None, None, None, "报送截止：2024年8月5日", *[None] * 5, "单位：万元"],
        ["序号", "项目编号", "项目名称", "性质", money, None, None, None, "形象进度", "存在问题",
         "问题类别"],
        [None] * 4 + ["总投资", "本年计划投资", "上月累计（1-6月）", "1-7月完成投资"] + [None] * 3,
        [1, "JX-001", "甲县新材料产业园", "新开工", 100000, 30000, 24000, None, None, None, None],
        [2, "JX-002", "甲县环城公路改建", "续建", 50000, 12000, 6000, None, None,
         "【JX-002-1】取土场用地手续未批", None],
        [3, "JX-003", "甲县物流中心", "新开工", 8000, 5000, 0, None, None, None, None],
    ]
    assert ws.max_row == 8 and ws.max_column == 11
    assert sorted(map(str, ws.merged_cells.ranges)) == sorted([
        "A1:K1", "A2:K2", "A3:D3", "E3:J3", "E4:H4",
        "A4:A5", "B4:B5", "C4:C5", "D4:D5", "I4:I5", "J4:J5", "K4:K5"])
    # heights in points: the title 30, six lines of notes at 19, two lines to write in
    assert [ws.row_dimensions[r].height for r in (1, 2, 6, 7, 8)] == [30, 114, 30, 30, 30]
    # widths in characters, stored as ECMA-376 says: trunc((w × 7 + 5) / 7 × 256) / 256
    letters = "ABCDEFGHIJK"
    widths = [5, 10, 24, 6, 13, 13, 13, 13, 22, 30, 9]
    stored = {column: d.width for d in ws.column_dimensions.values()  # a run of equal
              for column in range(d.min, d.max + 1)}  # widths is one <col min max>
    assert [stored[i] for i in range(1, 12)] == [int((w * 7 + 5) / 7 * 256) / 256
                                                  for w in widths]
    # printed one page across on A4 landscape at 0.3 in margins: 297 − 2 × 7.62 = 281.76
    # mm for Σ (7w + 5) = 7 × 158 + 11 × 5 = 1,161 px of 96 an inch (307.2 mm): 92% of
    # its size (67% before: 0.7 in margins and 202 characters), readable
    assert (ws.page_margins.left, ws.page_margins.right) == (0.3, 0.3)
    pixels = sum(7 * w + 5 for w in widths)
    assert pixels == 1161 and (297 - 2 * 0.3 * 25.4) / (pixels / 96 * 25.4) > 0.9

    title, header = ws["A1"], ws["E4"]
    assert title.font.b and title.font.sz == 16 and title.alignment.horizontal == "center"
    assert ws["A2"].alignment.wrap_text and ws["A2"].alignment.vertical == "top"
    assert ws["K3"].alignment.horizontal == "right"
    for cell in (header, ws["A4"], ws["H5"]):
        assert cell.font.b and cell.fill.fgColor.rgb == "FFD9D9D9"
        assert cell.alignment.horizontal == "center" and cell.border.left.style == "thin"
    filled = set("HIJK")
    for r in (6, 7, 8):
        for c in letters:
            cell = ws[f"{c}{r}"]
            assert cell.border.top.style == "thin" and cell.alignment.vertical == "center"
            assert cell.protection.locked is (c not in filled), cell.coordinate
            assert (cell.fill.fgColor.rgb == "FFFFF2CC") is (c in filled), cell.coordinate
            assert (cell.number_format == "#,##0.00") is (c in "EFGH"), cell.coordinate
        assert ws[f"C{r}"].alignment.horizontal == "left"
        assert ws[f"A{r}"].alignment.horizontal == "center"
    assert ws.freeze_panes == "D6"
    assert ws.print_title_rows == "$4:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1)  # one page wide (1: OOXML's default)
    assert ws.page_setup.fitToHeight == 0  # as long as it takes
    protection = ws.protection  # columns and rows may be resized; nothing else changed
    assert protection.sheet and not protection.formatColumns and not protection.formatRows
    assert protection.formatCells and protection.insertRows and protection.deleteRows
    assert not protection.selectLockedCells and not protection.selectUnlockedCells

    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert sorted(rules) == ["H6", "H7", "H8", "K6", "K7", "K8"]
    for cell, floor, cap in (("H6", "24000", "100000"), ("H7", "6000", "30000"),
                             ("H8", "0", "8000")):
        dv = rules[cell]
        words = (f"1-7月完成投资为本年1月1日起的累计数（万元），不得小于上月累计{floor}，"
                 f"不得大于总投资减去至上年底累计完成投资后的{cap}。")
        assert (dv.type, dv.operator) == ("decimal", None)  # None: OOXML's default, between
        assert (float(dv.formula1), float(dv.formula2)) == (float(floor), float(cap))
        assert dv.allow_blank and dv.showErrorMessage and dv.showInputMessage
        assert (dv.promptTitle, dv.prompt) == ("1-7月完成投资", words)
        assert (dv.errorTitle, dv.error) == ("1-7月完成投资", words + "请核对后重新填写。")
        category = rules[f"K{cell[1:]}"]
        assert category.type == "list" and category.allow_blank
        assert category.formula1 == '"' + ",".join(ISSUE_CATEGORY_NAMES) + '"'
        assert (category.errorTitle, category.error) == ("问题类别", "请从下拉列表中选择问题类别。")


def test_the_last_figures_are_labelled_with_their_months_when_last_month_is_missing(
        ledger, tmp_path):
    """August's sheet without a July report shows June's cumulative figures: its column
    says 1-6月 (not 1-7月), the command says July is missing, and the sheet filled in
    imports as August."""
    import openpyxl

    result = run("export", "--fill-in", "--month", "2024-08", "--county", "甲县", "-o",
                 tmp_path / "aug.xlsx", "-l", ledger)
    assert result.exit_code == 0, result.output
    assert ("note: the ledger has no progress report for month 7; 上月累计 shows the "
            "figures of 1-6月") in result.output
    book = openpyxl.load_workbook(tmp_path / "aug.xlsx")
    ws = book.active
    columns = header_columns(ws)
    assert "上月累计（1-7月）" not in columns
    rows = project_rows(ws)
    last, done = columns["上月累计（1-6月）"], columns["1-8月完成投资"]
    assert [ws.cell(r, last).value for r in rows.values()] == [24000, 6000, 0]  # June's
    for r, value in zip(rows.values(), (25000, 6500, 100), strict=True):
        ws.cell(r, done).value = value
    book.save(tmp_path / "aug.xlsx")
    imported = run("import", "progress", tmp_path / "aug.xlsx", "-m", "2024-08", "--merge",
                   "-l", ledger)
    assert imported.exit_code == 0, imported.output
    august = loaded(ledger).progress[8].entries
    assert [august[p].completed_ytd for p in ("JX-001", "JX-002", "JX-003")] == [25000, 6500, 100]


def test_the_funds_floor_is_what_the_ledger_holds_so_far_by_source(ledger, tmp_path):
    """Without a 本年累计到位资金 reported, the floor of the cell is the funds the ledger
    holds for the year by source: the record's special_bonds 900, overlaid by June's
    entry (bank_loans 1500, special_bonds 1000): 1000 + 1500 = 2500."""
    import openpyxl

    projects = ledger / "projects" / "丙县.yaml"
    projects.write_text(PROJECTS["丙县"].replace("annual_plan: 2400}",
                                                 "annual_plan: 2400, funding: {special_bonds: 900}}"),
                        encoding="utf-8")
    june = ledger / "progress" / "2024-06.yaml"
    june.write_text(june.read_text(encoding="utf-8") + "  BX-001: {completed_ytd: 800, funding: "
                    "{bank_loans: 1500, special_bonds: 1000}}\n", encoding="utf-8")
    ws = openpyxl.load_workbook(fill_in(ledger, tmp_path, "丙县")).active
    columns, rows = header_columns(ws), project_rows(ws)
    cell = ws.cell(rows["BX-001"], columns["本年累计到位资金"])
    (rule,) = [dv for dv in ws.data_validations.dataValidation if cell.coordinate in str(dv.sqref)]
    assert float(rule.formula1) == 2500


def test_a_fill_in_rule_whose_cap_is_below_its_floor_asks_for_the_floor_only():
    from majorproj.render.fill_in import _amount_rule, _clip

    words = "甲为本年1月1日起的累计数（万元），不得小于上月累计500"
    assert _amount_rule("甲", D(500), D(400), "总投资") == {
        "validate": "decimal", "ignore_blank": True, "input_title": "甲", "error_title": "甲",
        "criteria": ">=", "value": 500.0, "input_message": words + "。",
        "error_message": words + "。请核对后重新填写。"}
    assert _amount_rule("甲", D(500), D(500), "总投资")["criteria"] == "between"
    # Excel holds 255 characters of a message: the 255th becomes …
    assert _clip("进" * 255) == "进" * 255
    assert _clip("进" * 256) == "进" * 254 + "…"


def test_the_fill_in_sheets_are_one_per_county_and_the_same_bytes_each_time(ledger, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run("export", "--fill-in", "-m", "2024-07", "-o", out, "-l", ledger).exit_code == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(f"{c}2024年7月重点项目填报表.xlsx" for c in ("甲县", "乙区", "丙县"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_fill_in_refuses_what_it_cannot_do(ledger, tmp_path):
    one_file = run("export", "--fill-in", "-m", "2024-07", "-o", tmp_path / "x.xlsx", "-l", ledger)
    assert one_file.exit_code == 2 and "3 sheets" in one_file.stderr
    no_month = run("export", "--fill-in", "-o", tmp_path, "-l", ledger)
    assert no_month.exit_code == 2 and "--month" in no_month.stderr
    county = run("export", "--fill-in", "-m", "2024-07", "--county", "丁县", "-o", tmp_path,
                 "-l", ledger)
    assert county.exit_code == 2 and "丁县" in county.stderr
    assert run("export", "--fill-in", "-m", "2025-07", "-o", tmp_path, "-l", ledger).exit_code == 2


def test_ledger_text_stays_text_in_the_fill_in_sheet(ledger, tmp_path):
    import openpyxl

    projects = ledger / "projects" / "丙县.yaml"
    projects.write_text(PROJECTS["丙县"].replace("name: 丙县供水管网改造",
                                                 "name: '=HYPERLINK(\"http://x\",\"y\")'"),
                        encoding="utf-8")
    ws = openpyxl.load_workbook(fill_in(ledger, tmp_path, "丙县")).active
    cell = ws.cell(project_rows(ws)["BX-001"], header_columns(ws)["项目名称"])
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'


def resaved_by_libreoffice(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "resaved"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   capture_output=True, timeout=300, check=True)
    return out / path.name


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs soffice (LibreOffice)")
def test_a_sheet_filled_and_resaved_by_libreoffice_imports_into_the_typed_figures(ledger, tmp_path):
    import openpyxl

    path = fill_in(ledger, tmp_path, "甲县")
    book = openpyxl.load_workbook(path)
    ws = book.active
    columns, rows = header_columns(ws), project_rows(ws)
    typed = {"JX-001": (26543.21, "主体结构施工", None, None),
             "JX-002": (7000.5, "路面施工",
                        "【JX-002-1】取土场用地手续已上报省厅待批\n施工图设计变更", "规划"),
             "JX-003": (0, "前期工作", None, None)}
    for pid, (amount, text, issues, category) in typed.items():
        r = rows[pid]
        ws.cell(r, columns["1-7月完成投资"]).value = amount
        ws.cell(r, columns["形象进度"]).value = text
        if issues is not None:
            ws.cell(r, columns["存在问题"]).value = issues
            ws.cell(r, columns["问题类别"]).value = category
    filled = tmp_path / "filled" / path.name
    filled.parent.mkdir()
    book.save(filled)
    resaved = resaved_by_libreoffice(filled, tmp_path)
    assert openpyxl.load_workbook(resaved).active.protection.sheet is True

    result = run("import", "progress", resaved, "--month", "2024-07", "--merge", "-l", ledger)
    assert result.exit_code == 0, result.output
    july = loaded(ledger).progress[7].entries
    assert {pid: e.completed_ytd for pid, e in july.items()} == {
        "JX-001": D("26543.21"), "JX-002": D("7000.5"), "JX-003": D(0)}
    assert july["JX-001"].progress == "主体结构施工"
    # the 督办事项 keeps its key, units, deadline and status and takes the new text; the
    # new issue takes the category chosen in the sheet
    assert july["JX-002"].issues == (
        Issue(key="JX-002-1", category="land", text="取土场用地手续已上报省厅待批",
              unit="甲县自然资源局", supporting_unit="市自然资源局", deadline=date(2024, 6, 20),
              status="in_progress"),
        Issue(category="planning", text="施工图设计变更"))

    again = run("import", "progress", resaved, "--month", "2024-07", "--merge", "-l", ledger)
    assert again.exit_code == 0 and "nothing to write" in again.output
    assert len(loaded(ledger).progress[7].entries["JX-002"].issues) == 2  # updated, not doubled

    # the next county's sheet is merged beside it
    other = fill_in(ledger, tmp_path, "乙区")
    book = openpyxl.load_workbook(other)
    ws = book.active
    columns, rows = header_columns(ws), project_rows(ws)
    ws.cell(rows["YQ-001"], columns["1-7月完成投资"]).value = 4000
    book.save(other)
    assert run("import", "progress", other, "-m", "2024-07", "--merge", "-l", ledger).exit_code == 0
    july = loaded(ledger).progress[7].entries
    assert {pid: e.completed_ytd for pid, e in july.items()} == {
        "JX-001": D("26543.21"), "JX-002": D("7000.5"), "JX-003": D(0), "YQ-001": D(4000)}


def test_when_the_ledger_tracks_funding_the_sheet_asks_for_it_and_imports_it(ledger, tmp_path):
    import openpyxl

    projects = ledger / "projects" / "丙县.yaml"
    projects.write_text(PROJECTS["丙县"].replace("annual_plan: 2400}",
                                                 "annual_plan: 2400, funding: {special_bonds: 900}}"),
                        encoding="utf-8")
    # the column is in every county's sheet, and the cells after it are where they were
    jia = openpyxl.load_workbook(fill_in(ledger, tmp_path, "甲县")).active
    columns, r = header_columns(jia), project_rows(jia)["JX-002"]
    assert jia.cell(r, columns["存在问题"]).value == "【JX-002-1】取土场用地手续未批"
    assert jia.cell(r, columns["形象进度"]).value is None
    assert [jia.cell(r, columns[h]).protection.locked for h in (
        "1-7月完成投资", "本年累计到位资金", "形象进度", "存在问题", "问题类别")] == [False] * 5
    assert max(columns.values()) == columns["问题类别"] == jia.max_column
    path = fill_in(ledger, tmp_path, "丙县")
    book = openpyxl.load_workbook(path)
    ws = book.active
    columns, rows = header_columns(ws), project_rows(ws)
    cell = ws.cell(rows["BX-001"], columns["本年累计到位资金"])
    assert cell.protection.locked is False
    (rule,) = [dv for dv in ws.data_validations.dataValidation if cell.coordinate in str(dv.sqref)]
    # floor: the 900 万元 the record says were secured this year (special_bonds); cap: total
    assert (float(rule.formula1), float(rule.formula2)) == (900, 10000)
    # and the floor shown beside it, as 上月累计 is beside 1-7月完成投资
    shown = ws.cell(rows["BX-001"], columns["上月累计到位资金\n（1-6月）"])
    assert (shown.value, shown.protection.locked) == (900, True)
    assert columns["上月累计到位资金\n（1-6月）"] + 1 == columns["本年累计到位资金"]
    ws.cell(rows["BX-001"], columns["1-7月完成投资"]).value = 1200
    cell.value = 4321.5
    book.save(path)
    assert run("import", "progress", path, "-m", "2024-07", "--merge", "-l", ledger).exit_code == 0
    entry = loaded(ledger).progress[7].entries["BX-001"]
    assert (entry.completed_ytd, entry.funding_secured) == (D(1200), D("4321.5"))
    assert "funding_secured: 4321.5" in (ledger / "progress" / "2024-07.yaml").read_text("utf-8")


def test_issues_with_semicolons_and_numbers_of_their_own_come_back_whole(ledger, tmp_path):
    """The office's June issues, as the fill-in sheet lists them (1.… 2.… a line each) and
    the county leaves them: each comes back one issue with its category and unit, not
    split at its own ；or 1. 2. (which moved the counts by category, exit 0)."""
    import openpyxl

    june = ledger / "progress" / "2024-06.yaml"
    june.write_text(june.read_text(encoding="utf-8").replace(
        "    issues:\n      - " + ISSUE % "in_progress",
        "    issues:\n"
        "      - {category: land, text: 征地涉及2户；另有1处坟墓待迁, unit: 甲县人民政府}\n"
        "      - {key: JX-002-1, category: funding, text: \"资本金缺口约3,000万元；银行贷款未放款\","
        " unit: 市财政局, deadline: 2024-08-31, status: in_progress}\n"
        "      - {category: other, text: \"施工方案分2期：1.一期场平 2.二期主体\", unit: 市住建局}"),
        encoding="utf-8")
    june_issues = loaded(ledger).progress[6].entries["JX-002"].issues
    assert len(june_issues) == 3
    path = fill_in(ledger, tmp_path, "甲县")
    book = openpyxl.load_workbook(path)
    ws = book.active
    columns, rows = header_columns(ws), project_rows(ws)
    assert ws.cell(rows["JX-002"], columns["存在问题"]).value == (
        "1.征地涉及2户；另有1处坟墓待迁\n2.【JX-002-1】资本金缺口约3,000万元；银行贷款未放款\n"
        "3.施工方案分2期：1.一期场平 2.二期主体")
    for pid, amount in (("JX-001", 30000), ("JX-002", 7000), ("JX-003", 0)):
        ws.cell(rows[pid], columns["1-7月完成投资"]).value = amount
    book.save(path)
    result = run("import", "progress", path, "-m", "2024-07", "-l", ledger)
    assert result.exit_code == 0, result.output
    assert loaded(ledger).progress[7].entries["JX-002"].issues == june_issues


def test_a_county_typing_numbered_problems_anew_still_gets_one_issue_each(ledger, tmp_path):
    import openpyxl

    path = fill_in(ledger, tmp_path, "甲县")
    book = openpyxl.load_workbook(path)
    ws = book.active
    columns, rows = header_columns(ws), project_rows(ws)
    for pid, amount in (("JX-001", 30000), ("JX-002", 7000), ("JX-003", 0)):
        ws.cell(rows[pid], columns["1-7月完成投资"]).value = amount
    ws.cell(rows["JX-001"], columns["存在问题"]).value = "1.用地指标未落实；资金缺口较大\n2.环评未批"
    book.save(path)
    assert run("import", "progress", path, "-m", "2024-07", "-l", ledger).exit_code == 0
    issues = loaded(ledger).progress[7].entries["JX-001"].issues
    assert [(i.category, i.text) for i in issues] == [
        ("land", "用地指标未落实"), ("funding", "资金缺口较大"), ("eia", "环评未批")]


def test_the_dispatch_table_read_into_an_empty_month_keeps_each_supervised_issue(ledger,
                                                                                 tmp_path):
    """June's 调度表 imported into a June emptied: the 督办 JX-002-1, its text edited in
    June, is the same 督办 again (not a new issue beside May's text carried as open)."""
    june = ledger / "progress" / "2024-06.yaml"
    june.write_text(june.read_text(encoding="utf-8").replace(
        "text: 取土场用地手续未批", "text: 取土场用地手续已上报省厅待批"), encoding="utf-8")
    period = parse_period("2024M06")
    before = compute(loaded(ledger), period)
    sheet = tmp_path / "调度表.xlsx"
    assert run("export", "-p", "2024M06", "-o", sheet, "-l", ledger).exit_code == 0
    june.unlink()
    result = run("import", "progress", sheet, "-m", "2024-06", "-l", ledger)
    assert result.exit_code == 0, result.output
    entries = loaded(ledger).progress[6].entries
    assert [(i.key, i.text, i.unit) for i in entries["JX-002"].issues] == [
        ("JX-002-1", "取土场用地手续已上报省厅待批", "甲县自然资源局")]
    after = compute(loaded(ledger), period)
    assert after.supervision == before.supervision and after.overall == before.overall


def test_sheets_written_again_never_replace_one_a_county_filled_in(ledger, tmp_path):
    """Counties send the sheet back under its name: writing July's sheets again into the
    folder that holds 甲县's filled one refuses (exit 2) and leaves every file as it was;
    sheets not filled are written again as before."""
    import openpyxl

    path = fill_in(ledger, tmp_path, "甲县")
    assert run("export", "--fill-in", "--month", "2024-07", "--county", "甲县", "-o",
               path.parent, "-l", ledger).exit_code == 0  # not filled yet: written again
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.cell(project_rows(ws)["JX-001"], header_columns(ws)["1-7月完成投资"]).value = 30000
    book.save(path)
    filled = path.read_bytes()
    again = run("export", "--fill-in", "--month", "2024-07", "-o", path.parent, "-l", ledger)
    assert again.exit_code == 2, again.output
    assert f"{path.name} in {path.parent} already holds the figures a county filled in" \
        in " ".join(again.output.split())
    assert path.read_bytes() == filled and sorted(p.name for p in path.parent.iterdir()) == [
        path.name]  # all or nothing: no other county's sheet written either
    one = run("export", "--fill-in", "--month", "2024-07", "--county", "甲县", "-o", path,
              "-l", ledger)
    assert one.exit_code == 2 and path.read_bytes() == filled


def test_a_report_before_any_figure_names_no_county_first_or_last(ledger, tmp_path):
    """In April nothing is reported yet: every county is at 0.0%, none 居前 of another."""
    out = tmp_path / "r.md"
    assert run("report", "-p", "2024M04", "-o", out, "-l", ledger).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "居前" not in text and "居后" not in text
    may = tmp_path / "may.md"  # in May they differ: 甲县 15000/47000, 乙区 3000/16000 …
    assert run("report", "-p", "2024M05", "-o", may, "-l", ledger).exit_code == 0
    assert "投资完成率居前的是" in may.read_text(encoding="utf-8")


# ── 2. who has reported ─────────────────────────────────────────────────────────


def test_a_zero_of_a_project_whose_plan_is_to_be_decided_is_by_design(ledger):
    """annual_plan null (待定, as after a rollover) is no plan yet, like 0: nothing is
    expected of the project, so its 0 is by design, not a zero to look into."""
    path = ledger / "projects" / "乙区.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "total_investment: 20000, annual_plan: 6000", "total_investment: 20000, annual_plan: null"),
        encoding="utf-8")
    yi = {c.county: c for c in reporting(loaded(ledger), 6).counties}["乙区"]
    assert yi.zero_by_design == ("YQ-002",) and yi.zero == ()


def test_status_tells_missing_zero_and_repeated_entries_apart(ledger):
    june = {c.county: c for c in reporting(loaded(ledger), 6).counties}
    jia, yi, bing = june["甲县"], june["乙区"], june["丙县"]
    assert jia.reported == ("JX-001", "JX-002", "JX-003") and jia.missing == ()
    # JX-003 is not started (planned for October): its 0, the same as May's, is by design
    assert jia.zero_by_design == ("JX-003",) and jia.zero == () and jia.repeated == ()
    # YQ-001 sent May's figure and text again; YQ-002 is under way with a plan but reports 0
    assert yi.zero == ("YQ-002",) and yi.repeated == ("YQ-001",) and yi.zero_by_design == ()
    assert bing.missing == ("BX-001",) and bing.sent_nothing
    assert (jia.timeliness, yi.timeliness, bing.timeliness) == (1, 1, 0)

    result = run("status", "--month", "2024-06", "-f", "json", "-l", ledger)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["silent"] == ["丙县"] and data["has_file"] is True and data["month"] == "2024-06"
    assert data["counties"][1] == {
        "county": "乙区", "projects": 2, "reported": ["YQ-001", "YQ-002"], "missing": [],
        "zero_by_design": [], "zero": ["YQ-002"], "repeated": ["YQ-001"],
        "sent_nothing": False, "timeliness": 1}

    table = run("status", "--month", "2024-06", "-l", ledger)
    assert table.exit_code == 0
    assert "未报送任何项目的县（市、区）：丙县" in table.output
    wide = RUNNER.invoke(app, ["status", "--month", "2024-06", "-l", str(ledger)],
                         env={**ENV, "COLUMNS": "200"}).output.splitlines()
    top = next(i for i, line in enumerate(wide) if "2024年6月调度报送情况" in line)
    rows = {line.split()[0]: line.split()[1:] for line in wide[top:]
            if line.split() and line.split()[0] in ("县（市、区）", "甲县", "乙区", "丙县")}
    # 项目, 已报送, 未报送, 零（按计划）, 零（待核实）, 与上月相同, 报送及时率, from the facts above
    assert rows == {
        "县（市、区）": ["项目", "已报送", "未报送", "零（按计划）", "零（待核实）", "与上月相同",
                    "报送及时率"],
        "甲县": ["3", "3", "0", "1", "0", "0", "100.0%"],
        "乙区": ["2", "2", "0", "0", "1", "1", "100.0%"],
        "丙县": ["1", "0", "1", "0", "0", "0", "0.0%"]}
    assert any("零（按计划）：尚未开工或无年度计划而填0；零（待核实）：在建且有年度计划却填0" in line
               for line in wide)
    chase = next(i for i, line in enumerate(wide) if "需催报或核实的项目（3个）" in line)
    listed = [line.split() for line in wide[chase + 1:] if line.split()[:1] in (
        ["编号"], ["BX-001"], ["YQ-002"], ["YQ-001"])]
    assert listed[0][-1] == "情况"
    assert sorted(listed[1:]) == [["BX-001", "丙县供水管网改造", "丙县", "未报送"],
                                  ["YQ-001", "乙区快速路", "乙区", "与上月完全相同"],
                                  ["YQ-002", "乙区综合交通枢纽", "乙区", "填报0，待核实"]]
    for pid, words in (("BX-001", "未报送"), ("YQ-002", "填报0，待核实"),
                       ("YQ-001", "与上月完全相同")):
        assert any(pid in line and words in line for line in table.output.splitlines())


def test_status_writes_a_reminder_sheet_for_each_late_county(ledger, tmp_path):
    import openpyxl

    out = tmp_path / "reminders"
    result = run("status", "-m", "2024-06", "--reminders", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["丙县2024年6月重点项目催报表.xlsx"]
    ws = openpyxl.load_workbook(next(out.iterdir())).active
    assert "催报" in ws["A1"].value and "所列项目尚未报送" in ws["A2"].value
    assert list(project_rows(ws)) == ["BX-001"]
    # May's 800 is the floor of June's figure
    assert ws.cell(6, header_columns(ws)["上月累计（1-5月）"]).value == 800
    # with -f json the JSON alone is on standard output, the 'wrote' line on standard error
    as_json = run("status", "-m", "2024-06", "--reminders", tmp_path / "again", "-f", "json",
                  "-l", ledger)
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["month"] == "2024-06"
    assert "wrote " in as_json.stderr and "wrote " not in as_json.stdout
    for command in (["status", "-m", "2024-06", "--reminders", "-"],
                    ["export", "--fill-in", "-m", "2024-07", "-o", "-"]):
        refused = run(*command, "-l", ledger)  # workbooks: no folder named '-'
        assert refused.exit_code == 2 and "the sheets are workbooks" in refused.output
    assert not (Path.cwd() / "-").exists()


def test_timeliness_counts_in_the_ranking_when_the_setting_says_so(ledger):
    # June: 甲县 (24000+6000+0)/(30000+12000+5000) = 30000/47000, all reported;
    # 乙区 3000/16000 = 0.1875, all reported; 丙县 carries May's 800: 800/2400, none reported
    plain = compute(loaded(ledger), parse_period("2024M06"))
    assert [r.county for r in plain.ranking] == ["甲县", "丙县", "乙区"]
    assert all(r.score is None for r in plain.ranking)
    config = ledger / "majorproj.yaml"
    config.write_text(CONFIG.replace("monthly: {", "monthly: {timeliness_weight: 0.5, "),
                      encoding="utf-8")
    weighted = compute(loaded(ledger), parse_period("2024M06"))
    half = D("0.5")
    # score = 0.5 × 完成率 + 0.5 × 报送及时率: 乙区 0.59375 now passes 丙县 0.1666…
    assert [(r.rank, r.county) for r in weighted.ranking] == [(1, "甲县"), (2, "乙区"), (3, "丙县")]
    assert [r.score for r in weighted.ranking] == [
        half * (D(30000) / D(47000)) + half * 1, half * D("0.1875") + half * 1,
        half * (D(800) / D(2400)) + half * 0]
    assert [r.timeliness for r in weighted.ranking] == [1, 1, 0]
    from majorproj.render.table import ranking

    table = ranking(weighted)  # the terminal's ranking shows both weighed figures
    assert str(table.caption).startswith("按综合得分（投资完成率与报送及时率加权），其次按完成投资")
    columns = {str(c.header): [str(cell) for cell in c.cells] for c in table.columns}
    assert columns["县（市、区）"] == ["甲县", "乙区", "丙县"]
    assert columns["报送及时率"] == ["100.0%", "100.0%", "0.0%"]
    assert columns["综合得分"] == ["81.9%", "59.4%", "16.7%"]  # the scores below, as percents
    # printed in a file's 100 columns, two more figures than the plain ranking: every
    # county's name and figures whole (the bar makes room for them)
    printed = run("summary", "-p", "2024M06", "-l", ledger).output
    ranked = printed[printed.index("县（市、区）排名"):]
    ranked = ranked[:ranked.index("按综合得分")]
    assert "…" not in ranked and all(len(line) <= 100 for line in ranked.splitlines())
    for county, timeliness, score in zip(columns["县（市、区）"], columns["报送及时率"],
                                         columns["综合得分"], strict=True):
        row = next(line for line in ranked.splitlines() if f" {county} " in line)
        assert timeliness in row and score in row
    out = ledger / "b.md"
    assert run("report", "-k", "bulletin", "-p", "2024M06", "-o", out, "-l", ledger).exit_code == 0
    # 0.5 × 30000/47000 + 0.5 = 0.81914… → 81.9分; 0.59375 → 59.4分; 0.1666… → 16.7分
    assert ("各县（市、区）综合得分（投资完成率与报送及时率加权）排名由高到低依次是：甲县（81.9分，完成率63.8%、"
            "报送及时率100.0%）、乙区（59.4分，完成率18.8%、报送及时率100.0%）、丙县（16.7分，完成率33.3%、"
            "报送及时率0.0%）。") in out.read_text(encoding="utf-8")


# ── 3. 督办 ─────────────────────────────────────────────────────────────────────


def test_a_supervised_issue_a_later_month_leaves_out_stays_open_until_closed(ledger):
    """督办 are carried until closed (销号): July's file lists JX-002 without its 督办事项
    JX-002-1 (deadline 2024-06-20, open in June), so it is still open and overdue at July's
    end, 10 + 31 = 41 days; once a month closes it (status done), it is closed."""
    july = progress("2024-07", 30000, 7000, 4000, 500, 1200).replace(
        f"    issues:\n      - {ISSUE % 'in_progress'}\n", "")
    (ledger / "progress" / "2024-07.yaml").write_text(july, encoding="utf-8")
    assert "JX-002-1" not in july
    july_figures = compute(loaded(ledger), parse_period("2024M07"))
    (item,) = july_figures.supervision
    assert (item.issue.key, item.project.id, item.issue.closed) == ("JX-002-1", "JX-002", False)
    assert item.days_overdue == 41
    # and it is one of JX-002's open issues, counted among the city's
    jx2 = next(s for s in july_figures.projects if s.project.id == "JX-002")
    assert [i.key for i in jx2.issues] == ["JX-002-1"]
    assert july_figures.overall.issues[item.issue.category] == 1
    august = progress("2024-08", 31000, 8000, 4000, 600, 1300, status="done")
    (ledger / "progress" / "2024-08.yaml").write_text(august, encoding="utf-8")
    (item,) = compute(loaded(ledger), parse_period("2024M08")).supervision
    assert item.issue.closed and item.days_overdue is None  # closed: overdue no more
    september = progress("2024-09", 32000, 9000, 4000, 700, 1400).replace(
        f"    issues:\n      - {ISSUE % 'in_progress'}\n", "")
    (ledger / "progress" / "2024-09.yaml").write_text(september, encoding="utf-8")
    assert compute(loaded(ledger), parse_period("2024M09")).supervision == ()  # closed: not carried


def test_an_issue_carried_over_three_months_falls_overdue_after_its_deadline(ledger):
    write_july(ledger)
    book = loaded(ledger)
    days = {}
    for month in ("2024M05", "2024M06", "2024M07"):
        (item,) = compute(book, parse_period(month)).supervision
        assert item.issue.key == "JX-002-1" and item.project.id == "JX-002"
        days[month] = item.days_overdue
    # deadline 2024-06-20: not yet due at 31 May; 30 June − 20 June = 10; 31 July: 10 + 31
    assert days == {"2024M05": None, "2024M06": 10, "2024M07": 41}

    summary = run("summary", "-p", "2024M07", "-f", "json", "-l", ledger)
    (listed,) = json.loads(summary.output)["supervision"]
    assert listed == {"key": "JX-002-1", "project": "JX-002", "category": "land",
                      "text": "取土场用地手续未批", "unit": "甲县自然资源局",
                      "supporting_unit": "市自然资源局", "deadline": "2024-06-20",
                      "status": "in_progress", "closed": False, "days_overdue": 41}
    table = run("summary", "-p", "2024M07", "-l", ledger).output
    assert "逾期督办事项（1项）" in table
    assert any("甲县自然资源局" in line and "41天" in line for line in table.splitlines())
    wide = RUNNER.invoke(app, ["summary", "-p", "2024M07", "-l", str(ledger)],
                         env={**ENV, "COLUMNS": "200"}).output.splitlines()
    start = next(i for i, line in enumerate(wide) if "逾期督办事项（1项）" in line)
    header, row = (next(line for line in wide[start:] if word in line)
                   for word in ("责任单位", "JX-002-1"))
    assert header.split() == ["责任单位", "编号", "项目", "事项", "完成时限", "逾期"]
    assert row.split() == ["甲县自然资源局", "JX-002-1", "甲县环城公路改建", "取土场用地手续未批",
                           "2024-06-20", "41天"]
    assert any("截至2024年7月31日超过完成时限未办结；按责任单位" in line for line in wide[start:])

    report = run("report", "-p", "2024M07", "-o", ledger / "r.md", "-l", ledger)
    assert report.exit_code == 0, report.output
    text = (ledger / "r.md").read_text(encoding="utf-8")
    assert ("有1项督办事项超过完成时限仍未办结：甲县自然资源局1项（甲县环城公路改建取土场用地手续"
            "未批，时限6月20日，逾期41天）。") in text
    assert "附件4" in text and "**督办事项清单**" in text
    assert ("| 1 | 取土场用地手续未批 | 甲县环城公路改建 | 甲县自然资源局 | 市自然资源局 | "
            "2024-06-20 | 推进中／（逾期41天） |") in text


def test_a_closed_issue_is_not_overdue_and_today_s_ledgers_read_unchanged(ledger):
    write_july(ledger, status="done")
    (item,) = compute(loaded(ledger), parse_period("2024M07")).supervision
    assert item.issue.closed and item.days_overdue is None
    sample = Path(__file__).parent.parent / "data" / "sample"
    # the sample has issues without any 督办 field: they read as before, none supervised
    result = load_ledger(sample)
    assert [p for p in result.problems if p.severity == "error"] == []
    assert compute(result.ledger, parse_period("2024H1")).supervision == ()


def test_the_schema_documents_the_issue_fields():
    result = run("schema", "progress")
    issue = json.loads(result.output)["$defs"]["Issue"]["properties"]
    assert {"key", "unit", "supporting_unit", "deadline", "status"} <= set(issue)
    assert issue["status"]["anyOf"][0]["enum"] == ["pending", "in_progress", "done", "extension"]
    assert "申请延期" in issue["status"]["description"]


# ── 4. the 通报 ─────────────────────────────────────────────────────────────────


def test_a_bulletin_before_the_plans_are_decided_says_so_in_words(ledger, tmp_path):
    """After a rollover every annual_plan is null (待定): no 年度计划投资0万元, no rate printed
    as — and no ，；left where it stood; the figures that exist are said."""
    for county, text in PROJECTS.items():
        (ledger / "projects" / f"{county}.yaml").write_text(
            re.sub(r"annual_plan: \d+", "annual_plan: null", text), encoding="utf-8")
    out = tmp_path / "b.md"
    result = run("report", "--kind", "bulletin", "-p", "2024M06", "-o", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # June: 24000 + 6000 + 0 + 3000 + 0, BX-001 carried at May's 800 = 33800; the month's
    # own 14000 + 1000 + 0 + 0 + 0 (BX-001 not reported) = 15000
    assert ("全市纳入调度的重点项目6个，总投资22.8亿元，年度计划投资待定。1-6月累计完成投资3.4亿元；"
            "其中6月当月完成投资1.5亿元。") in text
    assert "完成投资2.4亿元。" in text and "**（二）续建项目。**共4个，完成投资9800万元。" in text
    assert "—" not in text.split("## 二")[0] and "，；" not in text and "，。" not in text
    report = tmp_path / "r.md"
    assert run("report", "-p", "2024H1", "-o", report, "-l", ledger).exit_code == 0
    assert "年度计划投资待定。" in report.read_text(encoding="utf-8")


def test_a_supervised_deadline_of_another_year_is_said_with_its_year(ledger, tmp_path):
    for month in ("05", "06"):
        path = ledger / "progress" / f"2024-{month}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "deadline: 2024-06-20", "deadline: 2023-12-20"), encoding="utf-8")
    out = tmp_path / "b.md"
    assert run("report", "--kind", "bulletin", "-p", "2024M06", "-o", out, "-l", ledger
               ).exit_code == 0
    # 2023-12-20 to 2024-06-30: 11 + 31 + 29 + 31 + 30 + 31 + 30 = 193 days
    assert "时限2023年12月20日，逾期193天" in out.read_text(encoding="utf-8")


def test_the_bulletin_says_the_month_in_words(ledger, tmp_path):
    write_july(ledger)
    out = tmp_path / "b.md"
    result = run("report", "--kind", "bulletin", "-p", "2024M07", "-o", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 关于2024年1-7月全市重点项目推进情况的通报\n")
    # total 228000 = 22.8亿; plan 65400 = 6.5亿; completed 30000+7000+0+4000+500+1200 = 42700
    # = 4.3亿, rate 42700/65400 = 65.29% against 7/12 = 58.33%: ahead 6.96 points; July alone
    # 6000+1000+0+1000+500 + (1200 − May's 800) = 8900万元, 8900/65400 = 13.6% of the plan
    assert ("全市纳入调度的重点项目6个，总投资22.8亿元，年度计划投资6.5亿元。1-7月累计完成投资4.3亿元，"
            "投资完成率65.3%，超序时进度7.0个百分点；其中7月当月完成投资8900万元，当月进度13.6%") in text
    # new: JX-001 started, JX-003 not: 1 of 2; 30000/35000 = 85.7%
    assert "**（一）计划新开工项目。**共2个，已开工1个，开工率50.0%；完成投资3亿元，投资完成率85.7%。" in text
    # continuing: 12700/30400 = 41.78%, 16.56 points behind 58.33%
    assert ("**（二）续建项目。**共4个，完成投资1.3亿元，投资完成率41.8%，落后序时进度16.6个百分点。"
            in text)
    assert "列入投产一批的项目1个，截至7月底已全部投产。" in text  # JX-001, on 30 June
    # 甲县 37000/47000 = 78.7%, 丙县 1200/2400 = 50.0%, 乙区 4500/16000 = 28.1%
    assert "各县（市、区）投资完成率排名由高到低依次是：甲县（78.7%）、丙县（50.0%）、乙区（28.1%）。" in text
    # red_list: 1, and 甲县 is the one county at or past 58.33%: no other it is 居前 of
    assert "达到序时进度的是甲县（78.7%），予以通报表扬" in text
    # black_list: 1, the last that missed 58.33%: 乙区, 28.125 − 58.333 = −30.2 points
    assert "投资完成率居后的是乙区（28.1%，落后序时进度30.2个百分点），予以通报批评" in text
    # YQ-002 500/6000 = 8.3%, 50 points behind: red
    assert ("全市有1个项目亮红灯：\n\n1.乙区综合交通枢纽（乙区）：落后序时进度50.0个百分点。包联领导："
            "李副市长；责任单位：市交通运输局。") in text
    assert "本期督办事项1项，已办结0项" in text and "逾期41天" in text
    assert "附件：1.县（市、区）推进情况排名表" in text and "3.督办事项清单" in text

    page = tmp_path / "b.html"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", page, "-l", ledger).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "甲县（78.7%）、丙县（50.0%）、乙区（28.1%）" in html
    for title in ("附件1　县（市、区）推进情况排名表", "附件2　滞后项目清单", "附件3　督办事项清单"):
        assert title in html

    docx = tmp_path / "b.docx"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", docx, "-l", ledger).exit_code == 0
    again = tmp_path / "again.docx"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", again, "-l", ledger).exit_code == 0
    assert docx.read_bytes() == again.read_bytes()


def test_a_red_project_in_the_bulletin_is_a_numbered_paragraph_of_its_own(ledger, tmp_path):
    projects = ledger / "projects" / "甲县.yaml"
    projects.write_text(projects.read_text("utf-8").replace("planned_start: '2024-10'",
                                                            "planned_start: '2024-03'"), "utf-8")
    write_july(ledger)
    out = tmp_path / "b.md"
    result = run("report", "--kind", "bulletin", "-p", "2024M07", "-o", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    # JX-003, due in March and not started by July: 逾期未开工 four months, red; ten red
    # projects read as the report's list, a numbered paragraph each, not one long sentence
    # of brackets within brackets
    paragraphs = out.read_text(encoding="utf-8").split("\n\n")
    assert "1.甲县物流中心（甲县）：逾期未开工（计划2024年3月开工）。包联领导：未明确；责任单位：未明确。" \
        in paragraphs


def test_a_batch_with_none_in_production_says_not_yet_never_zero(ledger, tmp_path):
    out = tmp_path / "b.md"
    result = run("report", "--kind", "bulletin", "-p", "2024M05", "-o", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # JX-001 goes into production on 30 June: none of the one by the end of May
    assert "列入投产一批的项目1个，截至5月底尚未投产。" in text and "已投产0个" not in text


def test_with_stage_targets_the_honour_rolls_are_by_the_target_and_say_so(ledger, tmp_path):
    """红榜 the counties that reached their target due by month N, 黑榜 those that did not:
    with targets.counties that is the stage target (履约率 ≥ 100%), else plan × N/12."""
    config = ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "targets: {counties: {甲县: {7: 40000}}}\n", encoding="utf-8")
    write_july(ledger, status="pending")
    out = tmp_path / "b.md"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", out, "-l", ledger).exit_code == 0
    text = out.read_text(encoding="utf-8")
    # 甲县 37000 of its target 40000 (92.5%): ahead of 序时进度 (78.7% > 58.3%), yet short of
    # its target, so no 红榜; 丙县 1200 of 2400 × 7/12 = 1400, 乙区 4500 of 16000 × 7/12
    assert "本期没有县（市、区）完成阶段目标任务，红榜空缺。" in text
    # the last that missed: 乙区, 4500 × 12 / (16000 × 7) = 48.21%
    assert ("未完成阶段目标任务的县（市、区）中，投资完成率居后的是乙区（28.1%，履约率48.2%），"
            "予以通报批评") in text
    # JX-002-1 is pending (待办理), not being handled (正在办理)
    assert "本期督办事项1项，已办结0项，待办理1项。" in text


def test_with_a_timeliness_weight_the_rankings_are_said_by_score(ledger, tmp_path):
    """monthly.timeliness_weight 0.5: the score (1 − w) × 投资完成率 + w × 报送及时率 ranks the
    counties, and the report names it with the scores, not the completion rates."""
    config = ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "monthly: {red_list: 1, black_list: 1}",
        "monthly: {red_list: 1, black_list: 1, timeliness_weight: 0.5}"), encoding="utf-8")
    out = tmp_path / "r.md"
    assert run("report", "-p", "2024H1", "-o", out, "-l", ledger).exit_code == 0
    text = out.read_text(encoding="utf-8")
    # June: 甲县 30000/47000, all 3 reported: 0.5 × 0.6383 + 0.5 = 81.9; 乙区 3000/16000, 2 of
    # 2: 59.4; 丙县 carries May's 800/2400, 0 of 1 reported: 16.7
    assert ("综合得分（投资完成率与报送及时率加权）居前的是甲县（81.9分），居后的是丙县（16.7分）"
            in text.replace("\n", ""))
    bulletin = tmp_path / "b.md"
    assert run("report", "-k", "bulletin", "-p", "2024M06", "-o", bulletin,
               "-l", ledger).exit_code == 0
    assert "达到序时进度的是甲县（81.9分），予以通报表扬" in bulletin.read_text(encoding="utf-8")


def test_a_bulletin_with_many_red_projects_names_the_ten_furthest_behind(tmp_path):
    """The sample's June has 12 red projects: the body names the first 10 of the 滞后项目清单
    (red first, the furthest behind first) and sends the reader to 附件2 for all of them;
    every red project is in that annex."""
    sample = Path(__file__).parent.parent / "data" / "sample"
    out = tmp_path / "b.md"
    assert run("report", "-k", "bulletin", "-p", "2024M06", "-o", out, "-l", sample).exit_code == 0
    text = out.read_text(encoding="utf-8")
    section = text[text.index("## 三、红灯项目"):text.index("## 四、")]
    assert "全市有12个项目亮红灯，进度最为滞后的10个项目如下（全部名单见附件2）：" in section
    # the annex's red rows: each one's lag behind 序时进度 6/12 worked out from its own
    # 本年计划投资 and 1-6月完成投资 cells, (6/12 − done/plan) × 100 points
    annex = text[text.index("**滞后项目清单**"):]
    lag = {}
    for line in annex.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 10 and cells[3] == "红灯":
            plan, done = (Decimal(c.replace(",", "")) for c in cells[4:6])
            lag[cells[1]] = (Decimal(6) / 12 - done / plan) * 100
    assert len(lag) == 12  # every red project is in the annex
    named = [name for name in lag if f"{name}（" in section]
    left = [name for name in lag if name not in named]
    assert len(named) == 10 and len(left) == 2
    assert max(lag[n] for n in left) <= min(lag[n] for n in named)  # the ten furthest behind
    order = [section.index(f"{name}（") for name in named]
    assert order == sorted(order)  # named in the annex's order, the furthest behind first


def test_the_bulletins_date_is_the_15th_after_its_month_or_the_one_given(ledger, tmp_path):
    """成文日期: --date when given; else the 15th of the month after the period's, even
    when majorproj.yaml dates the report (report.date is the half-year report's)."""
    write_july(ledger)
    config = ledger / "majorproj.yaml"
    config.write_text(CONFIG + "report: {date: 2024-07-08}\n", encoding="utf-8")

    def signed(*more: str) -> list[str]:
        out = tmp_path / "b.md"
        result = run("report", "-k", "bulletin", "-p", "2024M07", "-o", out, "-l", ledger, *more)
        assert result.exit_code == 0, result.output
        lines = out.read_text(encoding="utf-8").splitlines()
        return lines[lines.index("测试市发展和改革委员会  ") + 1:][:1]

    assert signed() == ["2024年8月15日"]
    assert signed("--date", "2024-08-03") == ["2024年8月3日"]
    assert signed("--date", "2024-02-29") == ["2024年2月29日"]  # a leap day, the last
    assert signed("--date", "2100-12-31") == ["2100年12月31日"]  # the last day of the years
    # the .docx is signed with the same day
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", tmp_path / "d.docx",
               "-l", ledger, "--date", "2024-08-03").exit_code == 0
    import docx as python_docx

    texts = [p.text for p in python_docx.Document(str(tmp_path / "d.docx")).paragraphs]
    assert "2024年8月3日" in texts and "2024年8月15日" not in texts


def test_the_15th_after_a_period_crosses_into_the_next_year() -> None:
    from datetime import date

    from majorproj.report.context import following_15th

    assert following_15th(parse_period("2024M12")) == date(2025, 1, 15)
    assert following_15th(parse_period("2024M11")) == date(2024, 12, 15)
    assert following_15th(parse_period("2024H1")) == date(2024, 7, 15)


@pytest.mark.parametrize(("given", "said"), [
    ("2024-02-30", "2024-02 has the days 1 to 29"),  # a leap year
    ("2023-02-29", "2023-02 has the days 1 to 28"),
    ("2024-04-31", "2024-04 has the days 1 to 30"),
    ("2024-07-00", "2024-07 has the days 1 to 31"),
    ("2024-13-01", "there is no month 13"),
    ("2024-00-10", "there is no month 0"),
    ("2024/08/03", "not of the form YYYY-MM-DD"),
    ("2024-8-3", "not of the form YYYY-MM-DD"),
    ("２０２４-08-03", "not of the form YYYY-MM-DD"),
    ("1889-08-03", "outside the years 1990–2100"),
])
def test_a_date_that_is_no_day_is_refused_and_nothing_written(ledger, tmp_path, given, said):
    out = tmp_path / "b.md"
    result = run("report", "-k", "bulletin", "-p", "2024M07", "-o", out, "-l", ledger,
                 "--date", given)
    assert result.exit_code == 2
    assert "--date" in result.stderr and said in result.stderr and "Traceback" not in result.output
    assert not out.exists()


def test_the_bulletin_reads_back_from_the_docx(ledger, tmp_path):
    import docx as python_docx

    write_july(ledger)
    path = tmp_path / "b.docx"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", path, "-l", ledger).exit_code == 0
    document = python_docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    # 20.5 characters wide: two lines, broken after the months (a line break in the run)
    assert paragraphs[0] == "关于2024年1-7月\n全市重点项目推进情况的通报"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体情况", "二、各县（市、区）推进情况", "三、红灯项目",
                        "四、督办事项办理情况", "五、下一步工作要求"]
    # annex 3, 督办事项清单: its header row and the one item
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "事项", "项目", "责任单位",
                                                     "配合单位", "完成时限", "办理状态"]
    assert table.rows[1].cells[6].text == "推进中\n（逾期41天）"


@pytest.mark.skipif(any(shutil.which(t) is None for t in ("soffice", "pdftotext")),
                    reason="needs soffice (LibreOffice) and poppler-utils")
def test_the_bulletin_renders_to_pdf(ledger, tmp_path):
    write_july(ledger)
    path = tmp_path / "b.docx"
    assert run("report", "-k", "bulletin", "-p", "2024M07", "-o", path, "-l", ledger).exit_code == 0
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    flat = "".join(text.split())
    assert "关于2024年1-7月全市重点项目推进情况的通报" in flat
    assert "甲县（78.7%）、丙县（50.0%）、乙区（28.1%）" in flat
    assert "督办事项清单" in flat and "—1—" in flat


def test_the_bulletin_of_a_ledger_with_last_years_totals_makes_no_false_note(tmp_path):
    from typer.testing import CliRunner

    from majorproj.cli import app

    sample = Path(__file__).parent.parent / "data" / "sample"
    result = CliRunner().invoke(app, ["report", "--kind", "bulletin", "-p", "2024M06", "-l",
                                      str(sample), "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    # the sample's previous_totals has month 6: there is 同比, so no note says there is none
    assert "no 同比" not in result.output


def test_december_is_due_in_january_of_the_next_year_and_a_new_project_starts_at_0(ledger):
    """The 报送截止 of December's sheet is the deadline day of the next January; a project
    with nothing reported before the month starts from 0, with no open issue."""
    from majorproj.render.fill_in import deadline_of, sheet_rows

    book = loaded(ledger)
    assert deadline_of(book, 12) == date(2025, 1, 5)
    assert deadline_of(book, 11) == date(2024, 12, 5)
    projects = [p for p in book.projects if p.county == "丙县"]
    june = book.progress[6].entries  # 丙县 sent nothing in June
    (row,) = sheet_rows(book, 7, projects, dict(june), dict(june))
    assert (row.project.id, row.last, row.issues, row.last_funding) == (
        "BX-001", Decimal(0), "", Decimal(0))
    (row,) = sheet_rows(book, 6, projects, dict(book.progress[5].entries), {})
    assert (row.last, row.issues) == (Decimal(800), "")  # May's 800 carried as 上月累计


def test_a_bulletin_asked_past_the_data_is_titled_and_headed_by_the_datas_month(ledger,
                                                                              tmp_path):
    write_july(ledger)  # the ledger's reports end in July: August's bulletin is July's
    out = tmp_path / "b.md"
    result = run("report", "--kind", "bulletin", "-p", "2024M08", "-o", out, "-l", ledger)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 关于2024年1-7月全市重点项目推进情况的通报\n")
    assert "8月调度数据尚未报送，以上数据截至7月。" in text
    assert "1-8月" not in text and "| 1-7月完成投资 |" in text
    assert "2024年8月15日" in text  # the 15th after the data's month, as for July's


BESIDE_CONFIG = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [甲区, 乙县, 丙县]
sectors: [产业]
"""


@pytest.mark.parametrize("p1, black, lag", [
    # 499.6 / 1000 = 49.96%: short of 序时进度 50% by 0.04 points, though 50.0% rounded
    ("499.6", "甲区（49.96%，落后序时进度0.04个百分点）", None),
    # 399.6 / 1000: behind by 10.04 points, past the yellow bound of 10
    ("399.6", "甲区（40.0%，落后序时进度10.0个百分点）", "甲一（10.04个百分点）"),
])
def test_a_figure_beside_a_verdict_agrees_with_it(tmp_path, p1, black, lag):
    root = tmp_path / "ledger"
    (root / "projects").mkdir(parents=True)
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(BESIDE_CONFIG, encoding="utf-8")
    (root / "projects" / "all.yaml").write_text(
        "projects:\n"
        "  - {id: P1, name: 甲一, level: provincial, county: 甲区, sector: 产业,"
        " nature: continuing, total_investment: 12500, annual_plan: 1000}\n"
        "  - {id: P2, name: 乙二, level: provincial, county: 乙县, sector: 产业,"
        " nature: continuing, total_investment: 10000, annual_plan: 2000}\n"
        "  - {id: P3, name: 丙三, level: municipal, county: 丙县, sector: 产业,"
        " nature: continuing, total_investment: 1050, annual_plan: 1000}\n", encoding="utf-8")
    (root / "progress" / "2024-06.yaml").write_text(
        f"month: 2024-06\nentries:\n  P1: {{completed_ytd: {p1}}}\n"
        "  P2: {completed_ytd: 1200}\n  P3: {completed_ytd: 500}\n", encoding="utf-8")
    bulletin = run("report", "--kind", "bulletin", "-p", "2024M06", "-l", root, "-o", "-")
    assert bulletin.exit_code == 0, bulletin.output
    # 乙县 60.0% and 丙县 exactly 50.0% have reached 序时进度; 甲区 has not
    # every county that reached it is on the 红榜, every one that did not on the 黑榜
    assert "达到序时进度的是乙县（60.0%）、丙县（50.0%），予以通报表扬" in bulletin.stdout
    assert f"未达到序时进度的是{black}，予以通报批评" in bulletin.stdout
    if lag:
        report = run("report", "-p", "2024H1", "-l", root, "-o", "-")
        assert report.exit_code == 0, report.output
        assert f"落后序时进度较多的有{lag}" in report.stdout


def test_a_row_of_the_fill_in_sheet_is_as_tall_as_its_long_name(ledger, tmp_path):
    """A name of 30 characters wraps in 项目名称's 24 (23 measured, a character's margin):
    60 half-width units in lines of 23 take 3 lines of 15 points; the others keep the two
    lines to write in."""
    import openpyxl

    projects = ledger / "projects" / "甲县.yaml"
    long_name = "甲县新材料产业园" + "配套基础设施提升改造" * 2 + "工程"
    assert len(long_name) == 30
    projects.write_text(projects.read_text(encoding="utf-8").replace(
        "name: 甲县新材料产业园,", f"name: {long_name},", 1), encoding="utf-8")
    ws = openpyxl.load_workbook(fill_in(ledger, tmp_path, "甲县")).active
    names = {ws[f"C{r}"].value: ws.row_dimensions[r].height for r in range(6, ws.max_row + 1)}
    assert names[long_name] == 3 * 15
    assert [h for n, h in names.items() if n != long_name] == [30, 30]
