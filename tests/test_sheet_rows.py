"""The 调度表's rows as SpreadsheetML (render.sheet_rows): each cell as Excel reads it,
the text escaped, and the rows spliced into the sheet XlsxWriter wrote without cells."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter

from majorproj.render.sheet_rows import (
    SheetRows,
    cell_style,
    cells,
    inline_text,
    sheet_part,
    splice,
    style,
)


def xml_of(rows: SheetRows) -> str:
    return b"".join(rows.xml()).decode("utf-8")


def test_cells_past_column_z_are_referred_to_as_excel_names_them():
    rows = SheetRows(28)
    rows.row(0, cells([None] * 25 + ["z", "aa", "ab"], [""] * 28))
    assert xml_of(rows) == (
        '<row r="1"><c r="Z1" t="inlineStr"><is><t>z</t></is></c>'
        '<c r="AA1" t="inlineStr"><is><t>aa</t></is></c>'
        '<c r="AB1" t="inlineStr"><is><t>ab</t></is></c></row>')
    assert rows.dimension() == "A1:AB1"


@pytest.mark.parametrize(("text", "xml"), [
    ("甲县", "<is><t>甲县</t></is>"),
    ("A&B <新> \"x\"", "<is><t>A&amp;B &lt;新&gt; \"x\"</t></is>"),
    ("<r><t>x</t></r>", "<is><t>&lt;r&gt;&lt;t&gt;x&lt;/t&gt;&lt;/r&gt;</t></is>"),
    (" 前", '<is><t xml:space="preserve"> 前</t></is>'),
    ("后\n", '<is><t xml:space="preserve">后\n</t></is>'),
    ("a\x01b\x1fc", "<is><t>a_x0001_b_x001F_c</t></is>"),
    ("\x0b", "<is><t>_x000B_</t></is>"),  # a vertical tab escaped is no white space
    ("_x0041_", "<is><t>_x005F_x0041_</t></is>"),  # not read back as "A"
    ("_x41_", "<is><t>_x41_</t></is>"),
    ("\ufffe\uffff", "<is><t>_xFFFE__xFFFF_</t></is>"),
    ("tab\tnewline\n ok", "<is><t>tab\tnewline\n ok</t></is>"),
])
def test_text_is_escaped_as_excel_reads_it(text, xml):
    assert inline_text(text) == xml


def test_a_text_longer_than_excel_holds_is_cut_at_32767_utf16_units():
    assert inline_text("进" * 40_000) == f"<is><t>{'进' * 32_767}</t></is>"
    # a character beyond the BMP is two units: 16,383 of them and one 进 make 32,767
    astral = "😀" * 16_383 + "进进"
    assert inline_text(astral) == f"<is><t>{'😀' * 16_383}进</t></is>"
    assert inline_text("进" * 32_767) == f"<is><t>{'进' * 32_767}</t></is>"


def test_cells_hold_text_numbers_and_styled_blanks():
    assert cells(["甲", 12, 1743000.5, None, None, 0.1 + 0.2, 1e20, -0.5],
                 [' s="3"', "", ' s="4"', ' s="4"', "", "", "", ""]) == (
        ' s="3" t="inlineStr"><is><t>甲</t></is></c>',
        "><v>12</v></c>",
        ' s="4"><v>1743000.5</v></c>',
        ' s="4"/>',  # an empty cell kept for its border
        None,  # an empty cell without a style is not written
        "><v>0.3</v></c>",  # 0.30000000000000004 to 16 significant digits
        "><v>1E+20</v></c>",
        "><v>-0.5</v></c>",
    )
    assert style(None) == "" and style(0) == ' s="0"' and style(12) == ' s="12"'
    with pytest.raises(ValueError):
        cells(["a", "b"], [""])  # a style for every cell


def test_rows_have_their_references_heights_and_dimension():
    rows = SheetRows(3)
    assert rows.dimension() == "A1"
    rows.row(0, cells(["标题", None, None], ["", "", ""]), height=30)
    rows.row(1, cells(["a", None, "c"], ["", "", ""]))
    rows.row(2, cells([None, None, None], ["", "", ""]))  # nothing in it: no row
    rows.row(3, cells([None, None, None], ["", "", ""]), height=45)  # a tall empty row
    rows.row(4, cells([1, None, None], ["", "", ""]), height=15)  # the default height
    rows.row(5, cells(["x", None, None], ["", "", ""]), height=16)  # 21.33 px → 21 → 15.75
    assert xml_of(rows) == (
        '<row r="1" ht="30" customHeight="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c>'
        "</row>"
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>c</t></is></c></row>'
        '<row r="4" ht="45" customHeight="1"/>'
        '<row r="5"><c r="A5"><v>1</v></c></row>'
        '<row r="6" ht="15.75" customHeight="1"><c r="A6" t="inlineStr"><is><t>x</t></is></c>'
        "</row>")
    assert rows.dimension() == "A1:C6"  # to the last row written and the widest one


def test_a_sheet_with_only_its_first_cell_has_that_cell_as_its_dimension():
    rows = SheetRows(5)
    rows.row(0, cells(["a", None, None, None, None], [""] * 5))
    assert rows.dimension() == "A1"


def test_a_row_must_have_a_cell_for_every_column():
    rows = SheetRows(3)
    with pytest.raises(ValueError, match="row 2: 2 cells for 3 columns"):
        rows.row(1, ("><v>1</v></c>", None))
    assert xml_of(rows) == "" and rows.dimension() == "A1"


def test_the_rows_are_the_same_xml_however_often_they_are_made():
    rows = SheetRows(2)
    for row in range(3000):  # several chunks of text
        rows.row(row, cells([f"项目{row}", row], ["", ""]))
    made = xml_of(rows)
    assert made == xml_of(rows)
    assert made == "".join(f'<row r="{r + 1}"><c r="A{r + 1}" t="inlineStr"><is><t>项目{r}</t>'
                           f'</is></c><c r="B{r + 1}"><v>{r}</v></c></row>' for r in range(3000))


def test_rows_spliced_into_a_sheet_xlsxwriter_wrote_read_back_in_excel_terms(tmp_path):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    ws = book.add_worksheet("表")
    part = sheet_part(book)
    bold = cell_style(book, {"bold": True, "num_format": "#,##0.00"})
    ws.set_column_pixels(0, 0, 70)
    ws.merge.append([0, 0, 0, 1])  # as render.xlsx records a merge
    rows = SheetRows(2)
    rows.row(0, cells(["合计", None], [bold, bold]))
    rows.row(1, cells(["甲县", 1234.5], ["", bold]), height=30)
    book.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    assert part == "xl/worksheets/sheet1.xml" and b"<sheetData/>" in entries[part]
    entries[part] = b"".join(splice(entries[part], rows))
    # the rows in place of <sheetData/>, nothing around them, the dimension theirs
    assert (b'<sheetData><row r="1"><c r="A1"' in entries[part]
            and b"</c></row></sheetData>" in entries[part])
    assert entries[part].count(b"<sheetData>") == 1 and b"<sheetData/>" not in entries[part]
    assert b'<dimension ref="A1:B2"/>' in entries[part]
    out = tmp_path / "t.xlsx"
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries.items():
            target.writestr(name, data)
    sheet = openpyxl.load_workbook(out)["表"]
    assert sheet.dimensions == "A1:B2"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["合计", None],
                                                                  ["甲县", 1234.5]]
    assert sheet["A1"].font.b and sheet["B2"].font.b and not sheet["A2"].font.b
    assert sheet["B2"].number_format == "#,##0.00" and sheet["A2"].number_format == "General"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:B1"]
    assert sheet.row_dimensions[2].height == 30


def test_splice_refuses_a_sheet_that_has_cells():
    rows = SheetRows(1)
    with pytest.raises(ValueError, match="has cells"):
        list(splice(b'<worksheet><sheetData><row r="1"/></sheetData></worksheet>', rows))
