"""Output paths as users expect: through symbolic links, never over pipes, devices or
read-only files, names too long refused, `-o -` to standard output; MemoryError and
over-long names are messages, never tracebacks."""

from __future__ import annotations

import json
import os
import stat

import pytest

from test_hostile_commands import invoke

LONG = "长" * 100  # 300 bytes in UTF-8: more than a file name may have (255)
WRITERS = {
    "report": (["report", "-p", "2024H1"], ".docx"),
    "md": (["report", "-p", "2024H1"], ".md"),
    "summary": (["summary", "-p", "2024H1", "-f", "json"], ".json"),
    "csv": (["summary", "-p", "2024H1", "-f", "csv"], ".csv"),
    "export": (["export", "-p", "2024H1"], ".xlsx"),
}


@pytest.mark.parametrize("command", WRITERS)
def test_a_symlink_is_followed_and_stays_a_link(base_ledger, tmp_path, command):
    args, suffix = WRITERS[command]
    target = tmp_path / "real" / f"out{suffix}"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(target)
    result = invoke(*args, "-l", base_ledger, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() != b"old" and len(target.read_bytes()) > 100
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp left


@pytest.mark.parametrize("command", WRITERS)
def test_a_named_pipe_is_refused_and_left_alone(base_ledger, tmp_path, command):
    args, suffix = WRITERS[command]
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    result = invoke(*args, "-l", base_ledger, "-o", fifo)
    assert result.exit_code == 2 and "named pipe" in result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_device_is_refused(base_ledger):
    result = invoke("summary", "-p", "2024H1", "-f", "json", "-l", base_ledger, "-o", "/dev/null")
    assert result.exit_code == 2 and "a device" in result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", WRITERS)
def test_a_read_only_file_is_refused(base_ledger, tmp_path, command):
    """Refused for every user: a file without write bits is read-only for root as well."""
    args, suffix = WRITERS[command]
    out = tmp_path / f"ro{suffix}"
    out.write_bytes(b"keep me")
    out.chmod(0o444)
    result = invoke(*args, "-l", base_ledger, "-o", out)
    assert result.exit_code == 2 and "read-only" in result.output
    assert out.read_bytes() == b"keep me"


@pytest.mark.parametrize("command", WRITERS)
def test_a_file_the_user_may_not_write_is_refused(base_ledger, tmp_path, command, monkeypatch):
    """Write bits set, but not for this user (os.access says no): refused as well."""
    args, suffix = WRITERS[command]
    out = tmp_path / f"theirs{suffix}"
    out.write_bytes(b"keep me")
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False
                        if str(p) == str(out) and mode == os.W_OK else real(p, mode, **kw))
    result = invoke(*args, "-l", base_ledger, "-o", out)
    assert result.exit_code == 2 and "read-only" in result.output
    assert out.read_bytes() == b"keep me"


@pytest.mark.parametrize("command", WRITERS)
def test_a_name_too_long_for_the_file_system_is_a_message(base_ledger, tmp_path, command):
    args, suffix = WRITERS[command]
    result = invoke(*args, "-l", base_ledger, "-o", tmp_path / f"{LONG}{suffix}")
    assert result.exit_code == 2 and "too long" in result.output
    assert list(tmp_path.iterdir()) == [base_ledger]


def test_a_path_too_long_is_said_as_the_path_not_its_short_last_name(base_ledger, tmp_path):
    import subprocess
    import sys

    deep = tmp_path / ("a/" * 3000)  # each name one byte; the whole path 6,000 and more
    result = subprocess.run([sys.executable, "-m", "majorproj", "check", str(deep)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "the path '" in result.stderr and "most allow 4,096): choose a shorter path" \
        in result.stderr and "file name 'a…'" not in result.stderr


def test_init_with_a_name_too_long(tmp_path):
    for where in (tmp_path / LONG, tmp_path / LONG / "ledger"):
        result = invoke("init", where)
        assert result.exit_code == 2 and "too long" in result.output


def test_a_county_whose_file_name_is_too_long(tmp_path):
    from test_excel_support import CONFIG, save, workbook, write_ledger

    county = "丙" * 90 + "县"  # projects/<county>.yaml: 273 + 5 bytes
    root = write_ledger(tmp_path / "ledger", {"majorproj.yaml": CONFIG.replace(
        "counties: [甲县, 乙区, 丙县]", f"counties: [甲县, 乙区, 丙县, {county}]")})
    sheet = save(workbook([["项目名称", "项目性质", "级别", "县市区", "行业", "总投资（万元）",
                            "本年计划投资（万元）"],
                           ["新项目", "续建", "县重点", county, "产业", 100, 10]]),
                 tmp_path / "list.xlsx")
    result = invoke("import", "projects", sheet, "-l", root)
    assert result.exit_code == 0, result.output  # its file takes a shorter name
    written = [p for p in (root / "projects").iterdir() if p.name.startswith("丙丙")]
    assert len(written) == 1 and len(written[0].name.encode()) <= 255
    from test_excel_support import sound

    assert [p.county for p in sound(root).projects if p.name == "新项目"] == [county]


def test_dash_writes_text_formats_to_standard_output(base_ledger, tmp_path, monkeypatch):
    # the base ledger reports January and February: 2024H1 is cut to 1-2月, and standard
    # error says so; standard output holds the document alone
    monkeypatch.chdir(tmp_path)
    summary = invoke("summary", "-p", "2024H1", "-f", "json", "-l", base_ledger, "-o", "-")
    assert summary.exit_code == 0 and json.loads(summary.stdout)["period"]["label"] == "2024H1"
    csv = invoke("summary", "-p", "2024H1", "-f", "csv", "-l", base_ledger, "-o", "-")
    assert csv.exit_code == 0 and csv.stdout.startswith("\ufeff级别,项目个数")
    md = invoke("report", "-p", "2024H1", "-l", base_ledger, "-o", "-")
    assert md.exit_code == 0 and md.stdout.startswith("# 测试市2024年1-2月")
    assert "wrote" not in md.output
    page = invoke("report", "-p", "2024H1", "-l", base_ledger, "-o", "-", "-f", "html")
    assert page.exit_code == 0 and page.stdout.lstrip().lower().startswith("<!doctype html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger"]  # no file called "-"


@pytest.mark.parametrize("args", [["report", "-p", "2024H1", "-f", "docx"],
                                  ["export", "-p", "2024H1"]])
def test_dash_refuses_binary_formats(base_ledger, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args, "-l", base_ledger, "-o", "-")
    assert result.exit_code == 2 and "not text" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger"]


def test_memory_error_while_reading_a_workbook_is_a_message(tmp_path, monkeypatch):
    from majorproj.excel import cells
    from test_excel_support import save, workbook, write_ledger

    root = write_ledger(tmp_path / "ledger")
    sheet = save(workbook([["项目名称", "1-6月完成投资（万元）"], ["甲县纺织产业园项目", 5000]]),
                 tmp_path / "s.xlsx")

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(cells, "open_fast", exhausted)  # where openpyxl opens the workbook
    result = invoke("import", "progress", sheet, "-m", "2024-06", "-l", root)
    assert result.exit_code == 2 and "memory" in result.output


def test_memory_error_anywhere_is_a_message_from_main(monkeypatch, capsys):
    import majorproj.cli as cli

    def exhausted():
        raise MemoryError

    monkeypatch.setattr(cli, "app", exhausted)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 2
    assert "not enough memory" in capsys.readouterr().err
