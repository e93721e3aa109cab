"""An audit as text, JSON or GitHub annotations: one table from format name to function.

Text and annotations are ``check``'s (``majorproj.render.problems``), followed by one
line of counts; JSON is the shape of docs/audit.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from majorproj.audit.findings import Audit, Finding


def tally(audit: Audit) -> str:
    checked, wrong, unchecked = len(audit.checked), len(audit.wrong), len(audit.unchecked)
    return (f"{checked} figure{'s' * (checked != 1)} checked, {wrong} wrong, "
            f"{unchecked} not checked\n")


def as_text(audit: Audit, unchecked: bool = False) -> str:
    from majorproj.render.problems import as_text as problems_text

    return problems_text(audit.problems(unchecked)) + tally(audit)


def as_github(audit: Audit, unchecked: bool = False) -> str:
    from majorproj.render.problems import as_github as problems_github

    return problems_github(audit.problems(unchecked)) + tally(audit)


def _claim(finding: Finding) -> dict:
    claim = finding.claim
    return {"line": finding.line, "column": finding.column, "printed": claim.printed,
            "expected": claim.expected, "kind": claim.kind, "ok": claim.ok,
            "message": claim.message}


def as_json(audit: Audit, unchecked: bool = False) -> str:
    """The shape of docs/audit.md; with ``unchecked``, the unchecked figures are listed
    among the claims too (``"ok": null``)."""
    listed = [f for f in audit.findings if f.claim.ok is not None or unchecked]
    payload = {
        "file": audit.file,
        "claims": [_claim(f) for f in listed],
        "checked": len(audit.checked),
        "wrong": len(audit.wrong),
        "unchecked": len(audit.unchecked),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[..., str]] = {"text": as_text, "json": as_json, "github": as_github}
