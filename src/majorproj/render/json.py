"""The summary as JSON: cli.md's shape, numbers exact (Decimal digit for digit, never float).

Amounts are 万元, rates fractions (0.855, not 85.5), unrounded. Beyond cli.md's keys
(allowed: scripts ignore what they do not know) it carries this_month (当月完成投资) and
month_progress (当月进度), procedures,
issue_projects and lights counts per FIGURES, the chinese period label, the report
month used, each light's county and gap, the county ranking (with 报送及时率 and, when
it counts, the score) and every 督办事项 with its days overdue.
"""

from __future__ import annotations

import json
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
    """``value`` (dicts, lists, str, int, bool, None, Decimal) as indented JSON text."""
    return json_visible(_encode(value, 0, indent)) + "\n"


def _encode(value: Any, depth: int, indent: int) -> str:
    if isinstance(value, Decimal):
        return plain(value)  # a JSON number, digit for digit
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (indent * (depth + 1))
        items = [f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, depth + 1, indent)}"
                 for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + " " * (indent * (depth + 1))
        items = [_encode(v, depth + 1, indent) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + "]"
    return json.dumps(value, ensure_ascii=False)


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
        "starts": {"planned": f.starts.planned, "started": f.starts.started,
                   "rate": f.starts.rate},
        "batches": {name: {"members": b.members, "achieved": b.achieved}
                    for name, b in f.batches.items()},
        "completed": f.completed,
        "issues": dict(f.issues),
        "issue_projects": dict(f.issue_projects),
        "funding": dict(f.funding),
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
        "period": {"label": period.label, "as_of": period.as_of.isoformat(),
                   "month": period.month, "time_progress": period.time_progress,
                   "chinese": period.chinese,
                   "report_month": str(Month(period.year, report)) if report else None},
        "overall": figures_json(summary.overall),
        "groups": {grouping: {name: figures_json(f) for name, f in named.items()}
                   for grouping, named in summary.groups.items()},
        "lights": [_light(s) for s in summary.lights],
        "not_reported": list(summary.not_reported),
        "ranking": [{"rank": r.rank, "county": r.county,
                     "completion_rate": r.figures.completion_rate,
                     "completed_ytd": r.figures.completed_ytd,
                     "annual_plan": r.figures.annual_plan,
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


def summary_json(summary: Summary, options: SummaryOptions) -> str:
    """The ``--format json`` of ``summary``: every grouping at once, so no option applies."""
    return dumps(to_json(summary))


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
