"""Problems: every finding of the loader, the rules and the sheet importers, as data.

A problem carries the file, a place in it, a severity, a stable code, a plain message
and (where it helps) a hint. In a YAML file the place is the 1-based line and column of
the node the user must edit (``projects/甲县.yaml:12:5``); in a workbook it is the sheet
and the row (``调度表.xlsx:Sheet1!R12``: ``sheet`` is set, ``line`` is the row, 0 for
the whole sheet, and ``column`` the cell's column, 0 for the whole row).
Codes are listed once, in ``CODES``; ``docs/problems.md`` documents each of them and
a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the ledger or an input, at a file's line and column (or a
    workbook sheet's row)."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    sheet: str = ""  # a workbook's sheet; then ``line`` is its row

    @property
    def place(self) -> str:
        """``file:line:column``, or ``file:sheet!R12`` (``file:sheet`` for a whole sheet)."""
        if self.sheet:
            return f"{self.file}:{self.sheet}" + (f"!R{self.line}" if self.line else "")
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def sort_key(self) -> tuple:
        return (self.file, self.sheet, self.line, self.column, self.code, self.message)


# code -> (severity, short title). The title is what the docs page lists.
CODES: dict[str, tuple[Severity, str]] = {
    # files and YAML
    "E001": ("error", "YAML syntax error"),
    "E002": ("error", "file is not UTF-8 text"),
    "E003": ("error", "duplicate key"),
    "E004": ("error", "unsupported YAML tag"),
    "E005": ("error", "file too large, too deep or aliases expand too far"),
    "E006": ("error", "file is empty or not a mapping"),
    "E007": ("error", "file cannot be read"),
    "E008": ("error", "bad file name"),
    "E009": ("error", "two files for one month or period"),
    # values of one record
    "E101": ("error", "required field missing"),
    "E102": ("error", "wrong type"),
    "E103": ("error", "value not allowed"),
    "E104": ("error", "amount out of range"),
    "E105": ("error", "amount not finite"),
    "E106": ("error", "amount has more than 4 decimals"),
    "E107": ("error", "not a real date"),
    "E108": ("error", "malformed id or project code"),
    "E109": ("error", "control character in text"),
    "E110": ("error", "number or year out of range"),
    "E111": ("error", "a thousands comma split an amount"),
    "E112": ("error", "a misspelt key of an amount or a date"),
    "E113": ("error", "last year's ledger cannot be used"),
    "E114": ("error", "last year's ledger has errors"),
    # one project's own consistency
    "E201": ("error", "duplicate project id"),
    "E202": ("error", "county not in the ledger's list"),
    "E203": ("error", "sector not in the ledger's list"),
    "E204": ("error", "tag not in the ledger's list"),
    "E205": ("error", "milestones out of order"),
    "E206": ("error", "planned_start missing for a new project"),
    "E207": ("error", "planned_start outside the ledger's year"),
    "E208": ("error", "continuing project started in or after the ledger's year"),
    "E209": ("error", "planned start after planned end"),
    "E210": ("error", "duplicate project code"),
    # monthly progress
    "E301": ("error", "month does not match the file name"),
    "E302": ("error", "month outside the ledger's year"),
    "E303": ("error", "entry for an unknown project"),
    "E304": ("error", "completed_ytd falls from the previous month"),
    "E305": ("error", "issue key used twice in one month"),
    "E306": ("error", "an amount in 元 rather than 万元"),
    "E307": ("error", "an entry indented under another"),
    "E308": ("error", "funding_secured falls from the previous month"),
    # warnings
    "W001": ("warning", "unknown key"),
    "W002": ("warning", "project has no entry in the latest month"),
    "W003": ("warning", "cumulative investment above total investment"),
    "W004": ("warning", "file read from a legacy encoding"),
    "W006": ("warning", "duplicate project name"),
    "W008": ("warning", "preparatory project marked as started"),
    "W009": ("warning", "narrative for an unknown period"),
    "W011": ("warning", "annual_plan above what is left to invest"),
    "W012": ("warning", "to be decided for the new year"),
    "W013": ("warning", "completed_before differs from last year's ledger"),
    "W014": ("warning", "bidi control character in a name"),
    "W015": ("warning", "a file in the ledger that is not read"),
    "W016": ("warning", "a milestone after the ledger's year"),
    "W017": ("warning", "funding_secured above total investment"),
    "W018": ("warning", "previous_totals that is not used"),
    # county sheets read by `import progress` and `import projects`
    "E501": ("error", "a column could be read two ways"),
    "E502": ("error", "the column's months are not the month imported"),
    "E503": ("error", "formula without a saved value"),
    "E504": ("error", "Excel error value in a cell"),
    "E505": ("error", "cell is not an amount"),
    "E506": ("error", "row names no project, or several"),
    "E507": ("error", "the same project twice"),
    "E508": ("error", "amounts in an unknown unit"),
    "E509": ("error", "value the ledger does not know"),
    "E510": ("error", "nothing to import"),
    "E511": ("error", "one project's merged rows hold two figures"),
    "E512": ("error", "an amount merged over several projects' rows"),
    "E513": ("error", "the header repeated with its columns changed"),
    "W501": ("warning", "project without an amount: not reported"),
    "W502": ("warning", "amount rounded to 4 decimals"),
    "W503": ("warning", "合计 or 小计 does not add up"),
    "W504": ("warning", "the same figures as last month"),
    "W505": ("warning", "the row's county is not the project's"),
    "W506": ("warning", "the sheet and the ledger disagree; the ledger is kept"),
    "W507": ("warning", "问题类别 not one of the ledger's categories"),
    "W508": ("warning", "text longer than an Excel cell, cut"),
    "W509": ("warning", "the row's 项目代码 is not its project's"),
    "W510": ("warning", "a new project's name is nearly a known one's"),
    "W511": ("warning", "a 督办事项 the sheet says is solved stays open"),
    "W512": ("warning", "the header's unit and the 单位 note disagree"),
    "W513": ("warning", "a hidden row is not read"),
    "W514": ("warning", "a county's sheet lists another county's projects"),
}


def severity_of(code: str) -> Severity:
    return CODES[code][0]


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


# warnings by how much they can falsify a printed figure, the worst first: amounts beyond
# the project, a plan beyond what is left, a start that counts nothing, a carried entry,
# two projects a reader cannot tell apart; then the file-level ones
WARNING_ORDER = ("W003", "W011", "W008", "W002", "W006", "W009", "W001", "W004")


def unreadable(problems: Iterable[Problem]) -> bool:
    """Whether a file of the ledger could not be read (E007): unreadable input, exit 2
    (cli.md), not a ledger with errors to fix in it."""
    return any(p.code == "E007" for p in problems)


def worst_warnings(problems: list[Problem], n: int = 3) -> list[Problem]:
    """The ``n`` warnings that matter most (``WARNING_ORDER``), in file order within a code."""
    rank = {code: i for i, code in enumerate(WARNING_ORDER)}
    warnings = [p for p in problems if p.severity == "warning"]
    return sorted(warnings, key=lambda p: rank.get(p.code, len(rank)))[:n]
