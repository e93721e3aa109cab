"""Measure majorproj at province scale, in one run, as ratios.

    python bench/run.py                 # N = 130, 1,000, 10,000
    python bench/run.py --sizes 200     # a quick smoke run

For each N it generates a synthetic ledger (bench/generate.py), then times, as separate
processes and interleaved so that a busy machine slows all alike (best of --repeat):
the floor (PyYAML's C loader reading the same files and nothing else), `check`,
`summary --format json` and `report` with its full annex; and the peak memory of each.
Also `majorproj --version` / `--help` against `python -c "import typer"`.
Prints a Markdown table and whether the targets of bench/README.md hold.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

PYTHON = sys.executable
MAJORPROJ = [PYTHON, "-m", "majorproj"]
FLOOR = ("import pathlib, sys, yaml\n"
         "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
         "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
# Runs a command and prints its wall time and peak resident memory (KiB).
MEASURE = ("import resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
           "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
           "print(time.perf_counter() - t, peak)\n")


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of ``command``."""
    out = subprocess.run([PYTHON, "-c", MEASURE, *command], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def commands(root: Path, out: Path) -> dict[str, list[str]]:
    return {
        "floor": [PYTHON, "-c", FLOOR, str(root)],
        "check": [*MAJORPROJ, "check", str(root)],
        "summary": [*MAJORPROJ, "summary", "--ledger", str(root), "--period", "2024",
                    "--format", "json"],
        "report": [*MAJORPROJ, "report", "--ledger", str(root), "--period", "2024",
                   "-o", str(out)],
    }


def best_of(repeat: int, named: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, command in named.items():  # interleaved: each round runs every command
            seconds, mib = measure(command)
            old = best.get(name)
            best[name] = (min(seconds, old[0]), max(mib, old[1])) if old else (seconds, mib)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[130, 1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rows, results = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            root = generate(Path(tmp) / f"ledger-{n}", n)
            best = best_of(args.repeat, commands(root, Path(tmp) / f"report-{n}.docx"))
            results[n] = best
            floor, check, summary, report = (best[k][0] for k in
                                             ("floor", "check", "summary", "report"))
            peak = max(m for _, m in best.values())
            rows.append(f"| {n:,} | {floor:.2f} | {check:.2f} | {summary:.2f} | {report:.2f} "
                        f"| {check / floor:.2f} | {report / check:.2f} | {peak:.0f} |")
        startup = best_of(max(5, args.repeat), {
            "typer": [PYTHON, "-c", "import typer"],
            "version": [*MAJORPROJ, "--version"],
            "help": [*MAJORPROJ, "--help"],
        })

    print(f"{platform.node()} · {platform.processor() or platform.machine()} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| N | floor s | check s | summary s | report s | check/floor | report/check "
          "| peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    typer_s = startup["typer"][0]
    print(f"\nimport typer {typer_s:.3f} s · --version {startup['version'][0]:.3f} s "
          f"({startup['version'][0] / typer_s:.2f}×) · --help {startup['help'][0]:.3f} s "
          f"({startup['help'][0] / typer_s:.2f}×)\n")

    targets = []
    largest = max(results)
    big = results[largest]
    targets.append((f"check ≤ 1.3 × floor at N={largest:,}",
                    big["check"][0] <= 1.3 * big["floor"][0]))
    targets.append((f"report ≤ 2 × check at N={largest:,}",
                    big["report"][0] <= 2 * big["check"][0]))
    targets.append(("peak memory ≤ 600 MiB", all(m <= 600 for r in results.values()
                                                 for _, m in r.values())))
    if 1_000 in results and 10_000 in results:
        for name in ("check", "summary", "report"):
            ratio = results[10_000][name][0] / results[1_000][name][0]
            targets.append((f"{name}: 10,000 vs 1,000 within 12× ({ratio:.1f}×)", ratio <= 12))
    targets.append(("--version ≤ 2 × import typer", startup["version"][0] <= 2 * typer_s))
    targets.append(("--help ≤ 2 × import typer", startup["help"][0] <= 2 * typer_s))
    for name, ok in targets:
        print(f"- [{'x' if ok else ' '}] {name}")
    return 0 if all(ok for _, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
