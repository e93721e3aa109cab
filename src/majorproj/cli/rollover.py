from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from majorproj.cli.common import LedgerOption, fail, say, sound_ledger


def rollover(
    new_dir: Annotated[Path, typer.Argument(help="Where to create next year's ledger (a new "
                                            "or empty folder).", show_default=False)],
    ledger: LedgerOption = None,
) -> None:
    """Create next year's ledger from this one.

    The config is carried with year + 1 and previous: pointing back here (for 同比);
    every project not completed (竣工) by 31 December is carried with its id, code and
    milestones, continuing (续建) if it has started, its completed_before plus this
    year's completed investment. Projects completed this year are left out and listed.
    Each project's annual plan and 三个一批 are left to decide (null), and a passed
    planned start is kept: `majorproj check` warns (W012) on each until it is set. No
    progress files are written, and nothing in this ledger changes. NEW_DIR is written
    whole or not at all.

    Example: majorproj rollover -l ledger-2024 ledger-2025
    """
    from majorproj.files import OutputError
    from majorproj.ledger.rollover import RolloverError, plan_rollover, undecided, write_rollover
    from majorproj.periods import month_label

    book = sound_ledger(ledger)
    year = book.config.year
    here, there = book.root.resolve(), new_dir.resolve()
    if there == here or here in there.parents:  # its files would become this ledger's
        fail(f"{new_dir} is inside this year's ledger {book.root}; give a folder beside it "
             f"(e.g. ../ledger-{year + 1})")
    plan = plan_rollover(book, new_dir)
    try:
        write_rollover(plan, new_dir)
    except (RolloverError, OutputError) as exc:
        fail(str(exc))
    if plan.month is None:
        say(f"note: {year} has no progress report; completed_before carries no "
                   f"investment of {year}", err=True)
    elif plan.month < 12:
        say(f"note: {year} has no December report; rolled over from {year}-"
                   f"{plan.month:02d} ({month_label(plan.month)}): completed_before adds "
                   f"{year}'s investment up to then", err=True)
    say(f"created {new_dir}: {book.config.city} {plan.year}, {len(plan.carried)} "
               f"projects carried from {year}"
               + (f" (figures of {year}-{plan.month:02d})" if plan.month else ""))
    if plan.completed:
        say(f"left out {len(plan.completed)} projects completed (竣工) in {year}:")
        for p in plan.completed:
            say(f"  - {p.id} {p.name}")
    if plan.open_issues:
        supervised = sum(1 for _, issue in plan.open_issues if issue.supervised)
        say(f"open issues run on from {year}'s ledger: {len(plan.open_issues)} "
                   f"({supervised} 督办事项), listed in January's fill-in sheets and kept by "
                   "import until closed:")
        for pid, issue in plan.open_issues[:10]:
            say(f"  - {pid} {issue.key + ' ' if issue.key else ''}{issue.text}")
        if len(plan.open_issues) > 10:
            say(f"  … and {len(plan.open_issues) - 10} more")
    if plan.spent:
        say(f"carried though fully invested (completed_before ≥ total_investment) with no "
            f"竣工 date: {len(plan.spent)}; if finished, give milestones.completed in {year}'s "
            f"ledger and roll over again, else correct total_investment:")
        for p in plan.spent[:10]:
            say(f"  - {p.id} {p.name}: {p.completed_before} of {p.total_investment} 万元")
        if len(plan.spent) > 10:
            say(f"  … and {len(plan.spent) - 10} more")
    lines = list(undecided(plan))
    if lines:
        say("to decide for " + str(plan.year) + " (check warns W012 until set):")
        for line in lines:
            say(f"  {line}")
    say(f"next: majorproj check {new_dir}")
