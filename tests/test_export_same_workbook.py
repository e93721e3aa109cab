"""The export, now written by XlsxWriter, gives the workbook the openpyxl writer gave.

tests/data/export-*.xlsx were written by the openpyxl writer this one replaced; every
cell's value and style, the merges, widths, heights, frozen panes, print settings and
document properties must be the same.
"""

import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from typer.testing import CliRunner

from majorproj.cli import app

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from generate import generate  # noqa: E402


def export(root: Path, period: str, out: Path) -> Path:
    result = CliRunner().invoke(app, ["export", "-l", str(root), "--period", period,
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def style(cell) -> tuple:
    fill = cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None
    b = cell.border
    # a font without a name or size is the workbook's default, Calibri 11
    font = (cell.font.name or "Calibri", cell.font.sz or 11)
    return (bool(cell.font.b), font, fill, cell.alignment.horizontal,
            cell.alignment.vertical, bool(cell.alignment.wrap_text),
            (b.left.style, b.right.style, b.top.style, b.bottom.style), cell.number_format)


def widths(ws) -> dict[int, float]:
    """Each column's width (a writer may give neighbours of one width a single <col>)."""
    return {i: d.width for d in ws.column_dimensions.values() if d.min
            for i in range(d.min, d.max + 1)}


def page(ws) -> tuple:
    """Orientation, paper and fitting; a fit left unsaid is 1 page, as OOXML defines."""
    setup = ws.page_setup
    fit = tuple(1 if f is None else int(f) for f in (setup.fitToWidth, setup.fitToHeight))
    return setup.orientation, str(setup.paperSize), fit


def value(cell):
    v = cell.value
    return None if v == "" else v


@pytest.mark.parametrize("fixture, ledger, period", [
    ("export-sample-2024H1.xlsx", "sample", "2024H1"),
    ("export-sample-2024-03.xlsx", "sample", "2024-03"),
    ("export-generated60-2024.xlsx", "generated", "2024"),
])
def test_the_workbook_is_the_one_openpyxl_wrote(tmp_path, fixture, ledger, period):
    root = SAMPLE if ledger == "sample" else generate(tmp_path / "ledger", 60)
    new = openpyxl.load_workbook(export(root, period, tmp_path / "new.xlsx"))
    old = openpyxl.load_workbook(DATA / fixture)
    assert new.sheetnames == old.sheetnames
    assert (new.properties.creator, new.properties.title, new.properties.created) == \
        (old.properties.creator, old.properties.title, old.properties.created)
    for name in old.sheetnames:
        a, b = old[name], new[name]
        assert (b.max_row, b.max_column) == (a.max_row, a.max_column), name
        assert sorted(map(str, b.merged_cells.ranges)) == sorted(map(str, a.merged_cells.ranges))
        for old_row, new_row in zip(a.iter_rows(), b.iter_rows(), strict=True):
            for x, y in zip(old_row, new_row, strict=True):
                if isinstance(x, MergedCell):
                    continue  # the cells under a merge show the first one's
                if isinstance(x.value, int | float) and not isinstance(x.value, bool):
                    # openpyxl wrote a float's repr (916301.6800000001); XlsxWriter writes
                    # the Decimal's own digits (916301.68): the same number to Excel
                    assert isinstance(y.value, int | float), f"{name}!{x.coordinate}"
                    assert y.value == pytest.approx(x.value, rel=1e-14), f"{name}!{x.coordinate}"
                else:
                    assert (value(y), type(value(y))) == (value(x), type(value(x))), \
                        f"{name}!{x.coordinate}"
                assert style(y) == style(x), f"{name}!{x.coordinate}"
        assert widths(b) == widths(a)
        for row in range(1, a.max_row + 1):
            # a height of 15 points is the default, which XlsxWriter leaves unsaid
            assert (b.row_dimensions[row].height or 15) == (a.row_dimensions[row].height or 15)
        assert b.freeze_panes == a.freeze_panes
        assert b.print_title_rows == a.print_title_rows
        assert page(b) == page(a)
        assert b.sheet_properties.pageSetUpPr.fitToPage == a.sheet_properties.pageSetUpPr.fitToPage


def test_text_is_written_as_strings_never_as_formulas(tmp_path, base_ledger):
    projects = next((base_ledger / "projects").glob("*.yaml"))
    text = projects.read_text(encoding="utf-8")
    name = text.split("name: ", 1)[1].split("\n", 1)[0]
    projects.write_text(text.replace(f"name: {name}", "name: '=HYPERLINK(\"http://x\",\"y\")'", 1),
                        encoding="utf-8")
    out = export(base_ledger, "2024H1", tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(out)
    cells = [c for row in book["全部项目"].iter_rows() for c in row]
    hostile = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert hostile and all(c.data_type == "s" for c in hostile)
    import zipfile
    with zipfile.ZipFile(out) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
