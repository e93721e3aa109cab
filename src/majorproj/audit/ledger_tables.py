"""Comparing a report's tables with the ledger, row by row.

A row names its set of projects in a text cell: 合计 / 总计 / 全市 (the whole), a
county's, a sector's or a tag's name, 省重点项目 (省级, 省重点), or one of the ledger's
projects by its name. Each figure under a known column (tables.py: 项目个数, 总投资, 本年计划
投资, 1-N月完成投资, 完成率, 超序时进度, 计划新开工, 已开工, 开工率) is then the ledger's for
that set and period, and is judged as a figure of the text is (ledger.py): it holds when
the ledger's exact figure rounds to it. Amounts need their unit, in the column's header
(完成投资（亿元）), a header cell or the line before the table (单位：万元); a table whose
header names another year, last year's figures (去年, 上年, 同期) or months other than the
period's is not compared, nor is a row that names two sets or none.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.audit import ledger
from majorproj.audit.claim import Claim
from majorproj.audit.interval import Interval, holds, printed_like
from majorproj.audit.ledger import gaps_from_printed_rate
from majorproj.audit.numbers import normalise, unit_scale
from majorproj.audit.read import Paragraph
from majorproj.audit.tables import Cell, Table, read_tables

if TYPE_CHECKING:
    from majorproj.metrics import Figures, ProjectStatus, Summary

_UNIT = re.compile(r"万亿元|亿元|万元|(?<![万亿])元")
_SHEET_UNIT = re.compile(r"单位[:：]?\s*(?:人民币)?\s*(万亿元|亿元|万元|元)")
_MONTHS = re.compile(r"(?:1|一)\s?[-—–~～至到]\s?(?P<n>\d{1,2})月|截至(?P<end>\d{1,2})月(?:底|末)")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_LEVEL = re.compile(r"^(?P<level>[省市县])(?:级|重点|级重点)(?:项目)?$")
_LEVELS = {"省": "provincial", "市": "municipal", "县": "county"}
_WHOLE = re.compile(r"^(?:合计|总计|全市合计|全市|全市总计|总体)$")
_AMOUNTS = ("total", "plan", "done", "month")

# role → (the metric's words, its value of a set's figures, of a project's status)
_METRICS = {
    "projects": ("项目数", lambda f: Decimal(f.projects), None),
    "total": ("总投资", lambda f: f.total_investment, lambda s: s.project.total_investment),
    "plan": ("年度计划投资", lambda f: f.annual_plan, lambda s: s.project.annual_plan),
    "month": ("当月完成投资", lambda f: f.this_month, lambda s: s.this_month),
    "done": ("完成投资", lambda f: f.completed_ytd, lambda s: s.completed_ytd),
    "rate": ("投资完成率", lambda f: _percent(f.completion_rate),
             lambda s: _percent(s.completion_rate)),
    "gap": ("超序时进度", lambda f: f.schedule_gap_pp, lambda s: s.schedule_gap_pp),
    "planned": ("计划新开工项目", lambda f: Decimal(f.starts.planned), None),
    "started": ("已开工项目", lambda f: Decimal(f.starts.started), None),
    "start_rate": ("开工率", lambda f: _percent(f.starts.rate), None),
    "red": ("亮红灯项目", lambda f: Decimal(f.lights.get("red", 0)), None),
    "yellow": ("亮黄灯项目", lambda f: Decimal(f.lights.get("yellow", 0)), None),
    "rank": ("排名", None, None),  # a county's place in the ranking: by its name, below
}


def compare_tables(paragraphs: list[Paragraph], summary: Summary
                   ) -> list[tuple[Paragraph, Claim]]:
    """Every figure of the report's tables that the ledger gives, judged against it, with
    the cell it stands in."""
    found = []
    for table, before in read_tables(paragraphs):
        if _of_another_time(table, summary):
            continue
        sheet_unit = _sheet_unit(table, before)
        named = [_set_of(row, table.header, summary) for row in table.body]
        others = [n for n in named if n is None or n[0] != "全市"]
        whole = not others or _lists_a_whole({n[0] for n in others if n is not None}, summary)
        for row, of in zip(table.body, named, strict=True):
            if of is not None and (of[0] != "全市" or whole):
                found += _row(table, row, of, sheet_unit, summary)
    return found


def _lists_a_whole(listed: set[str], summary: Summary) -> bool:
    """Whether the sets a table's rows other than its 合计 name hold all the projects of one
    division (every county with projects, every sector, every level, every project; a
    table of projects under their counties' 小计 lists both): its 合计 is then the whole
    ledger's; of some counties (滞后县区), it is only theirs."""
    levels = {f"{name}重点项目" for name, key in _LEVELS.items() if key in summary.groups["level"]}
    divisions = [levels, {p.project.name for p in summary.projects}]
    divisions += [{k for k, f in summary.groups[g].items() if k and f.projects}
                  for g in ("county", "sector")]
    return any(division and division <= listed for division in divisions)


def _of_another_time(table: Table, summary: Summary) -> bool:
    """Whether the columns compared speak of another year or other months (a column of
    last year's figures has no role: the others are still compared)."""
    months = {summary.period.month, summary.report_month or summary.period.month}
    for text in (table.header[column] for column in table.roles.values()):
        if any(int(y) != summary.year for y in _YEAR.findall(text)):
            return True
        if any(int(m["n"] or m["end"]) not in months for m in _MONTHS.finditer(text)):
            return True
    return False


def _sheet_unit(table: Table, before: str) -> str | None:
    """The amounts' unit a header cell or the line before the table gives (单位：亿元)."""
    for text in (*table.header.values(), normalise(before)):
        if found := _SHEET_UNIT.search(text):
            return found.group(1)
    return None


def _row(table: Table, row: dict[int, Cell], named: tuple[str, Figures | None,
         ProjectStatus | None], sheet_unit: str | None, summary: Summary
         ) -> list[tuple[Paragraph, Claim]]:
    name, figures, status = named
    found = []
    for role, column in table.roles.items():
        cell = row.get(column)
        if cell is None or cell.value is None:
            continue
        words, of_set, of_project = _METRICS[role]
        if role == "gap" and table.months is None:
            continue  # a gap needs the months of the amount done
        if role in ("rate", "start_rate") and not cell.percent:
            continue
        if role == "month" and (said := re.match(r"(\d{1,2})月", table.header[column])) \
                and int(said[1]) != (summary.report_month or summary.period.month):
            continue  # 4月完成投资 in May's table: another month's alone
        if role == "done" and table.months is None and not re.search(
                r"本年|今年|年度|当年", table.header[column]):
            continue  # 累计完成投资 may be since the start
        if role in _AMOUNTS:
            units = _UNIT.findall(table.header[column]) or ([sheet_unit] if sheet_unit else [])
            if len(set(units)) != 1:
                continue  # no unit said (or two): the figure's size is unknown
            scale = unit_scale(units[0])
        else:
            scale = Decimal(1)
        if role == "rank":
            place = next((r.rank for r in summary.ranking if r.county == name), None)
            if place is not None and status is None:
                found.append((cell.paragraph, _judged(cell, "排名", Decimal(place), name,
                                                      summary, [])))
            continue
        metric, subject = (of_project, status) if status is not None else (of_set, figures)
        if metric is None or subject is None or (value := metric(subject)) is None:
            continue
        ways = gaps_from_printed_rate(subject.completion_rate, summary.period.month) \
            if role == "gap" else []
        found.append((cell.paragraph, _judged(cell, words, value / scale, name, summary, ways)))
    return found


def _set_of(row: dict[int, Cell], header: dict[int, str], summary: Summary
            ) -> tuple[str, Figures | None, ProjectStatus | None] | None:
    """(its name, the set's figures, or the project's status) of the one set or project
    that the row's text cells name; None when they name none or more than one, or when
    a project's name that the ledger does not know stands in the row (东湖区城中村改造项目
    （一期） beside 东湖区: that project's figures, not the county's)."""
    named: list[tuple[str, Figures | None, ProjectStatus | None]] = []
    for column, cell in row.items():
        if cell.value is not None:
            continue
        text = re.sub(r"\s", "", normalise(cell.text))
        text = _SUBTOTAL.sub("", text) or text  # 东湖区小计, 东湖区（合计）: 东湖区's row
        if not text:
            continue
        if (_NAME_COLUMN.search(header.get(column, "")) or _LOOKS_A_PROJECT.search(text)) \
                and not _is_set(text, summary):
            return None  # a project the ledger does not know (a county's 小计 is a set)
        if _WHOLE.match(text):
            named.append(("全市", summary.overall, None))
        elif level := _LEVEL.match(text):
            key = _LEVELS[level["level"]]
            if key in summary.groups["level"]:
                named.append((f"{level['level']}重点项目", summary.groups["level"][key], None))
        elif any(text in summary.groups[g] for g in ("county", "sector", "tag")):
            grouping = next(g for g in ("county", "sector", "tag") if text in summary.groups[g])
            named.append((text, summary.groups[grouping][text], None))
        elif (status := _project(text, summary)) is not None:
            named.append((status.project.name, None, status))
    projects = [n for n in named if n[2] is not None]
    if len(projects) == 1:  # a project's row, beside its county's (or sector's) name
        project = projects[0][2].project  # type: ignore[union-attr]
        own = {project.county, project.sector, *project.tags,
               f"{_LEVEL_NAMES.get(project.level, '')}重点项目"}
        return projects[0] if all(n[0] in own for n in named if n[2] is None) else None
    return named[0] if len(named) == 1 else None


_LEVEL_NAMES = {key: name for name, key in _LEVELS.items()}
_SUBTOTAL = re.compile(r"[(（]?(?:小计|合计)[)）]?(?:[(（]共?\d+个(?:项目)?[)）])?$")
_NAME_COLUMN = re.compile(r"项目名称|项目$")
# a project's name: 项目 or 工程 at its end, or a part of it in brackets
_LOOKS_A_PROJECT = re.compile(r"(?:项目|工程)(?:[（(][^）)]*[）)])?$")


def _is_set(text: str, summary: Summary) -> bool:
    """Whether ``text`` names one of the ledger's sets (省重点项目, 灾后重建项目) or projects."""
    bare = re.sub(r"项目$", "", text)
    return bool(_WHOLE.match(text) or _LEVEL.match(text)
                or any(t in summary.groups[g] for g in ("county", "sector", "tag")
                       for t in (text, bare))
                or _project(text, summary) is not None)


def _project(text: str, summary: Summary) -> ProjectStatus | None:
    """The ledger's one project of that name (with or without 项目 or 工程)."""
    bare = re.sub(r"(?:项目|工程)$", "", text)
    found = {id(s): s for name in (text, bare) for s in ledger.projects_named(name, summary)}
    return next(iter(found.values())) if len(found) == 1 else None


def _judged(cell: Cell, words: str, value: Decimal, scope: str, summary: Summary,
            ways: list[Decimal]) -> Claim:
    """The cell against the ledger's exact ``value``, or any other way it is worked out."""
    assert cell.value is not None
    ok = any(holds(cell.value, cell.places, Interval.exact(v)) for v in (value, *ways))
    unit = "%" if cell.percent else ""
    printed = cell.text
    start = cell.paragraph.text.index(printed)
    basis = f"the ledger's {words} of {scope} for {summary.period.shown}"
    return Claim("ledger", start, printed, f"{words} {printed}", ok,
                 printed_like(value, cell.places, printed) + unit, basis)


def _percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate * 100
