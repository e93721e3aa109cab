"""What the templates see: the Summary and the narrative as plain, named data.

Figures stay exact ``Decimal`` here; the templates format them with the filters of
``FILTERS`` (the helpers of ``majorproj.render.numbers``), so a figure reads the same
in the report as in every other output. Vocabulary keys become the Chinese terms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any, overload

from majorproj.ledger import vocab
from majorproj.ledger.models import Config, Narrative, Thresholds
from majorproj.metrics import CountyRank, Figures, ProjectStatus, Summary
from majorproj.metrics.supervision import overdue_by_unit
from majorproj.periods import Period, chinese_date, month_label
from majorproj.render.compare import growth_text, increase_text, rate_change_text
from majorproj.render.numbers import money, percent, points, rounded, wan, yi
from majorproj.render.reasons import gap_text, reason_text, rule_text
from majorproj.report.prose import chinese_number, paragraphs

LEVEL_SHORT = {"provincial": "省", "municipal": "市", "county": "县"}


@dataclass(frozen=True)
class Group:
    """One group's figures under its Chinese name (省重点, a county, a sector, a tag)."""

    name: str
    short: str  # 省 / 市 / 县 for levels, the name otherwise
    figures: Figures


@dataclass(frozen=True)
class BatchLine:
    """三个一批, one batch: 开工一批 61 个, 已开工 47 个."""

    name: str
    verb: str
    members: int
    achieved: int


@dataclass(frozen=True)
class FundingLine:
    """A source of the year's funds (中央预算内资金、专项债券 …) and its amount in 万元."""

    source: str
    amount: Decimal


@dataclass(frozen=True)
class ProcedureLine:
    """One pre-construction procedure among the projects not yet started."""

    name: str
    done: int
    in_progress: int
    not_started: int

    @property
    def states(self) -> str:
        """已办结3个、办理中2个 (the statuses with projects)."""
        counts = zip(("已办结", "办理中", "未启动"),
                     (self.done, self.in_progress, self.not_started), strict=True)
        return "、".join(f"{label}{n}个" for label, n in counts if n)


@dataclass(frozen=True)
class IssueLine:
    """One open issue: category (土地 …), text and the unit responsible (may be empty)."""

    category: str
    text: str
    unit: str


@dataclass(frozen=True)
class ProjectLine:
    """One project as the prose names it."""

    name: str
    county: str
    level: str
    light: str  # 红灯 / 黄灯 / 绿灯 / ""
    overdue: bool  # 逾期未开工
    reason: str
    behind: str  # 44.2个百分点 when it is behind 序时进度 (the reason's figure alone), else ""
    leader: str
    unit: str
    issues: tuple[IssueLine, ...]  # its open issues


@dataclass(frozen=True)
class IssueGroup:
    """Open issues of one category: how many, in how many projects, and which."""

    category: str
    issues: int
    project_count: int
    projects: tuple[ProjectLine, ...]


@dataclass(frozen=True)
class OverdueLine:
    """One overdue 督办事项: its project, what it is, its deadline and days overdue."""

    project: str
    text: str
    deadline: str  # 6月20日
    days: int


@dataclass(frozen=True)
class OverdueUnit:
    """A responsible unit's overdue 督办事项, the longest overdue first."""

    unit: str
    items: tuple[OverdueLine, ...]


@dataclass(frozen=True)
class ReportContext:
    """Everything a report's templates print, worked out from the ledger for one period."""

    title: str
    city: str
    organ: str
    year: int
    period: Period
    month_label: str  # 1-6月
    as_of: str  # 6月底
    date: date
    date_text: str  # 2024年7月15日
    time_progress: Decimal
    report_month: int | None  # the monthly report the figures come from (None: none yet)
    thresholds: Thresholds  # the warning rule's settings
    light_rule: str  # the rule in words: 落后序时进度超过30个百分点或逾期未开工的亮红灯，…
    overall: Figures
    levels: tuple[Group, ...]
    counties: tuple[Group, ...]
    sectors: tuple[Group, ...]
    tags: tuple[Group, ...]
    batches: tuple[BatchLine, ...]  # only batches with members
    funding: tuple[FundingLine, ...]  # only sources with money
    funding_total: Decimal
    plans_pending: bool  # no annual plan yet, every one 待定 (null, as after a rollover)
    procedures: tuple[ProcedureLine, ...]  # only procedures some unstarted project needs
    unstarted: int  # projects not yet started (procedures are counted among them)
    unstarted_preparatory: int  # those of them 预备 (not among the 计划新开工)
    unstarted_investment: Decimal
    overdue: ProjectLines  # 逾期未开工
    issue_groups: tuple[IssueGroup, ...]  # categories with open issues, most projects first
    red: ProjectLines
    yellow: ProjectLines
    # red and yellow projects 逾期未开工; 逾期未开工 without a light (no annual plan); and red
    # and yellow ones behind 序时进度, furthest first: what the prose names of them (picked
    # here, not in the sandbox, which took 40 ms at 10,000 projects)
    lit_overdue: ProjectLines
    unlit_overdue: ProjectLines
    behind_schedule: ProjectLines
    not_reported: tuple[str, ...]  # project names
    never_reported: int  # of them, those with no report at all this year (counted 0)
    ranking: tuple[CountyRank, ...]  # counties that have a completion rate
    growth_ranking: tuple[Group, ...]  # counties with a 同比增长, the fastest growing first
    overdue_units: tuple[OverdueUnit, ...]  # 逾期督办事项 per responsible unit
    narrative: Narrative
    summary: Summary

    def as_template_vars(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def following_15th(period: Period) -> date:
    """The 成文日期 when none is given: the 15th of the month after the as-of month."""
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return date(year, month, 15)


def report_date(config: Config, period: Period) -> date:
    """The report's 成文日期: the configured date, else ``following_15th``; and
    ``following_15th`` too when the configured date is not one a report of this period is
    written on: before the period's end (a date set for the half-year report is no date for
    the 1-10月 one), or after the end of the second month after it (nor for the 一季度 one,
    whose figures it would date three months late)."""
    configured = config.report.date
    year, month = divmod(period.as_of.year * 12 + period.as_of.month - 1 + 3, 12)
    latest = date(year, month + 1, 1)  # the day after the second month after the as-of one
    if configured is None or not period.as_of < configured < latest:
        return following_15th(period)
    return configured


def default_title(config: Config, period: Period) -> str:
    return f"{config.city}{period.title}重大项目工作情况报告"


def report_title(config: Config, period: Period) -> str:
    return config.report.title or default_title(config, period)


def names(items: Iterable[Any], limit: int | None = None, attribute: str = "name") -> str:
    """Names joined with 、; beyond ``limit`` the rest become 等N个."""
    every = items if isinstance(items, Sequence) else list(items)
    shown = every if limit is None else every[:limit]  # of ProjectLines, only those made
    values = [getattr(i, attribute) if attribute and not isinstance(i, str) else i
              for i in shown]
    more = f"等{len(every)}个" if limit is not None and len(every) > limit else ""
    return "、".join(values) + more


_CLOSING = tuple("。！？；：…）”")


def sentence(text: str) -> str:
    """``text`` ending in 。 unless it already ends in punctuation (a heading's lead)."""
    text = text.strip()
    return text if not text or text.endswith(_CLOSING) else text + "。"


def last_year_text(f: Figures) -> str:
    """较去年同期增长34.4亿元、同比增长24.6% (amounts by ``money``); "" without 同比."""
    if f.last_year is None:
        return ""
    parts = ("较去年同期" + increase_text(f.last_year.increase, money),
             growth_text(f.last_year.growth))
    return "、".join(p for p in parts if p)


def rate_change(f: Figures) -> str:
    """同比提高8.2个百分点 (the completion rate's change); "" without it."""
    return rate_change_text(f.last_year.completion_rate_pp) if f.last_year else ""


def growth(f: Figures) -> str:
    """同比增长24.6% (the completed investment's); "" without it."""
    return growth_text(f.last_year.growth) if f.last_year else ""


FILTERS: dict[str, Callable[..., Any]] = {
    "yi": yi,
    "wan": wan,
    "percent": percent,
    "points": points,
    "money": money,
    "cn": chinese_number,
    "names": names,
    "schedule": gap_text,
    "paragraphs": paragraphs,
    "sentence": sentence,
    "last_year": last_year_text,
    "growth": growth,
    "rate_change": rate_change,
}
"""The template filters: number formats of render/numbers.py, plus 亿/万 choice and lists."""


def build_context(config: Config, summary: Summary, narrative: Narrative | None,
                  day: date | None = None) -> ReportContext:
    """What the templates are given; ``day`` the 成文日期 (default: ``report_date``)."""
    period = summary.period
    overall = summary.overall
    unstarted = [s for s in summary.projects if not s.under_way]
    lines = _Lines(summary)
    lights = summary.lights  # red then yellow

    def named(statuses: Iterable[ProjectStatus]) -> ProjectLines:
        return ProjectLines(tuple(statuses), lines)

    overdue = [s for s in summary.projects if s.overdue]
    day = day or report_date(config, period)
    return ReportContext(
        title=report_title(config, period),
        city=config.city,
        organ=config.organ,
        year=summary.year,
        period=period,
        month_label=month_label(period.month),
        as_of=f"{period.month}月底",
        date=day,
        date_text=chinese_date(day),
        time_progress=period.time_progress,
        report_month=summary.report_month,
        thresholds=summary.thresholds,
        light_rule=rule_text(summary.thresholds),
        overall=overall,
        levels=tuple(Group(vocab.LEVELS[k], LEVEL_SHORT[k], f)
                     for k, f in summary.groups["level"].items()),
        counties=_groups(summary, "county"),
        sectors=_groups(summary, "sector"),
        tags=_groups(summary, "tag"),
        batches=tuple(BatchLine(vocab.BATCHES[k], vocab.BATCH_VERBS[k], b.members, b.achieved)
                      for k, b in overall.batches.items() if b.members),
        funding=tuple(FundingLine(vocab.FUNDING_SOURCES[k], v)
                      for k, v in overall.funding.items() if v),
        funding_total=overall.funding_total,
        plans_pending=bool(summary.projects) and not overall.annual_plan and all(
            s.project.annual_plan is None for s in summary.projects),
        procedures=tuple(
            ProcedureLine(vocab.PROCEDURES[k], s["done"], s["in_progress"], s["not_started"])
            for k, s in overall.procedures.items()
            if s["done"] or s["in_progress"] or s["not_started"]),
        unstarted=len(unstarted),
        unstarted_preparatory=sum(s.project.nature == "preparatory" for s in unstarted),
        unstarted_investment=sum((s.project.total_investment for s in unstarted), Decimal(0)),
        overdue=named(overdue),
        issue_groups=issue_groups(summary, lines),
        red=named(s for s in lights if s.light == "red"),
        yellow=named(s for s in lights if s.light == "yellow"),
        lit_overdue=named(s for s in lights if s.overdue),
        unlit_overdue=named(s for s in overdue if not s.light),
        behind_schedule=named(s for s in lights if not s.overdue),
        not_reported=tuple(lines.named(pid) for pid in summary.not_reported),
        never_reported=sum(1 for s in summary.projects if not s.reported and not s.carried),
        ranking=tuple(r for r in summary.ranking if r.figures.completion_rate is not None),
        growth_ranking=growth_ranking(summary),
        overdue_units=overdue_units(summary),
        narrative=narrative or Narrative(),
        summary=summary,
    )


def overdue_units(summary: Summary) -> tuple[OverdueUnit, ...]:
    year = summary.period.year
    return tuple(
        OverdueUnit(unit, tuple(OverdueLine(i.project.name, i.issue.text,
                                            _deadline(i.deadline, year), i.days)
                                for i in items))
        for unit, items in overdue_by_unit(summary.supervision).items())


def _deadline(day: date, year: int) -> str:
    """6月20日 in the report's year; 2024年6月20日 for a 督办 carried from another year."""
    return f"{day.month}月{day.day}日" if day.year == year else chinese_date(day)


def _groups(summary: Summary, grouping: str) -> tuple[Group, ...]:
    return tuple(Group(name, name, f) for name, f in summary.groups[grouping].items())


def growth_ranking(summary: Summary) -> tuple[Group, ...]:
    """Counties with projects and a 同比增长, the fastest growing first (config order on ties)."""
    growing = [(last.growth, g) for g in _groups(summary, "county")
               if g.figures.projects and (last := g.figures.last_year) is not None
               and last.growth is not None]
    return tuple(g for _, g in sorted(growing, key=lambda pair: -pair[0]))


def project_line(status: ProjectStatus) -> ProjectLine:
    p = status.project
    return ProjectLine(
        name=p.name,
        county=p.county,
        level=vocab.LEVELS[p.level],
        light=vocab.LIGHTS.get(status.light or "", ""),
        overdue=status.overdue,
        reason=reason_text(status.reason),
        behind=_behind(status),
        leader=p.leader or "",
        unit=p.unit or "",
        issues=tuple(IssueLine(vocab.ISSUE_CATEGORIES[i.category], i.text, i.unit or "")
                     for i in status.issues),
    )


def _behind(status: ProjectStatus) -> str:
    gap = status.reason.gap_pp
    if status.reason.kind != "gap" or gap is None or rounded(gap, 1) >= 0:
        return ""
    return f"{points(-gap, *(-b for b in status.reason.bounds))}个百分点"


class ProjectLines(Sequence[ProjectLine]):
    """Projects as the prose names them, a tuple to the templates, each ``ProjectLine``
    made when first read: the prose counts the red and yellow projects (6,000 of 10,000
    in a bad year) and names a few, and making every line cost 40 ms."""

    __slots__ = ("_statuses", "_lines")

    def __init__(self, statuses: tuple[ProjectStatus, ...], lines: _Lines) -> None:
        self._statuses = statuses
        self._lines = lines

    def __len__(self) -> int:
        return len(self._statuses)

    @overload
    def __getitem__(self, index: int) -> ProjectLine: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[ProjectLine, ...]: ...

    def __getitem__(self, index: int | slice) -> ProjectLine | tuple[ProjectLine, ...]:
        if isinstance(index, slice):
            return tuple(map(self._lines.of, self._statuses[index]))
        return self._lines.of(self._statuses[index])

    def __iter__(self) -> Iterator[ProjectLine]:
        return map(self._lines.of, self._statuses)

    def __add__(self, other: Iterable[ProjectLine]) -> tuple[ProjectLine, ...]:
        return (*self, *other)  # red + yellow, as with the tuples templates were given

    def __radd__(self, other: Iterable[ProjectLine]) -> tuple[ProjectLine, ...]:
        return (*other, *self)

    def __repr__(self) -> str:
        return f"ProjectLines({len(self)} projects)"


class _Lines:
    """The projects' ``ProjectLine``, each made when the prose first names it: the prose
    names the few red, yellow, overdue or troubled projects, not every one."""

    def __init__(self, summary: Summary) -> None:
        self._summary = summary
        self._lines: dict[str, ProjectLine] = {}
        self._names: dict[str, str] | None = None

    def of(self, status: ProjectStatus) -> ProjectLine:
        line = self._lines.get(status.project.id)
        if line is None:
            line = self._lines[status.project.id] = project_line(status)
        return line

    def named(self, pid: str) -> str:
        """The name of the project ``pid``."""
        if self._names is None:
            self._names = {s.project.id: s.project.name for s in self._summary.projects}
        return self._names[pid]


def issue_groups(summary: Summary, lines: _Lines) -> tuple[IssueGroup, ...]:
    """Categories with open issues, the most projects first (vocabulary order on ties),
    其他 last."""
    affected: dict[str, list[ProjectLine]] = {}  # category → its projects, in ledger order
    for line in (lines.of(s) for s in summary.projects if s.issues):
        own: dict[str, list[IssueLine]] = {}
        for issue in line.issues:
            own.setdefault(issue.category, []).append(issue)
        for category, issues in own.items():
            affected.setdefault(category, []).append(replace(line, issues=tuple(issues)))
    figures = summary.overall
    groups = [IssueGroup(category, figures.issues[key], figures.issue_projects[key],
                         tuple(affected[category]))
              for key, category in vocab.ISSUE_CATEGORIES.items() if category in affected]
    other = vocab.ISSUE_CATEGORIES["other"]
    return tuple(sorted(groups, key=lambda g: (g.category == other, -g.project_count)))
