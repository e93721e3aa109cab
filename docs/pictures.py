"""Make the README's pictures from the bundled sample, with the project's own commands.

    python docs/pictures.py        # writes docs/img/*.png

Needs LibreOffice (soffice), poppler-utils (pdftoppm) and Chromium with its driver, the
packages .ci/run installs. Each picture is what a reader sees: the report's chart page as
LibreOffice prints it, the web page and the terminal table as Chromium shows them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
OUT = ROOT / "docs" / "img"


def majorproj(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "majorproj", *args], check=True,
                          capture_output=True, text=True, env={"COLUMNS": "110", "PATH": ""})
    return done.stdout


def _page_picture(document: Path, tmp: Path, words: str, name: str, dpi: int) -> None:
    """The page of ``document`` (as LibreOffice prints it) that shows ``words``, as a PNG."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(document)], check=True,
                   capture_output=True)
    pdf = document.with_suffix(".pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    page = next(i for i, p in enumerate(text.split("\f"), 1) if words in p)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-f", str(page), "-l",
                    str(page), str(pdf), str(OUT / name)], check=True)


def report_page(tmp: Path) -> None:
    docx = tmp / "report.docx"
    majorproj("report", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(docx))
    _page_picture(docx, tmp, "项目预警情况", "report-charts", 70)  # 图2 and 图3


def export_sheet(tmp: Path) -> None:
    xlsx = tmp / "export.xlsx"
    majorproj("export", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(xlsx))
    _page_picture(xlsx, tmp, "各县（市、区）投资完成率", "export-charts", 60)  # its 图表 sheet


def _screenshot(url: str, target: Path, width: int, height: int, script: str = "") -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--window-size={width},{height}",
                 "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(url)
        if script:
            driver.execute_script(script)
        driver.save_screenshot(str(target))
    finally:
        driver.quit()


def web_page(tmp: Path) -> None:
    html = tmp / "report.html"
    majorproj("report", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(html))
    _screenshot(html.as_uri(), OUT / "web-page.png", 1000, 1300)
    # the project table filtered to one county and sorted by 完成率, as a reader clicks it
    _screenshot(html.as_uri(), OUT / "web-table.png", 1000, 700, """
        var s = document.querySelector('select[data-column="2"]');
        s.value = '东湖区'; s.dispatchEvent(new Event('change'));
        var th = Array.from(document.querySelectorAll('#listing th'))
            .find(function (h) { return h.textContent === '完成率'; });
        th.click(); th.click();
        document.querySelector('.filters').scrollIntoView();""")


def terminal(tmp: Path) -> None:
    from rich.console import Console
    from rich.terminal_theme import MONOKAI

    from majorproj.ledger.load import load_ledger
    from majorproj.metrics import compute
    from majorproj.periods import parse_period
    from majorproj.render.table import ranking

    ledger = load_ledger(SAMPLE).ledger
    console = Console(record=True, width=100, force_terminal=True, color_system="truecolor",
                      file=open("/dev/null", "w"))  # noqa: SIM115 (closed at exit)
    console.print(ranking(compute(ledger, parse_period("2024H1", ledger.config.year))))
    page = tmp / "terminal.html"
    page.write_text(console.export_html(theme=MONOKAI, inline_styles=True, code_format=(
        "<html><head><meta charset='utf-8'></head><body style='margin:0;background:{background}'>"
        "<pre style='font-family:\"Noto Sans Mono CJK SC\",monospace;font-size:15px;"
        "color:{foreground};padding:12px;margin:0'><code>{code}</code></pre></body></html>")),
        encoding="utf-8")
    _screenshot(page.as_uri(), OUT / "summary-ranking.png", 1000, 440)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for make in (report_page, export_sheet, web_page, terminal):
            make(Path(tmp))
    print("\n".join(str(p.relative_to(ROOT)) for p in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
