"""A period asked for beyond the latest progress report is cut to that report's month,
in every output alike (summary table, JSON, CSV, export, report) with a note on stderr.

The small ledger (tests/metrics/small) has reports up to June: 2024Q3 asks for month 9,
so every output must speak of 1-6月, 截至2024年6月30日 and 序时进度 6/12 = 50.0%.
"""

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from majorproj.cli import app

SMALL = Path(__file__).parent / "metrics" / "small"
RUNNER = CliRunner()
NOTE = ("note: there is no progress report for month 9; the period was cut to month 6: "
        "figures, labels (1-6月), time progress and lights are those of month 6")


def run(*args):
    return RUNNER.invoke(app, [*map(str, args)], env={"NO_COLOR": "1", "COLUMNS": "100"})


def test_json_period_follows_the_data_and_keeps_the_request():
    result = run("summary", "-l", SMALL, "-p", "2024Q3", "-f", "json")
    assert result.exit_code == 0, result.output
    assert NOTE in result.stderr
    period = json.loads(result.stdout, parse_float=Decimal)["period"]
    assert period["label"] == "2024Q3" and period["requested_month"] == 9
    assert (period["month"], period["as_of"]) == (6, "2024-06-30")
    assert period["time_progress"] == Decimal("0.5") and period["chinese"] == "1-6月"


def test_json_of_an_uncut_period_has_requested_month_equal_to_month():
    result = run("summary", "-l", SMALL, "-p", "2024H1", "-f", "json")
    period = json.loads(result.stdout)["period"]
    assert period["requested_month"] == period["month"] == 6
    assert "note:" not in result.stderr


def test_a_cut_period_gives_the_figures_and_lights_of_the_data_month():
    cut = json.loads(run("summary", "-l", SMALL, "-p", "2024", "-f", "json").stdout)
    june = json.loads(run("summary", "-l", SMALL, "-p", "2024M06", "-f", "json").stdout)
    assert cut["period"]["requested_month"] == 12
    assert {k: v for k, v in cut["period"].items() if k not in ("label", "requested_month")} \
        == {k: v for k, v in june["period"].items() if k not in ("label", "requested_month")}
    assert cut["overall"] == june["overall"] and cut["lights"] == june["lights"]


def test_the_table_is_titled_and_dated_by_the_data_month():
    result = run("summary", "-l", SMALL, "-p", "2024Q3")
    assert result.exit_code == 0 and NOTE in result.stderr
    assert "测试市2024年1-6月重点项目推进情况" in result.stdout
    assert "截至2024年6月30日（9月调度未报，数据截至6月），序时进度50.0%" in result.stdout
    assert "前三季度" not in result.stdout and "1-9月" not in result.stdout


def test_the_export_is_labelled_by_the_data_month(tmp_path):
    out = tmp_path / "t.xlsx"
    result = run("export", "-l", SMALL, "-p", "2024Q3", "-o", out)
    assert result.exit_code == 0, result.output
    assert NOTE in result.stderr and "2024年1-6月 调度表" in result.stdout
    sheet = load_workbook(out).worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    joined = "\n".join(texts)
    assert "测试市2024年1-6月重点项目调度表" in joined and "数据截至2024年6月30日" in joined
    assert "1-6月完成投资" in joined and "序时进度为6/12（50.0%）" in joined
    assert "1-9月" not in joined and "9月30日" not in joined


def test_the_report_is_named_and_titled_by_the_data_month(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("report", "-l", SMALL, "-p", "2024Q3", "-f", "md")
    assert result.exit_code == 0, result.output
    assert NOTE in result.stderr
    written = tmp_path / "测试市2024年1-6月重大项目工作情况报告.md"
    text = written.read_text(encoding="utf-8")
    assert "测试市2024年1-6月重大项目工作情况报告" in text
    assert "9月调度数据尚未报送，以上数据截至6月。" in text


def test_report_to_pdf_is_refused_with_the_converting_command(tmp_path):
    result = run("report", "-l", SMALL, "-p", "2024H1", "-o", tmp_path / "r.pdf")
    assert result.exit_code == 2
    assert "soffice --headless --convert-to pdf" in result.stderr
    assert str(tmp_path / "r.docx") in result.stderr
    assert not (tmp_path / "r.pdf").exists()


# ── the ledger's warnings are said wherever figures are printed ─────────────────


def test_summary_report_and_export_name_the_warnings_worst_first(tmp_path):
    import shutil

    root = tmp_path / "ledger"
    shutil.copytree(SMALL, root)
    june = root / "progress" / "2024-06.yaml"
    # P1's total is 10000 万元: 22,000 completed this year is W003, the worst kind (2.2
    # times the total; beyond 100 times it would be an amount in 元, E306)
    june.write_text(june.read_text(encoding="utf-8").replace(
        "P1: {completed_ytd: 600", "P1: {completed_ytd: 22000"), encoding="utf-8")
    commands = (["summary", "-p", "2024H1"], ["report", "-p", "2024H1", "-o", tmp_path / "r.md"],
                ["export", "-p", "2024H1", "-o", tmp_path / "t.xlsx"])
    for command in commands:
        result = run(*command, "-l", root)
        assert result.exit_code == 0, result.output
        lines = result.stderr.splitlines()
        at = lines.index("majorproj: the ledger has 4 warnings (`majorproj check` lists them "
                         "all); the worst three:")
        worst = lines[at + 1:at + 4]
        # W003 (amount beyond the project) first, then W008, then the first W002 (P3)
        assert [line.split()[2] for line in worst] == ["W003", "W008", "W002"], worst
        # line 3 holds P1's entry; column 23 is its completed_ytd
        assert worst[0].startswith(f"  {june}:3:23: warning W003 ") and "22000" in worst[0]
        assert "P3" in worst[2]


def test_three_warnings_or_fewer_are_all_listed_and_none_says_nothing():
    result = run("summary", "-p", "2024H1", "-l", SMALL)  # W002 P3, W002 P4, W008 P9
    lines = result.stderr.splitlines()
    at = lines.index("majorproj: the ledger has 3 warnings (`majorproj check` lists them "
                     "all); they are:")
    assert [line.split()[2] for line in lines[at + 1:at + 4]] == ["W008", "W002", "W002"]
    clean = run("summary", "-p", "2024H1", "-l", Path(__file__).parents[1] / "data" / "sample")
    assert "warning" not in clean.stderr


def test_audit_against_a_cut_period_says_so_and_compares_the_data_months_figures(tmp_path):
    # the small ledger's whole at June: done 4165万元; 4156 is a slip, judged against June's
    report = tmp_path / "r.txt"
    report.write_text("1-6月，全市重点项目完成投资4156万元。\n", encoding="utf-8")
    result = run("audit", report, "-l", SMALL, "-p", "2024Q3")
    assert result.exit_code == 1 and NOTE in result.stderr
    assert "differs from the ledger's 完成投资 of 全市 for 2024Q3, as of month 6 (4165万元)" \
        in result.stdout
