"""excel/cells.py streams a sheet's values as openpyxl's read-only reader gives them.

The values are those of ``iter_rows(values_only=True)`` of openpyxl (the reader the
importer used before, whose reading every sheet test was written against), here on
parts written by hand: every kind of cell, rows and cells without references, gaps,
rows out of order, rich text with phonetic guides, dates by style.
"""

from __future__ import annotations

from datetime import datetime, time

import openpyxl
import pytest

import hostile_xlsx as x
from majorproj.excel.cells import open_fast, sheet_rows
from majorproj.excel.workbook import open_workbook

RICH = ('<c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>甲县</t></r><r><t xml:space="preserve">'
        ' 纺织</t></r><rPh sb="0" eb="1"><t>ジア</t></rPh></is></c>')
ROWS = (
    f'<row r="1">{RICH}<c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>0</v></c>'
    '<c r="D1"><v>42</v></c><c r="E1"><v>4.50</v></c><c r="F1"><v>1E3</v></c></row>'
    # a gap (rows 2, 3), then cells without references and one written twice
    '<row r="4"><c><v>1</v></c><c t="b"><v>0</v></c><c t="e"><v>#N/A</v></c>'
    '<c r="F4" t="str"><v>=A1</v></c><c r="F4"><v>7</v></c></row>'
    # dates by style 1 (numFmtId 14): a day, a time of day; an empty <v/>; a formula
    '<row r="5"><c r="A5" s="1"><v>45473</v></c><c r="B5" s="1"><v>0.75</v></c>'
    '<c r="C5"><v></v></c><c r="D5"><f>SUM(A1:A2)</f><v>3</v></c>'
    '<c r="E5"><f>SUM(A1:A2)</f></c><c r="G5" t="inlineStr"><is><t></t></is></c></row>'
    # a row without a number follows row 5; a row written again out of order is dropped
    '<row><c r="B6" t="d"><v>2024-06-30T00:00:00</v></c></row>'
    '<row r="3"><c r="A3"><v>99</v></c></row>'
    '<row r="8" hidden="1"><c r="a8"><v>8</v></c><c r="C8"><v>9</v></c></row>'
    '<row r="9"></row>'
)
SHARED = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org'
          '/spreadsheetml/2006/main"><si><t>项目名称</t></si><si><r><t>1-6月</t></r><r>'
          '<rPr><i/></rPr><t>完成投资x005F_</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si></sst>')


def reference(path, min_row=None, max_col=None):
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = book.worksheets[0]
        ws.reset_dimensions()
        return [tuple(r) for r in ws.iter_rows(min_row=min_row, max_col=max_col,
                                               values_only=True)]
    finally:
        book.close()


@pytest.fixture
def odd(tmp_path):
    return x.build(tmp_path / "odd.xlsx", x.sheet_xml(ROWS, dimension="A1:B2"), shared=SHARED)


@pytest.mark.parametrize(("min_row", "max_col"), [(1, None), (1, 3), (5, None), (4, 9)])
def test_the_rows_are_openpyxls(odd, min_row, max_col):
    book = open_fast(odd)
    try:
        rows = list(sheet_rows(book.worksheets[0], min_row, max_col))
    finally:
        book.close()
    assert rows == reference(odd, min_row, max_col)


def test_the_values_are_as_the_sheet_shows_them(odd):
    book = open_workbook(odd)
    try:
        rows = list(sheet_rows(book.worksheets[0]))
    finally:
        book.close()
    assert rows[0] == ("甲县 纺织", "1-6月完成投资", "项目名称", 42, 4.5, 1000.0)
    assert [type(v) for v in rows[0][3:]] == [int, float, float]
    assert rows[1] == rows[2] == ()  # rows 2 and 3 are not in the sheet (3 comes too late)
    assert rows[3] == (1, False, "#N/A", None, None, 7)
    assert rows[4] == (datetime(2024, 6, 30), time(18, 0), None, 3, None, None, "")
    assert rows[5] == (None, datetime(2024, 6, 30))
    assert rows[6] == ()  # row 7
    assert rows[7] == (8, None, 9)
    assert rows[8] == ()
    assert len(rows) == 9


def test_shared_strings_keep_openpyxls_reading(odd):
    book = open_fast(odd)
    try:
        assert list(book.worksheets[0]._shared_strings) == ["项目名称", "1-6月完成投资"]
    finally:
        book.close()


@pytest.mark.parametrize("bad", ['<c r="B1"><v>abc</v></c>', '<c r="2B"><v>1</v></c>',
                                 '<c r="B1" t="s"><v>5</v></c>', '<c r="B1" s="x"><v>1</v></c>',
                                 '<c r="B1" t="b"><v>maybe</v></c>'])
def test_a_cell_openpyxl_cannot_read_cannot_be_read(tmp_path, bad):
    path = x.build(tmp_path / "bad.xlsx", x.sheet_xml(f'<row r="1">{bad}</row>'))
    with pytest.raises(Exception) as openpyxls:
        reference(path)
    book = open_fast(path)
    try:
        with pytest.raises(type(openpyxls.value)):
            list(sheet_rows(book.worksheets[0]))
    finally:
        book.close()


def test_a_1904_workbook_durations_lower_case_exponents_and_column_x(tmp_path):
    """A workbook of the 1904 date system (old Excel for Mac), a duration style, a number
    written 2e3, single-run and empty inline strings, a comment and a processing
    instruction among the cells, and a cell in column X (a letter that ``rstrip`` of
    digits must leave alone)."""
    from datetime import timedelta

    workbook = x.WORKBOOK.replace("<sheets>", '<workbookPr date1904="1"/><sheets>')
    styles = x.STYLES.replace(
        '<cellXfs count="2">', '<cellXfs count="3">').replace(
        '</cellXfs>', '<xf numFmtId="46" xfId="0" applyNumberFormat="1"/></cellXfs>')
    rows = ('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="1"><v>366.5</v></c>'
            '<c r="C1" s="2"><v>1.5</v></c><c r="D1"><v>2e3</v></c>'
            '<c r="E1" t="inlineStr"><is><t>乙区</t></is></c>'
            '<c r="F1" t="inlineStr"><is><r><t>丙县</t></r></is></c><c r="G1" t="inlineStr"/>'
            '<!-- a comment --><?a processing-instruction?><c><v>7</v></c>'
            '<c r="X1"><v>5</v></c></row>')
    path = x.build(tmp_path / "mac.xlsx", x.sheet_xml(rows),
                   parts={"xl/workbook.xml": workbook, "xl/styles.xml": styles})
    book = open_fast(path)
    try:
        (row,) = list(sheet_rows(book.worksheets[0]))
    finally:
        book.close()
    # 1904-01-01 is day 0 (a day 0 reads as a time of day); 1905-01-01 is day 366 (1904 has
    # 366 days), and .5 is noon; in the 1900 system day 1 would be 1900-01-01
    assert row[:6] == (datetime(1904, 1, 2), datetime(1905, 1, 1, 12), timedelta(days=1.5),
                       2000.0, "乙区", "丙县")
    # G an inline string without text, H the cell after the comment, I … W empty, X the 24th
    assert row[6:] == (None, 7) + (None,) * 15 + (5,)
    assert [row] == reference(path)
