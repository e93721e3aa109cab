"""The annual project list (年度项目明细表) → projects/<county>.yaml.

Every visible sheet with a project-list header is read (a sheet per county, or per
level: 省重点/市重点/县重点), or the sheets named. Chinese values become the format's
(新开工/续建/预备 → new/continuing/preparatory, 省重点/市重点/县重点 →
provincial/municipal/county, 开工一批 → start …); county, sector and tag names are
matched to the ledger's lists (spaces and full-width forms forgiven) and an unknown
one is a problem at its row.

Ids are stable. A row is an existing project when its 项目编号 is one, else when its
项目代码 or normalized name is; that project keeps its id and file, takes the sheet's
values (a blank cell keeps what the ledger has) and keeps the fields the sheet has no
column for (procedures, funding, milestones …). A new project gets the 项目编号 of its
row, or ``<prefix>-NNN`` continuing the prefix's numbering; the prefix is
``--id-prefix`` when given, else the one most used by its county's projects (DH-001 …
→ DH), else ``XM`` (项目). New projects go to projects/<county>.yaml. Projects of the
ledger that the sheet leaves out are kept and listed.

``--level`` and ``--county`` (and a sheet named after a level or a county) give rows
without a 级别 or 县（市、区） cell their value when they are new projects; a project the
ledger already has keeps its own.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from majorproj.excel import ExcelError
from majorproj.excel.amounts import AmountError, parse_amount, to_ledger_places
from majorproj.excel.cells import MonthCell
from majorproj.excel.columns import PROJECT_SPECS, title_of_another_year, years_in_header
from majorproj.excel.match import ProjectIndex, county_of_sheet, normal_name
from majorproj.excel.sheet import Hints, Row, RowCounter, Table, header_key, read_file
from majorproj.excel.text import clean_text, squeeze
from majorproj.excel.totals import total_problems
from majorproj.ledger import rules, vocab
from majorproj.ledger.fields import ValidationError, as_data, field_names, validated
from majorproj.ledger.models import Ledger, Project
from majorproj.ledger.problems import Problem
from majorproj.ledger.writing import write_files
from majorproj.ledger.yamlwrite import (
    body_has_comments,
    comment,
    head_comments,
    projects_yaml,
)
from majorproj.periods import Month
from majorproj.text import NOTHING

REQUIRED = (("name",), ("total_investment",), ("annual_plan",), ("nature",), ("sector",))
DEFAULT_PREFIX = "XM"
_ID = re.compile(r"^(?P<prefix>.*?)(?P<sep>[-_]?)(?P<number>\d+)$")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|2100)(?!\d)")
_SHORT_END = re.compile(r"(?:19|20)\d\d\s*[-—–~～至到]\s*(\d\d)(?!\d)")
STARTED = NOTHING | {"已开工", "已开工建设", "续建", "在建"}  # a planned start that is none
_MONTH = re.compile(r"(?:(?P<year>\d{4})\s*[-./年]\s*)?(?P<month>\d{1,2})\s*(?:[-./月]\s*"
                    r"(?:(?P<day>\d{1,2})\s*日?)?)?$")
_LIST = re.compile(r"[、,，;；/\s]+")


def _words(names: dict[str, str], others: dict[str, tuple[str, ...]]
           ) -> dict[str, tuple[str, ...]]:
    """What a cell may say for each value: its name in ``vocab`` (first: messages list it),
    its key, and the other words offices use."""
    return {key: (name, key, *others.get(key, ())) for key, name in names.items()}


NATURE_WORDS = _words(vocab.NATURES, {
    "new": ("新建", "新开", "新开工项目", "新建项目"),
    "continuing": ("在建", "续建项目", "在建项目"),
    "preparatory": ("前期", "储备", "预备项目", "前期项目", "前期预备"),
})
LEVEL_WORDS = _words(vocab.LEVELS, {
    "provincial": ("省级", "省", "省重点项目", "省级重点"),
    "municipal": ("市级", "市", "市重点项目", "市级重点"),
    "county": ("县级", "县", "区重点", "县区重点", "县重点项目", "县级重点"),
})
BATCH_WORDS = {key: (name, name[:2]) for key, name in vocab.BATCHES.items()}


@dataclass(frozen=True)
class Update:
    """A project as the ledger has it and as the sheet gives it."""

    old: Project
    new: Project

    @property
    def fields(self) -> list[str]:
        return [f for f in field_names(Project) if getattr(self.old, f) != getattr(self.new, f)]


@dataclass(frozen=True)
class ProjectsImport:
    """A project list read against the ledger: added, changed, missing, and problems."""

    tables: tuple[Table, ...]
    not_read: tuple[tuple[str, str], ...]  # (sheet, why)
    rows: dict[str, int]  # sheet → projects read from it
    problems: tuple[Problem, ...]
    added: tuple[Project, ...]
    updated: tuple[Update, ...]
    unchanged: int
    missing: tuple[Project, ...]  # in the ledger, not in the sheet (kept)
    files: dict[Path, tuple[Project, ...]] = field(default_factory=dict)  # to (re)write
    notes: dict[str, int] = field(default_factory=dict)  # sheet → note rows under the table
    headings_read: dict[str, int] = field(default_factory=dict)  # sheet → heading-shaped
                                                                 # rows read as projects


def read_projects(path: Path, ledger: Ledger, *, sheets: Sequence[str] = (),
                  columns: Sequence[str] = (), county: str | None = None,
                  level: str | None = None, id_prefix: str | None = None,
                  on_row: RowCounter | None = None) -> ProjectsImport:
    """Read the project list at ``path``; ``county``/``level`` fill new rows without them."""
    book = read_file(path, sheets, PROJECT_SPECS, REQUIRED,
                     Hints(None, ledger.config.year, tuple(columns)), on_row)
    book.check_named(columns)
    counties = ledger.config.counties
    for table in book.tables:
        headings = _headings(table)
        if county is None and "county" not in table.columns \
                and not county_of_sheet(table.sheet, counties) \
                and not any(county_of_sheet(h, counties) for h in headings):
            raise ExcelError(f"{table.place()} has no 县（市、区） column; give the county of "
                             "its rows when the sheet is one county's list", choice="county")
        if level is None and "level" not in table.columns and not level_of_sheet(table.sheet) \
                and not any(level_of_sheet(h) for h in headings):
            raise ExcelError(f"{table.place()} has no 级别 column; give the level of its rows "
                             "when the whole list is of one level", choice="level")
    return _Reader(book.tables, book.not_read, ledger, county, level, id_prefix).read()


# the number of a group heading (一、, （二）, 1.) and its count ((8个), 共12个)
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]"
                             r"|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_HEADING_COUNT = re.compile(r"\(?(?:共)?\d+个(?:项目)?\)?$")
# levels named together (省市重点项目, 市、县重点项目, 省市县重点): the sheet is of several
_LEVELS_TOGETHER = re.compile(r"省级?[、和及与/]?[市县]|市级?[、和及与/]?县|"
                              r"市级?[、和及与/]?区(?:级|重点)")


def level_of_sheet(sheet: str) -> str:
    """The level a sheet's name says (省重点, 市重点项目, 县重点 …), if one; else '' (none,
    or several: 省市重点项目)."""
    name = squeeze(sheet)
    if _LEVELS_TOGETHER.search(name):
        return ""
    named = {key for key, words in LEVEL_WORDS.items()  # 省重点项目, 省级 (not 省 alone)
             if any((len(w) >= 3 or w.endswith("级")) and w in name for w in words)}
    return next(iter(named)) if len(named) == 1 else ""


def write_projects(result: ProjectsImport, root: Path) -> list[Path]:
    """Write every changed projects file of the ledger at ``root``, all or nothing
    (OutputError, with the ledger as before, if one cannot be written)."""
    files = {}
    for path, projects in result.files.items():
        county = projects[0].county if projects else path.stem
        head = head_comments(path, [comment(f"{county} 重点项目，由 majorproj import projects "
                                            f"从 {result.tables[0].file} 导入")])
        files[path] = projects_yaml(list(projects), head).encode("utf-8")
    return write_files(root, files)


def commented_files(result: ProjectsImport) -> list[Path]:
    """Files to rewrite that hold comments below their top lines (which are not kept)."""
    return [p for p in result.files if p.exists() and body_has_comments(p)]


def project_files(ledger: Ledger) -> dict[Path, list[str]]:
    """Each projects file of the ledger and the ids it holds, in file order."""
    files: dict[Path, list[str]] = {}
    for project in ledger.projects:  # the loader keeps file order, then record order
        files.setdefault(ledger.root / ledger.project_files[project.id], []).append(project.id)
    return files


class _Reader:
    """One pass over the sheets' rows; the state is the ids and names taken so far."""

    def __init__(self, tables: tuple[Table, ...], not_read: tuple[tuple[str, str], ...],
                 ledger: Ledger, county: str | None, level: str | None, id_prefix: str | None):
        self.tables, self.not_read, self.ledger = tables, not_read, ledger
        self.config = ledger.config
        self.county, self.level, self.id_prefix = county, level, id_prefix
        self.index = ProjectIndex.of(ledger.projects)
        # the ledger's ids as written otherwise (DH 019, DH019 for DH-019), made once
        self.folded_ids = {_folded_id(p.id): p for p in reversed(ledger.projects)}
        self.problems: list[Problem] = []
        self.taken: dict[str, tuple[str, int]] = {}  # id, "code…", "name…" → (sheet, row)
        self.numbers: dict[str, tuple[int, int, str]] = {}  # prefix → (max number, width, sep)
        used: dict[str, Counter[str]] = {}  # county → its projects' id prefixes
        for p in ledger.projects:
            self._count_id(p.id)
            if match := _ID.match(p.id):
                used.setdefault(p.county, Counter())[match["prefix"]] += 1
        self.prefixes = {county: c.most_common(1)[0][0] for county, c in used.items()}
        self.counties = {squeeze(c) for c in self.config.counties}
        self.rows: dict[str, int] = {}
        self.notes: Counter[str] = Counter()
        self.headings_read: Counter[str] = Counter()

    def read(self) -> ProjectsImport:
        for table in self.tables:  # ids the sheets give, further down too: none is made again
            for row in table.rows:
                if pid := self.index.given_id(table.text(row, "id")):
                    self._count_id(pid)
        results: list[tuple[Project | None, Project]] = []  # (existing, new)
        seen: dict[str, tuple[str, dict[str, str]]] = {}  # name → (sheet, the row's cells)
        # the sheet of most rows first: a 汇总 after its 分县 sheets is still the one read
        for table in sorted(self.tables, key=lambda t: -len(t.rows)):
            if (first := _regrouping(table, seen)) is not None:
                self.not_read += ((table.sheet, f"the same projects and values as {first}, "
                                                "grouped otherwise"),)
                continue
            self.table = table
            self.headers = {c.key: c.header.replace("\n", "") for c in table.columns.values()}
            self.sheet_county = county_of_sheet(table.sheet, self.config.counties)
            self.sheet_level = level_of_sheet(table.sheet)
            other_years = self._years(table)
            if (of_another_year := title_of_another_year(table, self.config.year)) is not None:
                other_years.append(of_another_year)
            self.problems += [*table.problems, *table.cut_problems(), *other_years]
            self.rows[table.sheet] = 0
            if table.blocked or other_years:
                continue
            rows = _project_rows(table)
            self.headings_read[table.sheet] = len(rows) - len(table.rows)
            numbers = {row.number for row in rows}
            self.under: list[tuple[str, str]] = []  # headings over the row: (kind, value)
            for line in table.lines:
                if line.row.number not in numbers:
                    if line.kind == "heading":
                        self._heading(self._label(line.row))
                    continue
                if self._heading(self._label(line.row), alone=True):
                    continue  # a county's name alone over its projects
                found = self._row(line.row)
                if found is not None:
                    results.append(found)
                    self.rows[table.sheet] += 1
            self.problems += total_problems(table, self.counties)
        return self._result(results)

    def _label(self, row: Row) -> str:
        """The row's name, or for a heading its first text."""
        return clean_text(self.table.value(row, "name"), one_line=True) or _first_text(row)

    def _heading(self, text: str, alone: bool = False) -> bool:
        """Take a group heading's level or county (二、市重点项目, （一）东湖区: the new projects
        under it are of it); with ``alone``, only a county's name alone (东湖区)."""
        bare = squeeze(_HEADING_NUMBER.sub("", text)).rstrip(":：")
        bare = _HEADING_COUNT.sub("", bare)
        said = []
        if bare in self.counties:
            said.append(("county", next(c for c in self.config.counties if squeeze(c) == bare)))
        elif not alone and (level := level_of_sheet(bare)):
            said.append(("level", level))
        for kind, value in said:
            kinds = [k for k, _ in self.under]
            if kind in kinds:  # the same kind again: what was under the last one ends
                del self.under[kinds.index(kind):]
            self.under.append((kind, value))
        return bool(said)

    def _under(self, kind: str) -> str:
        return next((value for k, value in self.under if k == kind), "")

    def _years(self, table: Table) -> list[Problem]:
        """E502 for an amount column of another year than the ledger's: 2023年计划投资 in a
        2024 ledger, 至2022年底累计完成投资 where 至2023年底 is meant."""
        year = self.config.year
        wanted = {"annual_plan": year, "completed_before": year - 1}
        problems = []
        for key, meant in wanted.items():
            column = table.columns.get(key)
            if column is None:
                continue
            said = years_in_header(header_key(column.header))
            if said and said[-1] != meant:
                problems.append(table.problem(
                    table.header_rows[1], "E502", f"the column {table.cell(key)} "
                    f"'{column.header}' is of {said[-1]}, but the ledger of {year} needs "
                    f"{meant}'s", "import the list into that year's ledger, or correct the "
                    "header"))
        return problems

    # ── one row ──────────────────────────────────────────────────────────────

    def _problem(self, row: Row, code: str, message: str, hint: str = "") -> None:
        self.problems.append(self.table.problem(row, code, message, hint))

    def _row(self, row: Row) -> tuple[Project | None, Project] | None:
        if broken := self.table.error_values(row):
            self.problems.append(broken)
            return None
        name = self.index.unnumbered(clean_text(self.table.value(row, "name"), one_line=True))
        pid = self.index.given_id(self.table.text(row, "id"))
        code = squeeze(self.table.text(row, "code"))
        if not name and not pid and not code:
            self._problem(row, "E506", "the row has figures but no 项目名称",
                          "write the project's name, or delete the row")
            return None
        if not (pid or code) and squeeze(name).rstrip(":：") in self.counties:
            return None  # a county's heading row
        existing = self._existing(row, pid, code, name)
        if existing is False:
            return None
        if existing is None and row.trailing and not (pid or code) \
                and self.table.note_shaped(row) and not any(
                    self.table.text(row, k) for k in ("nature", "sector", "level")):
            self.notes[self.table.sheet] += 1  # 制表：…, 审核：… under the table
            return None
        record = as_data(existing, exclude_defaults=True) if existing else {}
        values = self._values(row, record)
        if values is None:
            return None
        record.update(values)
        if existing and normal_name(self._stated_county(row) + name) == normal_name(
                existing.name):
            name = existing.name  # 老旧小区改造项目 on 东湖区's list keeps the ledger's full name
        if not existing:
            name = self.index.without_number(name)  # （3）东湖区新建冷库项目: the list's number
        record["name"] = name or record.get("name", "")
        if code:
            record["code"] = code
        record["id"] = existing.id if existing else self._new_id(row, pid, record)
        if not record["id"]:
            return None
        try:
            project = validated(Project, record)
        except ValidationError as exc:
            for item in exc.errors(include_url=False):
                where = self.headers.get(str(item["loc"][0]), str(item["loc"][0])) \
                    if item["loc"] else "row"
                if item["type"] == "missing":
                    self._problem(row, "E509", f"the row gives no {where}, which every "
                                  "project needs", f"write its {where}; a row that is a group's "
                                  "heading or total is no project: delete it, or start it "
                                  "with 一、 or end it with 小计")
                elif item["loc"] and item["loc"][0] == "id":
                    self._problem(row, "E509", f"{where} '{record['id']}' is not an id: an id "
                                  "is letters, digits, - and _ (DH-019)", "write the id so "
                                  "(DH-019), or leave the cell blank for majorproj to number "
                                  "the project")
                else:
                    self._problem(row, "E509", f"{where}: {item['msg']}" + (
                        f" (got '{clean_text(item['input'], one_line=True)}')"
                        if "literal" in item["type"] else ""))
            return None
        for finding in rules.project_findings(project, self.config):
            self._problem(row, finding.code, f"{project.id}: {finding.message}", finding.hint)
        if existing is not None:
            self._against_reports(row, project)
        if not self._claim(row, project):
            return None
        if existing is None and (near := self.index.nearly(name)) is not None \
                and near.county == project.county:
            self._problem(row, "W510", f"the new project '{name}' is nearly {near.id} "
                          f"'{near.name}' of {near.county}", f"if it is {near.id} renamed, give "
                          "the row its 项目编号 or 项目代码, so that it is not counted twice")
        return existing or None, project

    def _against_reports(self, row: Row, project: Project) -> None:
        """The errors the ledger's monthly reports would have with the row's values (a
        list typed in 亿元 without saying so: 总投资 84100 becomes 8.41, and every month's
        amount done is then more than 100 times it): nothing is written with them."""
        progress = self.ledger.progress
        previous = None
        for month in sorted(progress):
            entry = progress[month].entries.get(project.id)
            if entry is None:
                continue
            for finding in rules.entry_findings(project.id, entry, project, previous, None):
                if finding.code.startswith("E"):
                    self._problem(row, finding.code, f"{project.id}: progress/"
                                  f"{progress[month].month}.yaml would then fail: "
                                  f"{finding.message}", "check the sheet's unit (单位：万元, or "
                                  "亿元 in the header) and the row's figures")
                    return
            previous = entry

    def _existing(self, row: Row, pid: str, code: str, name: str
                  ) -> Project | None | Literal[False]:
        """The ledger's project this row is (None: a new one; False: a problem)."""
        named = self.index.by_name.get(normal_name(name), ()) if name else ()
        if pid and (by_id := self.index.by_id.get(pid) or self.index.folded_id(pid)):
            return self._not_anothers(row, by_id, "项目编号", named)  # dh-001: DH-001
        if pid and (alike := self.folded_ids.get(_folded_id(pid))) is not None:
            self._problem(row, "W506", f"项目编号 {pid} is not in the ledger, but {alike.id} "
                          f"'{alike.name}' is: the row becomes a new project",
                          f"if the row is {alike.id}, write its id so")
        if code and code in self.index.by_code:
            found = self.index.by_code[code]
            if pid:
                self._problem(row, "W506", f"项目编号 {pid} is not in the ledger; the row's "
                              f"项目代码 is that of {found.id}, which keeps its id")
            return self._not_anothers(row, found, "项目代码", named)
        stated = self._stated_county(row)
        if stated and len(named) >= 1:  # a project of another county may have the name
            elsewhere = named
            named = tuple(p for p in named if squeeze(p.county) == squeeze(stated))
            if not named:
                self._problem(row, "W006", f"项目名称 '{name}' is that of {elsewhere[0].id} of "
                              f"{elsewhere[0].county}, but the row is of {stated}: it becomes a "
                              "second project of that name", f"if it is {elsewhere[0].id}, "
                              "correct the row's 县（市、区）, or give its 项目编号")
        if not named and stated and name and not normal_name(name).startswith(
                normal_name(stated)):  # 老旧小区改造项目 on 东湖区's list: 东湖区老旧小区改造项目
            named = self.index.by_name.get(normal_name(stated + name), ())
        if len(named) > 1:
            self._problem(row, "E506", f"项目名称 '{name}' is the name of "
                          + ", ".join(p.id for p in named),
                          "add a 项目编号 or 项目代码 column to tell them apart")
            return False
        if named and code and named[0].code and named[0].code != code:
            self._problem(row, "W506", f"{named[0].id} '{name}' gets the 项目代码 {code} "
                          f"(it was {named[0].code})")
        return named[0] if named else None

    def _not_anothers(self, row: Row, found: Project, by: str,
                      named: tuple[Project, ...]) -> Project | Literal[False]:
        """``found`` unless the row's name is exactly another project's: a misaligned row
        (a 项目代码 column shifted against the names) would give one project another's data."""
        others = [p for p in named if p.id != found.id]
        if not others:
            return found
        self._problem(row, "E506", f"the row's {by} is that of {found.id} '{found.name}', but "
                      f"its name is that of {others[0].id}; correct one of them",
                      "a renamed project keeps its 项目编号 or 项目代码 and takes a new name")
        return False

    def _stated_county(self, row: Row) -> str:
        """The county the row says it is of (its column, else the sheet's or --county's)."""
        if "county" in self.table.columns:
            return clean_text(self.table.value(row, "county"), one_line=True)
        return self._under("county") or self.sheet_county or self.county or ""

    def _values(self, row: Row, record: dict) -> dict | None:
        """The row's fields in the format's values; None after a problem."""
        values: dict = {}
        ok = True
        for key in ("scale", "owner", "unit", "leader"):
            text = clean_text(self.table.value(row, key), one_line=key != "scale")
            if text and squeeze(text) not in NOTHING:  # —, /, 无: nothing said, as for amounts
                values[key] = text
        for key in ("total_investment", "completed_before", "annual_plan"):
            column = self.table.columns.get(key)
            if column is None:
                continue
            try:
                amount = parse_amount(self.table.value(row, key), column.scale)
            except AmountError as exc:
                self._problem(row, exc.code, f"{self.table.cell(key)} {self.headers[key]}: "
                              f"{exc}")
                ok = False
                continue
            if amount is not None:
                amount, rounded = to_ledger_places(amount)
                if rounded:
                    self._problem(row, "W502", f"{self.headers[key]} has more than 4 decimal "
                                  f"places; rounded to {amount} 万元")
                values[key] = amount
        new = not record  # a project the ledger does not have yet
        grouped = self._under("level") or self.sheet_level
        level = (grouped or self.level) if new else None
        if not new and grouped and "level" not in self.table.columns \
                and record.get("level") != grouped:
            self._problem(row, "W506", f"the sheet {self.table.sheet} lists {record['id']}, "
                          f"a {vocab.LEVELS[record['level']]} project in the ledger; its level "
                          "is kept", "move the row to its level's sheet, or change the level "
                          "in the ledger")
        for key, words, default in (("nature", NATURE_WORDS, None),
                                    ("level", LEVEL_WORDS, level)):
            text = self.table.text(row, key) or default or ""
            if text:
                mapped = _vocab(text, words)
                if mapped is None:
                    given = self.headers.get(key, f"the {key} given")
                    self._problem(row, "E509", f"{given} '{text}' "
                                  "is not one of " + "/".join(w[0] for w in words.values()))
                    ok = False
                else:
                    values[key] = mapped
        county = (self._under("county") or self.sheet_county or self.county) if new else None
        for key, names, default in (("county", self.config.counties, county),
                                    ("sector", self.config.sectors, None)):
            text = clean_text(self.table.value(row, key), one_line=True) or default or ""
            if text:
                values[key] = _named(text, names)
        said = self.table.text(row, "years")
        years = _YEAR.findall(said)
        if isinstance(self.table.value(row, "years"), date):  # 2024-3 typed: Excel made a date
            self._problem(row, "E509", f"{self.headers['years']} is a date ({said[:10]}), not "
                          "the years of construction", "type the years as text, 2024-2026")
            ok = False
        elif years:
            values["start_year"], values["end_year"] = int(years[0]), int(years[-1])
            if len(years) == 1 and (short := _SHORT_END.search(said)):  # 2023-25: to 2025
                values["end_year"] = int(years[0]) // 100 * 100 + int(short[1])
        for key in ("planned_start", "planned_completion"):
            when = self.table.value(row, key)
            if key == "planned_start" and squeeze(clean_text(when)) in STARTED:
                continue  # 已开工 (a continuing project's): no month to plan
            if isinstance(when, float) and round(when % 1, 6) == 0.1:
                self._problem(row, "E509", f"{self.headers[key]} {when:g} is a number that "
                              f"cannot tell October ({int(when)}.10) from January "
                              f"({int(when)}.1)", "type the month as text, 2024-10 or 2024年10月")
                ok = False
                continue
            if when is not None and clean_text(when):
                parsed = _year_month(when, self.config.year)
                if parsed is None:
                    self._problem(row, "E509", f"{self.headers[key]} '{clean_text(when)}' is "
                                  "not a month", "write e.g. 2024-03 or 2024年3月")
                    ok = False
                else:
                    values[key] = parsed
        tags = [t for t in _LIST.split(self.table.text(row, "tags")) if t]
        if tags:
            values["tags"] = [_named(t, self.config.tags) for t in tags]
        batches = [t for t in _LIST.split(self.table.text(row, "batches")) if t]
        if batches:
            keys = [_vocab(b, BATCH_WORDS) for b in batches]
            if None in keys:
                self._problem(row, "E509", f"三个一批 '{self.table.text(row, 'batches')}' "
                              "names other than 开工一批, 投产一批, 达效一批")
                ok = False
            values["batches"] = list(dict.fromkeys(k for k in keys if k))
        marked = [key for key in vocab.BATCHES if f"batch.{key}" in self.table.columns]
        if marked:  # a column a batch: a mark (√, 是, 1) in it, or nothing
            ticks = {key: squeeze(self.table.text(row, f"batch.{key}")) for key in marked}
            unclear = {k: t for k, t in ticks.items() if t and t not in _MARKS and t not in NOTHING}
            if unclear:
                key, text = next(iter(unclear.items()))
                self._problem(row, "E509", f"{self.headers[f'batch.{key}']} '{text}' is not a "
                              "mark", "mark the batch's projects with √ and leave the others blank")
                ok = False
            values["batches"] = list(dict.fromkeys(
                [*values.get("batches", record.get("batches", [])),
                 *(k for k, t in ticks.items() if t in _MARKS)]))
        if "annual_plan" not in values and "annual_plan" not in record \
                and values.get("nature") == "preparatory":
            values["annual_plan"] = 0  # 预备 projects have no plan of their own this year
        return values if ok else None

    # ── ids ──────────────────────────────────────────────────────────────────

    def _count_id(self, pid: str) -> None:
        match = _ID.match(pid)
        if not match:
            return
        prefix = match["prefix"]
        number, width, sep = self.numbers.get(prefix, (0, 3, match["sep"] or "-"))
        self.numbers[prefix] = (max(number, int(match["number"])),
                                max(width, len(match["number"])), sep)

    def _new_id(self, row: Row, pid: str, record: dict) -> str:
        if pid:
            if pid in self.taken:
                self._problem(row, "E507", f"项目编号 {pid} is also at {self._at(pid)}")
                return ""
            self._count_id(pid)
            return pid
        prefix = self.id_prefix or self.prefixes.get(record.get("county", ""), DEFAULT_PREFIX)
        number, width, sep = self.numbers.get(prefix, (0, 3, "-"))
        self.numbers[prefix] = (number + 1, width, sep)
        return f"{prefix}{sep}{number + 1:0{width}d}"

    def _claim(self, row: Row, project: Project) -> bool:
        """Take the project's id, code and name for this row; False if a row has them."""
        # a name is a county's: two counties may each have a 城区污水管网改造工程
        keys = [("id", project.id), ("code", project.code),
                ("name", f"{normal_name(project.county)}/{normal_name(project.name)}")]
        for what, key in keys:
            if key and (what + key) in self.taken:
                self._problem(row, "E507", f"a second row for {project.id} '{project.name}' "
                              f"(the same {what}, first at {self._at(what + key)})",
                              "keep one of them")
                return False
        for what, key in keys:
            if key:
                self.taken[what + key] = (self.table.sheet, row.number)
        return True

    def _at(self, key: str) -> str:
        """Where a taken id or name was first: R5 on this sheet, Sheet2!R5 on another."""
        sheet, number = self.taken[key]
        return f"R{number}" if sheet == self.table.sheet else f"{sheet}!R{number}"

    # ── the result ───────────────────────────────────────────────────────────

    def _result(self, results: list[tuple[Project | None, Project]]) -> ProjectsImport:
        root = self.ledger.root
        by_file = project_files(self.ledger)
        current = {p.id: p for p in self.ledger.projects}
        replaced = {old.id: new for old, new in results if old is not None}
        added = tuple(new for old, new in results if old is None)
        updates = tuple(Update(current[pid], new) for pid, new in replaced.items()
                        if current[pid] != new)
        changed_ids = {u.old.id for u in updates}
        files: dict[Path, tuple[Project, ...]] = {}
        for path, ids in by_file.items():
            if any(pid in changed_ids for pid in ids):
                files[path] = tuple(replaced.get(pid, current[pid]) for pid in ids)
        for project in added:
            path = root / "projects" / f"{_file_name(project.county)}.yaml"
            if path not in files:
                files[path] = tuple(current[pid] for pid in by_file.get(path, []))
            files[path] += (project,)
        seen = set(replaced)
        return ProjectsImport(
            self.tables, self.not_read, self.rows, tuple(self.problems), added, updates,
            len(replaced) - len(updates),
            tuple(p for p in self.ledger.projects if p.id not in seen), files, dict(self.notes),
            dict(self.headings_read))


def _headings(table: Table) -> list[str]:
    """The texts of the table's group headings (一、省重点项目, （二）西山区)."""
    return [_first_text(line.row) for line in table.lines if line.kind == "heading"]


def _first_text(row: Row) -> str:
    return next((clean_text(v, one_line=True) for v in row.cells
                 if isinstance(v, str) and v.strip()), "")


def _project_rows(table: Table) -> list[Row]:
    """The data rows, and the rows shaped like a heading that say a project's 性质 or 行业
    (…改造项目（32个）, …新建5G基站300个): no heading has those filled."""
    named = [line.row for line in table.lines if line.kind == "heading"
             and any(table.text(line.row, key) for key in ("nature", "sector"))]
    return sorted([*table.rows, *named], key=lambda row: row.number) if named \
        else list(table.rows)


def _regrouping(table: Table, seen: dict[str, tuple[str, dict[str, str]]]) -> str | None:
    """The sheet read before that ``table`` repeats row for row (a 总表 and its 分县 sheets:
    the same projects with the same values, grouped otherwise), or None; else the table's
    rows are remembered for the sheets after it."""
    rows = {}
    for row in table.rows:
        name = normal_name(clean_text(table.value(row, "name"), one_line=True))
        if name:
            rows[name] = {key: squeeze(table.text(row, key)) for key in table.columns}
    sheets = {seen[name][0] for name in rows if name in seen}
    if rows and len(sheets) == 1 and all(
            # a column the first lacks must be empty: what only this sheet says is read
            name in seen and all(seen[name][1].get(key, "") == value
                                 for key, value in cells.items() if key != "seq")
            for name, cells in rows.items()):
        return sheets.pop()
    for name, cells in rows.items():
        seen.setdefault(name, (table.sheet, cells))
    return None


_ID_FOLD = re.compile(r"[-_\s]")  # DH 019, DH019, DH_019: written otherwise than DH-019


def _folded_id(pid: str) -> str:
    return _ID_FOLD.sub("", pid).casefold()


_MARKS = {"√", "✓", "✔", "☑", "是", "1", "●", "★", "y", "Y", "yes", "是的"}


def known_level(text: str) -> str | None:
    """The ledger's level that ``text`` names (省重点, 省级 …: provincial), else None."""
    return _vocab(text, LEVEL_WORDS)


def _vocab(text: str, words: Mapping[str, tuple[str, ...]]) -> str | None:
    key = squeeze(text).lower()
    return next((value for value, names in words.items() if key in names), None)


def _named(text: str, names: list[str]) -> str:
    """The ledger's spelling of ``text`` (spaces, full-width forms forgiven), else ``text``."""
    key = squeeze(text)
    return next((n for n in names if squeeze(n) == key), text)


def _year_month(value: object, year: int) -> date | str | None:
    """A month ('2024-03') or a date from a date cell or text such as 2024年3月, 2024.3, 3月;
    a date cell shown as a month (2024年3月) is the month."""
    if isinstance(value, MonthCell):
        return str(Month(value.year, value.month))
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _MONTH.match(squeeze(clean_text(value)).rstrip("份"))
    if not found or not 1 <= int(found["month"]) <= 12:
        return None
    y, m = int(found["year"] or year), int(found["month"])
    if found["day"]:
        try:
            return date(y, m, int(found["day"]))
        except ValueError:
            return None
    return str(Month(y, m))


FILE_NAME_BYTES = 200  # file systems allow 255 bytes a name; the ledger's own add a few


def _file_name(county: str) -> str:
    """A county's name as a file name (a slash or colon in it would make a path); a
    name too long for a file system is cut, with a digest that keeps it apart."""
    from majorproj.files import UNSAFE_IN_NAMES

    name = re.sub(f"[{UNSAFE_IN_NAMES}\\s]+", "_", county).strip("._") or "projects"
    if len(name.encode("utf-8")) <= FILE_NAME_BYTES:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{name.encode('utf-8')[:150].decode('utf-8', 'ignore')}-{digest}"
