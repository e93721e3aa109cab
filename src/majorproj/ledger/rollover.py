"""Next year's ledger from this one (`majorproj rollover NEW_DIR`).

The config is carried with year + 1 and ``previous:`` pointing back at this ledger by
relative path (last year's ``previous_totals``, stage targets, fixed report date and
发文字号 are left behind).
Every project not completed (竣工) by 31 December is carried with its id, code and
milestones, and its 前期手续 as they stand at the year's end (the record with the months'
changes); one that has started becomes continuing (续建); its completed_before grows
by this year's completed investment (the latest report's cumulative, December's when
there is one). Projects completed this year are left out. What the office decides for
each year is not invented: the annual plan and 三个一批 are written null (待定), and a
new project's passed planned start is kept; ``check`` warns (W012) on each until set.
This year's funds (本年到位资金) do not carry over. No progress files are written.

Nothing is written until all of the new ledger is: it is made in a temporary folder
beside NEW_DIR, loaded and checked there, then renamed into place. A temporary folder
that a killed rollover left is removed by the next one, once an hour old.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from majorproj.files import OutputError
from majorproj.ledger.fields import as_given
from majorproj.ledger.models import Entry, Issue, Ledger, Project, dated_state
from majorproj.ledger.previous import carried
from majorproj.ledger.skeleton import GITIGNORE, SCHEMA_DIR, schema_files
from majorproj.ledger.yamlwrite import comment, mapping_lines, projects_yaml
from majorproj.periods import Month


class RolloverError(Exception):
    """NEW_DIR cannot be made (a usage error: exit 2)."""


@dataclass(frozen=True)
class Rollover:
    """Next year's ledger, decided and ready to write."""

    year: int  # the new ledger's year
    month: int | None  # this year's report the figures come from (None: no report)
    carried: tuple[Project, ...]
    completed: tuple[Project, ...]  # 竣工 this year: left out
    passed_starts: tuple[Project, ...]  # new, not started, planned start passed (W012)
    files: dict[str, str]  # path in the new ledger → its text
    # open issues (督办 among them) of each carried project's latest entry, with the 督办事项
    # carried to it: they run on from this ledger (reporting.issues_before), and the
    # command lists them
    open_issues: tuple[tuple[str, Issue], ...] = ()
    left_behind: tuple[str, ...] = ()  # this year's settings not carried (targets: …)

    @property
    def spent(self) -> tuple[Project, ...]:
        """Carried projects that have invested their whole total investment without a
        竣工 date: finished, its date not written, or a total that has grown."""
        return tuple(p for p in self.carried if p.completed_before >= p.total_investment)


def plan_rollover(ledger: Ledger, new_dir: Path) -> Rollover:
    """Next year's ledger of ``ledger``, to be written at ``new_dir`` (nothing written).

    A project's completed_before grows by its latest cumulative of the year, as last
    year's ledger will be checked against (``previous.carried``, W013).
    """
    config = ledger.config
    year = config.year + 1
    year_end = date(config.year, 12, 31)
    by_id, _ = carried(ledger)
    carried_over: list[Project] = []
    completed: list[Project] = []
    files: dict[str, list[Project]] = {}
    changed: dict[str, list[Entry]] = {}  # a project's entries changing 前期手续, newest first
    for month in sorted(ledger.progress, reverse=True):
        for pid, entry in ledger.progress[month].entries.items():
            if entry.procedures:
                changed.setdefault(pid, []).append(entry)
    for project in ledger.projects:
        milestones = project.milestones
        if milestones.completed is not None and milestones.completed <= year_end:
            completed.append(project)
            continue
        started = project.nature == "continuing" or (
            milestones.started is not None and milestones.started <= year_end)
        # 前期手续 as they stand at the year's end: the record with the months' changes
        procedures = dated_state(project, changed.get(project.id, ()))[1]
        new = replace(project, nature="continuing" if started else project.nature,
                      completed_before=by_id[project.id].total, annual_plan=None,
                      batches=None, funding={}, procedures=dict(procedures))
        carried_over.append(new)
        files.setdefault(ledger.project_files.get(project.id, "projects/项目.yaml"),
                         []).append(new)
    passed = tuple(p for p in carried_over if p.nature == "new" and p.planned_start is not None
                   and Month.of(p.planned_start).year < year)
    head = [f"# yaml-language-server: $schema=../{SCHEMA_DIR}/projects.json",
            comment(f"{config.city}{year}年重点项目：由{config.year}年台账结转，"
                    "annual_plan、batches 为 null 的待定")]
    texts = {name: projects_yaml(projects, head) for name, projects in files.items()}
    texts = {"majorproj.yaml": _config_text(ledger, new_dir, year), **texts,
             **schema_files(), ".gitignore": GITIGNORE}
    kept = {p.id for p in carried_over}  # a completed project's issues end with it
    open_issues = tuple((pid, issue) for pid, entry in ledger.issues_before().items()
                        if pid in kept for issue in entry.issues if not issue.closed)
    left = tuple(name for name, given in (
        ("targets", config.targets.unit == "wan" and (config.targets.overall
                                                       or config.targets.counties)),
        ("report.number", config.report.number)) if given)
    return Rollover(year, ledger.latest_month, tuple(carried_over), tuple(completed), passed,
                    texts, open_issues, left)


def _config_text(ledger: Ledger, new_dir: Path, year: int) -> str:
    """This year's config as its file gives it, with year + 1 and previous: this ledger."""
    from majorproj.ledger.load import read_config

    # the file read again for which settings it names (all of them, were it gone since)
    data = as_given(ledger.config, read_config(ledger.root)[0].data)
    data["year"] = year
    data.pop("previous_totals", None)  # last year's totals of this year's own previous
    if ledger.config.targets.unit == "wan":
        data.pop("targets", None)  # this year's 目标任务 in 万元 (shares of a plan may stay)
    report = data.get("report")
    if isinstance(report, dict):
        for key in ("date", "number", "printed_on"):  # this year's report's own: its date,
            report.pop(key, None)                     # 发文字号 〔2024〕N号 and 印发日期
        if str(ledger.config.year) in (report.get("title") or ""):
            report.pop("title")  # 某市2024年…报告: a title naming this year
    data["previous"] = Path(os.path.relpath(ledger.root.resolve(),
                                            new_dir.resolve())).as_posix()
    head = [f"# yaml-language-server: $schema={SCHEMA_DIR}/config.json",
            comment(f"{ledger.config.city}{year}年重点项目台账（由{ledger.config.year}年台账结转）")]
    return "\n".join(head + mapping_lines(data)) + "\n"


def write_rollover(rollover: Rollover, new_dir: Path) -> None:
    """Write the new ledger at ``new_dir`` all at once, after checking it has no errors.

    ``new_dir`` must not exist, or be an empty folder.
    """
    from majorproj.ledger.load import load_ledger

    if new_dir.exists() and (not new_dir.is_dir() or any(new_dir.iterdir())):
        raise RolloverError(f"{new_dir} already exists and is not an empty folder; "
                            "give a new folder for next year's ledger")
    parent = new_dir.parent
    if not parent.is_dir():
        raise RolloverError(f"the folder {parent} does not exist; create it first")
    _remove_left_over(parent, new_dir.name)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{new_dir.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise RolloverError(f"cannot write in {parent}: {exc.strerror}") from None
    try:
        for name, text in rollover.files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result = load_ledger(tmp)  # beside new_dir, so previous: resolves the same
        if result.errors:  # a bug of the rollover, not of the user's ledger
            first = next(p for p in result.problems if p.severity == "error")
            raise RolloverError(f"the new ledger would have errors ({first.file}:{first.line}: "
                                f"{first.code} {first.message}); nothing was written")
        os.chmod(tmp, 0o777 & ~_umask())
        os.rename(tmp, new_dir)
    except OSError as exc:
        raise OutputError(f"cannot write {new_dir}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


STALE_SECONDS = 3600  # a rollover takes seconds: a temporary folder this old was left


def _remove_left_over(parent: Path, name: str) -> None:
    """Remove the temporary folders that a rollover into ``parent/name`` left when it was
    killed before it could (``.NAME.xxxxxxxx.tmp``, as ``mkdtemp`` names them), once they
    are an hour old: a younger one may be another rollover's at work."""
    ours = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        found = [p for p in parent.iterdir() if ours.fullmatch(p.name)]
    except OSError:
        return  # a folder we may not list: mkdtemp below says so
    for path in found:
        try:
            if path.is_dir() and not path.is_symlink() \
                    and time.time() - path.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass  # gone meanwhile, or not ours to remove


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def undecided(rollover: Rollover) -> Iterator[str]:
    """What the office must decide in the new ledger, one line each (check warns W012)."""
    n = len(rollover.carried)
    if n:
        yield f"{n} annual plans (annual_plan: null)"
        yield f"{n} projects' 三个一批 (batches: null)"
    for name in rollover.left_behind:
        yield {"targets": f"the stage targets (targets:): {rollover.year - 1}'s were left behind",
               "report.number": "the report's 发文字号 (report.number): "
                                f"{rollover.year - 1}'s was left behind"}[name]
    if rollover.passed_starts:
        yield (f"{len(rollover.passed_starts)} planned starts that have passed: "
               + ", ".join(p.id for p in rollover.passed_starts[:10])
               + (" …" if len(rollover.passed_starts) > 10 else ""))

