"""Ledger format 1 as records: the field names and values are the contract.

Every part of a file, the config and a file's whole content as much as a project, a
month's entry and its issues (of which a province's ledger holds hundreds of
thousands), is a slotted, frozen dataclass (``@record``, ledger/fields.py) validated by
pydantic-core: no per-object dict, a third of the memory of a model.

Amounts are 万元 as ``Decimal``. Checks that belong to one value (an amount's sign
and places, a date that exists, text without control characters) live here and
raise errors whose type is the problem code; checks across fields or records live
in ``rules``. Titles and descriptions are Chinese: they become the JSON Schema that
editors show.

Its annotations are objects, not the strings ``from __future__ import annotations`` would
make them: each record's field types are read on every start (validation schemas, unknown
keys), and strings would have to be compiled and evaluated again each time (5 ms of a
small ledger's check).
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Literal

from majorproj.ledger import vocab
from majorproj.ledger.fields import After, Before, Field, PydanticCustomError, record
from majorproj.periods import MONTH_PATTERN, YEARS
from majorproj.text import NOT_IN_WORD

_PLACES = Decimal("0.0001")
_NO_FUNDS = Decimal(0)
MAX_AMOUNT = Decimal(10) ** 9  # 万元: ten trillion yuan, beyond any single project


# While a ledger loads, equal values are kept once (``shared_values``): a province's year
# repeats most of its amounts and short texts (an amount unchanged from last month, the
# same 形象进度, every project's county), and each copy would cost a Decimal or a str.
_texts: dict[str, str] | None = None
_amounts: dict[str, Decimal] | None = None  # by their text: 1.0 and 1 stay apart
SHARED_TEXT = 64  # longer texts are seldom written twice: not worth remembering


@contextmanager
def shared_values() -> Iterator[None]:
    """Inside the block, an equal text or amount validated again is the one validated first."""
    global _texts, _amounts
    outer = _texts, _amounts
    if _texts is None:
        _texts, _amounts = {}, {}
    try:
        yield
    finally:
        _texts, _amounts = outer


def _text(value: str) -> str:
    if not value.isprintable() and (bad := NOT_IN_WORD.search(value)):
        raise PydanticCustomError(
            "E109", "contains the control character {char} at position {at}",
            {"char": repr(bad.group()), "at": bad.start() + 1})
    if _texts is not None and len(value) <= SHARED_TEXT:
        return _texts.setdefault(value, value)
    return value


def _amount(value: Decimal) -> Decimal:
    if _amounts is not None:
        text = str(value)
        if (seen := _amounts.get(text)) is not None:
            return seen  # the same digits and exponent, already found sound
    if not value.is_finite():
        raise PydanticCustomError("E105", "must be a finite number (got {value})",
                                  {"value": str(value)})
    if value < 0:
        raise PydanticCustomError("E104", "must be ≥ 0 (got {value})", {"value": str(value)})
    if value >= MAX_AMOUNT:
        raise PydanticCustomError("E104", "is {value} 万元, beyond any project (amounts are 万元)",
                                  {"value": str(value)})
    if value != value.quantize(_PLACES, rounding=ROUND_DOWN):
        raise PydanticCustomError("E106", "has more than 4 decimal places (got {value})",
                                  {"value": str(value)})
    if _amounts is not None:
        _amounts[text] = value
    return value


def _positive(value: Decimal) -> Decimal:
    if value == 0:
        raise PydanticCustomError("E104", "must be > 0 (got {value})", {"value": str(value)})
    return value


def _year(value: int) -> int:
    if value not in YEARS:
        raise PydanticCustomError("E110", "{value} is not a plausible year", {"value": value})
    return value


def _real_date(value: date) -> date:
    if value.year not in YEARS:
        raise PydanticCustomError("E110", "{value} is outside the years {first}–{last}",
                                  {"value": value.isoformat(), "first": YEARS[0],
                                   "last": YEARS[-1]})
    return value


Text = Annotated[str, After(_text)]
Name = Annotated[str, Field(min_length=1, max_length=500), After(_text)]


def _one_line(value: str) -> str:
    if (found := _LINE_BREAK.search(value)) is not None:
        raise PydanticCustomError(
            "E109", "{value} contains a line break at position {at}: a name of the ledger (a "
            "city, a county, a sector, a tag, a font) is one line",
            {"value": repr(value), "at": found.start() + 1})
    return value


_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
# a name that heads a section, a row or a ranking: a line break in it would make
# another paragraph, or a county the audit cannot find again
Label = Annotated[Name, After(_one_line)]
Amount = Annotated[Decimal, After(_amount)]
PositiveAmount = Annotated[Decimal, After(_amount), After(_positive)]
Year = Annotated[int, After(_year)]
Day = Annotated[date, After(_real_date)]
YearMonth = Annotated[str, Field(pattern=MONTH_PATTERN, examples=["2024-06"])]
ProjectId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$", examples=["SZ-001"])]
ProjectCode = Annotated[
    str, Field(pattern=r"^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$",
               examples=["2024-360402-44-01-012345"])
]

if TYPE_CHECKING:  # to a type checker, a vocabulary's key is a str
    Level = str
    Nature = str
    Batch = str
    ProcedureName = str
    ProcedureStatus = str
    FundingSource = str
    IssueCategory = str
    IssueStatus = str
else:  # to validation, one of the vocabulary's keys (vocab holds them once)
    Level = Literal[tuple(vocab.LEVELS)]
    Nature = Literal[tuple(vocab.NATURES)]
    Batch = Literal[tuple(vocab.BATCHES)]
    ProcedureName = Literal[tuple(vocab.PROCEDURES)]
    ProcedureStatus = Literal[tuple(vocab.PROCEDURE_STATUSES)]
    FundingSource = Literal[tuple(vocab.FUNDING_SOURCES)]
    IssueCategory = Literal[tuple(vocab.ISSUE_CATEGORIES)]
    IssueStatus = Literal[tuple(vocab.ISSUE_STATUSES)]
IssueKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,80}$", examples=["DH-001-1"])]


# ── majorproj.yaml ──────────────────────────────────────────────────────────────


@record
class Thresholds:
    """预警规则: how far behind 序时进度 a project may fall before its light turns."""

    yellow_pp: Amount = Field(Decimal(10), title="黄灯阈值",
                              description="落后序时进度超过该值亮黄灯（百分点；measure 为 share "
                                          "时为序时进度的百分之几）")
    red_pp: Amount = Field(Decimal(30), title="红灯阈值",
                           description="落后序时进度超过该值亮红灯（单位同黄灯阈值）")
    measure: Literal["points", "share"] = Field(
        "points", title="落后口径",
        description="points 落后的百分点（默认）· share 落后部分占序时进度的百分比"
        "（如三亚：落后超过"
                    "序时进度50%亮红灯）")
    bounds: Literal["strict", "inclusive"] = Field(
        "strict", title="黄灯边界",
        description="strict 超过黄灯阈值才亮黄灯（默认）· inclusive 达到即亮（如银川：落后10~30个"
                    "百分点，含本数，亮黄灯）；超过红灯阈值亮红灯")
    overdue_red_months: int = Field(
        1, ge=1, le=12, title="逾期转红月数",
        description="逾期未开工满该月数亮红灯，此前亮黄灯；1（默认）即逾期即亮红灯（银川：3）")


def _months_once(value: Any) -> Any:
    """A mapping by month whose keys name each month once: 6 and 06 (or 6.0, '6') would both
    be June, and the one written last would replace the other without a word."""
    if not isinstance(value, dict):
        return value  # the mapping's own validation says what it should be
    seen: dict[object, object] = {}
    for key in value:
        month = _month_of(key)
        if month in seen:
            raise PydanticCustomError(
                "E003", "names month {month} twice ({first} and {second}): the one written "
                "last would replace the other", {"month": month, "first": str(seen[month]),
                                                 "second": str(key)})
        seen[month] = key
    return value


def _month_of(key: object) -> object:
    """The month a key names, as validation will read it (the key itself when it names none)."""
    if isinstance(key, bool):
        return key
    if isinstance(key, (int, float, Decimal)):
        return int(key) if key == int(key) else key
    if isinstance(key, str):
        try:
            number = Decimal(key.strip())
        except ArithmeticError:
            return key
        return int(number) if number.is_finite() and number == int(number) else key
    return key


def _once(values: list) -> list:
    """A list that names each of its items once: a batch or a county listed twice would be
    counted twice."""
    seen = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("E103", "lists {value} twice", {"value": value})
        seen.add(value)
    return values


Once = After(_once)
MonthNumber = Annotated[int, Field(ge=1, le=12)]
ByMonth = Annotated[dict[MonthNumber, Amount], Before(_months_once)]


@record
class Targets:
    """阶段目标: the cumulative investment due by the end of a month, for 履约率."""

    unit: Literal["wan", "share"] = Field(
        "wan", title="目标单位",
        description="wan 万元（默认）· share 占年度计划的比例（0.6 即60%）")
    overall: ByMonth = Field(
        default_factory=dict, title="全市累计目标",
        description="月份（1-12）→ 截至该月底累计应完成投资，如 6: 1536000（上半年目标任务）")
    counties: dict[Label, ByMonth] = Field(
        default_factory=dict, title="各县（市、区）累计目标", description="县名 → 月份 → 目标")


@record
class Fonts:
    """报告字体：标题、正文、各级标题、页码与西文."""

    title: Label = Field("方正小标宋简体", title="标题字体")
    body: Label = Field("仿宋_GB2312", title="正文字体")
    heading1: Label = Field("黑体", title="一级标题字体", description="一、")
    heading2: Label = Field("楷体_GB2312", title="二级标题字体", description="（一）")
    page_number: Label = Field("宋体", title="页码字体")
    latin: Label = Field("Times New Roman", title="西文字体")


_DOCUMENT_NUMBER = re.compile(
    r"^(?P<agency>\S.*?)\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]\s*第?\s*(?P<serial>\d+)\s*号$")


def _document_number(value: str) -> str:
    """发文字号 in GB/T 9704's form: 某发改〔2024〕12号 (六角括号, no 第, no padding zeros).

    Brackets written as [ ] ［ ］ 【 】 ( ) （ ）, a 第 and leading zeros are put right."""
    found = _DOCUMENT_NUMBER.match(value.strip())
    if not found or int(found["serial"]) == 0:
        raise PydanticCustomError(
            "E103",
            "'{value}' is not a 发文字号 of the form 代字〔年份〕N号, e.g. 某发改〔2024〕12号",
            {"value": value})
    return f"{found['agency']}〔{found['year']}〕{int(found['serial'])}号"


DocumentNumber = Annotated[str, After(_text), After(_document_number)]


@record
class ReportSettings:
    """报告：标题、成文日期、字体、插图、发文字号与版记（抄送、印发）."""

    title: Text | None = Field(None, title="报告标题", description="留空则按市名、年度和期间生成")
    date: Day | None = Field(None, title="成文日期", description="留空则取期间截止日的次月15日")
    fonts: Fonts = Field(default_factory=Fonts, title="字体")
    charts: bool = Field(True, title="插图",
                         description="false: 报告不插入统计图（Markdown 亦不附图表数据）")
    number: DocumentNumber | None = Field(
        None, title="发文字号", examples=["某发改〔2024〕12号"],
        description="留空则不印；[2024]、（2024）、第、012 等写法改为 某发改〔2024〕12号")
    copy_to: list[Name] = Field(default_factory=list, title="抄送机关",
                                description="版记的抄送，如 [市委办公室, 市政府办公室]")
    printed_by: Name | None = Field(None, title="印发机关",
                                    description="版记的印发机关；留空而有抄送时为发文机关")
    printed_on: Day | None = Field(None, title="印发日期", description="留空则同成文日期")


@record
class Totals:
    """上年各月1-N月累计完成投资，及上年年度计划."""

    annual_plan: Amount | None = Field(None, title="上年年度计划投资（万元）",
                                       description="给出则计算投资完成率同比")
    completed_ytd: ByMonth = Field(
        default_factory=dict, title="上年1-N月累计完成投资（万元）",
        description="月份（1-12）→ 上年1月至该月累计完成投资", examples=[{6: 1500000}])


@record
class LastYearTotals(Totals):
    """上年同期合计（没有上年台账时用于同比）：全市，及各县（市、区）（可选）."""

    counties: dict[Label, Totals] = Field(default_factory=dict, title="各县（市、区）")


@record
class MonthlySettings:
    """月度调度：填报表报送时限、县（市、区）排名与通报红黑榜."""

    deadline_day: int = Field(5, ge=1, le=28, title="报送截止日",
                              description="填报表次月几日前报送（1–28）")
    timeliness_weight: Amount = Field(
        Decimal(0), le=1, title="报送及时率权重",
        description="大于0时县（市、区）按综合得分排名：(1−权重)×投资完成率 + 权重×报送及时率")
    red_list: int = Field(5, ge=0, le=50, title="红榜个数",
                          description="通报红榜：达到序时进度的县（市、区）中完成率最高的几个")
    black_list: int = Field(4, ge=0, le=50, title="黑榜个数",
                            description="通报黑榜：未达到序时进度的县（市、区）中完成率最低的几个")


@record
class Config:
    """majorproj.yaml: 台账配置."""

    format: Literal[1] = Field(title="格式版本")
    city: Label = Field(title="市名", examples=["某市"])
    organ: Label = Field(title="发文机关", examples=["某市发展和改革委员会"])
    year: Year = Field(title="年度")
    counties: Annotated[list[Label], Once] = Field(min_length=1, title="县（市、区）")
    sectors: Annotated[list[Label], Once] = Field(min_length=1, title="行业类别")
    tags: Annotated[list[Label], Once] = Field(default_factory=list, title="专项标签",
                                              examples=[["灾后重建"]])
    thresholds: Thresholds = Field(default_factory=Thresholds, title="预警阈值")
    targets: Targets = Field(default_factory=Targets, title="阶段目标",
                             description="留空则履约率的目标为年度计划 × N/12")
    report: ReportSettings = Field(default_factory=ReportSettings, title="报告设置")
    previous: Text | None = Field(None, title="上年台账",
                                  description="上年台账的目录（相对本台账目录），用于同比")
    previous_totals: LastYearTotals | None = Field(
        None, title="上年同期合计",
        description="没有上年台账时，给出上年各月累计完成投资，用于同比")
    monthly: MonthlySettings = Field(default_factory=MonthlySettings, title="月度调度设置")


# ── projects/*.yaml ─────────────────────────────────────────────────────────────


@record
class Milestones:
    """项目节点：开工、投产、达效、竣工日期."""

    started: Day | None = Field(default=None, title="开工日期")
    production: Day | None = Field(default=None, title="投产日期")
    efficiency: Day | None = Field(default=None, title="达效日期")
    completed: Day | None = Field(default=None, title="竣工日期")


@record
class Project:
    """一个重点项目."""

    id: ProjectId = Field(title="项目编号", description="台账内唯一，字母、数字、-、_")
    code: ProjectCode | None = Field(default=None, title="项目代码", description="全国投资项目代码")
    name: Name = Field(title="项目名称")
    level: Level = Field(title="项目级别",
                         description="provincial 省重点 · municipal 市重点 · county 县重点")
    county: Label = Field(title="县（市、区）")
    sector: Label = Field(title="行业类别")
    nature: Nature = Field(title="建设性质",
                           description="new 新开工 · continuing 续建 · preparatory 预备")
    owner: Text | None = Field(default=None, title="建设单位")
    scale: Text | None = Field(default=None, title="建设规模及内容")
    start_year: Year | None = Field(default=None, title="建设起始年")
    end_year: Year | None = Field(default=None, title="建设终止年")
    total_investment: PositiveAmount = Field(title="总投资（万元）")
    completed_before: Amount = Field(default=Decimal(0), title="至上年底累计完成投资（万元）")
    annual_plan: Amount | None = Field(title="本年计划投资（万元）",
                                       description="null：待定（结转后尚未确定）")
    planned_start: Day | YearMonth | None = Field(default=None, title="计划开工",
                                                  description="YYYY-MM 或日期；新开工项目必填")
    planned_completion: Day | YearMonth | None = Field(default=None, title="计划竣工（投产）")
    batches: Annotated[list[Batch], Once] | None = Field(default_factory=list, title="三个一批",
                                        description="start 开工一批 · production 投产一批 · "
                                                    "efficiency 达效一批；null：待定")
    tags: Annotated[list[Label], Once] = Field(default_factory=list, title="专项标签")
    leader: Text | None = Field(default=None, title="包联市领导")
    unit: Text | None = Field(default=None, title="责任单位")
    procedures: dict[ProcedureName, ProcedureStatus] = Field(
        default_factory=dict, title="前期手续",
        description="立项 approval · 用地 land · 规划 planning · 环评 eia · 施工许可 permit · "
                    "用林 forest · 用海 sea · 能评 energy")
    funding: dict[FundingSource, Amount] = Field(default_factory=dict, title="本年到位资金（万元）")
    milestones: Milestones = Field(default_factory=Milestones, title="节点")


@record
class ProjectsFile:
    """projects/*.yaml: 项目清单."""

    projects: list[Project] = Field(title="项目")


# ── progress/YYYY-MM.yaml ───────────────────────────────────────────────────────

_NOTHING: Mapping = MappingProxyType({})


def _nothing() -> Mapping:
    return _NOTHING



@record
class Issue:
    """存在问题；有完成时限或办理状态的为督办事项（交办给责任单位）."""

    key: IssueKey | None = Field(default=None, title="问题编号",
                                 description="跨月不变的编号（如 DH-001-1），导入时自动编写；"
                                             "同一问题在各月填报中编号相同")
    category: IssueCategory = Field(title="问题类别")
    text: Name = Field(title="问题描述")
    unit: Text | None = Field(default=None, title="责任单位")
    supporting_unit: Text | None = Field(default=None, title="配合单位")
    deadline: Day | None = Field(default=None, title="完成时限",
                                 description="督办事项的办结期限；过期未办结即为逾期")
    status: IssueStatus | None = Field(
        default=None, title="办理状态",
        description="pending 待办理 · in_progress 推进中 · done 已办结 · extension 申请延期")
    resolved: bool = Field(default=False, title="已解决", description="与 status: done 同义")

    @property
    def closed(self) -> bool:
        """已解决 / 已办结: resolved, or its status is done."""
        return self.resolved or self.status == "done"

    @property
    def supervised(self) -> bool:
        """A 督办事项: handed over with a deadline or a handling status."""
        return self.deadline is not None or self.status is not None


@record
class Entry:
    """一个项目本月的填报."""

    # What most entries leave out is one shared empty tuple or read-only mapping, not a new
    # list and two dicts for each of a year's hundreds of thousands of entries.
    completed_ytd: Amount = Field(title="本年累计完成投资（万元）", description="1月1日起累计")
    progress: Text | None = Field(default=None, title="形象进度")
    issues: tuple[Issue, ...] = Field(default=(), title="存在问题")
    funding_secured: Amount | None = Field(default=None, title="本年累计到位资金（万元）",
                                           description="1月1日起累计到位资金，填报表中填写")
    funding: Mapping[FundingSource, Amount] = Field(
        default_factory=_nothing, title="本年到位资金（万元）",
        description="截至本月底本年累计到位资金，按来源；写出的来源取代项目清单中的数值")
    procedures: Mapping[ProcedureName, ProcedureStatus] = Field(
        default_factory=_nothing, title="前期手续变化",
        description="本月状态有变化的手续，如 land: done；未写的沿用此前的状态")


@record
class Progress:
    """progress/YYYY-MM.yaml: 月度调度."""

    month: YearMonth = Field(title="月份", description="与文件名一致")
    entries: dict[ProjectId, Entry] = Field(default_factory=dict, title="各项目填报")


# ── narrative/PERIOD.yaml ───────────────────────────────────────────────────────


@record
class Paragraph:
    """一段手写的推进情况，可有小标题."""

    title: Text | None = Field(None, title="小标题")
    text: Name = Field(title="正文")


@record
class Section:
    """一条问题或工作安排：小标题与正文."""

    title: Name = Field(title="小标题")
    text: Name = Field(title="正文")


@record
class Narrative:
    """narrative/PERIOD.yaml: 报告中手写的文字."""

    progress: list[Paragraph] = Field(default_factory=list, title="推进情况补充段落")
    problems: list[Section] = Field(default_factory=list, title="存在的问题")
    next_steps: list[Section] = Field(default_factory=list, title="下一步工作安排")


KINDS: dict[str, type] = {
    "config": Config,
    "projects": ProjectsFile,
    "progress": Progress,
    "narrative": Narrative,
}


# ── the whole ledger ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Ledger:
    """A year's validated ledger: config, projects, monthly reports and narratives."""

    root: Path
    config: Config
    projects: tuple[Project, ...]
    progress: MappingProxyType[int, Progress]  # month number → that month's report
    narratives: MappingProxyType[str, Narrative]  # period label → its prose
    project_files: MappingProxyType[str, str] = field(  # project id → projects/<file>.yaml
        default_factory=lambda: MappingProxyType({}))
    previous: "Ledger | None" = None  # last year's ledger (config ``previous`` or --previous)

    @property
    def latest_month(self) -> int | None:
        return max(self.progress) if self.progress else None

    def entries_before(self, month: int = 13) -> dict[str, Entry]:
        """Each project's latest entry before ``month`` (by default the year's latest);
        projects never reported are absent."""
        found: dict[str, Entry] = {}
        for m in sorted((m for m in self.progress if m < month), reverse=True):
            for pid, entry in self.progress[m].entries.items():
                found.setdefault(pid, entry)
        return found

    def issues_before(self, month: int = 13) -> dict[str, Entry]:
        """Each project's latest entry before ``month``, its issues followed by the 督办事项
        that earlier entries listed open and it leaves out (``carried_supervision``): what
        runs on into the next month's sheet, or the next year."""
        history: dict[str, list[Entry]] = {}
        for m in sorted((m for m in self.progress if m < month), reverse=True):
            for pid, entry in self.progress[m].entries.items():
                history.setdefault(pid, []).append(entry)
        found = {}
        for pid, entries in history.items():
            carried = carried_supervision(entries[0], entries[1:])
            found[pid] = (replace(entries[0], issues=(*entries[0].issues, *carried))
                          if carried else entries[0])
        return found


# the kinds of a record value that no entry replaced: by (funding's, procedures') case,
# four sets made once instead of one for each of 10,000 projects
_UNDATED = {(f, p): frozenset(("funding",) * f + ("procedures",) * p)
            for f in (False, True) for p in (False, True)}


def dated_state(project: Project, entries: Iterable[Entry]
                ) -> tuple[dict[str, Decimal], dict[str, str], frozenset[str]]:
    """(funding, procedures, kinds with a record value) as of the newest of ``entries``.

    ``entries`` are the project's, newest first (those naming funding or procedures
    suffice); the first entry naming a source or procedure wins.
    """
    funding: dict[str, Decimal] = {}
    procedures: dict[str, str] = {}
    for entry in entries:
        for source, amount in entry.funding.items():
            funding.setdefault(source, amount)
        for name, state in entry.procedures.items():
            procedures.setdefault(name, state)
    undated = _UNDATED[not project.funding.keys() <= funding.keys(),
                       not project.procedures.keys() <= procedures.keys()]
    # a project with nothing dated shares its record's mappings (read only), not copies
    return ({**project.funding, **funding} if funding else project.funding,
            {**project.procedures, **procedures} if procedures else project.procedures,
            undated)


def secured_total(funding: Mapping[str, Decimal], entries: Iterable[Entry]) -> Decimal:
    """本年到位资金 of a project as of the newest of ``entries`` (newest first; those naming
    funds suffice): the newest ``funding_secured`` (本年累计到位资金, the total a county's
    sheet gives), or the sum of ``funding`` by source (its ``dated_state``) when no entry
    gives the total or the sources add up to more."""
    by_source = sum(funding.values(), _NO_FUNDS)
    for entry in entries:
        if entry.funding_secured is not None:
            given = entry.funding_secured
            return by_source if given < by_source else given
    return by_source


def carried_supervision(counts: Entry | None, earlier: Iterable[Entry],
                        before: Iterable[Issue] = ()) -> tuple[Issue, ...]:
    """The 督办事项 that ``earlier`` entries (newest first), then ``before`` (last year's,
    oldest), listed open and the entry that ``counts`` leaves out: carried until closed
    (销号), told apart by key (else text); where an item was last listed decides."""
    met = {i.key or ("text", i.text) for i in (counts.issues if counts else ())}
    found = []
    for issue in chain((i for entry in earlier for i in entry.issues), before):
        name = issue.key or ("text", issue.text)
        if issue.supervised and name not in met:
            met.add(name)
            if not issue.closed:
                found.append(issue)
    return tuple(found)
