"""Writers never lose each other's work: the ledger's lock, and `import projects` all or
nothing, even when the process is killed (kill -9) at any step of the write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from majorproj.ledger import writing
from test_excel_support import run, save, sound, workbook, write_ledger

HEADER = ["项目名称", "项目性质", "级别", "县市区", "行业", "总投资（万元）", "本年计划投资（万元）",
          "计划开工时间"]
ROWS = [["甲县纺织产业园项目", "新开工", "省重点", "甲县", "产业", 50000, 21000, "2024年3月"],
        ["乙区环线公路", "续建", "市重点", "乙区", "交通", 125000, 40000, None],
        ["丙县新建水厂", "新开工", "县重点", "丙县", "生态环保", 6000, 1500, "2024年9月"]]
# the sheet changes 甲县's plan, adds a project to 乙区 and starts 丙县's file: three files
CHANGED = ("projects/甲县.yaml", "projects/乙区.yaml", "projects/丙县.yaml")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the ledger by path, hidden ones too (leftovers would show)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in (writing.LOCK, writing.HOLDER)}


def cli(*args, env=None):
    """The installed command in its own process (so that it can be killed)."""
    return subprocess.run([sys.executable, "-m", "majorproj", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MAJORPROJ_LEDGER": "", **(env or {})})


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The ledger before the import, the sheet, and the ledger after a clean import."""
    base = tmp_path_factory.mktemp("writing")
    before = write_ledger(base / "before")
    sheet = save(workbook([HEADER, *ROWS]), base / "明细表.xlsx")
    after = base / "after"
    shutil.copytree(before, after)
    result = run("import", "projects", sheet, "-l", after)
    assert result.exit_code == 0, result.output
    old, new = snapshot(before), snapshot(after)
    assert [f for f in CHANGED if old.get(f) != new.get(f)] == list(CHANGED)
    return before, sheet, old, new


@pytest.mark.parametrize("step,outcome", [("staged-1", "before"), ("staged-2", "before"),
                                          ("staged-3", "before"), ("journal", "after"),
                                          ("renamed-1", "after"), ("renamed-2", "after")])
def test_killed_at_any_step_the_next_command_sees_before_or_after(states, tmp_path, step,
                                                                  outcome):
    before, sheet, old, new = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)
    killed = cli("import", "projects", sheet, "-l", root, env={writing.CRASH_AT: step})
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no clean-up ran
    check = cli("check", root)  # the next command settles the interrupted write
    assert check.returncode == 0, check.stdout + check.stderr
    assert snapshot(root) == (old if outcome == "before" else new)
    sound(root)


def test_a_write_error_leaves_the_ledger_as_before(states, tmp_path, monkeypatch):
    before, sheet, old, _ = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)
    calls = []
    real = writing.write_atomic

    def failing(path, data, **kw):
        calls.append(path)
        if len(calls) == 2:
            raise writing.OutputError(f"cannot write {path}: No space left on device")
        real(path, data, **kw)

    monkeypatch.setattr(writing, "write_atomic", failing)
    result = run("import", "projects", sheet, "-l", root)
    assert result.exit_code == 2 and "No space left" in result.output
    assert snapshot(root) == old


def test_a_file_the_ledger_could_not_read_back_is_refused_before_writing(states, tmp_path,
                                                                         monkeypatch):
    before, sheet, old, _ = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)
    from majorproj.ledger import layout

    limit = max(len(data) for data in old.values())  # 乙区's file would grow beyond it
    monkeypatch.setattr(layout, "MAX_FILE_BYTES", limit)
    result = run("import", "projects", sheet, "-l", root)
    assert result.exit_code == 2
    assert f"more than the ledger reads ({limit:,})" in result.output
    assert snapshot(root) == old


def test_a_second_writer_waits_then_stops_naming_the_holder(states, tmp_path, monkeypatch):
    before, sheet, old, _ = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)
    monkeypatch.setenv("MAJORPROJ_LOCK_TIMEOUT", "0.3")
    with writing.ledger_lock(root, "import progress"):
        started = time.monotonic()
        result = run("import", "projects", sheet, "-l", root)
        waited = time.monotonic() - started
    assert result.exit_code == 2
    assert f"pid {os.getpid()}" in result.output and "import progress" in result.output
    assert waited >= 0.3
    assert snapshot(root) == old
    assert run("import", "projects", sheet, "-l", root).exit_code == 0  # free again


COUNTY_SHEET = [["项目名称", "1-6月完成投资（万元）", "形象进度"]]


def test_two_merges_into_one_month_at_once_keep_both_counties(tmp_path):
    root = write_ledger(tmp_path / "ledger")
    jia = save(workbook(COUNTY_SHEET + [["甲县纺织产业园项目", 5200, "主体施工"],
                                        ["甲县城区道路改造工程", 4500, "路基"]]), tmp_path / "甲.xlsx")
    yi = save(workbook(COUNTY_SHEET + [["乙区物流园项目", 9300, "封顶"],
                                       ["乙区污水处理厂提标改造", 0, "前期"]]), tmp_path / "乙.xlsx")
    env = {**os.environ, "MAJORPROJ_LEDGER": "", "MAJORPROJ_LOCK_TIMEOUT": "60"}
    with writing.ledger_lock(root, "test"):  # both start while the ledger is held
        procs = [subprocess.Popen([sys.executable, "-m", "majorproj", "import", "progress",
                                   str(f), "-m", "2024-06", "--merge", "-l", str(root)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                  text=True) for f in (jia, yi)]
        time.sleep(2)
        assert [p.poll() for p in procs] == [None, None]  # waiting for the lock
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    june = sound(root).progress[6].entries
    assert sorted(june) == ["JX-001", "JX-002", "YQ-001", "YQ-002"]
    assert (june["JX-001"].completed_ytd, june["YQ-001"].completed_ytd) == (5200, 9300)


def test_leftovers_of_a_write_that_never_reached_its_journal_are_removed(tmp_path):
    root = write_ledger(tmp_path / "ledger")
    stray = root / "projects" / f".甲县.yaml~0123456789{writing.STAGED}"
    stray.write_text("projects: []\n", encoding="utf-8")
    with writing.ledger_lock(root, "test"):
        pass
    assert not stray.exists()
    sound(root)


def test_the_temporary_files_of_a_write_killed_half_way_are_removed_by_the_next_command(
        tmp_path):
    """Killed while the journal or a staged file was being written (write_atomic's
    temporary beside it): the next command removes it, so git sees no stray file; a
    file of the user's named alike but not hidden twice is left."""
    root = write_ledger(tmp_path / "ledger")
    journal_tmp = root / f".{writing.JOURNAL}.k3j_x9.tmp"
    staged_tmp = root / "progress" / f"..2024-06.yaml{writing.STAGED}.a8d2.tmp"
    theirs = root / ".notes.tmp"
    for path in (journal_tmp, staged_tmp, theirs):
        path.write_text("{}", encoding="utf-8")
    assert run("check", root).exit_code == 0
    assert not journal_tmp.exists() and not staged_tmp.exists() and theirs.exists()


def test_init_keeps_the_lock_out_of_git_and_an_existing_gitignore(tmp_path):
    fresh = tmp_path / "fresh"
    assert run("init", fresh, "--year", "2025").exit_code == 0
    assert (fresh / ".gitignore").read_text(encoding="utf-8").split() == [
        f"/{writing.LOCK}", f"/{writing.HOLDER}"]
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_text("*.docx\n", encoding="utf-8")
    assert run("init", repo, "--year", "2025").exit_code == 0
    assert (repo / ".gitignore").read_text(encoding="utf-8") == "*.docx\n"


def test_a_rename_that_fails_after_the_journal_is_finished_by_the_next_command(
        states, tmp_path, monkeypatch):
    before, sheet, _, new = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == len(CHANGED) + 2:  # three files aside, the journal, one rename
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    result = run("import", "projects", sheet, "-l", root)
    monkeypatch.setattr(os, "replace", real)
    assert result.exit_code == 2 and "the next majorproj command finishes" in result.output
    assert (root / writing.JOURNAL).exists()
    assert run("check", root).exit_code == 0
    assert snapshot(root) == new


def test_a_file_of_more_values_than_the_ledger_reads_is_refused_before_writing(
        states, tmp_path, monkeypatch):
    import yaml

    from majorproj.ledger import yamlfile

    before, sheet, old, _ = states
    root = tmp_path / "ledger"
    shutil.copytree(before, root)

    def values(text: bytes) -> int:
        kinds = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
        return sum(isinstance(e, kinds) for e in yaml.parse(text.decode("utf-8")))

    limit = max(values(data) for name, data in old.items() if name.endswith(".yaml"))
    monkeypatch.setattr(yamlfile, "MAX_NODES", limit)  # 乙区's file would hold more
    result = run("import", "projects", sheet, "-l", root)
    assert result.exit_code == 2
    assert f"more than the {limit:,} values the ledger reads" in result.output
    assert snapshot(root) == old


def test_several_output_files_are_written_all_or_none(tmp_path):
    from majorproj.files import OutputError, write_all

    out = tmp_path / "sheets"
    out.mkdir()
    (out / "a.xlsx").write_bytes(b"old a")
    (out / "c.xlsx").mkdir()  # the last cannot be written: it is a folder
    with pytest.raises(OutputError, match="is a directory"):
        write_all([(out / "a.xlsx", b"new a"), (out / "b.xlsx", b"new b"),
                   (out / "c.xlsx", b"new c")])
    assert (out / "a.xlsx").read_bytes() == b"old a"  # as before, nothing new, no temp left
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx", "c.xlsx"]
    write_all([(out / "a.xlsx", b"new a"), (out / "b.xlsx", b"new b")])
    assert [(out / n).read_bytes() for n in ("a.xlsx", "b.xlsx")] == [b"new a", b"new b"]


def test_the_county_fill_in_sheets_of_a_month_are_written_all_or_none(tmp_path):
    ledger = write_ledger(tmp_path / "ledger")
    out = tmp_path / "fill"
    out.mkdir()
    (out / "乙区2024年7月重点项目填报表.xlsx").mkdir()  # the second county's cannot be written
    result = run("export", "--fill-in", "--month", "2024-07", "-l", ledger, "-o", out)
    assert result.exit_code == 2, result.output
    assert [p.name for p in out.iterdir()] == ["乙区2024年7月重点项目填报表.xlsx"]
    missing = run("export", "--fill-in", "--month", "2024-07", "-l", ledger, "-o",
                  tmp_path / "no" / "such")
    assert missing.exit_code == 2 and "does not exist; create it first" in missing.stderr


def test_a_folder_given_for_an_output_file_is_said_plainly(tmp_path):
    from typer.testing import CliRunner

    from majorproj.cli import app

    sample = Path(__file__).parent.parent / "data" / "sample"
    folder = tmp_path / "adir"
    folder.mkdir()
    runner = CliRunner()
    for args in (["summary", "-p", "2024H1", "-f", "json"], ["report", "-p", "2024H1"]):
        result = runner.invoke(app, [*args, "-l", str(sample), "-o", str(folder)])
        assert result.exit_code == 2
        assert f"{folder} is a directory; give the name of a file to write" in result.stderr
        assert "report.docx" not in result.stderr and "Usage:" not in result.stderr
