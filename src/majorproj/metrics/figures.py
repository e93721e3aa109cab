"""What the metrics are: frozen records that every renderer reads.

Amounts are 万元 as exact ``Decimal``; rates are unrounded fractions (0.855, not
85.5) or None where the denominator is zero. The definitions are in
``docs/metrics.md`` and ``shared/design/domain.md`` ("Metrics").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from majorproj.ledger.models import Issue, Project, Thresholds
from majorproj.periods import Month, Period

if TYPE_CHECKING:
    from majorproj.metrics.supervision import Supervised


@dataclass(frozen=True)
class Starts:
    """开工率: planned = projects of nature ``new``; started = those started by the as-of date."""

    planned: int
    started: int
    rate: Decimal | None


@dataclass(frozen=True)
class BatchCount:
    """三个一批, one batch: members listing it, and members whose milestone is reached."""

    members: int
    achieved: int


@dataclass(frozen=True, slots=True)
class LastYear:
    """同比: this year's figures against the same months of last year.

    ``completed_ytd`` is last year's 1-N月 (去年同期完成投资); ``increase`` = this year's
    − last year's (增长额); ``growth`` = increase / last year's (同比增长, None when last
    year's is 0); ``completion_rate_pp`` = (this year's completion_rate − last year's) ×
    100 (同比提高, negative 下降; None without both rates).
    """

    completed_ytd: Decimal
    increase: Decimal
    growth: Decimal | None
    completion_rate_pp: Decimal | None


@dataclass(frozen=True)
class Figures:
    """Every figure of one set of projects (the whole ledger, or one group)."""

    projects: int
    total_investment: Decimal  # 总投资
    annual_plan: Decimal  # 年度计划投资
    completed_ytd: Decimal  # 完成投资 (month N, carried forward for the not reported)
    this_month: Decimal  # 当月完成投资: Σ (month-N cumulative − previous report's cumulative)
    completion_rate: Decimal | None  # 投资完成率 = completed_ytd / annual_plan
    schedule_gap_pp: Decimal | None  # 超序时进度 = (completion_rate − N/12) × 100
    fulfilment_rate: Decimal | None  # 履约率 = completed_ytd / target
    target: Decimal  # 目标任务 due by month N: the set one (targets:), else annual_plan × N/12
    starts: Starts  # 开工率
    batches: dict[str, BatchCount]  # "start" | "production" | "efficiency" → 三个一批
    completed: int  # 竣工 count
    procedures: dict[str, dict[str, int]]  # procedure → status → count (not yet started)
    funding: dict[str, Decimal]  # source → Σ 万元 secured this year
    issues: dict[str, int]  # category → open issues
    issue_projects: dict[str, int]  # category → projects with an open issue of it
    lights: dict[str, int]  # "red" | "yellow" | "green" → projects
    month_progress: Decimal | None = None  # 当月进度 = this_month / annual_plan
    last_year: LastYear | None = None  # 同比, with a previous ledger or previous totals
    reported: int = 0  # projects with an entry in the month-N report (报送及时率's numerator)
    # 本年到位资金: Σ of the projects' totals, at least Σ funding (a sheet's 到位资金 may name
    # no source)
    funding_total: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class LightReason:
    """Why a project has its light, or has none.

    ``no_plan``: no annual plan; ``pending_plan``: its annual plan is 待定 (null);
    ``overdue``: 逾期未开工; ``not_due``: a new project whose
    planned start has not come; ``preparatory``: not to start this year; ``gap``: its
    schedule gap in points (negative: behind 序时进度), and the gaps at which the rule
    changes the light (``bounds``), which a gap printed as the reason is told from.
    """

    kind: Literal["no_plan", "pending_plan", "overdue", "not_due", "preparatory", "gap"]
    planned_start: Month | None = None  # for overdue and not_due
    gap_pp: Decimal | None = None  # for gap
    bounds: tuple[Decimal, ...] = ()  # for gap: −yellow and −red in points


@dataclass(frozen=True, slots=True)  # one a project: 50,000 in a province's ledger
class ProjectStatus:
    """One project as of the period: its investment, progress, issues and warning light."""

    project: Project
    completed_ytd: Decimal
    this_month: Decimal
    reported: bool  # has an entry in the month-N report (False: carried forward, 未报送)
    progress: str | None  # 形象进度 of the entry that counts
    issues: tuple[Issue, ...]  # open issues of the entry that counts
    completion_rate: Decimal | None
    schedule_gap_pp: Decimal | None
    under_way: bool  # 在建: started by the as-of date (continuing projects always)
    overdue: bool  # new and 逾期未开工: its planned start month ended before the as-of month
    light: str | None  # "red" | "yellow" | "green" | None (no light)
    reason: LightReason  # why it has its light, or none (render.reasons words it)
    achieved: frozenset[str] = frozenset()  # 三个一批 batches achieved by the as-of date
    completed: bool = False  # 竣工 by the as-of date (milestones.completed)
    month_progress: Decimal | None = None  # 当月进度 = this_month / annual_plan
    last_year: LastYear | None = None  # its 同比 (a previous ledger's project, by id else code)
    supervised: tuple[Issue, ...] = ()  # 督办事项 of the entry that counts, closed ones too
    funding: dict[str, Decimal] = field(default_factory=dict)  # 到位资金 at month N, by source
    funding_total: Decimal = Decimal(0)  # 到位资金 at month N (models.secured_total)
    procedures: dict[str, str] = field(default_factory=dict)  # 前期手续 at month N
    undated: frozenset[str] = frozenset()  # "funding" / "procedures" with a record value
    carried: bool = False  # not reported, its latest earlier entry counting (else: none, 0)


@dataclass(frozen=True)
class CountyRank:
    """One county's place in the ranking (by completion_rate, then completed_ytd)."""

    rank: int
    county: str
    figures: Figures
    score: Decimal | None = None  # 综合得分, when 报送及时率 counts (monthly.timeliness_weight)
    light: str | None = None  # the county's own light, by its gap and the same bounds

    @property
    def timeliness(self) -> Decimal | None:
        """报送及时率 of the county: its projects reported for month N over its projects."""
        from majorproj.metrics.rates import timeliness_rate

        return timeliness_rate(self.figures.reported, self.figures.projects)


@dataclass(frozen=True)
class Summary:
    """The figures of one ledger for one period."""

    city: str
    year: int
    period: Period
    overall: Figures
    groups: dict[str, dict[str, Figures]]  # "level" | "county" | "sector" | "tag" → name → …
    projects: tuple[ProjectStatus, ...]  # in ledger order
    lights: tuple[ProjectStatus, ...]  # red then yellow, worst first
    not_reported: tuple[str, ...]  # project ids, in ledger order
    ranking: tuple[CountyRank, ...]
    thresholds: Thresholds  # the rule the lights were given by
    report_month: int | None = None  # the progress file used (latest at or before month N)
    monthly_completed: tuple[Decimal, ...] = ()  # 完成投资 at the end of months 1 … N
    last_year_monthly: tuple[Decimal | None, ...] = ()  # 去年同期 完成率 of months 1 … N
    last_year: str | None = None  # where 同比 comes from: "ledger" | "totals" (None: no 同比)
    supervision: tuple[Supervised, ...] = ()  # every 督办事项, in ledger order
    # 到位资金 / 前期手续 counted from dated progress entries only (no master-record value)
    funding_dated: bool = False
    procedures_dated: bool = False
