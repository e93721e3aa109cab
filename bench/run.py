"""Measure majorproj at province scale, in one run, as ratios.

    python bench/run.py                         # N = 1,000, 10,000 and 50,000 (~40 min)
    python bench/run.py --sizes 200 --repeat 1  # a quick smoke run

For each N it generates a synthetic ledger (bench/generate.py) and times, as separate
processes and interleaved so that a busy machine slows all alike (median of --repeat; a
ratio is the median of the rounds' own ratios, each round's two runs made seconds apart):

- the parse floor: PyYAML's C loader reading the same files and nothing else, with the
  cyclic garbage collector off (``floor``, as majorproj runs: every ratio is against it)
  and on (``floor_gc``, for comparison);
- ``check`` on a first run (an empty cache); on a second run of the unchanged ledger
  (``check2``: its problems are in the cache); and on a run after one month's file
  changed (``check1f``: that file is parsed again, the others come from the cache of
  parsed files, and every file is validated and checked again);
- ``summary --format json``, ``report`` with its full annex, ``export`` of the year's
  调度表 and ``import progress --dry-run`` of a month's sheet of N rows (the first sheet
  of a workbook ``export`` wrote beforehand; ``import4``: the whole workbook, whose other
  three sheets hold the same rows grouped otherwise), all without the cache;

and the peak resident memory of each; and start-up: ``--version`` and ``check`` of the
bundled sample (a first run, and a second) against ``python -c "import typer"``. Prints
Markdown tables and whether the targets of bench/README.md hold; exits 1 when one does not.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate  # noqa: E402

PYTHON = sys.executable
MAJORPROJ = [PYTHON, "-m", "majorproj"]
PACKAGE = Path(importlib.util.find_spec("majorproj").origin).parent  # where it is installed
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
# start-up runs take a tenth of a second each: this many rounds, so that their median
# ratio does not move with the machine's spells as five rounds' did (1.8 to 2.05 ×)
STARTUP_ROUNDS = 21
FLOOR = ("import gc, pathlib, sys, yaml\n"
         "if sys.argv[2] == 'off': gc.disable()\n"
         "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
         "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n")
# Runs a command and prints its wall time and peak resident memory (KiB).
MEASURE = ("import resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
           "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
           "print(time.perf_counter() - t, peak)\n")
COLUMNS = ("floor", "floor_gc", "check", "check2", "check1f", "summary", "report", "export",
           "import", "import4")
RATIOS = (("floor_gc", "floor"), ("check", "floor"), ("check2", "floor"), ("check1f", "floor"),
          ("report", "check"), ("export", "check"), ("import", "check"), ("import4", "check"))


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one run of ``command``."""
    out = subprocess.run([PYTHON, "-c", MEASURE, *command], check=True, capture_output=True,
                         text=True, env={**os.environ, **env}).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def commands(root: Path, work: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each measured command with the environment it runs in."""
    ledger = ["--ledger", str(root)]
    no_cache = {"MAJORPROJ_NO_CACHE": "1"}
    sheet = work / "sheet.xlsx"
    subprocess.run([*MAJORPROJ, "export", *ledger, "--period", "2024-06", "-o", str(sheet)],
                   check=True, stdout=subprocess.DEVNULL, env={**os.environ, **no_cache})
    warm = {"XDG_CACHE_HOME": str(work / "cache-warm")}
    subprocess.run([*MAJORPROJ, "check", str(root)], check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, **warm})
    return {
        "floor": ([PYTHON, "-c", FLOOR, str(root), "off"], {}),
        "floor_gc": ([PYTHON, "-c", FLOOR, str(root), "on"], {}),
        "check": ([*MAJORPROJ, "check", str(root)], {}),  # a new empty cache each time
        "check2": ([*MAJORPROJ, "check", str(root)], warm),
        "check1f": ([*MAJORPROJ, "check", str(root)], warm),  # one file changed before each
        "summary": ([*MAJORPROJ, "summary", *ledger, "--period", "2024", "--format", "json"],
                    no_cache),
        "report": ([*MAJORPROJ, "report", *ledger, "--period", "2024",
                    "-o", str(work / "report.docx")], no_cache),
        "export": ([*MAJORPROJ, "export", *ledger, "--period", "2024",
                    "-o", str(work / "export.xlsx")], no_cache),
        # a county's sheet of N rows (the export's first sheet) ...
        "import": ([*MAJORPROJ, "import", "progress", str(sheet), "--sheet", "全部项目", *ledger,
                    "--month", "2024-06", "--dry-run", "--force"], no_cache),
        # ... and the whole export: four sheets of the N projects, three grouped otherwise
        "import4": ([*MAJORPROJ, "import", "progress", str(sheet), *ledger, "--month", "2024-06",
                     "--dry-run", "--force"], no_cache),
    }


@dataclass(frozen=True)
class Timing:
    seconds: float  # the median of the rounds
    peak: float  # MiB, the largest of the rounds
    rounds: tuple[float, ...]  # each round's seconds, in order


def medians(repeat: int, named: dict[str, tuple[list[str], dict[str, str]]], work: Path
            ) -> dict[str, Timing]:
    """Each command's seconds in every one of ``repeat`` rounds, their median, and the
    largest peak MiB."""
    seconds: dict[str, list[float]] = {name: [] for name in named}
    peaks: dict[str, float] = dict.fromkeys(named, 0.0)
    for round_ in range(repeat):
        for name, (command, env) in named.items():  # interleaved: a round runs every command
            if name == "check":
                env = {"XDG_CACHE_HOME": str(work / f"cache-first-{round_}")}
            if name == "check1f":  # a comment added: this file parsed again, the rest cached
                month = max((work / "ledger" / "progress").glob("*.yaml"))
                with month.open("a", encoding="utf-8") as file:
                    file.write(f"# round {round_}\n")
            s, mib = measure(command, env)
            seconds[name].append(s)
            peaks[name] = max(peaks[name], mib)
    return {name: Timing(statistics.median(seconds[name]), peaks[name], tuple(seconds[name]))
            for name in named}


def ratio(timings: dict[str, Timing], name: str, base: str) -> float:
    """The median over the rounds of ``name``'s seconds over ``base``'s in the same round:
    the two ran a few seconds apart, so a machine whose speed drifts from round to round
    moves both alike."""
    return statistics.median(a / b for a, b in zip(timings[name].rounds,
                                                   timings[base].rounds, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-large", type=int, default=1,
                        help="rounds for N above 10,000 (each takes minutes)")
    args = parser.parse_args()

    results: dict[int, dict[str, Timing]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            work = Path(tmp) / f"n-{n}"
            root = generate(work / "ledger", n)
            repeat = args.repeat if n <= 10_000 else args.repeat_large
            results[n] = medians(repeat, commands(root, work), work)
        # as pip leaves an installed package: its bytecode written (an editable install
        # under PYTHONDONTWRITEBYTECODE would compile every module on every start)
        subprocess.run([PYTHON, "-m", "compileall", "-q", str(PACKAGE)], check=True)
        startup = medians(max(STARTUP_ROUNDS, args.repeat), {
            "typer": ([PYTHON, "-c", "import typer"], {}),
            "version": ([*MAJORPROJ, "--version"], {}),
            "sample": ([*MAJORPROJ, "check", str(SAMPLE)], {"MAJORPROJ_NO_CACHE": "1"}),
            "sample2": ([*MAJORPROJ, "check", str(SAMPLE)], {}),  # the cache filled
        }, Path(tmp))

    print(f"{platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
          f" · {time.strftime('%Y-%m-%d')} · median of {args.repeat} (of {args.repeat_large} "
          f"above 10,000) · "
          f"{(time.perf_counter() - started) / 60:.0f} min\n")
    print("Seconds:\n")
    print("| N | " + " | ".join(COLUMNS) + " |")
    print("|---:|" + "---:|" * len(COLUMNS))
    for n, r in results.items():
        print(f"| {n:,} | " + " | ".join(f"{r[c].seconds:.2f}" for c in COLUMNS) + " |")
    print("\nRatios (against the collector-off floor, or against check's first run; each the "
          "median of the rounds' own ratios):\n")
    print("| N | floor_gc/floor | check/floor | check2/floor | check1f/floor | report/check "
          "| export/check | import/check | import4/check |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        print(f"| {n:,} | " + " | ".join(f"{ratio(r, name, base):.2f}" for name, base in RATIOS)
              + " |")
    print("\nPeak resident memory, MiB:\n")
    print("| N | " + " | ".join(COLUMNS[2:]) + " |")
    print("|---:|" + "---:|" * len(COLUMNS[2:]))
    for n, r in results.items():
        print(f"| {n:,} | " + " | ".join(f"{r[c].peak:.0f}" for c in COLUMNS[2:]) + " |")
    typer_s = startup["typer"].seconds
    print(f"\nimport typer {typer_s:.3f} s"
          f" · --version {startup['version'].seconds:.3f} s "
          f"({ratio(startup, 'version', 'typer'):.2f}×)"
          f" · check of the sample {startup['sample'].seconds:.3f} s first, "
          f"{startup['sample2'].seconds:.3f} s second ({ratio(startup, 'sample', 'typer'):.2f}×, "
          f"{ratio(startup, 'sample2', 'typer'):.2f}×)\n")

    for name, ok in targets(results, startup):
        print(f"- [{'x' if ok else ' '}] {name}")
    return 0 if all(ok for _, ok in targets(results, startup)) else 1


def targets(results: dict[int, dict[str, Timing]],
            startup: dict[str, Timing]) -> list[tuple[str, bool]]:
    """The targets of bench/README.md, each with whether it holds in this run."""
    found: list[tuple[str, bool]] = []
    at = 10_000 if 10_000 in results else max(results)
    r = results[at]
    for label, value, limit in (
            ("check ≤ 0.6 × floor", ratio(r, "check", "floor"), 0.6),
            ("second check ≤ 0.25 × floor", ratio(r, "check2", "floor"), 0.25),
            ("report ≤ 1.3 × check", ratio(r, "report", "check"), 1.3),
            ("export ≤ 2 × check", ratio(r, "export", "check"), 2),
            ("import progress of a sheet of N rows ≤ 2 × check", ratio(r, "import", "check"), 2)):
        found.append((f"{label} at N={at:,}: {value:.2f} ×", value <= limit))
    big = max(results)
    for names, limit in ((("check", "summary"), 600), (("report", "export"), 1000)):
        peak = max(results[big][c].peak for c in names) * 2**20 / 10**6  # MiB → MB
        found.append((f"{' and '.join(names)} ≤ {limit} MB at N={big:,}: {peak:.0f} MB",
                      peak <= limit))
    sizes = sorted(results)
    for small, large in zip(sizes, sizes[1:], strict=False):
        grow = large / small
        for name in ("check", "summary", "report", "export"):
            times = results[large][name].seconds / results[small][name].seconds
            found.append((f"{name} grows linearly {small:,} → {large:,}: {times:.1f} × "
                          f"(≤ {1.2 * grow:.0f} ×)", times <= 1.2 * grow))
    version = ratio(startup, "version", "typer")
    found.append((f"--version ≤ 1.3 × import typer: {version:.2f} ×", version <= 1.3))
    for name, run in (("sample", "first run"), ("sample2", "second run")):
        times = ratio(startup, name, "typer")
        found.append((f"check of the sample ({run}) ≤ 2 × import typer: {times:.2f} ×",
                      times <= 2))
    return found


if __name__ == "__main__":
    sys.exit(main())
