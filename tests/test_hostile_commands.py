"""What a user can do wrong at the command line ends in a message and the exit code of
cli.md, never a traceback, and never a lost or half-written file."""

import os
import shutil

import pytest
from typer.testing import CliRunner

from majorproj.cli import app

RUNNER = CliRunner()

# one output-writing invocation per command, completed with "-o OUT"
WRITERS = {
    "report": ["report", "--period", "2024H1"],
    "summary": ["summary", "--period", "2024H1", "--format", "json"],
    "export": ["export", "--period", "2024H1"],
}
SUFFIX = {"report": ".docx", "summary": ".json", "export": ".xlsx"}


@pytest.fixture
def out_dir(tmp_path):
    """An empty folder for outputs, apart from the ledger."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def invoke(*args):
    result = RUNNER.invoke(app, [str(a) for a in args], env={"GITHUB_ACTIONS": ""})
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.mark.parametrize("command", WRITERS)
def test_output_path_that_is_a_directory(base_ledger, out_dir, command):
    result = invoke(*WRITERS[command], "-l", base_ledger, "-o", out_dir)
    assert result.exit_code == 2
    assert str(out_dir) in result.output
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_output_in_a_missing_folder(base_ledger, tmp_path, command):
    out = tmp_path / "no" / "such" / f"out{SUFFIX[command]}"
    result = invoke(*WRITERS[command], "-l", base_ledger, "-o", out)
    assert result.exit_code == 2
    assert str(out.parent) in result.output
    assert not out.parent.exists()


@pytest.mark.parametrize("command", WRITERS)
def test_an_output_file_another_program_holds(base_ledger, out_dir, command, monkeypatch):
    """As on Windows while Word or Excel has the file open: the rename is refused."""
    out = out_dir / f"out{SUFFIX[command]}"
    out.write_bytes(b"last month's file")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke(*WRITERS[command], "-l", base_ledger, "-o", out)
    assert result.exit_code == 2
    assert "close it" in result.output
    assert out.read_bytes() == b"last month's file"
    assert [p.name for p in out_dir.iterdir()] == [out.name]  # no temporary file left


@pytest.mark.parametrize("command", ["report", "summary", "export"])
@pytest.mark.parametrize("period", ["2024H3", "24H1", "2024-13", "2023H1", "上半年"])
def test_malformed_or_out_of_year_periods(base_ledger, out_dir, command, period):
    result = invoke(command, "-l", base_ledger, "--period", period,
                    "-o", out_dir / f"out{SUFFIX[command]}")
    assert result.exit_code == 2
    assert "2024H1" in result.output  # the accepted forms are listed
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("command", WRITERS)
def test_no_progress_folder(base_ledger, tmp_path, command):
    shutil.rmtree(base_ledger / "progress")
    out = tmp_path / f"out{SUFFIX[command]}"
    result = invoke(*WRITERS[command], "-l", base_ledger, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize("command", WRITERS)
def test_a_ledger_without_projects(base_ledger, tmp_path, command):
    shutil.rmtree(base_ledger / "projects")
    shutil.rmtree(base_ledger / "progress")
    out = tmp_path / f"out{SUFFIX[command]}"
    result = invoke(*WRITERS[command], "-l", base_ledger, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize("name,code", [(r"甲县\x07产业园", "E109"), (r"甲县\uffff产业园", "E109"),
                                       (r"甲县\ud800产业园", "E001")])
def test_characters_word_cannot_hold_are_flagged_and_report_does_not_crash(base_ledger, tmp_path,
                                                                          name, code):
    path = base_ledger / "projects" / "甲县.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: 甲县新材料产业园", f'name: "{name}"'), encoding="utf-8")
    check = invoke("check", base_ledger)
    assert check.exit_code == 1
    assert "projects/甲县.yaml:4:" in check.output and f" {code} " in check.output
    assert " E303 " not in check.output  # no cascade onto the monthly entries
    report = invoke("report", "-l", base_ledger, "-p", "2024H1", "-o", tmp_path / "r.docx")
    assert report.exit_code == 1  # the ledger has errors: fix them first
    assert not (tmp_path / "r.docx").exists()


def test_markup_characters_in_names_reach_the_report_intact(base_ledger, tmp_path):
    from docx import Document

    path = base_ledger / "projects" / "甲县.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name: 甲县新材料产业园", "name: 'A&B <新材料> \"产业园\"'"), encoding="utf-8")
    out = tmp_path / "r.docx"
    assert invoke("report", "-l", base_ledger, "-p", "2024H1", "-o", out).exit_code == 0
    cells = [c.text for t in Document(str(out)).tables for row in t.rows for c in row.cells]
    assert 'A&B <新材料> "产业园"' in cells


@pytest.mark.parametrize("args", [["summary", "--by", "town"], ["summary", "--format", "pdf"],
                                  ["check", "--format", "xml"], ["report", "--format", "pdf"],
                                  ["nosuchcommand"]])
def test_bad_arguments_are_usage_errors(base_ledger, args):
    result = invoke(*args, "-l", base_ledger) if args[0] != "nosuchcommand" else invoke(*args)
    assert result.exit_code == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [["check", "{ledger}"], ["summary", "-l", "{ledger}", "-p",
                                                          "2024H1"],
                                  ["schema", "projects"], ["check", "--help"]])
def test_a_full_disk_under_standard_output_is_a_message_and_exit_2(base_ledger, args):
    import subprocess
    import sys

    command = [sys.executable, "-m", "majorproj",
               *(a.format(ledger=base_ledger) for a in args)]
    with open("/dev/full", "w") as full:
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True,
                                timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("majorproj: cannot write the output: No space left on "
                                  "device; free some space, or send the output elsewhere\n")
