"""The output formats of each command, one table a command: format name → renderer.

The CLI builds its ``--format`` choices from these tables, and a renderer is named by
module and function so that it is imported only when chosen (python-docx, openpyxl and
rich are heavy; ``check`` and ``--help`` must start fast).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple


@dataclass(frozen=True)
class Format:
    """A renderer, as ``module:function``, imported when :meth:`load` is called."""

    module: str
    function: str

    def load(self) -> Callable[..., Any]:
        return getattr(importlib.import_module(self.module), self.function)


class SummaryOptions(NamedTuple):
    """What the summary's renderers are told besides the figures."""

    grouping: str = "level"  # level | county | sector | tag
    limit: int | None = None  # rows of the table's project lists (None: all)
    show_all: str = ""  # how the reader lists all the rows a limit left out (the CLI's words)


# problems (list[Problem]) → text
CHECK = {
    "text": Format("majorproj.render.problems", "as_text"),
    "json": Format("majorproj.render.problems", "as_json"),
    "github": Format("majorproj.render.problems", "as_github"),
}

# (Summary, SummaryOptions) → text, pieces of text (written as they come), or rich
# renderables for the terminal
SUMMARY = {
    "table": Format("majorproj.render.table", "summary_tables"),
    "json": Format("majorproj.render.json", "summary_json"),
    "csv": Format("majorproj.render.csv", "summary_csv"),
}

# Report → bytes
REPORT = {
    "docx": Format("majorproj.render.docx", "write_docx"),
    "md": Format("majorproj.render.md", "write_markdown"),
    "html": Format("majorproj.render.html", "write_html"),
}

# Summary → bytes
EXPORT = {
    "xlsx": Format("majorproj.render.xlsx", "export_workbook"),
}

# metrics.reporting.Reporting → text, or rich renderables for the terminal
STATUS = {
    "table": Format("majorproj.render.table", "status_tables"),
    "json": Format("majorproj.render.json", "status_json"),
}
