"""`majorproj audit` through typer's CliRunner: the reference report, the formats, the
places, the readers, the ledger comparison and bad input."""

import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from majorproj.audit import CODES, audit_file
from majorproj.audit.read import read_report
from majorproj.cli import app

REFERENCE = Path(__file__).parent / "audit" / "report-2024H1.txt"
SAMPLE = Path(__file__).parent.parent / "data" / "sample"
DOCS = Path(__file__).parent.parent / "docs" / "audit.md"

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env={"GITHUB_ACTIONS": "", **(env or {})})


def place(path: Path, figure: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of ``figure`` in a text file, found by hand."""
    lines = path.read_text(encoding="utf-8").splitlines()
    seen = 0
    for n, line in enumerate(lines, 1):
        at = line.find(figure)
        while at != -1:
            if seen == occurrence:
                return n, at + 1
            seen += 1
            at = line.find(figure, at + 1)
    raise AssertionError(figure)


def test_reference_report_gives_exactly_its_two_slips():
    result = run("audit", REFERENCE)
    assert result.exit_code == 1
    line1, col1 = place(REFERENCE, "82.8%")
    line2, col2 = place(REFERENCE, "92.3%")
    errors = [line for line in result.output.splitlines() if ": error " in line]
    assert errors == [
        f"{REFERENCE}:{line1}:{col1}: error A101 开工率82.8% does not follow from 47 of 55 (85.5%)",
        f"{REFERENCE}:{line2}:{col2}: error A101 开工率92.3% does not follow from 57 of 65 (87.7%)",
    ]


def test_reference_report_as_json():
    result = run("audit", REFERENCE, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["file"] == str(REFERENCE)
    assert data["wrong"] == 2 and data["checked"] == 2
    # 履约率113.5% and three shares of a plan the report leaves as XX亿元
    assert data["unchecked"] == 4
    assert set(data) == {"file", "claims", "checked", "wrong", "unchecked"}
    first, second = data["claims"]
    assert set(first) == {"line", "column", "printed", "expected", "kind", "ok", "message"}
    assert (first["printed"], first["expected"], first["kind"], first["ok"]) == (
        "82.8%", "85.5%", "share", False)
    assert (first["line"], first["column"]) == place(REFERENCE, "82.8%")
    assert (second["printed"], second["expected"]) == ("92.3%", "87.7%")


def test_github_annotations_escape_the_percent_sign():
    result = run("audit", REFERENCE, "--format", "github")
    line, col = place(REFERENCE, "82.8%")
    assert (f"::error file={REFERENCE},line={line},col={col},title=A101::"
            "开工率82.8%25 does not follow from 47 of 55 (85.5%25)") in result.output
    assert run("audit", REFERENCE, env={"GITHUB_ACTIONS": "true"}).output == result.output


def test_unchecked_figures_listed_on_request():
    result = run("audit", REFERENCE, "--unchecked")
    warnings = [line for line in result.output.splitlines() if ": warning A001 " in line]
    assert len(warnings) == 4
    assert any("履约率113.5% not checked" in w for w in warnings)
    data = json.loads(run("audit", REFERENCE, "--unchecked", "-f", "json").output)
    unchecked = [c for c in data["claims"] if c["ok"] is None]
    assert len(unchecked) == 4 and all(c["expected"] is None for c in unchecked)
    assert data["unchecked"] == 4 and data["wrong"] == 2


def test_sound_text_exits_0(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("计划新开工项目120个，已开工104个，开工率86.7%。\n", encoding="utf-8")
    result = run("audit", path)
    assert result.exit_code == 0
    assert result.output.endswith("1 figure checked, 0 wrong, 0 not checked\n")


def test_gbk_text_reads_as_utf8(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    result = run("audit", path, "--format", "json")
    assert json.loads(result.output)["wrong"] == 2


def test_markdown_paragraph_over_lines_keeps_each_line_and_column(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 标题\n\n1-6月，计划新开工项目120个，\n  已开工104个，开工率88.7%。\n", encoding="utf-8")
    data = json.loads(run("audit", path, "-f", "json").output)
    [claim] = data["claims"]
    # the paragraph's second line, after its two spaces of indent: 已开工104个，开工率 is 11 characters
    assert (claim["line"], claim["column"]) == (4, 3 + 11)
    assert claim["expected"] == "86.7%"  # 104 / 120 = 86.67%


def test_a_list_items_or_quotes_mark_is_not_a_word_of_its_figures(tmp_path):
    """The sample at 2024H1 has 3 projects 竣工, 104 started and 12 red lights."""
    path = tmp_path / "r.md"
    path.write_text("- 全市已竣工项目4个。\n> 全市亮红灯项目13个。\n1. 全市已开工项目105个。\n",
                    encoding="utf-8")
    data = json.loads(run("audit", path, "--ledger", SAMPLE, "--period", "2024H1", "-f",
                          "json").output)
    # each figure at its column of the line, the mark and its space before it
    assert [(c["line"], c["column"], c["expected"]) for c in data["claims"]] == [
        (1, 3 + 7, "3个"), (2, 3 + 7, "12个"), (3, 4 + 7, "104个")]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_lines_are_counted_at_newlines_only(tmp_path, suffix):
    """A form feed, \\v, \\x1c-\\x1e, \\x85 and U+2028/9 are no line breaks to an editor."""
    path = tmp_path / f"r{suffix}"
    wrong = "1-6月，计划新开工项目120个，已开工104个，开工率88.7%。"
    path.write_text("标题\n\n第一段\x85\u2028\u2029\x1c续\v完。\n\f\n" + wrong + "\n",
                    encoding="utf-8")
    [claim] = json.loads(run("audit", path, "-f", "json").output)["claims"]
    # the file's fifth line (four \\n before it); 104 / 120 = 86.67%
    assert (claim["line"], claim["column"], claim["expected"]) == (5, wrong.index("88.7") + 1,
                                                                   "86.7%")


def test_docx_lines_count_paragraphs_and_table_cells(tmp_path):
    document = docx.Document()
    document.add_paragraph("标题")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "省重点项目"
    table.cell(0, 1).text = "计划新开工项目55个，已开工47个，开工率82.8%"
    document.add_paragraph("建设项目27项（省级6项、市级5项、县级15项）。")
    path = tmp_path / "r.docx"
    document.save(path)
    data = json.loads(run("audit", path, "-f", "json").output)
    places = [(c["line"], c["column"], c["kind"], c["expected"]) for c in data["claims"]]
    # paragraph 1, cells 2 and 3, paragraph 4; 6 + 5 + 15 = 26
    assert places == [(3, len("计划新开工项目55个，已开工47个，开工率") + 1, "share", "85.5%"),
                      (4, len("建设项目") + 1, "sum", "26项")]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    """The report majorproj writes for the sample ledger's first half-year."""
    path = tmp_path_factory.mktemp("report") / "report.docx"
    result = run("report", "--period", "2024H1", "--ledger", SAMPLE, "-o", path)
    assert result.exit_code == 0, result.output
    return path


def test_report_majorproj_writes_has_no_wrong_figure(sample_report):
    result = run("audit", sample_report, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["wrong"] == 0
    printed = {c["printed"] for c in data["claims"]}
    # 174.3 of 228 (76.4%), 76.4 − 50 (26.4 points), 104 of 120, 47 of 55, 57 of 65
    assert {"76.4%", "26.4个百分点", "86.7%", "85.5%", "87.7%"} <= printed


def test_report_majorproj_writes_agrees_with_its_ledger(sample_report):
    result = run("audit", sample_report, "--ledger", SAMPLE, "--period", "2024H1", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    compared = {c["message"].split(" agrees")[0] for c in data["claims"] if c["kind"] == "ledger"}
    # 履约率 against the sample's 上半年目标任务 (targets: 153.6亿元): 174.3 / 153.6 = 113.5%
    assert {"总投资795亿元", "年度计划投资228亿元", "完成投资174.3亿元", "开工率86.7%",
            "履约率113.5%", "“开工一批”项目70个"} <= compared
    # the county table, row by row: 东湖区's 18 projects (projects/东湖区.yaml), all new,
    # 15 of them started (15 / 18 = 83.3%)
    of_donghu = {c["message"].split(" agrees")[0] for c in data["claims"]
                 if c["kind"] == "ledger" and c["ok"] and " of 东湖区 " in c["message"]}
    assert {"项目数 18", "计划新开工项目 18", "已开工项目 15", "开工率 83.3%"} <= of_donghu


def test_a_hand_edit_is_caught_by_the_ledger_and_the_arithmetic(sample_report, tmp_path):
    document = docx.Document(str(sample_report))
    edited = 0
    for paragraph in document.paragraphs:
        for run_ in paragraph.runs:
            if "开工率86.7%" in run_.text:
                run_.text = run_.text.replace("开工率86.7%", "开工率88.7%")
                edited += 1
    assert edited == 1
    path = tmp_path / "edited.docx"
    document.save(path)
    result = run("audit", path, "--ledger", SAMPLE, "--period", "2024H1")
    assert result.exit_code == 1
    errors = [line.split(": error ")[1] for line in result.output.splitlines() if ": error " in line]
    # one line a wrong figure, with both reasons: 104 / 120 = 86.67%, the ledger's too
    assert errors == [
        "A101 开工率88.7% does not follow from 104 of 120 (86.7%); nor does it agree with "
        "the ledger's 开工率 of 全市 for 2024H1 (86.7%)",
    ]
    assert "1 wrong" in result.output


def test_ledger_figures_of_another_period_are_not_compared(sample_report):
    audit = run("audit", sample_report, "--ledger", SAMPLE, "--period", "2024M05", "-f", "json")
    data = json.loads(audit.output)
    texts = {p.line: p.text for p in read_report(sample_report)}
    compared = {c["line"] for c in data["claims"] if c["kind"] == "ledger"}
    assert compared  # the passage on 灾后重建 names no months: its figures are compared
    assert not [line for line in compared if "1-6月" in texts[line]]


@pytest.mark.parametrize("name, content, words", [
    ("missing.txt", None, "no such file"),
    ("report.pdf", b"%PDF-1.4", "give a .docx, .md or .txt"),
    ("report", "1-6月".encode(), "by ending in .docx, .md or .txt; rename it so"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "cannot be read as a Word document"),
    ("binary.txt", b"\x00\x01\x02", "binary data"),
    ("latin.txt", b"\xff\xfe\xfa\xfb\x80\x80", "neither UTF-8 nor GBK"),
])
def test_unreadable_input_is_a_usage_error(tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("audit", path)
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_a_folder_is_a_usage_error(tmp_path):
    for name in ("r.txt", "reports"):  # named as a report or not: a folder is said so
        folder = tmp_path / name
        folder.mkdir()
        result = run("audit", folder)
        assert result.exit_code == 2 and f"{folder} is a folder" in result.output


def test_ledger_without_period_and_a_bad_period_are_usage_errors():
    result = run("audit", REFERENCE, "--ledger", SAMPLE)
    assert result.exit_code == 2 and "--period" in result.output
    result = run("audit", REFERENCE, "--ledger", SAMPLE, "--period", "2024Q5")
    assert result.exit_code == 2 and "--period" in result.output


def test_terminal_escapes_in_a_report_stay_out_of_the_output(tmp_path):
    path = tmp_path / "esc.txt"
    path.write_text("计划新开工项目120个，已开工104个，\x1b[31m开工率88.7%\x07。\n", encoding="utf-8")
    result = run("audit", path)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_few_hundred_pages_audit_whole(tmp_path):
    """A report of ~300 pages (22 lines of 28 characters a page) made of the corpus's
    forms: every slip in it is found, and nothing else."""
    sound = "1-6月，全市计划开工的55个省重点项目已开工47个，开工率达到85.5%，完成投资127亿元。"
    slip = "建设项目27项（省级6项、市级5项、县级15项），年度计划投资228亿元，完成投资174.3亿元，占年度计划的76.4%。"
    copies = 300 * 22 * 28 // (len(sound) + len(slip))
    path = tmp_path / "long.txt"
    path.write_text("\n".join([sound, slip] * copies) + "\n", encoding="utf-8")
    result = audit_file(path)
    assert len(result.wrong) == copies
    assert len(result.checked) == 3 * copies


def test_every_code_is_documented():
    doc = DOCS.read_text(encoding="utf-8")
    for code, (_, title) in CODES.items():
        section = doc.split(f"## {code} ", 1)
        assert len(section) == 2, f"{code} has no section in docs/audit.md"
        assert title in section[1].splitlines()[0]
        body = section[1].split("\n## ", 1)[0]
        assert "```" in body, f"{code}: the section needs an example"


def test_a_long_passage_is_judged_in_pieces_cut_at_punctuation():
    from majorproj.audit.findings import pieces

    text = "计划新开工项目120个，已开工104个，开工率86.7%，" * 300 + "完成投资。" * 900
    cut = pieces(text, size=1000)
    assert "".join(piece for _, piece in cut) == text
    assert all(len(piece) <= 1000 for _, piece in cut)
    assert all(text[offset - 1] in "。，" for offset, _ in cut[1:])
    assert [offset for offset, _ in cut] == sorted({offset for offset, _ in cut})


def test_audit_timing_script_smoke_run():
    import subprocess
    import sys

    bench = Path(__file__).parent.parent / "bench" / "audit.py"
    run_ = subprocess.run([sys.executable, str(bench), "--pages", "3", "--repeat", "1"],
                          capture_output=True, text=True, timeout=300)
    assert run_.returncode == 0, run_.stderr  # it found exactly the slips it planted
    assert "| 3 |" in run_.stdout


@pytest.mark.parametrize("period", ["2024Q1", "2024M08", "2024"])
def test_reports_of_other_periods_agree_with_the_ledger(tmp_path, period):
    path = tmp_path / f"{period}.md"
    assert run("report", "-p", period, "-l", SAMPLE, "-o", path).exit_code == 0
    result = run("audit", path, "-l", SAMPLE, "-p", period, "-f", "json")
    data = json.loads(result.stdout)  # 2024M08 and 2024 are cut to June: a note on stderr
    assert result.exit_code == 0 and data["wrong"] == 0
    assert len([c for c in data["claims"] if c["kind"] == "ledger"]) >= 30


def test_the_markdown_preview_of_names_holding_markdown_characters_audits_clean(tmp_path):
    """The preview escapes a county's | (which would end a table cell) and a tag's _ as
    \\| and \\_: read back, each is its character, not a column nor a different name, so
    majorproj's own preview of a sound ledger has no wrong figure."""
    import shutil

    ledger = tmp_path / "ledger"
    shutil.copytree(SAMPLE, ledger)
    for path in ledger.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("东湖区", "东|湖区").replace("灾后重建", "灾后_重建")
                        .replace("counties: [东|湖区,", 'counties: ["东|湖区",'), encoding="utf-8")
    out = tmp_path / "r.md"
    assert run("report", "-l", ledger, "-p", "2024H1", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "东\\|湖区" in text and "灾后\\_重建" in text
    result = run("audit", out, "-l", ledger, "-p", "2024H1", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["wrong"] == 0 and data["checked"] > 50


def _tracked(paragraph, deleted: str, inserted: str, after: str) -> None:
    """Append to ``paragraph`` a tracked change, ``deleted`` replaced by ``inserted``,
    then ``after``, as Word writes it (w:del holding w:delText, w:ins holding w:t)."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    stamp = 'w:author="a" w:date="2024-07-10T00:00:00Z"'
    paragraph._p.append(parse_xml(f'<w:del {w} w:id="1" {stamp}><w:r>'
                                  f'<w:delText>{deleted}</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {w} w:id="2" {stamp}><w:r><w:t>{inserted}</w:t>'
                                  '</w:r></w:ins>'))
    paragraph.add_run(after)


def test_a_docx_with_tracked_changes_reads_as_with_them_accepted(tmp_path):
    document = docx.Document()
    _tracked(document.add_paragraph("1-6月，全市计划新开工项目120个，已开工104个，开工率"),
             "86.7", "82.8", "%。")
    table = document.add_table(rows=1, cols=1)
    _tracked(table.cell(0, 0).paragraphs[0], "27", "28", "项（省级6项、市级5项、县级16项）")
    path = tmp_path / "r.docx"
    document.save(path)
    data = json.loads(run("audit", path, "-f", "json").output)
    # the inserted 82.8% is not 104 of 120 (86.7%); the inserted 28项 is not 6 + 5 + 16 (27)
    assert [(c["line"], c["printed"], c["expected"]) for c in data["claims"] if not c["ok"]] == [
        (1, "82.8%", "86.7%"), (2, "28项", "27项")]


def test_a_docx_reads_its_content_controls_and_not_its_text_boxes_twice(tmp_path):
    """A template's fill-in fields are content controls (w:sdt) around paragraphs or runs;
    their text is the report's. A text box's paragraphs do not run into the paragraph that
    anchors it."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(f'<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>'
                             '建设项目28项（省级6项、市级5项、县级16项）。</w:t></w:r></w:p>'
                             '</w:sdtContent></w:sdt>'))
    body.insert(1, parse_xml(f'<w:p {w}><w:r><w:t>1-6月，全市计划新开工项目120个，</w:t></w:r>'
                             '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>已开工104个，开工率82.8%。'
                             '</w:t></w:r></w:sdtContent></w:sdt>'
                             '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
                             '<v:textbox><w:txbxContent><w:p><w:r><w:t>图1</w:t></w:r></w:p>'
                             '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'))
    path = tmp_path / "r.docx"
    document.save(path)
    assert [p.text for p in read_report(path)] == [
        "建设项目28项（省级6项、市级5项、县级16项）。", "1-6月，全市计划新开工项目120个，已开工104个，开工率82.8%。"]
    data = json.loads(run("audit", path, "-f", "json").output)
    # 6 + 5 + 16 = 27; 104 / 120 = 86.67%
    assert [(c["line"], c["printed"], c["expected"]) for c in data["claims"] if not c["ok"]] == [
        (1, "28项", "27项"), (2, "82.8%", "86.7%")]


def test_a_markdown_list_item_goes_on_in_its_next_line(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 一、总体情况\n1. 南岭县年度计划投资22.2亿元，完成投资18.3亿元，\n"
                    "   占年度计划的92.5%。\n2. 临江市完成投资50.2亿元。\n", encoding="utf-8")
    assert [(p.line, p.text) for p in read_report(path)] == [
        (1, "一、总体情况"), (2, "南岭县年度计划投资22.2亿元，完成投资18.3亿元，占年度计划的92.5%。"),
        (4, "临江市完成投资50.2亿元。")]
    data = json.loads(run("audit", path, "-f", "json").output)
    # 18.3 / 22.2 = 82.43%, found where it stands: line 3, after the indent
    assert [(c["line"], c["column"], c["expected"]) for c in data["claims"] if not c["ok"]] == [
        (3, 10, "82.4%")]


def test_an_escaped_character_keeps_its_place_in_the_line(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("| 县 | 开工率 |\n|---|---:|\n| 东\\|湖区 | 计划新开工项目120个，已开工104个，开工率88.7% |\n",
                    encoding="utf-8")
    [cell] = [p for p in read_report(path) if p.cell == (0, 1, 0)]
    # | 东 \ | 湖 区: 区 is the 7th character of the line, the 4th of the cell's text
    assert cell.text == "东|湖区" and cell.place(3) == (3, 7)
    data = json.loads(run("audit", path, "-f", "json").output)
    [claim] = data["claims"]
    line = "| 东\\|湖区 | 计划新开工项目120个，已开工104个，开工率88.7% |"
    assert (claim["line"], claim["column"]) == (3, line.index("88.7") + 1)


def test_markdown_emphasis_is_no_part_of_the_figures_and_keeps_their_places(tmp_path):
    lines = ["1-6月，全市计划新开工项目**120个**，已开工**104个**，开工率**82.8%**。",
             "1-6月，全市完成投资174.3亿元，占年度计划228亿元的76.4%，超过时间进度*24.6*个百分点。",
             "__建设项目27项__（省级6项、市级5项、县级15项）。"]
    path = tmp_path / "r.md"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    data = json.loads(run("audit", path, "-f", "json").output)
    wrong = [(c["line"], c["column"], c["printed"], c["expected"], "*" in c["message"])
             for c in data["claims"] if not c["ok"]]
    # 104 / 120 = 86.67%; 174.3 / 228 = 76.45%, less 6/12 is 26.4 points; 6 + 5 + 15 = 26
    assert wrong == [(1, lines[0].index("82.8") + 1, "82.8%", "86.7%", False),
                     (3, lines[1].index("24.6") + 1, "24.6个百分点", "26.4个百分点", False),
                     (5, lines[2].index("27") + 1, "27项", "26项", False)]


def test_a_docx_whose_xml_unpacks_far_beyond_any_report_is_refused_at_once(tmp_path):
    """17 MB of empty paragraphs packed into a few KB: refused (exit 2) before it is
    parsed, which would take minutes and gigabytes for millions of paragraphs."""
    import zipfile

    base = tmp_path / "base.docx"
    document = docx.Document()
    document.add_paragraph("完成投资174.3亿元，占年度计划228亿元的76.4%。")
    document.save(base)
    with zipfile.ZipFile(base) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + "<w:p/>" * 3_000_000,
                                             1).encode()
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert len(parts["word/document.xml"]) > 16 * 2**20 and bomb.stat().st_size < 2**20
    result = run("audit", bomb)
    assert result.exit_code == 2
    assert "its part word/document.xml unpacks to 17 MB" in result.output
    assert run("audit", base).exit_code == 0  # the same report, as written, is read
