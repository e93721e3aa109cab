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
    assert f"= 20,916,000 / 13,680,000 = 1.528947… → **{percent(fulfilment)}**" in DOC
