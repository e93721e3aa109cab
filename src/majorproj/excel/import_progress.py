"""A county's dispatch sheet (调度表) → one month's progress/YYYY-MM.yaml.

``read_progress`` reads the sheet, matches each row to a project, parses its amount
and issues, checks the month against the months before and after it (as ``check``
does), and works out what the month's file becomes and how it differs from the file
already there. It writes nothing; ``write_progress`` does, once the caller has
decided (no errors; an existing month only with --force).

Issues keep what the office added by hand: an issue whose text is already in this
month's file keeps its category, unit and ``resolved``; one that was reported in an
earlier month keeps its category and unit and is open again; a resolved issue of this
month that the sheet no longer lists stays, resolved. Everything else is new and open,
its category guessed from keywords (``issues.category_of``).
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
from majorproj.excel.issues import category_of, join_issues, split_issues
from majorproj.excel.match import NoMatch, ProjectIndex
from majorproj.excel.sheet import Row, RowCounter, Table, header_key, read_file
from majorproj.excel.text import clean_text, squeeze
from majorproj.files import write_atomic
from majorproj.ledger import rules
from majorproj.ledger.models import Entry, Issue, Ledger, Progress, Project, month_of
from majorproj.ledger.yamlwrite import head_comments, progress_yaml
from majorproj.periods import PeriodError, month_label, parse_period

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
    """``--month`` as YYYY-MM, in the ledger's year, or ValueError saying what to write."""
    try:
        period = parse_period(text, year)
    except PeriodError as exc:
        raise ValueError(f"--month {text}: {exc}") from None
    if "M" not in period.label:
        raise ValueError(f"--month {text} is not a month; write e.g. {year}-06")
    return f"{period.year}-{period.month:02d}"


def read_progress(path: Path, ledger: Ledger, month: str, *, sheet: str | None = None,
                  merge: bool = False, on_row: RowCounter | None = None
                  ) -> ProgressImport:
    """Read the dispatch sheet at ``path`` for ``month`` (YYYY-MM); ExcelError if unusable."""
    table = read_file(path, sheet, PROGRESS_SPECS, REQUIRED, on_row)
    _, number = month_of(month)
    existing = ledger.progress.get(number)
    problems: list[RowProblem] = []
    _check_header_months(table, number, problems)
    imported = _entries(table, ledger, number, problems)
    for row, project, entry in imported.values():
        _check_months(table, row, ledger, number, project, entry, problems)
    by_id = {pid: entry for pid, (_, _, entry) in imported.items()}
    ordered = {p.id: by_id[p.id] for p in ledger.projects if p.id in by_id}
    old = dict(existing.entries) if existing else {}
    if merge:
        new = {p.id: ordered.get(p.id, old.get(p.id)) for p in ledger.projects
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


def write_progress(result: ProgressImport) -> Path:
    """Write the month's file atomically (OutputError if it cannot be written)."""
    year, month = month_of(result.month)
    default = [f"# {year}年{month}月调度：本年{month_label(month)}累计完成投资（万元），"
               f"由 majorproj import progress 从 {result.table.file} 导入"]
    head = head_comments(result.path, default)
    result.path.parent.mkdir(parents=True, exist_ok=True)
    text = progress_yaml(result.month, result.entries, head)
    write_atomic(result.path, text.encode("utf-8"))
    return result.path


def _check_header_months(table: Table, month: int, problems: list[RowProblem]) -> None:
    column = table.columns["completed_ytd"]
    months = months_in_header(header_key(column.header))
    if months is not None and months != month:
        problems.append(RowProblem(
            table.place(table.header_rows[1]), "error",
            f"the column '{column.header}' holds 1-{months}月, but --month is month {month}; "
            f"import it with --month of month {months}, or correct the header"))


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
        try:
            amount = parse_amount(table.value(row, "completed_ytd"), column.scale)
        except AmountError as exc:
            problems.append(RowProblem(place, "error", f"{column.header}: {exc}"))
            continue
        if amount is None:
            problems.append(RowProblem(place, "warning", f"{project.id} has no {column.header}; "
                                       "it is left out and counts as not reported (未报送). "
                                       "Write 0 if nothing was invested"))
            continue
        amount, rounded = to_ledger_places(amount)
        if rounded:
            problems.append(RowProblem(place, "warning", f"{column.header} of {project.id} has "
                                       f"more than 4 decimal places; rounded to {amount} 万元"))
        old = current.entries.get(project.id) if current else None
        issues = _issues(table.text(row, "issues"), old,
                         [r.entries[project.id] for r in earlier if project.id in r.entries])
        try:
            entry = Entry(completed_ytd=amount,
                          progress=clean_text(table.value(row, "progress")) or None,
                          issues=issues, funding=_funding(table, row, place, problems))
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


def _issues(cell: str, current: Entry | None, earlier: list[Entry]) -> list[Issue]:
    """The cell's issues, with what the office set by hand kept (see the module's doc)."""
    listed = current.issues if current else []
    open_texts = [i.text for i in listed if not i.resolved]
    if open_texts and squeeze(cell) == squeeze(join_issues(open_texts)):
        texts = open_texts  # the cell as the export wrote it: the same issues
    else:
        texts = split_issues(cell)
    issues = []
    for text in texts:
        key = squeeze(text)
        same = next((i for i in listed if squeeze(i.text) == key), None)
        if same is not None:
            issues.append(same.model_copy(update={"text": text}))
            continue
        before = next((i for e in earlier for i in e.issues if squeeze(i.text) == key), None)
        category = before.category if before else category_of(text)
        issues.append(Issue(category=category, text=text, unit=before.unit if before else None))
    keys = {squeeze(t) for t in texts}
    issues += [i for i in listed if i.resolved and squeeze(i.text) not in keys]
    return issues


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
                                            entry, f"{ledger.config.year}-{month:02d}"):
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
