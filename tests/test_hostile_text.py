"""Text from the ledger is data in every output: never a formula, a heading, markup, a
terminal escape or code that a template runs (issue: hostile input, second round)."""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import pytest
from docx import Document
from openpyxl.utils.escape import unescape

from majorproj.ledger.load import load_ledger
from test_hostile_commands import invoke

HEADING = "## 2024年全市重点项目已全部完成"


def rename(ledger, old, new, file="projects/甲县.yaml"):
    path = ledger / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def june_as_february(ledger) -> None:
    """A June report with February's figures: at 6/12 of the year its projects lag (red)."""
    february = (ledger / "progress" / "2024-02.yaml").read_text(encoding="utf-8")
    (ledger / "progress" / "2024-06.yaml").write_text(
        february.replace("month: 2024-02", "month: 2024-06"), encoding="utf-8")


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


# --- export: a text starting with = + - @ tab CR stays a text cell

FORMULA_LIKE = ["=1+2", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
                '=HYPERLINK("http://example.org","x")']


@pytest.mark.parametrize("name", FORMULA_LIKE)
def test_export_keeps_formula_like_names_as_text(base_ledger, tmp_path, name):
    rename(base_ledger, "name: 甲县新材料产业园", f"name: {quoted(name)}")
    out = tmp_path / "t.xlsx"
    assert invoke("export", "-l", base_ledger, "-p", "2024M02", "-o", out).exit_code == 0
    # as Excel reads a text: OOXML's _x000D_ escapes (some writers use them for CR) decoded
    sheet = openpyxl.load_workbook(out)["全部项目"]  # the formulas, were there any
    cells = [c for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and unescape(c.value) == name]
    assert cells, "the name comes back as it was written"
    assert all(c.data_type == "s" for c in cells)
    read_only = openpyxl.load_workbook(out, read_only=True, data_only=True)["全部项目"]
    assert name in [unescape(v) for row in read_only.iter_rows(values_only=True) for v in row
                    if isinstance(v, str)]


def test_no_cell_of_the_export_is_a_formula(base_ledger, tmp_path):
    rename(base_ledger, "name: 甲县新材料产业园", "name: '=1+2'")
    rename(base_ledger, "counties: [甲县, 乙区]", "counties: [甲县, 乙区, '=X']", "majorproj.yaml")
    out = tmp_path / "t.xlsx"
    assert invoke("export", "-l", base_ledger, "-p", "2024M02", "-o", out).exit_code == 0
    for sheet in openpyxl.load_workbook(out).worksheets:
        assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]



RICH_LOOKING = ["<r><t>甲</t></r>",  # XlsxWriter's constant-memory mode wrote these raw
                "<r><t>x</t></r></is></c></row></sheetData></worksheet><r></r>",
                "a & b < c > d", "_x0041_ 不是 A", " 前后有空格 "]


@pytest.mark.parametrize("name", RICH_LOOKING)
def test_a_name_like_the_sheets_xml_is_text_in_every_sheet(base_ledger, tmp_path, name):
    rename(base_ledger, "name: 甲县新材料产业园", f"name: {quoted(name)}")
    rename(base_ledger, "sector: 产业", f"sector: {quoted(name)}")
    rename(base_ledger, "county: 甲县", f"county: {quoted(name)}")  # a chart's category
    rename(base_ledger, "counties: [甲县,", f"counties: [{quoted(name)},", "majorproj.yaml")
    rename(base_ledger, "sectors: [产业,", f"sectors: [{quoted(name)},", "majorproj.yaml")
    out = tmp_path / "t.xlsx"
    result = invoke("export", "-l", base_ledger, "-p", "2024M02", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)  # the XML parses
    for sheet in ("全部项目", "按行业", "图表"):  # as Excel reads the text: _xHHHH_ decoded
        values = [unescape(c.value) for row in book[sheet].iter_rows() for c in row
                  if isinstance(c.value, str)]
        assert name in values, sheet


# --- CSV: OWASP's ' before a field that a spreadsheet would run

def test_csv_fields_that_start_like_formulas_get_a_quote(base_ledger):
    rename(base_ledger, "counties: [甲县, 乙区]", "counties: ['=HYPERLINK(1)', '@x', '-y', '+z']",
           "majorproj.yaml")
    for file in ("projects/甲县.yaml",):
        rename(base_ledger, "county: 甲县", "county: '=HYPERLINK(1)'", file)
    result = invoke("summary", "-l", base_ledger, "-p", "2024M02", "-f", "csv", "--by", "county")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    names = [r[0] for r in rows[1:]]
    assert names == ["'=HYPERLINK(1)", "'@x", "'-y", "'+z"]
    gaps = [r[7] for r in rows[1:] if r[7]]
    assert gaps and all(not g.startswith("'") for g in gaps)  # numbers, even negative, stay


def test_safe_field_leaves_numbers_and_plain_text():
    from majorproj.render.csv import safe_field

    assert safe_field("-18.8") == "-18.8" and safe_field("-5%") == "-5%"
    assert safe_field("甲县") == "甲县" and safe_field("") == ""
    assert [safe_field(t) for t in ("=1", "+1a", "-a", "@a", "\ta", "\ra")] == \
        ["'=1", "'+1a", "'-a", "'@a", "'\ta", "'\ra"]


# --- report: values never become headings, leads, paragraphs or Markdown

@pytest.mark.parametrize("char", ["<", ">", "&", '"'])
def test_each_character_xml_reserves_is_escaped_in_the_annex_on_its_own(base_ledger, tmp_path,
                                                                          char):
    """One of < > & " alone in a row of the annex (rows are written by a fast path when
    none is in them): the .docx parses and shows the name as it was written."""
    name = f"甲县{char}新材料产业园"
    rename(base_ledger, "name: 甲县新材料产业园", f"name: {quoted(name)}")
    out = tmp_path / "r.docx"
    result = invoke("report", "-l", base_ledger, "-p", "2024M02", "-o", out)
    assert result.exit_code == 0, result.output
    document = Document(out)  # the XML parses
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert name in cells


def test_a_cell_of_several_lines_breaks_its_lines_in_the_docx(base_ledger, tmp_path):
    path = base_ledger / "progress" / "2024-02.yaml"
    text = path.read_text(encoding="utf-8")
    assert "progress: 场地平整" in text
    path.write_text(text.replace("progress: 场地平整", 'progress: "场地平整\\n桩基施工"'),
                    encoding="utf-8")
    out = tmp_path / "r.docx"
    assert invoke("report", "-l", base_ledger, "-p", "2024M02", "-o", out).exit_code == 0
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert ('场地平整</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">桩基施工'
            in xml)


@pytest.mark.parametrize("cell, runs", [
    ("李副市长\n市交通运输局", "李副市长</w:t></w:r><w:r><w:br/></w:r>"
                          '<w:r><w:t xml:space="preserve">市交通运输局'),
    ("甲&乙\n丙", "甲&amp;乙</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">丙"),
    ("甲\x07乙\n丙", "甲乙</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">丙"),
    # NUL, which the fast paths join a row's values by, is cleaned as other controls are
    ("甲\x00乙\n丙", "甲乙</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">丙"),
])
def test_a_table_cell_with_line_breaks_breaks_them_whatever_else_is_in_the_row(cell, runs):
    """Rows are written by fast paths (nothing to escape; only line breaks to make): a
    break is a <w:br/> whichever path the row takes, and what needs escaping or
    cleaning still is."""
    from majorproj.render.ooxml import table_xml

    xml = b"".join(table_xml(["甲", "乙"], [20, 20], ["left", "left"], [("1", cell)])).decode()
    assert f'<w:r><w:t xml:space="preserve">{runs}</w:t></w:r>' in xml
    assert "\n" not in xml and "\x07" not in xml


def test_plain_rows_and_rows_with_line_breaks_take_the_fast_paths_to_the_same_xml(
        monkeypatch):
    """The rows of a large annex are nearly all plain (or break a line, as 包联领导\n单位
    does): they are made without a cell-by-cell escape, and come out as the escaping
    path makes them; an empty cell has no run."""
    from majorproj.render import ooxml

    rows = [("1", "甲县物流园", "", "1,200.50"), ("2", "李副市长\n市交通运输局", "", "—")]
    fmt = ooxml._row_format([100] * 4, ["TableText"] * 4)
    slow = [fmt % tuple(ooxml._runs(v).encode() for v in row) for row in rows]
    assert b"<w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>" in slow[0]  # no run
    monkeypatch.setattr(ooxml, "_runs", None)  # the escaping path would fail
    assert [ooxml._row(fmt, row) for row in rows] == slow


def test_a_name_like_a_heading_is_text_in_the_md_and_the_docx(base_ledger, tmp_path):
    rename(base_ledger, "name: 甲县新材料产业园", f"name: {quoted(HEADING)}")
    narrative = base_ledger / "narrative"
    narrative.mkdir()
    (narrative / "2024H1.yaml").write_text(
        "problems:\n"
        f"  - title: {quoted('### （#）**假标题**')}\n"
        f"    text: {quoted('正文' + chr(10) + chr(10) + HEADING + chr(10) + '- 列表 [链接](http://x) <b>粗</b>')}\n",
        encoding="utf-8")
    md, docx_file = tmp_path / "r.md", tmp_path / "r.docx"
    assert invoke("report", "-l", base_ledger, "-p", "2024H1", "-o", md).exit_code == 0
    assert invoke("report", "-l", base_ledger, "-p", "2024H1", "-o", docx_file).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert not re.search(r"^#+ 2024年全市", text, re.M)
    assert not re.search(r"^[-+] ", text, re.M) and "<b>" not in text
    assert r"- 列表 \[链接\](http\://x) \<b\>粗\</b\>" in text
    assert r"\#\# 2024年全市重点项目已全部完成" in text
    document = Document(str(docx_file))
    body = [p for p in document.paragraphs]
    headings = [p.text for p in body if p.style.name.startswith("Heading") or
                p.style.name.startswith("heading")]
    assert all("2024年全市" not in h for h in headings)
    at = next(i for i, p in enumerate(body) if "假标题" in p.text)
    # the narrative's title is one lead, written as it is: not a heading, not numbered;
    # its blank line starts a paragraph, which reads as written: no heading either
    assert body[at].text == "（一）### （#）**假标题**。正文"
    after = body[at + 1]
    assert after.text.startswith(HEADING) and "[链接](http://x) <b>粗</b>" in after.text
    assert after.style.name == body[at].style.name
    annex = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert HEADING in annex


def test_a_document_number_is_text_in_the_markdown_preview(base_ledger, tmp_path):
    """report.number passes as a 发文字号 whatever its 代字 holds: in the preview it is
    escaped like every other text, never a heading, an image or a link."""
    number = "# <img src=x onerror=alert(1)> [点此](http://x) **某发改**〔2024〕12号"
    config = base_ledger / "majorproj.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"report: {{number: {quoted(number)}}}\n",
                      encoding="utf-8")
    md = tmp_path / "r.md"
    assert invoke("report", "-l", base_ledger, "-p", "2024H1", "-o", md).exit_code == 0
    lines = md.read_text(encoding="utf-8").split("\n")
    assert lines[2] == (r"\# \<img src=x onerror=alert(1)\> \[点此\](http\://x) "
                        r"\*\*某发改\*\*〔2024〕12号")


def test_the_markdown_preview_escapes_what_markdown_reads():
    from majorproj.render.md import _cell, _line

    assert _line("## 标题") == r"\#\# 标题"
    assert _line("- 项 *强* _斜_ `码` [链](u) <i> a|b & ~x~ !") == \
        r"\- 项 \*强\* \_斜\_ \`码\` \[链\](u) \<i\> a\|b \& \~x\~ \!"
    assert _line("1. 第一") == r"1\. 第一" and _line("1.5亿元") == "1.5亿元"
    assert _cell("a|b\nc") == r"a\|b／c"
    # a previewer's autolinks (GitHub's, VS Code's): an escaped character keeps them text
    assert _line("见 http://evil.example/x 或 www.evil.example，联系 a@b.cn") == \
        r"见 http\://evil.example/x 或 www\.evil.example，联系 a\@b.cn"
    assert _cell("\n甲县\n") == "甲县"  # no ／ of a line break at its ends


def test_template_values_are_escaped_as_they_enter_the_text():
    from majorproj.report.prose import Block, as_text, parse_blocks, unescape

    text = "**（一）标题。**" + as_text("**x** ## y\n\n## z （#）") + "\n\n" + as_text("### w")
    blocks = [unescape(b) for b in parse_blocks(text)]
    assert blocks == [Block("paragraph", "**x** ## y## z （#）", "（一）标题。"),
                      Block("paragraph", "### w")]


# --- templates run in the sandbox

@pytest.mark.parametrize("expression", [
    "cycler.__init__.__globals__.os.popen('id').read()",
    "''.__class__.__mro__[1].__subclasses__()",
    "summary.__class__.__init__.__globals__",
    "overall.__dict__",
])
def test_templates_cannot_reach_python(base_ledger, tmp_path, expression):
    folder = tmp_path / "tpl"
    folder.mkdir()
    marker = tmp_path / "ran"
    (folder / "progress.md.j2").write_text(
        "## 一、推进情况\n\n{{ " + expression.replace("'id'", f"'touch {marker}'") + " }}\n",
        encoding="utf-8")
    out = tmp_path / "r.md"
    result = invoke("report", "-l", base_ledger, "-p", "2024H1", "--templates", folder, "-o", out)
    assert result.exit_code == 2
    assert "progress.md.j2" in result.output and "unsafe" in result.output.lower() or \
        "SecurityError" in result.output or "UndefinedError" in result.output
    assert not marker.exists() and not out.exists()


def test_templates_still_read_their_data_in_the_sandbox(base_ledger, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "progress.md.j2").write_text(
        "## 一、推进情况\n\n{{ city }}共{{ overall.projects }}个项目，{{ red|names }}"
        "{% for g in counties %}{{ g.name }}{{ g.figures.annual_plan|money }}{% endfor %}。\n",
        encoding="utf-8")
    out = tmp_path / "r.md"
    assert invoke("report", "-l", base_ledger, "-p", "2024M02", "--templates", folder,
                  "-o", out).exit_code == 0
    # 甲县: 30000 + 12000 万元 = 4.2亿元; 乙区 has no project in the base ledger's plan sum
    assert "测试市共2个项目" in out.read_text(encoding="utf-8")
    assert "甲县4.2亿元" in out.read_text(encoding="utf-8")


# --- terminal tables: names printed literally, escapes and bidi controls made visible

@pytest.mark.parametrize("name,shown", [
    ("[/]", "[/]"), ("[link=http://evil.example]甲县新材料产业园[/link]", "[link=http://evil.example]"),
    ("[bold red]甲", "[bold red]甲"), ("甲\x1b[2J县", "甲\\x1b[2J县"),
    ("甲\u202e县", "甲\\u202e县"), ("甲\x9b31m县", "甲\\x9b31m县"),
])
def test_summary_tables_print_names_literally(base_ledger, name, shown):
    rename(base_ledger, "name: 甲县环城公路改建", f"name: {quoted(name)}")
    june_as_february(base_ledger)
    result = invoke("summary", "-l", base_ledger, "-p", "2024H1", "-n", "0")  # red: listed
    if result.exit_code == 1:  # a control character is an error of the ledger (E001/E109)
        assert "甲县.yaml:15:" in result.output
        assert "\x1b" not in result.output and "\x9b" not in result.output
        return
    assert result.exit_code == 0, result.output
    assert shown in result.output.replace("\n", "")
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_visible_shows_controls_and_bidi_and_keeps_line_breaks():
    from majorproj.render.visible import visible

    assert visible("a\x1b[31mb\x07\u202e\u2066c\nd\te") == "a\\x1b[31mb\\x07\\u202e\\u2066c\nd\te"
    assert visible("甲县") == "甲县"


# --- the YAML reader bounds values as well as bytes

def test_a_yaml_file_of_millions_of_tiny_values_is_refused_quickly(base_ledger):
    import resource
    import time

    from majorproj.ledger.load import load_ledger
    from majorproj.ledger.yamlfile import MAX_NODES

    path = base_ledger / "progress" / "2024-03.yaml"
    path.write_text("month: 2024-03\nentries: [" + "0," * (2 * MAX_NODES) + "0]\n",
                    encoding="utf-8")  # 4 MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    problems = load_ledger(base_ledger).problems
    assert time.monotonic() - started < 20  # it took 34 s and 1.5 GB when composed
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 300
    found = [p for p in problems if p.file == "progress/2024-03.yaml"]
    assert [(p.code, p.line) for p in found] == [("E005", 1)]
    assert f"more than {MAX_NODES:,} YAML values" in found[0].message


def test_a_file_near_the_value_limit_is_counted_exactly_and_read(base_ledger, monkeypatch):
    from majorproj.ledger import yamlfile

    monkeypatch.setattr(yamlfile, "MAX_NODES", 80)  # the base ledger's files hold fewer
    path = base_ledger / "progress" / "2024-02.yaml"
    # many separators inside one text: the quick count says 'maybe', the exact one 'no'
    path.write_text(path.read_text(encoding="utf-8").replace(
        "progress: 场地平整", "progress: '" + "a, " * 50 + "'"), encoding="utf-8")
    from majorproj.ledger.load import load_ledger

    assert [p.code for p in load_ledger(base_ledger).problems] == []


def test_json_output_escapes_what_json_leaves_raw(base_ledger):
    name = "甲\u202e县\u2028路"
    rename(base_ledger, "name: 甲县环城公路改建", f"name: {quoted(name)}")
    june_as_february(base_ledger)
    result = invoke("summary", "-l", base_ledger, "-p", "2024H1", "-f", "json")
    assert result.exit_code == 0
    assert "\u202e" not in result.output and "\u2028" not in result.output
    names = [light["name"] for light in json.loads(result.stdout)["lights"]]
    assert name in names  # the same data


def test_the_export_cuts_a_text_longer_than_excel_holds(base_ledger, tmp_path):
    """Excel refuses a workbook with a longer cell; openpyxl and XlsxWriter both cut it."""
    path = base_ledger / "progress" / "2024-02.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "progress: 场地平整", "progress: " + "进" * 40_000), encoding="utf-8")
    out = tmp_path / "t.xlsx"
    assert invoke("export", "-l", base_ledger, "-p", "2024M02", "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out, read_only=True)["全部项目"]
    texts = [v for row in sheet.iter_rows(values_only=True) for v in row
             if isinstance(v, str) and v.startswith("进进")]
    assert texts == ["进" * 32_767]


@pytest.mark.parametrize("name", ["=1+2", "@SUM(A1)", "\t=1+1"])
def test_fill_in_sheets_keep_formula_like_names_as_text(base_ledger, tmp_path, name):
    rename(base_ledger, "name: 甲县新材料产业园", f"name: {quoted(name)}")
    out = tmp_path / "sheets"
    out.mkdir()
    result = invoke("export", "--fill-in", "--month", "2024-03", "-l", base_ledger, "-o", out)
    assert result.exit_code == 0, result.output
    cells = [c for path in out.glob("*.xlsx") for sheet in openpyxl.load_workbook(path).worksheets
             for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and unescape(c.value) == name]
    assert cells and all(c.data_type == "s" for c in cells)


def test_text_made_piece_by_piece_is_joined_into_chunks_of_at_least_the_size():
    from majorproj.text import chunks

    assert list(chunks(["ab", "cd", "e"], size=3)) == ["abcd", "e"]  # 4 ≥ 3, then the rest
    assert list(chunks(["abc", "d"], size=3)) == ["abc", "d"]
    assert list(chunks([], size=3)) == []  # nothing: no empty chunk either
    assert list(chunks(["甲乙"], size=1)) == ["甲乙"]  # a piece is never split
    assert list(chunks([b"ab", b"cd", b"e"], size=3)) == [b"abcd", b"e"]  # bytes alike


FORGED = "\n::error file=a,line=1::forged"


def _lines_are_ours(output: str) -> None:
    """No line of ``output`` is one a value started: a forged problem or CI annotation."""
    assert not [line for line in output.splitlines() if line.lstrip().startswith("::")]
    assert "\\n::error file=a,line=1::forged" in output  # the value is shown, on its line


def test_a_line_break_in_a_value_never_starts_a_line_of_the_output(base_ledger, tmp_path):
    """check's text lines, the warnings a command recaps, a table's title, a usage error
    and a 'wrote' line each stay one line whatever they quote (as \\n): a value cannot
    add a problem a reader or a CI runner (::error …) would take for the tool's."""
    rename(base_ledger, "county: 甲县\n", f"county: {quoted('甲县' + FORGED)}\n")
    _lines_are_ours(invoke("check", base_ledger).output)  # E109, quoting the county
    rename(base_ledger, f"county: {quoted('甲县' + FORGED)}\n", "county: 甲县\n")
    rename(base_ledger, "JX-001: {completed_ytd: 2500",
           f"JX-001: {{{quoted('k' + FORGED)}: 1, completed_ytd: 2500", "progress/2024-02.yaml")
    summary = invoke("summary", "-l", base_ledger, "-p", "2024M02")
    assert summary.exit_code == 0, summary.output
    _lines_are_ours(summary.output)  # the W001 recap
    rename(base_ledger, "city: 测试市", f"city: {quoted('测试市' + FORGED)}", "majorproj.yaml")
    refused = invoke("summary", "-l", base_ledger, "-p", "2024M02")  # a city is one line
    assert refused.exit_code == 1 and "E109" in refused.output
    _lines_are_ours(refused.output)
    rename(base_ledger, f"city: {quoted('测试市' + FORGED)}", "city: 测试市", "majorproj.yaml")
    _lines_are_ours(invoke("summary", "-l", base_ledger, "-p", "2024" + FORGED).output)
    written = invoke("report", "-l", base_ledger, "-p", "2024M02", "-o",
                     tmp_path / f"r{FORGED}.md")
    assert written.exit_code == 0, written.output
    _lines_are_ours(written.output)


@pytest.mark.parametrize("county, name", [
    ("abc\u202eexe.txt~乙区", "abc_exe.txt~乙区2024年7月重点项目填报表.xlsx"),
    (".", "2024年7月重点项目填报表.xlsx"),
    ("甲\x85县", "甲_县2024年7月重点项目填报表.xlsx"),
])
def test_a_file_named_after_a_county_shows_its_name_as_it_is_and_is_not_hidden(county, name):
    """A bidi override in a county would show its fill-in sheet's name in another order
    (…exe.txt); a county '.' would make a hidden file; a C1 control is no file name."""
    from majorproj.render.fill_in import file_name

    assert file_name(county, 2024, 7) == name


def test_a_line_break_at_a_values_ends_starts_no_paragraph_and_ends_no_heading(base_ledger):
    """A value "\\n甲县" put a blank line where a template line ends, splitting a paragraph
    in three; a line break in a heading's value ended the heading. A value's line breaks
    are joined as a paragraph's lines are. (A county, a city, a sector or a tag with a line
    break is refused by check besides: E109.)"""
    from majorproj.report.prose import as_text, parse_blocks

    text = (f"## 一、{as_text('测试' + chr(10) + '市')}重大项目推进情况\n\n"
            f"总体情况如下。\n{as_text(chr(10) + '甲县' + chr(10))}（完成投资1亿元）\n，详见附件。\n")
    assert [(b.kind, b.text) for b in parse_blocks(text)] == [
        ("heading1", "一、测试市重大项目推进情况"), ("paragraph", "总体情况如下。甲县（完成投资1亿元），详见附件。")]
    assert as_text("Phase\n1") == "Phase 1"  # two ASCII words apart, as a paragraph joins them
    rename(base_ledger, "counties: [甲县, 乙区]", 'counties: ["\\n甲县", 乙区]', "majorproj.yaml")
    assert [p.code for p in load_ledger(base_ledger).problems if p.file == "majorproj.yaml"] \
        == ["E109"]


def test_csv_on_a_terminal_shows_bidi_controls_and_keeps_its_line_ends():
    from majorproj.render.visible import terminal_visible

    row = "甲\u202e县,1\r\n乙县\r,2\r\n"  # a U+202E in a name, a lone CR
    assert terminal_visible(row) == "甲\\u202e县,1\r\n乙县\\x0d,2\r\n"


def test_summary_csv_printed_on_a_terminal_is_shown_not_run(base_ledger, tmp_path):
    """On a terminal (a pty here) the U+202E of a name is shown as its escape, in summary's
    CSV and in a report written with -o -; into a file the name is as it is."""
    import sys

    bidi = quoted("产" + chr(0x202E) + "业")
    rename(base_ledger, "sector: 产业", f"sector: {bidi}")
    rename(base_ledger, "sectors: [产业, 交通]", f"sectors: [{bidi}, 交通]", "majorproj.yaml")
    rename(base_ledger, "city: 测试市", f"city: {quoted('测' + chr(0x202E) + '试市')}",
           "majorproj.yaml")
    majorproj = [sys.executable, "-m", "majorproj"]
    shown = _on_a_terminal([*majorproj, "summary", "-l", str(base_ledger), "-p", "2024M02", "-f",
                            "csv", "--by", "sector"])
    assert "产\\u202e业".encode() in shown and "\u202e".encode() not in shown
    shown = _on_a_terminal([*majorproj, "report", "-l", str(base_ledger), "-p", "2024M02", "-o",
                            "-"])
    assert "测\\u202e试市".encode() in shown and "\u202e".encode() not in shown
    out = tmp_path / "s.csv"
    assert invoke("summary", "-l", base_ledger, "-p", "2024M02", "-f", "csv", "--by", "sector",
                  "-o", out).exit_code == 0
    assert "产\u202e业" in out.read_text(encoding="utf-8-sig")


def _on_a_terminal(command: list[str]) -> bytes:
    """What ``command`` writes to its standard output when that is a terminal."""
    import os
    import subprocess

    leader, follower = os.openpty()
    with subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL) as child:
        os.close(follower)
        shown = b""
        while chunk := _read_pty(leader):
            shown += chunk
        child.wait(timeout=60)
    os.close(leader)
    return shown


def _read_pty(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 65536)
    except OSError:  # the child closed its end
        return b""
