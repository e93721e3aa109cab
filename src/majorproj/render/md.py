"""The report as Markdown: the same blocks and tables as the .docx, for previews and diffs.

The blocks hold plain text (a project name may read ``## 全部完成`` or ``[链接](…)``);
``_line`` escapes what Markdown would read as structure, so the preview shows the
same words as the .docx and never a heading, list, link, emphasis or HTML from data.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from majorproj.render.numbers import DASH, percent
from majorproj.render.ooxml import clean

if TYPE_CHECKING:
    from majorproj.report.annexes import Annex
    from majorproj.report.build import Report
    from majorproj.report.charts import Chart

_PREFIX = {"heading1": "## ", "heading2": "### "}
_RULES = {"left": "---", "right": "---:", "center": ":---:"}


def write_markdown(report: Report) -> bytes:
    lines = [f"# {_line(report.title)}", ""]
    if report.number:
        lines[1:1] = ["", _line(report.number)]  # 发文字号, under the title in the preview
    for i, block in enumerate(report.blocks):
        if i == report.charts_at:
            lines += _charts(report)
        if block.kind in _PREFIX:
            lines += [_PREFIX[block.kind] + _line(block.text), ""]
        else:
            lead = f"**{_line(block.lead)}**" if block.lead else ""
            lines += [lead + _line(block.text), ""]
    if report.charts_at >= len(report.blocks):
        lines += _charts(report)
    if report.annexes:
        first, *rest = report.annexes
        lines.append(f"附件：{first.number}.{first.title}  ")
        lines += [f"　　　{a.number}.{a.title}  " for a in rest]
        lines.append("")
    lines += [f"{_line(report.organ)}  ", report.date_text, ""]
    for annex in report.annexes:
        lines += _annex(annex)
    if report.colophon is not None:
        colophon = report.colophon
        lines += ["---", ""] + ([f"{_line(colophon.copy_text)}  "] if colophon.copy_to else [])
        lines += [f"{_line(colophon.printed_by)}　　{colophon.printed_text}", ""]
    return "\n".join(lines).encode("utf-8")


# ':' and '@' and the dot of www. too: a previewer's autolinks (GitHub's, VS Code's) make
# http://…, www.… and a@b.c links, which an escaped character keeps plain text
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!:@])")
_WWW = re.compile(r"(?i)\b(www)\.")
_LINE_START = re.compile(r"^([-+]|\d{1,9}(?=[.)](\s|$)))")


def _line(text: str) -> str:
    """``text`` on one line, with Markdown's special characters escaped."""
    text = _WWW.sub(r"\1\\.", _INLINE.sub(r"\\\1", " ".join(clean(text).split())))
    return _LINE_START.sub(lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], text)


def _cell(text: str, line_break: str = "／") -> str:
    return line_break.join(_line(line) for line in text.strip().split("\n"))


def _charts(report: Report) -> list[str]:
    """Each chart as the table of its data, under its caption (a diff shows what it draws)."""
    lines: list[str] = []
    for chart in report.charts:
        lines += [f"**{_cell(chart.caption)}**", ""]
        lines.append("| | " + " | ".join(_cell(s.name) for s in chart.series) + " |")
        lines.append("|---|" + "---:|" * len(chart.series))
        for i, name in enumerate(chart.categories):
            values = [_chart_value(chart, s.values[i]) for s in chart.series]
            lines.append(f"| {_cell(name)} | " + " | ".join(values) + " |")
        lines.append("")
    return lines


def _chart_value(chart: Chart, value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    return percent(Decimal(value)) if chart.percent else str(value)


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
