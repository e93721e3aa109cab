"""`majorproj report`: what the report says, worked out by hand from a small ledger.

The ledger below (测试市, 2024, reports for May and June; period 2024H1, N = 6,
序时进度 = 6/12) has five projects:

| id | county | level | nature | total | plan | June cumulative | notes |
|---|---|---|---|---|---|---|---|
| A1 | 甲县 | provincial | new, started 2024-02-10 | 100000 | 30000 | 18000 (May 15000) | 开工一批 |
| A2 | 甲县 | municipal | continuing | 50000 | 12000 | 2000 (May 1500) | 灾后重建, land issue |
| B1 | 乙区 | provincial | new, planned 2024-03, not started | 80000 | 20000 | 0 | overdue, funding issue |
| B2 | 乙区 | municipal | new, planned 2024-09 | 20000 | 5000 | 0 | not yet due |
| B3 | 乙区 | municipal | continuing | 30000 | 10000 | none (May 4000) | not reported in June |

丙县 has no projects; the tag 城市更新 has none either.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.periods import parse_period

RUNNER = CliRunner()
B3_NAME = "乙区污水处理厂（一期）&管网<改造>工程"

CONFIG = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [甲县, 乙区, 丙县]
sectors: [产业, 交通, 生态环保]
tags: [灾后重建, 城市更新]
{report}"""

PROJECTS = f"""\
projects:
  - id: A1
    name: 甲县新材料产业园
    level: provincial
    county: 甲县
    sector: 产业
    nature: new
    total_investment: 100000
    annual_plan: 30000
    planned_start: '2024-02'
    batches: [start]
    funding: {{central_budget: 300, special_bonds: 5000}}
    milestones: {{started: 2024-02-10}}
  - id: A2
    name: 甲县环城公路改建
    level: municipal
    county: 甲县
    sector: 交通
    nature: continuing
    total_investment: 50000
    completed_before: 20000
    annual_plan: 12000
    tags: [灾后重建]
    leader: 李副市长
    unit: 市交通运输局
  - id: B1
    name: 乙区现代物流园
    level: provincial
    county: 乙区
    sector: 产业
    nature: new
    total_investment: 80000
    annual_plan: 20000
    planned_start: '2024-03'
    leader: 王副市长
    unit: 市商务局
    procedures: {{approval: done, land: in_progress, eia: not_started}}
  - id: B2
    name: 乙区第二中学
    level: municipal
    county: 乙区
    sector: 生态环保
    nature: new
    total_investment: 20000
    annual_plan: 5000
    planned_start: '2024-09'
    procedures: {{approval: in_progress}}
  - id: B3
    name: '{B3_NAME}'
    level: municipal
    county: 乙区
    sector: 生态环保
    nature: continuing
    total_investment: 30000
    annual_plan: 10000
"""

MAY = """\
month: 2024-05
entries:
  A1: {completed_ytd: 15000, progress: 主体施工}
  A2: {completed_ytd: 1500, progress: 路基施工}
  B1: {completed_ytd: 0}
  B2: {completed_ytd: 0}
  B3: {completed_ytd: 4000, progress: 管网铺设}
"""

JUNE = """\
month: 2024-06
entries:
  A1: {completed_ytd: 18000, progress: 主体封顶}
  A2:
    completed_ytd: 2000
    progress: 路基施工
    issues:
      - {category: land, text: 用地指标未落实, unit: 市自然资源局}
  B1:
    completed_ytd: 0
    progress: 征地中
    issues:
      - {category: funding, text: 项目资本金未到位}
  B2: {completed_ytd: 0}
"""

NARRATIVE = """\
problems:
  - title: 项目储备不足
    text: 部分县（市、区）储备项目偏少。
next_steps:
  - title: 加强项目储备
    text: 围绕重点领域谋划一批重大项目。
"""


def write_ledger(root: Path, *, report: str = "", projects: str = PROJECTS,
                 progress: dict[str, str] | None = None, narrative: str | None = None) -> Path:
    """A ledger directory; by default the five projects above with May and June reports."""
    (root / "projects").mkdir(parents=True)
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(CONFIG.format(report=report), encoding="utf-8")
    if projects:
        (root / "projects" / "all.yaml").write_text(projects, encoding="utf-8")
    reports = {"2024-05": MAY, "2024-06": JUNE} if progress is None else progress
    for month, text in reports.items():
        (root / "progress" / f"{month}.yaml").write_text(text, encoding="utf-8")
    if narrative is not None:
        (root / "narrative").mkdir()
        (root / "narrative" / "2024H1.yaml").write_text(narrative, encoding="utf-8")
    return root


@pytest.fixture
def ledger_dir(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "ledger")


def pct(numerator, denominator) -> str:
    """A rate as the report prints it, rounded here independently of the program."""
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}%"


def markdown_of(root: Path, tmp_path: Path, *extra: str, period: str = "2024H1") -> str:
    out = tmp_path / "report.md"
    result = RUNNER.invoke(app, ["report", "--period", period, "-l", str(root),
                                 "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def build(root: Path, period: str = "2024H1", templates: Path | None = None):
    from majorproj.report import build_report

    ledger = load_ledger(root).ledger
    return build_report(ledger, parse_period(period, ledger.config.year), templates)


def text_of(report) -> str:
    return "\n".join(b.lead + b.text for b in report.blocks)


# ── the figures, as the prose states them ──────────────────────────────────────


def test_overall_paragraph_states_the_figures_worked_out_by_hand(ledger_dir: Path) -> None:
    text = text_of(build(ledger_dir))
    total = 100000 + 50000 + 80000 + 20000 + 30000  # 280000 万元 = 28 亿元
    plan = 30000 + 12000 + 20000 + 5000 + 10000  # 77000 万元 = 7.7 亿元
    done = 18000 + 2000 + 0 + 0 + 4000  # B3 carries May's 4000 forward: 24000 = 2.4 亿元
    assert total == 280000 and plan == 77000 and done == 24000
    assert "今年我市共实施省、市重点项目5个，总投资28亿元，年度计划投资7.7亿元。" in text
    assert f"1-6月，全市重点项目累计完成投资2.4亿元，占年度计划的{pct(done, plan)}" in text
    # 超序时进度 = (24000/77000 − 6/12) × 100 = −18.83 → 落后 18.8 points
    gap = (Decimal(done) / Decimal(plan) - Decimal(6) / Decimal(12)) * 100
    assert gap.quantize(Decimal("0.1"), ROUND_HALF_UP) == Decimal("-18.8")
    assert "落后序时进度18.8个百分点" in text
    # 履约率 = (24000/77000) / (6/12)
    assert f"履约率{pct(done * 12, plan * 6)}" in text
    # 本月 = (18000 − 15000) + (2000 − 1500); B3 did not report: 0
    assert "其中6月完成投资3500万元" in text
    # 开工率: new projects A1, B1, B2; A1 started
    assert f"计划新开工项目3个，已开工1个，开工率{pct(1, 3)}。" in text
    assert "“开工一批”项目1个、已开工1个。" in text
    assert "本期有1个项目未报送进度" in text


def test_levels_tags_funding_and_procedures(ledger_dir: Path) -> None:
    text = text_of(build(ledger_dir))
    # provincial: A1 + B1, new both, A1 started; completed 18000 of 50000
    assert (f"省重点项目2个，其中计划新开工2个、已开工1个，开工率{pct(1, 2)}，"
            f"完成投资1.8亿元，占年度计划的{pct(18000, 50000)}") in text
    # municipal: A2, B2, B3; B2 new, not started; completed 2000 + 0 + 4000 of 27000
    assert (f"市重点项目3个，其中计划新开工1个、已开工0个，开工率{pct(0, 1)}，"
            f"完成投资6000万元，占年度计划的{pct(6000, 27000)}") in text
    assert f"全市1个灾后重建重点项目完成投资2000万元，占年度计划的{pct(2000, 12000)}" in text
    assert "本年度台账中暂无城市更新项目。" in text
    assert "本年到位资金5300万元，其中中央预算内资金300万元、专项债券5000万元。" in text
    # not started: B1 (80000) and B2 (20000) → 10 亿元
    assert "尚未开工的2个项目（总投资10亿元）前期手续办理情况：" in text
    assert "立项已办结1个、办理中1个；用地办理中1个；环评未启动1个。" in text
    # ranking: 甲县 20000/42000, 乙区 4000/35000; 丙县 has no projects
    assert (f"投资完成率居前的是甲县（{pct(20000, 42000)}），"
            f"居后的是乙区（{pct(4000, 35000)}）") in text
    # A2: 2000/12000 − 1/2 = −33.3 points < −30 → red; B1 overdue → red
    assert "目前亮红灯项目2个、没有亮黄灯的项目" in text  # not 亮黄灯项目0个


def test_problems_drawn_from_open_issues_and_next_steps_name_red_projects(
        ledger_dir: Path) -> None:
    text = text_of(build(ledger_dir))
    problems = text[text.index("二、存在的问题"):text.index("三、下一步工作安排")]
    assert "（一）部分项目进度滞后。" in problems
    assert "1个项目逾期未开工（乙区现代物流园）" in problems
    assert "土地方面问题。1个项目反映土地方面问题1项" in problems
    assert "甲县环城公路改建，用地指标未落实（责任单位：市自然资源局）" in problems
    # the lead says 落后序时进度 once: the bracket gives the figure alone
    assert "落后序时进度较多的有甲县环城公路改建（33.3个百分点）。" in problems
    assert "（落后序时进度" not in problems
    assert "资金方面问题。" in problems and "项目资本金未到位" in problems
    assert "调度信息报送不及时" in problems and B3_NAME in problems
    steps = text[text.index("三、下一步工作安排"):]
    # B1 first: its gap (0/20000 − 1/2 = −50 points) is worse than A2's (−33.3)
    assert steps.index("1.乙区现代物流园（乙区）：逾期未开工（计划2024年3月开工）") < \
        steps.index("2.甲县环城公路改建（甲县）：落后序时进度33.3个百分点")
    assert "包联市领导：王副市长；责任单位：市商务局。" in steps


def test_an_overdue_project_without_a_plan_is_not_counted_among_the_lit_ones(
        tmp_path: Path) -> None:
    """B4 is as overdue as B1 (planned 2024-03, not started) but has no annual plan, so it
    has no light: "其中" may count only the lit overdue projects; B4 is said apart."""
    b4 = ("  - {id: B4, name: 乙区物流二期, level: municipal, county: 乙区, sector: 产业, "
          "nature: new, total_investment: 9000, annual_plan: null, planned_start: '2024-03'}\n")
    root = write_ledger(tmp_path / "ledger", projects=PROJECTS + b4)
    problems = text_of(build(root))
    # red: A2 (−33.3 points) and B1 (overdue); B4 overdue without a light
    assert ("全市有2个项目亮红灯，其中1个项目逾期未开工（乙区现代物流园）；"
            "另有1个项目逾期未开工（乙区物流二期），尚无年度计划投资，不亮灯。") in problems


def test_the_context_picks_the_lit_and_unlit_overdue_and_those_behind(tmp_path: Path) -> None:
    """What problems.md.j2 names, for custom templates too: of the red A2 (−33.3 points)
    and B1 (overdue), B1 is lit and overdue, A2 behind 序时进度; B4, overdue without an
    annual plan, has no light."""
    from majorproj.metrics import compute
    from majorproj.report.context import build_context

    b4 = ("  - {id: B4, name: 乙区物流二期, level: municipal, county: 乙区, sector: 产业, "
          "nature: new, total_investment: 9000, annual_plan: null, planned_start: '2024-03'}\n")
    ledger = load_ledger(write_ledger(tmp_path / "ledger", projects=PROJECTS + b4)).ledger
    context = build_context(ledger.config, compute(ledger, parse_period("2024H1")), None)
    assert [line.name for line in context.lit_overdue] == ["乙区现代物流园"]
    assert [line.name for line in context.unlit_overdue] == ["乙区物流二期"]
    assert [line.name for line in context.behind_schedule] == ["甲县环城公路改建"]


def test_the_projects_a_template_is_given_are_read_as_a_tuple_and_made_when_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """red, yellow, overdue …: counted, cut, joined and looped over as tuples are, though a
    line is made only when read (the prose names a few of thousands). In June, without
    issues: B1 red (逾期未开工, 0/20000 − 1/2 = −50 points), then A2 red (2000/12000 − 1/2 =
    −33.3 points); B3 carried (4000/10000, −10 points, not beyond the yellow bound)."""
    from majorproj.metrics import compute
    from majorproj.report import context as made

    june = ("month: 2024-06\nentries:\n  A1: {completed_ytd: 18000}\n"
            "  A2: {completed_ytd: 2000}\n  B1: {completed_ytd: 0}\n  B2: {completed_ytd: 0}\n")
    root = write_ledger(tmp_path / "ledger", progress={"2024-05": MAY, "2024-06": june})
    ledger = load_ledger(root).ledger
    summary = compute(ledger, parse_period("2024H1"))
    made_for: list[str] = []
    real = made.project_line
    monkeypatch.setattr(made, "project_line",
                        lambda status: made_for.append(status.project.id) or real(status))
    context = made.build_context(ledger.config, summary, None)
    assert made_for == []
    assert len(context.red) == 2 and not context.yellow and len(context.overdue) == 1
    assert [line.name for line in context.red[:1]] == ["乙区现代物流园"]
    assert made_for == ["B1"]
    assert [line.name for line in context.red + context.yellow] == ["乙区现代物流园",
                                                                   "甲县环城公路改建"]
    assert context.red[1] is context.red[-1] and made_for == ["B1", "A2"]  # each made once
    assert [line.name for line in context.overdue] == ["乙区现代物流园"]
    assert made_for == ["B1", "A2"]
    assert [line.name for line in context.red[1:] + context.red] == [  # a tuple + them
        "甲县环城公路改建", "乙区现代物流园", "甲县环城公路改建"]
    assert made.names(context.red, 1) == "乙区现代物流园等2个"
    assert made.names(context.red) == "乙区现代物流园、甲县环城公路改建"


def test_a_custom_template_reads_the_projects_as_it_read_tuples(tmp_path: Path) -> None:
    """Through the sandbox: joined, counted, cut, sorted, looped over and named. Red are
    B1 (−50 points, 逾期未开工) then A2 (−33.3); no yellow; B1 the one overdue. Sorted by
    name, 乙 (U+4E59) comes before 甲 (U+7532)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "next_steps.md.j2").write_text(
        "## 三、下一步\n\n"
        "{{ (red + yellow)|length }}|{{ (yellow + red)[0].name }}|{{ red[1:]|length }}|"
        "{% for p in red|sort(attribute='name') %}{{ p.county }}{% endfor %}|"
        "{{ red|names(1) }}|{{ overdue|map(attribute='name')|join }}|{{ red|first|attr('name') }}"
        "|{{ (red[:1] + red)|length }}{% if not yellow %}|无黄灯{% endif %}\n",
        encoding="utf-8")
    text = text_of(build(write_ledger(tmp_path / "ledger"), templates=folder))
    assert ("2|乙区现代物流园|1|乙区甲县|乙区现代物流园等2个|乙区现代物流园|乙区现代物流园|3|无黄灯"
            in text)


def test_overdue_projects_that_are_all_lit_are_said_within_the_lit_ones(
        ledger_dir: Path) -> None:
    problems = text_of(build(ledger_dir))
    assert "全市有2个项目亮红灯，其中1个项目逾期未开工（乙区现代物流园）。" in problems
    assert "另有" not in problems


def test_issue_groups_list_each_project_once_with_its_own_issues_most_projects_first(
        tmp_path: Path) -> None:
    june = """\
month: 2024-06
entries:
  A1: {completed_ytd: 18000}
  A2:
    completed_ytd: 2000
    issues:
      - {category: land, text: 用地指标未落实, unit: 市自然资源局}
      - {category: other, text: 施工力量不足}
      - {category: land, text: 临时用地未批}
  B1:
    completed_ytd: 0
    issues:
      - {category: funding, text: 项目资本金未到位}
      - {category: other, text: 雨季影响}
  B2:
    completed_ytd: 0
    issues:
      - {category: land, text: 选址未定}
      - {category: land, text: 旧办法已废止, resolved: true}
"""
    root = write_ledger(tmp_path / "ledger", progress={"2024-05": MAY, "2024-06": june})
    text = text_of(build(root))
    # 土地: A2 (2 issues) and B2 (1 open) → 2 projects, 3 issues; 资金: B1; 其他: A2, B1
    assert ("（二）土地方面问题。2个项目反映土地方面问题3项，主要有：甲县环城公路改建，"
            "用地指标未落实（责任单位：市自然资源局），临时用地未批；乙区第二中学，选址未定。") in text
    # one issue: not 主要有
    assert "（三）资金方面问题。1个项目反映资金方面问题1项：乙区现代物流园，项目资本金未到位。" in text
    # 其他 has as many projects as 土地 but comes last
    assert ("（四）其他方面问题。2个项目反映其他方面问题2项，主要有：甲县环城公路改建，施工力量不足；"
            "乙区现代物流园，雨季影响。") in text


def test_narrative_replaces_generated_problems_and_next_steps(tmp_path: Path) -> None:
    root = write_ledger(tmp_path / "ledger", narrative=NARRATIVE)
    text = text_of(build(root))
    problems = text[text.index("二、存在的问题"):text.index("三、下一步工作安排")]
    assert "（一）项目储备不足。部分县（市、区）储备项目偏少。" in problems
    assert "部分项目进度滞后" not in problems
    steps = text[text.index("三、下一步工作安排"):]
    assert "（一）加强项目储备。围绕重点领域谋划一批重大项目。" in steps
    assert "（二）紧盯红灯项目跟踪督办。" in steps  # the red projects always follow


def test_a_blank_line_in_a_narrative_text_starts_a_paragraph(tmp_path: Path) -> None:
    narrative = ("progress:\n  - title: 健全推进机制\n    text: |\n      坚持每周调度。\n\n"
                 "      发挥联席会议作用。\n      现场办公。\n"
                 "problems:\n  - title: 项目储备不足\n    text: \"储备偏少。\\n\\n转化率偏低。\"\n")
    report = build(write_ledger(tmp_path / "ledger", narrative=narrative))
    texts = [(b.kind, b.lead, b.text) for b in report.blocks]
    at = texts.index(("paragraph", "（五）健全推进机制。", "坚持每周调度。"))
    # the next line of the same paragraph joins it (Chinese text wraps anywhere)
    assert texts[at + 1] == ("paragraph", "", "发挥联席会议作用。现场办公。")
    at = texts.index(("paragraph", "（一）项目储备不足。", "储备偏少。"))
    assert texts[at + 1] == ("paragraph", "", "转化率偏低。")


def test_no_placeholder_ever_reaches_the_text(ledger_dir: Path, tmp_path: Path) -> None:
    for text in (markdown_of(ledger_dir, tmp_path),
                 markdown_of(write_ledger(tmp_path / "empty", projects="", progress={}),
                             tmp_path)):
        for bad in ("None", "—%", "{{", "（#）", "nan"):
            assert bad not in text


def test_a_ledger_without_projects_still_gives_a_whole_report(tmp_path: Path) -> None:
    root = write_ledger(tmp_path / "ledger", projects="", progress={})
    text = markdown_of(root, tmp_path)
    assert "2024年重点项目台账尚未录入项目，本期暂无推进数据。" in text
    assert "台账中尚无项目，本期无需要报告的问题。" in text
    assert "（一）抓紧确定年度项目清单。" in text
    assert "良好发展态势" not in text
    assert "本年度台账中暂无项目。" in text  # annex 1's only row
    assert "本期无亮红灯、黄灯的项目。" in text


def test_rates_without_a_denominator_read_as_sentences(tmp_path: Path) -> None:
    # one continuing project with no annual plan: no completion rate, no 开工率
    projects = """\
projects:
  - id: Z1
    name: 丙县储备项目
    level: county
    county: 丙县
    sector: 产业
    nature: continuing
    total_investment: 1000
    annual_plan: 0
"""
    june = "month: 2024-06\nentries:\n  Z1: {completed_ytd: 0}\n"
    root = write_ledger(tmp_path / "ledger", projects=projects, progress={"2024-06": june})
    text = markdown_of(root, tmp_path)
    assert "本年未安排计划投资。" in text
    assert "县重点项目1个，完成投资0万元。" in text
    assert "占年度计划的—" not in text and "履约率—" not in text


def test_a_period_beyond_the_latest_report_says_which_month_counts(ledger_dir: Path,
                                                                     tmp_path: Path) -> None:
    text = markdown_of(ledger_dir, tmp_path, period="2024Q3")
    assert "9月调度数据尚未报送，以上数据截至6月。" in text
    assert "其中6月完成投资3500万元" in text  # June's investment, named as June's
    assert "1-6月" in text and "6月底" in text  # the period is cut to June's data
    assert "1-9月" not in text and "前三季度" not in text and "9月底" not in text


def test_without_any_progress_report_nothing_is_said_to_be_carried_forward(
        tmp_path: Path) -> None:
    text = text_of(build(write_ledger(tmp_path / "ledger", progress={})))
    assert "各项目尚未报送投资完成情况，完成投资暂按零计。" in text
    assert "按其最近一次报送的数据计算" not in text  # there is no earlier report to use


@pytest.mark.parametrize("may, said", [
    (MAY, "本期有1个项目未报送进度，按其最近一次报送的数据计算。"),  # B3 carries May's 4000
    (None, "本期有1个项目未报送进度，本年尚无报送数据，按0计算。"),  # B3 never reported
    (MAY.replace("  B2: {completed_ytd: 0}\n", ""),  # B3 carried; B2 now in neither month
     None),
])
def test_projects_not_reported_are_said_carried_or_counted_0(tmp_path: Path, may, said) -> None:
    """metrics: a project that did not report carries its latest entry; one with no entry
    at all counts 0: the report says which, not that every one carries a report."""
    june = JUNE if said else JUNE.replace("  B2: {completed_ytd: 0}\n", "")
    progress = {"2024-06": june} if may is None else {"2024-05": may, "2024-06": june}
    text = text_of(build(write_ledger(tmp_path / "ledger", progress=progress)))
    if said is None:
        said = "本期有2个项目未报送进度，其中1个按其最近一次报送的数据计算，1个本年尚无报送数据、按0计算。"
    assert said in text


@pytest.mark.parametrize("months, period, note", [
    (("2024-05", "2024-06"), "2024H1", None),
    (("2024-05", "2024-06"), "2024Q3",
     "there is no progress report for month 9; the period was cut to month 6: figures, "
     "labels (1-6月), time progress and lights are those of month 6"),
    # March is missing: the figures are January's, though June's report exists
    (("2024-01", "2024-06"), "2024Q1",
     "there is no progress report for month 3; the period was cut to month 1: figures, "
     "labels (1月), time progress and lights are those of month 1"),
    (("2024-06",), "2024Q1",
     "the ledger has no progress report up to month 3; completed investment counts as 0"),
])
def test_the_note_on_stderr_names_the_month_the_figures_use(
        tmp_path: Path, months: tuple[str, ...], period: str, note: str | None) -> None:
    reports = {"2024-01": MAY.replace("2024-05", "2024-01"), "2024-05": MAY, "2024-06": JUNE}
    root = write_ledger(tmp_path / "ledger", progress={m: reports[m] for m in months})
    result = RUNNER.invoke(app, ["report", "-p", period, "-l", str(root),
                                 "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    if note is None:
        assert "note:" not in result.stderr
    else:
        assert f"note: {note}" in result.stderr


def test_report_date_and_title_come_from_the_config_or_the_period(tmp_path: Path) -> None:
    default = build(write_ledger(tmp_path / "a"))
    assert default.title == "测试市2024年上半年重大项目工作情况报告"
    assert default.date_text == "2024年7月15日"  # the 15th of the month after June
    # 2024 asked with June's data: the report is of 1-6月, dated after June
    full = build(write_ledger(tmp_path / "b"), "2024")
    assert full.date_text == "2024年7月15日" and full.title == "测试市2024年1-6月重大项目工作情况报告"
    custom = build(write_ledger(tmp_path / "c", report="report:\n  title: 关于上半年重大项目的报告\n"
                                "  date: 2024-07-08\n"))
    assert custom.title == "关于上半年重大项目的报告"
    assert custom.date_text == "2024年7月8日"


def test_a_configured_date_before_the_periods_end_gives_way_to_the_default(tmp_path):
    """report.date 2024-07-08 signs the half-year report; a 1-8月 report cannot be signed
    before 31 August: it is dated the 15th of September, and the command says so."""
    root = write_ledger(tmp_path / "c", report="report:\n  date: 2024-07-08\n",
                        progress={"2024-05": MAY, "2024-06": JUNE,
                                  "2024-08": JUNE.replace("month: 2024-06", "month: 2024-08")})
    assert build(root, "2024M08").date_text == "2024年9月15日"
    assert build(root, "2024H1").date_text == "2024年7月8日"
    out = tmp_path / "r.md"
    result = RUNNER.invoke(app, ["report", "--ledger", str(root), "--period", "2024M08",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "report.date 2024-07-08 in majorproj.yaml comes before the end of the period; " \
        "the report is dated 2024-09-15" in result.output


def test_a_configured_date_months_after_the_period_gives_way_to_the_default(tmp_path):
    """report.date 2024-07-08 signs the half-year report; the 一季度 report is not signed
    three months after its figures: it is dated the 15th of April. Up to the end of the
    second month after the period the configured date holds (a 1-5月 report in July)."""
    root = write_ledger(tmp_path / "c", report="report:\n  date: 2024-07-08\n",
                        progress={"2024-03": MAY.replace("month: 2024-05", "month: 2024-03"),
                                  "2024-05": MAY, "2024-06": JUNE})
    assert build(root, "2024Q1").date_text == "2024年4月15日"
    assert build(root, "2024M05").date_text == "2024年7月8日"
    result = RUNNER.invoke(app, ["report", "--ledger", str(root), "--period", "2024Q1",
                                 "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    assert "report.date 2024-07-08 in majorproj.yaml is months after the period; the report " \
        "is dated 2024-04-15" in result.output


def test_report_date_on_the_command_line_before_the_configs(tmp_path: Path) -> None:
    """--date signs the report, over report.date; the 版记's 印发日期 follows it unless
    printed_on is set."""
    root = write_ledger(tmp_path / "c", report="report:\n  date: 2024-07-08\n"
                        "  copy_to: [市委办公室]\n")
    out = tmp_path / "r.md"
    result = RUNNER.invoke(app, ["report", "--ledger", str(root), "--period", "2024H1",
                                 "--date", "2024-07-19", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "2024年7月19日" in text and "2024年7月8日" not in text
    assert "2024年7月19日印发" in text


# ── annexes ────────────────────────────────────────────────────────────────────


def test_an_amount_column_of_annex_1_is_as_wide_as_its_largest_figure():
    from majorproj.report.annexes import figure_width

    # 2,000,000,000.00 (16 characters): 16 × 1.7 + 2.5 = 29.7, up to 30 mm
    assert figure_width("2,000,000,000.00", 20) == 30
    assert figure_width("7,950,000.00", 20) == 23  # 12 × 1.7 + 2.5 = 22.9
    assert figure_width("0.00", 20) == 20


def test_annexes_fill_the_landscape_type_area_and_carry_the_figures(ledger_dir: Path) -> None:
    from majorproj.report.annexes import WIDTH_MM

    report = build(ledger_dir)
    assert [a.title for a in report.annexes] == [
        "重点项目推进情况表", "县（市、区）推进情况排名表", "滞后项目清单"]
    for annex in report.annexes:
        assert sum(c.width_mm for c in annex.columns) == WIDTH_MM == 297 - 37 - 35
        assert all(len(row) == len(annex.columns) for row in annex.rows)
    projects, counties, lagging = report.annexes
    # amounts with thousands separators, two decimals in every row of a 万元 column
    assert projects.total[4:8] == ("280,000.00", "77,000.00", "24,000.00", pct(24000, 77000))
    # each amount column fits its 合计 (10 characters × 1.7 + 2.5 mm = 19.5: 20 at the
    # least), the names and 形象进度 share what the other columns leave: 225 − (10 + 22
    # + 14 + 3 × 20 + 14 + 10) = 95 mm (how, tests/test_annex_widths.py)
    widths = {c.header: c.width_mm for c in projects.columns}
    assert widths["总投资"] == 20 and widths["项目名称"] + widths["形象进度"] == 95
    # county by county in the order of counties:, each with its 小计 (甲县: 100000 + 50000
    # total, 30000 + 12000 planned, 18000 + 2000 done) over its projects, numbered on
    assert projects.rows[0] == ("", "甲县小计（2个）", "", "", "150,000.00", "42,000.00",
                                "20,000.00", pct(20000, 42000), "", "")
    assert projects.rows[1][:8] == ("1", "甲县新材料产业园", "甲县", "省重点", "100,000.00",
                                    "30,000.00", "18,000.00", pct(18000, 30000))
    assert projects.rows[3][:2] == ("", "乙区小计（3个）") and projects.rows[4][0] == "3"
    assert projects.subtotals == {0, 3}
    assert projects.rows[6][1] == B3_NAME and projects.rows[6][8] == "管网铺设（本期未报送）"
    assert [r[:2] for r in counties.rows] == [("1", "甲县"), ("2", "乙区"), ("—", "丙县")]
    # 亿元 with one decimal in every row (15.0, not 15)
    assert counties.rows[0][2:7] == ("2", "15.0", "4.2", "2.0", pct(20000, 42000))
    assert counties.columns[7].header == "与序时进度比\n（百分点）"
    # 甲县 20000/42000 − 1/2 = −2.38… points; 乙区 4000/35000 − 1/2 = −38.57…: signed, with −
    assert (counties.rows[0][7], counties.rows[1][7]) == ("\u22122.4", "\u221238.6")
    # each county's own light: 甲县 2.4 points behind is green, 乙区 beyond 30 is red
    assert (counties.rows[0][11], counties.rows[1][11], counties.rows[2][11]) == (
        "绿灯", "红灯", "")
    assert [r[1] for r in lagging.rows] == ["乙区现代物流园", "甲县环城公路改建"]
    assert lagging.rows[1][8] == "用地指标未落实（市自然资源局）"
    assert lagging.rows[1][9] == "李副市长\n市交通运输局"


# ── the command ────────────────────────────────────────────────────────────────


def test_default_file_name_carries_city_year_and_period(ledger_dir: Path, tmp_path: Path,
                                                        monkeypatch) -> None:
    work = tmp_path / "out"
    work.mkdir()
    monkeypatch.chdir(work)
    result = RUNNER.invoke(app, ["report", "--period", "2024H1", "-l", str(ledger_dir)])
    assert result.exit_code == 0, result.output
    assert (work / "测试市2024年上半年重大项目工作情况报告.docx").is_file()
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert (work / "测试市2024年上半年重大项目工作情况报告.md").read_text(
        encoding="utf-8").startswith("# 测试市2024年上半年重大项目工作情况报告\n")


def test_format_follows_the_output_suffix_unless_given(ledger_dir: Path, tmp_path: Path) -> None:
    md = tmp_path / "r.md"
    assert RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir), "-o", str(md)]
                         ).exit_code == 0
    assert md.read_bytes().startswith("# 测试市".encode())
    forced = tmp_path / "r.md.docx"
    assert RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir), "-o",
                               str(forced), "--format", "docx"]).exit_code == 0
    assert forced.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("period, message", [
    ("2024H3", "is not a period"),
    ("2023H1", "outside the ledger's year 2024"),
])
def test_a_bad_period_is_a_usage_error(ledger_dir: Path, tmp_path: Path, period: str,
                                       message: str) -> None:
    result = RUNNER.invoke(app, ["report", "-p", period, "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "r.docx").exists()


def test_a_ledger_with_errors_exits_1_and_writes_nothing(ledger_dir: Path,
                                                        tmp_path: Path) -> None:
    bad = (ledger_dir / "projects" / "all.yaml").read_text(encoding="utf-8").replace(
        "annual_plan: 30000", "annual_plan: -5")
    (ledger_dir / "projects" / "all.yaml").write_text(bad, encoding="utf-8")
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 1
    assert not (tmp_path / "r.docx").exists()


def test_an_output_folder_that_does_not_exist_is_a_usage_error(ledger_dir: Path,
                                                              tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "missing" / "r.docx")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_help_names_the_default_file_and_ends_with_an_example() -> None:
    result = RUNNER.invoke(app, ["report", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "某市2024年上半年重大项目工作情况报告.docx" in result.output
    # each example on a line of its own, not run together into one paragraph
    lines = [line.strip() for line in result.output.splitlines()]
    assert "Example: majorproj report --period 2024H1 --ledger data/sample" in lines
    assert ("Example: majorproj report --kind bulletin --period 2024M06 -l data/sample "
            "-o 6月通报.md") in lines


# ── templates ──────────────────────────────────────────────────────────────────


def bundled(name: str) -> str:
    from majorproj.report.prose import bundled_templates

    return (bundled_templates() / name).read_text(encoding="utf-8")


def test_a_template_in_the_override_folder_replaces_the_bundled_one(ledger_dir: Path,
                                                                     tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "problems.md.j2").write_text(
        "## 二、存在的问题\n\n**（#）{{ city }}自定义问题。**共{{ overall.projects }}个项目。\n",
        encoding="utf-8")
    text = markdown_of(ledger_dir, tmp_path, "--templates", str(folder))
    assert "**（一）测试市自定义问题。**共5个项目。" in text
    assert "## 一、测试市重大项目推进情况" in text  # the other parts stay bundled
    assert "## 三、下一步工作安排" in text


@pytest.mark.parametrize("template, broken, line, message", [
    ("progress.md.j2", "{% if overall.projects %}\n", None, "Unexpected end of template"),
    ("problems.md.j2", "{{ overall.projets }}\n", 6, "projets"),
    ("next_steps.md.j2", "{{ overall.projects | nosuchfilter }}\n", 7, "nosuchfilter"),
])
def test_a_template_error_names_file_and_line_and_leaves_the_old_report(
        ledger_dir: Path, tmp_path: Path, template: str, broken: str, line: int | None,
        message: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    lines = bundled(template).splitlines(keepends=True)
    if line is None:
        lines.append(broken)
    else:
        lines.insert(line - 1, broken)
    (folder / template).write_text("".join(lines), encoding="utf-8")
    expected_line = len(lines) if line is None else line
    out = tmp_path / "report.docx"
    out.write_bytes(b"the report of last month")
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(out), "--templates", str(folder)])
    assert result.exit_code == 2
    assert f"{folder / template}:" in result.stderr
    assert message in result.stderr and "Traceback" not in result.output
    assert f"{template}:{expected_line}:" in result.stderr  # unclosed {% if %}: the last line
    assert out.read_bytes() == b"the report of last month"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_a_misnamed_override_template_is_refused(ledger_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "problem.md.j2").write_text("x", encoding="utf-8")
    (folder / "_shared.md.j2").write_text("x", encoding="utf-8")  # a partial: allowed
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "r.docx"), "--templates", str(folder)])
    assert result.exit_code == 2
    assert "problem.md.j2" in result.stderr and "problems.md.j2" in result.stderr
    assert "_shared" not in result.stderr


def test_a_missing_template_folder_is_a_usage_error(ledger_dir: Path, tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "r.docx"), "--templates",
                                 str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_the_bundled_templates_are_found_from_the_package_or_the_repository() -> None:
    from majorproj.report.prose import PARTS, bundled_templates

    folder = bundled_templates()
    assert all((folder / name).is_file() for name in PARTS)


def test_blocks_join_lines_and_number_sections_under_each_heading() -> None:
    from majorproj.report.prose import Block, chinese_number, number_blocks, parse_blocks

    text = ("## 一、甲\n\n**（#）第一。**正文\n接续 A\nB\n\n**（#）第二。**x\n\n"
            "## 二、乙\n\n### （#）独立标题\n\n普通段落\n")
    assert number_blocks(parse_blocks(text)) == [
        Block("heading1", "一、甲"),
        Block("paragraph", "正文接续 A B", "（一）第一。"),
        Block("paragraph", "x", "（二）第二。"),
        Block("heading1", "二、乙"),
        Block("heading2", "（一）独立标题"),
        Block("paragraph", "普通段落"),
    ]
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九"]


def test_the_bundled_templates_are_shipped_in_the_wheel() -> None:
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"templates" = "majorproj/templates"' in pyproject


def test_every_template_variable_and_filter_is_documented() -> None:
    from dataclasses import fields

    from majorproj.report.context import FILTERS, ReportContext
    from majorproj.report.prose import PARTS

    doc = (Path(__file__).parent.parent / "docs" / "report.md").read_text(encoding="utf-8")
    for name in [f.name for f in fields(ReportContext)] + list(FILTERS) + list(PARTS):
        # the whole name (`date`, not the start of `date_text`), or a filter's call
        assert re.search(rf"`{re.escape(name)}[`(]", doc), name


def test_a_template_saved_in_gbk_is_named_with_the_fix(ledger_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "problems.md.j2").write_bytes("## 二、存在的问题\n\n问题。\n".encode("gbk"))
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger_dir),
                                 "-o", str(tmp_path / "r.docx"), "--templates", str(folder)])
    assert result.exit_code == 2
    assert f"{folder / 'problems.md.j2'}: not UTF-8 text" in result.stderr


def test_an_annex_with_rows_never_says_it_has_none_in_markdown(tmp_path: Path) -> None:
    """The sample's 附件3 lists its 26 lit projects: no "本期无…" line under them."""
    out = tmp_path / "r.md"
    sample = Path(__file__).parent.parent / "data" / "sample"
    result = RUNNER.invoke(app, ["report", "-l", str(sample), "-p", "2024H1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "附件3" in text and "亮红灯项目12个、亮黄灯项目14个" in text
    assert "本期无" not in text


def test_the_projects_not_started_say_how_many_are_preparatory(tmp_path):
    """The small ledger at 2024H1: P3 (new, started 1 July), P4 (new, due in June) and P5
    (预备) are not under way: 5000 + 3000 + 8000 = 16000万元 = 1.6亿元; P9, 预备 too, has
    started."""
    small = Path(__file__).parent / "metrics" / "small"
    text = markdown_of(small, tmp_path)
    assert "尚未开工的3个项目（含预备项目1个，总投资1.6亿元）前期手续办理情况" in text
