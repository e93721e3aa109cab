"""The report as Markdown: the same blocks and tables as the .docx, for previews and diffs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from majorproj.render.ooxml import clean

if TYPE_CHECKING:
    from majorproj.report.annexes import Annex
    from majorproj.report.build import Report

_PREFIX = {"heading1": "## ", "heading2": "### "}
_RULES = {"left": "---", "right": "---:", "center": ":---:"}


def write_markdown(report: Report) -> bytes:
    lines = [f"# {_line(report.title)}", ""]
    for block in report.blocks:
        if block.kind in _PREFIX:
            lines += [_PREFIX[block.kind] + _line(block.text), ""]
        else:
            lead = f"**{_line(block.lead)}**" if block.lead else ""
            lines += [lead + _line(block.text), ""]
    if report.annexes:
        first, *rest = report.annexes
        lines.append(f"附件：{first.number}.{first.title}  ")
        lines += [f"　　　{a.number}.{a.title}  " for a in rest]
        lines.append("")
    lines += [f"{_line(report.organ)}  ", report.date_text, ""]
    for annex in report.annexes:
        lines += _annex(annex)
    return "\n".join(lines).encode("utf-8")


def _line(text: str) -> str:
    return " ".join(clean(text).split())


def _cell(text: str, line_break: str = "／") -> str:
    text = line_break.join(_line(line) for line in text.split("\n"))
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _annex(annex: Annex) -> list[str]:
    lines = ["---", "", f"附件{annex.number}", "", f"**{annex.title}**", "", annex.unit, ""]
    lines.append("| " + " | ".join(_cell(c.header, "") for c in annex.columns) + " |")
    lines.append("|" + "|".join(_RULES[c.align] for c in annex.columns) + "|")
    rows = ([annex.total] if annex.total else []) + list(annex.rows)
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    if not rows and annex.empty:
        lines.append("| " + annex.empty + " |" + " |" * (len(annex.columns) - 1))
    lines.append("")
    return lines
