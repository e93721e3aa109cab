"""Finding the figures a passage's own numbers determine, and judging them as printed.

``judge(passage)`` runs the finders over one passage: ``shares`` (开工率 and the other
rates, 投资完成率, 占…的%), ``growth`` (同比, and changes in points on last year's
rate), ``gaps`` (points against time progress) and ``sums`` (totals and their parts);
docs/audit.md lists the forms with examples. Every other percent or points figure is
counted as unchecked, with the reason: nothing is guessed (a rate of a list after 分别,
省、市重点项目分别占…的76.9%、75.2%, is some other set's each, and unchecked).
"""

from __future__ import annotations

from majorproj.audit.claim import Claim, Kind
from majorproj.audit.gaps import find_gaps
from majorproj.audit.growth import find_growth, find_point_changes
from majorproj.audit.numbers import Figure, in_respective_list
from majorproj.audit.passage import Passage
from majorproj.audit.shares import find_rates_and_shares
from majorproj.audit.sums import find_sums

__all__ = ["Claim", "Kind", "judge"]

# in this order: a figure judged by one is not judged again by a later one
FINDERS = (find_rates_and_shares, find_growth, find_gaps, find_point_changes, find_sums)


def judge(passage: str) -> list[Claim]:
    """Every figure of ``passage`` that its numbers determine, judged, and the unchecked."""
    p = Passage(passage)
    for i, fig in enumerate(p.figs):
        if fig.family in ("percent", "points") and in_respective_list(p.text, p.figs, i):
            p.unchecked(i, p.kind_of(i), p.short_label(i),
                        "the figure is one of a list after 分别, each of another set")
    for finder in FINDERS:
        finder(p)
    for i, fig in enumerate(p.figs):
        if i not in p.used and fig.family in ("percent", "points"):
            p.unchecked(i, p.kind_of(i), p.short_label(i), _why_unchecked(fig))
    return sorted(p.found, key=lambda c: c.start)


def _why_unchecked(fig: Figure) -> str:
    if fig.value is None:
        return "the figure is a placeholder"
    if fig.approx:
        return "the figure is approximate"
    return "the text does not state its basis"
