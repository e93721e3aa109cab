"""Reading Excel: county dispatch sheets (调度表) and the annual project list (the
period's 调度表 is written by ``render.xlsx``).

- ``workbook``: opening a .xlsx file (refusing .xls with how to convert it) and its sheets;
- ``sheet``: a worksheet as a header map and data rows, as offices really lay them out
  (title rows, two-row merged headers, 合计/小计/blank/notes rows, columns in any order);
- ``amounts``: 万元/亿元 amounts from numbers or text; ``match``: rows to projects;
- ``import_progress`` / ``import_projects``: a sheet → ledger files, with problems by row;
- the ledger files are written by ``ledger.yamlwrite``.

Nothing here prints: results and problems are data, and the CLI renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class ExcelError(Exception):
    """A workbook that cannot be used at all (a usage error: exit 2), with what to do.

    ``choice`` names what the caller may choose instead ("sheet", "county", "level"),
    for the CLI to word as its option.
    """

    def __init__(self, message: str, choice: str | None = None) -> None:
        super().__init__(message)
        self.choice = choice


@dataclass(frozen=True)
class RowProblem:
    """One finding about a sheet, at ``调度表.xlsx:Sheet1!R12``."""

    place: str
    severity: Literal["error", "warning"]
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.severity}: {self.message}"


def errors_in(problems: tuple[RowProblem, ...] | list[RowProblem]) -> int:
    return sum(1 for p in problems if p.severity == "error")
