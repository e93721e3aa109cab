"""Broken ledgers as data: each folder of tests/cases overlays the base ledger and lists
in expect.yaml the problems (code, file, line, column) it must produce; nothing else may
appear. The column is the one cli.md fixes: of the YAML node that is wrong (a value, or
the key itself when the key is what is wrong, as for E303 and W001), of its parent
mapping when a key is missing."""

import shutil
from pathlib import Path

import pytest
import yaml

from majorproj.ledger.load import load_ledger
from majorproj.ledger.problems import CODES

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and p.name != "base")


def overlay(case: Path, root: Path) -> list[dict]:
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expect.yaml":
            target = root / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))["expect"]


def test_base_ledger_is_clean(base_ledger):
    assert load_ledger(base_ledger).problems == []


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case, base_ledger):
    expected = overlay(case, base_ledger)
    problems = load_ledger(base_ledger).problems
    expected_codes = {e["code"] for e in expected}
    for e in expected:
        assert {"code", "file", "line", "column"} <= set(e), f"{case.name}: name the place whole"
        matches = [p for p in problems if (p.code, p.file, p.line, p.column)
                   == (e["code"], e["file"], e["line"], e["column"])]
        assert matches, (f"expected {e}, got "
                         f"{[(p.code, p.file, p.line, p.column) for p in problems]}")
        assert matches[0].severity == CODES[e["code"]][0]
        assert matches[0].message
    allowed = expected_codes | {"W002"}
    unexpected = [(p.code, p.file, p.line, p.message) for p in problems if p.code not in allowed]
    assert not unexpected


def test_every_code_has_a_case():
    """A broken ledger in tests/cases, or a county sheet in sheet_cases.py (whose rules
    codes, E304 and W003, the ledger cases cover already)."""
    from sheet_cases import cases

    covered = set()
    for case in CASE_DIRS:
        covered |= {e["code"] for e in
                    yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))["expect"]}
    for sheet in cases():
        covered |= set(sheet.errors) | set(sheet.warnings)
    assert sorted(set(CODES) - covered) == []
    assert sorted(covered - set(CODES)) == []


def test_every_code_is_documented():
    doc = (Path(__file__).parent.parent / "docs" / "problems.md").read_text(encoding="utf-8")
    for code, (severity, title) in CODES.items():
        section = doc.split(f"## {code} ", 1)
        assert len(section) == 2, f"{code} has no section in docs/problems.md"
        body = section[1].split("\n## ", 1)[0]
        assert title in body.splitlines()[0], f"{code}: heading should read '{title}'"
        assert f"*{severity}*" in body, f"{code}: the section should say it is a {severity}"
        assert "```" in body, f"{code}: the section needs an example"
        assert "Fix:" in body, f"{code}: the section needs a fix"


@pytest.mark.parametrize("edit, said", [
    # a day typed as a number, a month typed as a number, a mapping left empty
    (("milestones: {started: 2024-02-10}", "milestones: {started: 20240210}"),
     ("started should be a date (got 20240210)", "write it as YYYY-MM-DD, e.g. 2024-04-18")),
    (("planned_start: '2024-02'", "planned_start: 2024.02"),
     ("planned_start should be a month (got 2024.02)", "write it as '2024-04' (in quotes)")),
    (("milestones: {started: 2024-02-10}", "milestones:"),
     ("milestones should be a mapping (got nothing)", "nothing is written under it")),
])
def test_a_value_typed_otherwise_is_told_how_to_write_it(base_ledger, edit, said):
    path = base_ledger / "projects" / "甲县.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    [problem] = [p for p in load_ledger(base_ledger).problems if p.code == "E102"]
    assert said[0] in problem.message and said[1] in problem.hint


@pytest.mark.parametrize("file, edit, said", [
    ("projects/甲县.yaml", ("milestones: {started: 2024-02-10}", "milestones: {started: 2024-2-10}"),
     ("started '2024-2-10' is not written as YYYY-MM-DD", "write it 2024-02-10")),
    ("projects/甲县.yaml", ("milestones: {started: 2024-02-10}", "milestones: {started: 2024-2-30}"),
     ("started '2024-2-30' is not a real date", "write an existing date YYYY-MM-DD")),
    ("majorproj.yaml", ("format: 1", "format: '1'"), ("format cannot be '1'",
                                                      "write it without quotes: 1")),
])
def test_a_value_written_loosely_is_told_its_own_form(base_ledger, file, edit, said):
    path = base_ledger / file
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    [problem] = [p for p in load_ledger(base_ledger).problems if p.severity == "error"]
    assert said[0] in problem.message and said[1] in problem.hint


def test_a_value_in_the_reports_chinese_word_is_told_the_formats_word(base_ledger):
    path = base_ledger / "projects" / "甲县.yaml"
    text = path.read_text(encoding="utf-8")
    assert "nature: new" in text
    path.write_text(text.replace("nature: new", "nature: 新开工", 1), encoding="utf-8")
    [problem] = [p for p in load_ledger(base_ledger).problems if p.severity == "error"]
    assert problem.code == "E103" and problem.hint == "write new (the format's word for 新开工)"
