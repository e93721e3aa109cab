"""`majorproj export`: the period's 调度表, its layout, and the way back in."""

from __future__ import annotations

import unicodedata
import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from majorproj.excel.columns import PROGRESS_SPECS
from majorproj.excel.sheet import header_key
from majorproj.metrics import compute
from majorproj.periods import parse_period
from majorproj.render.json import dumps, to_json
from test_excel_support import FILES, run, sound, write_ledger

D = Decimal
SAMPLE = Path(__file__).parents[1] / "data" / "sample"


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "ledger")


def export(root, tmp_path, period="2024M05", name="调度表.xlsx"):
    out = tmp_path / name
    result = run("export", "-l", root, "--period", period, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_one_sheet_per_grouping_with_title_two_row_header_and_figures(ledger, tmp_path):
    book = load_workbook(export(ledger, tmp_path))
    assert book.sheetnames == ["全部项目", "按级别", "按行业", "按专项", "图表"]
    ws = book["全部项目"]
    assert ws["A1"].value == "测试市2024年1-5月重点项目调度表"
    assert ws["A2"].value == "数据截至2024年5月31日" and ws["R2"].value == "单位：万元"
    assert [ws.cell(3, c).value for c in range(1, 9)] == [
        "序号", "项目编号", "项目代码", "项目名称", "县（市、区）", "行业", "级别", "性质"]
    assert ws["I3"].value == "投资情况（万元）"
    assert [ws.cell(4, c).value for c in range(9, 15)] == [
        "总投资", "本年计划投资", "1-5月完成投资", "占年度计划", "当月完成投资", "当月进度"]
    assert [ws.cell(3, c).value for c in range(15, 19)] == ["形象进度", "存在问题", "预警", "备注"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:R1", "I3:N3", "A3:A4", "D3:D4", "R3:R4"} <= merged

    def amounts(row):
        return [ws.cell(row, c).value for c in range(9, 12)]

    # 合计: all four projects
    assert ws["A5"].value == "合计（4个）"
    assert amounts(5) == [50000 + 30000 + 80000 + 6000, 20000 + 12000 + 24000 + 3000,
                          3000 + 4000 + 9000 + 0]
    assert ws["L5"].value == pytest.approx(float(D(16000) / D(59000)))
    # 甲县 小计, then its projects; 乙区 the same; 丙县 has none and no row
    assert ws["A6"].value == "甲县小计（2个）"
    assert amounts(6) == [50000 + 30000, 20000 + 12000, 3000 + 4000]
    assert [ws.cell(r, 2).value for r in (7, 8)] == ["JX-001", "JX-002"]
    assert [ws.cell(r, 1).value for r in (7, 8, 10, 11)] == [1, 2, 3, 4]
    assert ws["A9"].value == "乙区小计（2个）" and amounts(9) == [80000 + 6000, 24000 + 3000, 9000]
    assert [ws.cell(r, 2).value for r in (10, 11)] == ["YQ-001", "YQ-002"]
    assert [ws.cell(7, c).value for c in (3, 4, 5, 6, 7, 8)] == [
        "2024-360000-17-01-000001", "甲县纺织产业园项目", "甲县", "产业", "省重点", "新开工"]
    assert amounts(7) == [50000, 20000, 3000]
    assert ws["L7"].value == pytest.approx(float(D(3000) / D(20000)))
    assert ws["P8"].value == "取土场用地手续未批" and ws["O8"].value == "路基施工"
    # lights at 1-5月 (序时 5/12): JX-001 3000/20000 = 15%, 26.7 points behind → yellow;
    # JX-002 4000/12000 → green; YQ-002 is new and not due before September → none
    assert [ws.cell(r, 17).value for r in (7, 8, 10, 11)] == ["黄灯", "绿灯", "绿灯", None]
    assert ws["Q7"].fill.fgColor.rgb.endswith("FFEB9C")
    behind = (D(5) / D(12) - D(3000) / D(20000)) * 100  # 26.67 points
    assert ws["R7"].value == f"落后序时进度{behind:.1f}个百分点"
    notes = [ws.cell(r, 1).value for r in range(ws.max_row - 3, ws.max_row + 1)]
    assert notes[0] == f"注：1.占年度计划 = 1-5月完成投资 ÷ 本年计划投资；序时进度为5/12（{D(500) / D(12):.1f}%）。"
    assert "落后序时进度超过30个百分点或逾期未开工的亮红灯，超过10个百分点的亮黄灯" in notes[1]  # the config's
    assert notes[2].startswith("3.未按期报送的项目")
    assert notes[3] == "4.当月完成投资 = 本月累计 − 上月累计；当月进度 = 当月完成投资 ÷ 本年计划投资。"


def test_number_formats_frozen_header_and_cjk_column_widths(ledger, tmp_path):
    ws = load_workbook(export(ledger, tmp_path))["全部项目"]
    assert ws["I7"].number_format == "#,##0.00" and ws["K5"].number_format == "#,##0.00"
    assert ws["L7"].number_format == "0.0%" and ws["L6"].number_format == "0.0%"
    assert ws.freeze_panes == "E5"  # below the header, right of 项目名称
    assert ws.print_title_rows == "$3:$4"
    # the longest name, 乙区污水处理厂提标改造, is 11 Chinese characters: 22 columns, + 2
    assert ws.column_dimensions["D"].width == 11 * 2 + 2
    # 项目编号: 'JX-001' (6) is narrower than its header (4 characters: 8)
    assert ws.column_dimensions["B"].width == 8 + 2


def test_a_sheet_of_every_project_prints_landscape_on_a3_the_charts_on_a4(ledger, tmp_path):
    book = load_workbook(export(ledger, tmp_path))
    widths = {ws.title: sum(d.width for d in ws.column_dimensions.values() if d.width)
              for ws in book.worksheets}
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        # wider than 200 characters: A3 (paper 8), else A4 (9)
        assert int(setup.paperSize) == (8 if widths[ws.title] > 200 else 9), ws.title
    assert int(book["全部项目"].page_setup.paperSize) == 8
    assert int(book["图表"].page_setup.paperSize) == 9


# Calibri Bold's advance widths (Carlito, the font LibreOffice puts in its place, has the
# same), in units of 2048 to the em, and Excel's column: a column w characters wide is
# w × 7 pixels (7, Calibri 11's widest digit in whole pixels), 5 of them padding
BOLD_ADVANCE = {**dict.fromkeys("0123456789", 1038), ",": 528, ".": 547, "%": 1493, "-": 627}
EM_PIXELS = 11 * 96 / 72  # 11 points at 96 dpi
PADDING_PIXELS = 5


def shown(value: float, number_format: str) -> str:
    """What a number format shows of a number: #,##0.00 or 0.0%."""
    if number_format == "#,##0.00":
        return f"{value:,.2f}"
    assert number_format == "0.0%"
    return f"{value * 100:.1f}%"


def test_every_figure_of_a_total_row_fits_its_column(tmp_path):
    # the sample's 合计 and 小计 rows (bold) hold the largest figures of their columns;
    # a figure does not wrap, and one wider than its column shows as ###
    out = export(SAMPLE, tmp_path, period="2024H1")
    book = load_workbook(out)
    total = book["全部项目"]["I5"]  # 合计 总投资
    assert book["全部项目"]["A5"].value.startswith("合计")
    assert shown(total.value, total.number_format) == "7,950,000.00"
    checked = 0
    for ws in book.worksheets[:4]:
        widths = {get_column_letter(i): d.width for d in ws.column_dimensions.values()
                  for i in range(d.min, d.max + 1)}  # neighbours of one width: one entry
        for row in ws.iter_rows(min_row=5):
            label = row[0].value
            if not (isinstance(label, str) and ("合计" in label or "小计" in label)):
                continue
            for cell in row:
                if not isinstance(cell.value, (int, float)):
                    continue
                text = shown(cell.value, cell.number_format)
                pixels = sum(BOLD_ADVANCE[c] for c in text) / 2048 * EM_PIXELS
                width = widths[cell.column_letter]
                assert width * 7 - PADDING_PIXELS >= pixels, (ws.title, cell.coordinate, text)
                checked += 1
    assert checked > 100


def figure_widths_hold(ws) -> int:
    """Assert the definition (render/xlsx.py) on sheet ``ws``: a figure column is the width
    of the widest text it shows, its header's or a figure's as its format shows it,
    projects' and totals' alike, and two more. How many columns a project's figure is
    the widest of, totals' aside (a project's rate, or a negative 增长额)."""
    widths = {get_column_letter(i): d.width for d in ws.column_dimensions.values()
              for i in range(d.min, d.max + 1)}
    shown_in: dict[str, list[tuple[int, bool]]] = {}
    for row in ws.iter_rows(min_row=5):
        label = row[0].value
        total = isinstance(label, str) and ("合计" in label or "小计" in label)
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.number_format != "General":
                shown_in.setdefault(cell.column_letter, []).append(
                    (len(shown(cell.value, cell.number_format)), total))
    assert len(shown_in) >= 6, ws.title
    projects_widest = 0
    for letter, texts in shown_in.items():
        header = ws[f"{letter}4"].value or ws[f"{letter}3"].value  # CJK counts 2
        header_width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in header)
        assert widths[letter] == max(header_width, *(n for n, _ in texts)) + 2, (
            ws.title, letter)
        projects = max((n for n, total in texts if not total), default=0)
        projects_widest += projects > max([header_width] + [n for n, t in texts if t])
    return projects_widest


def test_a_figure_column_is_as_wide_as_its_widest_figure_shows(tmp_path):
    book = load_workbook(export(SAMPLE, tmp_path, period="2024H1"))
    for ws in book.worksheets[:4]:
        figure_widths_hold(ws)


def test_a_projects_figure_wider_than_every_total_and_its_header_sets_the_width(tmp_path):
    """YQ-002 with a plan of 1 万元 and 1,300 done in May: 当月进度 1300 ÷ 1 = 130000.0%
    (9 characters), wider than the header 当月进度 (8) and than every total's rate (the
    city's: 17,300 ÷ 56,001 = 30.9%); the column is 9 + 2 wide."""
    from test_excel_support import MAY, YI

    root = write_ledger(tmp_path / "ledger", {
        "projects/乙区.yaml": YI.replace("annual_plan: 3000", "annual_plan: 1"),
        "progress/2024-05.yaml": MAY.replace("YQ-002: {completed_ytd: 0,",
                                             "YQ-002: {completed_ytd: 1300,")})
    ws = load_workbook(export(root, tmp_path))["全部项目"]
    assert ws["N4"].value == "当月进度" and ws["N11"].value == 1300
    assert ws["N5"].value == pytest.approx(17300 / 56001)
    assert ws.column_dimensions["N"].width == 9 + 2


def test_the_other_groupings(ledger, tmp_path):
    book = load_workbook(export(ledger, tmp_path))
    level = book["按级别"]
    assert [level.cell(r, 1).value for r in (5, 6)] == ["合计（4个）", "省重点小计（2个）"]
    assert level["K6"].value == 3000 + 9000
    sectors = [c.value for c in book["按行业"]["A"] if c.value and "小计" in str(c.value)]
    assert sectors == ["产业小计（2个）", "交通小计（1个）", "生态环保小计（1个）"]
    tags = book["按专项"]
    assert tags["A5"].value == "灾后重建小计（1个）" and tags["B6"].value == "YQ-001"
    assert "合计" not in str(tags["A5"].value)
    assert tags["A6"].value == 1  # each sheet numbers its own projects
    # its widths are its own rows': 乙区物流园项目, 7 Chinese characters, + 2
    assert tags.column_dimensions["D"].width == 7 * 2 + 2
    # without 合计, it says why, after the four notes every sheet has (no 同比 here: 5th)
    assert tags.cell(tags.max_row, 1).value == (
        "5.一个项目可属于多个专项，各专项小计不宜相加，故本表不设合计。")
    assert not str(level.cell(level.max_row, 1).value).startswith("5.")


def test_a_project_with_several_tags_is_in_each_tags_group(tmp_path):
    config = FILES["majorproj.yaml"].replace("tags: [灾后重建]", "tags: [灾后重建, 乡村振兴]")
    jia = FILES["projects/甲县.yaml"].replace("    annual_plan: 12000\n",
                                             "    annual_plan: 12000\n    tags: [乡村振兴]\n")
    yi = FILES["projects/乙区.yaml"].replace("tags: [灾后重建]", "tags: [灾后重建, 乡村振兴]")
    root = write_ledger(tmp_path / "ledger", {"majorproj.yaml": config,
                                              "projects/甲县.yaml": jia, "projects/乙区.yaml": yi})
    tags = load_workbook(export(root, tmp_path))["按专项"]
    rows = [[tags.cell(r, c).value for c in (1, 2, 11)] for r in range(5, 10)]
    assert rows[0] == ["灾后重建小计（1个）", None, 9000]
    assert rows[1] == [1, "YQ-001", 9000]
    assert rows[2] == ["乡村振兴小计（2个）", None, 4000 + 9000]
    assert rows[3:] == [[2, "YQ-001", 9000], [3, "JX-002", 4000]]


def test_the_sheet_is_deterministic(ledger, tmp_path):
    first = export(ledger, tmp_path, name="a.xlsx").read_bytes()
    second = export(ledger, tmp_path, name="b.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2024-05-31T00:00:00Z" in core


def test_exported_headers_are_the_ones_import_reads():
    from majorproj.render.xlsx import fields

    keys = {s.key for f in fields(6) for s in PROGRESS_SPECS if s.matches(header_key(f.header))}
    assert {"seq", "id", "code", "name", "county", "completed_ytd", "progress", "issues"} <= keys


def assert_may_round_trips_unchanged(root: Path, tmp_path: Path) -> None:
    """May's sheet exported and imported into May again writes nothing, byte for byte."""
    before = (root / "progress" / "2024-05.yaml").read_bytes()
    sheet = export(root, tmp_path)
    result = run("import", "progress", sheet, "-m", "2024-05", "-l", root, "--force")
    assert result.exit_code == 0, result.output
    assert "already holds these figures; nothing to write" in result.stdout
    assert (root / "progress" / "2024-05.yaml").read_bytes() == before


def test_round_trip_into_the_same_month_changes_nothing(ledger, tmp_path):
    assert_may_round_trips_unchanged(ledger, tmp_path)


def test_round_trip_into_a_fresh_month_gives_identical_figures(ledger, tmp_path):
    sheet = export(ledger, tmp_path)
    fresh = write_ledger(tmp_path / "fresh", {"progress/2024-05.yaml": None})
    result = run("import", "progress", sheet, "-m", "2024-05", "-l", fresh)
    assert result.exit_code == 0, result.output
    period = parse_period("2024M05")
    assert dumps(to_json(compute(sound(fresh), period))) == \
        dumps(to_json(compute(sound(ledger), period)))


def test_a_text_that_looks_like_an_ooxml_escape_comes_back_as_it_was(tmp_path):
    """_x0041_ in a cell's XML is Excel's escape of 'A'; the export escapes a text that
    holds it literally (_x005F_x0041_), and import reads cells as Excel does."""
    may = FILES["progress/2024-05.yaml"].replace(
        "progress: 路基施工", 'progress: "路基_x0041_施工_x000D_"')
    root = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": may})
    assert_may_round_trips_unchanged(root, tmp_path)


def test_a_project_that_did_not_report_stays_not_reported_after_the_round_trip(tmp_path):
    june = "month: 2024-06\nentries:\n  JX-001: {completed_ytd: 3500}\n"
    root = write_ledger(tmp_path / "ledger", {"progress/2024-06.yaml": june})
    before = (root / "progress" / "2024-06.yaml").read_bytes()
    sheet = export(root, tmp_path, period="2024H1")
    result = run("import", "progress", sheet, "-m", "2024-06", "-l", root)
    assert result.exit_code == 0, result.output
    # JX-002, YQ-001 and YQ-002 are on the sheet with May's figures, marked 未报送
    assert "3 未报送 (not reported)" in result.stdout
    assert "already holds these figures; nothing to write" in result.stdout
    assert (root / "progress" / "2024-06.yaml").read_bytes() == before
    # the other sheets hold the same projects grouped otherwise: named, not read twice
    assert "not read: 按级别 (the same projects and figures as 全部项目, grouped otherwise)" \
        in result.stdout


def test_a_project_not_reported_carries_its_figures_and_says_so(tmp_path):
    june = "month: 2024-06\nentries:\n  JX-001: {completed_ytd: 3500}\n"
    root = write_ledger(tmp_path / "ledger", {"progress/2024-06.yaml": june})
    ws = load_workbook(export(root, tmp_path, period="2024H1"))["全部项目"]
    assert ws["A1"].value == "测试市2024年上半年重点项目调度表"
    assert ws["K4"].value == "1-6月完成投资"
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == "YQ-001")
    assert ws.cell(row, 11).value == 9000  # May's figure, carried
    assert "未报送" in ws.cell(row, 18).value


@pytest.mark.parametrize("args, message", [
    (("--period", "2023H1", "-o", "x.xlsx"), "outside the ledger's year 2024"),
    (("--period", "2024H1", "-o", "x.csv"), "the workbook is .xlsx"),
    (("--period", "2024H1", "-o", "missing/x.xlsx"), "does not exist; create it first"),
])
def test_usage_errors(ledger, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("export", "-l", ledger, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_a_ledger_with_errors_is_refused(tmp_path):
    root = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": "month: 2024-05\n"
                                              "entries:\n  JX-001: {completed_ytd: -1}\n"})
    result = run("export", "-l", root, "--period", "2024M05", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 1 and not (tmp_path / "x.xlsx").exists()


def test_a_cell_of_several_lines_makes_its_row_taller(tmp_path):
    may = ("month: 2024-05\nentries:\n  JX-002:\n    completed_ytd: 4000\n    issues:\n"
           "      - {category: land, text: 取土场用地手续未批}\n"
           "      - {category: funding, text: 资本金未到位}\n")
    root = write_ledger(tmp_path / "ledger", {"progress/2024-05.yaml": may})
    book = load_workbook(export(root, tmp_path))
    ws = book["全部项目"]
    assert ws["P8"].value == "1.取土场用地手续未批\n2.资本金未到位"
    assert ws.row_dimensions[8].height == 2 * 15
    # the same project is as tall on the sheets that group it otherwise
    for other in ("按级别", "按行业"):
        sheet = book[other]
        row = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 2).value == "JX-002")
        assert sheet.row_dimensions[row].height == 2 * 15, other
    # JX-001 did not report in May and never before: 0 of its plan, 5/12 behind, red. Its
    # remark, 落后序时进度41.7个百分点；未报送，尚无数据，按0计 (no earlier figure is carried:
    # it counts 0), is 49 columns wide in a column capped at 30: two lines
    assert ws["Q7"].value == "红灯"
    assert ws["R7"].value == f"落后序时进度{D(500) / D(12):.1f}个百分点；未报送，尚无数据，按0计"
    assert ws.row_dimensions[7].height == 2 * 15
    assert ws.row_dimensions[11].height is None  # one line: the default height


def test_every_printed_page_says_its_sheet_and_number(ledger, tmp_path):
    """A 调度表 of many pages is read loose: each page's footer gives the sheet's name and
    第 N 页，共 M 页, on every sheet of the export and on the fill-in sheets."""
    import zipfile

    sheet = export(ledger, tmp_path)
    result = run("export", "--fill-in", "--month", "2024-07", "-o", tmp_path / "fill", "-l",
                 ledger)
    assert result.exit_code == 0, result.output
    for book in (sheet, *sorted((tmp_path / "fill").iterdir())):
        with zipfile.ZipFile(book) as z:
            parts = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
            for name in parts:
                xml = z.read(name).decode()
                assert "<oddFooter>&amp;L&amp;A&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>" \
                    in xml, (book.name, name)
