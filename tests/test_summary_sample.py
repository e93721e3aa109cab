"""The bundled sample (data/sample, 2024H1) reproduces the reference report's counts
and amounts, and prints the true start rates where the report's were typed wrong."""

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period
from majorproj.render.numbers import percent, yi

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
D = Decimal

pytestmark = pytest.mark.skipif(not (SAMPLE / "majorproj.yaml").is_file(),
                                reason="data/sample is not there (it is bundled separately)")


@pytest.fixture(scope="module")
def h1():
    result = load_ledger(SAMPLE)
    assert result.errors == 0
    return compute(result.ledger, parse_period("2024H1", 2024))


def test_counts_and_amounts_of_the_reference_report(h1):
    f = h1.overall
    assert f.projects == 130
    assert yi(f.total_investment) == "795"
    assert yi(f.annual_plan) == "228"
    assert yi(f.completed_ytd) == "174.3"
    # 174.3 of 228 亿元: 76.4%
    assert f.completion_rate == f.completed_ytd / f.annual_plan
    assert percent(f.completion_rate) == percent(D("174.3") / D(228)) == "76.4%"
    assert [f.batches[b].achieved for b in ("start", "production", "efficiency")] == [61, 28, 21]
    assert h1.groups["tag"]["灾后重建"].projects == 51


def test_true_start_rates(h1):
    provincial = h1.groups["level"]["provincial"].starts
    municipal = h1.groups["level"]["municipal"].starts
    assert (provincial.started, provincial.planned) == (47, 55)
    assert provincial.rate == D(47) / D(55)
    assert percent(provincial.rate) == "85.5%"  # the reference printed 82.8%
    assert (municipal.started, municipal.planned) == (57, 65)
    assert municipal.rate == D(57) / D(65)
    assert percent(municipal.rate) == "87.7%"  # the reference printed 92.3%


def test_summary_table_prints_them():
    result = CliRunner().invoke(app, ["summary", "-l", str(SAMPLE), "-p", "2024H1"])
    assert result.exit_code == 0
    out = result.stdout
    for text in ("130个", "795亿元", "228亿元", "174.3亿元", "76.4%", "47/55", "85.5%",
                 "57/65", "87.7%", "已开工61个", "已投产28个", "已达效21个"):
        assert text in out
    assert "82.8%" not in out and "92.3%" not in out
