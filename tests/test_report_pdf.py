"""The sample report as a reader gets it: converted to PDF by LibreOffice, read as text.

CI installs libreoffice-writer-nogui, fonts-noto-cjk and poppler-utils; without
soffice or the poppler tools the test is skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from majorproj.cli import app
from test_report import RUNNER

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
TOOLS = ("soffice", "pdftotext", "pdfinfo")

pytestmark = pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                reason="needs soffice (LibreOffice) and poppler-utils")


def run(*command: str, timeout: int = 300) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          check=True)
    return done.stdout


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pdf")
    docx = tmp / "report.docx"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(docx)])
    assert result.exit_code == 0, result.output
    # a profile of its own, so that a LibreOffice already running does not swallow the job
    run("soffice", f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
        "--convert-to", "pdf", "--outdir", str(tmp), str(docx))
    return tmp / "report.pdf"


def pages(pdf: Path) -> list[tuple[float, float]]:
    info = run("pdfinfo", "-f", "1", "-l", "9999", str(pdf))
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def test_the_sample_report_has_a_plausible_number_of_a4_pages(pdf: Path) -> None:
    sizes = pages(pdf)
    # a few pages of text, then 130 projects (≈ 20 rows a page), 8 counties, 26 lagging
    assert 10 <= len(sizes) <= 40
    portrait = [i for i, (w, h) in enumerate(sizes) if w < h]
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert portrait and landscape and max(portrait) < min(landscape)  # annexes come last
    for w, h in sizes:
        assert sorted((round(w), round(h))) == [595, 842]  # A4 in points


def test_the_pdf_text_carries_the_key_figures(pdf: Path) -> None:
    text = run("pdftotext", "-layout", str(pdf), "-")
    flat = re.sub(r"\s+", "", text)
    assert "某市2024年上半年重大项目工作情况报告" in flat
    assert "总投资795亿元" in flat and "年度计划投资228亿元" in flat
    assert "累计完成投资174.3亿元" in flat
    # 47 of 55 provincial new projects started: 85.5%, not the hand-typed 82.8%
    assert "计划新开工55个、已开工47个，开工率85.5%" in flat
    assert "82.8%" not in flat
    for number in ("附件1", "附件2", "附件3"):
        assert number in flat


def test_every_page_shows_its_number(pdf: Path) -> None:
    count = len(pages(pdf))
    for page in range(1, count + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-")
        assert re.search(rf"—\s*{page}\s*—", text), f"page {page} has no '— {page} —'"
