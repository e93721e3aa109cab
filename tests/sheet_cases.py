"""County dispatch sheets as offices send them, each with what `import progress` must make
of it: the figures it writes, or the problem codes it stops with.

Run it to get the folder (one .xlsx a case and ``expect.yaml``), to look at the sheets or
to pass them through other spreadsheet programs:

    python tests/sheet_cases.py OUT_DIR

``tests/test_sheet_cases.py`` builds the folder and imports every sheet into the test
ledger of ``test_excel_support`` (甲县 JX-001 纺织 total 50000, JX-002 道路 30000; 乙区 YQ-001
物流园 80000, YQ-002 污水厂 6000; May: 3000, 4000, 9000, 0). The June figures the sheets
hold are 3500, 4500, 9500 and 0 (every one at or above May's); the decoys beside them are
what a wrong reading would take: May's figures (3000 …), June alone (500 …), last year's
(2800 …), a first report (3400 …).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

NAMES = {"JX-001": "甲县纺织产业园项目", "JX-002": "甲县城区道路改造工程",
         "YQ-001": "乙区物流园项目", "YQ-002": "乙区污水处理厂提标改造"}
PUMPS = ("projects/丙县.yaml", "projects:\n  - {id: BX-001, name: 丙县泵站建设（共12个）, "
         "level: county, county: 丙县, sector: 交通, nature: continuing, total_investment: 900, "
         "annual_plan: 300}\n")  # a project whose name ends as a heading's count does
JUNE = {"JX-001": 3500, "JX-002": 4500, "YQ-001": 9500, "YQ-002": 0}
MAY = {"JX-001": 3000, "JX-002": 4000, "YQ-001": 9000, "YQ-002": 0}
MONTH_ALONE = {pid: JUNE[pid] - MAY[pid] for pid in JUNE}  # 6月 alone: 500, 500, 500, 0
LAST_YEAR = {"JX-001": 2800, "JX-002": 3900, "YQ-001": 8800, "YQ-002": 0}
FIRST_REPORT = {"JX-001": 3400, "JX-002": 4400, "YQ-001": 9400, "YQ-002": 0}
FUNDS = {"JX-001": 1000, "JX-002": 2000, "YQ-001": 3000, "YQ-002": 0}  # 本年累计到位资金: 6000
COUNTY = {"JX-001": "甲县", "JX-002": "甲县", "YQ-001": "乙区", "YQ-002": "乙区"}
ALL = list(NAMES)
TITLE = ["某市2024年1-6月重点项目调度表"]
LONG = "LONG-TEXT"  # becomes 40,000 characters in the file (openpyxl writes at most 32,767)


@dataclass
class Sheet:
    rows: list[list]
    title: str = "Sheet1"
    merges: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[str, ...] = ()
    state: str = "visible"
    folded: tuple[int, int] | None = None  # rows grouped in an outline, the group collapsed
    # an AutoFilter over a range, showing the rows whose 0-based column holds one value
    filtered: tuple[str, int, str] | None = None
    formats: tuple[tuple[str, str], ...] = ()  # (cell, number format): a date shown as 年月


@dataclass
class Case:
    """A workbook and what importing it as --month 2024-06 must give: ``entries`` (the
    month's figures, exactly) or ``errors`` (codes; nothing written); ``warnings`` that
    must be among the problems; lines the output must hold (``says``)."""

    name: str
    sheets: list[Sheet]
    entries: dict[str, str] | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    says: list[str] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    month: str = "2024-06"
    ledger: tuple[str, str] | None = None  # a file added to the test ledger
    command: str = "progress"  # or "projects": then ``entries`` are the projects' levels

    def expect(self) -> dict:
        return {k: v for k, v in (("entries", self.entries), ("errors", self.errors),
                                  ("warnings", self.warnings), ("says", self.says),
                                  ("args", self.args), ("month", self.month),
                                  ("ledger", list(self.ledger or ())),
                                  ("command", self.command)) if v}


def rows_of(figures: dict[str, object], pids=ALL, *extra: dict[str, object],
            lead: tuple = ()) -> list[list]:
    """A row per project: its name (after ``lead`` cells), its figure, then the figure of
    each of ``extra``."""
    return [[*lead, NAMES[p], figures[p], *(e[p] for e in extra)] for p in pids]


def two_rows(upper: str, left: str, right: str) -> list[list]:
    """项目名称 merged down over two rows, ``upper`` merged over two sub-columns."""
    return [TITLE, ["项目名称", upper, None], [None, left, right]]


MERGED_TWO = ("A1:C1", "A2:A3", "B2:C2")


PROJECT_HEADER = ["项目编号", "项目代码", "项目名称", "项目性质", "县（市、区）", "行业", "总投资",
                  "本年计划投资", "计划开工时间"]


def project_cases() -> list[Case]:
    """`import projects`: what a list may and may not change (``entries``: every
    project's level afterwards, ``JX-003`` being the list's new project)."""
    kept = {"JX-001": "provincial", "JX-002": "municipal", "YQ-001": "provincial",
            "YQ-002": "county"}
    new = [None, None, "甲县新材料项目", "新开工", "甲县", "产业", 10000, 2000, "2024-08"]
    known = [None, "2023-360000-48-01-000002", NAMES["JX-002"], "续建", "甲县", "交通", 30000,
             12000, None]
    return [
        Case("level-for-new-projects-only", [Sheet([PROJECT_HEADER, known, new])],
             kept | {"JX-003": "provincial"}, args=["--level", "省重点"], command="projects"),
        Case("level-from-the-sheets-name", [Sheet([PROJECT_HEADER, known, new], "县重点项目")],
             kept | {"JX-003": "county"}, warnings=["W506"], command="projects",
             says=["the sheet 县重点项目 lists JX-002, a 市重点 project in the ledger; its level "
                   "is kept"]),
        Case("unknown-id-with-a-known-code",
             [Sheet([PROJECT_HEADER, ["JX-999", *known[1:]]])], kept, warnings=["W506"],
             args=["--level", "市重点"], command="projects"),
        Case("a-whole-list-and-its-county-sheets",
             [Sheet([PROJECT_HEADER, known, new], "总表"), Sheet([PROJECT_HEADER, known, new], "甲县")],
             kept | {"JX-003": "provincial"}, args=["--level", "省重点"], command="projects",
             says=["not read: 甲县 (the same projects and values as 总表, grouped otherwise)"]),
        Case("county-sheets-before-the-whole-list",  # the 总表 is read, wherever it stands
             [Sheet([PROJECT_HEADER, known, new], "甲县"), Sheet([PROJECT_HEADER, known, new,
              [None, None, "乙区冷链项目", "新开工", "乙区", "产业", 8000, 1000, "2024-08"]], "总表")],
             kept | {"JX-003": "provincial", "YQ-003": "provincial"}, args=["--level", "省重点"],
             command="projects", says=["not read: 甲县 (the same projects and values as 总表"]),
        Case("a-project-on-two-sheets-of-a-list",
             [Sheet([PROJECT_HEADER, known, new], "总表"),
              Sheet([PROJECT_HEADER, [*new[:6], 12000, *new[7:]]], "甲县")],
             errors=["E507"], args=["--level", "省重点"], command="projects"),
        Case("a-new-project-named-nearly-as-a-known-one",  # JX-002 renamed, or a new one?
             [Sheet([PROJECT_HEADER, [None, None, "甲县城区道路改造", "续建", "甲县", "交通", 30000,
                                      12000, None]])],
             kept | {"JX-003": "municipal"}, warnings=["W510"], args=["--level", "市重点"],
             command="projects", says=["is nearly JX-002"]),
        Case("a-list-typed-in-yi-without-its-unit",  # 3 read as 万元: May's 4000 is > 100 × 3
             [Sheet([PROJECT_HEADER, [None, *known[1:6], 3, 1.2, None]])], errors=["E306"],
             args=["--level", "市重点"], command="projects",
             says=["progress/2024-05.yaml would then fail"]),
        Case("a-countys-list-naming-its-projects-without-the-county",  # JX-002, not a new one
             [Sheet([["项目名称", "项目性质", "行业", "总投资", "本年计划投资"],
                     ["城区道路改造工程", "续建", "交通", 30000, 12000]], "甲县")], kept,
             args=["--level", "市重点"], command="projects", says=["added 0 projects"]),
        Case("a-list-of-last-year",
             [Sheet([["某市2023年重点项目明细表"], PROJECT_HEADER, known, new])],
             errors=["E502"], args=["--level", "省重点"], command="projects"),
        Case("levels-and-counties-from-the-group-headings",  # new projects under each
             [Sheet([["项目名称", "项目性质", "行业", "总投资", "本年计划投资", "计划开工时间"],
                     ["一、省重点项目"], ["（一）甲县"],
                     ["甲县新材料项目", "新开工", "产业", 10000, 2000, "2024-08"],
                     ["（二）乙区"], ["乙区冷链项目", "新开工", "产业", 8000, 1000, "2024-08"],
                     ["二、市重点项目"], ["（一）甲县"],
                     ["甲县污水管网项目", "新开工", "交通", 5000, 500, "2024-09"]])],
             kept | {"JX-003": "provincial", "YQ-003": "provincial", "JX-004": "municipal"},
             command="projects", says=["+ YQ-003 乙区冷链项目 (乙区)", "+ JX-004 甲县污水管网项目 (甲县)"]),
        Case("headings-over-rule-the-level-option",  # --level is for rows nothing else names
             [Sheet([PROJECT_HEADER[2:], ["一、省重点项目"], new[2:], ["二、市重点项目"],
                     ["甲县污水管网项目", "新开工", "甲县", "交通", 5000, 500, "2024-09"]])],
             kept | {"JX-003": "provincial", "JX-004": "municipal"}, args=["--level", "省重点"],
             command="projects"),
        Case("level-from-a-sheet-named-shengji",
             [Sheet([PROJECT_HEADER, known, new], "省级")], kept | {"JX-003": "provincial"},
             warnings=["W506"], command="projects"),  # JX-002 is 市重点: its level kept
        Case("words-the-ledger-does-not-know",
             [Sheet([PROJECT_HEADER, [None, None, "甲县某项目", "在谈", "甲县", "产业", 1, 1,
                                      None]])],
             errors=["E509"], args=["--level", "县重点"], command="projects"),
    ]


def cases() -> list[Case]:
    return progress_cases() + project_cases()


def progress_cases() -> list[Case]:
    plain = [["项目名称", "1-6月完成投资"], *rows_of(JUNE)]
    signed = [*plain, ["填报说明：本表由各县（市、区）发改局填报"], ["制表：张三", None],
              ["审核：李四"], ["主要负责人：王五"], ["分管领导：赵六"], ["报送时间：2024年7月5日"],
              ["经办人：钱七"], ["（盖章）"], [datetime(2024, 7, 5)], ["以上数据经县发改局审核"]]
    merged_name = [["项目名称", "1-6月完成投资", "形象进度"],
                   [NAMES["JX-001"], 3500, "一期主体施工"], [None, None, "二期桩基施工"],
                   *rows_of(JUNE, ALL[1:])]
    two_figures = [["项目名称", "1-6月完成投资"], [NAMES["JX-001"], 3500], [None, 3600],
                   *rows_of(JUNE, ALL[1:])]
    per_county = [Sheet([["说明：各县一张表，单位万元"]], "填报说明"),
                  Sheet([TITLE, ["项目名称", "1-6月完成投资"], *rows_of(JUNE, ALL[:2])], "甲县"),
                  Sheet([TITLE, ["项目名称", "1-6月完成投资"], *rows_of(JUNE, ALL[2:])], "乙区")]
    levels = {"省重点": ["JX-001", "YQ-001"], "市重点": ["JX-002"], "县重点": ["YQ-002"]}
    per_level = [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE, pids)], level)
                 for level, pids in levels.items()]
    formulas = [["项目名称", "1-6月完成投资"], ["合计", "=SUM(B3:B6)"],
                *[[NAMES[p], f"={MAY[p]}+{MONTH_ALONE[p]}"] for p in ALL]]
    total_formula = [["项目名称", "1-6月完成投资"], ["合计", "=SUM(B3:B6)"], *rows_of(JUNE)]
    totals_wrong = [["项目名称", "1-6月完成投资"], ["合计", 17600], *rows_of(JUNE)]
    subtotal_wrong = [["项目名称", "1-6月完成投资"], *rows_of(JUNE, ALL[:2]), ["甲县小计", 8100],
                      *rows_of(JUNE, ALL[2:]), ["乙区小计", 9500]]
    totals_right = [["序号", "项目名称", "1-6月完成投资"], ["合计", None, 17500],
                    ["一、甲县"], *rows_of(JUNE, ALL[:2], lead=(None,)),
                    ["", "甲县小计", 8000], ["二、乙区"], ["", "乙区小计（2个）", 9500],
                    *rows_of(JUNE, ALL[2:], lead=(None,))]
    return [
        Case("plain", [Sheet(plain)], JUNE, says=["1-6月完成投资 ← Sheet1!B"]),
        Case("merged-part-and-total",
             [Sheet([*two_rows("1-6月完成投资", "其中：6月", "合计"),
                     *rows_of(MONTH_ALONE, ALL, JUNE)], merges=MERGED_TWO)],
             # 其中：6月 is the month's own (not a 1-N月 column at all): not read
             JUNE, says=["1-6月完成投资 ← Sheet1!C (1-6月完成投资/合计)",
                         "not read: B 1-6月完成投资/其中：6月"]),
        *(Case(f"the-period-alone-{i}", [Sheet([["项目名称", header], *rows_of(JUNE)])], JUNE,
               says=[f"1-6月完成投资 ← Sheet1!B ({header})"])
          for i, header in enumerate(("1～6月", "1-6月份", "1-6月累计", "1至6月累计"))),
        Case("the-period-alone-over-its-unit",  # 1-6月 over 完成投资（亿元）: 0.35亿元 = 3500万元
             [Sheet([["项目名称", "1-6月", None], [None, "完成投资（亿元）", "占计划（%）"],
                     *rows_of({"JX-001": 0.35, "JX-002": 0.45, "YQ-001": 0.95, "YQ-002": 0},
                              ALL, dict.fromkeys(ALL, 50))])],
             JUNE),
        Case("the-period-alone-under-investment-beside-funds",  # not the funds' 1-6月
             [Sheet([["项目名称", "投资情况（万元）", None, "资金到位情况（万元）"],
                     [None, "本年计划", "1-6月", "1-6月"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL, JUNE, FUNDS)],
                    merges=("A1:A2", "B1:C1"))], JUNE,
             says=["1-6月完成投资 ← Sheet1!C (投资情况（万元）/1-6月)"]),
        *(Case(f"this-years-total-beside-{i}",  # the 1-6月 that names it is not this year's
               [Sheet([["项目名称", "本年累计完成投资", header],
                       *rows_of(JUNE, ALL, LAST_YEAR)])], JUNE,
               says=["1-6月完成投资 ← Sheet1!B"])
          for i, header in enumerate(("去年同期1-6月完成投资", "去年1-6月完成投资", "同期1-6月完成投资",
                                      "1-6月目标完成投资", "1-6月应完成投资", "2023年1-6月完成投资"))),
        *(Case(f"unit-note-{i}", [Sheet([*above, ["项目名称", "1-6月完成投资"],
                                          *rows_of({"JX-001": 0.35, "JX-002": 0.45,
                                                    "YQ-001": 0.95, "YQ-002": 0})])], JUNE)
          for i, above in enumerate((  # 0.35亿元 = 3500万元
              [["单位：个、亿元"]], [["单位：%、亿元"]], [["某市2024年1-6月重点项目投资完成情况表（亿元）"]]))),
        *(Case(f"unit-note-below-{i}", [Sheet([["项目名称", "1-6月完成投资"],
                                                *rows_of({"JX-001": 0.35, "JX-002": 0.45,
                                                          "YQ-001": 0.95, "YQ-002": 0}),
                                                [note]])], JUNE)
          for i, note in enumerate((  # under the table, as a line of its own or 注 with a space
              "单位：亿元", "注：金额单位： 亿元", "（单位：亿元）", "注：表中金额以亿元计"))),
        Case("group-rows-without-a-number",  # 省重点项目 / 市重点项目 with their subtotals
             [Sheet([["项目名称", "1-6月完成投资"], ["省重点项目", 8000],
                     *rows_of(JUNE, ALL[:2]), ["市重点项目（2个）", 9500],
                     *rows_of(JUNE, ALL[2:])])], JUNE),
        Case("unit-note-thousands", [Sheet([["单位：个、千元"], ["项目名称", "1-6月完成投资"],
                                           *rows_of({p: v * 10 for p, v in JUNE.items()})])],
             JUNE),  # 35000千元 = 3500万元
        *(Case(f"a-total-row-written-{i}",  # a total as offices write it: not a project
               [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE), [total, 17500]])], JUNE)
          for i, total in enumerate(("合计：", "小计：", "汇总", "全市汇总", "合计数"))),
        Case("two-tables-side-by-side",  # --column C would leave 乙区's rows out unread
             [Sheet([["项目名称", "1-6月完成投资", None, "项目名称", "1-6月完成投资"],
                     *[[NAMES[a], JUNE[a], None, NAMES[b], JUNE[b]]
                       for a, b in (("JX-001", "YQ-001"), ("JX-002", "YQ-002"))]])],
             errors=["E501"], args=["--column", "B"],
             says=["two tables side by side, whose rows one choice of columns would leave out"]),
        Case("figures-apart-in-one-cell",  # 3500 and 500 typed into one cell: not 3,500,500
             [Sheet([["项目名称", "1-6月完成投资"],
                     *rows_of({**JUNE, "JX-001": "3500 500", "JX-002": "4500\n500",
                               "YQ-001": "9500\u3000500"})])],
             errors=["E505"], says=["'3500 500' holds figures apart, not one number"]),
        Case("merged-grand-total-left-of-part",  # 总计 is the figure, as 合计 is
             [Sheet([*two_rows("1-6月完成投资", "总计", "其中：6月"),
                     *rows_of(JUNE, ALL, MONTH_ALONE)], merges=MERGED_TWO)],
             JUNE, says=["1-6月完成投资 ← Sheet1!B (1-6月完成投资/总计)",
                         "not read: C 1-6月完成投资/其中：6月"]),
        Case("merged-last-month-and-this",
             [Sheet([*two_rows("1-6月完成投资", "截至上月累计", "截至本月累计"),
                     *rows_of(MAY, ALL, JUNE)], merges=MERGED_TWO)],
             JUNE, says=["1-6月完成投资 ← Sheet1!C (1-6月完成投资/截至本月累计)",
                         "not read: B 1-6月完成投资/截至上月累计"]),  # 上月's is no 1-N月
        Case("merged-last-year-and-this",
             [Sheet([*two_rows("1-6月完成投资", "2023年同期", "2024年"),
                     *rows_of(LAST_YEAR, ALL, JUNE)], merges=MERGED_TWO)], JUNE),
        Case("merged-first-and-checked",
             [Sheet([*two_rows("1-6月完成投资", "初报", "核定"),
                     *rows_of(FIRST_REPORT, ALL, JUNE)], merges=MERGED_TWO)], JUNE),
        Case("merged-checked-left-of-first",  # the order of the sub-columns does not matter
             [Sheet([*two_rows("1-6月完成投资", "核定", "初报"),
                     *rows_of(JUNE, ALL, FIRST_REPORT)], merges=MERGED_TWO)], JUNE),
        Case("upper-header-written-once",  # nothing merged: the upper text over blank cells
             [Sheet([["项目名称", "1-6月完成投资", None], [None, "其中：6月", "合计"],
                     *rows_of(MONTH_ALONE, ALL, JUNE)])], JUNE),
        Case("hidden-old-column",
             [Sheet([["项目名称", "1-6月完成投资", "1-6月完成投资"],
                     *rows_of(FIRST_REPORT, ALL, JUNE)], hidden_columns=("B",))],
             JUNE, says=["1-6月完成投资 ← Sheet1!C (over hidden B)"]),
        Case("months-before-month-and-to-date",
             [Sheet([["项目名称", "1-5月完成投资", "6月完成投资", "1-6月完成投资"],
                     *rows_of(MAY, ALL, MONTH_ALONE, JUNE)])], JUNE,
             says=["1-6月完成投资 ← Sheet1!D (1-6月 as the month imported, over B '1-5月完成投资')"]),
        Case("bottom-up-header",
             [Sheet([["项目名称", "投资完成情况", None], [None, "1-5月", "1-6月"],
                     *rows_of(MAY, ALL, JUNE)], merges=("A1:A2", "B1:C1"))], JUNE),
        Case("two-readings-refused",
             [Sheet([["项目名称", "1-6月完成投资", "1-6月完成投资（调整）"],
                     *rows_of(FIRST_REPORT, ALL, JUNE)])], errors=["E501"],
             says=["2 columns could be 1-6月完成投资: Sheet1!B '1-6月完成投资'; "
                   "Sheet1!C '1-6月完成投资（调整）'",
                   "choose one: Sheet1!B or Sheet1!C (or by its header, as "
                   "\"1-6月完成投资（调整）\")",
                   "majorproj: choose the column to read with --column COL"]),
        Case("two-readings-chosen-by-letter",
             [Sheet([["项目名称", "1-6月完成投资", "1-6月完成投资（调整）"],
                     *rows_of(FIRST_REPORT, ALL, JUNE)])], JUNE, args=["--column", "C"],
             says=["1-6月完成投资 ← Sheet1!C (--column C)"]),
        Case("two-readings-chosen-by-header",
             [Sheet([*two_rows("1-6月完成投资", "县报", "市核"),
                     *rows_of(FIRST_REPORT, ALL, JUNE)], merges=MERGED_TWO)], JUNE,
             args=["--column", "1-6月完成投资/市核"]),
        Case("yuan-in-the-header",
             [Sheet([["项目名称", "1-6月完成投资（元）"],
                     *rows_of({p: v * 10000 + 1 for p, v in JUNE.items()})])],
             {p: f"{v}.0001" for p, v in JUNE.items()},
             says=["1-6月完成投资 ← Sheet1!B (1-6月完成投资（元）; in 元, ÷ 10,000)"]),
        Case("yuan-in-a-unit-line",
             [Sheet([TITLE, [None, "单位：元"], ["项目名称", "1-6月完成投资"],
                     *rows_of({p: v * 10000 for p, v in JUNE.items()})])], JUNE),
        Case("yi-in-the-header-above",
             [Sheet([["项目名称", "投资情况（亿元）", None], [None, "总投资", "1-6月完成投资"],
                     *rows_of({p: 1 for p in ALL}, ALL, {p: v / 10000 for p, v in JUNE.items()})],
                    merges=("A1:A2", "B1:C1"))], JUNE),
        Case("wan-in-a-unit-line-and-text-amounts",
             [Sheet([["单位：万元"], ["项目名称", "1-6月完成投资"],
                     *rows_of({"JX-001": "３，５００", "JX-002": "4,500.00",
                               "YQ-001": "0.95亿元", "YQ-002": "—"})])],
             {"JX-001": "3500", "JX-002": "4500", "YQ-001": "9500"}, warnings=["W501"]),
        Case("yuan-without-a-unit",
             [Sheet([["项目名称", "1-6月完成投资"],
                     *rows_of({p: v * 10000 for p, v in JUNE.items()})])], errors=["E508"],
             says=["1 error, 0 warnings"]),  # the sheet's E508, not an E306 at each row
        Case("yuan-under-a-wan-header",  # the header says 万元, the figures are 元
             [Sheet([["项目名称", "1-6月完成投资（万元）"],
                     *rows_of({p: v * 10000 for p, v in JUNE.items()})])], errors=["E508"],
             says=["the sheet says 万元"]),
        Case("yuan-with-most-projects-at-zero",  # 0 is 0 in any unit: JX-001's 元 decide
             [Sheet([["项目名称", "1-6月完成投资"],
                     *rows_of({**{p: 0 for p in ALL}, "JX-001": 35_000_000})])],
             errors=["E508"], says=["1 of the 1 projects with an amount"]),
        Case("a-filler-line-naming-a-place-that-starts-as-a-unit",  # 元氏县 is not 单位：元
             [Sheet([TITLE, ["填报单位：元氏县发展和改革局", None, "单位：万元"],
                     ["项目名称", "1-6月完成投资"], *rows_of(JUNE)])], JUNE),
        Case("a-unit-and-a-date-in-one-cell",  # 单位：亿元 and 填报时间 apart by spaces
             [Sheet([TITLE, ["单位：亿元　　填报时间：2024年7月5日"], ["项目名称", "1-6月完成投资"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE),
        Case("a-unit-in-brackets-after-danwei",  # 单位（亿元）
             [Sheet([TITLE, [None, "单位（亿元）"], ["项目名称", "1-6月完成投资"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE),
        Case("yi-without-yuan-in-the-header",  # （亿）: the 元 left out
             [Sheet([["项目名称", "1-6月完成投资（亿）"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE,
             says=["in 亿, × 10,000"]),
        Case("a-unit-line-of-yi-without-yuan",
             [Sheet([TITLE, ["单位：亿"], ["项目名称", "1-6月完成投资"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE),
        Case("a-decimal-comma",  # 3500，5: neither 35005 nor 3500.5 can be taken for sure
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of({**JUNE, "JX-001": "3500，5"})])],
             errors=["E505"], says=["has a comma where no thousands separator can be"]),
        Case("not-reported-written-in-the-amount",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of({**JUNE, "JX-001": "未报送"})])],
             {p: v for p, v in JUNE.items() if p != "JX-001"}, warnings=["W501"]),
        Case("a-total-formula-without-a-value",  # only compared: the projects are plain
             [Sheet(total_formula)], JUNE),
        Case("formulas-without-values", [Sheet(formulas)], errors=["E503"],
             says=["soffice --headless --convert-to xlsx"]),
        Case("excel-error-value",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of({**JUNE, "JX-002": "#REF!"})])],
             errors=["E504"], says=["#REF!", "[row: 甲县城区道路改造工程 | #REF!]"]),
        Case("sign-off-lines-under-the-table", [Sheet(signed)], JUNE,
             says=["10 notes"]),
        Case("one-text-across-three-cells-among-the-rows",  # pasted over a row: a note
             [Sheet([["项目名称", "1-6月完成投资", "形象进度"],
                     *rows_of(JUNE, ALL[:2], {p: "施工中" for p in ALL}),
                     ["数据来源于县发改局"] * 3,
                     *rows_of(JUNE, ALL[2:], {p: "施工中" for p in ALL})])], JUNE),
        Case("a-note-merged-across-a-three-column-table",  # under the rows: a sign-off line
             [Sheet([["项目名称", "1-6月完成投资", "形象进度"],
                     *rows_of(JUNE, ALL, {p: "施工中" for p in ALL}),
                     ["各项目数据已经县发改局逐项核实", None, None]], merges=("A6:C6",))], JUNE,
             says=["1 notes"]),
        Case("name-merged-over-two-rows",
             [Sheet(merged_name, merges=("A2:A3",))], JUNE),
        Case("name-merged-over-two-figures",
             [Sheet(two_figures, merges=("A2:A3",))], errors=["E511"]),
        Case("hidden-withdrawn-row",
             [Sheet([["项目名称", "1-6月完成投资"], [NAMES["JX-001"], 3100], *rows_of(JUNE)],
                    hidden_rows=(2,))], JUNE, warnings=["W513"],
             says=["1 hidden", "R2 is hidden and not read: 甲县纺织产业园项目 | 3100"]),
        Case("part-rows",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE, ALL[:1]),
                     ["其中：一期工程", 2000], ["其中：二期工程", 1500], *rows_of(JUNE, ALL[1:])])],
             JUNE, says=["2 其中"]),
        Case("part-rows-inside-a-group-with-its-subtotal",  # 其中 adds to no 小计
             [Sheet([["项目名称", "1-6月完成投资"], ["甲县"], *rows_of(JUNE, ALL[:1]),
                     ["其中：一期工程", 2000], *rows_of(JUNE, ["JX-002"]), ["小计", 8000],
                     ["乙区"], *rows_of(JUNE, ALL[2:]), ["小计", 9500]])], JUNE),
        Case("part-rows-that-are-projects-of-the-ledger",  # a bundle listed with its projects
             [Sheet([["序号", "项目名称", "1-6月完成投资"], ["一", "甲县项目（打捆）", 8000],
                     ["其中", NAMES["JX-001"], 3500], [None, "其中：" + NAMES["JX-002"], 4500],
                     *rows_of(JUNE, ALL[2:], lead=(2,))])], JUNE),
        Case("a-filter-left-on",  # rows a filter hides are shown again by 全部: not withdrawn
             [Sheet([["项目名称", "1-6月完成投资", "形象进度"],
                     *[[NAMES[p], JUNE[p], "施工中" if p in ("JX-001", "YQ-001") else "前期"]
                       for p in ALL]], filtered=("A1:C5", 2, "施工中"))], JUNE),
        Case("a-sheet-per-county", per_county, JUNE, says=["not read: 填报说明"]),
        Case("a-sheet-per-level", per_level, JUNE),
        Case("one-sheet-asked-for", per_county, {p: str(JUNE[p]) for p in ALL[:2]},
             args=["--sheet", "甲县"], month="2024-06"),
        Case("two-sheets-asked-for", per_county, JUNE, args=["--sheet", "甲县", "--sheet", "乙区"]),
        Case("hidden-sheet-not-read",
             [Sheet(plain), Sheet([["项目名称", "1-6月完成投资"], *rows_of(FIRST_REPORT)], "旧表",
                                  state="hidden")], JUNE, says=["旧表 (hidden sheet)"]),
        Case("same-project-on-two-sheets",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE)], "甲县"),
              Sheet([["项目名称", "1-6月完成投资"], *rows_of(FIRST_REPORT, ALL[:1])], "补报")],
             errors=["E507"], says=["JX-001 is on two sheets: 甲县!R2 and 补报!R2",
                                    "majorproj: --sheet NAME reads only the sheets named"]),
        Case("total-that-does-not-add-up", [Sheet(totals_wrong)], JUNE, warnings=["W503"],
             says=["the 合计 row says 1-6月完成投资 17600, but the sheet's projects add up "
                   "to 17500"]),
        Case("subtotal-that-does-not-add-up", [Sheet(subtotal_wrong)], JUNE, warnings=["W503"],
             says=["the 小计 row says 1-6月完成投资 8100, but the rows above it add up to 8000"]),
        Case("totals-above-and-below-their-rows", [Sheet(totals_right)], JUNE),
        Case("totals-wrong-in-two-columns",  # each amount column is added up on its own
             [Sheet([["项目名称", "1-6月\n完成投资", "本年累计到位资金"], ["合计", 17600, 6100],
                     *rows_of(JUNE, ALL, FUNDS)])], JUNE, warnings=["W503"],
             says=["Sheet1!R2: warning W503 the 合计 row says 1-6月完成投资 17600, but the "
                   "sheet's projects add up to 17500",
                   "the 合计 row says 本年累计到位资金 6100, but the sheet's projects add up to 6000",
                   "(hint: correct the 合计 row, or check that no project row is missing)"]),
        Case("totals-in-yi-that-add-up",  # 0.35 + 0.45 + 0.95 + 0 = 1.75 亿元
             [Sheet([["项目名称", "1-6月完成投资（亿元）"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()}), ["合计", 1.75]])], JUNE),
        Case("a-total-in-yi-said-in-yi",  # the figures as the sheet shows them: 1.8, not 18000
             [Sheet([["项目名称", "1-6月完成投资（亿元）"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()}), ["合计", 1.8]])], JUNE,
             warnings=["W503"], says=["the 合计 row says 1-6月完成投资（亿元） 1.8, but the sheet's "
                                      "projects add up to 1.75"]),
        Case("a-wrong-subtotal-under-a-total-at-the-top",
             [Sheet([["项目名称", "1-6月完成投资"], ["合计", 17500], *rows_of(JUNE, ALL[:2]),
                     ["甲县小计", 8100], *rows_of(JUNE, ALL[2:]), ["乙区小计", 9500]])], JUNE,
             warnings=["W503"],  # above it 3500 + 4500, below it 9500 + 0
             says=["Sheet1!R5: warning W503 the 小计 row says 1-6月完成投资 8100, but the rows "
                   "above it add up to 8000 and those below it to 9500 (hint: correct the 小计 "
                   "row, or check its group's rows)"]),
        Case("a-total-after-headings-and-an-empty-subtotal",
             [Sheet([["项目名称", "1-6月完成投资"], ["一、甲县"], *rows_of(JUNE, ALL[:2]),
                     ["甲县小计", None], ["二、乙区"], *rows_of(JUNE, ALL[2:]),
                     ["合计", 17600]])], JUNE, warnings=["W503"],
             says=["the 合计 row says 1-6月完成投资 17600, but the sheet's projects add up "
                   "to 17500"]),
        Case("last-months-sheet-again",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(MAY)])],
             {p: str(v) for p, v in MAY.items()}, warnings=["W504"]),
        Case("wrong-month-header",
             [Sheet([["项目名称", "1-5月完成投资"], *rows_of(JUNE)])], errors=["E502"]),
        Case("an-amount-merged-over-two-projects",  # 8000 for JX-001 and JX-002 together
             [Sheet([["项目名称", "1-6月完成投资"],
                     *rows_of({**JUNE, "JX-001": 8000, "JX-002": None})], merges=("B2:B3",))],
             errors=["E512"], says=["merged over R2–R3, the rows of 2 projects"]),
        Case("a-project-over-two-rows-with-its-amount-merged-too",  # one project: read
             [Sheet([["项目名称", "1-6月完成投资"], [NAMES["JX-001"], 3500], [None, None],
                     *rows_of(JUNE, ALL[1:])], merges=("A2:A3", "B2:B3"))], JUNE),
        Case("a-second-table-repeating-the-header",  # 二、… under its own copy of the header
             [Sheet([["项目名称", "本年计划投资", "1-6月完成投资"], ["一、甲县"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL[:2], JUNE),
                     ["二、乙区"], ["项目名称", "本年计划投资（万元）", "1-6月完成投资（万元）"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL[2:], JUNE)])], JUNE),
        Case("a-second-table-with-its-columns-swapped",  # read as the first: plans as figures
             [Sheet([["项目名称", "本年计划投资", "1-6月完成投资"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL[:2], JUNE),
                     ["项目名称", "1-6月完成投资", "本年计划投资"],
                     *rows_of(JUNE, ALL[2:], dict.fromkeys(ALL, 1))])],
             errors=["E513"], says=["column C says 本年计划投资, which the header at R1 has in "
                                    "column B"]),
        Case("a-second-table-with-a-column-added",  # its plan would be read as the figure
             [Sheet([["项目名称", "总投资", "1-6月完成投资"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL[:2], JUNE),
                     ["项目名称", "总投资", "本年计划投资", "1-6月完成投资"],
                     *rows_of(dict.fromkeys(ALL, 1), ALL[2:], {"YQ-001": 7000, "YQ-002": 6000},
                              JUNE)])],
             errors=["E513"], says=["column C says 本年计划投资, where the header at R1 has "
                                    "1-6月完成投资"]),
        Case("last-months-sheet-told-by-its-title",  # the column names no month, the title May
             [Sheet([["某市2024年1-5月重点项目调度表"], ["项目名称", "本年累计完成投资"],
                     *rows_of({**MAY, "JX-001": 3100})])],
             errors=["E502"], says=["the sheet's title '某市2024年1-5月重点项目调度表' speaks "
                                    "of 1-5月"]),
        Case("a-spacer-row-under-a-countys-merged-name",  # blank but for the merge: skipped
             [Sheet([["县（市、区）", "项目名称", "1-6月完成投资"],
                     ["甲县", NAMES["JX-001"], 3500], [None, None, None],
                     [None, NAMES["JX-002"], 4500], ["乙区", NAMES["YQ-001"], 9500],
                     [None, NAMES["YQ-002"], 0]], merges=("A2:A4", "A5:A6"))], JUNE),
        Case("county-rows-carrying-their-subtotals",  # 甲县 8000 = 3500 + 4500: no W503
             [Sheet([["项目名称", "1-6月完成投资"], ["合计", 17500], ["甲县", 8000],
                     *rows_of(JUNE, ALL[:2]), ["乙区", 9500], *rows_of(JUNE, ALL[2:])])], JUNE),
        Case("a-county-rows-subtotal-that-does-not-add-up",  # 乙区 9400, its rows 9500
             [Sheet([["项目名称", "1-6月完成投资"], ["合计", 17500], ["甲县", 8000],
                     *rows_of(JUNE, ALL[:2]), ["乙区", 9400], *rows_of(JUNE, ALL[2:])])], JUNE,
             warnings=["W503"], says=["the 小计 row says 1-6月完成投资 9400"]),
        Case("months-in-chinese-numerals",  # 一至六月: June's, as imported
             [Sheet([["项目名称", "一至六月累计完成投资", "一至五月累计完成投资"],
                     *rows_of(JUNE, ALL, MAY)])], JUNE),
        Case("another-month-in-chinese-numerals",  # 一至五月 imported as June: May's sheet
             [Sheet([["项目名称", "一至五月累计完成投资"], *rows_of(JUNE)])], errors=["E502"],
             says=["holds 1-5月, but the sheet is imported as month 6"]),
        Case("a-title-naming-another-month-in-chinese-numerals",
             [Sheet([["某市2024年一至五月重点项目调度表"], ["项目名称", "本年累计完成投资"],
                     *rows_of(JUNE)])], errors=["E502"], says=["speaks of 1-5月"]),
        Case("a-title-naming-another-month-alone",  # 某市2024年5月…: May's sheet
             [Sheet([["某市2024年5月重点项目调度表"], ["项目名称", "本年累计完成投资"],
                     *rows_of(JUNE)])], errors=["E502"], says=["speaks of 1-5月"]),
        Case("a-title-naming-the-month-alone",  # 6月: June's sheet, as imported
             [Sheet([["某市2024年6月重点项目调度表（填报日期：7月3日）"],
                     ["项目名称", "本年累计完成投资"], *rows_of(JUNE)])], JUNE),
        Case("months-written-with-both-months",  # 1月-6月, 1月至6月: months 1 to 6
             [Sheet([["项目名称", "1月-6月完成投资", "1月至5月完成投资"],
                     *rows_of(JUNE, ALL, MAY)])], JUNE),
        Case("a-half-year-column-imported-as-january",  # 1月至6月 is not 1月
             [Sheet([["项目名称", "1月至6月累计完成投资"], *rows_of(JUNE)])], errors=["E502"],
             month="2024-01", says=["holds 1-6月, but the sheet is imported as month 1"]),
        Case("numbered-names-and-county-lines",
             [Sheet([["项目名称", "1-6月完成投资"], ["甲县："],
                     *[[f"{i}、{NAMES[p]}", JUNE[p]] for i, p in enumerate(ALL[:2], 1)],
                     ["乙区："], *[[f"（{n}）{NAMES[p]}", JUNE[p]]
                                 for n, p in zip("一二", ALL[2:], strict=True)]])],
             JUNE),
        Case("last-years-sheet",
             [Sheet([["项目名称", "2023年1-6月完成投资"], *rows_of(JUNE)])], errors=["E502"],
             says=["holds 2023年's figures, but the ledger is of 2024"]),
        Case("not-reported-remark",
             [Sheet([["项目名称", "1-6月完成投资", "备注"], *rows_of(JUNE, ALL[:3], {p: "" for p in ALL}),
                     [NAMES["YQ-002"], 0, "未报送，沿用此前填报数据"]])],
             {p: str(JUNE[p]) for p in ALL[:3]}, says=["1 未报送"]),
        Case("a-remark-of-a-report-made-good",  # 未报送 in it, but the figure is this month's
             [Sheet([["项目名称", "1-6月完成投资", "备注"],
                     *rows_of(JUNE, ALL[1:], {p: "" for p in ALL}),
                     [NAMES["JX-001"], 3500, "上月未报送，本月已补报"]])], JUNE),
        Case("the-exports-remark-after-a-lights-reason",  # 未报送 as one part of several
             [Sheet([["项目名称", "1-6月完成投资", "备注"], *rows_of(JUNE, ALL[:3], {p: "" for p in ALL}),
                     [NAMES["YQ-002"], 0, "投资进度低于序时进度；未报送，沿用此前填报数据"]])],
             {p: str(JUNE[p]) for p in ALL[:3]}, says=["1 未报送"]),
        Case("names-with-invisible-characters-and-brackets",
             [Sheet([["项目名称", "1-6月完成投资"],
                     ["甲县\u200b纺织产业园项目", 3500], ["甲县 城区道路改造工程\ufeff", 4500],
                     ["乙区物流园项目", 9500], ["乙区污水处理厂提标改造\u00ad", 0]])], JUNE),
        Case("lookup-error-in-the-name",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE, ALL[:3]), ["#N/A", 0]])],
             errors=["E504"], says=["Sheet1!A 项目名称 holds #N/A", "[row: #N/A | 0]"]),
        Case("wps-header-with-line-breaks",
             [Sheet([["序号", "项目\n名称", "1-6月\n完成投资\n（万元）", "形象\n进度"],
                     ["甲", "乙", 1, 2], *[[i, NAMES[p], JUNE[p], "施工中"]
                                          for i, p in enumerate(ALL, 1)]])], JUNE),
        *(Case(f"a-row-numbering-the-columns-{name}",  # under the header: not a project
               [Sheet([["序号", "项目名称", "1-6月完成投资", "形象进度"], marks,
                       *[[i, NAMES[p], JUNE[p], "施工中"] for i, p in enumerate(ALL, 1)]])], JUNE)
          for name, marks in (("letters", ["A", "B", "C", "D"]), ("circled", ["①", "②", "③", "④"]),
                              ("bracketed", ["(1)", "(2)", "(3)", "(4)"]))),
        Case("an-amount-header-merged-across-two-columns",  # its figures in the first
             [Sheet([["项目名称", "1-6月完成投资", None, "形象进度"],
                     *[[NAMES[p], JUNE[p], None, "施工中"] for p in ALL]], merges=("B1:C1",))],
             JUNE),
        Case("an-amount-header-merged-across-two-columns-over-a-blank-row",
             [Sheet([["项目名称", "1-6月完成投资", None, "资金到位情况", None],
                     [None, None, None, "本年累计到位资金", "其中：专项债"],
                     *[[NAMES[p], None, JUNE[p], 100, 0] for p in ALL]],
                    merges=("A1:A2", "B1:C1", "D1:E1"))], JUNE),
        Case("an-amount-header-merged-over-the-amount-and-a-rate-with-a-blank-amount",
             # JX-002 left its amount blank: not reported (W501), not its 90% beside it
             [Sheet([["项目名称", "1-6月完成投资", None, "形象进度"],
                     *[[NAMES[p], None if p == "JX-002" else JUNE[p], 90, "施工中"]
                       for p in ALL]], merges=("B1:C1",))],
             {p: str(v) for p, v in JUNE.items() if p != "JX-002"}, warnings=["W501"],
             says=["not read: C"]),
        Case("an-amount-merged-across-two-columns-in-every-row",
             [Sheet([["项目名称", "1-6月完成投资", None, "形象进度"],
                     *[[NAMES[p], JUNE[p], None, "施工中"] for p in ALL]],
                    merges=tuple(f"B{r}:C{r}" for r in range(1, 6)))], JUNE),
        *(Case(f"a-header-naming-may-as-{n}", [Sheet([["项目名称", header],
                                                     *rows_of(JUNE)])], errors=["E502"])
          for n, header in enumerate(["5月累计完成投资", "5月底累计完成投资",
                                      "2024年5月末累计完成投资", "至5月底累计完成投资",
                                      "5月份累计完成投资", "本年累计完成投资（5月）"])),
        Case("a-header-naming-june-as-its-month-end",  # June's own: read
             [Sheet([["项目名称", "至6月底累计完成投资"], *rows_of(JUNE)])], JUNE),
        Case("a-month-typed-as-a-date-over-the-amounts",  # 2024年5月 shown by a date format
             [Sheet([["项目名称", datetime(2024, 5, 1), None, "形象进度"],
                     [None, "当月完成投资", "累计完成投资", None],
                     *[[NAMES[p], MONTH_ALONE[p], JUNE[p], "施工中"] for p in ALL]],
                    merges=("A1:A2", "B1:C1", "D1:D2"), formats=(("B1", 'yyyy"年"m"月"'),))],
             errors=["E502"]),
        Case("an-annex-line-above-a-title-of-other-months",
             [Sheet([["附件1"], ["某市2024年1-5月重点项目调度表"], ["项目名称", "本年累计完成投资"],
                     *rows_of(JUNE)])], errors=["E502"]),
        Case("a-title-of-last-year",
             [Sheet([["某市2023年1-6月重点项目调度表"], ["项目名称", "本年累计完成投资"],
                     *rows_of(JUNE)])], errors=["E502"]),
        Case("a-title-naming-a-plan-of-several-years-and-this-one",
             [Sheet([["某市2024年1-6月重点项目调度表（2023-2025年滚动计划）"],
                     ["项目名称", "本年累计完成投资"], *rows_of(JUNE)])], JUNE),
        Case("a-bare-cumulative-beside-the-sum-to-last-years-end",  # since the start?
             [Sheet([["项目名称", "至上年底累计完成投资", "累计完成投资"],
                     *[[NAMES[p], 1000, 1000 + JUNE[p]] for p in ALL]])], errors=["E501"],
             says=["could be this year's or the sum since construction began"]),
        Case("this-years-cumulative-beside-the-sum-to-last-years-end",
             [Sheet([["项目名称", "至上年底累计完成投资", "本年累计完成投资"],
                     *[[NAMES[p], 1000, JUNE[p]] for p in ALL]])], JUNE),
        Case("a-remark-saying-yuan-in-the-first-row-is-no-unit",  # the amounts stay 万元
             [Sheet([["项目名称", "1-6月完成投资", "备注"],
                     *[[NAMES[p], JUNE[p], "元" if k == 0 else None]
                       for k, p in enumerate(ALL)]])], JUNE),
        Case("a-units-row-naming-yi-for-the-total-alone",  # 1-6月 keeps the sheet's 万元
             [Sheet([["项目名称", "总投资", "1-6月完成投资"], [None, "亿元", None],
                     *[[NAMES[p], 5, JUNE[p]] for p in ALL]])], JUNE),
        Case("a-whole-row-named-by-its-place-and-county-totals-in-brackets",
             # 全市 3500 + 4500 + 9500 + 0 = 17500; 甲县 8000, 乙区 9500: all add up
             [Sheet([["项目名称", "1-6月完成投资"], ["全市", 17500],
                     ["甲县（共计）", 8000], *rows_of(JUNE, ["JX-001", "JX-002"]),
                     ["乙区（共计）", 9500], *rows_of(JUNE, ["YQ-001", "YQ-002"])])], JUNE,
             says=["skipped rows: 3 合计/小计"]),
        Case("a-whole-row-that-does-not-add-up",
             [Sheet([["项目名称", "1-6月完成投资"], ["全县重点项目", 17000],
                     *rows_of(JUNE)])], JUNE, warnings=["W503"]),
        Case("a-countys-sheet-naming-its-projects-without-the-county",  # 乙区's own sheet
             [Sheet([["项目名称", "1-6月完成投资"], ["物流园项目", 9500], ["污水处理厂提标改造", 0]],
                    title="乙区")], {"YQ-001": "9500", "YQ-002": "0"}),
        Case("a-countys-sheet-suggesting-its-own-project",  # 丙县's 物流园, not 乙区's
             [Sheet([["项目名称", "1-6月完成投资"], ["物流园区项目", 900]], title="丙县")],
             errors=["E506"], says=["did you mean BX-002 '丙县物流园项目'"],
             ledger=("projects/丙县.yaml", "projects:\n  - {id: BX-002, name: 丙县物流园项目, "
                     "level: county, county: 丙县, sector: 交通, nature: continuing, "
                     "total_investment: 9000, annual_plan: 300}\n")),
        Case("a-sheet-a-month-read-whole",  # May's sheet is left, said so; June's read
             [Sheet([["项目名称", "1-5月完成投资"], *rows_of(MAY)], title="5月"),
              Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE)], title="6月")], JUNE,
             says=["not read: 5月 (the column 5月!B '1-5月完成投资' holds 1-5月"]),
        Case("a-sheet-a-month-none-of-june",  # no sheet of --month: refused as before
             [Sheet([["项目名称", "1-4月完成投资"], *rows_of(MAY)], title="4月"),
              Sheet([["项目名称", "1-5月完成投资"], *rows_of(MAY)], title="5月")],
             errors=["E502"]),
        Case("a-units-row-against-the-headers-unit",  # the row of units is read, with W512
             [Sheet([["项目名称", "1-6月完成投资（万元）"], [None, "亿元"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE,
             warnings=["W512"], says=["the row of units under the header says 亿元"]),
        Case("a-unit-column-giving-each-rows-unit",  # 亿元 on JX-002's row: 0.45亿 = 4500万
             [Sheet([["项目名称", "单位", "1-6月完成投资"],
                     *[[NAMES[p], "亿元" if p == "JX-002" else "万元",
                        JUNE[p] / 10000 if p == "JX-002" else JUNE[p]] for p in ALL]])], JUNE),
        Case("a-unit-column-of-agencies-changes-nothing",
             [Sheet([["项目名称", "单位", "1-6月完成投资"],
                     *[[NAMES[p], "县发改局", JUNE[p]] for p in ALL]])], JUNE),
        Case("text-that-is-not-an-amount",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of({**JUNE, "YQ-001": "约9500"})])],
             errors=["E505"], says=["'约9500' is not a number [row: 乙区物流园项目 | 约9500]"]),
        Case("unit-alone-in-a-cell-above",
             [Sheet([TITLE, [None, None, "（元）"], ["项目名称", "1-6月完成投资", "形象进度"],
                     *rows_of({p: v * 10000 for p, v in JUNE.items()})])], JUNE),
        Case("unit-alone-in-the-header-row",
             [Sheet([["项目名称", "1-6月完成投资", "单位：亿元"],
                     *rows_of({p: v / 10000 for p, v in JUNE.items()})])], JUNE,
             says=["1-6月完成投资 ← Sheet1!B (in 亿元, × 10,000)"]),
        *(Case(f"unit-alone-in-the-header-row-as-{name}",  # the unit's other usual wordings
               [Sheet([["序号", "项目名称", "1-6月完成投资", "形象进度", unit],
                       *[[i, NAMES[p], JUNE[p] / 10000, "施工中"] for i, p in enumerate(ALL, 1)]])],
               JUNE, says=["1-6月完成投资 ← Sheet1!C (in 亿元, × 10,000)"])
          for name, unit in (("jine", "金额单位：亿元"), ("bracketed", "（单位：亿元）"),
                             ("jiliang", "计量单位：亿元"), ("renminbi", "单位：亿元（人民币）"))),
        Case("groups-folded-in-an-outline",  # folded away, not withdrawn: read
             [Sheet([["项目名称", "1-6月完成投资"], ["甲县小计", 8000], *rows_of(JUNE, ALL[:2]),
                     ["乙区小计", 9500], *rows_of(JUNE, ALL[2:])], folded=(3, 4))], JUNE),
        Case("a-misspelt-project-below-the-data",
             [Sheet([["项目名称", "1-6月完成投资", "形象进度"], *rows_of(JUNE),
                     ["乙区污水处理厂提标改造工程", None, "前期手续办理中"]])], errors=["E506"]),
        Case("three-header-rows",
             [Sheet([TITLE, ["序号", "项目名称", "投资情况（万元）", None, None],
                     [None, None, "本年计划投资", "1-6月完成投资", None],
                     [None, None, None, "本月", "累计"],
                     *rows_of({p: 20000 for p in ALL}, ALL, MONTH_ALONE, JUNE, lead=(None,))],
                    merges=("A1:E1", "A2:A4", "B2:B4", "C2:E2", "C3:C4", "D3:E3"))],
             JUNE),
        Case("three-header-rows-and-a-row-of-units",  # the units under the third row
             [Sheet([TITLE, ["序号", "项目名称", "投资情况", None, None],
                     [None, None, "本年计划投资", "1-6月完成投资", None],
                     [None, None, None, "本月", "累计"],
                     [None, None, "（亿元）", "（亿元）", "（亿元）"],
                     *rows_of({p: 2 for p in ALL}, ALL, {p: v / 20000 for p, v in JUNE.items()},
                              {p: v / 10000 for p, v in JUNE.items()}, lead=(None,))],
                    merges=("A1:E1", "A2:A5", "B2:B5", "C2:E2", "C3:C4", "D3:E3"))],
             JUNE, says=["1-6月完成投资 ← Sheet1!E (", "in 亿元, × 10,000)"]),
        Case("last-month-and-this-month-over-the-month-and-the-year",  # 本月/累计完成 is read
             [Sheet([TITLE, ["项目名称", "上月", None, "本月", None],
                     [None, "当月完成", "累计完成", "当月完成", "累计完成"],
                     *rows_of(MONTH_ALONE, ALL, MAY, MONTH_ALONE, JUNE)],
                    merges=("A1:E1", "A2:A3", "B2:C2", "D2:E2"))],
             JUNE, says=["1-6月完成投资 ← Sheet1!E ("]),
        Case("total-and-parts-of-it",
             [Sheet([*two_rows("1-6月完成投资", "合计", "其中：中央资金"),
                     *rows_of(JUNE, ALL, MONTH_ALONE)], merges=MERGED_TWO)], JUNE),
        Case("amount-and-its-share",
             [Sheet([*two_rows("1-6月完成投资", "金额", "占年度计划%"),
                     *rows_of(JUNE, ALL, {p: 0.175 for p in ALL})], merges=MERGED_TWO)], JUNE),
        Case("this-year-and-last-side-by-side",
             [Sheet([["项目名称", "2023年1-6月完成投资", "2024年1-6月完成投资"],
                     *rows_of(LAST_YEAR, ALL, JUNE)])], JUNE),
        Case("since-the-start-and-this-year-refused",  # 累计 may be since construction began
             [Sheet([["项目名称", "累计完成投资", "其中：本年完成投资"],
                     *rows_of({p: JUNE[p] + 20000 for p in ALL}, ALL, JUNE)])], errors=["E501"]),
        Case("a-units-row-with-a-percent",  # % over the rate: still the row of units
             [Sheet([["项目名称", "1-6月完成投资", "完成率"], [None, "元", "%"],
                     *rows_of({p: v * 10000 for p, v in JUNE.items()}, ALL, dict.fromkeys(ALL, 50))])],
             JUNE, says=["in 元, ÷ 10,000"]),
        Case("a-serial-number-column-headed-bianhao",  # 编号 1, 2, 3 …: no ledger id is a number
             [Sheet([["编号", "项目名称", "1-6月完成投资"],
                     *[[i, NAMES[p], JUNE[p]] for i, p in enumerate(ALL, 1)]])], JUNE),
        Case("a-gongji-total-row",  # 共计, as 合计
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE), ["共计", 17500]])], JUNE,
             says=["1 合计/小计"]),
        Case("units-in-a-row-under-the-header",
             [Sheet([["项目名称", "总投资", "1-6月完成投资"], [None, "（亿元）", "（元）"],
                     *rows_of({p: 5 for p in ALL}, ALL, {p: v * 10000 for p, v in JUNE.items()})])],
             JUNE),
        Case("from-the-start-of-the-year",
             [Sheet([["项目名称", "年初至今累计完成投资"], *rows_of(JUNE)])], JUNE),
        Case("a-project-named-like-a-heading",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of(JUNE), ["丙县泵站建设（共12个）", 120]])],
             {**JUNE, "BX-001": 120}, ledger=PUMPS),
        Case("an-issue-category-the-ledger-does-not-know",
             [Sheet([["项目名称", "1-6月完成投资", "存在问题", "问题类别"],
                     *[[NAMES[p], JUNE[p], "连续降雨影响施工" if p == "JX-001" else None,
                        "天气" if p == "JX-001" else None] for p in ALL]])],
             JUNE, warnings=["W507"], says=["问题类别 '天气' is not one of"]),
        Case("a-supervised-issue-said-solved",  # the office closes 督办, not the sheet
             [Sheet([["项目名称", "1-6月完成投资", "存在问题"],
                     *[[NAMES[p], JUNE[p], "【JX-001-1】已解决" if p == "JX-001" else None]
                       for p in ALL]])], JUNE, warnings=["W511"],
             ledger=("progress/2024-05.yaml", "month: 2024-05\nentries:\n"
                     "  JX-001:\n    completed_ytd: 3000\n    issues:\n"
                     "      - {key: JX-001-1, category: funding, text: 资金缺口较大, "
                     "status: pending}\n  JX-002: {completed_ytd: 4000}\n"
                     "  YQ-001: {completed_ytd: 9000}\n  YQ-002: {completed_ytd: 0}\n"),
             says=["督办事项 JX-001-1 '资金缺口较大' is solved; it stays open"]),
        Case("a-unit-note-other-than-the-headers",  # the header names its column's unit
             [Sheet([TITLE, ["单位：亿元"], ["项目名称", "1-6月完成投资（万元）"], *rows_of(JUNE)])],
             JUNE, warnings=["W512"],
             says=["B 1-6月完成投资（万元） says 万元, but the note above the table says 单位：亿元"]),
        *(Case(f"a-unit-note-below-the-table-{name}",  # the year's first month: no other check
               [Sheet([TITLE, ["项目名称", "1-6月完成投资"],
                       *rows_of({p: v / 10000 for p, v in JUNE.items()}), [note]])], JUNE,
               says=["1-6月完成投资 ← Sheet1!B (in 亿元, × 10,000)"])
          for name, note in (("wei", "注：本表金额单位为亿元。"), ("colon", "注：1.单位：亿元；2.数据截至6月底"),
                             ("yi", "说明：表中金额以亿元为单位"), ("junwei", "注：投资金额均为亿元"))),
        Case("a-unit-note-below-that-the-header-contradicts",  # the header is read
             [Sheet([TITLE, ["项目名称", "1-6月完成投资（万元）"], *rows_of(JUNE),
                     ["注：本表金额单位为亿元"]])], JUNE, warnings=["W512"],
             says=["B 1-6月完成投资（万元） says 万元, but the note below the table (R7) says 亿元; "
                   "万元 is read"]),
        Case("a-unit-note-below-that-the-note-above-contradicts",
             [Sheet([TITLE, ["单位：万元"], ["项目名称", "1-6月完成投资"], *rows_of(JUNE),
                     ["注：本表金额单位为亿元"]])], JUNE, warnings=["W512"],
             says=["the note above the table says 单位：万元, but the note below the table (R8) "
                   "says 亿元"]),
        Case("a-note-below-naming-another-unit-than-money",  # 亩 is not the amounts' unit
             [Sheet([TITLE, ["项目名称", "1-6月完成投资"], *rows_of(JUNE), ["注：用地面积单位为亩"]])],
             JUNE),
        Case("a-countys-sheet-with-another-countys-rows",  # 甲县's title, 乙区's projects
             [Sheet([["某市2024年1-6月重点项目调度表（甲县）"], ["项目名称", "1-6月完成投资"],
                     *rows_of(JUNE)], merges=("A1:B1",))], JUNE, warnings=["W514"],
             says=["the sheet is 甲县's by its title '某市2024年1-6月重点项目调度表（甲县）', but 2 "
                   "of its projects are of other counties: YQ-001, YQ-002"]),
        Case("a-text-longer-than-a-cell",
             [Sheet([["项目名称", "1-6月完成投资", "形象进度"],
                     *[[NAMES[p], JUNE[p], LONG if p == "JX-001" else "施工"]
                       for p in ALL]])], JUNE, warnings=["W508"]),
        Case("only-a-total-row",
             [Sheet([["项目名称", "1-6月完成投资"], ["合计", 17500]])], errors=["E510"]),
        Case("more-than-four-decimals",
             [Sheet([["项目名称", "1-6月完成投资"], *rows_of({**JUNE, "JX-001": 3500.00004})])],
             JUNE, warnings=["W502"]),
        Case("a-row-of-another-county",
             [Sheet([["项目名称", "县区", "1-6月完成投资"],
                     *[[NAMES[p], "乙区", JUNE[p]] for p in ALL]])], JUNE, warnings=["W505"]),
        Case("an-id-with-a-code-of-no-project",  # the id decides; the code is said to be off
             [Sheet([["项目编号", "项目代码", "项目名称", "1-6月完成投资"],
                     *[[p, "2024-360000-17-01-999999" if p == "JX-001" else None, NAMES[p],
                        JUNE[p]] for p in ALL]])], JUNE, warnings=["W509"],
             says=["the row's 项目代码 2024-360000-17-01-999999 is not that of JX-001"]),
        Case("an-id-with-its-code-typed-full-width",  # the same code: nothing to say
             [Sheet([["项目编号", "项目代码", "项目名称", "1-6月完成投资"],
                     *[[p, "２０２４－３６００００－１７－０１－０００００１ " if p == "JX-001" else None,
                        NAMES[p], JUNE[p]] for p in ALL]])], JUNE),
        Case("an-id-with-a-code-the-ledger-lacks",  # nothing to compare it with: no word
             [Sheet([["项目编号", "项目代码", "项目名称", "1-6月完成投资"],
                     *[[p, "2024-360000-52-01-000003" if p == "YQ-001" else None, NAMES[p],
                        JUNE[p]] for p in ALL]])], JUNE),
        Case("an-id-with-another-projects-code",  # the row is misaligned: which is meant?
             [Sheet([["项目编号", "项目代码", "项目名称", "1-6月完成投资"],
                     *[[p, "2023-360000-48-01-000002" if p == "JX-001" else None, NAMES[p],
                        JUNE[p]] for p in ALL]])], errors=["E506"],
             says=["its 项目代码 2023-360000-48-01-000002 is that of JX-002"]),
        Case("county-column-and-group-rows",
             [Sheet([TITLE, ["序号", "县（市、区）", "项目名称", "1-6月完成投资"],
                     ["一", "甲县"], *[[i, COUNTY[p], NAMES[p], JUNE[p]] for i, p in
                                      enumerate(ALL[:2], 1)],
                     ["二", "乙区"], *[[i, COUNTY[p], NAMES[p], JUNE[p]] for i, p in
                                      enumerate(ALL[2:], 3)]])], JUNE),
    ]


def write_case(case: Case, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in case.sheets:
        ws = book.create_sheet(sheet.title)
        for r, row in enumerate(sheet.rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        for cell, number_format in sheet.formats:
            ws[cell].number_format = number_format
        for merge in sheet.merges:
            ws.merge_cells(merge)
        for r in sheet.hidden_rows:
            ws.row_dimensions[r].hidden = True
        for letter in sheet.hidden_columns:
            ws.column_dimensions[letter].hidden = True
        if sheet.folded:
            ws.row_dimensions.group(*sheet.folded, outline_level=1, hidden=True)
        if sheet.filtered:  # as Excel saves a filter: the range, the column, the rows hidden
            ref, column, shown = sheet.filtered
            ws.auto_filter.ref = ref
            ws.auto_filter.add_filter_column(column, [shown])
            for r, row in enumerate(sheet.rows, 1):
                if r > 1 and len(row) > column and row[column] != shown:
                    ws.row_dimensions[r].hidden = True
        ws.sheet_state = sheet.state
    book.save(path)
    _lengthen(path)


def _lengthen(path: Path) -> None:
    """The file with each ``LONG`` text made longer than an Excel cell holds, as another
    program could write it."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if not any(LONG.encode() in data for data in parts.values()):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.replace(LONG.encode(), ("施工" * 20000).encode()))


def build(folder: Path) -> list[Case]:
    """Every case as ``folder/<name>.xlsx``, and ``folder/expect.yaml`` saying what each
    must give."""
    folder.mkdir(parents=True, exist_ok=True)
    found = cases()
    for case in found:
        write_case(case, folder / f"{case.name}.xlsx")
    expect = {case.name: case.expect() for case in found}
    (folder / "expect.yaml").write_text(
        yaml.safe_dump(expect, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return found


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/sheet_cases.py OUT_DIR")
    print(f"{len(build(Path(sys.argv[1])))} sheets in {sys.argv[1]}")
