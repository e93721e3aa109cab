"""Judging the figures of a report's tables: each row's rates, and the 合计 row's sums.

A table's columns are known by their headers (the leading rows without figures):
本年计划投资 (plan), 1-6月完成投资 (done), 完成率 (done ÷ plan), 超序时进度 (完成率 − N/12,
with N from the done column's 1-N月), 计划新开工 and 已开工 (counts), 开工率 (started ÷
planned), 总投资 and 项目个数. In every row the rates must follow from the row's own
figures, judged as printed (a bare number under a header in percent, 完成率（%）, is a
percent); the 合计 (总计) row's amounts and counts must be the sum of
the other rows. A table with 小计 or 其中 rows, a column whose header is unclear or two
columns of one meaning, or columns in different units are not judged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from majorproj.audit.claim import Claim, Kind
from majorproj.audit.interval import Interval, at_places, holds
from majorproj.audit.numbers import normalise
from majorproj.audit.read import Paragraph

HUNDRED = Decimal(100)
_NUMBER = re.compile(r"(?P<sign>[-−+＋])?(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
                     r"(?P<percent>%)?")
_UNIT = re.compile(r"万亿元|亿元|万元|元")
_PERCENT_HEADER = re.compile(r"[（(]%[）)]")  # 完成率（%）: the column's unit
# 单位：亿元、个、% on the line before the table: its rates are bare numbers in percent
_PERCENT_LINE = re.compile(r"单位[:：][^。\n]*%")
# a column of last year's figures (去年同期完成投资): no role, the table's other columns keep theirs
_ANOTHER_TIME = re.compile(r"去年|上年|同期|前年")
_MONTHS = re.compile(r"(?:1|一)\s?[-—–~～至到]\s?(?P<n>\d{1,2})月")
_TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|全市合计|全市)$")
_PART_ROW = re.compile(r"小\s*计|其中")
_SUBTOTAL_ROW = re.compile(r"小\s*计")

# role → (header must match, header must not match)
_ROLES = {
    "plan": (r"计划.*(?:投资|资金)|(?:投资|资金)计划", r"完成|率|开工|比"),
    # not a month's alone beside it (5月完成投资, 当月完成投资)
    "done": (r"完成.*(?:投资|资金)", r"率|计划|比例|进度|^\d{1,2}月份?完成|当月|本月|^其中"
             r"|(?<![-~～至到—–\d])\d{1,2}月份?$"),
    # and under a merged 完成投资 over 1-6月 | 6月: 完成投资/6月, 完成投资/当月
    "month": (r"^\d{1,2}月份?完成.*投资|当月完成.*投资|本月完成.*投资"
              r"|完成.*投资.*(?:(?<![-~～至到—–\d])\d{1,2}月份?|当月|本月)$", r"率|计划|比例|进度"),
    "rate": (r"完成率|完成比例|占年度计划", r"开工|序时|时间"),
    "gap": (r"(?:序时|时间|时序|均衡)进度", r"落后|滞后"),
    "planned": (r"计划(?:新)?开工", r"率|投资"),
    "started": (r"已开工|实际开工", r"率|投资"),
    "start_rate": (r"开工率", r""),
    "total": (r"^总投资", r"完成|计划"),
    "projects": (r"项目(?:个数|数)|^个数$", r"开工|率|灯"),
    "red": (r"^(?:亮)?红灯(?:项目)?(?:个数|数)?$", r"率"),
    "yellow": (r"^(?:亮)?黄灯(?:项目)?(?:个数|数)?$", r"率"),
    "rank": (r"^(?:排名|位次|名次)$", r""),
}
_SUMMED = ("plan", "done", "month", "planned", "started", "total", "projects", "red", "yellow")
_COUNTS = ("planned", "started", "projects", "red", "yellow")


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell of a report being audited: its paragraph, and the figure it prints."""

    paragraph: Paragraph
    value: Decimal | None  # None: not a figure
    places: int
    percent: bool

    @property
    def text(self) -> str:
        return self.paragraph.text.strip()

    def interval(self, exact: bool) -> Interval:
        assert self.value is not None
        return Interval.exact(self.value) if exact else Interval.printed(self.value, self.places)


_Judged = tuple[Cell, Claim, Interval]  # a cell, its claim, the values it may take


def judge_tables(paragraphs: list[Paragraph]) -> list[tuple[Paragraph, Claim]]:
    """Every table's judged figures, each with the cell it stands in."""
    found = []
    for table, _ in read_tables(paragraphs):
        found += _table(table)
    return found


def _cell(paragraph: Paragraph) -> Cell:
    text = normalise(paragraph.text).strip()
    match = _NUMBER.fullmatch(text)
    if not match:
        return Cell(paragraph, None, 0, False)
    frac = match["frac"] or ""
    value = Decimal(match["number"].replace(",", "") + (f".{frac}" if frac else ""))
    if match["sign"] in ("-", "−"):  # +26.4: ahead, as the annex prints a gap
        value = -value
    return Cell(paragraph, value, len(frac), bool(match["percent"]))


@dataclass(frozen=True)
class Table:
    """A table of a report being audited, its columns known by the role they play."""

    header: dict[int, str]  # column → its header rows' text, joined
    roles: dict[str, int]  # role → column
    body: list[dict[int, Cell]]  # the rows under the header
    labels: list[str]  # each body row's text cells, joined
    months: int | None  # N of the 1-N月 of the amount done's header


def _parsed(rows: list[dict[int, Cell]], before: str = "") -> Table | None:
    """One table's header, roles and rows (rows in order, each column → cell); None for
    a table with no column known."""
    heads = 0
    while heads < min(3, len(rows)) and all(c.value is None for c in rows[heads].values()):
        heads += 1
    if not heads or heads == len(rows):
        return None
    header: dict[int, str] = defaultdict(str)
    columns = sorted({c for row in rows[:heads] for c in row})
    for r, row in enumerate(rows[:heads]):
        upper = ""
        for column in columns:
            if column in row:
                upper = re.sub(r"\s", "", normalise(row[column].text))
                header[column] += upper
            elif upper and r + 1 < heads and column in rows[r + 1]:
                # a .docx cell merged across columns is read once: 完成投资 over 1-6月 | 6月
                # heads both sub-columns
                header[column] += upper
    roles = _roles(header)
    if not roles:
        return None
    body = _percent_columns(rows[heads:], header, roles, before)
    labels = [" ".join(c.text for c in row.values() if c.value is None) for row in body]
    done_header = header.get(roles.get("done", -1), "")
    months = _MONTHS.search(done_header)
    # 累计完成投资 may be since the start, and a rate beside last year's amount may be of it:
    # not this year's plan; a 完成率 alone (图1's table) is the period's 投资完成率
    amounts = "done" in roles or any(re.search(r"去年|上年|同期", h) for h in header.values())
    if amounts and not (months or re.search(r"本年|今年|年度|当年", done_header)):
        roles.pop("rate", None)
    return Table(dict(header), roles, body, labels, int(months["n"]) if months else None)


def read_tables(paragraphs: list[Paragraph]) -> list[tuple[Table, str]]:
    """Every table of the report, parsed, with the paragraph just before it (where a
    table's 单位：亿元 often stands)."""
    cells: dict[int, dict[int, dict[int, Cell]]] = defaultdict(lambda: defaultdict(dict))
    before: dict[int, str] = {}
    last_text = ""
    for paragraph in paragraphs:
        if paragraph.cell is None:
            last_text = paragraph.text
            continue
        table, row, column = paragraph.cell
        before.setdefault(table, last_text)
        cells[table][row][column] = _cell(paragraph)
    found: list[tuple[Table, str]] = []
    previous = None
    for table, rows in cells.items():
        parsed = _parsed([rows[r] for r in sorted(rows)], before[table])
        if parsed is not None and found and previous == table - 1 \
                and parsed.header == found[-1][0].header \
                and (before[table] == found[-1][1] or _CONTINUED.match(before[table].strip())):
            # the table goes on (续表, or a page's break): its rows are the same table's
            first, said = found[-1]
            found[-1] = (replace(first, body=first.body + parsed.body,
                                 labels=first.labels + parsed.labels), said)
        elif parsed is not None:
            found.append((parsed, before[table]))
        if parsed is not None:
            previous = table
    return found


_CONTINUED = re.compile(r"^[（(]?续(?:表|上表|前表)?[）)]?\s*\d*[:：]?$")


def _table(table: Table) -> list[tuple[Paragraph, Claim]]:
    """The judged figures of one table: each row's rates; the 合计 row as the sum of the
    rows but its 小计 and 其中 rows (a county's 小计 over its projects, 其中：省重点项目 …),
    which are not summed again; each 小计 as the sum of its group's rows, those under it
    (as majorproj's annex has them) or those above it."""
    body, roles, header = table.body, table.roles, table.header
    totals = [k for k, label in enumerate(table.labels) if any(
        _TOTAL_ROW.match(c.text) for c in body[k].values() if c.value is None)]
    parts = {k for k, label in enumerate(table.labels) if _PART_ROW.search(label)}
    found = []
    if len(totals) == 1 and totals[0] not in parts:
        total = body[totals[0]]
        rows = [row for k, row in enumerate(body) if k not in parts and k != totals[0]]
        found = _sums([*rows, total], len(rows), roles, header)
        subtotals = [row for k, row in enumerate(body) if _SUBTOTAL_ROW.search(table.labels[k])]
        if subtotals:  # a 合计 of the 小计 rows holds as well as one of the rows under them
            held = {id(cell.paragraph): judged for judged in _sums(
                [*subtotals, total], len(subtotals), roles, header)
                for cell in judged[:1] if judged[1].ok}
            found = [a if a[1].ok else held.get(id(a[0].paragraph), a) for a in found]
    found += _subtotal_sums(table, parts, set(totals))
    # a wrong total is flagged once: the rates of its row may follow from the right one
    sums = {id(cell.paragraph): possible for cell, claim, possible in found if not claim.ok}
    for row in body:
        found += _row(row, roles, header, table.months, sums)
    return [(cell.paragraph, claim) for cell, claim, _ in found]


def _subtotal_sums(table: Table, parts: set[int], totals: set[int]) -> list[_Judged]:
    """Each 小计 row against its group: the plain rows under it up to the next 小计 or 合计
    (as majorproj's annex has them), or those above it since the last one, whichever way
    the table's 小计 rows add up the more often."""
    body = table.body
    markers = sorted(k for k in range(len(body))
                     if _SUBTOTAL_ROW.search(table.labels[k]) or k in totals)
    ways: list[list[_Judged]] = [[], []]
    for n, k in enumerate(markers):
        if k in totals:
            continue
        under = range(k + 1, markers[n + 1] if n + 1 < len(markers) else len(body))
        above = range(markers[n - 1] + 1 if n else 0, k)
        for way, group in zip(ways, (under, above), strict=True):
            rows = [body[j] for j in group if j not in parts]
            if rows:
                way += _sums([*rows, body[k]], len(rows), table.roles, table.header)
    return max(ways, key=lambda way: sum(1 for j in way if j[1].ok))


def _percent_columns(body: list[dict[int, Cell]], header: dict[int, str],
                     roles: dict[str, int], before: str) -> list[dict[int, Cell]]:
    """The rows with the bare numbers of a column headed in percent (完成率（%）), or of a
    rate's column under a line that gives % among the units (单位：亿元、个、%), as percents."""
    columns = {c for c, text in header.items() if _PERCENT_HEADER.search(text)}
    if _PERCENT_LINE.search(normalise(before)):
        columns |= {roles[r] for r in ("rate", "start_rate") if r in roles}
    return [{c: replace(cell, percent=True) if c in columns and cell.value is not None
             else cell for c, cell in row.items()} for row in body]


# a heading merged over several columns: 投资完成情况 over 本年计划投资 | 1-6月完成投资 | 完成率
_GROUP_HEADING = re.compile(r"^[\u4e00-\u9fa5]{2,8}情况")


def _roles(header: dict[int, str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    # the column's own words (the plan under 投资完成情况 is no 完成 figure)
    own = {c: _GROUP_HEADING.sub("", text) or text for c, text in header.items()}
    for role, (wanted, unwanted) in _ROLES.items():
        columns = [c for c, text in own.items() if re.search(wanted, text)
                   and not (unwanted and re.search(unwanted, text))
                   and not _ANOTHER_TIME.search(text)]
        if len(columns) == 1:
            roles[role] = columns[0]
    units = {u for role in ("plan", "done", "month", "total") if role in roles
             for u in _UNIT.findall(header[roles[role]])}
    if len(units) > 1:  # 总投资（亿元） beside 完成投资（万元）: not one scale
        for role in ("plan", "done", "month", "total"):
            roles.pop(role, None)
    return roles


def _row(row: dict[int, Cell], roles: dict[str, int], header: dict[int, str],
         months: int | None, sums: dict[int, Interval]) -> list[_Judged]:
    """The row's rates from its own figures (a wrong total's also from its sum)."""
    def figure(role: str, percent: bool = False) -> Cell | None:
        cell = row.get(roles.get(role, -1))
        if cell is None or cell.value is None or cell.percent != percent:
            return None
        return cell

    def values(cell: Cell, exact: bool) -> list[Interval]:
        """The cell's figure as printed, and for a wrong total also as its rows sum up."""
        other = sums.get(id(cell.paragraph))
        return [cell.interval(exact), *([] if other is None else [other])]

    found: list[_Judged] = []
    rates: dict[str, Interval] = {}
    for rate_role, part, whole, exact in (("rate", "done", "plan", False),
                                          ("start_rate", "started", "planned", True)):
        rate, num, den = figure(rate_role, True), figure(part), figure(whole)
        if rate is None or num is None or den is None or num.value is None or not den.value:
            continue
        # the rate holds when it follows from either: a wrong total's row may have its
        # rate from the printed total or from the right one, not from anything between
        candidates = [r.scale(HUNDRED) for a in values(num, exact) for b in values(den, exact)
                      if (r := a / b) is not None]
        if not candidates:
            continue
        possible = next((c for c in candidates if holds(rate.value, rate.places, c)),
                        candidates[0]) if rate.value is not None else candidates[0]
        with localcontext() as context:
            context.prec = 40
            central = num.value / den.value * HUNDRED
        found.append(_claim(rate, header[roles[rate_role]], possible, central,
                            f"{num.text} of {den.text}", "share", "%"))
        rates[rate_role] = possible
    gap, rate = figure("gap"), figure("rate", True)
    if gap is not None and rate is not None and rate.value is not None and months is not None:
        with localcontext() as context:
            context.prec = 40
            progress = Decimal(months) / 12 * HUNDRED
        known = rate.interval(False)  # as printed, or as its row gives it
        if "rate" in rates:
            known = known.hull(rates["rate"])
        possible = known - Interval.exact(progress)
        found.append(_claim(gap, header[roles["gap"]], possible, rate.value - progress,
                            f"{rate.text} against time progress {months}/12", "gap", ""))
    return found


def _sums(body: list[dict[int, Cell]], total_row: int, roles: dict[str, int],
          header: dict[int, str]) -> list[_Judged]:
    found = []
    for role in _SUMMED:
        column = roles.get(role)
        if column is None:
            continue
        total = body[total_row].get(column)
        parts = [row.get(column) for k, row in enumerate(body) if k != total_row]
        if total is None or total.value is None or total.percent:
            continue
        if any(p is not None and p.value is None and p.text not in ("", "—", "-") for p in parts):
            continue  # a cell that is not a figure: the column is not a plain list
        figures = [p for p in parts if p is not None and p.value is not None]
        if len(figures) < 2 or any(p.percent for p in figures):
            continue
        exact = role in _COUNTS
        possible = Interval.exact(Decimal(0))
        for p in figures:
            possible = possible + p.interval(exact)
        central = sum((p.value for p in figures if p.value is not None), Decimal(0))
        found.append(_claim(total, header[column], possible, central,
                            f"the sum of its {len(figures)} rows", "sum", ""))
    return found


def _claim(cell: Cell, name: str, possible: Interval, central: Decimal, basis: str,
           kind: Kind, unit: str) -> _Judged:
    assert cell.value is not None
    ok = holds(cell.value, cell.places, possible)
    printed = cell.text
    start = cell.paragraph.text.index(printed)
    expected = at_places(central, cell.places) + unit
    return cell, Claim(kind, start, printed, f"{name} {printed}", ok, expected, basis), possible
