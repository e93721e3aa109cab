"""Shared by the Excel tests: a small ledger written here, and sheet builders.

The ledger (测试市 2024): 甲县 JX-001 纺织 (new, started 2024-03-10), JX-002 道路
(continuing); 乙区 YQ-001 物流园 (continuing, 灾后重建), YQ-002 污水厂 (new, to start in
September). May's report: JX-001 3000, JX-002 4000 with a land issue, YQ-001 9000,
YQ-002 0.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.ledger.models import Ledger

CONFIG = """\
format: 1
city: 测试市
organ: 测试市发展和改革委员会
year: 2024
counties: [甲县, 乙区, 丙县]
sectors: [产业, 交通, 生态环保]
tags: [灾后重建]
thresholds: {yellow_pp: 10, red_pp: 30}
"""

JIA = """\
# 甲县 2024年重点项目
projects:
  - id: JX-001
    code: 2024-360000-17-01-000001
    name: 甲县纺织产业园项目
    level: provincial
    county: 甲县
    sector: 产业
    nature: new
    total_investment: 50000
    completed_before: 0
    annual_plan: 20000
    planned_start: '2024-03'
    batches: [start]
    procedures: {approval: done, land: done}
    milestones: {started: 2024-03-10}

  - id: JX-002
    code: 2023-360000-48-01-000002
    name: 甲县城区道路改造工程
    level: municipal
    county: 甲县
    sector: 交通
    nature: continuing
    owner: 甲县城投公司
    total_investment: 30000
    completed_before: 8000
    annual_plan: 12000
"""

YI = """\
projects:
  - id: YQ-001
    name: 乙区物流园项目
    level: provincial
    county: 乙区
    sector: 产业
    nature: continuing
    total_investment: 80000
    completed_before: 20000
    annual_plan: 24000
    tags: [灾后重建]

  - id: YQ-002
    name: 乙区污水处理厂提标改造
    level: county
    county: 乙区
    sector: 生态环保
    nature: new
    total_investment: 6000
    completed_before: 0
    annual_plan: 3000
    planned_start: '2024-09'
"""

MAY = """\
month: 2024-05
entries:
  JX-001: {completed_ytd: 3000, progress: 桩基施工}
  JX-002:
    completed_ytd: 4000
    progress: 路基施工
    issues:
      - {category: land, text: 取土场用地手续未批, unit: 甲县自然资源局}
  YQ-001: {completed_ytd: 9000, progress: 仓库主体施工}
  YQ-002: {completed_ytd: 0, progress: 前期手续办理中}
"""

FILES = {"majorproj.yaml": CONFIG, "projects/甲县.yaml": JIA, "projects/乙区.yaml": YI,
         "progress/2024-05.yaml": MAY}

runner = CliRunner()


def write_ledger(root: Path, files: dict[str, str] | None = None) -> Path:
    """The test ledger at ``root``, with ``files`` added or replaced (None removes one)."""
    for name, text in {**FILES, **(files or {})}.items():
        path = root / name
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def sound(root: Path) -> Ledger:
    """The ledger at ``root``, asserting that `check` finds no error in it."""
    result = load_ledger(root)
    errors = [p for p in result.problems if p.severity == "error"]
    assert not errors, errors
    return result.ledger


def run(*args):
    """The CLI, as users call it; output and errors kept apart."""
    return runner.invoke(app, [str(a) for a in args], env={"MAJORPROJ_LEDGER": None})


def workbook(rows: list[list], *, title: str = "Sheet1", merges: tuple[str, ...] = ()):
    """An openpyxl workbook with one sheet holding ``rows`` (None: an empty cell)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = title
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    for merge in merges:
        ws.merge_cells(merge)
    return book


def save(book, path: Path) -> Path:
    book.save(path)
    return path


def test_the_test_ledger_is_sound(tmp_path):
    ledger = sound(write_ledger(tmp_path))
    assert sorted(p.id for p in ledger.projects) == ["JX-001", "JX-002", "YQ-001", "YQ-002"]
    assert ledger.progress[5].entries["JX-002"].issues[0].unit == "甲县自然资源局"
