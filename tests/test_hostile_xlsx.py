"""Hostile workbooks, built from raw XML parts (tests/hostile_xlsx.py): no traceback, no
hang, no memory blow-up; one clear message, or the figures the sheet holds."""

from __future__ import annotations

import resource
import time
from decimal import Decimal

import pytest

import hostile_xlsx as x
from majorproj.excel import guard
from test_excel_support import run, sound, write_ledger

NAMES = ["甲县纺织产业园项目", "甲县城区道路改造工程", "乙区物流园项目", "乙区污水处理厂提标改造"]


@pytest.fixture
def ledger(tmp_path):
    return write_ledger(tmp_path / "ledger")


def imported(ledger, path, *args):
    result = run("import", "progress", path, "-m", "2024-06", "-l", ledger, *args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def rows_with(value, at=0):
    """The four projects with 10000 万元 each (above May's), row ``at``'s amount replaced."""
    rows = [[n, 10000, "施工"] for n in NAMES]
    rows[at][1] = value
    return rows


def test_the_builder_makes_a_workbook_that_imports(ledger, tmp_path):
    path = x.build(tmp_path / "ok.xlsx", x.progress_sheet(rows_with(5200)))
    result = imported(ledger, path)
    assert result.exit_code == 0, result.output
    june = sound(ledger).progress[6].entries
    assert june["JX-001"].completed_ytd == Decimal(5200)
    assert sum(e.completed_ytd for e in june.values()) == 5200 + 3 * 10000


# --- item 3: amounts no Decimal can hold, cells openpyxl cannot parse

@pytest.mark.parametrize("value", ["1e308", "1e25", "1234567890123456789012345", "1e1000000",
                                   "NaN", "-1e1000000", "9" * 400, "1e-1000000"])
def test_absurd_amounts_are_a_row_error(ledger, tmp_path, value):
    as_number = x.sheet_xml(x.rows_xml([["项目名称", "1-6月完成投资（万元）", "形象进度"]])
                            + "".join(f'<row r="{r}">{x.cell(f"A{r}", n)}'
                                      f'{x.cell(f"B{r}", value if r == 2 else 10000, kind="n")}'
                                      "</row>" for r, n in enumerate(NAMES, 2)))
    for name, sheet in (("number", as_number), ("text", x.progress_sheet(rows_with(value)))):
        path = x.build(tmp_path / f"{name}.xlsx", sheet)
        result = imported(ledger, path)
        if value == "1e-1000000":  # a tiny positive number: rounded to 0 with a warning
            assert result.exit_code in (0, 1), result.output
            continue
        assert result.exit_code in (1, 2), result.output
        assert "R2" in result.output or "re-save" in result.output.lower() or \
            "save it again" in result.output
    assert 6 not in sound(ledger).progress or value == "1e-1000000"


BAD_CELLS = {
    "a number that is text": '<c r="B2"><v>abc</v></c>',
    "a bad reference": '<c r="2B"><v>1</v></c>',
    "a reference beyond XFD": '<c r="ZZZZ2"><v>1</v></c>',
    "a date beyond any calendar": '<c r="B2" s="1"><v>1e20</v></c>',
    "a shared string out of range": '<c r="B2" t="s"><v>99</v></c>',
    "a negative shared string": '<c r="B2" t="s"><v>-1</v></c>',
    "a boolean that is not": '<c r="B2" t="b"><v>maybe</v></c>',
}


@pytest.mark.parametrize("what", BAD_CELLS)
def test_a_cell_openpyxl_cannot_parse_is_one_message_to_re_save(ledger, tmp_path, what):
    header = x.rows_xml([["项目名称", "1-6月完成投资（万元）"]])
    sheet = x.sheet_xml(header + f'<row r="2">{x.cell("A2", NAMES[0])}{BAD_CELLS[what]}</row>')
    result = imported(ledger, x.build(tmp_path / "bad.xlsx", sheet))
    assert result.exit_code in (1, 2), result.output
    if result.exit_code == 2:
        assert "bad.xlsx" in result.output and "save it again" in result.output
    assert 6 not in sound(ledger).progress


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                  "xl/styles.xml", "xl/workbook.xml"])
def test_a_broken_part_is_one_message_to_re_save(ledger, tmp_path, part):
    path = x.build(tmp_path / "broken.xlsx", x.progress_sheet(rows_with(1)),
                   parts={part: "<not xml"})
    result = imported(ledger, path)
    assert result.exit_code == 2, result.output
    assert "broken.xlsx" in result.output and "save it again" in result.output


def with_dtd(part: str, dtd: str) -> str:
    """``part`` with ``dtd`` declared before its root element."""
    head, _, body = part.partition("?>")
    return f"{head}?>{dtd}{body}"


NAMED = '<!DOCTYPE worksheet [<!ENTITY a "甲县纺织产业园项目">]>'
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "甲县纺织产业园项目"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
@pytest.mark.parametrize("dtd, entity", [(NAMED, "a"), (LAUGHS, "c")], ids=["named", "laughs"])
def test_a_part_declaring_entities_is_refused_and_nothing_is_expanded(ledger, tmp_path, part,
                                                                      dtd, entity):
    """Excel and WPS never write a DTD: its entities (a project's name written as &a;,
    or the 'billion laughs') are never expanded into a cell, and the file is one message
    naming the part, not a row without a name."""
    sheet = x.sheet_xml(x.rows_xml([["项目名称", "1-6月完成投资（万元）"]])
                        + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>3500</v></c></row>')
    shared = x.shared_strings_xml([f"&{entity};"]).replace("&amp;", "&")
    if part.endswith("sheet1.xml"):
        inline = f't="inlineStr"><is><t>&{entity};</t></is>'
        sheet = with_dtd(sheet.replace('t="s"><v>0</v>', inline), dtd)
    else:
        shared = with_dtd(shared, dtd.replace("worksheet", "sst"))
    result = imported(ledger, x.build(tmp_path / "dtd.xlsx", sheet, shared=shared))
    assert result.exit_code == 2, result.output
    assert f"dtd.xlsx: the part {part} declares a DTD (<!DOCTYPE …>), which Excel and WPS " \
        "never write; open it in Excel or WPS and save it again" in result.output
    assert "甲县纺织产业园项目" not in result.output
    assert 6 not in sound(ledger).progress


@pytest.mark.parametrize("part, root", [("xl/workbook.xml", "workbook"),
                                        ("xl/styles.xml", "styleSheet"),
                                        ("xl/_rels/workbook.xml.rels", "Relationships")])
def test_every_xml_part_of_the_package_is_held_to_it(ledger, tmp_path, part, root):
    """openpyxl reads the workbook, styles and relationships itself: a DTD there is refused
    before it does, and so is one in a UTF-16 part or after a comment."""
    texts = {"xl/workbook.xml": x.WORKBOOK, "xl/styles.xml": x.STYLES,
             "xl/_rels/workbook.xml.rels": x.WORKBOOK_RELS}
    dtd = f'<!-- made by hand --><!DOCTYPE {root} [<!ENTITY a "x">]>'
    text = with_dtd(texts[part], dtd)
    for data in (text, text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")):
        path = x.build(tmp_path / "dtd.xlsx", x.progress_sheet(rows_with(1)), parts={part: data})
        result = imported(ledger, path)
        assert result.exit_code == 2, result.output
        assert f"the part {part} declares a DTD" in result.output


def test_a_part_whose_content_begins_only_after_4_kb_is_refused(ledger, tmp_path):
    sheet = x.progress_sheet(rows_with(1))
    padded = with_dtd(sheet, "<!--" + " " * 70_000 + "-->")  # a DTD could hide beyond it
    result = imported(ledger, x.build(tmp_path / "late.xlsx", padded))
    assert result.exit_code == 2, result.output
    assert "the part xl/worksheets/sheet1.xml does not begin its content within 4 KB" \
        in result.output


def test_the_heads_of_ten_thousand_parts_are_read_without_a_stall(ledger, tmp_path):
    """Every XML part's head is read for a DTD: a workbook of nearly the most parts
    allowed, each 50 KB unpacked, is still read at once (about 0.3 s of heads)."""
    import zipfile

    path = x.build(tmp_path / "parts.xlsx", x.progress_sheet(rows_with(10000)))
    filler = b"<?xml version='1.0'?><a>" + b" " * 50_000 + b"</a>"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for i in range(guard.MAX_PARTS - 20):
            archive.writestr(f"xl/extra/p{i}.xml", filler)
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output


def test_an_external_entity_is_never_read_into_the_ledger(ledger, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    dtd = f'<!DOCTYPE worksheet [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
    sheet = with_dtd(x.sheet_xml(
        x.rows_xml([["项目名称", "1-6月完成投资（万元）"], [NAMES[0], 3500]])
        + '<row r="3"><c r="A3" t="inlineStr"><is><t>&s;</t></is></c></row>'), dtd)
    result = imported(ledger, x.build(tmp_path / "xxe.xlsx", sheet))
    assert result.exit_code == 2, result.output
    assert "declares a DTD" in result.output and "TOP-SECRET" not in result.output
    assert 6 not in sound(ledger).progress


def test_a_truncated_zip_is_one_message(ledger, tmp_path):
    path = x.build(tmp_path / "cut.xlsx", x.progress_sheet(rows_with(1)))
    path.write_bytes(path.read_bytes()[:400])
    result = imported(ledger, path)
    assert result.exit_code == 2 and "cut.xlsx" in result.output


# --- item 4: small files that used to take minutes or gigabytes

def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_merge_out_to_column_xfd_reads_fast(ledger, tmp_path):
    sheet = x.sheet_xml(x.rows_xml([["测试市调度表"], ["项目名称", "1-6月完成投资（万元）", "形象进度"],
                                    *rows_with(5200)]),
                        merges=["A1:C1", "A7:XFD10000"])
    path = x.build(tmp_path / "merged.xlsx", sheet)
    assert path.stat().st_size < 3000
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 0, result.output
    assert sound(ledger).progress[6].entries["JX-001"].completed_ytd == 5200


def test_a_cell_in_column_xfd_on_every_row_is_not_read(ledger, tmp_path):
    rows = x.rows_xml([["项目名称", "1-6月完成投资（万元）", "形象进度"], *rows_with(5200)])
    rows += "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>' for r in range(10, 20_010))
    path = x.build(tmp_path / "wide.xlsx", x.sheet_xml(rows))
    before = peak_mb()
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 30
    assert peak_mb() - before < 300  # it took 2.6 GB when every row was 16,384 cells wide
    assert result.exit_code == 0, result.output


def test_overlapping_merges_are_a_damaged_file(ledger, tmp_path):
    sheet = x.progress_sheet(rows_with(1), merges=[f"A{r}:C3000" for r in range(2, 2002)])
    result = imported(ledger, x.build(tmp_path / "overlap.xlsx", sheet))
    assert result.exit_code == 2
    assert "overlap" in result.output or "merged" in result.output


def test_a_merge_beyond_excels_last_cell_is_refused(ledger, tmp_path):
    sheet = x.progress_sheet(rows_with(1), merges=["A2:ZZZZ5"])
    result = imported(ledger, x.build(tmp_path / "beyond.xlsx", sheet))
    assert result.exit_code == 2 and "XFD1048576" in result.output


def test_a_sheet_padded_far_beyond_its_size_is_refused_before_reading(ledger, tmp_path):
    padding = 64 * 1024 * 1024  # 64 MB of spaces: some 64 KB in the zip, 1000 times
    path = x.build(tmp_path / "bomb.xlsx", x.progress_sheet(rows_with(1), padding=padding))
    assert path.stat().st_size < 1024 * 1024
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    assert "sheet1.xml" in result.output and "times its size" in result.output


def test_a_part_larger_than_the_limit_is_refused(ledger, tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "MAX_PART_BYTES", 100_000)
    path = x.build(tmp_path / "big.xlsx", x.progress_sheet(rows_with(1), padding=200_000))
    result = imported(ledger, path)
    assert result.exit_code == 2 and "unpacks to" in result.output


def test_too_many_shared_strings_are_refused_while_streaming(ledger, tmp_path):
    n = guard.MAX_SHARED_STRINGS + 1
    shared = x.shared_strings_xml((f"文本{i}" for i in range(n)), n)
    path = x.build(tmp_path / "strings.xlsx", x.progress_sheet(rows_with(1)), shared=shared)
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 2 and "different texts" in result.output


def test_shared_strings_within_the_limit_are_read(ledger, tmp_path):
    shared = x.shared_strings_xml(NAMES + ["施工"])
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r - 2}</v></c><c r="B{r}"><v>10000</v>'
                    f'</c><c r="C{r}" t="s"><v>4</v></c></row>' for r in range(2, 6))
    sheet = x.sheet_xml(x.rows_xml([["项目名称", "1-6月完成投资（万元）", "形象进度"]]) + cells)
    result = imported(ledger, x.build(tmp_path / "s.xlsx", sheet, shared=shared))
    assert result.exit_code == 0, result.output
    june = sound(ledger).progress[6].entries
    assert [june[p].progress for p in ("JX-001", "YQ-002")] == ["施工", "施工"]


def test_did_you_mean_is_bounded_for_many_unmatched_rows(ledger, tmp_path):
    rows = [[f"不存在的项目{i:04d}号甲县纺织产业园", 1, None] for i in range(500)]
    path = x.build(tmp_path / "unknown.xlsx", x.progress_sheet(rows))
    started = time.monotonic()
    result = imported(ledger, path)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1
    from majorproj.ledger.load import SUGGESTIONS

    assert result.output.count("did you mean") <= SUGGESTIONS


# --- item 6: a sheet cannot make the ledger unusable

def test_a_text_longer_than_an_excel_cell_is_cut_with_a_warning(ledger, tmp_path):
    rows = rows_with(5200)
    rows[0][2] = "进" * 40_000
    result = imported(ledger, x.build(tmp_path / "long.xlsx", x.progress_sheet(rows)))
    assert result.exit_code == 0, result.output
    assert "R2: warning" in result.output and "32,767" in result.output
    assert sound(ledger).progress[6].entries["JX-001"].progress == "进" * 32_767


def test_rows_beyond_excels_last_row_are_a_damaged_file(ledger, tmp_path):
    rows = x.rows_xml([["项目名称", "1-6月完成投资（万元）"], [NAMES[0], 10000]])
    rows += '<row r="1048577"><c r="A1048577"><v>1</v></c></row>'
    result = imported(ledger, x.build(tmp_path / "rows.xlsx", x.sheet_xml(rows)))
    assert result.exit_code == 2 and "1,048,576" in result.output


def test_a_sheet_of_more_rows_than_any_list_is_refused(ledger, tmp_path, monkeypatch):
    from majorproj.excel import sheet

    monkeypatch.setattr(sheet, "MAX_DATA_ROWS", 3)
    result = imported(ledger, x.build(tmp_path / "many.xlsx", x.progress_sheet(rows_with(1))))
    assert result.exit_code == 2 and "more than 3 data rows" in result.output
