"""Two years of a small ledger (测试市 2023 and 2024), for 同比, 当月 and rollover.

2023: 甲县 A1 (provincial 产业, continuing, plan 20000), A2 (municipal 交通, new, started
2023-03-15, plan 10000); 乙区 B1 (provincial 交通, continuing, plan 8000, 竣工 2023-11-30),
B2 (municipal 产业, new, planned 2023-10, never started, plan 6000). Reports for January,
May, June and December.

2024: A1 again (same id); A2 is now X2 (a new id, the same code); B2 starts in April;
丙县 is new with C1. X2's completed_before 9500 contradicts 2023's 0 + 9000. Reports for
January, May and June.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from majorproj.cli import app

CONFIG_2023 = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2023
counties: [甲县, 乙区]
sectors: [产业, 交通]
"""

PROJECTS_2023 = """\
projects:
  - id: A1
    code: 2022-360000-17-01-000001
    name: 甲县纺织产业园
    level: provincial
    county: 甲县
    sector: 产业
    nature: continuing
    total_investment: 50000
    completed_before: 10000
    annual_plan: 20000
    batches: [production]
    procedures: {approval: done}
    funding: {self_raised: 3000}
    milestones: {started: 2022-05-01}
  - id: A2
    code: 2023-360000-48-01-000002
    name: 甲县城区道路改造
    level: municipal
    county: 甲县
    sector: 交通
    nature: new
    total_investment: 30000
    annual_plan: 10000
    planned_start: '2023-03'
    milestones: {started: 2023-03-15}
  - id: B1
    name: 乙区防洪堤修复
    level: provincial
    county: 乙区
    sector: 交通
    nature: continuing
    total_investment: 40000
    completed_before: 5000
    annual_plan: 8000
    milestones: {started: 2021-01-01, completed: 2023-11-30}
  - id: B2
    name: 乙区食品产业园
    level: municipal
    county: 乙区
    sector: 产业
    nature: new
    total_investment: 20000
    annual_plan: 6000
    planned_start: '2023-10'
"""

PROGRESS_2023 = {
    "2023-01": {"A1": 1000, "A2": 0, "B1": 500, "B2": 0},
    "2023-05": {"A1": 6000, "A2": 1500, "B1": 3000, "B2": 0},
    "2023-06": {"A1": 8000, "A2": 2500, "B1": 4000, "B2": 0},
    "2023-12": {"A1": 18000, "A2": 9000, "B1": 8000, "B2": 0},
}

CONFIG_2024 = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [甲县, 乙区, 丙县]
sectors: [产业, 交通]
"""

PROJECTS_2024 = """\
projects:
  - id: A1
    code: 2022-360000-17-01-000001
    name: 甲县纺织产业园
    level: provincial
    county: 甲县
    sector: 产业
    nature: continuing
    total_investment: 50000
    completed_before: 28000
    annual_plan: 15000
    milestones: {started: 2022-05-01}
  - id: X2
    code: 2023-360000-48-01-000002
    name: 甲县城区道路改造
    level: municipal
    county: 甲县
    sector: 交通
    nature: continuing
    total_investment: 30000
    completed_before: 9500
    annual_plan: 12000
    milestones: {started: 2023-03-15}
  - id: B2
    name: 乙区食品产业园
    level: municipal
    county: 乙区
    sector: 产业
    nature: new
    total_investment: 20000
    annual_plan: 5000
    planned_start: '2024-04'
    milestones: {started: 2024-04-10}
  - id: C1
    name: 丙县光伏电站
    level: provincial
    county: 丙县
    sector: 产业
    nature: new
    total_investment: 9000
    annual_plan: 4000
    planned_start: '2024-02'
    milestones: {started: 2024-02-01}
"""

PROGRESS_2024 = {
    "2024-01": {"A1": 1500, "X2": 500, "B2": 0, "C1": 0},
    "2024-05": {"A1": 7000, "X2": 3000, "B2": 1000, "C1": 1200},
    "2024-06": {"A1": 9000, "X2": 5000, "B2": 1600, "C1": 2000},
}

runner = CliRunner()


def write_year(root: Path, config: str, projects: str, progress: dict[str, dict[str, int]]
               ) -> Path:
    (root / "projects").mkdir(parents=True)
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(config, encoding="utf-8")
    (root / "projects" / "项目.yaml").write_text(projects, encoding="utf-8")
    for month, entries in progress.items():
        lines = [f"month: {month}", "entries:"]
        lines += [f"  {pid}: {{completed_ytd: {amount}}}" for pid, amount in entries.items()]
        (root / "progress" / f"{month}.yaml").write_text("\n".join(lines) + "\n",
                                                          encoding="utf-8")
    return root


def two_years(tmp: Path, extra_2024: str = "previous: ../2023\n") -> tuple[Path, Path]:
    """(2023's ledger, 2024's ledger) under ``tmp``; 2024's config ends with ``extra_2024``."""
    last = write_year(tmp / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    this = write_year(tmp / "2024", CONFIG_2024 + extra_2024, PROJECTS_2024, PROGRESS_2024)
    return last, this


def run(*args):
    """The CLI, as users call it; output and errors kept apart."""
    return runner.invoke(app, [str(a) for a in args], env={"MAJORPROJ_LEDGER": None,
                                                          "COLUMNS": None, "NO_COLOR": "1"})
