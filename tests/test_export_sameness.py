"""The 调度表 workbook, cell by cell, is the one the export has always written.

This is a refactoring equivalence check, and its expected values are therefore the old
program's output, not hand arithmetic: tests/data/export_readback/*.json hold what
``xlsx_readback.read_back`` read from the workbooks the openpyxl writer of
render/xlsx.py wrote for these ledgers (generated once from that writer, before the
export moved to XlsxWriter in constant-memory mode for speed). The figures themselves
are checked against the definitions elsewhere (test_excel_export.py,
test_export_charts.py, test_outputs_exact.py); this test holds the layout, the styles
and the charts to what they were: every cell's value, type, number format, font, fill,
alignment and border, the merges, column widths, row heights, frozen panes, printed
titles, page setup and page breaks, and each chart's plots, series and axes.

The ledgers: the sample (with 去年同期 from previous_totals), a hostile one (formula-like
names, CR, tab and blank-edged text, many lines, texts wider than their columns, a county
without projects, several tags, a plan of 0), and one with last year's ledger.

Where the two writers spell the same thing differently, ``same_as_written`` says so and
reads both one way; each such reading is listed there with the reason.

One deliberate change since: the old writer left the 合计 and 小计 figures out of the
column widths, so a total wider than every project's figure showed as ### (the sample's
增长额, 344,400.00 in a column 8 wide); the widths of those columns in the snapshots are
the new, wider ones, and nothing else in them was changed. And a second: a sheet wider
than an A4 page prints at 70% (the project sheets) prints on A3 (paper 8, was 9).
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from openpyxl.utils.escape import unescape

from test_excel_support import run
from xlsx_readback import read_back
from yoy_ledgers import two_years

DATA = Path(__file__).parent / "data" / "export_readback"
DEFAULT_HEIGHT = 15.0  # points: a row of 11-point text
SAMPLE = Path(__file__).parents[1] / "data" / "sample"

HOSTILE_CONFIG = """\
format: 1
city: "=CMD|' /C calc'!A0"
organ: 测试市发展和改革委员会
year: 2024
counties: [甲县, "@乙区", 丙县]
sectors: [产业, 交通]
tags: [灾后重建, "+专项", 乡村振兴]
thresholds: {yellow_pp: 10, red_pp: 30}
"""

HOSTILE_PROJECTS = """\
projects:
  - id: H-001
    code: 2024-360000-17-01-000001
    name: '=HYPERLINK("http://example.org","点击")'
    level: provincial
    county: 甲县
    sector: 产业
    nature: new
    total_investment: 123456.78
    annual_plan: 34567.89
    planned_start: '2024-02'
    tags: [灾后重建, "+专项"]
    milestones: {started: 2024-02-10}
  - id: H-002
    name: "\\t=1+1 前有制表符"
    level: municipal
    county: 甲县
    sector: 交通
    nature: continuing
    total_investment: 50000
    completed_before: 20000
    annual_plan: 0
    tags: [乡村振兴]
  - id: "-H3"
    name: "\\r=1+1 一个很长很长的项目名称，比名称列的四十个字符宽度还要宽得多，所以会换行显示在两行或更多行"
    level: provincial
    county: "@乙区"
    sector: 产业
    nature: continuing
    total_investment: 9999999.99
    completed_before: 1.01
    annual_plan: 8000.5
    tags: [灾后重建, 乡村振兴, "+专项"]
  - id: H-004
    name: "  两端有空格  "
    level: municipal
    county: "@乙区"
    sector: 交通
    nature: new
    total_investment: 3000
    annual_plan: 1000
    planned_start: '2024-09'
"""

HOSTILE_PROGRESS = {
    "2024-04": """\
month: 2024-04
entries:
  H-001: {completed_ytd: 1000}
  H-002: {completed_ytd: 300}
  "-H3": {completed_ytd: 5000.25}
  H-004: {completed_ytd: 0}
""",
    "2024-05": """\
month: 2024-05
entries:
  H-001:
    completed_ytd: 1234.5
    progress: "@SUM(A1:A9) 主体结构施工\\n第二行：设备进场\\n第三行"
    issues:
      - {category: land, text: "=1+2 用地手续未批"}
      - {category: funding, text: "资本金未到位，资金缺口较大，需要协调银行贷款和专项债券资金尽快到位以保障施工进度"}
      - {category: other, text: "-2+3"}
  "-H3":
    completed_ytd: 7000.75
    progress: "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
  H-004: {completed_ytd: 0}
""",
}


def hostile_ledger(root: Path) -> Path:
    (root / "projects").mkdir(parents=True)
    (root / "progress").mkdir()
    (root / "majorproj.yaml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    (root / "projects" / "项目.yaml").write_text(HOSTILE_PROJECTS, encoding="utf-8")
    for month, text in HOSTILE_PROGRESS.items():
        (root / "progress" / f"{month}.yaml").write_text(text, encoding="utf-8")
    return root


def sample(root: Path) -> Path:
    shutil.copytree(SAMPLE, root)
    return root


def last_year(root: Path) -> Path:
    return two_years(root)[1]


CASES = {  # name: (the ledger, the period)
    "sample": (sample, "2024H1"),
    "hostile": (hostile_ledger, "2024M05"),
    "last-year": (last_year, "2024H1"),
}


def exported(case: str, tmp_path: Path) -> Path:
    make, period = CASES[case]
    out = tmp_path / "调度表.xlsx"
    result = run("export", "-l", make(tmp_path / "ledger"), "--period", period, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def same_as_written(book: dict) -> dict:
    """``book`` with what the two writers spell differently read one way:

    - a row 15 points high is a row of the default height, which XlsxWriter does not
      write out (openpyxl gave a note of one line its height, 15);
    - a page setup without fitToWidth fits one page wide, the attribute's default, which
      openpyxl writes out;
    - a font without a name or size (openpyxl's Font(bold=True)) is the workbook's
      default font, Calibri 11, which XlsxWriter names;
    - a fill's colour is its RGB: openpyxl writes it with alpha 00, XlsxWriter FF, and
      Excel ignores the alpha of a cell's fill;
    - a text is read as Excel reads it, OOXML's escapes decoded (XlsxWriter writes a CR
      as _x000D_, openpyxl as &#13;);
    - an empty cell has no type (openpyxl types an empty text cell inlineStr);
    - an axis without <c:delete> is shown, and a line series without <c:smooth> is not
      smoothed (XlsxWriter leaves out both when false; openpyxl writes val="0"; the
      line's straight segments are seen in the PDF LibreOffice makes of the workbook);
    - a chart series' name cell '图表'!B2 is '图表'!$B$2 (openpyxl writes it relative);
    - an outline without a dash (XlsxWriter) is solid, which openpyxl writes out, and a
      marker's outline without colour, width or dash is no outline.
    """
    book = copy.deepcopy(book)
    for _, sheet in book["sheets"]:
        sheet["heights"] = {r: h for r, h in sheet["heights"].items() if h != DEFAULT_HEIGHT}
        sheet["cells"] = [[c, unescape(v) if isinstance(v, str) else v, None if v is None else t, s]
                          for c, v, t, s in sheet["cells"]]
        if sheet["page"][2] is None:
            sheet["page"][2] = 1
        for style in sheet["styles"]:
            font = style[1]
            font[0] = font[0] or "Calibri"
            font[1] = font[1] or 11.0
            fill = style[2]
            fill[1] = fill[1] and fill[1][-6:]
    for chart in book["charts"]:
        for axis in chart["axes"]:
            axis[2] = axis[2] or "0"
        for plot in chart["plots"]:
            for series in plot["series"]:
                series["name"] = series["name"].replace("$", "")
                if plot["kind"] == "lineChart":
                    series["smooth"] = series["smooth"] or "0"
                shapes = [series["shape"]] + ([series["marker"][2]] if series["marker"] else [])
                for shape in shapes:
                    if shape[3] is None and shape[1] is not None:
                        shape[3] = "solid"
                if series["marker"] and series["marker"][2][:3] == [None, None, None]:
                    series["marker"][2] = [None, None, None, None]
    return book


def snapshot(case: str) -> dict:
    return json.loads((DATA / f"{case}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_workbook_is_the_one_the_export_wrote_before(case, tmp_path):
    book = json.loads(json.dumps(read_back(exported(case, tmp_path)), ensure_ascii=False))
    old = snapshot(case)
    assert [name for name, _ in book["sheets"]] == [name for name, _ in old["sheets"]]
    new, before = same_as_written(book), same_as_written(old)
    for (name, sheet), (_, expected) in zip(new["sheets"], before["sheets"], strict=True):
        for key in expected:
            if key in ("cells", "styles"):
                continue
            assert sheet[key] == expected[key], (name, key)
        cells = [[c, v, t, sheet["styles"][s]] for c, v, t, s in sheet["cells"]]
        assert cells == [[c, v, t, expected["styles"][s]] for c, v, t, s in expected["cells"]], name
    assert new["charts"] == before["charts"]


def write_snapshots(folder: Path) -> None:
    """Writes the snapshots: run once, with the openpyxl writer, to make tests/data."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            book = read_back(exported(case, Path(tmp)))
        lines = json.dumps(book, ensure_ascii=False, separators=(",", ":"))
        (folder / f"{case}.json").write_text(_one_cell_a_line(lines) + "\n", encoding="utf-8")


def _one_cell_a_line(text: str) -> str:
    """The JSON with a line per cell, so that a change to the snapshot reads as a diff."""
    return text.replace('],["', '],\n["')
