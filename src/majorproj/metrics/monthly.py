"""完成投资 month by month: the cumulative of each month 1..N, for the charts' lines.

The same rule as a period's figures (``metrics.status``): at month m, a project counts its
latest entry at or before m (carried forward when it did not report), and 0 before its
first one. So the value of month N equals ``compute(ledger, N).overall.completed_ytd``.
"""

from __future__ import annotations

from decimal import Decimal

from majorproj.ledger.models import Ledger

ZERO = Decimal(0)


def cumulative_by_month(ledger: Ledger, last_month: int) -> tuple[Decimal, ...]:
    """Σ completed_ytd at the end of months 1 … ``last_month``, one value a month."""
    ids = {p.id for p in ledger.projects}
    current: dict[str, Decimal] = {}  # each project's latest cumulative so far
    total = ZERO
    values = []
    for month in range(1, last_month + 1):
        report = ledger.progress.get(month)
        if report is not None:  # each entry replaces its project's earlier cumulative
            for pid, entry in report.entries.items():
                if pid in ids:
                    total += entry.completed_ytd - current.get(pid, ZERO)  # exact: ≤ 4 places
                    current[pid] = entry.completed_ytd
        values.append(total)
    return tuple(values)
