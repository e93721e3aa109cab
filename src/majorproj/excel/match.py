"""Rows to projects: by 项目编号 (id), else 项目代码 (code), else the normalized name.

Names are compared as ``check`` compares them for W006 (``majorproj.text.fold_name``:
NFKC, no white space or invisible characters, brackets folded), so '某某 产业园（一期）'
and '某某产业园【一期】' are the same project. Nothing is matched by similarity: a near name
is only suggested, because a wrong match silently moves money between projects. On a
county's sheet a name without the county's own name before it (老旧小区改造项目 on 东湖区's)
is the county's project of the full name, and suggestions are the county's first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from majorproj.excel.sheet import PART
from majorproj.excel.text import squeeze
from majorproj.ledger.load import SUGGESTIONS
from majorproj.ledger.models import Project
from majorproj.text import fold_name

SUGGESTED_LENGTH = 200  # a longer text is no project's name: no "did you mean" for it
NEAR = 0.75  # difflib's ratio from which a name is nearly another (a "did you mean")
DIFFERENT = 0.5  # below it, a row's name is not the project's its id or code names


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


class NoMatch(Exception):
    """A row that names no project, or more than one; the message says which and why.
    ``unknown``: what the row names is no project of the ledger (a new one, perhaps)."""

    def __init__(self, message: str, *, unknown: bool = False) -> None:
        super().__init__(message)
        self.unknown = unknown


normal_name = fold_name  # one comparison of names for check and the importers
# an item number before a name, tried when the name is no project's: '1、…', '（二）…'
_ITEM = r"(\d{1,3}|[一二三四五六七八九十]{1,3})"
_NUMBERED = re.compile(rf"^(\(?{_ITEM}[)、.]|\({_ITEM}\))")  # in a name folded (normal_name)
_NUMBERED_TEXT = re.compile(rf"^\s*([(（]?{_ITEM}[)）、.．]|[(（]{_ITEM}[)）])")  # as typed


@dataclass(frozen=True)
class ProjectIndex:
    """The ledger's projects by id, code and name, for matching a sheet's rows to them."""

    by_id: dict[str, Project]
    by_code: dict[str, Project]
    by_name: dict[str, tuple[Project, ...]]
    # "did you mean" is offered for the first SUGGESTIONS unmatched rows only, as `check`
    # does: each costs a comparison with every project (500 rows of wrong ids took 12 s)
    suggestions_left: list[int] = field(default_factory=lambda: [SUGGESTIONS], compare=False)
    numeric_ids: bool = False  # some project's id is digits alone (001): then 1 is no serial

    @classmethod
    def of(cls, projects: Iterable[Project]) -> ProjectIndex:
        by_id: dict[str, Project] = {}
        by_code: dict[str, Project] = {}
        by_name: dict[str, tuple[Project, ...]] = {}
        for p in projects:
            by_id.setdefault(p.id, p)
            if p.code:
                by_code.setdefault(p.code, p)
            key = normal_name(p.name)
            by_name[key] = by_name.get(key, ()) + (p,)
        return cls(by_id, by_code, by_name, numeric_ids=any(map(str.isdecimal, by_id)))

    def match(self, *, id: str = "", code: str = "", name: str = "", county: str = ""
              ) -> Project:
        """The one project the row names, or NoMatch with what went wrong."""
        id, code = self.given_id(id), squeeze(code)
        if id:
            project = self.by_id.get(id) or self.folded_id(id)
            if project is None:
                named = self.named(name) if name else ()
                raise NoMatch(f"项目编号 '{id}' is not a project of the ledger" + (
                    f" (the row's name '{name}' is project {named[0].id})" if len(named) == 1
                    else self._near(id, self.by_id)), unknown=True)
            self._agrees(project, code, name, "项目编号")
            return project
        if code:
            project = self.by_code.get(code)
            if project is None:
                raise NoMatch(f"项目代码 '{code}' is not the code of any project of the ledger"
                              + (f" (the row's name '{name}' is {self._by_name_hint(name)})"
                                 if name else ""), unknown=True)
            self._agrees(project, "", name, "项目代码")
            return project
        if not name:
            raise NoMatch("the row has no 项目名称, 项目编号 or 项目代码")
        return self._by_name(name, county)

    def folded_id(self, pid: str) -> Project | None:
        """The one project whose id is ``pid`` but for letter case (dh-003: DH-003)."""
        found = [p for key, p in self.by_id.items() if key.casefold() == pid.casefold()]
        return found[0] if len(found) == 1 else None

    def given_id(self, text: str) -> str:
        """A 项目编号 cell's id: '' for a number alone (1, 2, 3 in a column headed 编号)
        when no project's id is digits alone: a serial number, not one of the ids."""
        pid = squeeze(text)
        return "" if pid.isdecimal() and not self.numeric_ids and pid not in self.by_id \
            else pid

    @staticmethod
    def without_number(name: str) -> str:
        """``name`` without an item number typed before it (（3）…, 2、…): a new project's
        name as the ledger keeps it."""
        plain = _NUMBERED_TEXT.sub("", name, 1).lstrip()
        return plain or name

    def unnumbered(self, name: str) -> str:
        """``name`` without the item number before it (1、…, （二）…) when only so is it a
        project's name: the name as the ledger should keep it; else ``name``."""
        key = normal_name(name)
        if key in self.by_name or not _NUMBERED.match(key):
            return name
        plain = _NUMBERED_TEXT.sub("", name, 1).lstrip()
        return plain if normal_name(plain) in self.by_name else name

    def named(self, name: str) -> tuple[Project, ...]:
        """The projects of that name, tried without an item number or 其中 before it too."""
        key = normal_name(name)
        return (self.by_name.get(key, ()) or self.by_name.get(_NUMBERED.sub("", key, 1), ())
                or self.by_name.get(PART.sub("", key, 1), ()))

    def _by_name(self, name: str, county: str) -> Project:
        found = self.named(name)
        if not found and county and not normal_name(name).startswith(normal_name(county)):
            found = self.named(county + name)  # 老旧小区改造项目 on 东湖区's sheet
        if county and len(found) > 1:
            found = tuple(p for p in found if squeeze(p.county) == squeeze(county)) or found
        if len(found) == 1:
            return found[0]
        if found:
            raise NoMatch(f"项目名称 '{name}' is ambiguous: projects "
                          + ", ".join(p.id for p in found)
                          + " have that name; add a 项目编号 or 项目代码 column")
        raise NoMatch(f"项目名称 '{name}' matches no project of the ledger"
                      + self._near_name(normal_name(name), county), unknown=True)

    def _near_name(self, key: str, county: str) -> str:
        """A "did you mean" for a name: among the county's projects first (with the county's
        name before it, as the ledger names them), then among all."""
        if county:
            own = {k: ps for k, ps in self.by_name.items()
                   if any(squeeze(p.county) == squeeze(county) for p in ps)}
            for tried in (normal_name(county) + key, key):
                if said := self._near(tried, own, lambda k: own[k][0]):
                    return said
        return self._near(key, self.by_name, lambda k: self.by_name[k][0])

    def _by_name_hint(self, name: str) -> str:
        found = self.by_name.get(normal_name(name), ())
        return "project " + found[0].id if len(found) == 1 else "not in the ledger either"

    def _agrees(self, project: Project, code: str, name: str, by: str) -> None:
        """A row whose code or exact name belongs to another project is misaligned."""
        if code and code != project.code and code in self.by_code:
            raise NoMatch(f"the row's 项目编号 is {project.id} but its 项目代码 {code} is that "
                          f"of {self.by_code[code].id}; correct one of them")
        key, own = normal_name(name), normal_name(project.name)
        county = normal_name(project.county)
        # 老旧小区改造项目 beside DH-008 on 东湖区's sheet: the name with its county too
        keys = [key] if key.startswith(county) else [key, county + key]
        if not name or own in keys:
            return
        others = [p for k in keys for p in self.by_name.get(k, ()) if p.id != project.id]
        if others:
            raise NoMatch(f"the row says {project.id} but its name '{name}' is that of "
                          f"{others[0].id}; correct one of them")
        if max(_likeness(k, own) for k in keys) < DIFFERENT \
                and (near := self._nearly(key, project)):
            raise NoMatch(f"the row's {by} is that of {project.id} '{project.name}', but its "
                          f"name '{name}' is nearly that of {near.id} '{near.name}': a column "
                          "shifted? correct one of them")

    def _nearly(self, key: str, project: Project) -> Project | None:
        """Another project whose name ``key`` nearly is (a column shifted against the names)."""
        return self.nearly(key, but=project.id)

    def nearly(self, name: str, but: str = "") -> Project | None:
        """A project (not ``but``) whose name ``name`` nearly is, or None."""
        near = self._closest(normal_name(name), self.by_name)
        return next((p for p in self.by_name[near] if p.id != but), None) if near else None

    def _near(self, key: str, known: dict, project_of=None) -> str:
        near = self._closest(key, known)
        if near is None:
            return ""
        project = project_of(near) if project_of else known[near]
        return f"; did you mean {project.id} '{project.name}'?"

    def _closest(self, key: str, known: dict) -> str | None:
        """The key of ``known`` nearest ``key``, if one is near, for the first
        ``SUGGESTIONS`` searches (each compares with every project)."""
        if self.suggestions_left[0] <= 0 or len(key) > SUGGESTED_LENGTH:
            return None
        self.suggestions_left[0] -= 1
        near = difflib.get_close_matches(key, list(known), n=1, cutoff=NEAR)
        return near[0] if near else None


def county_of_sheet(sheet: str, counties: Iterable[str]) -> str:
    """The county a sheet's name names ('东湖区', '东湖区6月调度表'), if exactly one; else ''."""
    named = [c for c in counties if squeeze(c) and squeeze(c) in squeeze(sheet)]
    return named[0] if len(named) == 1 else ""
