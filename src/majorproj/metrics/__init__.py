"""Metrics: pure functions from a validated ledger and a period to figures.

``compute(ledger, period) -> Summary`` gives every figure of domain.md, overall and
per level, county, sector and tag. Rendering it (tables, JSON, CSV, the report) is
``majorproj.render``'s and ``majorproj.report``'s.
Nothing here prints or rounds: rounding is presentation (``majorproj.render.numbers``).
"""

from majorproj.metrics.figures import (
    BatchCount,
    CountyRank,
    Figures,
    LastYear,
    LightReason,
    ProjectStatus,
    Starts,
    Summary,
)
from majorproj.metrics.summarise import compute

__all__ = ["BatchCount", "CountyRank", "Figures", "LastYear", "LightReason", "ProjectStatus",
           "Starts", "Summary", "compute"]
