"""`majorproj summary` through typer's CliRunner: tables, JSON, CSV, errors."""

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.metrics import compute
from majorproj.periods import parse_period
from majorproj.render.table import tables

SMALL = Path(__file__).parent / "metrics" / "small"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
D = Decimal
runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, ["summary", *map(str, args)],
                         env={"NO_COLOR": None, "FORCE_COLOR": None, "COLUMNS": None,
                              "MAJORPROJ_LEDGER": None, **(env or {})})


def overview_rows(out):
    """The overview table's rows as {指标: (数值, 说明)}, read from the printed text."""
    rows = {}
    for line in out.split("按级别")[0].splitlines():
        cells = line.split(maxsplit=2)
        if len(cells) >= 2 and cells[0] != "指标":  # title, rule and caption have one cell
            rows[cells[0]] = (cells[1], cells[2].strip() if len(cells) == 3 else "")
    return rows


def test_table_shows_the_figures_in_yi_or_wan_and_percent():
    result = run("-l", SMALL, "--period", "2024H1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "测试市2024年上半年重点项目推进情况" in out
    assert "截至2024年6月30日（6月调度），序时进度50.0%" in out
    rows = overview_rows(out)
    assert rows["项目个数"] == ("9个", "省重点4个、市重点3个、县重点2个")
    # total 10000+20000+5000+3000+8000+9000+30000+15000+4000 = 104000 万元 → 10.4亿元
    assert rows["总投资"][0] == "10.4亿元"
    # plan 11700 万元 = 1.17 亿元 → 1.2
    assert rows["年度计划投资"][0] == "1.2亿元"
    # completed 4165 万元, under one 亿: in 万元, as the report says it (not 0.4亿元);
    # this month 4165 − (400 + 50 + 700 + 300) = 2715 万元
    assert rows["完成投资"] == ("4165万元", "1-6月累计")
    assert rows["当月完成投资"] == ("2715万元", "本月累计 − 上月累计")
    # 当月进度 2715 / 11700 = 0.23205… → 23.2%
    assert rows["当月进度"] == ("23.2%", "当月完成投资 ÷ 年度计划")
    assert "去年同期完成投资" not in rows  # no previous ledger, no totals: no 同比
    # completion 4165/11700 = 0.35598… → 35.6%
    assert rows["投资完成率"] == ("35.6%", "序时进度50.0%")
    # (0.35598… − 0.5) × 100 = −14.40… points; 履约率 12·4165 / (6·11700) = 0.71196… → 71.2%
    assert rows["超序时进度"][0] == "-14.4个百分点"
    assert rows["履约率"][0] == "71.2%"
    # starts 1 of 3 = 33.3%
    assert rows["开工率"] == ("33.3%", "计划新开工3个，已开工1个")
    assert rows["预警"] == ("4个", "红灯2个、黄灯2个、绿灯3个")
    # open issues: P2 one, P3 one (carried), P9 three
    assert rows["存在问题"] == ("5个", "涉及3个项目")
    assert rows["未报送"][0] == "2个"
    assert "逾期未开工（计划2024年5月开工）" in out
    assert "未报送项目（2个）" in out
    for header in ("按级别", "省重点", "市重点", "县重点", "三个一批", "红黄灯项目（4个）",
                   "县（市、区）排名"):
        assert header in out


def test_tables_fit_100_columns_and_rows_line_up():
    ledger = load_ledger(SMALL).ledger
    summary = compute(ledger, parse_period("2024H1", 2024))
    for grouping in ("level", "county", "sector", "tag"):
        console = Console(width=100, file=io.StringIO(), color_system=None)
        for table in tables(summary, grouping):
            with console.capture() as captured:
                console.print(table)
            lines = captured.get().splitlines()
            assert max(cell_len(line) for line in lines) <= 100
            body = [line for line in lines[2:] if line.strip()]  # rows under the title
            # a table fitted to the console is one of several, all with the same caption
            rows = body[:-1] if getattr(table, "tables", [table])[0].caption else body
            # every row of a table has the same display width: CJK counted as two cells
            assert len({cell_len(line) for line in rows}) == 1, "\n".join(rows)


def test_numbers_are_right_aligned():
    out = run("-l", SMALL, "--period", "2024H1", "--by", "county").stdout
    rows = [line for line in out.splitlines() if line.lstrip().startswith(("甲区", "乙县", "合计"))
            and "%" in line]
    assert len(rows) == 3
    # the completion rate column: each row's first percent ends in the same cell column
    ends = {cell_len(row[:row.index("%") + 1]) for row in rows}
    assert len(ends) == 1


def coloured(text):
    """True when ``text`` holds an ANSI foreground colour (bold alone is not colour)."""
    codes = (code for params in re.findall(r"\x1b\[([0-9;]*)m", text)
             for code in params.split(";") if code)
    return any(30 <= int(code) <= 38 or 90 <= int(code) <= 97 for code in codes)


def test_colour_only_on_a_terminal_and_never_with_no_color():
    terminal = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    colour = run("-l", SMALL, "-p", "2024H1", env=terminal)
    assert coloured(colour.stdout)  # red/yellow lights are coloured on a terminal
    plain = run("-l", SMALL, "-p", "2024H1", env={**terminal, "NO_COLOR": "1"})
    assert plain.exit_code == 0 and not coloured(plain.stdout)  # bold may stay
    assert "红灯" in plain.stdout
    piped = run("-l", SMALL, "-p", "2024H1")
    assert "\x1b[" not in piped.stdout


def test_json_has_cli_md_shape_and_exact_numbers():
    result = run("-l", SMALL, "-p", "2024H1", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout, parse_float=Decimal)
    assert {"ledger", "period", "overall", "groups", "lights", "not_reported"} <= set(data)
    assert data["ledger"] == {"city": "测试市", "year": 2024}
    period = data["period"]
    assert (period["label"], period["as_of"], period["month"]) == ("2024H1", "2024-06-30", 6)
    assert period["time_progress"] == D("0.5")
    figures = data["overall"]
    assert {"projects", "total_investment", "annual_plan", "completed_ytd", "completion_rate",
            "schedule_gap_pp", "fulfilment_rate", "starts", "batches", "completed", "issues",
            "funding"} <= set(figures)
    assert figures["completed_ytd"] == 4165 and figures["annual_plan"] == 11700
    assert figures["completion_rate"] == D(4165) / D(11700)  # unrounded, 28 digits
    assert figures["schedule_gap_pp"] == D((12 * 4165 - 6 * 11700) * 100) / D(12 * 11700)
    assert figures["starts"] == {"planned": 3, "started": 1, "rate": D(1) / D(3)}
    assert set(figures["batches"]) == {"start", "production", "efficiency"}
    assert figures["batches"]["start"] == {"members": 2, "achieved": 1}
    assert figures["funding"]["self_raised"] == D("300.5")
    assert figures["issues"]["land"] == 3
    assert set(data["groups"]) == {"level", "county", "sector", "tag"}
    assert list(data["groups"]["level"]) == ["provincial", "municipal", "county"]
    assert list(data["groups"]["county"]) == ["甲区", "乙县", "丙县"]
    assert data["groups"]["county"]["丙县"]["completion_rate"] is None
    assert [(x["id"], x["light"]) for x in data["lights"]] == [
        ("P3", "red"), ("P9", "red"), ("P2", "yellow"), ("P7", "yellow")]
    assert set(data["lights"][0]) >= {"id", "name", "light", "reason"}
    assert data["lights"][0]["reason"] == "逾期未开工（计划2024年5月开工）"
    assert data["not_reported"] == ["P3", "P4"]


def test_csv_is_excel_ready_one_row_per_group():
    result = runner.invoke(app, ["summary", "-l", str(SMALL), "-p", "2024H1", "--format", "csv",
                                 "--by", "county"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode())  # the BOM: Excel reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["县（市、区）", "项目个数", "总投资（万元）"]
    assert [row[0] for row in body] == ["甲区", "乙县", "丙县"]
    jia = dict(zip(header, body[0], strict=True))
    assert jia["完成投资（万元）"] == str(600 + 480 + 0 + 800 + 50)
    assert jia["年度计划投资（万元）"] == str(1200 + 2400 + 0 + 2000 + 500)
    assert jia["投资完成率"] == "31.6%"  # 1930 / 6100 = 0.31639…
    bing = dict(zip(header, body[2], strict=True))
    assert bing["项目个数"] == "0" and bing["投资完成率"] == ""  # no plan: no rate


def test_output_file(tmp_path):
    target = tmp_path / "汇总.csv"
    result = run("-l", SMALL, "-p", "2024H1", "-f", "csv", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    text_file = tmp_path / "summary.txt"
    assert run("-l", SMALL, "-p", "2024H1", "-o", text_file).exit_code == 0
    text = text_file.read_text(encoding="utf-8")
    assert "\x1b[" not in text and max(cell_len(line) for line in text.splitlines()) <= 100


def test_default_period_is_the_latest_month():
    data = json.loads(run("-l", SMALL, "-f", "json").stdout)
    assert data["period"]["label"] == "2024M06"


@pytest.mark.parametrize("period, words", [
    ("2024X1", "is not a period"),
    ("2024M13", "has no month 13"),
    ("2023H1", "outside the ledger's year 2024"),
])
def test_bad_period_is_a_usage_error_listing_the_forms(period, words):
    result = run("-l", SMALL, "--period", period)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "2024M08 or 2024-08 (a month), 2024Q1 … 2024Q4, 2024H1, 2024H2, 2024" in result.stderr
    assert "Traceback" not in result.output


def test_bad_option_values_are_usage_errors():
    assert run("-l", SMALL, "-p", "2024H1", "--by", "town").exit_code == 2
    assert run("-l", SMALL, "-p", "2024H1", "--format", "xlsx").exit_code == 2


def test_unwritable_output_is_a_usage_error(tmp_path):
    result = run("-l", SMALL, "-p", "2024H1", "-o", tmp_path / "no" / "such" / "out.csv")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_no_ledger_is_a_usage_error(tmp_path):
    result = run("-l", tmp_path, "-p", "2024H1")
    assert result.exit_code == 2
    assert "majorproj init" in result.stderr


def test_a_ledger_with_errors_exits_1(tmp_path):
    root = tmp_path / "ledger"
    shutil.copytree(SMALL, root)
    path = root / "projects" / "all.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_plan: 1200",
                                                             "annual_plan: -1"),
                    encoding="utf-8")
    result = run("-l", root, "-p", "2024H1")
    assert result.exit_code == 1
    assert "E104" in result.stderr


def test_help_ends_with_an_example():
    result = runner.invoke(app, ["summary", "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "Example: majorproj summary" in result.stdout
    assert "BOM" in result.stdout


def test_limit_caps_the_project_lists_and_says_how_many_are_left():
    out = run("-l", SMALL, "-p", "2024H1", "--limit", "1").stdout
    assert "红黄灯项目（4个）" in out and "另有3个未列出" in out
    assert "P3 " in out and "P7 " not in out  # P3 is the worst; P7 the mildest yellow
    assert "未报送项目（2个）" in out and "另有1个未列出" in out
    full = run("-l", SMALL, "-p", "2024H1", "--limit", "0").stdout
    assert "未列出" not in full and "P7 " in full


# ── each table's cells, column by column (small ledger, 2024H1, 序时进度 6/12) ─────


def cells(table):
    """A rich table's header and rows as plain strings."""
    columns = [[str(cell) for cell in column.cells] for column in table.columns]
    return [str(c.header) for c in table.columns], [list(row) for row in zip(*columns, strict=True)]


@pytest.fixture(scope="module")
def h1():
    return compute(load_ledger(SMALL).ledger, parse_period("2024H1", 2024))


def test_the_county_table_puts_each_figure_in_its_column(h1):
    from majorproj.render.table import by_group

    header, rows = cells(by_group(h1, "county"))
    assert header == ["县（市、区）", "项目", "总投资", "年度计划", "完成投资", "当月", "完成率",
                      "超序时", "开工", "开工率", "红/黄/绿"]
    # 甲区 P1 P2 P5 P8 P9: total 10000+20000+8000+15000+4000 = 57000 万元 → 5.7亿;
    # plan 1200+2400+0+2000+500 = 6100 → 0.6; completed 600+480+0+800+50 = 1930 → 0.2;
    # this month (600−400)+480+0+(800−300)+50 = 1230 → 0.1; 1930/6100 = 31.6%, −18.4;
    # new P2 started: 1/1; lights P9 red, P2 yellow, P1 P8 green
    assert rows[0] == ["甲区", "5", "5.7", "0.6", "0.2", "0.1", "31.6%", "-18.4", "1/1",
                       "100.0%", "1/1/2"]
    # 乙县 P3 P4 P6 P7: 5000+3000+9000+30000 = 47000 → 4.7; plan 1000+600+1000+3000 = 5600
    # → 0.6; completed 50+0+1000+1185 = 2235 → 0.2; this month 0+0+(1000−700)+1185 = 1485
    # → 0.1; 2235/5600 = 39.9%, −10.1; new P3 P4 not started: 0/2; P3 red, P7 yellow, P6 green
    assert rows[1] == ["乙县", "4", "4.7", "0.6", "0.2", "0.1", "39.9%", "-10.1", "0/2",
                       "0.0%", "1/1/1"]
    assert rows[2] == ["丙县", "0", "0", "0", "0", "0", "—", "—", "0/0", "—", "0/0/0"]
    # 合计: 104000 → 10.4; 11700 → 1.2; 4165 → 0.4; 2715 → 0.3; 35.6%, −14.4; 1/3
    assert rows[3] == ["合计", "9", "10.4", "1.2", "0.4", "0.3", "35.6%", "-14.4", "1/3",
                       "33.3%", "2/2/3"]


def test_tables_say_their_units_and_align_numbers_right(h1):
    from majorproj.render.table import by_group, overview

    table = by_group(h1, "county")
    assert str(table.caption) == "金额单位：亿元；超序时进度单位：百分点；灯：红/黄/绿"  # no 同比
    # names on the left, folding when long (never narrower than their header, 县（市、区）,
    # 12 cells; at most 20 cells wide); every figure on the right, never wrapped
    first, *figures = table.columns
    assert (first.justify, first.overflow, first.min_width, first.max_width) == \
        ("left", "fold", 12, 20)
    assert [(c.justify, c.no_wrap) for c in figures] == [("right", True)] * 10
    table = overview(h1)
    header, rows = cells(table)
    assert header == ["指标", "数值", "说明"]
    assert [c.justify for c in table.columns] == ["left", "right", "left"]
    described = {name: note for name, _, note in rows}
    assert described["总投资"] == described["年度计划投资"] == described["竣工"] == ""
    assert described["超序时进度"] == "完成率 − 序时进度"


FIGURE = re.compile(r"[-+]?[\d.,]+(%|个|天|亿元|分)?|\d+/\d+(/\d+)?|—")


def test_in_every_table_figures_are_right_aligned_and_never_wrapped(h1):
    """Each column of the summary's tables whose cells are all figures (amounts, rates,
    counts, 1/2/3) is right-aligned and kept on one line; the headers are the design's."""
    from rich.table import Table

    from majorproj.render.table import batches, tables

    figures = 0
    parts = tables(h1, "county", limit=None)
    for table in [t for part in parts for t in getattr(part, "tables", [part])]:
        if not isinstance(table, Table):
            continue
        for column in table.columns:
            values = [str(c) for c in column.cells]
            if values and all(FIGURE.fullmatch(v) for v in values) and str(column.header) != "编号":
                figures += 1
                assert (column.justify, column.no_wrap) == ("right", True), (
                    str(table.title), str(column.header))
    assert figures >= 15
    table = batches(h1)
    assert str(table.title) == "三个一批"
    assert [str(c.header) for c in table.columns] == ["类别", "列入项目", "已实现"]


def test_tag_groups_overlap_so_the_tag_table_has_no_total(h1):
    from majorproj.render.table import by_group

    _, rows = cells(by_group(h1, "tag"))
    # 灾后重建 P1 P2: 30000 → 3; plan 3600 → 0.4; 1080 → 0.1; this month 200+480 = 680 → 0.1;
    # 1080/3600 = 30.0%, −20.0; P1 green, P2 yellow
    # 民生 P2 P6: 29000 → 2.9; plan 3400 → 0.3; 1480 → 0.1; 480+300 = 780 → 0.1;
    # 1480/3400 = 43.5%, −6.5; P2 yellow, P6 green
    assert rows == [
        ["灾后重建", "2", "3", "0.4", "0.1", "0.1", "30.0%", "-20.0", "1/1", "100.0%", "0/1/1"],
        ["民生", "2", "2.9", "0.3", "0.1", "0.1", "43.5%", "-6.5", "1/1", "100.0%", "0/1/1"]]


def test_the_batches_table_counts_members_and_achieved(h1):
    from majorproj.render.table import batches

    # 开工一批 P2 (started 30 June) and P3 (1 July, after the as-of day); 投产一批 P1
    # (30 June); 达效一批 P6 (1 June)
    assert cells(batches(h1))[1] == [["开工一批", "2个", "已开工1个"],
                                     ["投产一批", "1个", "已投产1个"],
                                     ["达效一批", "1个", "已达效1个"]]


def test_the_warning_table_lists_red_then_the_furthest_behind(h1):
    from majorproj.render.reasons import reason_text
    from majorproj.render.table import warnings

    table = warnings(h1)
    header, rows = cells(table)
    # a red light is printed red, a yellow one yellow
    assert [cell.style for cell in table.columns[3].cells] == ["bold red"] * 2 + ["bold yellow"] * 2
    assert header == ["编号", "项目名称", "县（市、区）", "灯", "完成率", "原因"]
    # red: P3 50/1000 = 5.0% (逾期未开工, 45 points behind), P9 50/500 = 10.0% (−40);
    # yellow: P2 480/2400 = 20.0% (−30), P7 1185/3000 = 39.5% (−10.5)
    assert [row[:5] for row in rows] == [
        ["P3", "乙县三号产业项目", "乙县", "红灯", "5.0%"],
        ["P9", "甲区九号水利项目", "甲区", "红灯", "10.0%"],
        ["P2", "甲区二号交通项目", "甲区", "黄灯", "20.0%"],
        ["P7", "乙县七号产业项目", "乙县", "黄灯", "39.5%"]]
    reasons = {s.project.id: reason_text(s.reason) for s in h1.lights}
    assert [row[5] for row in rows] == [reasons[pid] for pid in ("P3", "P9", "P2", "P7")]
    assert rows[0][5] == "逾期未开工（计划2024年5月开工）"


def test_the_not_reported_table_shows_the_last_progress_text(h1):
    from majorproj.render.table import not_reported

    # P3 last reported in April (场地平整); P4 never reported
    table = not_reported(h1)
    assert cells(table) == (["编号", "项目名称", "县（市、区）", "形象进度"],
                            [["P3", "乙县三号产业项目", "乙县", "场地平整"],
                             ["P4", "乙县四号水利项目", "乙县", "—"]])
    assert str(table.caption) == "沿用最近一次填报数据，从未填报的按0计"  # nothing left out


def test_captions_say_what_a_limit_left_out_and_nothing_else(h1):
    from majorproj.render.table import warnings

    assert str(warnings(h1).caption) == "红灯在前，落后序时进度多的在前"
    assert str(warnings(h1, 4).caption) == "红灯在前，落后序时进度多的在前"  # all four shown
    assert str(warnings(h1, 3, "--limit 0").caption) == \
        "红灯在前，落后序时进度多的在前；另有1个未列出（--limit 0）"
    assert str(warnings(h1, 1).caption) == "红灯在前，落后序时进度多的在前；另有3个未列出"


def test_the_overview_without_missing_reports_leaves_the_note_empty(h1):
    from dataclasses import replace

    from majorproj.render.table import overview

    rows = {row[0]: row[1:] for row in cells(overview(replace(h1, not_reported=())))[1]}
    assert rows["未报送"] == ["0个", ""]
    assert cells(overview(h1))[1][-1] == ["未报送", "2个", "沿用最近一次填报数据"]
    # without an annual plan there is no gap: a dash, not "—个百分点"
    bare = replace(h1, overall=replace(h1.overall, schedule_gap_pp=None))
    assert {row[0]: row[1] for row in cells(overview(bare))[1]}["超序时进度"] == "—"


def test_the_ranking_table_rows(h1):
    from majorproj.render.table import ranking

    table = ranking(h1)
    header, rows = cells(table)
    assert header == ["排名", "县（市、区）", "项目", "年度计划", "完成投资", "完成率", "超序时",
                      "预警", "红/黄/绿", "条形"]
    assert str(table.caption) == ("按投资完成率，其次按完成投资；金额单位：亿元；"
                                  "条形：完成率，| 为序时进度")  # no timeliness weight
    # 乙县 2235/5600 = 39.9% (−10.1) before 甲区 1930/6100 = 31.6% (−18.4): both yellow
    # (docs/metrics.md); bars: 39.9% of 16 cells = 6.4 → 6, 31.6% → 5.06 → 5, mark at 8
    assert rows == [
        ["1", "乙县", "4", "0.6", "0.2", "39.9%", "-10.1", "黄灯", "1/1/1",
         "█" * 6 + "··|" + "·" * 8],
        ["2", "甲区", "5", "0.6", "0.2", "31.6%", "-18.4", "黄灯", "1/1/2",
         "█" * 5 + "···|" + "·" * 8]]


def _slice_from(line: str, cells: int) -> str:
    """What ``line`` shows from display column ``cells`` on (CJK characters two cells)."""
    taken = 0
    for i, char in enumerate(line):
        if taken >= cells:
            return line[i:]
        taken += cell_len(char)
    return ""


@pytest.mark.parametrize("width", [60, 66, 72, 80, 90])
def test_the_lights_list_on_a_narrow_terminal_keeps_every_reason_whole(width):
    """On 60 to 90 columns the list of red and yellow projects folds its names and
    reasons; rich, left to narrow them itself, cut lines it had folded wider
    (逾期未开工 shown as 逾期未). Every reason's characters are there, in order, and no
    line is wider than the terminal; 县（市、区） is 县区 where it would not fit."""
    from majorproj.render.reasons import reason_text
    from majorproj.render.table import _Fitted, warnings

    summary = compute(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))
    console = Console(width=width, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(_Fitted(warnings(summary), warnings(summary, short=True)))
    lines = captured.get().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    header = next(line for line in lines if "原因" in line)
    at = cell_len(header[:header.index("原因")])
    body = lines[lines.index(header) + 2:]
    shown = "".join(_slice_from(line, at).strip() for line in body if line.strip())
    assert shown.startswith("".join(reason_text(s.reason) for s in summary.lights))
    assert "县区" in header if width == 60 else True
    assert "县（市、区）" in header if width >= 80 else True


@pytest.mark.parametrize("width", [50, 60, 66, 80])
def test_the_overviews_notes_break_between_their_figures_never_inside_one(width):
    """On a narrow terminal the notes broke off as 同比增长2… (read as another figure): a
    note now breaks after its commas, each figure whole on its line, names and values
    whole. The sample: 增长34.4亿元，同比增长24.6%; 计划新开工120个，已开工104个."""
    from itertools import pairwise

    from majorproj.render.table import overview

    summary = compute(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))
    console = Console(width=width, color_system=None, highlight=False)
    with console.capture() as captured:
        console.print(overview(summary))
    text = captured.get()
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width and "…" not in text
    notes = [line[-14:].strip() for line in lines]  # the 说明 column's end of each line
    for above, below in pairwise(notes):  # no number goes on in the line below
        assert not (above[-1:].isdigit() and below[:1] and below[0] in "0123456789."), \
            (above, below)
    if width >= 60:  # room for each part of a note whole
        for figure in ("同比增长24.6%", "增长34.4亿元", "已开工104个", "计划新开工120个",
                       "139.9亿元", "去年同期完成投资", "8.2个百分点"):
            assert any(figure in line for line in lines), (figure, text)
