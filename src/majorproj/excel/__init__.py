"""Reading Excel: county dispatch sheets (调度表) and the annual project list (the
period's 调度表 is written by ``render.xlsx``).

- ``workbook``: opening a .xlsx file (refusing .xls with how to convert it) and its sheets;
- ``sheet``: a worksheet as a header map and data rows, as offices really lay them out
  (title rows, merged headers with sub-columns, 合计/小计/其中/notes/hidden rows, columns
  in any order), and the sheets of a workbook;
- ``columns``: the headers offices give each column, and which of several is meant;
- ``amounts``: 元/万元/亿元 amounts from numbers or text; ``match``: rows to projects;
- ``totals``: whether a sheet's 合计 and 小计 rows add up;
- ``import_progress`` / ``import_projects``: sheets → ledger files, with problems by row
  (the ``Problem`` of ``majorproj.ledger.problems``, placed at ``file:sheet!R12``);
- the ledger files are written by ``ledger.yamlwrite``.

Nothing here prints: results and problems are data, and the CLI renders them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from majorproj.ledger.problems import Problem


class ExcelError(Exception):
    """A workbook that cannot be used at all (a usage error: exit 2), with what to do.

    ``choice`` names what the caller may choose instead ("sheet", "county", "level"),
    for the CLI to word as its option.
    """

    def __init__(self, message: str, choice: str | None = None) -> None:
        super().__init__(message)
        self.choice = choice


def sheet_problem(file: str, sheet: str, row: int, code: str, message: str, hint: str = "",
                  column: int = 0) -> Problem:
    """A finding at ``file:sheet!R{row}`` (the whole sheet with row 0), as the same
    ``Problem`` that ``check`` reports; its severity is the code's."""
    from majorproj.ledger.problems import Problem, severity_of

    return Problem(file, row, column, severity_of(code), code, message, hint, sheet)
