"""Rules beyond types: what a careful office checks across fields, records and months.

Each rule yields ``Finding``s: a place relative to the record, a problem code, a
message and a hint. The loader turns them into problems at file:line:column.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import NamedTuple, TypeVar

from majorproj.ledger.models import Config, Entry, Progress, Project
from majorproj.ledger.previous import Carried
from majorproj.ledger.yamlfile import Loc
from majorproj.periods import Month
from majorproj.text import BIDI_CONTROLS, fold_name


class Finding(NamedTuple):
    loc: Loc
    code: str
    message: str
    hint: str = ""
    at_key: bool = False  # placed at the mapping key of ``loc`` rather than at its value


Place = tuple[str, int, int]  # file, line, column
W = TypeVar("W")  # where a field stands, as the caller keeps it

UNIT_SLIP = 100  # a month's figure this many times the project's: 元 typed for 万元


def config_findings(config: Config) -> Iterator[Finding]:
    """Findings about majorproj.yaml beyond its types: the thresholds' order, and targets of
    counties it does not list."""
    if config.thresholds.red_pp < config.thresholds.yellow_pp:
        yield Finding(("thresholds", "red_pp"), "E103", "thresholds.red_pp is below yellow_pp",
                      "red lights need the larger lag")
    for field in ("counties", "sectors", "tags"):
        for i, name in enumerate(getattr(config, field)):
            if any(mark in name for mark in "，、；"):  # [东湖区，西山区]: one name of two
                yield Finding((field, i), "E103", f"{field} has '{name}', names run together "
                              "by a full-width comma", "separate the names of a [...] list "
                              "with ASCII commas: [东湖区, 西山区]")
    for county in config.targets.counties:
        if county not in config.counties:
            yield Finding(("targets", "counties", county), "E202",
                          f"targets.counties names '{county}', which is not in the ledger's "
                          "counties", _suggest(county, config.counties, "counties"), at_key=True)
    totals = config.previous_totals
    if totals is not None and config.previous is not None:
        yield Finding(("previous_totals",), "W018", "previous_totals is not used: previous: "
                      "names last year's ledger, whose figures 同比 compares with",
                      "remove previous_totals, or previous: to compare with the totals",
                      at_key=True)
    elif totals is not None:
        yield from _falling_totals(("previous_totals",), totals.completed_ytd)
        for county, county_totals in totals.counties.items():
            yield from _falling_totals(("previous_totals", "counties", county),
                                       county_totals.completed_ytd)
        for county in totals.counties:
            if county not in config.counties:
                yield Finding(("previous_totals", "counties", county), "W018",
                              f"previous_totals.counties names '{county}', which is not in the "
                              "ledger's counties: no county's 同比 comes of it",
                              _suggest(county, config.counties, "counties"), at_key=True)


def _falling_totals(loc: Loc, cumulative: Mapping[int, Decimal]) -> Iterator[Finding]:
    """E304 for each month of last year's 1-N月累计 (previous_totals) below a month before:
    typed from last year's reports, a fall is a slip that would skew every 同比."""
    highest: tuple[int, Decimal] | None = None
    for month in sorted(cumulative):
        value = cumulative[month]
        if highest is not None and value < highest[1]:
            yield Finding((*loc, "completed_ytd", month), "E304",
                          f"last year's completed_ytd {value} for month {month} is below "
                          f"{highest[1]} given for month {highest[0]}",
                          "completed_ytd is cumulative since 1 January (1-N月累计) and cannot "
                          "fall; correct the month from last year's reports")
        elif highest is None or value > highest[1]:
            highest = (month, value)


def duplicate_findings(project: Project, first_seen: dict[tuple[str, str], W],
                       where_of: Callable[[str], W], locate: Callable[[W], Place]
                       ) -> list[Finding]:
    """E201, E210, W006 when the project's id, code or name (as ``fold_name`` compares
    names: the importers' way) stood before.

    ``first_seen`` maps ("id" | "code" | "name", value) to where it first stood, and
    takes the project's own where they are new; ``where_of(field)`` says where its own
    field stands, and ``locate`` works out a file, line and column from that only for a
    place a finding shows (positions cost a file's nodes).
    """
    findings = []
    for what, code, key in (("id", "E201", project.id), ("code", "E210", project.code),
                            ("name", "W006", fold_name(project.name))):
        if key is None:
            continue
        seen = first_seen.get((what, key))
        if seen is not None:
            file, line, _ = locate(seen)
            findings.append(Finding((what,), code, f"project {what} '{getattr(project, what)}' "
                                    f"is used twice (first at {file}:{line})",
                                    f"give each project its own {what}"))
        else:
            first_seen[what, key] = where_of(what)
    return findings


def not_reported_findings(report: Progress, projects: Iterable[Project]
                          ) -> Iterator[tuple[str, Finding]]:
    """(project id, W002) for each project that the latest monthly report leaves out."""
    for p in projects:
        if p.id not in report.entries:
            yield p.id, Finding((), "W002", f"project {p.id} has no entry in "
                                f"progress/{report.month}.yaml, the latest report",
                                "add its entry; until then figures carry its latest earlier "
                                "entry forward and list it as not reported (未报送)")


_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
NAMED_FIELDS = ("name", "owner", "unit", "leader")  # what reports and tables print as names


def _suggest(value: str, allowed: Iterable[str], what: str) -> str:
    allowed = list(allowed)
    near = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
    if near:
        return f"did you mean '{near[0]}'? Or add '{value}' to {what} in majorproj.yaml"
    return f"use one of {', '.join(allowed[:12])}{' …' if len(allowed) > 12 else ''}, " \
           f"or add it to {what} in majorproj.yaml"


def project_findings(project: Project, config: Config | None) -> Iterator[Finding]:
    """Findings about one project on its own (with the ledger's lists and year)."""
    yield from _milestone_order(project)
    yield from _bidi_controls(project)
    if project.start_year and project.end_year and project.start_year > project.end_year:
        yield Finding(("start_year",), "E209",
                      f"start_year {project.start_year} is after end_year {project.end_year}",
                      "swap them or correct the years")
    start, end = project.planned_start, project.planned_completion
    if start is not None and end is not None and Month.of(start) > Month.of(end):
        yield Finding(("planned_completion",), "E209",
                      f"planned_completion {end} is before planned_start {start}",
                      "correct the planned months")
    if project.annual_plan is not None \
            and project.annual_plan + project.completed_before > project.total_investment:
        yield Finding(("annual_plan",), "W011",
                      f"annual_plan {project.annual_plan} plus completed_before "
                      f"{project.completed_before} exceeds total_investment "
                      f"{project.total_investment}",
                      "check the amounts (all in 万元), or raise total_investment if it changed")
    if config is None:
        return
    if project.county not in config.counties:
        yield Finding(("county",), "E202", f"county '{project.county}' is not in the ledger's "
                      "counties", _suggest(project.county, config.counties, "counties"))
    if project.sector not in config.sectors:
        yield Finding(("sector",), "E203", f"sector '{project.sector}' is not in the ledger's "
                      "sectors", _suggest(project.sector, config.sectors, "sectors"))
    for i, tag in enumerate(project.tags):
        if tag not in config.tags:
            yield Finding(("tags", i), "E204", f"tag '{tag}' is not in the ledger's tags",
                          _suggest(tag, config.tags, "tags"))
    yield from _year_rules(project, config.year)
    yield from _to_decide(project, config.year)
    for name in ("started", "production", "efficiency", "completed"):
        day = getattr(project.milestones, name)
        if day is not None and day.year > config.year:  # 2042-04-18: a year mistyped
            yield Finding(("milestones", name), "W016",
                          f"milestones.{name} {day} is after the ledger's year {config.year}: "
                          f"no figure of {config.year} counts it",
                          "a milestone is the day it happened: check the year")


def _to_decide(project: Project, year: int) -> Iterator[Finding]:
    """W012: what a new year's ledger leaves 待定 (null) until the office decides it."""
    if project.annual_plan is None:
        yield Finding(("annual_plan",), "W012",
                      f"annual_plan is not decided yet (null): {year}'s plan for this project",
                      "set the 本年计划投资 in 万元 (0 if none); until then it counts as no plan")
    if project.batches is None:
        yield Finding(("batches",), "W012",
                      f"batches is not decided yet (null): {year}'s 三个一批 membership",
                      "list its batches, e.g. [start], or write [] if it is in none")


def _bidi_controls(project: Project) -> Iterator[Finding]:
    """W014: a bidi control in a name shows it in another order than the ledger's
    (U+202E turns the rest around), so a PDF or a table reads differently from the file."""
    for name in NAMED_FIELDS:
        value = getattr(project, name)
        if value and (found := _BIDI.search(value)):
            yield Finding((name,), "W014", f"{name} holds the invisible bidi control "
                          f"U+{ord(found[0]):04X} at position {found.start() + 1}, which "
                          "shows the text in another order than it is written",
                          "delete it (it is usually pasted in with the text)")


def _milestone_order(project: Project) -> Iterator[Finding]:
    m = project.milestones
    pairs = [("started", "production"), ("production", "efficiency"), ("started", "efficiency"),
             ("started", "completed")]
    for early, late in pairs:
        a, b = getattr(m, early), getattr(m, late)
        if b is not None and a is None and early == "started":
            yield Finding(("milestones", late), "E205",
                          f"milestones.{late} is set but the project has no started date",
                          "add milestones.started (开工), which comes first")
            return
        if a is not None and b is not None and a > b:
            yield Finding(("milestones", late), "E205",
                          f"milestones.{late} {b} is before milestones.{early} {a}",
                          "the order is started ≤ production ≤ efficiency, started ≤ completed")
            return


def _year_rules(project: Project, year: int) -> Iterator[Finding]:
    started = project.milestones.started
    if project.nature == "new":
        if project.planned_start is None:
            yield Finding(("planned_start",), "E206",
                          "a new project (新开工) needs planned_start",
                          f"add planned_start: '{year}-MM' (the month it is to start)")
        elif Month.of(project.planned_start).year < year and (
                started is None or started.year >= year):
            yield Finding(("planned_start",), "W012",
                          f"planned_start {project.planned_start} has passed: the project did "
                          f"not start then; {year}'s planned start is to be decided",
                          f"set planned_start to the month in {year} it is to start, or make it "
                          "preparatory (预备) if it is not to start this year")
        elif Month.of(project.planned_start).year != year:
            yield Finding(("planned_start",), "E207",
                          f"planned_start {project.planned_start} is outside the ledger's year "
                          f"{year}", f"a new project starts in {year}; if it started earlier it "
                          "is continuing (续建), if later it is preparatory (预备)")
    elif project.nature == "continuing":
        if started is not None and started >= date(year, 1, 1):
            yield Finding(("milestones", "started"), "E208",
                          f"a continuing project (续建) started before {year}, not on {started}",
                          "if it started this year its nature is new (新开工)")
        elif project.start_year is not None and project.start_year >= year + 1:
            yield Finding(("start_year",), "E208",
                          f"a continuing project (续建) cannot start in {project.start_year}",
                          "a continuing project started before the ledger's year")
    elif project.nature == "preparatory" and started is not None and started.year == year:
        yield Finding(("milestones", "started"), "W008",
                      f"a preparatory project (预备) has started on {started}",
                      "if it is to start this year its nature is new (新开工)")


def carried_over(project: Project, last: Carried | None) -> Iterator[Finding]:
    """W013: completed_before against last year's completed_before + its year's cumulative."""
    if last is None or project.completed_before == last.total:
        return
    of = f"completed_ytd {last.completed_ytd} of {last.month}" if last.month else \
        "no monthly report"
    yield Finding(("completed_before",), "W013",
                  f"completed_before {project.completed_before} differs from last year's "
                  f"ledger: completed_before {last.completed_before} + {of} = {last.total}",
                  f"至上年底累计 is last year's completed_before plus its December cumulative; "
                  f"set {last.total} or correct last year's ledger")


def unknown_project(pid: str, known_ids: Iterable[str], *, suggest: bool = True) -> Finding:
    """E303; with ``suggest``, the nearest known id (20 ms against 10,000 ids: use sparingly)."""
    near = difflib.get_close_matches(pid, list(known_ids), n=1, cutoff=0.6) if suggest else []
    return Finding((pid,), "E303", f"entry for '{pid}', which is not a project of the ledger",
                   f"did you mean '{near[0]}'?" if near else
                   "add the project to projects/*.yaml or remove the entry")


def entry_findings(pid: str, entry: Entry, project: Project, previous: Entry | None,
                   previous_month: str | None) -> Iterator[Finding]:
    """Findings about one project's entry in a monthly report."""
    if previous is not None and entry.completed_ytd < previous.completed_ytd:
        yield Finding((pid, "completed_ytd"), "E304",
                      f"completed_ytd {entry.completed_ytd} is below {previous.completed_ytd} "
                      f"reported for {previous_month}",
                      "completed_ytd is cumulative since 1 January (1-N月累计) and cannot fall; "
                      "correct this month or the earlier one")
    if entry.completed_ytd > project.total_investment * UNIT_SLIP:
        yield Finding((pid, "completed_ytd"), "E306",
                      f"completed_ytd {entry.completed_ytd} is more than {UNIT_SLIP} times the "
                      f"project's total_investment {project.total_investment}: it looks like 元",
                      "amounts are 万元: divide an amount in 元 by 10,000")
    elif project.completed_before + entry.completed_ytd > project.total_investment:
        yield Finding((pid, "completed_ytd"), "W003",
                      f"completed_before {project.completed_before} + completed_ytd "
                      f"{entry.completed_ytd} exceeds total_investment "
                      f"{project.total_investment}",
                      "check the amount (万元), or update total_investment if the project grew")
    yield from _funding_findings(pid, entry, project, previous, previous_month)


def _funding_findings(pid: str, entry: Entry, project: Project, previous: Entry | None,
                      previous_month: str | None) -> Iterator[Finding]:
    """本年累计到位资金 is cumulative since 1 January too: it cannot fall, and funds beyond
    the whole project's investment are a slip of the figure or its unit."""
    secured = entry.funding_secured
    if secured is None:
        return
    before = previous.funding_secured if previous is not None else None
    if before is not None and secured < before:
        yield Finding((pid, "funding_secured"), "E308",
                      f"funding_secured {secured} is below {before} reported for "
                      f"{previous_month}",
                      "funding_secured is cumulative since 1 January (本年累计到位资金) and "
                      "cannot fall; correct this month or the earlier one")
    if secured > project.total_investment:
        yield Finding((pid, "funding_secured"), "W017",
                      f"funding_secured {secured} exceeds the project's total_investment "
                      f"{project.total_investment}",
                      "check the amount (万元; 元 ÷ 10,000)")


def issue_key_findings(entries: Mapping[str, Entry]) -> Iterator[Finding]:
    """E305: an issue key (问题编号) that a month's file uses twice."""
    first: dict[str, str] = {}
    for pid, entry in entries.items():
        for i, issue in enumerate(entry.issues):
            if issue.key is None:
                continue
            if issue.key in first:
                yield Finding((pid, "issues", i, "key"), "E305",
                              f"issue key {issue.key} is used a second time (first by "
                              f"{first[issue.key]})",
                              "a key names one issue across the months; give this one its own "
                              "key, or merge the two issues")
            else:
                first[issue.key] = pid


def month_findings(month: str, stem: str, year: int | None) -> Iterator[Finding]:
    """Findings about a progress file's month against its name and the ledger's year."""
    if month != stem:
        yield Finding(("month",), "E301", f"month {month} does not match the file name {stem}",
                      f"rename the file to {month}.yaml or correct the month")
    elif year is not None and Month.parse(month).year != year:
        yield Finding(("month",), "E302", f"month {month} is outside the ledger's year {year}",
                      "a ledger holds one year; start a new ledger for another year")
