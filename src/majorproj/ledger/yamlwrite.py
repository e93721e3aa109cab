"""Ledger YAML written for people: the layout of the sample ledger, comments kept on top.

Short entries stand on one line (``DH-001: {completed_ytd: 6955, progress: 桩基施工}``),
longer ones and those with issues as a block; projects as blocks with a blank line
between them and their fields in the format's order. A text is written plain when it
reads back as the same text, else double-quoted. Amounts are exact decimals without
exponent or trailing zeros. A file that is rewritten keeps the comment lines at its top.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from itertools import dropwhile
from pathlib import Path

import yaml
from yaml.nodes import ScalarNode

from majorproj.ledger.fields import as_data, field_names
from majorproj.ledger.models import Entry, Issue, Project
from majorproj.periods import MONTH_PATTERN
from majorproj.units import plain

LINE = 100  # an entry on one line up to this width
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_YEAR_MONTH = re.compile(MONTH_PATTERN)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# what YAML's reader refuses raw, or reads as a line break or a byte order mark, in quotes
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                       "\uff00-\ufffd\U00010000-\U0010ffff]")


def scalar(value: object, *, flow: bool = False) -> str:
    """One value as YAML text: plain where it reads back unchanged, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _YEAR_MONTH.match(text):
        return f"'{text}'"  # a month, not a number or a date to the eye (and to YAML 1.1)
    if _plain_ok(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or not text.isprintable():
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR


def _flow(pairs: list[tuple[str, object]]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in pairs) + "}"


def _issue_pairs(issue: Issue) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = [("key", issue.key)] if issue.key else []
    pairs += [("category", issue.category), ("text", issue.text)]
    for name in ("unit", "supporting_unit", "deadline", "status"):
        if (value := getattr(issue, name)) is not None:
            pairs.append((name, value))
    if issue.resolved:
        pairs.append(("resolved", True))
    return pairs


def entry_lines(pid: str, entry: Entry) -> list[str]:
    """One project's entry of a monthly report, on one line when short and issue-free."""
    pairs: list[tuple[str, object]] = [("completed_ytd", entry.completed_ytd)]
    if entry.progress:
        pairs.append(("progress", entry.progress))
    if entry.funding_secured is not None:
        pairs.append(("funding_secured", entry.funding_secured))
    one_line = f"  {pid}: {_flow(pairs)}"
    if not (entry.issues or entry.funding or entry.procedures) and len(one_line) <= LINE:
        return [one_line]
    lines = [f"  {pid}:"] + [f"    {k}: {scalar(v)}" for k, v in pairs]
    for name in ("funding", "procedures"):
        if value := getattr(entry, name):
            lines.append(f"    {name}: {_flow(list(value.items()))}")
    if entry.issues:
        lines.append("    issues:")
        lines += [f"      - {_flow(_issue_pairs(issue))}" for issue in entry.issues]
    return lines


def progress_yaml(month: str, entries: dict[str, Entry], head: list[str]) -> str:
    """A whole progress/YYYY-MM.yaml: ``head`` comment lines, the month, the entries."""
    lines = list(head) + [f"month: {month}", "entries:" if entries else "entries: {}"]
    for pid, entry in entries.items():
        lines += entry_lines(pid, entry)
    return "\n".join(lines) + "\n"


_OPTIONAL_EMPTY: tuple[object, ...] = (None, [], {})
PENDING = ("annual_plan", "batches")  # fields whose null says 待定: written, not left out


def project_lines(project: Project) -> list[str]:
    """One project as a block of the projects list, fields in the format's order."""
    data = as_data(project)
    lines: list[str] = []
    for name in field_names(Project):
        value = data[name]
        if name == "milestones":
            value = {k: v for k, v in value.items() if v is not None}
        lead = "  - " if not lines else "    "
        if value is None and name in PENDING:
            lines.append(f"{lead}{name}: null")
            continue
        if value in _OPTIONAL_EMPTY or (isinstance(value, dict) and not value):
            continue
        if isinstance(value, list):
            text = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
        elif isinstance(value, dict):
            text = _flow(list(value.items()))
            if len(f"{lead}{name}: {text}") > LINE:  # a long mapping, a line per key
                lines.append(f"{lead}{name}:")
                lines += [f"      {k}: {scalar(v)}" for k, v in value.items()]
                continue
        else:
            text = scalar(value)
        lines.append(f"{lead}{name}: {text}")
    return lines


# what would end a comment line (for YAML, or for a later ``str.splitlines`` of the file)
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def comment(text: str) -> str:
    """``text`` as one comment line: a line break in a name written into it (a county's,
    a workbook's) would end the comment and make the rest live YAML."""
    return "# " + _BREAKS.sub(" ", text).strip()


def projects_yaml(projects: list[Project], head: list[str]) -> str:
    lines = list(head) + ["projects:" if projects else "projects: []"]
    for i, project in enumerate(projects):
        if i:
            lines.append("")
        lines += project_lines(project)
    return "\n".join(lines) + "\n"


def head_comments(path: Path, default: list[str]) -> list[str]:
    """The comment lines at the top of an existing file (kept on rewrite), else ``default``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return default
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line)
    return head or default


def body_has_comments(path: Path) -> bool:
    """Whether an existing file has comments below its top lines (a rewrite drops them)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    body = dropwhile(lambda line: line.startswith("#"), lines)  # the top lines kept
    return any(line.lstrip().startswith("#") for line in body)


def mapping_lines(data: dict, indent: int = 0) -> list[str]:
    """A mapping as block YAML: a short mapping of plain values on one line, lists of
    plain values in flow style, a list of mappings as a block of flow mappings."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        head = f"{pad}{scalar(key)}:"
        if isinstance(value, dict):
            flat = not any(isinstance(v, dict | list) for v in value.values())
            flow = _flow(list(value.items())) if flat else ""
            if flat and value and len(f"{head} {flow}") <= LINE:
                lines.append(f"{head} {flow}")
            elif not value:
                lines.append(f"{head} {{}}")
            else:
                lines.append(head)
                lines += mapping_lines(value, indent + 2)
        elif isinstance(value, list):
            if any(isinstance(v, dict) for v in value):
                lines.append(head)
                lines += [f"{pad}  - {_flow(list(v.items()))}" for v in value]
            else:
                lines.append(f"{head} [" + ", ".join(scalar(v, flow=True) for v in value) + "]")
        else:
            lines.append(f"{head} {'null' if value is None else scalar(value)}")
    return lines
