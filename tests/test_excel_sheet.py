"""Reading worksheets as offices lay them out: headers, units, skipped rows, amounts."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl.utils import get_column_letter

from majorproj.excel import ExcelError
from majorproj.excel.amounts import AmountError, parse_amount, to_ledger_places
from majorproj.excel.columns import PROGRESS_SPECS, months_in_header
from majorproj.excel.issues import category_of, join_issues, split_issues
from majorproj.excel.sheet import header_key, read_table
from majorproj.excel.text import clean_text, squeeze
from majorproj.excel.workbook import open_workbook, sheet_layout
from majorproj.text import display_width
from test_excel_support import save, workbook

D = Decimal


def table_of(path, **kwargs):
    book = open_workbook(path)
    try:
        ws = book.worksheets[0]
        return read_table(ws, PROGRESS_SPECS, file=path.name,
                          layout=sheet_layout(path, ws.title), **kwargs)
    finally:
        book.close()


MESSY = [
    ["某县2024年1-6月重点项目调度表"],                                  # R1 title, merged
    [None, None, None, None, None, None, "单位：万元"],                    # R2 unit note
    ["序号", "项目名称", "投资情况", None, None, "形象进度", "存在问题"],  # R3 upper header
    [None, None, "总投资", "本年计划投资", "1～6月\n完成投资"],            # R4 lower header
    ["合计", None, 80000, 32000, 7500],                                   # R5 total
    ["一、甲县（2个）"],                                                  # R6 group heading
    [1, "甲县纺织产业园项目", 50000, 20000, 3500, "主体施工", "无"],       # R7
    [None],                                                               # R8 blank
    [2, "甲县城区道路改造工程", 30000, 12000, "4,000", "路基施工", None],  # R9
    [None, "甲县小计", 80000, 32000, 7500],                               # R10 subtotal
    ["注：本表数据由各县填报"],                                           # R11 notes
    ["填报人：张三", None, None, "联系电话：123"],                        # R12 notes
]
MERGES = ("A1:G1", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "G3:G4")


def test_a_messy_dispatch_sheet_reads_into_header_map_and_data_rows(tmp_path):
    table = table_of(save(workbook(MESSY, merges=MERGES), tmp_path / "调度表.xlsx"))
    assert table.header_rows == (3, 4)
    assert {k: get_column_letter(c.index + 1) for k, c in table.columns.items()} == {
        "seq": "A", "name": "B", "completed_ytd": "E", "progress": "F", "issues": "G"}
    assert table.columns["completed_ytd"].header == "投资情况/1～6月\n完成投资"
    assert [r.number for r in table.rows] == [7, 9]
    assert table.skipped == {"total": 2, "heading": 1, "blank": 1, "notes": 2}
    assert table.place(9) == "调度表.xlsx:Sheet1!R9"
    assert table.unit_note == "万元"


def test_section_rows_numbered_in_chinese_are_headings_even_with_subtotals(tmp_path):
    rows = [
        ["序号", "项目名称", "总投资", "本年计划投资", "1-6月完成投资"],
        ["一、", "省重点项目", 80000, 32000, 7500],          # R2 section with its subtotals
        [1, "甲县纺织产业园项目", 50000, 20000, 3500],
        ["（二）", "市重点项目"],                            # R4 section, bracketed
        [2, "甲县城区道路改造工程", 30000, 12000, 4000],
    ]
    table = table_of(save(workbook(rows), tmp_path / "sections.xlsx"))
    assert [r.number for r in table.rows] == [3, 5]
    assert table.skipped == {"heading": 2}


def test_an_upper_header_written_once_over_blank_cells_names_the_columns_below(tmp_path):
    rows = [["项目名称", "本年", None, "1-6月", None],
            [None, "计划投资（亿元）", "备注", "完成投资", "占计划"],
            ["甲县纺织产业园项目", 2, "x", 0.35, 0.175]]
    table = table_of(save(workbook(rows), tmp_path / "s.xlsx"))  # nothing merged
    assert table.header_rows == (1, 2)
    ytd = table.columns["completed_ytd"]
    assert (get_column_letter(ytd.index + 1), ytd.header) == ("D", "1-6月/完成投资")
    assert [r.number for r in table.rows] == [3]


def test_a_line_above_the_header_that_names_no_column_is_not_part_of_it(tmp_path):
    rows = [["填报单位：甲县发改局", "填报日期：2024年7月5日"],
            ["项目名称", "1-6月完成投资"], ["甲县纺织产业园项目", 3500]]
    table = table_of(save(workbook(rows), tmp_path / "s.xlsx"))
    assert table.header_rows == (2, 2)
    assert table.columns["name"].header == "项目名称"
    assert [r.number for r in table.rows] == [3]


def test_a_unit_in_the_header_or_its_parent_or_above_the_table_scales_to_wan(tmp_path):
    parent = [["项目名称", "投资情况（亿元）", None], [None, "总投资", "1-6月完成投资"]]
    table = table_of(save(workbook(parent, merges=("B1:C1",)), tmp_path / "a.xlsx"))
    assert table.columns["completed_ytd"].scale == D(10000)
    own = [["项目名称", "1-6月完成投资（万元）"]]
    table = table_of(save(workbook([["单位：亿元"], *own]), tmp_path / "b.xlsx"))
    assert table.columns["completed_ytd"].scale == D(1)  # its own unit wins
    above = [["单位：亿元"], ["项目名称", "1-6月完成投资"]]
    assert table_of(save(workbook(above), tmp_path / "c.xlsx")).columns[
        "completed_ytd"].scale == D(10000)


def test_a_column_numbering_row_and_a_repeated_header_are_skipped(tmp_path):
    rows = [["序号", "项目名称", "1-6月完成投资"], ["甲", "乙", 1],
            [1, "甲县纺织产业园项目", 5], ["序号", "项目名称", "1-6月完成投资"],
            [2, "甲县城区道路改造工程", 6]]
    table = table_of(save(workbook(rows), tmp_path / "s.xlsx"))
    assert [r.number for r in table.rows] == [3, 5]
    assert table.skipped == {"numbering": 1, "header": 1}


def test_data_rows_after_the_first_thirty_are_read_and_progress_is_reported(tmp_path):
    rows = [["项目名称", "1-6月完成投资"]] + [[f"项目{i}", i] for i in range(1, 100)]
    seen = []
    table = table_of(save(workbook(rows), tmp_path / "s.xlsx"),
                     on_row=lambda done, total: seen.append((done, total)))
    assert len(table.rows) == 99 and table.rows[-1].number == 100
    assert [done for done, _ in seen] == list(range(2, 101))
    assert {total for _, total in seen} == {100}


def test_a_wrong_dimension_does_not_cut_rows_off(tmp_path):
    path = save(workbook([["项目名称", "1-6月完成投资"], ["甲", 1], ["乙", 2], ["丙", 3]]),
                tmp_path / "s.xlsx")
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<dimension ref="A1:B4"/>', b'<dimension ref="A1:B2"/>')
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert [r.number for r in table_of(path).rows] == [2, 3, 4]


def test_no_header_is_a_usage_error_that_says_what_it_looked_for(tmp_path):
    path = save(workbook([["随便"], ["a", "b"], [1, 2]]), tmp_path / "s.xlsx")
    with pytest.raises(ExcelError, match="no header row found.*项目名称"):
        table_of(path)


def test_a_missing_required_column_lists_the_headers_found(tmp_path):
    path = save(workbook([["项目名称", "总投资", "形象进度"], ["甲", 1, "x"]]), tmp_path / "s.xlsx")
    with pytest.raises(ExcelError, match=r"no column 1-N月完成投资; it has: 项目名称, 总投资, 形象进度"):
        table_of(path, required=(("name",), ("completed_ytd",)))


@pytest.mark.parametrize("header, months", [
    ("1-6月完成投资", 6), ("1～6月完成投资（万元）", 6), ("1至6月累计完成投资", 6),
    ("1—11月完成投资", 11), ("1月完成投资", 1), ("本年累计完成投资", None),
    ("上半年完成投资", 6), ("前三季度完成投资", 9), ("第一季度完成投资", 3), ("一季度完成投资", 3),
    ("全年完成投资", 12), ("截至6月底完成投资", 6), ("1-6月份完成投资", 6),
    ("年初至今累计完成投资", None), ("自年初累计完成投资", None),
    ("累计完成投资", None), ("年初至今完成投资", None), ("2024年1-6月完成投资（亿元）", 6),
    ("一至八月累计完成投资", 8), ("一月至十一月完成投资", 11), ("1至十二月累计完成投资", 12),
    ("截至九月底累计完成投资", 9), ("一—十月完成投资", 10),
])
def test_headers_of_this_years_investment(header, months):
    key = header_key(header)
    assert [s.key for s in PROGRESS_SPECS if s.matches(key)] == ["completed_ytd"]
    assert months_in_header(key) == months


@pytest.mark.parametrize("header", ["6月完成投资", "本年计划投资", "至上年底累计完成投资",
                                    "开工以来累计完成投资", "1-6月完成投资占年度计划%", "11月完成投资",
                                    "二季度完成投资", "第三季度完成投资", "自开工累计完成投资",
                                    "全年计划投资"])
def test_headers_that_are_not_this_years_investment(header):
    assert not any(s.key == "completed_ytd" and s.matches(header_key(header))
                   for s in PROGRESS_SPECS)


# ── amounts ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("value, scale, expected", [
    (5200, 1, D(5200)),
    (880.5, 1, D("880.5")),
    (0.1 + 0.2, 1, D("0.3")),                # Excel's binary noise, read as Excel shows it
    ("1,234.5", 1, D("1234.5")),
    ("１２，３４５．６", 1, D("12345.6")),     # full-width digits and comma
    (" 4500万元 ", 1, D(4500)),
    ("1.2亿元", 1, D("1.2") * 10000),         # a unit in the cell wins over the column's
    ("52,000元", 1, D(52000) / 10000),        # 元: ÷ 10,000, exactly
    ("35,000千元", 1, D(3500)), ("35百万元", 1, D(3500)), ("3.5千万元", 1, D(3500)),
    (1.2345, 10000, D("1.2345") * 10000),    # under an 亿元 header
    ("0.5", 10000, D("0.5") * 10000),
    (D("12.5"), 1, D("12.5")),
    (None, 1, None), ("", 1, None), ("—", 1, None), (" / ", 1, None),
])
def test_amounts_from_numbers_and_text(value, scale, expected):
    assert parse_amount(value, D(scale)) == expected


@pytest.mark.parametrize("value, message", [
    ("约300", "is not a number"), ("12%", "percentage"), ("#REF!", "Excel error #REF!"),
    pytest.param("#DIV/0!", r"#DIV/0! \(its formula cannot be computed\); correct the formula "
                 "or type the figure", id="excel-error-advice"),
    ("1_234", "'1_234' is not a number"),  # no office groups digits so: a slip, not 1234
    (-5, "-5 is negative"), ("-1,000", "-1,000 is negative"), (True, "not an amount"),
    pytest.param(10**9, r"^1000000000 is 1,000,000,000 万元 or more, beyond any project; check "
                 r"the cell and the column's unit \(万元 or 亿元\)$", id="the-bound-itself"),
    (float("nan"), "not an amount"), (datetime(2024, 6, 1), "is a date"),
])
def test_what_is_not_an_amount(value, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(value)


def test_amounts_keep_four_places_and_say_when_they_were_rounded():
    assert to_ledger_places(D("1234.5678")) == (D("1234.5678"), False)
    assert to_ledger_places(D("1234.56785")) == (D("1234.5679"), True)  # half up
    assert to_ledger_places(D("0.00004")) == (D("0.0000"), True)


def test_a_stated_total_is_compared_at_the_decimal_places_it_is_written_with():
    from majorproj.excel.totals import _same

    assert _same(D("100.12"), D("100.1234"))  # 2 places under rows of 4, rounded half up
    assert _same(D("100.13"), D("100.125")) and not _same(D("100.12"), D("100.125"))
    assert _same(D("17500.4"), D("17500.4"))
    assert not _same(D("100"), D("100.4"))  # a whole number is not taken for a rounded one
    assert not _same(D("100.1234"), D("100.12"))  # more places than the sum: as it stands


# ── text and issues ─────────────────────────────────────────────────────────


def test_text_made_comparable_and_clean():
    assert squeeze("１号　厂房 （一期）") == "1号厂房(一期)"
    assert clean_text(" 甲县　纺织\n产业园 项目 ", one_line=True) == "甲县纺织产业园项目"
    assert clean_text("主体施工\x0b  设备安装\r\n\r\n调试") == "主体施工\n设备安装\n调试"
    assert display_width("甲县A1") == 2 + 2 + 1 + 1


def test_issues_are_split_and_categorised_by_keywords():
    cell = "1.用地指标未落实；2.资金缺口较大\n（3）征地拆迁滞后 ④林地报批中"
    parts = split_issues(cell)
    assert parts == ["用地指标未落实", "资金缺口较大", "征地拆迁滞后", "林地报批中"]
    assert [category_of(p) for p in parts] == ["land", "funding", "demolition", "forest"]
    assert [category_of(t) for t in ("用海审批", "环评未批复", "能耗指标不足", "规划调整中",
                                     "施工许可手续办理中", "管线迁改滞后")] == [
        "sea", "eia", "energy", "planning", "approval", "other"]
    assert split_issues("无") == [] and split_issues(" 暂无 ") == []
    assert split_issues("计划投资2.5亿元资金缺口") == ["计划投资2.5亿元资金缺口"]


def test_joined_issues_split_back_into_the_same_texts():
    texts = ["取土场用地手续未批", "资金缺口较大，影响进度"]
    assert split_issues(join_issues(texts)) == texts
    assert join_issues(["只有一个问题"]) == "只有一个问题"


def test_a_known_issue_is_kept_whole_on_its_numbered_line_or_alone():
    known = {"征地涉及2户；另有1处坟墓待迁", "施工方案分2期：1.一期场平 2.二期主体"}
    holds = known.__contains__
    # two numbered lines, each a known issue: each whole, its ；and 1. 2. its own
    assert split_issues("1.征地涉及2户；另有1处坟墓待迁\n2.施工方案分2期：1.一期场平 2.二期主体",
                        holds) == ["征地涉及2户；另有1处坟墓待迁", "施工方案分2期：1.一期场平 2.二期主体"]
    # one numbered line alone, and a known issue written without a number
    assert split_issues("1.征地涉及2户；另有1处坟墓待迁", holds) == ["征地涉及2户；另有1处坟墓待迁"]
    assert split_issues("征地涉及2户；另有1处坟墓待迁", holds) == ["征地涉及2户；另有1处坟墓待迁"]
    # an unknown numbered line is split as a county's own text: at ；and inner numbers
    assert split_issues("1.用地未批；资金缺口\n2.环评未批", holds) == ["用地未批", "资金缺口", "环评未批"]
    # numbers not from 1, or not a line each, are no list of ours: the cell is split
    assert split_issues("2.征地涉及2户；另有1处坟墓待迁", holds) == ["征地涉及2户", "另有1处坟墓待迁"]


@pytest.mark.parametrize("header, key", [
    ("项目名称", "name"), ("建设项目名称", "name"), ("项目（工程）名称", "name"), ("工程名称", "name"),
    ("县（市、区）", "county"), ("区县（市）", "county"), ("所在地", "county"), ("县（区）", "county"),
    ("存在的困难和问题", "issues"), ("项目进展情况", "progress"),
])
def test_headers_of_the_other_columns(header, key):
    assert [s.key for s in PROGRESS_SPECS if s.matches(header_key(header))][:1] == [key]


def test_an_owners_name_is_not_the_projects():
    for header in ("建设单位名称", "项目单位名称"):
        assert not any(s.key == "name" for s in PROGRESS_SPECS if s.matches(header_key(header)))


def test_a_row_quoted_in_a_message_keeps_values_it_repeats():
    """总投资 = 本年计划投资 = 51200: the quote shows both, so that 47329 is not read as
    the plan (the row's third figure)."""
    from majorproj.excel.sheet import Row, row_text

    row = Row(8, (3, "DH-003", "东湖区预制菜中央厨房建设项目", "新开工", 51200, 51200, 47329, 150), 8)
    assert row_text(row, limit=200) == (
        "3 | DH-003 | 东湖区预制菜中央厨房建设项目 | 新开工 | 51200 | 51200 | 47329 | 150")


def test_a_rows_text_keeps_the_lines_of_a_cell_apart():
    from majorproj.excel.sheet import Row, row_text

    # a project merged over two rows: its cells' lines joined, each line apart in the text
    row = Row(5, (1.0, "1\n2", "东湖区智能制造产业园项目", "2024-2026\n2025-2027", None))
    assert row_text(row) == "1 | 1 / 2 | 东湖区智能制造产业园项目 | 2024-2026 / 2025-2027"
