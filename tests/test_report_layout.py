"""What a reader of the issued document would otherwise retouch: the signature never
alone on a page, the 附件 list in one piece, 发文字号 and 版记 where GB/T 9704 puts them,
and wording that does not repeat itself or count zero achievements.

The PDF checks convert with LibreOffice (skipped without soffice and poppler).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from majorproj.cli import app

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
SMALL = Path(__file__).parent / "metrics" / "small"
RUNNER = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ISSUED = """  number: 某发改[2024]012号
  copy_to: [市委办公室, 市人大常委会办公室, 市政府办公室, 市政协办公室, 各县（市、区）人民政府]
  printed_by: 某市发展和改革委员会办公室
  printed_on: 2024-07-16
"""


def issued_sample(root: Path) -> Path:
    """The sample with a 发文字号 (written loosely) and a 版记 in its report settings."""
    shutil.copytree(SAMPLE, root)
    config = root / "majorproj.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("report:\n", "report:\n" + ISSUED, 1), encoding="utf-8")
    return root


def report(root: Path, out: Path) -> Path:
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# ── settings ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("written", ["某发改〔2024〕12号", "某发改[2024]12号", "某发改（2024）第12号",
                                     "某发改［2024］012号", "某发改 〔2024〕 12 号"])
def test_the_document_number_is_put_in_gb_form(written):
    from majorproj.ledger.models import ReportSettings

    assert ReportSettings(number=written).number == "某发改〔2024〕12号"


def test_a_number_that_is_not_a_document_number_is_e103(tmp_path):
    from test_targets_lights import config_problems

    problems = config_problems(tmp_path, "report:\n  number: 某发改2024-12\n", "E103")
    # the config's 10 lines, report: (11), number (12), its value at column 11
    assert [(p.file, p.line, p.column) for p in problems] == [("majorproj.yaml", 12, 11)]
    assert "某发改〔2024〕12号" in problems[0].message


# ── the .docx ───────────────────────────────────────────────────────────────────


def paragraphs(path: Path) -> list:
    return docx.Document(io.BytesIO(path.read_bytes())).paragraphs


def keeps_with_next(paragraph) -> bool:
    return paragraph._p.find(f"{W}pPr/{W}keepNext") is not None


def test_the_end_of_the_body_the_annex_list_and_the_signature_hold_together(tmp_path):
    items = paragraphs(report(SAMPLE, tmp_path / "r.docx"))
    texts = [p.text for p in items]
    date = texts.index("2024年7月15日")
    first_annex = next(i for i, t in enumerate(texts) if t.startswith("附件："))
    last_body = first_annex - 2  # the blank line between body and 附件 list
    assert texts[last_body].startswith("10.")  # the sample's last paragraph of prose
    # every paragraph from the body's last one to the organ keeps with the next
    assert all(keeps_with_next(p) for p in items[last_body:date])
    assert not keeps_with_next(items[date])
    assert not keeps_with_next(items[last_body - 1])  # the body before it flows freely


def test_the_number_heads_the_first_page_and_the_colophon_closes_the_last(tmp_path):
    path = report(issued_sample(tmp_path / "ledger"), tmp_path / "r.docx")
    texts = [p.text for p in paragraphs(path)]
    assert texts[0] == "某发改〔2024〕12号" and texts[1] == ""
    number = paragraphs(path)[0]._p.pPr  # centred, not indented, digits not spaced apart
    assert number.find(f"{W}jc").get(f"{W}val") == "center"
    assert number.find(f"{W}ind").get(f"{W}firstLine") == "0"
    assert number.find(f"{W}autoSpaceDE").get(f"{W}val") == "0"
    assert number.find(f"{W}autoSpaceDN").get(f"{W}val") == "0"
    assert texts[2] == "某市2024年上半年重大项目工作情况报告"
    ends = [t for t in texts if t][-2:]
    # 版心 156 mm of 4号 (14 pt = 4.94 mm) characters: 31.6; less one each side and the
    # three of 抄送： leaves 26.6, so 26 characters a line: 市委办公室，(6) 市人大常委会办公室，
    # (16) 市政府办公室，(23) 市政协 (26)
    assert ends[0] == ("抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协\n"
                       "办公室，各县（市、区）人民政府。")
    assert ends[1] == "某市发展和改革委员会办公室\t2024年7月16日印发"


def test_the_colophon_is_set_so_that_its_last_rule_is_the_foot_of_the_page(tmp_path):
    """The 版记's paragraphs as GB/T 9704 7.4 sets them, worked out from the page: the 版心
    is 297 − 37 − 35 = 225 mm (12,756 twips) high and 210 − 28 − 26 = 156 mm (8,844) wide;
    4号 is 14 pt (280 twips, one character); a rule's paragraph is 1 pt (20), a line
    28.95 pt exactly (579)."""
    import zipfile

    from lxml import etree

    path = report(issued_sample(tmp_path / "ledger"), tmp_path / "r.docx")
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    last = [p for p in body.findall(f"{W}p")][-5:]  # thick rule, 抄送, thin rule, 印发, thick

    def attr(p, path, name):
        found = p.find(path)
        return None if found is None else found.get(f"{W}{name}")

    borders = [attr(p, f"{W}pPr/{W}pBdr/{W}top", "sz") for p in last]
    assert borders == ["8", None, "6", None, "8"]  # 0.35 mm, 0.25 mm, 0.35 mm
    # above: the 版心 less three rules, the two 抄送 lines and the 印发 line, less 120 of slack:
    # 12756 − (3 × 20 + 3 × 579) − 120 = 10839
    assert attr(last[0], f"{W}pPr/{W}spacing", "before") == "10839"
    assert [attr(p, f"{W}pPr/{W}spacing", "line") for p in last] == ["20", "579", "20", "579",
                                                                      "20"]
    # 抄送: one character in on each side, later lines under the first name (3 characters in)
    copy = last[1].find(f"{W}pPr/{W}ind")
    assert (copy.get(f"{W}left"), copy.get(f"{W}hanging"), copy.get(f"{W}right")) == (
        "1120", "840", "280")
    # 印发机关 one character in on the left, 印发日期 ending one character in on the right
    printed = last[3].find(f"{W}pPr")
    assert printed.find(f"{W}tabs/{W}tab").get(f"{W}pos") == str(8844 - 280)
    assert (printed.find(f"{W}ind").get(f"{W}left"), printed.find(f"{W}ind").get(f"{W}right")
            ) == ("280", "280")
    sizes = {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for p in (last[1], last[3])
             for r in p.findall(f"{W}r") if r.find(f"{W}t") is not None}
    assert sizes == {"28"}  # 14 pt in half points


def test_a_colophon_without_copy_to_has_two_rules_and_its_own_page(tmp_path):
    """No 抄送: a thick rule, the 印发 line, a thick rule, the space above them
    12,756 − (2 × 20 + 579) − 120 = 12,017 twips; the 版记 starts a new page, and the
    section break before it is a 1 pt paragraph that cannot push a page over."""
    import zipfile

    from lxml import etree

    root = issued_sample(tmp_path / "ledger")
    config = root / "majorproj.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in text.split("\n")
                                if not line.startswith("  copy_to:")), encoding="utf-8")
    path = report(root, tmp_path / "r.docx")
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    paragraphs_ = body.findall(f"{W}p")
    last = paragraphs_[-3:]

    def attr(p, path, name):
        found = p.find(path)
        return None if found is None else found.get(f"{W}{name}")

    assert "".join(last[1].itertext()) == "某市发展和改革委员会办公室2024年7月16日印发"  # a <w:tab/>
    assert last[1].find(f"{W}r/{W}tab") is not None
    assert [attr(p, f"{W}pPr/{W}pBdr/{W}top", "sz") for p in last] == ["8", None, "8"]
    assert attr(last[0], f"{W}pPr/{W}spacing", "before") == "12017"
    assert [attr(p, f"{W}pPr/{W}spacing", "line") for p in last] == ["20", "579", "20"]
    # 印发机关 and 日期 are not spaced apart from the digits by the reader
    assert attr(last[1], f"{W}pPr/{W}autoSpaceDE", "val") == "0"
    assert attr(last[1], f"{W}pPr/{W}autoSpaceDN", "val") == "0"
    breaks = [p for p in paragraphs_ if p.find(f"{W}pPr/{W}sectPr") is not None]
    before = breaks[-1]  # the section break just before the 版记's page
    assert paragraphs_.index(before) == len(paragraphs_) - 4
    assert attr(before, f"{W}pPr/{W}spacing", "line") == "20"
    assert attr(before, f"{W}pPr/{W}spacing", "lineRule") == "exact"
    final = body.find(f"{W}sectPr")  # the 版记's own section: a new, portrait page
    assert attr(final, f"{W}type", "val") in (None, "nextPage")
    assert (attr(final, f"{W}pgSz", "w"), attr(final, f"{W}pgSz", "h")) == ("11906", "16838")


def test_the_markdown_carries_the_number_and_the_colophon(tmp_path):
    text = report(issued_sample(tmp_path / "ledger"), tmp_path / "r.md").read_text(
        encoding="utf-8")
    assert text.startswith("# 某市2024年上半年重大项目工作情况报告\n\n某发改〔2024〕12号\n")
    assert text.rstrip().endswith("某市发展和改革委员会办公室　　2024年7月16日印发")
    assert "抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室，各县（市、区）人民政府。" in text


def test_without_settings_there_is_no_number_and_no_colophon(tmp_path):
    text = report(SAMPLE, tmp_path / "r.md").read_text(encoding="utf-8")
    assert "抄送" not in text and "印发" not in text and "〔" not in text


def test_wrap_chars_keeps_closing_punctuation_off_a_line_start():
    from majorproj.render.docx import wrap_chars

    assert wrap_chars("甲乙丙，丁", 3) == ["甲乙丙，", "丁"]
    assert wrap_chars("ab甲乙", 2) == ["ab甲", "乙"]  # Latin letters count half


# ── wording ─────────────────────────────────────────────────────────────────────


def markdown(root: Path, tmp_path: Path, period: str) -> str:
    out = tmp_path / "r.md"
    result = RUNNER.invoke(app, ["report", "-p", period, "-l", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_batch_with_nothing_achieved_says_not_yet(tmp_path):
    # small ledger, March: 开工一批 P2 (started 30 June) and P3 (1 July), 投产一批 P1
    # (in production 30 June), 达效一批 P6 (达效 1 June): none achieved by 31 March
    text = markdown(SMALL, tmp_path, "2024Q1")
    assert "“开工一批”项目2个、尚未开工；“投产一批”项目1个、尚未投产；“达效一批”项目1个、尚未达效。" in text
    assert "已投产0个" not in text and "已达效0个" not in text


# ── the PDF a reader gets ───────────────────────────────────────────────────────

TOOLS = ("soffice", "pdftotext", "pdfinfo")
needs_tools = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                 reason="needs soffice (LibreOffice) and poppler-utils")


def pdf_pages(path: Path) -> list[str]:
    tmp = path.parent
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(path)],
                   capture_output=True, timeout=300, check=True)
    pdf = path.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info)[1])
    return [re.sub(r"\s+", "", subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
        text=True, check=True).stdout) for n in range(1, count + 1)]


@needs_tools
def test_in_the_pdf_the_signature_page_has_prose_and_the_whole_annex_list(tmp_path):
    pages = pdf_pages(report(issued_sample(tmp_path / "ledger"), tmp_path / "r.docx"))
    signed = [i for i, page in enumerate(pages) if "某市发展和改革委员会2024年7月15日" in page]
    assert len(signed) == 1
    page = pages[signed[0]]
    assert "附件：1.重点项目推进情况表2.县（市、区）推进情况排名表3.滞后项目清单" in page
    before = page.split("附件：")[0]
    assert "教育局。" in before  # the end of the last paragraph of prose stands above it
    # 发文字号 over the title on the first page
    assert pages[0].startswith("某发改〔2024〕12号某市2024年上半年重大项目工作情况报告")
    # 版记 alone on the last page, its last line the 印发 line
    assert pages[-1].startswith("抄送：")
    # (the page number, left on an even page and right on an odd one, may come out of the
    # PDF's text between the 印发 line's two ends)
    last, numbers = re.subn(r"—\d+—", "", pages[-1])
    assert numbers == 1 and re.fullmatch(r"抄送：.*政府。某市发展和改革委员会办公室2024年7月16日印发",
                                         last)
