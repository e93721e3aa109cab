"""Loading a ledger directory: every file read, validated and checked, all problems kept.

Validation collects everything and stops once, at the end: a user fixes twenty
problems in one pass. The ledger is built whenever the config could be read; callers
that need a sound ledger (summary, report) refuse it when there are errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from majorproj.ledger import rules
from majorproj.ledger.collector import collector_paused
from majorproj.ledger.fields import ValidationError, field_names, validated
from majorproj.ledger.layout import CONFIG_FILE, FOLDERS, strays, unreadable_folder
from majorproj.ledger.layout import files as _files
from majorproj.ledger.models import (
    Config,
    Entry,
    Ledger,
    Narrative,
    Progress,
    Project,
    ProjectsFile,
    shared_values,
)
from majorproj.ledger.previous import Carried, PreviousError, carried, load_previous, matched
from majorproj.ledger.problems import Problem, severity_of
from majorproj.ledger.translate import unknown_keys, validation_problems
from majorproj.ledger.yamlfile import Document, Loc, read_document
from majorproj.periods import MONTH_PATTERN, Month, PeriodError, parse_period

M = TypeVar("M")
Place = rules.Place
Where = tuple[Document, Loc]  # a file and a place in it, its line and column not yet known
SUGGESTIONS = 20  # "did you mean" for this many unknown ids a file; more are not shown anyway


@dataclass
class LoadResult:
    """The ledger read from a folder, or None where errors stop it, with every problem."""

    ledger: Ledger | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def load_ledger(root: Path, previous: Path | None = None, *,
                follow_previous: bool = True, previous_fails: bool = False) -> LoadResult:
    """Read and check every file of the ledger at ``root`` (the garbage collector paused).

    With ``follow_previous``, last year's ledger (``previous``, else the config's
    ``previous:``) is loaded too, for 同比 and for checking completed_before against it.
    One that cannot be used is a problem (E113) of the config's ``previous:``, the rest
    checked without it; with ``previous_fails``, ``ledger.previous.PreviousError`` instead
    (a command that needs last year's figures stops).
    """
    with collector_paused(), shared_values():
        return _load(root, previous, follow_previous, previous_fails)


def _load(root: Path, previous_dir: Path | None, follow_previous: bool,
          previous_fails: bool = False) -> LoadResult:
    problems: list[Problem] = []
    config_doc, config = read_config(root)
    problems += config_doc.problems
    if config is not None:
        problems += [config_doc.problem(f.loc, f.code, f.message, f.hint, key=f.at_key)
                     for f in rules.config_findings(config)]
    previous = None
    if follow_previous and config is not None:
        try:
            previous = load_previous(root, config, previous_dir)
        except PreviousError as exc:
            if previous_fails:
                raise
            problems.append(config_doc.problem(  # E114: it is there, with errors of its own
                ("previous",), "E114" if exc.code == 1 else "E113",
                ("--previous: " if previous_dir else "") + str(exc),
                "without a usable last year's ledger, this one is checked on its own"))

    projects, places, written_ids = _load_projects(
        root, config, problems, carried(previous) if previous else None)
    progress = _load_progress(root, config, projects, written_ids, problems)
    if progress:
        problems += _not_reported(progress[max(progress)], projects.values(), places)
    narratives = _load_narratives(root, config, problems)
    problems += [_stray(root, path) for folder in FOLDERS for path in strays(root / folder)]
    problems += [Problem(folder, 1, 1, "error", "E007", *wrong) for folder in FOLDERS
                 if (wrong := unreadable_folder(root / folder)) is not None]
    problems.sort(key=lambda p: p.sort_key)
    if config is None:
        return LoadResult(None, problems)
    ledger = Ledger(root, config, tuple(projects.values()), MappingProxyType(progress),
                    MappingProxyType(narratives),
                    MappingProxyType({pid: doc.file for pid, (doc, _) in places.items()}),
                    previous)
    return LoadResult(ledger, problems)


def _stray(root: Path, path: Path) -> Problem:
    """W015: a file or folder that looks meant to be read but is not."""
    name = _display(root, path)
    if path.is_dir():
        return Problem(name, 1, 1, "warning", "W015", f"the folder '{name}' is not read: "
                       "the ledger reads the YAML files of its folders, not of folders below",
                       f"move its files into {path.parent.name}/")
    return Problem(name, 1, 1, "warning", "W015", f"'{name}' is not read: only files ending "
                   ".yaml or .yml are", f"rename it {path.name.split('.')[0]}.yaml if it is "
                   "meant to count, else move it out of the ledger")


def read_config(root: Path) -> tuple[Document, Config | None]:
    """The ledger's majorproj.yaml read, and its settings (None when they are unusable:
    the document's problems say why)."""
    doc = read_document(root / CONFIG_FILE, CONFIG_FILE)
    return doc, _validate(doc, Config)


def _display(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _validate(doc: Document, model: type[M]) -> M | None:
    """The file's data as ``model``, or None with the problems added to the document."""
    if doc.data is None:  # the reader said why
        return None
    if not isinstance(doc.data, dict):
        doc.add((), "E006", f"the file holds {type(doc.data).__name__}, not a mapping",
                f"start the file with the keys of {model.__name__}, e.g. "
                f"`{field_names(model)[0]}:`")
        return None
    unknown_keys(doc, doc.data, model)
    try:
        return validated(model, doc.data)
    except ValidationError as error:
        doc.problems += validation_problems(doc, error)
        return None


def _load_projects(root: Path, config: Config | None, problems: list[Problem],
                   last_year: tuple[dict[str, Carried], dict[str, Carried]] | None = None
                   ) -> tuple[dict[str, Project], dict[str, Where], set[str] | None]:
    """All valid projects by id, where each id stands, and every id written (valid or not).

    With ``last_year`` (last year's projects by id and by code), each project's
    completed_before is checked against last year's ledger (W013).

    Problems go to ``problems``; an invalid project's id still counts as known, so that its
    monthly entries are not reported a second time as entries for an unknown project. When
    a projects file cannot be read at all, the ids written are unknown: None.
    """
    written_ids: set[str] | None = set()
    projects: dict[str, Project] = {}
    # ("id" | "code" | "name", value) → where it stands; worked out only when it is shown
    first_seen: dict[tuple[str, str], Where] = {}
    for path in _files(root / "projects"):
        doc = read_document(path, _display(root, path))
        records = _records(doc)
        if records is None:
            written_ids = None
        elif written_ids is not None:
            written_ids.update(str(r["id"]) for r in records
                               if isinstance(r, dict) and r.get("id") is not None)
        for i, project in _valid_projects(doc, records):
            findings = rules.project_findings(project, config)
            if last_year is not None:
                findings = chain(findings, rules.carried_over(project, matched(project,
                                                                              *last_year)))
            for finding in findings:
                doc.add(("projects", i) + finding.loc, finding.code, finding.message,
                        finding.hint)
            for finding in rules.duplicate_findings(project, first_seen,
                                                    partial(_where, doc, i), _place):
                doc.add(("projects", i) + finding.loc, finding.code, finding.message,
                        finding.hint)
            if project.id not in projects:
                projects[project.id] = project
        problems += doc.problems
        doc.data = records = None  # only its places are still wanted, not the values
    places = {pid: first_seen["id", pid] for pid in projects}
    return projects, places, written_ids


def _where(doc: Document, index: int, name: str) -> Where:
    return (doc, ("projects", index, name))


def _place(where: Where) -> Place:
    doc, loc = where
    return (doc.file, *doc.position(loc))


def _records(doc: Document) -> list | None:
    """The file's list of project records, or None when the file is not of that shape."""
    data = doc.data
    if isinstance(data, dict) and isinstance(data.get("projects"), list):
        return data["projects"]
    return None


def _valid_projects(doc: Document, records: list | None) -> list[tuple[int, Project]]:
    """(index, project) for each valid record; the rest become problems of the document."""
    if records is None:
        _validate(doc, ProjectsFile)  # reports what is wrong with the file's shape
        return []
    unknown_keys(doc, doc.data, ProjectsFile)
    try:
        return list(enumerate(validated(ProjectsFile, doc.data).projects))
    except ValidationError:
        pass
    valid = []
    for i, record in enumerate(records):
        try:
            valid.append((i, validated(Project, record)))
        except ValidationError as error:
            doc.problems += validation_problems(doc, error, ("projects", i))
    return valid


def _load_progress(root: Path, config: Config | None, projects: dict[str, Project],
                   written_ids: set[str] | None, problems: list[Problem]
                   ) -> dict[int, Progress]:
    """Valid monthly reports by month number, in month order, checked month against month."""
    reports: dict[int, Progress] = {}
    latest: dict[str, tuple[Entry, str]] = {}  # project id → its latest entry and month so far
    named: dict[str, str] = {}  # a month's file stem → the file of it read first
    for path in _files(root / "progress"):
        doc = read_document(path, _display(root, path))
        if not re.match(MONTH_PATTERN, path.stem):
            doc.add((), "E008", f"'{path.name}' is not named after a month",
                    "name monthly reports YYYY-MM.yaml, e.g. 2024-06.yaml")
            problems += doc.problems
            continue
        if (first := named.setdefault(path.stem, path.name)) != path.name:
            doc.add((), "E009", f"'{path.name}' and '{first}' are both the report of "
                    f"{path.stem}; the month's figures would be one file's",
                    "keep one of them: merge what the other holds into it and delete it")
            problems += doc.problems
            continue
        _share_ids(doc.data, projects)
        _nested_entries(doc, projects)
        report = _validate(doc, Progress)
        doc.data = None  # the month's raw values: not kept while the next month is read
        if report is not None:
            month_findings = list(rules.month_findings(report.month, path.stem,
                                                       config.year if config else None))
            entry_findings: list[rules.Finding] = []
            unknown = 0
            for pid, entry in report.entries.items():
                if written_ids is not None and pid not in written_ids:
                    unknown += 1  # a file of wrong ids must not take minutes of suggestions
                    entry_findings.append(rules.unknown_project(
                        pid, written_ids, suggest=unknown <= SUGGESTIONS))
                elif pid in projects:
                    previous, previous_month = latest.get(pid, (None, None))
                    entry_findings += rules.entry_findings(pid, entry, projects[pid], previous,
                                                           previous_month)
                latest[pid] = (entry, report.month)
            entry_findings += rules.issue_key_findings(report.entries)
            for f in month_findings:
                doc.add(f.loc, f.code, f.message, f.hint)
            for f in entry_findings:
                doc.add(("entries",) + f.loc, f.code, f.message, f.hint, key=f.code == "E303")
            if not month_findings:
                reports[Month.parse(path.stem).number] = report
        problems += doc.problems
    return reports


def _nested_entries(doc: Document, projects: dict[str, Project]) -> None:
    """E307 for a project's entry indented under another's: read as an unknown key of
    that entry, its figures would count for nothing."""
    entries = doc.data.get("entries") if isinstance(doc.data, dict) else None
    if not isinstance(entries, dict):
        return
    for pid, entry in entries.items():
        if isinstance(entry, dict) and not entry.keys() <= ENTRY_FIELDS:  # rare: look
            for key in sorted(entry.keys() & projects.keys()):
                doc.add(("entries", pid, key), "E307", f"{key}'s entry is indented under "
                        f"{pid}'s, so it is read as a key of {pid}'s entry",
                        f"indent {key}: as {pid}: is (two spaces under entries:)", key=True)
                del entry[key]  # said here: not again as an unknown key


ENTRY_FIELDS = frozenset(field_names(Entry))


def _share_ids(data: object, projects: dict[str, Project]) -> None:
    """Key a month's entries by the projects' own id strings: every month names the same
    ids, and a province's year would otherwise hold twelve copies of each."""
    if isinstance(data, dict) and isinstance(entries := data.get("entries"), dict):
        data["entries"] = {(p.id if (p := projects.get(k)) is not None else k): v
                           for k, v in entries.items()}


def _not_reported(report: Progress, projects: Iterable[Project], places: dict[str, Where]
                  ) -> list[Problem]:
    """W002 at each project that the latest monthly report leaves out."""
    return [Problem(*_place(places[pid]), severity_of(f.code), f.code, f.message, f.hint)
            for pid, f in rules.not_reported_findings(report, projects)]


def _load_narratives(root: Path, config: Config | None, problems: list[Problem]
                     ) -> dict[str, Narrative]:
    narratives: dict[str, Narrative] = {}
    named: dict[str, str] = {}  # a period's label → the file of it read first
    for path in _files(root / "narrative"):
        doc = read_document(path, _display(root, path))
        narrative = _validate(doc, Narrative)
        try:
            period = parse_period(path.stem, config.year if config else None)
        except PeriodError as exc:
            doc.add((), "W009", f"'{path.name}' names no period of this ledger: {exc}",
                    "name it after its period, e.g. narrative/2024H1.yaml")
        else:
            if (first := named.setdefault(period.label, path.name)) != path.name:
                doc.add((), "E009", f"'{path.name}' and '{first}' are both the text of "
                        f"{period.label}; the report's would be one file's",
                        "keep one of them: merge what the other holds into it and delete it")
            elif narrative is not None:
                narratives[period.label] = narrative
        problems += doc.problems
    return narratives
