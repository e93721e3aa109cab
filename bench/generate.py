"""Synthetic, valid ledgers of N projects shaped like the sample: every field in use.

    python bench/generate.py 10000 /tmp/ledger-10000

Projects are spread over 12 counties (one file each) with twelve monthly reports whose
completed_ytd never falls. The output is deterministic for a given N and seed.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

COUNTIES = ["东湖区", "西山区", "南岭县", "北川县", "青溪县", "云台县", "临江市", "高新区",
            "长乐县", "平安县", "白沙县", "石门县"]
SECTORS = ["产业", "基础设施", "能源", "交通", "水利", "社会民生", "生态环保"]
KINDS = ["新材料产业园", "智能制造基地", "城市主干道改造", "污水处理厂扩建", "光伏发电", "风电场",
         "人民医院综合楼", "中学新校区", "堤防加固", "物流园", "冷链仓储中心", "安置房"]
PROCEDURES = ["approval", "land", "planning", "eia", "permit", "forest", "energy"]
STATUSES = ["done", "in_progress", "not_started", "not_required"]
SOURCES = ["central_budget", "special_bonds", "transfer", "policy_finance", "bank_loans",
           "self_raised", "other"]
CATEGORIES = ["land", "forest", "planning", "eia", "energy", "funding", "demolition", "approval"]
YEAR = 2024


def _project(rng: random.Random, i: int, county_index: int) -> tuple[str, dict]:
    county = COUNTIES[county_index]
    pid = f"C{county_index:02d}-{i:05d}"
    nature = rng.choices(["new", "continuing", "preparatory"], [6, 3, 1])[0]
    total = rng.randrange(5_000, 500_000)
    before = rng.randrange(0, total // 2) if nature == "continuing" else 0
    plan = min(rng.randrange(1_000, max(2_000, total // 3)), total - before)
    lines = [
        f"  - id: {pid}",
        f"    code: {YEAR - 1}-{330100 + county_index:06d}-{rng.randrange(10, 99)}-01-{i:06d}",
        f"    name: {county}{KINDS[i % len(KINDS)]}项目（{i}期）",
        f"    level: {rng.choice(['provincial', 'municipal', 'county'])}",
        f"    county: {county}",
        f"    sector: {rng.choice(SECTORS)}",
        f"    nature: {nature}",
        f"    owner: {county}城市建设投资有限公司",
        f"    scale: 总建筑面积{rng.randrange(1, 50)}万平方米，配套道路、管网等设施。",
        f"    start_year: {YEAR - 1 if nature == 'continuing' else YEAR}",
        f"    end_year: {YEAR + rng.randrange(1, 4)}",
        f"    total_investment: {total}",
        f"    completed_before: {before}",
        f"    annual_plan: {plan}.{rng.randrange(0, 100):02d}",
    ]
    started_month = None
    if nature == "new":
        planned = rng.randrange(1, 13)
        lines.append(f"    planned_start: '{YEAR}-{planned:02d}'")
        if rng.random() < 0.8:
            started_month = min(12, planned + rng.randrange(0, 2))
    elif nature == "continuing":
        started_month = 0
    lines.append(f"    planned_completion: '{YEAR + 2}-06'")
    batches = rng.sample(["start", "production", "efficiency"], rng.randrange(0, 3))
    lines.append(f"    batches: [{', '.join(batches)}]")
    if rng.random() < 0.3:
        lines.append("    tags: [灾后重建]")
    lines.append(f"    leader: {rng.choice('张王李赵刘陈')}副市长")
    lines.append(f"    unit: 市{rng.choice(['发展改革委', '工信局', '交通运输局', '水利局'])}")
    lines.append("    procedures: {" + ", ".join(
        f"{p}: {rng.choice(STATUSES)}" for p in rng.sample(PROCEDURES, 4)) + "}")
    lines.append("    funding: {" + ", ".join(
        f"{s}: {rng.randrange(100, 5000)}" for s in rng.sample(SOURCES, 3)) + "}")
    if started_month is not None:
        started = f"{YEAR - 1}-{rng.randrange(1, 13):02d}-15" if started_month == 0 \
            else f"{YEAR}-{started_month:02d}-{rng.randrange(1, 29):02d}"
        lines.append(f"    milestones: {{started: {started}}}")
    return pid, {"lines": lines, "plan": plan, "started_month": started_month}


def generate(root: Path, n: int, seed: int = 2024) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "projects").mkdir(exist_ok=True)
    (root / "progress").mkdir(exist_ok=True)
    (root / "majorproj.yaml").write_text(
        "format: 1\ncity: 基准市\norgan: 基准市发展和改革委员会\n"
        f"year: {YEAR}\ncounties: [{', '.join(COUNTIES)}]\nsectors: [{', '.join(SECTORS)}]\n"
        "tags: [灾后重建]\nthresholds: {yellow_pp: 10, red_pp: 30}\n"
        "report: {date: 2025-01-15}\n", encoding="utf-8")
    per_county: dict[int, list[str]] = {}
    projects = {}
    for i in range(n):
        county_index = i % len(COUNTIES)
        pid, info = _project(rng, i, county_index)
        per_county.setdefault(county_index, []).extend(info["lines"])
        projects[pid] = info
    for county_index, lines in per_county.items():
        (root / "projects" / f"{COUNTIES[county_index]}.yaml").write_text(
            "projects:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    cumulative = dict.fromkeys(projects, 0)
    for month in range(1, 13):
        out = [f"month: {YEAR}-{month:02d}", "entries:"]
        for pid, info in projects.items():
            started = info["started_month"] is not None and info["started_month"] <= month
            if started:
                cumulative[pid] += rng.randrange(0, max(1, int(info["plan"] * 0.17)))
            if cumulative[pid] and rng.random() < 0.05:
                out += [f"  {pid}:", f"    completed_ytd: {cumulative[pid]}",
                        "    progress: 主体结构施工", "    issues:",
                        f"      - {{category: {rng.choice(CATEGORIES)}, text: 要素保障待落实, "
                        "unit: 市自然资源局}"]
            else:
                out.append(f"  {pid}: {{completed_ytd: {cumulative[pid]}, progress: 有序推进}}")
        (root / "progress" / f"{YEAR}-{month:02d}.yaml").write_text("\n".join(out) + "\n",
                                                                    encoding="utf-8")
    return root


if __name__ == "__main__":
    generate(Path(sys.argv[2]), int(sys.argv[1]))
