"""Problems as text, JSON or GitHub annotations (chosen through ``render.formats.CHECK``)."""

from __future__ import annotations

import json
from collections import Counter

from majorproj.ledger.problems import Problem, count
from majorproj.render.visible import json_visible, one_line, visible

PER_FILE = 50  # problems shown per file; the rest are counted


def bounded(problems: list[Problem], per_file: int = PER_FILE
            ) -> tuple[list[Problem], dict[str, int]]:
    """At most ``per_file`` problems a file, and how many were left out of each file."""
    shown: list[Problem] = []
    seen: Counter[str] = Counter()
    for problem in problems:
        seen[problem.file] += 1
        if seen[problem.file] <= per_file:
            shown.append(problem)
    return shown, {f: n - per_file for f, n in seen.items() if n > per_file}


def _tally(problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    if not problems:
        return "no problems found"
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def problem_line(p: Problem) -> str:
    """``file:line:col: severity CODE message (hint: …)``, cli.md's text line (a sheet's
    problem at ``file:sheet!R12``)."""
    hint = f" (hint: {p.hint})" if p.hint else ""
    return f"{p.place}: {p.severity} {p.code} {p.message}{hint}"


def as_text(problems: list[Problem]) -> str:
    shown, omitted = bounded(problems)
    lines = [problem_line(p) for p in shown]
    lines += [f"{file}: {n} more problem{'s' * (n != 1)} not shown" for file, n in omitted.items()]
    lines.append(_tally(problems))
    return "".join(one_line(line) + "\n" for line in lines)  # one a line, whatever they quote


def payload(problems: list[Problem]) -> dict:
    """The JSON form: the problems (a sheet's also say ``sheet``; ``line`` is its row)
    and their counts."""
    shown, omitted = bounded(problems, per_file=1000)
    errors, warnings = count(problems)
    return {
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity,
             "code": p.code, "message": p.message, "hint": p.hint}
            | ({"sheet": p.sheet} if p.sheet else {})
            for p in shown
        ],
        "errors": errors,
        "warnings": warnings,
        "omitted": omitted,
    }


def as_json(problems: list[Problem]) -> str:
    return json_visible(json.dumps(payload(problems), ensure_ascii=False, indent=2)) + "\n"


def _escape_data(text: str) -> str:
    """A workflow command's text: shown, never run by the terminal that shows the log
    (``visible``), and one command whatever line breaks it holds."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem]) -> str:
    shown, omitted = bounded(problems)
    lines = []
    for p in shown:
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        if p.sheet:  # a workbook has no lines to annotate: the place leads the message
            lines.append(f"::{p.severity} file={_escape_property(p.file)},"
                         f"title={_escape_property(p.code)}::"
                         f"{_escape_data(p.place + ': ' + message)}")
            continue
        lines.append(
            f"::{p.severity} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.code)}::{_escape_data(message)}")
    lines += [f"::warning file={_escape_property(file)}::{n} more problems not shown"
              for file, n in omitted.items()]
    lines.append(_tally(problems))
    return "\n".join(lines) + "\n"
