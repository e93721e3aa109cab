"""The summary as JSON: cli.md's shape, numbers exact (Decimal digit for digit, never float).

Amounts are 万元, rates fractions (0.855, not 85.5), unrounded. Beyond cli.md's keys
(allowed: scripts ignore what they do not know) it carries this_month (当月完成投资),
month_progress (当月进度), procedures, issue_projects, lights counts and the target per
FIGURES, the chinese period label, the report month used, each light's county and gap,
the county ranking with each county's light, 报送及时率 and, when it counts, the score,
and every 督办事项 with its days overdue.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from majorproj.metrics.figures import Figures, ProjectStatus, Summary
from majorproj.periods import Month
from majorproj.render.numbers import plain
from majorproj.render.reasons import reason_text
from majorproj.render.visible import json_visible

if TYPE_CHECKING:
    from majorproj.metrics.reporting import Reporting
    from majorproj.metrics.supervision import Supervised
    from majorproj.render.formats import SummaryOptions


def dumps(value: Any, indent: int = 2) -> str:
    """``value`` (dicts, lists or iterators, str, int, bool, None, Decimal) as indented JSON
    text."""
    return "".join(pieces(value, indent))


def pieces(value: Any, indent: int = 2) -> Iterator[str]:
    """The text of ``dumps``, piece by piece as it is made: a province's summary is written
    out as it goes, never held whole."""
    yield from _pieces(value, 0, indent)
    yield "\n"


_NONE = object()


def _pieces(value: Any, depth: int, indent: int) -> Iterator[str]:
    if isinstance(value, Decimal):
        yield plain(value)  # a JSON number, digit for digit
    elif isinstance(value, dict):
        if not value:
            yield "{}"
            return
        between = "{\n" + " " * (indent * (depth + 1))
        for key, item in value.items():
            yield between + _text(str(key)) + ": "
            yield from _pieces(item, depth + 1, indent)
            between = ",\n" + " " * (indent * (depth + 1))
        yield "\n" + " " * (indent * depth) + "}"
    elif isinstance(value, list | tuple | Iterator):
        items = iter(value)
        first = next(items, _NONE)
        if first is _NONE:
            yield "[]"
            return
        between = ",\n" + " " * (indent * (depth + 1))
        yield "[\n" + " " * (indent * (depth + 1))
        yield from _pieces(first, depth + 1, indent)
        for item in items:
            yield between
            yield from _pieces(item, depth + 1, indent)
        yield "\n" + " " * (indent * depth) + "]"
    elif isinstance(value, str):
        yield _text(value)
    else:
        yield json.dumps(value)


def _text(value: str) -> str:
    return json_visible(json.dumps(value, ensure_ascii=False))


def figures_json(f: Figures) -> dict[str, Any]:
    return {
        "projects": f.projects,
        "total_investment": f.total_investment,
        "annual_plan": f.annual_plan,
        "completed_ytd": f.completed_ytd,
        "this_month": f.this_month,
        "month_progress": f.month_progress,
        "completion_rate": f.completion_rate,
        "schedule_gap_pp": f.schedule_gap_pp,
        "fulfilment_rate": f.fulfilment_rate,
        "target": f.target,
        "starts": {"planned": f.starts.planned, "started": f.starts.started,
                   "rate": f.starts.rate},
        "batches": {name: {"members": b.members, "achieved": b.achieved}
                    for name, b in f.batches.items()},
        "completed": f.completed,
        "issues": dict(f.issues),
        "issue_projects": dict(f.issue_projects),
        "funding": dict(f.funding),
        "funding_total": f.funding_total,
        "procedures": {p: dict(states) for p, states in f.procedures.items()},
        "lights": dict(f.lights),
        "last_year": None if (y := f.last_year) is None else {
            "completed_ytd": y.completed_ytd, "growth": y.growth,
            "completion_rate_pp": y.completion_rate_pp},
    }


def _light(s: ProjectStatus) -> dict[str, Any]:
    return {"id": s.project.id, "name": s.project.name, "light": s.light,
            "reason": reason_text(s.reason), "county": s.project.county, "level": s.project.level,
            "completed_ytd": s.completed_ytd, "annual_plan": s.project.annual_plan,
            "schedule_gap_pp": s.schedule_gap_pp, "overdue": s.overdue}


def to_json(summary: Summary) -> dict[str, Any]:
    """The summary as cli.md's JSON object, numbers kept as exact Decimal (see ``dumps``)."""
    period = summary.period
    report = summary.report_month
    return {
        "ledger": {"city": summary.city, "year": summary.year},
        "period": {"label": period.label, "requested_month": period.asked_month,
                   "as_of": period.as_of.isoformat(),
                   "month": period.month, "time_progress": period.time_progress,
                   "chinese": period.chinese,
                   "report_month": str(Month(period.year, report)) if report else None},
        "overall": figures_json(summary.overall),
        "groups": {grouping: {name: figures_json(f) for name, f in named.items()}
                   for grouping, named in summary.groups.items()},
        "lights": map(_light, summary.lights),  # made as they are written
        "not_reported": list(summary.not_reported),
        "ranking": [{"rank": r.rank, "county": r.county,
                     "completion_rate": r.figures.completion_rate,
                     "completed_ytd": r.figures.completed_ytd,
                     "annual_plan": r.figures.annual_plan, "light": r.light,
                     "timeliness": r.timeliness,
                     "score": r.score} for r in summary.ranking],
        "supervision": [_supervised(item) for item in summary.supervision],
    }


def _supervised(item: Supervised) -> dict[str, Any]:
    """One 督办事项: its project, the issue's fields and its days overdue (null: not)."""
    issue = item.issue
    return {"key": issue.key, "project": item.project.id, "category": issue.category,
            "text": issue.text, "unit": issue.unit, "supporting_unit": issue.supporting_unit,
            "deadline": issue.deadline.isoformat() if issue.deadline else None,
            "status": issue.status, "closed": issue.closed, "days_overdue": item.days_overdue}


def summary_json(summary: Summary, options: SummaryOptions) -> Iterator[str]:
    """The ``--format json`` of ``summary``: every grouping at once, so no option applies."""
    return pieces(to_json(summary))


def status_json(reporting: Reporting) -> str:
    """``status --format json``: per county the project ids of each kind (see
    ``metrics.reporting``), its 报送及时率, and the counties that sent nothing."""
    counties = [{
        "county": c.county, "projects": len(c.projects), "reported": list(c.reported),
        "missing": list(c.missing), "zero_by_design": list(c.zero_by_design),
        "zero": list(c.zero), "repeated": list(c.repeated), "sent_nothing": c.sent_nothing,
        "timeliness": c.timeliness} for c in reporting.counties]
    return dumps({"month": f"{reporting.year}-{reporting.month:02d}",
                  "has_file": reporting.has_file, "counties": counties,
                  "silent": list(reporting.silent)})
