"""The export's 图表 sheet: the report's charts as native Excel charts over tables of their
data, worked out by hand on tests/metrics/small (see tests/test_charts.py).

As-of 2024H1 (N = 6, 序时进度 6/12). Annual plans: 甲区 (P1 P2 P5 P8 P9) 1200 + 2400 + 0 +
2000 + 500 = 6100, 乙县 (P3 P4 P6 P7) 1000 + 600 + 1000 + 3000 = 5600, in all 11700.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from test_excel_support import run

SMALL = Path(__file__).parent / "metrics" / "small"
D = Decimal


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "调度表.xlsx"
    result = run("export", "-l", SMALL, "--period", "2024H1", "-o", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def sheet(exported):
    book = load_workbook(exported)
    assert book.sheetnames[-1] == "图表"
    return book["图表"]


def table(ws, caption: str) -> tuple[list[object], list[list[object]], str]:
    """The table under the title row ``caption``: its header, its rows, and the address
    of its first data cell."""
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == caption)
    header = [c.value for c in ws[top + 1] if c.value is not None]
    rows = []
    row = top + 2
    while ws.cell(row, 1).value is not None and not str(ws.cell(row, 1).value).startswith("图"):
        rows.append([ws.cell(row, c).value for c in range(1, len(header) + 1)])
        row += 1
    return header, rows, f"B{top + 2}"


def close(values: list[object], expected: list[Decimal]) -> bool:
    return all(v == pytest.approx(float(e)) for v, e in zip(values, expected, strict=True))


def test_county_rates_table_in_ranking_order_with_the_time_line(sheet) -> None:
    # 乙县 P3 50 + P4 0 + P6 1000 + P7 1185 = 2235; 甲区 P1 600 + P2 480 + P5 0 + P8 800
    # + P9 50 = 1930
    header, rows, first = table(sheet, "图1 各县（市、区）投资完成率")
    assert header == ["地区", "投资完成率", "序时进度"]
    assert [r[0] for r in rows] == ["乙县", "甲区"]
    assert close([r[1] for r in rows], [D(2235) / D(5600), D(1930) / D(6100)])
    assert close([r[2] for r in rows], [D(6) / D(12)] * 2)
    assert sheet[first].number_format == "0.0%"


def test_monthly_table_cumulative_over_the_citys_plan(sheet) -> None:
    header, rows, _ = table(sheet, "图2 逐月累计投资完成率")
    assert header == ["月份", "投资完成率", "序时进度"]  # no last year in this ledger
    assert [r[0] for r in rows] == [f"{m}月" for m in range(1, 7)]
    plan = D(11700)
    assert close([r[1] for r in rows], [D(x) / plan for x in (0, 0, 300, 350, 1450, 4165)])
    assert close([r[2] for r in rows], [D(m) / D(12) for m in range(1, 7)])


def test_lights_table_counts_as_integers(sheet) -> None:
    header, rows, first = table(sheet, "图3 各县（市、区）项目预警情况")
    assert header == ["地区", "红灯", "黄灯", "绿灯"]
    assert rows == [["甲区", 1, 1, 2], ["乙县", 1, 1, 1]]
    assert all(isinstance(v, int) for r in rows for v in r[1:])
    assert sheet[first].number_format == "0"


def chart_parts(path: Path) -> list[str]:
    """The chart parts' XML with the chart namespace's prefix left out (writers spell it
    c: or as the default namespace), so that <barChart> reads the same either way."""
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [re.sub(r"<(/?)c:", r"<\1", z.read(n).decode("utf-8")) for n in names]


def test_three_native_charts_of_the_right_kinds_drawn_from_the_sheets_cells(exported) -> None:
    parts = chart_parts(exported)
    assert len(parts) == 3
    county, monthly, lights = parts
    # 图1: bars with the dashed 序时进度 line on the same axes
    assert "<barChart>" in county and "<lineChart>" in county
    assert 'prstDash val="dash"' in county and "7F7F7F" in county and "4472C4" in county
    assert "'图表'!$A$3:$A$4" in county and "'图表'!$B$3:$B$4" in county
    assert "'图表'!$C$3:$C$4" in county
    # the bars filled and edged in the report's blue; the line 1.75 pt (× 12,700 EMU a
    # point = 22,225), grey and dashed
    styles = [re.search(r"<spPr>.*?</spPr>", s).group(0)
              for s in re.findall(r"<ser>.*?</ser>", county, re.S)]
    assert styles == [
        '<spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill>'
        '<a:ln><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></a:ln></spPr>',
        '<spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill>'
        '<a:prstDash val="dash"/></a:ln></spPr>']
    # 图2: lines only
    assert "<lineChart>" in monthly and "<barChart>" not in monthly
    assert re.search(r"'图表'!\$B\$\d+:\$B\$\d+", monthly)
    # 图3: red, yellow and green stacked
    assert '<grouping val="stacked"/>' in lights and '<overlap val="100"/>' in lights
    assert all(c in lights for c in ("C00000", "FFC000", "70AD47"))
    for part, caption in zip(parts, ("图1 各县（市、区）投资完成率", "图2 逐月累计投资完成率",
                                     "图3 各县（市、区）项目预警情况"), strict=True):
        assert caption in part
    assert county.count('formatCode="0%"') == 1 and 'formatCode="0"' in lights


def test_the_chart_sheet_is_not_read_back_as_progress(exported, tmp_path) -> None:
    ledger = tmp_path / "ledger"
    shutil.copytree(SMALL, ledger)
    result = run("import", "progress", exported, "-m", "2024-06", "-l", ledger, "--force",
                 "--dry-run")
    assert result.exit_code == 0, result.output
    assert "read 调度表.xlsx:全部项目" in result.output
    assert "read 调度表.xlsx:图表" not in result.output
    assert re.search(r"not read: .*; 图表 \(the export's charts\)\n", result.output)


def test_the_same_ledger_gives_the_same_bytes(exported, tmp_path) -> None:
    again = tmp_path / "again.xlsx"
    assert run("export", "-l", SMALL, "--period", "2024H1", "-o", again).exit_code == 0
    assert again.read_bytes() == exported.read_bytes()
