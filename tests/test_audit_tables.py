"""Tables: each row's rates follow from its own figures, the 合计 row is the sum of the
others; in a .docx and in Markdown. Expected figures are worked out in the comments."""

import docx

from majorproj.audit import audit_file

HEADER = ["序号", "县（市、区）", "本年计划投资", "1-6月完成投资", "完成率", "超序时进度（百分点）",
          "计划新开工", "已开工", "开工率"]
ROWS = [
    # 18.3 / 22.2 = 82.43% (as printed, 18.25/22.25 … 18.35/22.15: 82.0% … 82.8%); −50 → 32.5
    # 14 / 16 = 87.5%
    ["1", "南岭县", "22.2", "18.3", "82.5%", "32.5", "16", "14", "87.5%"],
    # 50.2 / 61.5 = 81.63%; 31.6; 12 / 16 = 75%
    ["2", "临江市", "61.5", "50.2", "81.6%", "31.6", "16", "12", "75.0%"],
    # 合计: 22.2 + 61.5 = 83.7; 18.3 + 50.2 = 68.5; 68.5 / 83.7 = 81.84%; 16 + 16 = 32; 12 + 14 = 26
    ["", "合计", "83.7", "68.5", "81.8%", "31.8", "32", "26", "81.3%"],
]


def as_docx(path, rows, header=HEADER):
    document = docx.Document()
    document.add_paragraph("附件2")
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for r, row in enumerate([header, *rows]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


def as_markdown(path, rows, header=HEADER):
    lines = ["附件2", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def judged(audit):
    return [(f.claim.kind, f.claim.printed, f.claim.ok) for f in audit.checked]


def test_a_sound_table_holds_in_docx_and_markdown(tmp_path):
    for path in (as_docx(tmp_path / "t.docx", ROWS), as_markdown(tmp_path / "t.md", ROWS)):
        audit = audit_file(path)
        assert audit.wrong == []
        # per row: 完成率, 开工率, the gap; the 合计 row also its four sums
        assert len(audit.checked) == 3 * 3 + 4
        assert ("sum", "83.7", True) in judged(audit) and ("sum", "26", True) in judged(audit)


def test_slips_in_a_table_are_found_at_their_cells(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][4] = "86.1%"  # 50.2 / 61.5 is 81.6%
    rows[2][7] = "27"  # 12 + 14 is 26
    path = as_markdown(tmp_path / "t.md", rows)
    audit = audit_file(path)
    wrong = [(f.line, f.claim.printed, f.claim.expected, f.claim.message) for f in audit.wrong]
    assert wrong == [
        (6, "86.1%", "81.6%", "完成率 86.1% does not follow from 50.2 of 61.5 (81.6%)"),
        (7, "27", "26", "已开工 27 does not follow from the sum of its 2 rows (26)"),
    ]
    line = path.read_text(encoding="utf-8").splitlines()[5]
    assert audit.wrong[0].column == line.index("86.1%") + 1


def test_a_docx_slip_is_at_its_cell(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[0][5] = "23.5"  # 82.5 − 50 is 32.5
    audit = audit_file(as_docx(tmp_path / "t.docx", rows))
    [finding] = audit.wrong
    # paragraph 1, then the cells row by row: row 2 (南岭县) column 6 is 1 + 9 + 6
    assert (finding.line, finding.column, finding.claim.kind) == (1 + 9 + 6, 1, "gap")
    assert finding.claim.expected == "32.5"


def test_a_sub_total_is_not_summed_again_and_its_own_rates_are_judged(tmp_path):
    # 南岭县's 小计 repeats its row: the 合计 is still 22.2 + 61.5 = 83.7 (not + 22.2 again),
    # and the 小计's own 完成率 99.9% does not follow from 18.3 of 22.2 (82.4%)
    rows = [list(r) for r in ROWS]
    rows.insert(1, ["", "南岭县小计", "22.2", "18.3", "99.9%", "", "16", "14", "87.5%"])
    audit = audit_file(as_markdown(tmp_path / "a.md", rows))
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [("99.9%", "82.4%")]
    assert ("sum", "83.7", True) in judged(audit) and ("sum", "26", True) in judged(audit)


def test_mixed_units_are_not_judged(tmp_path):
    header = list(HEADER)
    header[2], header[3] = "本年计划投资（亿元）", "1-6月完成投资（万元）"
    audit = audit_file(as_markdown(tmp_path / "b.md", ROWS, header))
    assert {f.claim.kind for f in audit.checked} == {"share", "sum"}
    assert not [f for f in audit.checked if f.claim.printed.endswith("%")
                and "完成率" in f.claim.label]  # 亿元 against 万元: no 完成率, no gap
    assert audit.wrong == []


def test_a_cumulative_amount_of_unsaid_years_is_not_judged_against_the_plan(tmp_path):
    header = list(HEADER)
    header[3] = "累计完成投资"  # since the project started, or since January: unsaid
    rows = [list(r) for r in ROWS]
    rows[0][4] = "12.0%"
    audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
    assert not [f for f in audit.checked if f.claim.label.startswith("完成率")]
    assert audit.wrong == []


def test_a_header_in_percent_makes_its_columns_bare_numbers_percents(tmp_path):
    header = list(HEADER)
    header[4], header[8] = "完成率（%）", "开工率（%）"
    rows = [[cell.rstrip("%") for cell in row] for row in ROWS]
    rows[1][5] = "21.6"  # 81.6 − 50 is 31.6
    rows[1][8] = "57.0"  # 12 / 16 is 75.0
    for path in (as_docx(tmp_path / "t.docx", rows, header),
                 as_markdown(tmp_path / "t.md", rows, header)):
        audit = audit_file(path)
        assert [(f.claim.kind, f.claim.printed, f.claim.expected) for f in audit.wrong] == [
            ("gap", "21.6", "31.6"), ("share", "57.0", "75.0%")]
        assert len(audit.checked) == 3 * 3 + 4  # as with the percents printed in the cells


def test_a_negative_gap_typed_with_a_full_width_minus_is_judged(tmp_path):
    # 2.5 / 5.2 = 48.08%, 6/12 of the year gone: 48.08 − 50 = −1.92, printed −1.9; −9.9 is
    # a slip, whether typed with the full-width minus, the minus sign or the hyphen
    header = ["领域", "本年计划投资（亿元）", "1-6月完成投资（亿元）", "完成率（%）", "超序时进度（百分点）"]
    for minus in ("－", "−", "-"):  # and a plus sign before a gap ahead (below)
        rows = [["生态环保", "5.2", "2.5", "48.1", f"{minus}9.9"],
                ["城市更新", "5.2", "2.5", "48.1", f"{minus}1.9"]]
        audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
        assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [
            (f"{minus}9.9", "-1.9")], minus


def test_rates_in_bare_numbers_under_a_unit_line_with_percent(tmp_path):
    # 单位：亿元、个、%: 11.2 / 14.6 = 76.71%, so 86.9 is a slip and 76.7 holds; 12 / 15 = 80.0%
    header = ["县（市、区）", "本年计划投资", "1-6月完成投资", "完成率", "计划新开工", "已开工", "开工率"]
    rows = [["北川县", "14.6", "11.2", "86.9", "15", "12", "80.0"],
            ["云台县", "14.6", "11.2", "76.7", "15", "12", "85.0"]]
    path = as_markdown(tmp_path / "t.md", rows, header)
    path.write_text(path.read_text("utf-8").replace("附件2", "附件2\n\n单位：亿元、个、%"),
                    encoding="utf-8")
    audit = audit_file(path)
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [
        ("86.9", "76.7%"), ("85.0", "80.0%")]
    assert len(audit.checked) == 4


def test_a_column_of_last_year_leaves_this_years_columns_their_roles(tmp_path):
    # 去年同期完成投资 beside 1-6月完成投资 made 完成投资 fit two columns and nothing was
    # judged: 19.0 / 24.4 = 77.87%, so 87.6 is a slip; 17.0 / 21.1 = 80.57%
    header = ["县（市、区）", "本年计划投资（亿元）", "1-6月完成投资（亿元）", "完成率（%）",
              "去年同期完成投资（亿元）"]
    rows = [["东湖区", "24.4", "19.0", "87.6", "15.2"], ["西山区", "21.1", "17.0", "80.6", "14.0"]]
    audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [("87.6", "77.9%")]
    assert len(audit.checked) == 2


def test_a_wrong_totals_rate_must_follow_from_the_printed_total_or_the_rows_sum(tmp_path):
    # 合计: plan 24.4 + 21.1 = 45.5; done printed 46.0, rows 19.0 + 17.0 = 36.0; its rate
    # follows from 46.0 / 45.5 = 101.1% or from 36.0 / 45.5 = 79.1%, and 90.0 from neither
    header = ["县（市、区）", "本年计划投资（亿元）", "1-6月完成投资（亿元）", "完成率（%）"]
    rows = [["东湖区", "24.4", "19.0", "77.9"], ["西山区", "21.1", "17.0", "80.6"]]
    for rate, ok in (("90.0", False), ("79.1", True), ("101.1", True)):
        audit = audit_file(as_markdown(tmp_path / "t.md", [*rows, ["合计", "45.5", "46.0", rate]],
                                       header))
        assert [f.claim.printed for f in audit.wrong] == ["46.0", *([] if ok else [rate])], rate


def test_a_months_own_column_beside_the_months_so_far(tmp_path):
    # 5月完成投资 beside 1-5月完成投资 made 完成投资 fit two columns: nothing was judged.
    # 13.6 / 24.4 = 55.74% (65.6 is a slip), 13.3 / 21.1 = 63.03%; 合计 4.0 + 4.5 = 8.5 (not
    # 9.0), 13.6 + 13.3 = 26.9, 24.4 + 21.1 = 45.5
    header = ["县（市、区）", "本年计划投资（亿元）", "5月完成投资（亿元）", "1-5月完成投资（亿元）", "完成率（%）"]
    rows = [["东湖区", "24.4", "4.0", "13.6", "65.6"], ["西山区", "21.1", "4.5", "13.3", "63.0"],
            ["合计", "45.5", "9.0", "26.9", "59.1"]]
    audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [
        ("65.6", "55.7%"), ("9.0", "8.5")]


def test_a_table_continued_in_a_second_table_is_one_table(tmp_path):
    # 南岭县 and 临江市 on two tables with the header repeated under 续表, the 合计 first:
    # 22.2 + 61.5 = 83.7, 18.3 + 50.2 = 68.5, 16 + 16 = 32, 14 + 12 = 26 over both
    document = docx.Document()
    document.add_paragraph("附件2")
    for rows in ([ROWS[2], ROWS[0]], [ROWS[1]]):
        table = document.add_table(rows=len(rows) + 1, cols=len(HEADER))
        for r, row in enumerate([HEADER, *rows]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("续表")
    path = tmp_path / "t.docx"
    document.save(path)
    audit = audit_file(path)
    assert audit.wrong == []
    assert ("sum", "83.7", True) in judged(audit) and ("sum", "26", True) in judged(audit)


def test_a_gap_ahead_printed_with_its_plus_sign_is_judged(tmp_path):
    # 19.0 / 24.4 = 77.87%: 77.87 − 50 = +27.9 (+29.6 a slip), as the annex prints a gap
    header = ["县（市、区）", "本年计划投资（亿元）", "1-6月完成投资（亿元）", "完成率（%）", "超序时进度（百分点）"]
    rows = [["东湖区", "24.4", "19.0", "77.9", "+29.6"], ["西山区", "21.1", "17.0", "80.6", "+30.6"]]
    audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [("+29.6", "27.9")]


def test_a_header_merged_over_the_months_so_far_and_the_month_in_a_docx(tmp_path):
    # 完成投资 merged over 1-6月 | 6月 (a .docx reads the merged cell once): both are its;
    # 合计: 18.3 + 50.2 = 68.5, 3.0 + 7.5 = 10.5 (not 11.5), 18.3 / 22.2 = 82.4%
    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    texts = [["县（市、区）", "本年计划投资（亿元）", "完成投资（亿元）", "", "完成率（%）"],
             ["", "", "1-6月", "6月", ""],
             ["南岭县", "22.2", "18.3", "3.0", "82.4"], ["临江市", "61.5", "50.2", "7.5", "81.6"],
             ["合计", "83.7", "68.5", "11.5", "81.8"]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))
    for c in (0, 1, 4):
        table.cell(0, c).merge(table.cell(1, c))
    path = tmp_path / "t.docx"
    document.save(path)
    audit = audit_file(path)
    assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [("11.5", "10.5")]
    assert ("sum", "68.5", True) in judged(audit)


def test_a_sub_total_is_the_sum_of_its_group_under_or_above_it(tmp_path):
    # each 小计 over its two projects: 甲县 10 + 20 = 30 (33 is a slip: even 10.5 + 20.5 is
    # 31), 乙县 5 + 7 = 12;
    # 合计 10 + 20 + 5 + 7 = 42; and the same with each 小计 under its projects
    header = ["项目名称", "本年计划投资（万元）"]
    groups = [[["甲县小计", "33"], ["甲县一号项目", "10"], ["甲县二号项目", "20"]],
              [["乙县小计", "12"], ["乙县一号项目", "5"], ["乙县二号项目", "7"]]]
    over = [row for group in groups for row in group] + [["合计", "42"]]
    under = [row for group in groups for row in (*group[1:], group[0])] + [["合计", "42"]]
    for rows in (over, under):
        audit = audit_file(as_markdown(tmp_path / "t.md", rows, header))
        assert [(f.claim.printed, f.claim.expected) for f in audit.wrong] == [("33", "30")]
        assert ("sum", "12", True) in judged(audit) and ("sum", "42", True) in judged(audit)


def test_a_plan_under_a_merged_heading_of_its_group_is_still_the_plan(tmp_path):
    """投资完成情况 over 本年计划投资 | 1-6月完成投资 | 完成率: the plan's header read as
    投资完成情况本年计划投资 said 完成 and was no plan, so neither its 合计 (24.44 + 21.07 =
    45.51, not 45.15) nor the rates (18.96 / 24.44 = 77.6%, not 72.6) were checked."""
    path = tmp_path / "t.md"
    path.write_text("单位：亿元、%\n\n| 县（市、区） | 投资完成情况 | | |\n|---|---|---|---|\n"
                    "| | 本年计划投资 | 1-6月完成投资 | 完成率 |\n| 东湖区 | 24.44 | 18.96 | 72.6 |\n"
                    "| 西山区 | 21.07 | 17.03 | 80.8 |\n| 合计 | 45.15 | 35.99 | 79.1 |\n",
                    encoding="utf-8")
    wrong = sorted((f.claim.printed, f.claim.expected) for f in audit_file(path).wrong)
    assert wrong == [("45.15", "45.51"), ("72.6", "77.6%")]
