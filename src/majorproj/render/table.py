"""The summary as rich tables a person reads at a glance (the CLI prints them).

Amounts of groups in 亿元, of single projects in 万元; numbers right-aligned; every
column header Chinese. Tables fit a file's 100 columns and a terminal's: the widest
(by level, the ranking) shorten the ranking's bar, then put long headers on two lines,
then leave the bar out, and on a narrow terminal go on in a second table under the first
(``_Fitted``), before a name or a figure would be cut; long names in the lists of
projects wrap.

Every text a table holds is plain text (``_Table``): a name such as ``[link=…]x`` or
``[/]`` is printed as written, never read as rich markup, and control or bidi
characters are shown as escapes (``render.visible``).
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

from majorproj.ledger import vocab
from majorproj.metrics.figures import Figures, Summary
from majorproj.metrics.supervision import overdue_by_unit
from majorproj.periods import month_label
from majorproj.render.compare import growth_cell, growth_text, increase_text, rate_change_text
from majorproj.render.numbers import DASH, money, percent, points, rounded, yi
from majorproj.render.reasons import reason_text
from majorproj.render.summary_labels import BATCH_ACHIEVED, as_of_line, group_name
from majorproj.render.visible import one_line, visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from majorproj.metrics.reporting import Reporting
    from majorproj.render.formats import SummaryOptions

NAME_WIDTH = 20  # cells: a longer name (a county's, a sector's) folds onto more lines
LIGHT_STYLES = {"red": "bold red", "yellow": "bold yellow", "green": "green"}


def _plain(value):
    """A cell's text as rich prints it literally: no markup, no control characters."""
    return Text(visible(value)) if isinstance(value, str) else value


class _Table(Table):
    """A rich table whose cells and title are plain text (rich reads a str as markup)."""

    def add_row(self, *renderables, **options) -> None:
        super().add_row(*(_plain(r) for r in renderables), **options)


def _table(title: str, caption: str | None = None) -> Table:
    # at least as wide as its caption, so that a note is not broken mid-word
    return _Table(title=Text(one_line(title), style="bold"),  # a city may hold a line break
                  caption=Text(visible(caption), style="table.caption") if caption else None,
                  box=box.SIMPLE_HEAD, title_justify="left", caption_justify="left",
                  pad_edge=False, min_width=cell_len(caption) if caption else None)


def _name_column(table: Table, header: str) -> None:
    """A column of names (counties, sectors, …): folded beyond ``NAME_WIDTH`` cells, never
    narrower than its header (县（市、区） is not broken), nor than 6 cells."""
    table.add_column(header, min_width=max(6, cell_len(header)), max_width=NAME_WIDTH,
                     overflow="fold")


def _light(light: str | None) -> Text:
    return Text(vocab.LIGHTS[light], style=LIGHT_STYLES[light]) if light else Text(DASH)


def _lights(f: Figures) -> str:
    return "/".join(str(f.lights[c]) for c in ("red", "yellow", "green"))


def overview(summary: Summary) -> Table:
    f = summary.overall
    period = summary.period
    table = _table(f"{summary.city}{period.title}重点项目推进情况", as_of_line(summary))
    # the names and figures whole on a narrow terminal; the notes fold under them, never
    # cut (同比增长2… read as another figure)
    table.add_column("指标", no_wrap=True)
    table.add_column("数值", justify="right", no_wrap=True)
    table.add_column("说明")
    levels = "、".join(f"{group_name('level', lv)}{g.projects}个"
                      for lv, g in summary.groups["level"].items())
    month = month_label(period.month)  # 1-6月, also for 2024H1
    open_issues = sum(f.issues.values())
    with_issues = sum(1 for s in summary.projects if s.issues)
    rows = [
        ("项目个数", f"{f.projects}个", levels),
        ("总投资", money(f.total_investment), ""),
        ("年度计划投资", money(f.annual_plan), ""),
        ("完成投资", money(f.completed_ytd), f"{month}累计"),
        ("当月完成投资", money(f.this_month), "本月累计 − 上月累计"),
        ("当月进度", percent(f.month_progress), "当月完成投资 ÷ 年度计划"),
        ("投资完成率", percent(f.completion_rate), f"序时进度{percent(period.time_progress)}"),
        ("超序时进度", _points_text(f.schedule_gap_pp), "完成率 − 序时进度"),
        ("履约率", percent(f.fulfilment_rate), f"完成投资 ÷ 目标任务{money(f.target)}"),
        ("开工率", percent(f.starts.rate),
         f"计划新开工{f.starts.planned}个，已开工{f.starts.started}个"),
        ("竣工", f"{f.completed}个", ""),
        ("预警", f"{f.lights['red'] + f.lights['yellow']}个",
         f"红灯{f.lights['red']}个、黄灯{f.lights['yellow']}个、绿灯{f.lights['green']}个"),
        ("存在问题", f"{open_issues}个", f"涉及{with_issues}个项目"),
        ("未报送", f"{len(summary.not_reported)}个", "沿用最近一次填报数据" if summary.not_reported
         else ""),
    ]
    if (last := f.last_year) is not None:
        rows[7:7] = [
            ("去年同期完成投资", money(last.completed_ytd),
             "，".join(t for t in (increase_text(last.increase, money),
                                   growth_text(last.growth)) if t)),
            ("完成率同比", _points_text(last.completion_rate_pp),
             rate_change_text(last.completion_rate_pp) or "去年同期无年度计划"),
        ]
    for name, value, note in rows:
        table.add_row(name, value, _Note(note))
    return table


def by_group(summary: Summary, grouping: str, *, short: bool = False) -> Table:
    """Figures by level, county, sector, … (``short``: long headers on two lines)."""
    title = f"按{vocab.GROUPINGS[grouping]}"
    yoy = summary.last_year is not None  # 同比 takes the place of 总投资 (in the overview)
    table = _table(title, "金额单位：亿元；超序时进度单位：百分点；灯：红/黄/绿"
                   + ("；同比：完成投资同比增长" if yoy else ""))
    _name_column(table, vocab.GROUPINGS[grouping])
    for header in ("项目", *(() if yoy else ("总投资",)), "年度计划", "完成投资", "当月",
                   "完成率", "超序时", *(("同比",) if yoy else ()), "开工", "开工率", "红/黄/绿"):
        table.add_column(_header(header, short), justify="right", no_wrap=True)

    def row(name: str, f: Figures) -> tuple[str, ...]:
        total = () if yoy else (yi(f.total_investment),)
        last = (growth_cell(f.last_year.growth if f.last_year else None),) if yoy else ()
        return (name, str(f.projects), *total, yi(f.annual_plan), yi(f.completed_ytd),
                yi(f.this_month), percent(f.completion_rate), points(f.schedule_gap_pp), *last,
                f"{f.starts.started}/{f.starts.planned}", percent(f.starts.rate), _lights(f))

    for name, f in summary.groups[grouping].items():
        table.add_row(*row(group_name(grouping, name), f))
    if grouping != "tag":  # tags overlap: their rows do not add up to the whole
        table.add_section()
        table.add_row(*row("合计", summary.overall), style="bold")
    return table


def batches(summary: Summary) -> Table:
    table = _table("三个一批")
    table.add_column("类别")
    table.add_column("列入项目", justify="right", no_wrap=True)
    table.add_column("已实现", justify="right", no_wrap=True)
    for batch, count in summary.overall.batches.items():
        table.add_row(vocab.BATCHES[batch], f"{count.members}个",
                      f"{BATCH_ACHIEVED[batch]}{count.achieved}个")
    return table


def _project_table(title: str, caption: str | None = None, short: bool = False) -> Table:
    """A list of projects: 编号, 项目名称, 县（市、区） (县区 when ``short``: six cells fewer on
    a narrow terminal), then the columns the caller adds."""
    table = _table(title, caption)
    table.add_column("编号", no_wrap=True)
    table.add_column("项目名称", overflow="fold", min_width=8)  # folded (never cut, nor its header)
    _name_column(table, "县区" if short else "县（市、区）")
    return table


def _more(shown: int, total: int, show_all: str = "") -> str:
    """；另有N个未列出 when a limit left rows out, with ``show_all`` in brackets if given."""
    if total <= shown:
        return ""
    return f"；另有{total - shown}个未列出" + (f"（{show_all}）" if show_all else "")


def warnings(summary: Summary, limit: int | None = None, show_all: str = "",
             short: bool = False) -> Table:
    rows = summary.lights[:limit]
    table = _project_table(f"红黄灯项目（{len(summary.lights)}个）",
                           "红灯在前，落后序时进度多的在前"
                           + _more(len(rows), len(summary.lights), show_all), short)
    table.add_column("灯", no_wrap=True)
    table.add_column("完成率", justify="right", no_wrap=True)
    table.add_column("原因", overflow="fold", min_width=8)  # folded, never cut
    for s in rows:
        p = s.project
        table.add_row(p.id, p.name, p.county, _light(s.light), percent(s.completion_rate),
                      reason_text(s.reason))
    return table


BAR_WIDTH = 16  # characters for 100% of the plan where the table has room ...
MIN_BAR = 8  # ... and at the least, on a narrower terminal
FULL, EMPTY, MARK = "█", "·", "|"


def progress_bar(rate: Decimal | None, time: Decimal, top: Decimal,
                 width: int = BAR_WIDTH) -> Text:
    """A bar of ``rate`` on a scale whose end is ``top`` (100%, or the highest rate above it),
    ``width`` characters long, with ``|`` at 序时进度 ``time``:
    green when the rate has reached it, red when not (plain characters without colour)."""
    if rate is None or top <= 0:
        return Text(DASH)
    filled = int(rounded(rate / top * width, 0))
    mark = min(int(rounded(time / top * width, 0)), width)
    cells = [FULL if i < filled else EMPTY for i in range(max(width, filled))]
    cells.insert(mark, MARK)
    bar = Text("".join(cells[: mark]), style="green" if rate >= time else "red")
    bar.append("".join(cells[mark:mark + 1]), style="bold")
    bar.append("".join(cells[mark + 1:]), style="green" if rate >= time else "red")
    return bar


class _Bar:
    """``progress_bar`` drawn at the width its column is given: ``BAR_WIDTH`` where the
    table has room, shorter (to ``MIN_BAR``) before a county's name or a figure is cut."""

    def __init__(self, rate: Decimal | None, time: Decimal, top: Decimal) -> None:
        self.rate, self.time, self.top = rate, time, top

    def __rich_measure__(self, console, options) -> Measurement:
        full = cell_len(progress_bar(self.rate, self.time, self.top).plain)
        return Measurement(min(MIN_BAR + 1, full), full)

    def __rich_console__(self, console, options):
        if options.max_width < MIN_BAR + 1:  # a cut bar would show a wrong rate: none
            yield Text("")
        else:
            yield progress_bar(self.rate, self.time, self.top,
                               min(BAR_WIDTH, options.max_width - 1))

    def __str__(self) -> str:
        return progress_bar(self.rate, self.time, self.top).plain


class _Note:
    """An overview row's note at the width its column is given: whole where it fits, else
    broken after its commas and spaces (计划新开工120个，/已开工104个), never inside a figure;
    a part longer than the column folds."""

    _PARTS = re.compile(r"[^，、；\s]*[，、；\s]*")

    def __init__(self, text: str) -> None:
        self.parts = [p for p in self._PARTS.findall(text) if p]

    def __rich_measure__(self, console, options) -> Measurement:
        widths = [cell_len(p) for p in self.parts] or [0]
        return Measurement(max(widths), sum(widths))

    def __rich_console__(self, console, options):
        lines = [""]
        for part in self.parts:
            if lines[-1] and cell_len(lines[-1] + part.rstrip()) > options.max_width:
                lines.append("")
            lines[-1] += part
        yield Text("\n".join(line.rstrip() for line in lines), overflow="fold")

    def __str__(self) -> str:
        return "".join(self.parts)


BAR_HEADER = "条形"
WIDE = 10_000  # columns: a console on which every table has its natural width


def _header(text: str, short: bool) -> str:
    """A figure's header, on two lines when ``short`` and it is four characters or more:
    年度计划 → 年度 / 计划, 报送及时率 → 报送 / 及时率 (the figures below are narrower)."""
    return f"{text[:2]}\n{text[2:]}" if short and len(text) >= 4 and "/" not in text else text


class _Fitted:
    """The first of ``tables`` that fits the console's width, the bar of a county's rate
    shortened (down to ``MIN_BAR``) to make it fit: first with every name on one line,
    then with long names folded (to no less than their header's width).

    Rich fits a table that is too wide by cutting its columns evenly, a county's name to
    "…" and 82.5% to "82…", or by folding the one column that may wrap to nothing; the
    variants (long headers on two lines, then no bar) keep every name and figure whole
    on a terminal of 80 columns and in a file's 100. Where none fits, rich cuts a copy of
    the last, the names as well.
    """

    def __init__(self, *tables: Table) -> None:
        self.tables = tables

    def __rich_console__(self, console, options):
        for fold in (False, True):  # every name on one line if any table allows it
            for table in self.tables:
                if _fit(table, console, options, fold):
                    yield table
                    return
        parts = _continued(self.tables[-1], console, options)
        if parts is not None:
            yield from parts
            if self.tables[-1].caption is not None:  # under the last, as wide as the console
                yield self.tables[-1].caption
            return
        # not even a name and one figure fit: rich cuts every column ("…"), the names'
        # too, which it would otherwise fold to nothing
        cut = copy(self.tables[-1])
        cut.columns = [replace(column, no_wrap=True) for column in cut.columns]
        yield cut


def _continued(table: Table, console, options) -> list[Table] | None:
    """``table`` as tables one under the other, each with its leading columns (up to
    and with its names) and a share of the others in order: as few parts as fit, the
    columns shared out evenly if that fits too; the second titled （续）, the caption left
    to go under the last. Names stay on one line (up to ``NAME_WIDTH``) if they can. None
    when a column does not fit even alone."""
    lead, rest = _leading(table)
    for fold in (False, True):
        groups: list[list[Column]] = [[]]
        for column in rest:
            trial = _part(table, [*lead, *groups[-1], column], 0)
            if groups[-1] and not _fit(trial, console, options, fold):
                groups.append([])
            groups[-1].append(column)
        if len(groups) < 2:
            continue
        # as many columns in each part as may be (5 and 5 rather than 8 and 2), if they fit
        count, n = len(groups), len(rest)
        even = [rest[i * n // count:(i + 1) * n // count] for i in range(count)]
        for split in (even, groups):
            parts = [_part(table, [*lead, *columns], number)
                     for number, columns in enumerate(split)]
            if all(_fit(part, console, options, fold) for part in parts):
                return parts
    return None


def _leading(table: Table) -> tuple[list[Column], list[Column]]:
    """``table``'s columns up to and with its names (every part repeats them), and the
    others."""
    lead = max((i + 1 for i, c in enumerate(table.columns) if c.overflow == "fold"), default=0)
    return table.columns[:lead], table.columns[lead:]


def _part(table: Table, columns: list[Column], number: int) -> Table:
    """A copy of ``table`` with ``columns`` only, and no caption: part ``number``."""
    part = copy(table)
    # each column's own copy, numbered anew: rich pads a column by its number (the last
    # has no right padding), and _fit sets widths on the columns it is given
    part.columns = [replace(column, _index=index) for index, column in enumerate(columns)]
    if number and isinstance(table.title, Text):
        part.title = Text(f"{table.title.plain}（续）", style=table.title.style)
    part.caption, part.min_width = None, None  # the caption's width: see _Fitted
    return part


def _fit(table: Table, console, options, fold: bool) -> bool:
    """Whether ``table`` fits ``options.max_width`` with its bar (if any) narrowed, and
    with ``fold`` its names folded (down to their columns' ``min_width``). The bar's width
    is then set, so that the names are the only columns rich may fold to make it fit."""
    bar = next((c for c in table.columns if c.header == BAR_HEADER), None)
    if bar is not None:
        bar.width = None
    names = [c for c in table.columns if c.overflow == "fold"]
    widest_names = [c.max_width for c in names]
    for column in names:
        if fold:
            column.max_width = column.min_width
    caption, table.min_width = table.min_width, None  # a caption may wrap: not a column
    narrowest = Measurement.get(console, options.update_width(WIDE), table).maximum
    table.min_width = caption
    for column, widest_name in zip(names, widest_names, strict=True):
        column.max_width = widest_name
    excess = max(0, narrowest - options.max_width)
    if fold and not excess:
        _share_out(names, widest_names, options.max_width - narrowest)
    if bar is None:
        return excess == 0
    widest = max(cell_len(str(cell)) for cell in [BAR_HEADER, *bar.cells])
    if excess and widest - excess < min(MIN_BAR + 1, widest):
        return False
    bar.width = widest - excess
    return True


def _share_out(names: list[Column], widest: list[int | None], spare: int) -> None:
    """The folded columns' widths once the table fits with each at its least: the
    ``spare`` cells shared out among them a cell at a time, each up to its longest line
    (or its own maximum). Rich, left to shrink them itself, cuts lines it has already
    folded wider."""
    room = []
    for column, most in zip(names, widest, strict=True):
        longest = max(cell_len(line) for cell in (column.header, *column.cells)
                      for line in str(cell).splitlines() or [""])
        column.max_width = column.min_width or 0
        room.append(max(0, min(longest, most or longest) - column.max_width))
    while spare > 0 and any(room):
        for i, column in enumerate(names):
            if room[i] and spare:
                column.max_width = (column.max_width or 0) + 1
                room[i] -= 1
                spare -= 1


def ranking(summary: Summary, *, short: bool = False, bar: bool = True) -> Table:
    """The counties in rank order (``short``: long headers on two lines; ``bar``: with the
    bar of each county's rate against 序时进度)."""
    time = summary.period.time_progress
    top = max([Decimal(1), *(r.figures.completion_rate for r in summary.ranking
                       if r.figures.completion_rate is not None)])
    scored = any(r.score is not None for r in summary.ranking)
    how = "按综合得分（投资完成率与报送及时率加权）" if scored else "按投资完成率"
    table = _table("县（市、区）排名", how + "，其次按完成投资；金额单位：亿元"
                   + (f"；条形：完成率，{MARK} 为序时进度" if bar else ""))
    table.add_column("排名", justify="right", no_wrap=True)
    _name_column(table, "县（市、区）")
    headers = ["项目", "年度计划", "完成投资", "完成率", "超序时", "预警", "红/黄/绿"]
    if scored:
        headers += ["报送及时率", "综合得分"]
    for header in headers:
        table.add_column(_header(header, short), justify="right", no_wrap=True)
    if bar:
        table.add_column(BAR_HEADER)  # shortened before anything else: see _Fitted
    for r in summary.ranking:
        f = r.figures
        cells: list[str | Text] = [str(r.rank), r.county, str(f.projects), yi(f.annual_plan),
                 yi(f.completed_ytd), percent(f.completion_rate),
                 points(f.schedule_gap_pp), _light(r.light), _lights(f)]
        if scored:
            cells += [percent(r.timeliness), percent(r.score)]
        table.add_row(*cells, *([_Bar(f.completion_rate, time, top)] if bar else []))
    return table


def overdue_issues(summary: Summary, limit: int | None = None, show_all: str = "") -> Table:
    """逾期督办事项 per responsible unit, the longest overdue first."""
    units = overdue_by_unit(summary.supervision)
    items = [(unit, item) for unit, found in units.items() for item in found]
    rows = items[:limit]
    as_of = summary.period.as_of
    table = _table(f"逾期督办事项（{len(items)}项）",
                   f"截至{as_of.year}年{as_of.month}月{as_of.day}日超过完成时限未办结；按责任单位"
                   + _more(len(rows), len(items), show_all))
    table.add_column("责任单位", overflow="fold")
    table.add_column("编号", no_wrap=True)
    table.add_column("项目", overflow="fold")
    table.add_column("事项", overflow="fold")
    table.add_column("完成时限", no_wrap=True)
    table.add_column("逾期", justify="right", no_wrap=True)
    for unit, item in rows:
        table.add_row(unit, item.issue.key or "—", item.project.name, item.issue.text,
                      item.deadline.isoformat(), f"{item.days}天")
    return table


def not_reported(summary: Summary, limit: int | None = None, show_all: str = "",
                 short: bool = False) -> Table:
    missing = [s for s in summary.projects if not s.reported]
    rows = missing[:limit]
    table = _project_table(f"未报送项目（{len(missing)}个）",
                           "沿用最近一次填报数据，从未填报的按0计"
                           + _more(len(rows), len(missing), show_all), short)
    table.add_column("形象进度", overflow="fold")
    for s in rows:
        table.add_row(s.project.id, s.project.name, s.project.county, s.progress or DASH)
    return table


def tables(summary: Summary, grouping: str = "level", limit: int | None = None,
           show_all: str = "") -> list[RenderableType]:
    """The summary's tables in reading order; empty lists are left out.

    ``limit`` caps the rows of the project lists (red/yellow, not reported); None: all;
    ``show_all`` says how to list them all.
    """
    parts: list[RenderableType] = [
        overview(summary),
        _Fitted(by_group(summary, grouping), by_group(summary, grouping, short=True)),
        batches(summary)]
    if summary.lights:
        parts.append(_Fitted(warnings(summary, limit, show_all),
                             warnings(summary, limit, show_all, short=True)))
    if summary.ranking:
        parts.append(_Fitted(ranking(summary), ranking(summary, short=True),
                             ranking(summary, short=True, bar=False)))
    if summary.not_reported:
        parts.append(_Fitted(not_reported(summary, limit, show_all),
                             not_reported(summary, limit, show_all, short=True)))
    if any(item.days_overdue is not None for item in summary.supervision):
        parts.append(overdue_issues(summary, limit, show_all))
    return parts


def summary_tables(summary: Summary, options: SummaryOptions) -> list[RenderableType]:
    """The ``--format table`` of ``summary``: the CLI prints them on the terminal's console."""
    return tables(summary, options.grouping, options.limit, options.show_all)


def _points_text(pp: Decimal | None) -> str:
    return DASH if pp is None else f"{points(pp)}个百分点"


STATUS_KINDS = (("missing", "未报送"), ("zero", "填报0，待核实"), ("repeated", "与上月完全相同"))


def status_tables(reporting: Reporting) -> list[RenderableType]:
    """``status``: a row per county, then the projects to chase, then who sent nothing."""
    month = f"{reporting.year}年{reporting.month}月"
    table = _table(f"{month}调度报送情况",
                   "零（按计划）：尚未开工或无年度计划而填0；零（待核实）：在建且有年度计划却填0"
                   if reporting.has_file else f"尚无{month}的调度文件，各项目均未报送")
    _name_column(table, "县（市、区）")
    for header in ("项目", "已报送", "未报送", "零（按计划）", "零（待核实）", "与上月相同",
                   "报送及时率"):
        table.add_column(header, justify="right", no_wrap=True)
    for c in reporting.counties:
        table.add_row(c.county, str(len(c.projects)), str(len(c.reported)), str(len(c.missing)),
                      str(len(c.zero_by_design)), str(len(c.zero)), str(len(c.repeated)),
                      percent(c.timeliness))
    parts: list[RenderableType] = [_Fitted(table)]  # on a narrow terminal: in parts, not cut
    chase = [(pid, c.county, words) for c in reporting.counties
             for kind, words in STATUS_KINDS for pid in getattr(c, kind)]
    if chase:
        listed = []
        for short in (False, True):
            chased = _project_table(f"需催报或核实的项目（{len(chase)}个）", short=short)
            chased.add_column("情况", no_wrap=True)
            for pid, county, words in chase:
                chased.add_row(pid, reporting.names[pid], county, words)
            listed.append(chased)
        parts.append(_Fitted(*listed))
    if reporting.silent:
        parts.append(Text("未报送任何项目的县（市、区）：" + "、".join(reporting.silent)))
    return parts
