"""Metrics: pure functions from a validated ledger and a period to figures.

``compute(ledger, period) -> Summary`` gives every figure of domain.md, overall and
per level, county, sector and tag; ``to_json(summary)`` gives cli.md's JSON shape.
Nothing here prints or rounds: rounding is presentation (``majorproj.render.numbers``).
"""

from majorproj.metrics.compute import compute
from majorproj.metrics.figures import (
    BatchCount,
    CountyRank,
    Figures,
    ProjectStatus,
    Starts,
    Summary,
)
from majorproj.metrics.json import to_json

__all__ = ["BatchCount", "CountyRank", "Figures", "ProjectStatus", "Starts", "Summary",
           "compute", "to_json"]
