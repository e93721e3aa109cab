"""`majorproj check`, `schema`, `init` and the app through typer's CliRunner."""

import json
import os
import re

import pytest
from typer.testing import CliRunner

from majorproj import __version__
from majorproj.cli import app

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env={"GITHUB_ACTIONS": "", **(env or {})})


def break_plan(root):
    """Make JX-002's annual_plan negative (line 22, column 18 of projects/甲县.yaml)."""
    path = root / "projects" / "甲县.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_plan: 12000",
                                                             "annual_plan: -5"), encoding="utf-8")
    return "projects/甲县.yaml"


def test_clean_ledger_exits_0(base_ledger):
    result = run("check", base_ledger)
    assert result.exit_code == 0
    assert result.output == "no problems found\n"


def test_a_file_that_cannot_be_read_is_unreadable_input_exit_2(base_ledger):
    (base_ledger / "projects" / "乙区.yaml").mkdir()  # a folder where a file should be
    result = run("check", base_ledger)
    assert result.exit_code == 2, result.output
    assert "乙区.yaml:1:1: error E007 this is not a regular file" in result.output
    summary = run("summary", "-l", base_ledger, "-p", "2024H1")
    assert summary.exit_code == 2, summary.output
    assert "a file or folder of the ledger cannot be read" in summary.output


def test_a_file_where_a_folder_of_the_ledger_should_be_is_said_exit_2(base_ledger):
    import shutil

    shutil.rmtree(base_ledger / "progress")
    (base_ledger / "progress").write_text("month: 2024-06\n", encoding="utf-8")
    result = run("check", base_ledger)
    assert result.exit_code == 2, result.output
    assert "progress:1:1: error E007 'progress' is a file, but the ledger reads the YAML files " \
        "of the folder progress/" in result.output


def test_text_format_points_at_line_and_column(base_ledger, monkeypatch):
    monkeypatch.chdir(base_ledger)
    rel = break_plan(base_ledger)
    result = run("check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{rel}:22:18: error E104 annual_plan must be ≥ 0 (got -5)")
    assert lines[-1] == "1 error, 0 warnings"


def test_paths_are_shown_from_where_the_user_stands(base_ledger):
    break_plan(base_ledger)
    result = run("check", base_ledger)
    assert result.output.startswith(f"{base_ledger}/projects/甲县.yaml:22:18:")


def test_json_format(base_ledger):
    break_plan(base_ledger)
    result = run("check", "--ledger", base_ledger, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["errors"] == 1 and payload["warnings"] == 0
    (problem,) = payload["problems"]
    assert problem == {
        "file": f"{base_ledger}/projects/甲县.yaml", "line": 22, "column": 18,
        "severity": "error", "code": "E104", "message": "annual_plan must be ≥ 0 (got -5)",
        "hint": problem["hint"],
    }
    assert problem["hint"]


def test_json_is_written_for_people_too(base_ledger):
    """Chinese as it is, not as \\u escapes, and indented by two spaces: the standard
    library's own layout of the same data, key for key."""
    break_plan(base_ledger)
    text = run("check", "--ledger", base_ledger, "--format", "json").output
    assert "projects/甲县.yaml" in text and "\\u" not in text
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert '\n  "problems": [\n    {\n      "file": ' in text


def test_github_format_is_chosen_on_github_actions(base_ledger):
    break_plan(base_ledger)
    result = run("check", base_ledger, env={"GITHUB_ACTIONS": "true"})
    first = result.output.splitlines()[0]
    assert re.match(r"^::error file=.*甲县\.yaml,line=22,col=18,title=E104::annual_plan must", first)
    assert result.exit_code == 1


def test_github_format_escapes_properties_and_data(base_ledger):
    from majorproj.ledger.problems import Problem
    from majorproj.render.problems import as_github

    text = as_github([Problem("a:b,c.yaml", 1, 2, "warning", "W001", "50% done\nnext", "")])
    assert text.splitlines()[0] == "::warning file=a%3Ab%2Cc.yaml,line=1,col=2,title=W001::50%25 done%0Anext"


def test_warnings_fail_only_with_strict(base_ledger):
    path = base_ledger / "projects" / "甲县.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    anual_plan: 1\n", encoding="utf-8")
    assert run("check", base_ledger).exit_code == 0
    strict = run("check", base_ledger, "--strict")
    assert strict.exit_code == 1
    assert "W001 unknown key 'anual_plan' is ignored (hint: did you mean 'annual_plan'?)" \
        in strict.output


def test_no_ledger_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MAJORPROJ_LEDGER", raising=False)
    result = run("check")
    assert result.exit_code == 2
    assert "majorproj init" in result.output


def test_ledger_from_environment(base_ledger, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", env={"MAJORPROJ_LEDGER": str(base_ledger)})
    assert result.exit_code == 0


def test_many_problems_are_bounded_per_file(base_ledger):
    lines = ["month: 2024-03", "entries:"] + [f"  X{i}: {{completed_ytd: 1}}" for i in range(500)]
    (base_ledger / "progress" / "2024-03.yaml").write_text("\n".join(lines), encoding="utf-8")
    result = run("check", base_ledger)
    out = result.output.splitlines()
    assert sum(" E303 " in line for line in out) == 50
    assert out[-2] == f"{base_ledger}/progress/2024-03.yaml: 450 more problems not shown"
    assert out[-1].startswith("500 errors")


def test_init_writes_a_ledger_that_passes_check(tmp_path):
    target = tmp_path / "new"
    result = run("init", target, "--city", "新市", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert run("check", target, "--strict").exit_code == 0
    config = (target / "majorproj.yaml").read_text(encoding="utf-8")
    assert "city: 新市" in config and "year: 2025" in config
    assert config.startswith("# yaml-language-server: $schema=.majorproj/schema/config.json")
    assert json.loads((target / ".majorproj/schema/projects.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--city", ""], ["--city", "  "], ["--city", "A\x1b[31mB"],
                                  ["--year", "0"]])
def test_init_refuses_what_would_not_pass_check(tmp_path, args):
    target = tmp_path / "new"
    result = run("init", target, *args)
    assert result.exit_code == 2, result.output
    assert not (target / "majorproj.yaml").exists()


def test_init_refuses_an_existing_ledger(base_ledger):
    result = run("init", base_ledger)
    assert result.exit_code == 2
    assert "already holds a ledger" in result.output


@pytest.mark.parametrize("kind", ["projects", "progress", "config", "narrative"])
def test_schema_has_chinese_titles(kind):
    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    titles = json.dumps(schema, ensure_ascii=False)
    assert re.search(r'"title": "[\u4e00-\u9fff]', titles)


def test_schema_describes_project_fields():
    project = json.loads(run("schema", "projects").output)["$defs"]["Project"]
    assert project["properties"]["annual_plan"]["title"] == "本年计划投资（万元）"
    assert set(project["required"]) == {"id", "name", "level", "county", "sector", "nature",
                                        "total_investment", "annual_plan"}
    assert project["properties"]["level"]["enum"] == ["provincial", "municipal", "county"]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output == f"majorproj {__version__}\n"


START_UP = """
import sys
from majorproj.cli import main
sys.argv = ["majorproj", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
loaded = {m.split(".")[2] for m in sys.modules if m.startswith("majorproj.cli.")}
print(" ".join(sorted(loaded)), "majorproj.ledger.fields" in sys.modules, file=sys.stderr)
"""


# under mutation testing the package is mutmut's copy, whose trampolines import mutmut
# (and with it what it imports): what a run imports is then not majorproj's doing
START_UP_MEASURED = pytest.mark.skipif("MUTANT_UNDER_TEST" in os.environ,
                                       reason="mutmut's copy of the package imports more")


def loaded_by(*args, env=None):
    """The majorproj.cli modules a fresh process imported for ``majorproj ARGS``, and
    whether it validated records (last line of standard error)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", START_UP, *args], capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, "MAJORPROJ_NO_CACHE": "1", **(env or {})})
    *_, last = done.stderr.strip().splitlines()
    modules, validated = last.rsplit(" ", 1)
    return set(modules.split()), validated == "True"


@START_UP_MEASURED
def test_a_command_imports_its_own_module_only():
    assert loaded_by("--version") == ({"common"}, False)
    assert loaded_by("schema", "config")[0] == {"common", "schema"}
    assert loaded_by("status", "--help")[0] == {"common", "status"}
    assert loaded_by("import", "progress", "--help")[0] == {"check", "common", "excel"}  # its --format
    assert loaded_by("--help")[0] == {"common", "audit", "check", "excel", "init", "report",
                                      "rollover", "schema", "status", "summary"}


@START_UP_MEASURED
def test_a_second_check_of_an_unchanged_ledger_loads_no_models(tmp_path):
    """What the cache is for: the problems kept, nothing is parsed or validated again."""
    from pathlib import Path

    sample = str(Path(__file__).parent.parent / "data" / "sample")
    env = {"MAJORPROJ_NO_CACHE": "", "XDG_CACHE_HOME": str(tmp_path)}
    assert loaded_by("check", sample, env=env) == ({"check", "common"}, True)
    assert loaded_by("check", sample, env=env) == ({"check", "common"}, False)


def test_a_mistyped_command_is_still_suggested():
    result = run("chek")
    assert result.exit_code == 2 and "Did you mean 'check'" in result.output


def test_every_command_has_help_with_an_example():
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)
    assert {"check", "schema", "init"} <= set(names)
    for name in names:
        command = group.commands[name]
        subcommands = getattr(command, "commands", None) or {name: command}
        for sub in subcommands:
            args = [name] if sub == name else [name, sub]
            result = run(*args, "--help")
            assert result.exit_code == 0, args
            assert "Example:" in result.output, f"{' '.join(args)} --help shows no example"


# ── render/problems.py: the three forms of the same problems ──────────────────


def problems_of(file, n, severity="error", code="E104", sheet=""):
    from majorproj.ledger.problems import Problem

    return [Problem(file, i + 1, 3, severity, code, f"m{i}", "", sheet) for i in range(n)]


def test_the_count_line_says_error_and_warning_in_the_singular_for_one():
    from majorproj.render.problems import as_text

    assert as_text([]) == "no problems found\n"
    one_each = problems_of("a.yaml", 1) + problems_of("b.yaml", 1, "warning", "W001")
    assert as_text(one_each).splitlines() == [
        "a.yaml:1:3: error E104 m0", "b.yaml:1:3: warning W001 m0", "1 error, 1 warning"]
    assert as_text(problems_of("a.yaml", 2)).splitlines()[-1] == "2 errors, 0 warnings"
    assert as_text(problems_of("a.yaml", 2, "warning", "W001")).splitlines()[-1] == \
        "0 errors, 2 warnings"


def test_each_file_shows_its_first_50_and_counts_the_rest():
    from majorproj.render.problems import as_github, as_text, bounded

    problems = problems_of("a.yaml", 51) + problems_of("b.yaml", 50) + problems_of("c.yaml", 52)
    shown, omitted = bounded(problems)
    assert len(shown) == 50 + 50 + 50 and omitted == {"a.yaml": 1, "c.yaml": 2}
    assert shown[49].message == "m49" and shown[50].file == "b.yaml"  # a's first 50
    lines = as_text(problems).splitlines()
    assert lines[-3:] == ["a.yaml: 1 more problem not shown", "c.yaml: 2 more problems not shown",
                          "153 errors, 0 warnings"]
    github = as_github(problems).splitlines()
    assert len(github) == 150 + 2 + 1
    assert github[-3:] == ["::warning file=a.yaml::1 more problems not shown",
                           "::warning file=c.yaml::2 more problems not shown",
                           "153 errors, 0 warnings"]


def test_json_keeps_1000_a_file_and_names_a_sheet():
    import json

    from majorproj.ledger.problems import Problem
    from majorproj.render.problems import as_json

    sheet = Problem("t.xlsx", 12, 4, "warning", "W301", "总投资为空", "填写总投资", "项目表")
    payload = json.loads(as_json(problems_of("a.yaml", 1001) + [sheet]))
    assert (payload["errors"], payload["warnings"], payload["omitted"]) == (1001, 1, {"a.yaml": 1})
    assert len(payload["problems"]) == 1000 + 1
    assert payload["problems"][0] == {"file": "a.yaml", "line": 1, "column": 3,
                                      "severity": "error", "code": "E104", "message": "m0",
                                      "hint": ""}
    assert payload["problems"][-1] == {"file": "t.xlsx", "line": 12, "column": 4,
                                       "severity": "warning", "code": "W301",
                                       "message": "总投资为空", "hint": "填写总投资",
                                       "sheet": "项目表"}


def test_a_sheets_problem_leads_its_github_message_with_its_place():
    from majorproj.ledger.problems import Problem
    from majorproj.render.problems import as_github, as_text

    # a workbook has no lines to annotate: file and title only, the place in the message
    sheet = Problem("t,1.xlsx", 12, 4, "error", "E104", "总投资 must be ≥ 0", "改为正数", "项目表")
    assert as_github([sheet]).splitlines()[0] == (
        "::error file=t%2C1.xlsx,title=E104::t,1.xlsx:项目表!R12: 总投资 must be ≥ 0 "
        "(hint: 改为正数)")
    assert as_text([sheet]).splitlines()[0] == \
        "t,1.xlsx:项目表!R12: error E104 总投资 must be ≥ 0 (hint: 改为正数)"
    line = Problem("a.yaml", 7, 5, "error", "E104", "bad\rvalue", "a % hint")
    assert as_github([line]).splitlines()[0] == \
        "::error file=a.yaml,line=7,col=5,title=E104::bad\\x0dvalue (hint: a %25 hint)"


def test_github_annotations_show_escapes_and_bidi_controls_never_run_them():
    """The github format is chosen on CI and read in a terminal too: an OSC 8 link, a
    screen clear or a U+202E in a key, a name or a file name is shown as its escape."""
    from majorproj.ledger.problems import Problem
    from majorproj.render.problems import as_github

    hostile = "\x1b]8;;http://x\x07y\x1b]8;;\x07\x1b[2J\u202e"
    shown = "\\x1b]8;;http%3A//x\\x07y\\x1b]8;;\\x07\\x1b[2J\\u202e"
    lines = as_github([Problem(f"{hostile}.yaml", 1, 2, "warning", "W001",
                               f"unknown key '{hostile}'", ""),
                       Problem("t.xlsx", 3, 1, "error", "E506", "no project", "", hostile)])
    assert lines.splitlines()[0] == (
        f"::warning file={shown}.yaml,line=1,col=2,title=W001::unknown key "
        f"'{shown.replace('%3A', ':')}'")
    assert "\x1b" not in lines and "\x07" not in lines and "\u202e" not in lines


def test_years_and_dates_are_plausible_from_1990_to_2100_inclusive() -> None:
    """E110 at the bounds of the format's years: 1990 and 2100 are years of a ledger,
    1989 and 2101 not; a date is judged by its year."""
    from datetime import date

    from pydantic_core import ValidationError

    from majorproj.ledger.fields import validated
    from majorproj.ledger.models import Milestones, Project

    project = {"id": "P1", "name": "甲", "level": "municipal", "county": "甲区",
               "sector": "产业", "nature": "continuing", "total_investment": 1,
               "annual_plan": 1}
    for year in (1990, 2100):
        assert validated(Project, {**project, "start_year": year}).start_year == year
        day = date(year, 1 if year == 1990 else 12, 1 if year == 1990 else 31)
        assert validated(Milestones, {"started": day}).started == day
    for year, day in ((1989, date(1989, 12, 31)), (2101, date(2101, 1, 1))):
        with pytest.raises(ValidationError) as found:
            validated(Project, {**project, "start_year": year})
        assert [(e["type"], e["msg"]) for e in found.value.errors()] == [
            ("E110", f"{year} is not a plausible year")]
        with pytest.raises(ValidationError) as found:
            validated(Milestones, {"started": day})
        assert [(e["type"], e["msg"]) for e in found.value.errors()] == [
            ("E110", f"{day.isoformat()} is outside the years 1990–2100")]


@pytest.mark.parametrize("previous", ["../nowhere", "."])  # missing; this ledger's own year
def test_an_unusable_previous_ledger_is_one_problem_and_the_rest_is_still_checked(
        base_ledger, previous):
    """cli.md: every finding is one problem. check lists the ledger's own problems with
    E113 at previous: (JSON and GitHub readers get them), and exits 2, as for input it
    cannot use; summary, which would lack its 同比, still stops without figures."""
    config = base_ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"previous: {previous}\n",
                      encoding="utf-8")
    break_plan(base_ledger)
    result = run("check", base_ledger, "--format", "json", "--no-cache")
    assert result.exit_code == 2
    codes = [p["code"] for p in json.loads(result.stdout)["problems"]]
    assert "E113" in codes and "E104" in codes  # the plan broken by break_plan, still found
    summary = run("summary", "-l", base_ledger, "-p", "2024H1", "-f", "json")
    assert summary.exit_code == 2 and summary.stdout == ""  # unusable input: a usage error


def test_a_folder_linked_to_nothing_is_unreadable_not_empty(base_ledger):
    """progress/ a link to a share not mounted: not 'no reports yet' with every figure 0."""
    import shutil

    shutil.rmtree(base_ledger / "progress")
    (base_ledger / "progress").symlink_to(base_ledger / "mnt" / "share" / "progress")
    result = run("check", base_ledger)
    assert result.exit_code == 2, result.output
    assert "progress:1:1: error E007 'progress' is a link to " in result.output
    assert "which is not there" in result.output
    summary = run("summary", "-l", base_ledger, "-p", "2024M02")
    assert summary.exit_code == 2 and "Traceback" not in summary.output


def test_a_folder_that_may_not_be_listed_is_said_not_a_traceback(base_ledger, monkeypatch):
    """As a user without the right to list projects/ (root may list any folder, so the
    refusal is the system's answer put in its place)."""
    import os
    from pathlib import Path

    denied = base_ledger / "projects"
    real_listdir, real_iterdir = os.listdir, Path.iterdir

    def listdir(path="."):
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    def iterdir(self):
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = run("check", base_ledger)
    assert result.exit_code == 2, result.output
    assert ("projects:1:1: error E007 the folder projects/ cannot be listed: Permission denied"
            in result.output)
    assert "chmod u+rx projects" in result.output


def test_a_reader_that_stops_early_ends_the_command_by_sigpipe_not_exit_1():
    """summary -f json | head: exit 1 says the ledger has errors; a reader gone is SIGPIPE
    (141 in a shell), as grep or git end, without a traceback."""
    import signal
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).parent.parent / "data" / "sample"
    child = subprocess.Popen([sys.executable, "-m", "majorproj", "summary", "-l", str(sample),
                              "-p", "2024H1", "-f", "json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout.read(1) == b"{"
    child.stdout.close()  # more than a pipe holds is still to come (the JSON is ~70 KB)
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == -signal.SIGPIPE and b"Traceback" not in stderr


def test_schema_without_a_kind_gives_all_four_and_takes_the_ledger_option(tmp_path):
    """cli.md: `schema [projects|progress|config|narrative]`, and --ledger on every command."""
    import json

    every = run("schema")
    assert every.exit_code == 0, every.output
    schemas = json.loads(every.stdout)
    assert list(schemas) == ["config", "projects", "progress", "narrative"]
    one = run("schema", "-l", tmp_path, "projects")
    assert one.exit_code == 0 and json.loads(one.stdout) == schemas["projects"]


def test_init_takes_its_directory_as_argument_or_as_the_ledger_option(tmp_path):
    made = run("init", "-l", tmp_path / "a", "--year", "2025")
    assert made.exit_code == 0, made.output
    assert (tmp_path / "a" / "majorproj.yaml").is_file()
    assert run("check", tmp_path / "a").exit_code == 0
    both = run("init", tmp_path / "b", "-l", tmp_path / "c")
    assert both.exit_code == 2 and "once" in both.output and not (tmp_path / "b").exists()
    assert run("init").exit_code == 2


def test_an_output_whose_ending_contradicts_the_format_is_refused(tmp_path):
    """report -o r.md -f docx wrote a Word file named r.md; summary -o out.csv wrote the
    terminal's table: the ending now chooses the format, and contradicting it is refused."""
    from pathlib import Path

    sample = Path(__file__).parent.parent / "data" / "sample"
    for command in (["report", "-o", tmp_path / "r.md", "-f", "docx"],
                    ["report", "-o", tmp_path / "r.docx", "-f", "md"],
                    ["summary", "-o", tmp_path / "s.csv", "-f", "json"]):
        refused = run(*command, "-l", sample, "-p", "2024H1")
        assert refused.exit_code == 2 and "names a" in refused.output, refused.output
    assert list(tmp_path.iterdir()) == []
    assert run("summary", "-l", sample, "-p", "2024H1", "-o", tmp_path / "s.csv").exit_code == 0
    assert (tmp_path / "s.csv").read_text(encoding="utf-8-sig").startswith("级别,项目个数,")
    assert run("summary", "-l", sample, "-p", "2024H1", "-o", tmp_path / "s.json").exit_code == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8").startswith("{")


def test_a_month_written_as_offices_write_it_and_a_huge_value_quoted_short(tmp_path):
    """status -m 2024年6月 is June (as 6月 and 2024-06 are); a 100 KB --period is not quoted
    back whole."""
    from pathlib import Path

    sample = Path(__file__).parent.parent / "data" / "sample"
    as_written = run("status", "-m", "2024年6月", "-l", sample, "-f", "json")
    assert as_written.exit_code == 0, as_written.output
    assert as_written.stdout == run("status", "-m", "2024-06", "-l", sample, "-f", "json").stdout
    other_year = run("status", "-m", "2023年6月", "-l", sample)
    assert other_year.exit_code == 2 and "'2023年6月' is outside the ledger's year" in \
        other_year.output
    huge = run("summary", "-l", sample, "-p", "9" * 100_000)
    assert huge.exit_code == 2 and len(huge.stderr) < 2100
