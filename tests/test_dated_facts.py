"""到位资金 and 前期手续 as of month N: the project's record overlaid with its latest
progress entries up to N; the report dates them only when they are dated.

The small ledger's records (tests/metrics/small/projects/all.yaml): P1 funding
{special_bonds 500, self_raised 300.5}, P2 {special_bonds 1000}, P4 {central_budget 100};
P3 (not started by June) procedures {land in_progress, eia not_started, approval done}.
"""

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from majorproj.cli import app
from majorproj.ledger.load import load_ledger
from majorproj.ledger.models import Entry
from majorproj.ledger.yamlwrite import entry_lines
from majorproj.metrics import compute
from majorproj.periods import parse_period

SMALL = Path(__file__).parent / "metrics" / "small"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def small_ledger(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the small ledger with each (file, old text, new text) edit made."""
    root = tmp_path / "ledger"
    shutil.copytree(SMALL, root)
    for name, old, new in edits:
        edit(root / name, old, new)
    return root


def sound(root: Path):
    result = load_ledger(root)
    assert result.errors == 0, result.problems
    return result.ledger


NO_SOURCES = (("projects/all.yaml", " funding: {special_bonds: 500, self_raised: 300.5},", ""),
              ("projects/all.yaml", " funding: {special_bonds: 1000},", ""),
              ("projects/all.yaml", "     funding: {central_budget: 100}, procedures:",
               "     procedures:"))  # no project's record names its funds


@pytest.fixture
def dated(tmp_path):
    """P1 reports funds received in May and June; P3 reports its land approval in April."""
    return sound(small_ledger(
        tmp_path,
        ("progress/2024-05.yaml", "P1: {completed_ytd: 400}",
         "P1: {completed_ytd: 400, funding: {special_bonds: 200}}"),
        ("progress/2024-06.yaml", "P1: {completed_ytd: 600, progress: 设备安装}",
         "P1: {completed_ytd: 600, progress: 设备安装, funding: {special_bonds: 450}}"),
        ("progress/2024-04.yaml", "    progress: 场地平整\n",
         "    progress: 场地平整\n    procedures: {land: done}\n")))


def figures(ledger, period):
    return compute(ledger, parse_period(period, 2024))


def test_funding_at_month_n_is_the_latest_entry_up_to_n_over_the_record(dated):
    may = figures(dated, "2024M05").overall.funding
    # P1's May entry (200) replaces its record's 500; P2's record 1000 stays
    assert may["special_bonds"] == D(200) + D(1000)
    assert may["self_raised"] == D("300.5")  # no entry names it: the record's
    june = figures(dated, "2024H1").overall.funding
    assert june["special_bonds"] == D(450) + D(1000)
    assert june["central_budget"] == D(100)
    # April: P1 has no entry yet, its record counts
    assert figures(dated, "2024M04").overall.funding["special_bonds"] == D(500) + D(1000)


def test_procedures_at_month_n_are_the_record_with_the_changes_up_to_n(dated):
    march = figures(dated, "2024M03").overall.procedures
    june = figures(dated, "2024H1").overall.procedures
    # P3's land: in progress in its record, done from April; P4's land is not_required
    assert (march["land"]["in_progress"], march["land"]["done"]) == (1, 0)
    assert (june["land"]["in_progress"], june["land"]["done"]) == (0, 1)
    assert june["land"]["not_required"] == 1
    assert june["eia"]["not_started"] == 1 and june["approval"]["done"] == 1


def test_values_from_the_record_are_undated(dated):
    summary = figures(dated, "2024H1")
    assert not summary.funding_dated  # P1's self_raised, P2's and P4's come from the record
    assert not summary.procedures_dated


def test_a_ledger_whose_funding_is_all_in_entries_is_dated(tmp_path):
    root = small_ledger(tmp_path, *NO_SOURCES, (
        "progress/2024-06.yaml", "P8: {completed_ytd: 800, progress: 路面施工}",
        "P8: {completed_ytd: 800, progress: 路面施工, funding: {bank_loans: 700}}"))
    summary = figures(sound(root), "2024H1")
    assert summary.funding_dated and summary.overall.funding["bank_loans"] == 700
    text = report_text(root, tmp_path)
    assert "截至6月底，全市重点项目本年到位资金700万元，其中银行贷款700万元。" in text


def report_text(root: Path, tmp_path: Path, period: str = "2024H1") -> str:
    out = tmp_path / "r.md"
    result = CliRunner().invoke(app, ["report", "-l", str(root), "-p", period, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_report_says_mu_qian_for_record_values(dated, tmp_path):
    text = report_text(dated.root, tmp_path)
    # special_bonds 450 + 1000, self_raised 300.5, central_budget 100: 1850.5 in all
    assert "目前，全市重点项目本年到位资金1850.5万元" in text
    assert "截至6月底，全市重点项目本年到位资金" not in text
    assert "截至6月底，尚未开工" not in text  # procedures from the record: no date


def test_format_1_ledgers_without_dated_fields_read_as_before():
    ledger = load_ledger(SMALL).ledger
    summary = figures(ledger, "2024H1")
    funding = summary.overall.funding
    assert funding["special_bonds"] == D(500) + D(1000) and funding["self_raised"] == D("300.5")
    assert not summary.funding_dated


def test_entries_with_funding_and_procedures_are_written_back_as_read():
    entry = Entry(completed_ytd=D(600), funding={"special_bonds": D(450)},
                  procedures={"land": "done"})
    assert entry_lines("P1", entry) == ["  P1:", "    completed_ytd: 600",
                                        "    funding: {special_bonds: 450}",
                                        "    procedures: {land: done}"]


def test_the_schema_of_progress_describes_the_dated_fields():
    import json

    result = CliRunner().invoke(app, ["schema", "progress"])
    schema = json.loads(result.stdout)
    text = json.dumps(schema, ensure_ascii=False)
    assert "本年到位资金（万元）" in text and "前期手续变化" in text


# ── Excel: 到位资金 columns, when a sheet has them ─────────────────────────────


def test_import_progress_reads_funding_columns(tmp_path):
    from test_excel_support import run, save, sound, workbook, write_ledger

    ledger = write_ledger(tmp_path / "ledger")
    rows = [["项目名称", "1-6月完成投资", "本年到位资金（万元）", None, None],
            [None, None, "专项债券", "自筹资金", "银行贷款"],
            ["乙区物流园项目", 9299.8, "1,200", 300.5, None],
            ["乙区污水处理厂提标改造", 0, None, None, None]]
    sheet = save(workbook(rows, merges=("A1:A2", "B1:B2", "C1:E1")), tmp_path / "s.xlsx")
    result = run("import", "progress", sheet, "-m", "2024-06", "-l", ledger)
    assert result.exit_code == 0, result.output
    entries = sound(ledger).progress[6].entries
    assert entries["YQ-001"].funding == {"special_bonds": D(1200), "self_raised": D("300.5")}
    assert entries["YQ-002"].funding == {}  # blank cells: nothing received is not written


def test_a_sheet_without_funding_columns_imports_as_before(tmp_path):
    from test_excel_support import run, save, sound, workbook, write_ledger

    ledger = write_ledger(tmp_path / "ledger")
    rows = [["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9299.8]]
    result = run("import", "progress", save(workbook(rows), tmp_path / "s.xlsx"), "-m",
                 "2024-06", "-l", ledger)
    assert result.exit_code == 0, result.output
    assert sound(ledger).progress[6].entries["YQ-001"].funding == {}


def test_a_sheet_sent_again_keeps_the_dated_facts_it_does_not_carry(tmp_path):
    """Funds by source and procedure changes written into a month by the office are not
    lost when that month's sheet, which has no such columns, is imported again."""
    from test_excel_support import run, save, sound, workbook, write_ledger

    ledger = write_ledger(tmp_path / "ledger")
    rows = [["项目名称", "1-6月完成投资"], ["乙区物流园项目", 9299.8]]
    sheet = save(workbook(rows), tmp_path / "s.xlsx")
    first = run("import", "progress", sheet, "-m", "2024-06", "-l", ledger)
    assert first.exit_code == 0, first.output
    june = ledger / "progress" / "2024-06.yaml"
    text = june.read_text(encoding="utf-8")
    assert "YQ-001: {completed_ytd: 9299.8}" in text
    june.write_text(text.replace(
        "YQ-001: {completed_ytd: 9299.8}",
        "YQ-001:\n    completed_ytd: 9299.8\n    funding: {special_bonds: 1200}\n"
        "    procedures: {land: done}"), encoding="utf-8")
    again = run("import", "progress", sheet, "-m", "2024-06", "-l", ledger, "--force")
    assert again.exit_code == 0, again.output
    entry = sound(ledger).progress[6].entries["YQ-001"]
    assert entry.completed_ytd == D("9299.8")
    assert entry.funding == {"special_bonds": D(1200)} and entry.procedures == {"land": "done"}


# ── 本年到位资金 as a total: funding_secured, the figure a county's sheet gives ──────────


@pytest.fixture
def secured(tmp_path):
    """P7 (no funds by source) reports 本年累计到位资金 800 in June only; P1 (sources
    500 + 300.5 = 800.5 in its record) reports a total of 700 in May and 900 in June."""
    return sound(small_ledger(
        tmp_path,
        ("progress/2024-05.yaml", "P1: {completed_ytd: 400}",
         "P1: {completed_ytd: 400, funding_secured: 700}"),
        ("progress/2024-06.yaml", "P1: {completed_ytd: 600, progress: 设备安装}",
         "P1: {completed_ytd: 600, progress: 设备安装, funding_secured: 900}"),
        ("progress/2024-06.yaml", "P7: {completed_ytd: 1185}",
         "P7: {completed_ytd: 1185, funding_secured: 800}")))


def test_funding_total_is_the_sheets_total_or_the_sources_when_larger(secured):
    # April: the records only: P1 800.5 + P2 1000 + P4 100
    assert figures(secured, "2024M04").overall.funding_total == D("1900.5")
    # May: P1's 700 is less than its sources' 800.5, which count
    assert figures(secured, "2024M05").overall.funding_total == D("1900.5")
    # June: P1's 900 + P2 1000 + P4 100 + P7 800
    june = figures(secured, "2024H1")
    assert june.overall.funding_total == D(2800)
    assert june.overall.funding["special_bonds"] == D(1500)  # the sources as before
    assert june.groups["county"]["乙县"].funding_total == D(900)  # P4 100 + P7 800


def test_the_total_carries_forward_like_the_cumulative(secured, tmp_path):
    root = secured.root
    (root / "progress" / "2024-07.yaml").write_text(
        "month: 2024-07\nentries:\n  P7: {completed_ytd: 1300}\n", encoding="utf-8")
    ledger = load_ledger(root).ledger
    # P7's July entry gives no total: June's 800 stands; P1 has no July entry: its 900
    assert figures(ledger, "2024M07").overall.funding_total == D(2800)


def test_the_report_gives_the_total_and_the_sources_within_it(secured, tmp_path):
    text = report_text(secured.root, tmp_path)
    assert "全市重点项目本年到位资金2800万元，其中" in text


def test_a_ledger_with_totals_only_names_no_sources(tmp_path):
    root = small_ledger(tmp_path, *NO_SOURCES, (
        "progress/2024-06.yaml", "P7: {completed_ytd: 1185}",
        "P7: {completed_ytd: 1185, funding_secured: 1234.5}"))
    text = report_text(root, tmp_path)
    assert "截至6月底，全市重点项目本年到位资金1234.5万元。" in text
    assert "其中中央" not in text and "其中专项" not in text
    result = CliRunner().invoke(app, ["summary", "-l", str(root), "-p", "2024H1",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"funding_total": 1234.5,' in result.output  # overall, then each group


def test_the_fill_in_sheets_last_total_is_the_one_the_report_counts(secured):
    from majorproj.render.fill_in import sheet_rows

    root = secured.root
    (root / "progress" / "2024-07.yaml").write_text(
        "month: 2024-07\nentries:\n  P7: {completed_ytd: 1300}\n", encoding="utf-8")
    ledger = load_ledger(root).ledger
    p1, p7 = (next(p for p in ledger.projects if p.id == pid) for pid in ("P1", "P7"))
    before = ledger.entries_before(8)
    (row,) = sheet_rows(ledger, 8, [p7], before, before)
    assert row.last_funding == D(800)  # June's total: July's entry gave none
    june = ledger.entries_before(6)
    (row,) = sheet_rows(ledger, 6, [p1], june, june)
    assert row.last_funding == D("800.5")  # May's 700 is less than the sources it holds
