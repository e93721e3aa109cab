"""County sheets as data: every workbook that ``sheet_cases.py`` builds is imported into
the test ledger as --month 2024-06, and must give exactly its figures, or stop with its
errors and write nothing. One sheet that needs calculating is re-saved by LibreOffice,
as an office's software would save it, and must then import."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from sheet_cases import JUNE, build, cases
from test_excel_support import run, sound, write_ledger

CASES = {case.name: case for case in cases()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sheets")
    build(folder)
    return folder


def imported(folder: Path, root: Path, name: str, expect: dict):
    path = folder / f"{name}.xlsx"
    if expect["command"] == "projects":
        return run("import", "projects", path, "-l", root, *expect.get("args", []))
    return run("import", "progress", path, "-m", expect["month"], "-l", root,
               *expect.get("args", []))


def figures(root: Path, month: int) -> dict[str, Decimal] | None:
    report = sound(root).progress.get(month)
    return None if report is None else {p: e.completed_ytd for p, e in report.entries.items()}


def levels(root: Path) -> dict[str, str]:
    return {p.id: p.level for p in sound(root).projects}


@pytest.mark.parametrize("name", list(CASES))
def test_sheet(folder, tmp_path, name):
    expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))[name]
    root = write_ledger(tmp_path / "ledger", dict([expect["ledger"]]) if "ledger" in expect
                        else None)
    result = imported(folder, root, name, expect)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    codes = {line.split()[2] for line in result.stderr.splitlines()
             if line.split()[1:2] in (["error"], ["warning"])}
    for code in expect.get("errors", []) + expect.get("warnings", []):
        assert code in codes, output
    for line in expect.get("says", []):
        assert line in output, output
    projects = expect["command"] == "projects"
    if expect.get("errors"):
        assert result.exit_code == 1, output
        assert figures(root, 6) is None  # nothing written
        assert not projects or len(levels(root)) == 4
        return
    assert result.exit_code == 0, output
    assert not [c for c in codes if c.startswith("E")], output
    assert set(codes) <= set(expect.get("warnings", [])), output
    if projects:
        assert levels(root) == expect["entries"]
        return
    wanted = {pid: Decimal(str(v)) for pid, v in expect["entries"].items()}
    assert figures(root, 6) == wanted


def test_the_folder_says_what_each_sheet_must_give(folder):
    expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
    assert sorted(expect) == sorted(CASES)
    assert sorted(p.stem for p in folder.glob("*.xlsx")) == sorted(CASES)
    assert all(("entries" in e) != ("errors" in e) for e in expect.values())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_sheets_resaved_by_libreoffice_read_the_same(folder, tmp_path):
    """LibreOffice computes the formulas that a program left without values (the fix E503
    gives), and writes merges, hidden rows and columns, outlines its own way: every sheet
    that must give June's figures gives them after it saved them."""
    names = ["formulas-without-values"] + [
        name for name, case in CASES.items() if case.command == "progress" and not case.args
        and {p: Decimal(str(v)) for p, v in (case.entries or {}).items()}
        == {p: Decimal(v) for p, v in JUNE.items()}]
    out = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(out),
                    *[str(folder / f"{n}.xlsx") for n in names]],
                   check=True, capture_output=True, timeout=300)
    assert len(names) > 20
    for name in names:
        root = write_ledger(tmp_path / name)
        result = run("import", "progress", out / f"{name}.xlsx", "-m", "2024-06", "-l", root)
        assert result.exit_code == 0, (name, result.output)
        assert figures(root, 6) == {p: Decimal(v) for p, v in JUNE.items()}, name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_a_formula_that_gave_nothing_is_a_blank_cell_once_calculated(tmp_path):
    """=IF(本月="","",上月+本月): a project whose 本月 is blank gets "", which a calculating
    program saves as an empty text result. Not E503: the cell is blank (W501), and the
    other projects are read."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["项目名称", "上月累计", "本月完成", "1-6月完成投资"])
    months = {"JX-001": (3000, 500), "JX-002": (4000, 500), "YQ-001": (9000, 500),
              "YQ-002": (0, None)}
    names = {"JX-001": "甲县纺织产业园项目", "JX-002": "甲县城区道路改造工程",
             "YQ-001": "乙区物流园项目", "YQ-002": "乙区污水处理厂提标改造"}
    for row, (pid, (before, month)) in enumerate(months.items(), 2):
        sheet.append([names[pid], before, month, f'=IF(C{row}="","",B{row}+C{row})'])
    book.save(tmp_path / "f.xlsx")
    out = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(out), str(tmp_path / "f.xlsx")],
                   check=True, capture_output=True, timeout=300)
    root = write_ledger(tmp_path / "ledger")
    result = run("import", "progress", out / "f.xlsx", "-m", "2024-06", "-l", root)
    assert result.exit_code == 0, result.output
    assert "W501 YQ-002 has no 1-6月完成投资" in result.output
    assert figures(root, 6) == {"JX-001": 3500, "JX-002": 4500, "YQ-001": 9500}
