"""The benchmark's generator writes valid ledgers; the timing script runs (a smoke run)."""

import subprocess
import sys
from pathlib import Path

from majorproj.ledger.load import load_ledger

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from generate import generate  # noqa: E402


def test_generated_ledger_is_valid_and_uses_every_field(tmp_path):
    root = generate(tmp_path / "ledger", 60)
    result = load_ledger(root)
    assert result.problems == []
    ledger = result.ledger
    assert len(ledger.projects) == 60 and sorted(ledger.progress) == list(range(1, 13))
    assert {p.nature for p in ledger.projects} == {"new", "continuing", "preparatory"}
    assert any(p.funding and p.procedures and p.batches and p.tags for p in ledger.projects)
    assert any(e.issues for r in ledger.progress.values() for e in r.entries.values())


def test_generator_is_deterministic(tmp_path):
    a, b = generate(tmp_path / "a", 30), generate(tmp_path / "b", 30)
    for path in a.rglob("*.yaml"):
        assert path.read_bytes() == (b / path.relative_to(a)).read_bytes()


def test_timing_script_smoke_run():
    run = subprocess.run([sys.executable, str(BENCH / "run.py"), "--sizes", "40", "--repeat", "1"],
                         capture_output=True, text=True, timeout=300)
    assert "| 40 |" in run.stdout, run.stderr
    assert "- [" in run.stdout  # the targets are listed
