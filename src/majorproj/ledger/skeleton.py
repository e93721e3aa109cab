"""A new ledger: config, one example project and its first monthly report, with schemas."""

from __future__ import annotations

from pathlib import Path

from majorproj.files import write_atomic
from majorproj.ledger.models import KINDS
from majorproj.ledger.schema import schema_text
from majorproj.ledger.writing import HOLDER, LOCK

SCHEMA_DIR = ".majorproj/schema"

CONFIG = """\
# yaml-language-server: $schema={schema}/config.json
format: 1
city: {city}
organ: {city}发展和改革委员会
year: {year}
counties: [示例区, 示例县]
sectors: [产业, 基础设施, 能源, 交通, 水利, 社会民生, 生态环保]
tags: [灾后重建]
thresholds: {{yellow_pp: 10, red_pp: 30}}
report:
  fonts: {{title: 方正小标宋简体, body: 仿宋_GB2312, heading1: 黑体, heading2: 楷体_GB2312}}
# 月度调度: 填报表次月5日前报送; 通报红榜5个、黑榜4个; 报送及时率不计入排名
monthly: {{deadline_day: 5, red_list: 5, black_list: 4, timeliness_weight: 0}}
"""

PROJECTS = """\
# yaml-language-server: $schema=../{schema}/projects.json
projects:
  - id: SL-001
    name: 示例产业园标准厂房建设项目
    level: municipal
    county: 示例区
    sector: 产业
    nature: new
    owner: 示例区城市建设投资有限公司
    total_investment: 50000
    annual_plan: 20000
    planned_start: '{year}-03'
    batches: [start]
    procedures: {{approval: done, land: in_progress, planning: not_started, eia: not_started}}
    funding: {{special_bonds: 5000, self_raised: 3000}}
"""

PROGRESS = """\
# yaml-language-server: $schema=../{schema}/progress.json
month: {year}-01
entries:
  SL-001: {{completed_ytd: 0, progress: 前期手续办理中}}
"""


GITIGNORE = f"/{LOCK}\n/{HOLDER}\n"  # the lock that imports hold is no ledger data


def schema_files() -> dict[str, str]:
    """The JSON Schemas that editors read, by their place in a ledger."""
    return {f"{SCHEMA_DIR}/{kind}.json": schema_text(kind) for kind in KINDS}


class LedgerExists(Exception):
    pass


def create_ledger(root: Path, city: str, year: int) -> list[Path]:
    """Write a new ledger at ``root``; refuse to touch an existing one."""
    if (root / "majorproj.yaml").exists():
        raise LedgerExists(f"{root} already holds a ledger (majorproj.yaml)")
    files = {
        "majorproj.yaml": CONFIG.format(schema=SCHEMA_DIR, city=city, year=year),
        "projects/示例区.yaml": PROJECTS.format(schema=SCHEMA_DIR, year=year),
        f"progress/{year}-01.yaml": PROGRESS.format(schema=SCHEMA_DIR, year=year),
    }
    files.update(schema_files())
    if not (root / ".gitignore").exists():
        files[".gitignore"] = GITIGNORE
    written = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written
