"""A county's dispatch sheet (调度表) → one month's progress/YYYY-MM.yaml.

``read_progress`` reads the sheet, matches each row to a project, parses its amount
and issues, checks the month against the months before and after it (as ``check``
does), and works out what the month's file becomes and how it differs from the file
already there. It writes nothing; ``write_progress`` does, once the caller has
decided (no errors; an existing month only with --force).

Issues keep what the office added by hand. An issue is the same issue when it has the
same key (a fill-in sheet lists it as 【DH-001-1】text) or, without one, the same text.
One already in this month's file keeps everything (category, unit, 督办 fields,
``resolved``) and takes the sheet's text; one reported in an earlier month keeps its
key, category, units, deadline and status and is open again. A closed issue of this
month, and an open 督办事项 (with a deadline or status) of this month or the month
before, that the sheet no longer lists stay as they are: the office closes 督办, not a
county's sheet. Everything else is new and open, its category from the sheet's 问题类别
column or else guessed from keywords (``issues.category_of``); the office gives a key
to an issue it hands over (交办), with its unit and deadline, in the month's file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from majorproj.excel import RowProblem
from majorproj.excel.amounts import AmountError, parse_amount, to_ledger_places
from majorproj.excel.columns import PROGRESS_SPECS, months_in_header
from majorproj.excel.issues import category_of, join_issues, split_issues, split_key
from majorproj.excel.match import NoMatch, ProjectIndex
from majorproj.excel.sheet import Row, RowCounter, Table, header_key, read_file
from majorproj.excel.text import clean_text, squeeze
from majorproj.ledger import rules, vocab
from majorproj.ledger.models import Entry, Issue, Ledger, Progress, Project
from majorproj.ledger.writing import write_files
from majorproj.ledger.yamlwrite import head_comments, progress_yaml
from majorproj.periods import Month, PeriodError, parse_period

REQUIRED = (("id", "code", "name"), ("completed_ytd",))


@dataclass(frozen=True)
class Change:
    pid: str
    name: str
    old: Entry | None
    new: Entry | None


@dataclass(frozen=True)
class Changes:
    """How the month's file changes: projects added and removed, amounts changed, and
    entries whose 形象进度 or issues alone changed."""

    added: tuple[Change, ...] = ()
    removed: tuple[Change, ...] = ()
    amounts: tuple[Change, ...] = ()
    texts: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.amounts or self.texts)


@dataclass(frozen=True)
class ProgressImport:
    month: str  # YYYY-MM
    table: Table
    imported: dict[str, Entry]  # the sheet's entries by project id, in ledger order
    problems: tuple[RowProblem, ...]
    path: Path  # progress/YYYY-MM.yaml
    existing: Progress | None  # the month's file as it is, if there is one
    entries: dict[str, Entry]  # what the month's file will hold
    changes: Changes  # against ``existing`` (everything added when there is none)

    @property
    def overwrites(self) -> bool:
        """Whether writing would replace or change what the month's file already holds."""
        return self.existing is not None and bool(self.changes.removed or self.changes.amounts
                                                  or self.changes.texts)


def parse_month(text: str, year: int) -> str:
    """The month ``text`` names (2024-06, 2024M06) as YYYY-MM, in the ledger's year, or
    PeriodError saying what to write."""
    period = parse_period(text, year)
    if "M" not in period.label:
        raise PeriodError(f"'{text}' is not a month; write e.g. {year}-06")
    return str(period.as_of_month)


def read_progress(path: Path, ledger: Ledger, month: str, *, sheet: str | None = None,
                  merge: bool = False, on_row: RowCounter | None = None
                  ) -> ProgressImport:
    """Read the dispatch sheet at ``path`` for ``month`` (YYYY-MM); ExcelError if unusable."""
    table = read_file(path, sheet, PROGRESS_SPECS, REQUIRED, on_row)
    number = Month.parse(month).number
    existing = ledger.progress.get(number)
    problems: list[RowProblem] = table.cut_problems()
    _check_header_months(table, number, problems)
    imported = _entries(table, ledger, number, problems)
    for row, project, entry in imported.values():
        _check_months(table, row, ledger, number, project, entry, problems)
    by_id = {pid: entry for pid, (_, _, entry) in imported.items()}
    ordered = {p.id: by_id[p.id] for p in ledger.projects if p.id in by_id}
    old = dict(existing.entries) if existing else {}
    if merge:
        new = {p.id: ordered.get(p.id) or old[p.id] for p in ledger.projects
               if p.id in ordered or p.id in old}
    else:
        new = ordered
    if not imported and not problems:
        problems.append(RowProblem(table.place(), "error", "no row names a project with an "
                                   "amount; nothing to import (is it the right sheet?)"))
    return ProgressImport(month, table, ordered, tuple(problems), _month_file(ledger, month),
                          existing, new, diff(old, new, ledger.projects))


def _month_file(ledger: Ledger, month: str) -> Path:
    """progress/YYYY-MM.yaml, or the .yml file the ledger already has for the month."""
    folder = ledger.root / "progress"
    other = folder / f"{month}.yml"
    return other if other.is_file() else folder / f"{month}.yaml"


def write_progress(result: ProgressImport, root: Path) -> Path:
    """Write the month's file into the ledger at ``root`` (OutputError if it cannot be)."""
    month = Month.parse(result.month)
    default = [f"# {month.chinese}调度：本年{month.cumulative}累计完成投资（万元），"
               f"由 majorproj import progress 从 {result.table.file} 导入"]
    head = head_comments(result.path, default)
    text = progress_yaml(result.month, result.entries, head)
    write_files(root, {result.path: text.encode("utf-8")})
    return result.path


def _check_header_months(table: Table, month: int, problems: list[RowProblem]) -> None:
    column = table.columns["completed_ytd"]
    months = months_in_header(header_key(column.header))
    if months is not None and months != month:
        problems.append(RowProblem(
            table.place(table.header_rows[1]), "error",
            f"the column '{column.header}' holds 1-{months}月, but the sheet is imported as "
            f"month {month}; import it as month {months}, or correct the header"))


def _entries(table: Table, ledger: Ledger, month: int, problems: list[RowProblem]
             ) -> dict[str, tuple[Row, Project, Entry]]:
    index = ProjectIndex.of(ledger.projects)
    counties = {squeeze(c) for c in ledger.config.counties}
    earlier = [ledger.progress[m] for m in sorted(ledger.progress, reverse=True) if m < month]
    current = ledger.progress.get(month)
    found: dict[str, tuple[Row, Project, Entry]] = {}
    column = table.columns["completed_ytd"]
    for row in table.rows:
        place = table.place(row.number)
        ident = {k: clean_text(table.value(row, k), one_line=True)
                 for k in ("id", "code", "name", "county")}
        if not (ident["id"] or ident["code"]) and squeeze(ident["name"]) in counties:
            continue  # a county's heading row: 东湖区 with its subtotal
        try:
            project = index.match(**ident)
        except NoMatch as exc:
            problems.append(RowProblem(place, "error", str(exc)))
            continue
        if project.id in found:
            problems.append(RowProblem(place, "error", f"a second row for {project.id} "
                                       f"'{project.name}' (first at R{found[project.id][0].number})"
                                       "; keep one of them"))
            continue
        if ident["county"] and squeeze(ident["county"]) != squeeze(project.county) \
                and squeeze(ident["county"]) in counties:
            problems.append(RowProblem(place, "warning", f"the row says {ident['county']}, but "
                                       f"{project.id} is a project of {project.county}"))
        amount, failed = _amount(table, row, "completed_ytd", project.id, problems)
        funding, funding_failed = _amount(table, row, "funding_secured", project.id, problems)
        if failed or funding_failed:
            continue
        if amount is None:
            problems.append(RowProblem(place, "warning", f"{project.id} has no {column.header}; "
                                       "it is left out and counts as not reported (未报送). "
                                       "Write 0 if nothing was invested"))
            continue
        old = current.entries.get(project.id) if current else None
        if "funding_secured" not in table.columns and old is not None:
            funding = old.funding_secured  # a sheet without the column keeps what is there
        category = _category(table.text(row, "issue_category"), place, problems)
        issues = _issues(table.text(row, "issues"), old,
                         [r.entries[project.id] for r in earlier if project.id in r.entries],
                         category)
        try:
            entry = Entry(completed_ytd=amount,
                          progress=clean_text(table.value(row, "progress")) or None,
                          issues=issues, funding_secured=funding,
                          funding=_funding(table, row, place, problems))
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                problems.append(RowProblem(place, "error", f"{project.id}: "
                                           f"{'.'.join(map(str, item['loc']))} {item['msg']}"))
            continue
        found[project.id] = (row, project, entry)
    return found


def _funding(table: Table, row: Row, place: str, problems: list[RowProblem]
             ) -> dict[str, Decimal]:
    """本年到位资金 by source from the sheet's funding columns (none: {}); blank cells skipped."""
    funding: dict[str, Decimal] = {}
    for key, column in table.columns.items():
        if not key.startswith("funding."):
            continue
        try:
            amount = parse_amount(table.value(row, key), column.scale)
        except AmountError as exc:
            problems.append(RowProblem(place, "error", f"{column.header}: {exc}"))
            continue
        if amount is not None:
            funding[key.removeprefix("funding.")] = to_ledger_places(amount)[0]
    return funding


def _amount(table: Table, row: Row, key: str, pid: str, problems: list[RowProblem]
            ) -> tuple[Decimal | None, bool]:
    """(amount in 万元 or None when the cell is empty or the column absent, failed)."""
    column = table.columns.get(key)
    if column is None:
        return None, False
    place = table.place(row.number)
    try:
        amount = parse_amount(table.value(row, key), column.scale)
    except AmountError as exc:
        problems.append(RowProblem(place, "error", f"{column.header}: {exc}"))
        return None, True
    if amount is None:
        return None, False
    amount, rounded = to_ledger_places(amount)
    if rounded:
        problems.append(RowProblem(place, "warning", f"{column.header} of {pid} has more than "
                                   f"4 decimal places; rounded to {amount} 万元"))
    return amount, False


_CATEGORY_KEYS = {name: key for key, name in vocab.ISSUE_CATEGORIES.items()}


def _category(cell: str, place: str, problems: list[RowProblem]) -> str | None:
    """The issue category a 问题类别 cell names (土地 → land), None if empty or unknown."""
    name = squeeze(cell)
    if not name:
        return None
    key = _CATEGORY_KEYS.get(name) or (name if name in vocab.ISSUE_CATEGORIES else None)
    if key is None:
        problems.append(RowProblem(place, "warning", f"问题类别 '{cell}' is not one of "
                                   f"{'、'.join(vocab.ISSUE_CATEGORIES.values())}; the "
                                   "category is guessed from the issue's text"))
    return key


def _issues(cell: str, current: Entry | None, earlier: list[Entry],
            category: str | None = None) -> list[Issue]:
    """The cell's issues, with what the office set by hand kept (see the module's doc).

    ``earlier`` are the project's entries before this month, newest first.
    """
    listed = current.issues if current else []
    open_texts = [i.text for i in listed if not i.closed]
    if open_texts and squeeze(cell) == squeeze(join_issues(open_texts)):
        parts = open_texts  # the cell as the export wrote it: the same issues
    else:
        parts = split_issues(cell)
    before = [i for e in earlier for i in e.issues]
    issues: list[Issue] = []
    for part in parts:
        key, text = split_key(part)
        if not text:
            continue
        same = _find(key, text, listed)
        if same is not None:
            issues.append(same.model_copy(update={"text": text}))
            continue
        old = _find(key, text, before)
        if old is not None:
            issues.append(old.model_copy(update={
                "text": text, "resolved": False,
                "status": None if old.status == "done" else old.status}))
            continue
        issues.append(Issue(category=category or category_of(text), text=text))
    kept = [i for i in listed if i.closed or i.supervised]
    kept += [i for i in (earlier[0].issues if earlier else ()) if i.supervised and not i.closed]
    for issue in kept:
        if _find(issue.key, issue.text, issues) is None:
            issues.append(issue)
    return issues


def _find(key: str | None, text: str, issues) -> Issue | None:
    """The issue of ``issues`` with ``key``, else (for a key none has) the same text."""
    if key is not None:
        keyed = next((i for i in issues if i.key == key), None)
        if keyed is not None:
            return keyed
    words = squeeze(text)
    return next((i for i in issues if squeeze(i.text) == words), None)


def _check_months(table: Table, row: Row, ledger: Ledger, month: int, project: Project,
                  entry: Entry, problems: list[RowProblem]) -> None:
    """The rules ``check`` applies between months, for the new entry and its neighbours."""
    before = [m for m in ledger.progress if m < month and project.id in ledger.progress[m].entries]
    after = [m for m in ledger.progress if m > month and project.id in ledger.progress[m].entries]
    place = table.place(row.number)
    previous = ledger.progress[max(before)].entries[project.id] if before else None
    label = ledger.progress[max(before)].month if before else None
    for finding in rules.entry_findings(project.id, entry, project, previous, label):
        problems.append(RowProblem(place, "error" if finding.code.startswith("E") else "warning",
                                   f"{project.id}: {finding.message} ({finding.hint})"))
    if after:
        later = ledger.progress[min(after)]
        for finding in rules.entry_findings(project.id, later.entries[project.id], project,
                                            entry, str(Month(ledger.config.year, month))):
            if finding.code == "E304":
                problems.append(RowProblem(place, "error", f"{project.id}: progress/"
                                           f"{later.month}.yaml would then fail: "
                                           f"{finding.message}"))


def diff(old: Mapping[str, Entry], new: Mapping[str, Entry], projects) -> Changes:
    """What changes from the entries ``old`` to ``new``, in ledger order."""
    names = {p.id: p.name for p in projects}
    order = list(dict.fromkeys([*new, *old]))
    added, removed, amounts, texts = [], [], [], []
    for pid in order:
        change = Change(pid, names.get(pid, ""), old.get(pid), new.get(pid))
        if change.old is None:
            added.append(change)
        elif change.new is None:
            removed.append(change)
        elif change.old.completed_ytd != change.new.completed_ytd:
            amounts.append(change)
        elif change.old != change.new:
            texts.append(change)
    return Changes(tuple(added), tuple(removed), tuple(amounts), tuple(texts))
