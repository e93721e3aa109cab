"""`majorproj rollover NEW_DIR`: next year's ledger from 2023's (yoy_ledgers.py)."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

from majorproj.ledger.load import load_ledger
from yoy_ledgers import CONFIG_2023, PROGRESS_2023, PROJECTS_2023, run, two_years, write_year

D = Decimal


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def rolled(tmp_path: Path, config: str = CONFIG_2023):
    old = write_year(tmp_path / "2023", config, PROJECTS_2023, PROGRESS_2023)
    before = digest(old)
    result = run("rollover", "-l", old, tmp_path / "2024")
    assert result.exit_code == 0, result.output
    assert digest(old) == before  # nothing in the old ledger changes
    return old, tmp_path / "2024", result


def test_unfinished_projects_are_carried_and_completed_ones_listed(tmp_path):
    _, new, result = rolled(tmp_path)
    ledger = load_ledger(new).ledger
    assert ledger.config.year == 2024 and ledger.config.previous == "../2023"
    assert ledger.previous.config.year == 2023  # and it resolves
    projects = {p.id: p for p in ledger.projects}
    assert list(projects) == ["A1", "A2", "B2"]  # B1 was completed on 2023-11-30
    assert "left out 1 projects completed (竣工) in 2023:\n  - B1 乙区防洪堤修复" in result.stdout
    a1, a2, b2 = projects["A1"], projects["A2"], projects["B2"]
    # completed_before + December's cumulative: 10000 + 18000; 0 + 9000; 0 + 0
    assert (a1.completed_before, a2.completed_before, b2.completed_before) == (
        D(28000), D(9000), D(0))
    assert (a1.nature, a2.nature, b2.nature) == ("continuing", "continuing", "new")
    assert a2.code == "2023-360000-48-01-000002" and str(a2.milestones.started) == "2023-03-15"
    assert b2.planned_start == "2023-10"  # kept: the office decides the new one
    assert all(p.annual_plan is None and p.batches is None for p in projects.values())
    assert a1.funding == {} and a1.procedures == {"approval": "done"}
    assert not (new / "progress").exists()
    assert "no December report" not in result.stderr


def test_the_new_ledger_passes_check_with_w012_on_each_decision(tmp_path):
    _, new, _ = rolled(tmp_path)
    result = run("check", new, "--format", "json")
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    assert {p["code"] for p in problems} == {"W012"}
    # three plans, three batches, and B2's planned start of 2023-10
    assert len(problems) == 7
    assert sum("planned_start 2023-10 has passed" in p["message"] for p in problems) == 1
    assert run("check", new, "--strict").exit_code == 1  # warnings until decided


def test_config_carries_everything_but_the_years_own(tmp_path):
    config = CONFIG_2023 + ("tags: [灾后重建]\nthresholds: {yellow_pp: 15, red_pp: 40}\n"
                            "report:\n  date: 2023-07-15\n  fonts: {body: 仿宋}\n"
                            "previous_totals:\n  completed_ytd: {6: 1000}\n")
    _, new, _ = rolled(tmp_path, config)
    c = load_ledger(new).ledger.config
    assert (c.counties, c.sectors, c.tags) == (["甲县", "乙区"], ["产业", "交通"], ["灾后重建"])
    assert (c.thresholds.yellow_pp, c.thresholds.red_pp) == (15, 40)
    assert c.report.fonts.body == "仿宋" and c.report.date is None  # 2023's report date
    assert c.previous_totals is None and c.previous == "../2023"


def test_settings_the_office_wrote_are_carried_even_where_they_equal_the_defaults(tmp_path):
    """A red_list of 5 and a 黑体 heading were the office's choice, though the format's
    default today: the new config says them still, and leaves unsaid what was unsaid."""
    config = CONFIG_2023 + ("thresholds: {yellow_pp: 10, red_pp: 35}\n"
                            "report:\n  fonts: {heading1: 黑体}\n"
                            "monthly: {red_list: 5, black_list: 3}\n")
    _, new, _ = rolled(tmp_path, config)
    text = (new / "majorproj.yaml").read_text(encoding="utf-8")
    assert "thresholds: {yellow_pp: 10, red_pp: 35}" in text
    assert "fonts: {heading1: 黑体}" in text
    assert "monthly: {red_list: 5, black_list: 3}" in text
    assert "bounds" not in text and "deadline_day" not in text and "charts" not in text


def test_without_a_december_report_it_says_the_month(tmp_path):
    _, this = two_years(tmp_path / "y")
    result = run("rollover", "-l", this, tmp_path / "2025")
    assert result.exit_code == 0, result.output
    assert "2024 has no December report; rolled over from 2024-06 (1-6月)" in result.stderr
    projects = {p.id: p for p in load_ledger(tmp_path / "2025").ledger.projects}
    # June's cumulatives: A1 28000 + 9000, X2 9500 + 5000, B2 started in April: continuing
    assert projects["A1"].completed_before == D(37000)
    assert projects["X2"].completed_before == D(14500)
    assert projects["B2"].nature == "continuing"


def test_new_dir_must_be_new_and_nothing_is_half_written(tmp_path):
    old = write_year(tmp_path / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    taken = tmp_path / "2024"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("rollover", "-l", old, taken)
    assert result.exit_code == 2 and "already exists and is not an empty folder" in result.stderr
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("rollover", "-l", old, empty).exit_code == 0  # an empty folder will do
    assert (empty / "majorproj.yaml").is_file()


def test_a_rollover_killed_half_way_leaves_a_folder_the_next_one_removes(tmp_path):
    """Killed between writing and renaming (no finally runs), a rollover leaves its hidden
    temporary folder; the next rollover into that name removes it once it is an hour old,
    and leaves a younger one (another rollover's at work) and whatever is not its own."""
    import os
    import time

    old = write_year(tmp_path / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    left = tmp_path / ".2024.k3j_9x0a.tmp"
    (left / "projects").mkdir(parents=True)
    (left / "majorproj.yaml").write_text("format: 1\n", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(left, (hours_ago, hours_ago))
    young = tmp_path / ".2024.abcdefgh.tmp"
    young.mkdir()
    others = [tmp_path / ".2025.k3j_9x0a.tmp", tmp_path / ".2024.notes.tmp"]
    for path in others:
        path.mkdir()
        os.utime(path, (hours_ago, hours_ago))
    assert run("rollover", "-l", old, tmp_path / "2024").exit_code == 0
    assert not left.exists()
    assert young.is_dir() and all(path.is_dir() for path in others)


def test_next_years_ledger_is_never_made_inside_this_one(tmp_path):
    old = write_year(tmp_path / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    before = digest(old)
    for inside in (old / "2024", old / "projects" / "next", old):
        result = run("rollover", "-l", old, inside)
        assert result.exit_code == 2 and "is inside this year's ledger" in result.stderr
    assert digest(old) == before and not (old / "2024").exists()


def reported(root: Path, month: str, **entries: int) -> dict:
    """The summary JSON of ``root`` for ``month``, after writing that month's report."""
    (root / "progress").mkdir(exist_ok=True)
    lines = [f"month: {month}", "entries:"] + [f"  {pid}: {{completed_ytd: {amount}}}"
                                               for pid, amount in entries.items()]
    (root / "progress" / f"{month}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("summary", "-l", root, "-p", month, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout, parse_float=D)


def test_next_year_compares_with_the_year_it_came_from(tmp_path):
    _, new, _ = rolled(tmp_path)
    projects = new / "projects" / "项目.yaml"
    text = projects.read_text(encoding="utf-8").replace("annual_plan: null", "annual_plan: 1000")
    projects.write_text(text.replace("batches: null", "batches: []"), encoding="utf-8")
    last = reported(new, "2024-06", A1=900, A2=500, B2=0)["overall"]["last_year"]
    # 2023 at 1-6月: 8000 + 2500 + 4000 + 0 = 14500; 2024: 1400
    assert last["completed_ytd"] == 14500 and last["growth"] == D(1400 - 14500) / D(14500)
    # plans and batches set: only B2's passed planned start is left to decide
    problems = load_ledger(new).problems
    assert [(p.code, "planned_start 2023-10 has passed" in p.message) for p in problems] == [
        ("W012", True)]


def test_until_plans_are_decided_the_figures_say_so(tmp_path):
    _, new, _ = rolled(tmp_path)
    data = reported(new, "2024-01", A1=300, A2=200, B2=0)
    overall = data["overall"]
    # no plan decided: the plans count 0, so there is no rate and no light
    assert (overall["annual_plan"], overall["completion_rate"]) == (0, None)
    assert overall["completed_ytd"] == 500 and overall["month_progress"] is None
    assert overall["lights"] == {"red": 0, "yellow": 0, "green": 0} and data["lights"] == []
    # January of 2024 against January of 2023: 1000 + 0 + 500 + 0 = 1500
    assert overall["last_year"]["completed_ytd"] == 1500
    export = tmp_path / "x.xlsx"
    assert run("export", "-l", new, "-p", "2024M01", "-o", export).exit_code == 0


def _give_issues(root: Path, month: str, pid: str, completed: int, *issues: str) -> None:
    """The month's entry of ``pid`` (its ``completed``) with ``issues``, each a flow mapping."""
    path = root / "progress" / f"{month}.yaml"
    entry = f"  {pid}: {{completed_ytd: {completed}}}"
    text = path.read_text(encoding="utf-8")
    assert entry in text
    path.write_text(text.replace(entry, f"  {pid}:\n    completed_ytd: {completed}\n    issues:"
                                 + "".join(f"\n      - {i}" for i in issues)), encoding="utf-8")


def _december_with_issues(tmp_path, config=CONFIG_2023) -> Path:
    """2023's ledger whose December gives A1 an open 督办 (A1-1), a 办结 one (A1-2) and an
    open plain issue."""
    old = write_year(tmp_path / "2023", config, PROJECTS_2023, PROGRESS_2023)
    _give_issues(old, "2023-12", "A1", 18000,
                 "{key: A1-1, category: land, text: 用地报批未完成, deadline: 2023-12-20}",
                 "{key: A1-2, category: funding, text: 资本金到位, status: done}",
                 "{category: other, text: 施工受雨季影响}")
    return old


def test_open_issues_run_on_into_januarys_sheet_and_a_supervised_one_is_kept(tmp_path):
    import openpyxl

    old = _december_with_issues(tmp_path)
    assert run("rollover", "-l", old, tmp_path / "2024").exit_code == 0
    new = tmp_path / "2024"
    out = tmp_path / "sheets"
    assert run("export", "--fill-in", "-m", "2024-01", "--county", "甲县", "-o", out,
               "-l", new).exit_code == 0
    sheet = openpyxl.load_workbook(out / "甲县2024年1月重点项目填报表.xlsx").active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("【A1-1】用地报批未完成" in c and "施工受雨季影响" in c for c in cells)
    assert not any("资本金到位" in c for c in cells)  # 办结 in 2023
    # January's sheet from a county that left 存在问题 empty: the 督办 stays, open
    path = out / "jan.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["项目编号", "项目名称", "1月完成投资", "存在问题"])
    book.active.append(["A1", None, 500, None])
    book.save(path)
    result = run("import", "progress", path, "-m", "2024-01", "-l", new)
    assert result.exit_code == 0, result.output
    january = load_ledger(new).ledger.progress[1].entries["A1"]
    assert [(i.key, i.text, i.closed) for i in january.issues] == [
        ("A1-1", "用地报批未完成", False)]


def test_open_issues_and_this_years_targets_and_number_are_said_left_behind(tmp_path):
    config = CONFIG_2023 + ("targets:\n  overall: {6: 15000}\n"
                            "report:\n  number: 某发改〔2023〕12号\n")
    old = _december_with_issues(tmp_path, config)
    result = run("rollover", "-l", old, tmp_path / "2024")
    assert result.exit_code == 0, result.output
    # A1-1 (a 督办 with a deadline) and the plain issue are open; A1-2 is 办结
    assert ("open issues run on from 2023's ledger: 2 (1 督办事项), listed in January's "
            "fill-in sheets and kept by import until closed:") in result.stdout
    assert "  - A1 A1-1 用地报批未完成\n  - A1 施工受雨季影响\n" in result.stdout
    assert "the stage targets (targets:): 2023's were left behind" in result.stdout
    assert "the report's 发文字号 (report.number): 2023's was left behind" in result.stdout
    c = load_ledger(tmp_path / "2024").ledger.config
    assert c.targets.overall == {} and c.report.number is None


def test_a_supervised_issue_open_all_year_runs_on_though_december_left_it_out(tmp_path):
    """June gives A2 the 督办事项 A2-1 and B1 the 督办事项 B1-1; December, written by hand,
    lists neither. Carried until closed: A2-1 runs on into 2024 (rollover lists it, January's
    sheet shows it, and 2024's figures keep it overdue); B1, completed in 2023, is left out
    with its issue."""
    import openpyxl

    old = write_year(tmp_path / "2023", CONFIG_2023, PROJECTS_2023, PROGRESS_2023)
    _give_issues(old, "2023-06", "A2", 2500, "{key: A2-1, category: land, text: 取土场用地未批, "
                 "deadline: 2023-09-30, status: in_progress}")
    _give_issues(old, "2023-06", "B1", 4000,
                 "{key: B1-1, category: funding, text: 资金缺口, status: pending}")
    result = run("rollover", "-l", old, tmp_path / "2024")
    assert result.exit_code == 0, result.output
    assert ("open issues run on from 2023's ledger: 1 (1 督办事项), listed in January's "
            "fill-in sheets and kept by import until closed:") in result.stdout
    assert "  - A2 A2-1 取土场用地未批\n" in result.stdout and "B1-1" not in result.stdout
    new = tmp_path / "2024"
    out = tmp_path / "sheets"
    assert run("export", "--fill-in", "-m", "2024-01", "--county", "甲县", "-o", out,
               "-l", new).exit_code == 0
    sheet = openpyxl.load_workbook(out / "甲县2024年1月重点项目填报表.xlsx").active
    assert "【A2-1】取土场用地未批" in [str(c.value) for row in sheet.iter_rows() for c in row]
    # January written by hand, without A2-1: at 31 January it is 31 + 30 + 31 + 31 = 123
    # days past its deadline of 30 September 2023
    data = reported(new, "2024-01", A1=300, A2=200, B2=0)
    assert [(s["key"], s["project"], s["days_overdue"]) for s in data["supervision"]] == [
        ("A2-1", "A2", 123)]


def test_procedures_carry_as_they_stand_at_the_years_end(tmp_path):
    """B2's record says 用地 in_progress and 立项 not_started; December's entry says both
    done: next year starts from done, not from the record as first written."""
    projects = PROJECTS_2023.replace("    planned_start: '2023-10'\n",
                                     "    planned_start: '2023-10'\n"
                                     "    procedures: {land: in_progress, approval: not_started}\n")
    old = write_year(tmp_path / "2023", CONFIG_2023, projects, PROGRESS_2023)
    december = old / "progress" / "2023-12.yaml"
    december.write_text(december.read_text(encoding="utf-8").replace(
        "  B2: {completed_ytd: 0}", "  B2: {completed_ytd: 0, procedures: {land: done, approval: done}}"),
        encoding="utf-8")
    assert "land: done" in december.read_text(encoding="utf-8")
    assert run("rollover", "-l", old, tmp_path / "2024").exit_code == 0
    b2 = {p.id: p for p in load_ledger(tmp_path / "2024").ledger.projects}["B2"]
    assert dict(b2.procedures) == {"land": "done", "approval": "done"}
    a1 = {p.id: p for p in load_ledger(tmp_path / "2024").ledger.projects}["A1"]
    assert dict(a1.procedures) == {"approval": "done"}  # no month changed it: its record


def test_the_new_ledger_ignores_the_lock_in_git_as_a_new_ledger_does(tmp_path):
    """init writes a .gitignore for the lock that imports hold; a rolled-over ledger, kept
    in git as well, has the same one, and check reads nothing into it."""
    from majorproj.ledger.skeleton import GITIGNORE

    old, new, _ = rolled(tmp_path)
    assert (new / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert "/.majorproj.lock" in GITIGNORE.splitlines()
    assert not [p for p in load_ledger(new).problems if p.code == "W015"]


def test_a_project_carried_though_fully_invested_is_named(tmp_path):
    """A2 (total 9,000 here) has invested 0 + 9,000 by December with no 竣工 date: it is
    carried, since only the date leaves a project out, and named for the office to
    look at; A1 (28,000 of 50,000) and B2 (0) are not."""
    projects = PROJECTS_2023.replace("    total_investment: 30000\n",
                                     "    total_investment: 9000\n")
    assert projects != PROJECTS_2023
    old = write_year(tmp_path / "2023", CONFIG_2023, projects, PROGRESS_2023)
    result = run("rollover", "-l", old, tmp_path / "2024")
    assert result.exit_code == 0, result.output
    assert ("carried though fully invested (completed_before ≥ total_investment) with no "
            "竣工 date: 1;") in result.stdout
    assert "  - A2 甲县城区道路改造: 9000 of 9000 万元" in result.stdout
    assert "A1 甲县纺织产业园:" not in result.stdout
    _, _, plain = rolled(tmp_path / "plain")
    assert "fully invested" not in plain.stdout


def test_a_line_break_in_the_city_cannot_write_settings_into_the_new_config(tmp_path):
    """The city goes into the new files' top comments: a line break in it would end the
    comment and make the rest live YAML (here: no 红黑榜, reports due on the 1st). Such a
    city is refused (E109) and nothing is rolled over."""
    config = CONFIG_2023.replace("city: 测试市", 'city: "测试市\\nmonthly: {red_list: 0, '
                                 'deadline_day: 1}\\nnote: "')
    old = write_year(tmp_path / "2023", config, PROJECTS_2023, PROGRESS_2023)
    result = run("rollover", "-l", old, tmp_path / "2024")
    assert result.exit_code == 1 and "E109" in result.output, result.output
    assert not (tmp_path / "2024").exists()


def test_a_files_top_comment_is_one_line_whatever_it_names():
    from majorproj.ledger.yamlwrite import comment

    assert comment("测试市\nmonthly: {red_list: 0}\r\u2028x ") == \
        "# 测试市 monthly: {red_list: 0} x"
