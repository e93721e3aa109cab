"""docs/metrics.md cannot drift: every figure is documented, and its worked examples hold."""

import dataclasses
from decimal import Decimal
from pathlib import Path

from majorproj.metrics import Figures
from majorproj.render.numbers import percent, points

DOC = (Path(__file__).parent.parent / "docs" / "metrics.md").read_text(encoding="utf-8")


def test_every_figure_is_documented():
    for field in dataclasses.fields(Figures):
        assert f"`{field.name}`" in DOC, field.name


def test_the_worked_sample_example_is_right():
    completed, plan = Decimal(1743000), Decimal(2280000)
    gap = (12 * completed - 6 * plan) * 100 / (12 * plan)
    assert gap == Decimal(723600000) / Decimal(27360000)
    assert f"= 723,600,000 / 27,360,000 = 26.447… → **{points(gap)}个百分点**" in DOC
    fulfilment = 12 * completed / (6 * plan)
    assert f"= 20,916,000 / 13,680,000 =\n1.528947… → {percent(fulfilment)}" in DOC
    # the sample's half-year target: 153.6亿元 gives the reference report's 113.5%
    assert percent(completed / Decimal(1536000)) == "113.5%"
    assert "1,743,000 / 1,536,000 =\n1.134765625 → **113.5%**" in DOC
    assert completed / Decimal(1536000) == Decimal("1.134765625")
    # the interval of targets that round to 113.5%: both ends named in the docs
    assert percent(completed / Decimal(1535007)) == "113.5%" != percent(completed / 1535006)
    assert percent(completed / Decimal(1536359)) == "113.5%" != percent(completed / 1536360)
