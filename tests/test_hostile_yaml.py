"""Hostile and broken files: check answers with located problems, never hangs or crashes."""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.ledger.yamlfile import read_document


def codes(root: Path) -> list[tuple[str, str, int]]:
    """(code, file, line) of each problem, leaving out W002 (a new project has no entries)."""
    return [(p.code, p.file, p.line) for p in load_ledger(root).problems if p.code != "W002"]


def write(root: Path, rel: str, content: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


PROJECT = ("projects:\n  - id: YQ-001\n    name: {name}\n    level: municipal\n    county: 乙区\n"
           "    sector: 交通\n    nature: continuing\n    total_investment: {total}\n"
           "    annual_plan: 3000\n")
ENTRIES = "month: 2024-03\nentries:\n  JX-001: {completed_ytd: 2600}\n  JX-002: {completed_ytd: 2300}\n"


def test_deep_nesting_is_a_located_syntax_problem(base_ledger):
    write(base_ledger, "progress/2024-03.yaml", "month: " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = load_ledger(base_ledger).problems
    assert problem.code == "E001" and problem.file == "progress/2024-03.yaml"
    assert "nesting" in problem.message


def test_moderate_nesting_beyond_the_format_is_refused(base_ledger):
    write(base_ledger, "progress/2024-03.yaml", "month: " + "[" * 200 + "]" * 200 + "\n")
    assert ("E005", "progress/2024-03.yaml", 1) in codes(base_ledger)


def test_bom_and_crlf_are_fine(base_ledger):
    text = (base_ledger / "progress/2024-02.yaml").read_text(encoding="utf-8")
    write(base_ledger, "progress/2024-02.yaml",
          b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert codes(base_ledger) == []


def test_crlf_keeps_line_numbers(base_ledger):
    write(base_ledger, "progress/2024-03.yaml",
          ENTRIES.replace("2300", "-1").replace("\n", "\r\n").encode("utf-8"))
    assert ("E104", "progress/2024-03.yaml", 4) in codes(base_ledger)


def test_tab_indentation_is_located(base_ledger):
    write(base_ledger, "progress/2024-03.yaml", "month: 2024-03\nentries:\n\tJX-001: {completed_ytd: 1}\n")
    (problem,) = [p for p in load_ledger(base_ledger).problems if p.code != "W002"]
    assert (problem.code, problem.line, problem.column) == ("E001", 3, 1)
    assert "a tab in the indent" in problem.message and "plain spaces" in problem.hint


def test_binary_junk(base_ledger):
    write(base_ledger, "progress/2024-03.yaml", bytes(range(256)) * 4)
    found = codes(base_ledger)
    assert found and all(code in ("E002", "E001", "W002") for code, _, _ in found)
    assert any(f == "progress/2024-03.yaml" for _, f, _ in found)


def test_nul_bytes_in_utf8(base_ledger):
    write(base_ledger, "progress/2024-03.yaml", b"month: 2024-03\x00\nentries: {}\n")
    assert ("E001", "progress/2024-03.yaml", 1) in codes(base_ledger)


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_files(base_ledger, content):
    write(base_ledger, "projects/乙区.yaml", content)
    assert [c for c, f, _ in codes(base_ledger) if f == "projects/乙区.yaml"] == ["E006"]


def test_several_documents(base_ledger):
    write(base_ledger, "projects/乙区.yaml", "projects: []\n---\nprojects: []\n")
    assert [c for c, f, _ in codes(base_ledger) if f == "projects/乙区.yaml"] == ["E001"]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch /tmp/pwned']",
                                 "!!python/name:os.system", "!custom 1", "!!binary aGVsbG8=",
                                 "!!set {a, b}"])
def test_unsafe_and_unknown_tags_are_never_constructed(base_ledger, tag, tmp_path):
    write(base_ledger, "projects/乙区.yaml",
          PROJECT.format(name="物流园", total=8000) + f"    owner: {tag}\n")
    assert ("E004", "projects/乙区.yaml", 10) in codes(base_ledger)
    assert not Path("/tmp/pwned").exists()


def test_python_tag_on_a_key(base_ledger):
    write(base_ledger, "projects/乙区.yaml", "? !!python/object/apply:os.getcwd []\n: 1\n")
    assert "E004" in [c for c, _, _ in codes(base_ledger)]


@pytest.mark.parametrize("value,code", [(".nan", "E105"), (".inf", "E105"), ("-.inf", "E105"),
                                        ("1.0e+400", "E104"), ("9" * 40, "E104"),
                                        ("9" * 5000, "E104"), ("0x10000", None), ("1_000_000", None)])
def test_odd_numbers(base_ledger, value, code):
    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="物流园", total=value))
    assert [c for c, f, line in codes(base_ledger) if f == "projects/乙区.yaml"] == \
        ([code] if code else [])


@pytest.mark.parametrize("value,expected", [("0x10000", 65536), ("1_000_000", 1_000_000),
                                            ("12345.6789", "12345.6789")])
def test_numbers_are_read_exactly(base_ledger, value, expected):
    from decimal import Decimal

    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="物流园", total=value))
    (project,) = [p for p in load_ledger(base_ledger).ledger.projects if p.id == "YQ-001"]
    assert project.total_investment == Decimal(expected)
    assert str(project.total_investment) == str(expected)


def test_leading_zeros_are_decimal_not_octal(base_ledger):
    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="物流园", total="0500"))
    ledger = load_ledger(base_ledger).ledger
    (project,) = [p for p in ledger.projects if p.id == "YQ-001"]
    assert project.total_investment == 500


def test_very_long_strings(base_ledger):
    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="长" * 100_000, total=8000))
    assert [c for c, f, _ in codes(base_ledger) if f == "projects/乙区.yaml"] == ["E103"]


def test_names_with_markup_characters_are_fine(base_ledger):
    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="'A&B <新区> \"一期\"'", total=8000))
    assert [c for c, f, _ in codes(base_ledger) if f == "projects/乙区.yaml"] == []


def test_very_many_problems_stay_bounded(base_ledger):
    lines = ["month: 2024-03", "entries:"] + [f"  X{i}: {{completed_ytd: -1}}" for i in range(20_000)]
    write(base_ledger, "progress/2024-03.yaml", "\n".join(lines))
    result = CliRunner().invoke(app, ["check", str(base_ledger)], env={"GITHUB_ACTIONS": ""})
    assert result.exit_code == 1
    assert len(result.output.splitlines()) < 60


def test_a_fifo_does_not_hang(base_ledger):
    os.mkfifo(base_ledger / "projects" / "pipe.yaml")
    assert ("E007", "projects/pipe.yaml", 1) in codes(base_ledger)


def test_unreadable_file(base_ledger, monkeypatch):
    """A file the user may not read is E007 at its first line. Root reads every file
    whatever its mode, so the refusal the system gives a user is made here for any user."""
    from pathlib import Path

    path = base_ledger / "projects" / "甲县.yaml"
    path.chmod(0)
    real = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert ("E007", "projects/甲县.yaml", 1) in codes(base_ledger)


def test_no_progress_folder_is_fine(base_ledger):
    for path in (base_ledger / "progress").iterdir():
        path.unlink()
    (base_ledger / "progress").rmdir()
    assert codes(base_ledger) == []


def test_a_ledger_without_projects_is_fine(base_ledger):
    import shutil

    shutil.rmtree(base_ledger / "projects")
    shutil.rmtree(base_ledger / "progress")
    result = load_ledger(base_ledger)
    assert result.problems == [] and result.ledger.projects == ()


def test_config_errors_still_check_the_rest(base_ledger):
    write(base_ledger, "majorproj.yaml", "format: 2\ncity: 测试市\n")
    write(base_ledger, "projects/乙区.yaml", PROJECT.format(name="物流园", total=-1))
    found = codes(base_ledger)
    assert ("E103", "majorproj.yaml", 1) in found  # format must be 1
    assert ("E101", "majorproj.yaml", 1) in found  # organ, year, … missing
    assert ("E104", "projects/乙区.yaml", 8) in found


def test_read_document_on_gb18030_reads_the_chinese(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("name: 乙区物流园\n".encode("gb18030"))
    doc = read_document(path, "x.yaml")
    assert doc.data == {"name": "乙区物流园"}
    assert [p.code for p in doc.problems] == ["W004"]


def test_written_files_get_ordinary_permissions(tmp_path):
    from majorproj.files import write_atomic

    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
        (tmp_path / "new.txt").chmod(0o640)
        write_atomic(tmp_path / "new.txt", b"y")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(umask)


def test_a_file_beyond_the_size_limit_is_refused_unread(base_ledger, monkeypatch):
    from majorproj.ledger import layout

    monkeypatch.setattr(layout, "MAX_FILE_BYTES", 100)
    write(base_ledger, "progress/2024-03.yaml", ENTRIES + "#" * 200 + "\n")
    assert [c for c, f, _ in codes(base_ledger) if f == "progress/2024-03.yaml"] == ["E005"]


def test_an_empty_file_in_a_legacy_encoding_is_still_empty(base_ledger):
    write(base_ledger, "projects/乙区.yaml", "# 乙区\n".encode("gb18030"))
    found = [c for c, f, _ in codes(base_ledger) if f == "projects/乙区.yaml"]
    assert sorted(found) == ["E006", "W004"]


def test_a_file_of_unknown_ids_suggests_for_the_first_few_only(base_ledger):
    from majorproj.ledger.load import SUGGESTIONS

    lines = ["month: 2024-03", "entries:"] + [f"  JX-{i:04d}: {{completed_ytd: 1}}" for i in range(2000)]
    write(base_ledger, "progress/2024-03.yaml", "\n".join(lines))
    problems = [p for p in load_ledger(base_ledger).problems if p.code == "E303"]
    assert len(problems) == 2000
    assert sum("did you mean" in p.hint for p in problems) == SUGGESTIONS  # 20 ms each at scale


def test_a_month_file_named_in_full_width_digits_is_no_second_june(base_ledger):
    # ２０２４-02 would be read as February (\d takes full-width digits) and, sorting after
    # 2024-02, replace the real report's figures
    text = (base_ledger / "progress/2024-02.yaml").read_text(encoding="utf-8")
    write(base_ledger, "progress/２０２４-02.yaml", text.replace("2024-02", "２０２４-02"))
    found = codes(base_ledger)
    assert ("E008", "progress/２０２４-02.yaml", 1) in found


@pytest.mark.parametrize("keys", [("6", "06"), ("6", "6.0"), ("06", "'6'")])
def test_a_month_named_twice_in_targets_is_refused(base_ledger, keys):
    first, second = keys
    config = base_ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + f"targets:\n  overall: {{{first}: 15000, {second}: 17000}}\n",
                      encoding="utf-8")
    problems = [p for p in load_ledger(base_ledger).problems if p.code != "W002"]
    assert [(p.code, p.file, p.line) for p in problems] == [("E003", "majorproj.yaml", 9)]
    assert "month 6 twice" in problems[0].message
    assert problems[0].hint == "keep one of the two, written as the month's number (6 for June)"


def test_last_years_month_named_twice_is_refused(base_ledger):
    config = base_ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "previous_totals:\n  completed_ytd:\n    6: 13986\n    06: 15000\n"
                      "  counties:\n    甲县: {completed_ytd: {6: 1523, 6.0: 1}}\n",
                      encoding="utf-8")
    assert [c for c in codes(base_ledger) if c[0] == "E003"] == [
        ("E003", "majorproj.yaml", 10), ("E003", "majorproj.yaml", 13)]


def test_a_batch_or_a_county_listed_twice_is_refused(base_ledger):
    # each would be counted twice: 开工一批's members, the county's rows of the rankings
    projects = base_ledger / "projects/甲县.yaml"
    projects.write_text(projects.read_text(encoding="utf-8").replace(
        "batches: [start]", "batches: [start, start]"), encoding="utf-8")
    config = base_ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "counties: [甲县, 乙区]", "counties: [甲县, 乙区, 甲县]"), encoding="utf-8")
    problems = [p for p in load_ledger(base_ledger).problems if p.code == "E103"]
    assert sorted((p.file, p.line, p.message) for p in problems) == [
        ("majorproj.yaml", 5, "counties lists 甲县 twice"),
        ("projects/甲县.yaml", 12, "batches lists start twice")]
    assert {p.hint for p in problems} == {"write it once: each is counted once"}


@pytest.mark.parametrize("names", [("2024H1.yaml", "2024h1.yaml"), ("2024-06.yaml", "2024M06.yaml"),
                                   ("2024Q1.yaml", "2024Q1.yml")])
def test_two_texts_of_one_period_are_refused(base_ledger, names):
    # the report would take whichever was read last: an old draft for the real text
    for name, title in zip(names, ("正稿", "旧稿"), strict=True):
        write(base_ledger, f"narrative/{name}",
              f"progress:\n  - title: {title}\n    text: 项目推进顺利。\n")
    first, second = sorted(names)
    result = load_ledger(base_ledger)
    assert [(p.code, p.file) for p in result.problems if p.code != "W002"] == [
        ("E009", f"narrative/{second}")]
    (problem,) = [p for p in result.problems if p.code == "E009"]
    assert f"'{second}' and '{first}' are both the text of" in problem.message


def test_a_problem_of_an_aliased_entry_is_at_the_alias_not_the_anchor(base_ledger):
    # JX-002: *a repeats JX-001's March entry (2400), below February's 2500 for both
    write(base_ledger, "progress/2024-02.yaml", "month: 2024-02\nentries:\n"
          "  JX-001: {completed_ytd: 2500}\n  JX-002: {completed_ytd: 2500}\n")
    write(base_ledger, "progress/2024-03.yaml", "month: 2024-03\nentries:\n"
          "  JX-001: &a {completed_ytd: 2600}\n  JX-002: {completed_ytd: 2400}\n")
    assert ("E304", "progress/2024-03.yaml", 4) in codes(base_ledger)  # no alias: its line
    write(base_ledger, "progress/2024-03.yaml", "month: 2024-03\nentries:\n"
          "  JX-001: &a {completed_ytd: 2400}\n  JX-002: *a\n")
    found = [c for c in codes(base_ledger) if c[0] == "E304"]
    # both fall (2500 → 2400): JX-001's at its own line 3, JX-002's at the alias, line 4
    assert found == [("E304", "progress/2024-03.yaml", 3), ("E304", "progress/2024-03.yaml", 4)]


@pytest.mark.parametrize("month", ["202406", "2024-03-01"])
def test_a_month_not_written_yyyy_mm_is_told_how_to_write_it(base_ledger, month):
    # quoting it (the hint for ids and names) would only lead to the next error
    write(base_ledger, "progress/2024-03.yaml", f"month: {month}\nentries: {{}}\n")
    (problem,) = [p for p in load_ledger(base_ledger).problems if p.file.endswith("03.yaml")]
    assert (problem.code, problem.hint) == ("E102", "write the month as YYYY-MM, e.g. month: "
                                                    "2024-06")


def test_a_planned_month_without_its_zero_is_told_as_a_month(base_ledger):
    projects = base_ledger / "projects/甲县.yaml"
    projects.write_text(projects.read_text(encoding="utf-8").replace(
        "planned_start: '2024-02'", "planned_start: 2024-2"), encoding="utf-8")
    (problem,) = [p for p in load_ledger(base_ledger).problems if p.code != "W002"]
    assert (problem.code, problem.message, problem.hint) == (
        "E103", "planned_start '2024-2' is not of the form YYYY-MM",
        "write it '2024-02' (in quotes), or a day as YYYY-MM-DD")
