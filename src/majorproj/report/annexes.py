"""The report's annexes (附件) as tables of text, ready for the .docx and the Markdown.

1. 重点项目推进情况表: a row per project (万元), county by county in the order of
   ``counties:``, each county's 小计 row over its projects;
2. 县（市、区）推进情况排名表: a row per county, in the ranking's order (亿元), with the
   county's own light and its gap signed (与序时进度比, +/−);
3. 滞后项目清单: the red- and yellow-light projects, worst first (万元);
4. 督办事项清单: every 督办事项 of the period, when the ledger has any.

Widths are millimetres of the landscape 版心 (225 mm); every figure is formatted by
``majorproj.render.numbers``: one number of decimals per column, thousands separated.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from majorproj.ledger import vocab
from majorproj.ledger.models import Issue
from majorproj.metrics import Figures, ProjectStatus, Summary
from majorproj.metrics.supervision import status_name
from majorproj.periods import month_label
from majorproj.render.numbers import DASH, percent, signed_points, wan_column, yi_column
from majorproj.render.reasons import reason_text

C, R = "center", "right"
NOTHING = Decimal(0)
WIDTH_MM = 225  # the 版心 turned on its side (297 − 37 − 35): every table fills it


@dataclass(frozen=True)
class Column:
    """An annex table's column: its header, its width on the page and its alignment."""

    header: str  # "\n" where a narrow column's header should wrap
    width_mm: float
    align: str = "left"  # "left" (text), "right" (figures) or "center" (numbering, marks)


COUNTY = "县\n（市、区）"
PLAN = "本年计划\n投资"


@dataclass(frozen=True)
class Annex:
    """An annex of the report (附件N): its title, unit, columns and rows, as printed."""

    number: int
    title: str
    unit: str  # 单位：万元, over the table's right edge
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None  # 合计, the first row under the header
    empty: str = ""  # what the table says when it has no rows
    subtotals: frozenset[int] = frozenset()  # indexes of ``rows`` that are 小计 rows
    # each row's 总投资, 本年计划投资 and 完成投资 in 0.0001 万元, exact ("84100000 12500000
    # 69550000"): the web page's listing adds up the rows a reader's filters leave
    sums: tuple[str, ...] = ()


TITLES = ("重点项目推进情况表", "县（市、区）推进情况排名表", "滞后项目清单", "督办事项清单")


def done_header(month: int) -> str:
    """The header of the completed-investment column: 1-N月, 完成投资 below (1-10月完成
    on one line does not fit the column: 成 would wrap alone)."""
    return f"{month_label(month)}\n完成投资"


def build_annexes(summary: Summary) -> tuple[Annex, ...]:
    done = done_header(summary.period.month)
    annexes: tuple[Annex, ...] = (projects_annex(summary, done), counties_annex(summary, done),
                                  lagging_annex(summary, done))
    if summary.supervision:
        annexes += (supervision_annex(summary, 4),)
    return annexes


def supervision_annex(summary: Summary, number: int) -> Annex:
    """督办事项清单: 事项, 项目, 责任单位, 配合单位, 完成时限, 办理状态 (overdue days said)."""
    columns = (
        Column("序号", 10, C), Column("事项", 62), Column("项目", 44), Column("责任单位", 30),
        Column("配合单位", 28), Column("完成时限", 24, C), Column("办理状态", 27, C),
    )
    rows = tuple(
        (str(i), item.issue.text, item.project.name, item.issue.unit or "",
         item.issue.supporting_unit or "",
         item.issue.deadline.isoformat() if item.issue.deadline else "",
         status_name(item.issue)
         + (f"\n（逾期{item.days_overdue}天）" if item.days_overdue is not None else ""))
        for i, item in enumerate(summary.supervision, 1))
    return Annex(number, TITLES[3], "", columns, rows, None, "本期无督办事项。")


def projects_annex(summary: Summary, done: str) -> Annex:
    by_county: dict[str, list[ProjectStatus]] = {c: [] for c in summary.groups["county"]}
    for s in summary.projects:
        by_county.setdefault(s.project.county, []).append(s)
    rows: list[tuple[str, ...]] = []
    subtotals: set[int] = set()
    number = 0
    for county, members in by_county.items():
        if not members:
            continue
        subtotals.add(len(rows))
        rows.append(_amounts_row("", f"{county}小计（{len(members)}个）", "", "",
                                 summary.groups["county"][county]))
        for s in members:
            number += 1
            rows.append(
                (str(number), s.project.name, s.project.county, vocab.LEVELS[s.project.level],
                 wan_column(s.project.total_investment), wan_column(s.project.annual_plan),
                 wan_column(s.completed_ytd), percent(s.completion_rate), _progress(s),
                 vocab.LIGHTS.get(s.light or "", "")))
    total = _amounts_row("", "合计", "", "", summary.overall)
    # each amount column as wide as the 合计 shows (the largest figure), the rest to names
    amounts = [Column(header, figure_width(figure, 20), R)
               for header, figure in zip(("总投资", PLAN, done), total[4:7], strict=True)]
    fixed = (Column("序号", 10, C), Column(COUNTY, 22), Column("级别", 14, C), *amounts,
             Column("完成率", 14, R), Column("预警", 10, C))
    name_mm, progress_mm = shared_width(WIDTH_MM - sum(c.width_mm for c in fixed),
                                        [(r[1], r[8]) for r in rows], PROGRESS_MM)
    columns = (fixed[0], Column("项目名称", name_mm), *fixed[1:-1],
               Column("形象进度", progress_mm), fixed[-1])
    return Annex(1, TITLES[0], "单位：万元", columns, tuple(rows), total if rows else None,
                 "本年度台账中暂无项目。", frozenset(subtotals))


FIGURE_MM = 1.7  # a digit, comma or point of a table's 五号 figures (1.65 measured)
PADDING_MM = 2.5  # a cell's margins, 1 mm left and right (ooxml.table_xml), and a little


CHAR_MM = 3.7  # a full-width character of a table's 五号 text (10.5 pt)
PROGRESS_MM = range(24, 49)  # the widths 形象进度 may take: 6 to 12 characters a line


def shared_width(free: float, texts: list[tuple[str, str]], second: range
                 ) -> tuple[float, float]:
    """How two text columns share ``free`` mm: the second column's width of ``second``
    with which the rows of ``texts`` (first column's text, second's) take the fewest lines,
    a row as many as its taller cell; of equals, the widest first column (names read
    best whole). Each text's width is counted from its UTF-8 length, as CJK (3 bytes) is
    a full character and ASCII half: close enough to choose columns, and quick for 10,000
    rows."""
    pairs = Counter((_width(a), _width(b)) for a, b in texts)
    best = None
    for width in second:
        first = free - width
        per_first, per_second = _per_line(first), _per_line(width)
        if per_first < 1 or per_second < 1:
            continue
        lines = sum(n * max(math.ceil(a / per_first), math.ceil(b / per_second), 1)
                    for (a, b), n in pairs.items())
        if best is None or lines < best[0]:
            best = (lines, first, width)
    return (free - second[0], float(second[0])) if best is None else (best[1], best[2])


def _width(text: str) -> float:
    """Width in full characters, from the UTF-8 length: a 3-byte character is one, an
    ASCII one half (a line break or a 4-byte character counted as ASCII would be)."""
    wide = (len(text.encode()) - len(text)) / 2
    return wide + (len(text) - wide) / 2


def _per_line(width_mm: float) -> int:
    return int((width_mm - PADDING_MM) / CHAR_MM)


def figure_width(figure: str, least: float) -> float:
    """The width (mm) of a column whose widest figure is ``figure``: never narrower than
    ``least``, so that a header over two lines fits."""
    return max(least, math.ceil(len(figure) * FIGURE_MM + PADDING_MM))


def _amounts_row(number: str, label: str, county: str, level: str,
                 f: Figures) -> tuple[str, ...]:
    """A 合计 or 小计 row of annex 1: the group's amounts and completion rate."""
    return (number, label, county, level, *_amounts(f), "", "")


def _amounts(f: Figures) -> tuple[str, str, str, str]:
    """总投资, 本年计划投资 and 完成投资 in 万元, and 完成率, as a total row prints them."""
    return (wan_column(f.total_investment), wan_column(f.annual_plan),
            wan_column(f.completed_ytd), percent(f.completion_rate))


def project_listing(summary: Summary) -> Annex:
    """Every project with the keys a reader filters by (county, level, sector, light), for
    the web page's table (the .docx has annex 1 instead, without the sector)."""
    columns = (
        Column("序号", 10, C), Column("项目名称", 58), Column("县（市、区）", 22),
        Column("级别", 14, C), Column("行业", 16, C), Column("总投资", 20, R), Column(PLAN, 20, R),
        Column(done_header(summary.period.month), 22, R), Column("完成率", 15, R),
        Column("预警", 10, C),
    )
    # county by county in the config's order, as annex 1 lists them (not the files' order)
    counties = {name: i for i, name in enumerate(summary.groups["county"])}
    ordered = sorted(summary.projects, key=lambda s: counties.get(s.project.county, len(counties)))
    rows = tuple(
        (str(i), s.project.name, s.project.county, vocab.LEVELS[s.project.level],
         s.project.sector, wan_column(s.project.total_investment),
         wan_column(s.project.annual_plan), wan_column(s.completed_ytd),
         percent(s.completion_rate), vocab.LIGHTS.get(s.light or "", ""))
        for i, s in enumerate(ordered, 1))
    # as a tally sums them (metrics.tally): a plan still 待定 adds 0
    sums = tuple(" ".join(str(int(amount.scaleb(4))) for amount in (
        s.project.total_investment, s.project.annual_plan or NOTHING, s.completed_ytd))
        for s in ordered)
    total = ("", "合计", "", "", "", *_amounts(summary.overall), "")
    return Annex(0, TITLES[0], "单位：万元", columns, rows, total if rows else None,
                 "本年度台账中暂无项目。", sums=sums)


def _progress(status: ProjectStatus) -> str:
    text = status.progress or ""
    if not status.reported:
        text += "（本期未报送）"
    return text


def counties_annex(summary: Summary, done: str) -> Annex:
    columns = (
        Column("排名", 10, C), Column(COUNTY, 22), Column("项目\n个数", 14, R),
        Column("总投资", 19, R), Column(PLAN, 19, R), Column(done, 20, R),
        Column("完成率", 16, R), Column("与序时进度比\n（百分点）", 26, R),
        Column("计划\n新开工", 15, R), Column("已开工", 14, R), Column("开工率", 16, R),
        Column("预警", 10, C), Column("红灯", 12, R), Column("黄灯", 12, R),
    )
    ranked = [(str(r.rank), r.county, r.figures, r.light) for r in summary.ranking]
    listed = {r.county for r in summary.ranking}
    ranked += [(DASH, name, f, None) for name, f in summary.groups["county"].items()
               if name not in listed]
    rows = tuple((rank, name, *_county_figures(f, light)) for rank, name, f, light in ranked)
    total = ("", "合计", *_county_figures(summary.overall, None))
    return Annex(2, TITLES[1], "单位：亿元", columns, rows, total if rows else None,
                 "台账中未设县（市、区）。")


def _county_figures(f: Figures, light: str | None) -> tuple[str, ...]:
    return (str(f.projects), yi_column(f.total_investment), yi_column(f.annual_plan),
            yi_column(f.completed_ytd), percent(f.completion_rate),
            signed_points(f.schedule_gap_pp), str(f.starts.planned), str(f.starts.started),
            percent(f.starts.rate), vocab.LIGHTS.get(light or "", ""),
            str(f.lights.get("red", 0)), str(f.lights.get("yellow", 0)))


def lagging_annex(summary: Summary, done: str) -> Annex:
    rows = tuple(
        (str(i), s.project.name, s.project.county, vocab.LIGHTS.get(s.light or "", ""),
         wan_column(s.project.annual_plan), wan_column(s.completed_ytd), percent(s.completion_rate),
         reason_text(s.reason), "；".join(_issue(i) for i in s.issues), _in_charge(s))
        for i, s in enumerate(summary.lights, 1))
    # the amounts as wide as their widest figure, the issues (the longest texts) the rest
    plan, completed = (Column(header, figure_width(max((r[k] for r in rows), key=len,
                                                       default=""), 18), R)
                       for header, k in ((PLAN, 4), (done, 5)))
    others = (Column("序号", 10, C), Column("项目名称", 36), Column(COUNTY, 22),
              Column("预警", 10, C), plan, completed, Column("完成率", 14, R),
              Column("滞后原因", 26), Column("包联领导及\n责任单位", 26))
    issues = Column("存在问题", WIDTH_MM - sum(c.width_mm for c in others))
    return Annex(3, TITLES[2], "单位：万元", (*others[:8], issues, others[8]), rows, None,
                 "本期无亮红灯、黄灯的项目。")


def _issue(issue: Issue) -> str:
    return f"{issue.text}（{issue.unit}）" if issue.unit else issue.text


def _in_charge(status: ProjectStatus) -> str:
    p = status.project
    return "\n".join(x for x in (p.leader, p.unit) if x)
