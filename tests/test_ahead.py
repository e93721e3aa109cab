"""Work started ahead in a forked process: the same result as done here, errors included."""

import os

import pytest

from majorproj import ahead as ahead_module
from majorproj.ahead import ahead, can_fork
from majorproj.excel import ExcelError

forks = pytest.mark.skipif(not can_fork(), reason="needs fork, two cores and no other thread")


@forks
def test_the_work_is_done_in_another_process_and_its_result_comes_back():
    here = os.getpid()
    with ahead(lambda: (os.getpid(), {"E001": [1, 2]})) as started:
        pid, value = started.result()
    assert pid != here
    assert value == {"E001": [1, 2]}


@forks
def test_an_error_of_the_work_is_raised_here_with_what_it_carries():
    def work():
        raise ExcelError("a.xlsx: no header row found", choice="sheet")

    with ahead(work) as started, pytest.raises(ExcelError) as raised:
        started.result()
    assert str(raised.value) == "a.xlsx: no header row found"
    assert raised.value.choice == "sheet"


@forks
def test_when_the_child_dies_the_work_is_done_here():
    here = os.getpid()

    def work():
        if os.getpid() != here:
            os._exit(3)  # as if killed for its memory
        return "done here"

    with ahead(work) as started:
        assert started.result() == "done here"


@forks
def test_a_result_that_will_not_pickle_is_made_here():
    here = os.getpid()

    def work():
        return (lambda: None) if os.getpid() != here else "made here"

    with ahead(work) as started:
        assert started.result() == "made here"


def test_without_fork_or_when_not_started_the_work_is_done_here(monkeypatch):
    here = os.getpid()
    monkeypatch.setattr(ahead_module, "can_fork", lambda: False)
    with ahead(os.getpid) as started:
        assert started.result() == here
    monkeypatch.undo()
    with ahead(os.getpid, start=False) as started:
        assert started.result() == here


@forks
def test_a_child_whose_result_is_never_asked_for_is_stopped():
    import time

    with ahead(lambda: time.sleep(60)) as started:
        process = started._process
        assert process is not None and process.is_alive()
    assert not process.is_alive()


def test_it_does_not_fork_beside_another_thread(monkeypatch):
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not can_fork()
    monkeypatch.undo()
    monkeypatch.setenv("MAJORPROJ_NO_FORK", "1")
    assert not can_fork()


def _import(ledger, sheet, *args, fork: bool):
    from test_ledger_writing import cli

    env = {"MAJORPROJ_NO_CACHE": "1", **({} if fork else {"MAJORPROJ_NO_FORK": "1"})}
    done = cli("import", "progress", sheet, "-m", "2024-06", "-l", ledger, *args, env=env)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("case", ["sound", "row problems", "no header", "wrong month"])
def test_import_reads_the_workbook_ahead_and_says_what_it_said_before(tmp_path, case):
    """`import progress` reads the workbook in a child while the ledger is read: what it
    prints, its exit code and what it writes are those of reading both in turn."""
    from test_excel_import_progress import HEADER, HEADER_MERGES, messy_sheet
    from test_excel_support import save, workbook, write_ledger

    sheet = tmp_path / "s.xlsx"
    args: tuple[str, ...] = ("--dry-run",)
    if case == "sound":
        messy_sheet(sheet)
    elif case == "row problems":
        save(workbook(HEADER + [[None, "乙区物流园项目", "乙区", "九千", 80000, 24000],
                                [None, "不在台账的项目", "乙区", 10, 1, 1]],
                      merges=HEADER_MERGES), sheet)
    elif case == "no header":
        save(workbook([["某市调度表"], ["甲", "乙"]]), sheet)
    else:
        messy_sheet(sheet)
        args = ("--dry-run", "-m", "2024-13")
    outcomes = [_import(write_ledger(tmp_path / f"ledger-{fork}"), sheet, *args, fork=fork)
                for fork in (True, False)]
    code, out, err = outcomes[0]
    assert (code, out.replace("ledger-True", "ledger-False"),
            err.replace("ledger-True", "ledger-False")) == outcomes[1]
    assert code == {"sound": 0, "row problems": 1, "no header": 2, "wrong month": 2}[case]


@forks
def test_import_reads_the_sheets_in_a_child_while_the_ledger_is_read(tmp_path, monkeypatch):
    """The speed-up itself: the workbook's sheets are read by another process than the
    one that reads the ledger, and once."""
    from majorproj.excel import import_progress
    from test_excel_import_progress import messy_sheet
    from test_excel_support import run, write_ledger

    readers = tmp_path / "readers"
    original = import_progress.read_sheets

    def read_sheets(*args, **kwargs):
        with readers.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(import_progress, "read_sheets", read_sheets)
    ledger = write_ledger(tmp_path / "ledger")
    result = run("import", "progress", messy_sheet(tmp_path / "s.xlsx"), "-m", "2024-06",
                 "-l", ledger, "--dry-run")
    assert result.exit_code == 0, result.output
    assert [int(p) for p in readers.read_text().split()] != [os.getpid()]
    assert len(readers.read_text().split()) == 1
