"""The report as a web page: self-contained, escaped, and working in a real browser.

The browser tests drive Debian's headless Chromium (packages chromium and chromium-driver,
which .ci/run installs) through selenium; without them they are skipped.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from majorproj.cli import app
from test_report import RUNNER

SAMPLE = Path(__file__).parent.parent / "data" / "sample"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_format_follows_the_output_name_and_the_bytes_are_stable(page, tmp_path) -> None:
    again = tmp_path / "again.htm"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(SAMPLE), "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == page.read_bytes()


def test_the_page_fetches_nothing(page) -> None:
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"\b(src|href)\s*=", html)
    assert "url(" not in html and "@import" not in html
    # the only address is the SVG namespace, which is a name, not a request
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}


def test_the_page_has_the_prose_charts_and_every_project(page) -> None:
    html = page.read_text(encoding="utf-8")
    assert "<h2>一、某市重大项目推进情况</h2>" in html
    assert html.count("<svg ") == 3 and "图1 各县（市、区）投资完成率" in html
    start = html.index('<table id="listing" data-rows="130" data-sums>')
    listing = html[start:html.index("</table>", start)]
    # the header row, the 合计 and the sample's 130 projects
    assert listing.count("<tr") == 1 + 1 + 130


def test_ledger_text_is_text_in_the_page(tmp_path) -> None:
    ledger = tmp_path / "ledger"
    shutil.copytree(SAMPLE, ledger)
    county_file = ledger / "projects" / "东湖区.yaml"
    text = county_file.read_text(encoding="utf-8")
    first_name = re.search(r"name: (.+)", text)[1]
    hostile = "'<img src=x onerror=alert(1)>## 标题</table><script>alert(2)</script>'"
    county_file.write_text(text.replace(f"name: {first_name}", f"name: {hostile}", 1),
                           encoding="utf-8")
    out = tmp_path / "r.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<img" not in html and "<script>alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;## 标题&lt;/table&gt;" in html


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.skip("needs chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1000,1400"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _visible_rows(driver) -> list[list[str]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#listing tbody:not(.sum) tr'))"
        ".filter(r => !r.hidden).map(r => Array.from(r.cells).map(c => c.textContent));")


def test_in_a_browser_it_filters_sorts_and_requests_nothing(page, browser, tmp_path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(page.as_uri())
    assert browser.title == "某市2024年上半年重大项目工作情况报告"
    rows = _visible_rows(browser)
    assert len(rows) == 130
    assert browser.find_element(By.ID, "count").text == "共 130 个项目"

    county = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-column="2"]'))
    county.select_by_visible_text("东湖区")
    rows = _visible_rows(browser)
    expected = sum(1 for line in (SAMPLE / "projects" / "东湖区.yaml").read_text(
        encoding="utf-8").splitlines() if re.match(r"\s*- id:", line))
    assert len(rows) == expected and {r[2] for r in rows} == {"东湖区"}
    light = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-column="9"]'))
    light.select_by_visible_text("红灯")
    assert {(r[2], r[9]) for r in _visible_rows(browser)} <= {("东湖区", "红灯")}
    county.select_by_index(0)
    light.select_by_index(0)

    header = browser.find_element(By.XPATH, "//table[@id='listing']//th[text()='完成率']")
    header.click()  # ascending
    header.click()  # descending
    assert header.get_attribute("aria-sort") == "descending"
    rates = [float(r[8].rstrip("%")) for r in _visible_rows(browser) if r[8] != "—"]
    assert rates == sorted(rates, reverse=True) and len(rates) > 100

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    requests = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
    urls = {m["params"]["request"]["url"] for m in requests
            if m["method"] == "Network.requestWillBeSent"}
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    shot = tmp_path / "page.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 20_000


def test_on_a_phone_nothing_overflows_the_page(page, browser) -> None:
    browser.set_window_size(400, 900)
    browser.get(page.as_uri())
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400  # wide tables scroll inside their own box
    # and keep their width there: a project's name is not squeezed to a character a line
    # (the body's 15px type: 5 characters are 75px)
    names = browser.execute_script(
        "return Array.from(document.querySelectorAll('table')).map(t => {"
        " const h = Array.from(t.querySelectorAll('th')).find(c => c.textContent.includes('项目名称'));"
        " return h ? h.getBoundingClientRect().width : null; }).filter(w => w !== null)")
    assert names and min(names) >= 75, names
    lines = browser.execute_script(  # the lines each 序号 header's text takes
        "return Array.from(document.querySelectorAll('th')).filter(c => c.textContent.trim()"
        " === '序号').map(c => { const r = document.createRange(); r.selectNodeContents(c);"
        " return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; })")
    assert lines and max(lines) == 1, lines  # 序号 whole, not 序 over 号
    browser.set_window_size(1000, 1400)


@pytest.fixture(scope="module")
def long_page(tmp_path_factory) -> Path:
    """A ledger of 450 projects (more than the rows written as HTML), one named hostilely."""
    import subprocess
    import sys

    tmp = tmp_path_factory.mktemp("long")
    ledger = tmp / "ledger"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "bench" / "generate.py"),
                    "450", str(ledger)], check=True, capture_output=True)
    last = sorted((ledger / "projects").glob("*.yaml"))[-1]
    text = last.read_text(encoding="utf-8")
    names = re.findall(r"^    name: (.+)$", text, flags=re.M)
    hostile = "'</script><script>document.title=\"owned\"</script>&amp;'"
    last.write_text(text.replace(f"name: {names[-1]}", f"name: {hostile}"), encoding="utf-8")
    page = tmp / "long.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger), "-o", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_rows_past_the_first_wait_as_escaped_json(long_page) -> None:
    html = long_page.read_text(encoding="utf-8")
    listing = html[html.index('<table id="listing" data-rows="450" data-sums>'):]
    assert listing[:listing.index("</table>")].count("<tr") == 1 + 1 + 200
    block = listing[listing.index('<script type="application/json" data-rows-for="listing">'):]
    block = block[:block.index("</script>")]
    assert "<" not in block.split(">", 1)[1] and "\\u003c/script\\u003e" in block


def test_the_script_adds_every_row_as_text(long_page, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(long_page.as_uri())
    WebDriverWait(browser, 30).until(lambda d: len(_visible_rows(d)) == 450)
    assert browser.title != "owned"
    names = [r[1] for r in _visible_rows(browser)]
    assert '</script><script>document.title="owned"</script>&amp;' in names
    header = browser.find_element(By.XPATH, "//table[@id='listing']//th[text()='序号']")
    header.click()
    header.click()  # descending by 序号: the last project first
    assert _visible_rows(browser)[0][0] == "450"


def test_it_prints_on_a4_with_the_annexes_landscape(page, browser, tmp_path) -> None:
    import base64
    import subprocess

    if shutil.which("pdfinfo") is None:
        pytest.skip("needs poppler-utils")
    browser.get(page.as_uri())
    pdf = tmp_path / "printed.pdf"
    # as the browser's print dialog does with the page's own @page sizes
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf.write_bytes(base64.b64decode(printed["data"]))
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    sizes = {tuple(round(float(x)) for x in found) for found in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)}
    # A4 is 595 × 842 points: the prose upright, the annexes' wide tables on their side
    assert sizes == {(595, 842), (842, 595)}
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "全部" not in text.split("重点项目推进情况表")[-1][:200]  # the filters are not printed


def test_only_the_web_page_builds_the_project_listing() -> None:
    from majorproj.ledger.load import load_ledger
    from majorproj.periods import parse_period
    from majorproj.render.docx import write_docx
    from majorproj.render.html import write_html
    from majorproj.render.md import write_markdown
    from majorproj.report import build_report

    report = build_report(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))
    write_docx(report)
    write_markdown(report)
    assert "listing" not in vars(report)  # a table of every project that neither shows
    write_html(report)
    assert len(vars(report)["listing"].rows) == 130


# ── the page's outline, read back with the standard library's parser ──────────


def _outline(html: str) -> list[tuple[str, str]]:
    """The body's elements in order as (tag, text): a <br> reads as a line break, a figure
    as its caption, a section as its heading; scripts are left out."""
    from html.parser import HTMLParser

    class Outline(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.items: list[tuple[str, str]] = []
            self.depth = 0  # under <body>: 0 outside it, 1 between its elements
            self.top = ""  # the body's element being read
            self.text: list[str] = []
            self.named: str | None = None  # a figure's caption, a section's heading

        def handle_starttag(self, tag, attrs) -> None:
            if tag == "br":
                self.text.append("\n")
            elif tag not in ("meta", "html", "head") and (self.depth or tag == "body"):
                if self.depth == 1:
                    self.top, self.text, self.named = tag, [], None
                elif tag in ("figcaption", "h2") and self.named is None:
                    self.text = []
                self.depth += 1

        def handle_endtag(self, tag) -> None:
            if not self.depth or tag == "br":
                return
            self.depth -= 1
            if tag in ("figcaption", "h2") and self.depth == 2 and self.named is None:
                self.named = "".join(self.text)
            if self.depth == 1 and self.top != "script":
                self.items.append((tag, self.named or "".join(self.text)))

        def handle_data(self, data) -> None:
            self.text.append(data)

    parser = Outline()
    parser.feed(html)
    return parser.items


@pytest.fixture(scope="module")
def sample_report():
    from majorproj.ledger.load import load_ledger
    from majorproj.periods import parse_period
    from majorproj.report import build_report

    return build_report(load_ledger(SAMPLE).ledger, parse_period("2024H1", 2024))


def _expected_body(report) -> list[tuple[str, str]]:
    """The page's body as the report defines it: the title, the blocks with the charts
    after the first part, the signature, then the listing of every project as annex 1,
    and annexes 2 and 3."""
    tags = {"heading1": "h2", "heading2": "h3", "paragraph": "p"}
    figures = [("figure", chart.caption) for chart in report.charts]
    body = [("h1", report.title)]
    for i, block in enumerate(report.blocks):
        if i == report.charts_at:
            body += figures
        body.append((tags[block.kind], block.lead + block.text))
    if report.charts_at == len(report.blocks):
        body += figures
    body.append(("p", f"{report.organ}\n{report.date_text}"))
    if report.listing is None:  # no figures to list every project from: annex 1 stays
        return body + [("section", f"附件{a.number}　{a.title}") for a in report.annexes]
    body.append(("section", f"附件1　{report.listing.title}"))
    return body + [("section", f"附件{a.number}　{a.title}") for a in report.annexes[1:]]


def test_the_page_holds_the_reports_parts_in_their_order(sample_report) -> None:
    from majorproj.render.html import write_html

    html = write_html(sample_report).decode("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
                           '<meta http-equiv="Content-Security-Policy" content="default-src ')
    assert ("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{sample_report.title}</title>\n<style>") in html
    assert "</style>\n</head>\n<body>\n<h1>" in html
    assert html.endswith("</script>\n</body>\n</html>\n")
    outline = _outline(html)
    # the sample: 28 blocks, the second 一级标题 at block 7, three charts, annexes 1–3
    assert sample_report.charts_at == 7 and len(sample_report.charts) == 3
    assert outline == _expected_body(sample_report)
    assert [tag for tag, _ in outline[7:11]] == ["p", "figure", "figure", "figure"]
    assert [text for tag, text in outline if tag == "section"] == [
        "附件1　重点项目推进情况表", "附件2　县（市、区）推进情况排名表", "附件3　滞后项目清单"]


def test_a_title_in_two_lines_and_charts_after_the_last_block(sample_report) -> None:
    from dataclasses import replace

    from majorproj.render.html import write_html

    # only the first part: no second 一级标题, so the charts follow the last block
    report = replace(sample_report, title="某市 2024年上半年\n重大项目工作情况报告",
                     blocks=sample_report.blocks[:7])
    assert report.charts_at == len(report.blocks) == 7
    html = write_html(report).decode("utf-8")
    assert "<title>某市 2024年上半年重大项目工作情况报告</title>" in html
    assert "<h1>某市 2024年上半年<br>重大项目工作情况报告</h1>" in html  # broken at "\n" only
    outline = _outline(html)
    assert outline == _expected_body(report)
    assert [tag for tag, _ in outline[8:11]] == ["figure"] * 3  # after h1 and the 7 blocks
    # a report without its figures (a bulletin) has no listing: every annex is a section
    bare = _outline(write_html(replace(report, summary=None)).decode("utf-8"))
    assert [text for tag, text in bare if tag == "section"] == [
        "附件1　重点项目推进情况表", "附件2　县（市、区）推进情况排名表", "附件3　滞后项目清单"]


def test_fonts_are_the_reports_then_common_chinese_ones_and_serif(sample_report) -> None:
    from majorproj.render.html import write_html

    html = write_html(sample_report).decode("utf-8")
    fallback = '"FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun"'
    # serif is CSS's generic family: a keyword, never quoted (quoted it names a font)
    assert f'font-family: "仿宋_GB2312", {fallback}, serif;' in html  # body
    assert f'font-family: "黑体", {fallback}, serif;' in html  # h2, th: heading1's font
    # a report font that is one of the fallbacks is named once, in the first place
    report = replace_fonts(sample_report, body="FangSong")
    html = write_html(report).decode("utf-8")
    assert ('font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", '
            '"Source Han Serif SC", "SimSun", serif;') in html


def test_a_font_name_cannot_end_its_css_string_or_the_style_sheet(sample_report) -> None:
    """A font name is text: a line break, quote, backslash, brace or </style> in it is
    escaped inside its CSS string (as \\HEX), and no rule of it comes alive."""
    from majorproj.render.html import write_html

    hostile = 'x\n} main, p {display:none} body{background:red}</style><script>'
    html = write_html(replace_fonts(sample_report, title=hostile, body='x\\')).decode("utf-8")
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    plain = write_html(sample_report).decode("utf-8").split("<style>", 1)[1].split("</style>")[0]
    for mark in ("{", "}", "display:none", "\n", "<"):  # no rule, line or tag more
        assert style.count(mark) == plain.count(mark), mark
    assert ('h1 { font-family: "x\\a \\7d  main\\2c  p \\7b display\\3a none\\7d  '
            'body\\7b background\\3a red\\7d \\3c \\2f style\\3e \\3c script\\3e ", ') in style
    assert 'font-family: "x\\5c ", "FangSong"' in style  # the backslash cannot eat the quote
    assert html.count("<script") == 1  # the page's own


def replace_fonts(report, **fonts):
    """The report with these font names, made past the checks of the config (which refuse
    a name with a line break): what the page does with any name it is given."""
    from dataclasses import replace

    from majorproj.ledger.fields import _remade, field_names  # as unpickling makes one

    kind = type(report.fonts)
    given = tuple(fonts.get(name, getattr(report.fonts, name)) for name in field_names(kind))
    return replace(report, fonts=_remade(kind, given))


def test_a_quote_in_a_filtered_value_stays_inside_its_attribute(tmp_path) -> None:
    # a sector named 基础"设施 <b>: in the 行业 filter it is an option's value attribute
    ledger = tmp_path / "ledger"
    shutil.copytree(SAMPLE, ledger)
    odd = '基础"设施 <b>'
    for path in [ledger / "majorproj.yaml", *(ledger / "projects").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        text = text.replace(" 基础设施,", f" '{odd}',").replace("sector: 基础设施",
                                                               f"sector: '{odd}'")
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "r.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert ('<option value="基础&quot;设施 &lt;b&gt;">基础&quot;设施 &lt;b&gt;</option>'
            in html)
    assert '设施 <b>' not in html


def test_the_county_annex_leads_with_its_total_row(page) -> None:
    """附件2 on the page: its 合计 row first, marked as the total, counting every project
    of the ledger (the listing's rows), then a row per county."""
    html = page.read_text(encoding="utf-8")
    listed = int(re.search(r'<table id="listing" data-rows="(\d+)"', html).group(1))
    start = html.index('<table id="annex2"')
    table = html[start:html.index("</table>", start)]
    rows = int(re.search(r'data-rows="(\d+)"', table).group(1))
    body = table[table.index("<tbody>") + len("<tbody>"):]
    trs = re.findall(r"<tr( class=\"[^\"]*\")?>(.*?)</tr>", body)
    assert len(trs) == 1 + rows
    css, first = trs[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first)
    assert css == ' class="total"' and cells[1] == "合计" and int(cells[2]) == listed
    assert all(not c for c, _ in trs[1:])
    # the counties' projects add up to the total
    assert sum(int(re.findall(r"<td[^>]*>(.*?)</td>", r)[2]) for _, r in trs[1:]) == listed


def test_a_table_of_exactly_the_first_rows_needs_no_script(tmp_path) -> None:
    import subprocess
    import sys

    from majorproj.render.html import FIRST_ROWS

    ledger = tmp_path / "ledger"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "bench" / "generate.py"),
                    str(FIRST_ROWS), str(ledger)], check=True, capture_output=True)
    out = tmp_path / "p.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    listing = html[html.index(f'<table id="listing" data-rows="{FIRST_ROWS}" data-sums>'):]
    assert listing[:listing.index("</table>")].count("<tr") == 1 + 1 + FIRST_ROWS
    assert 'data-rows-for="listing"' not in html


def test_the_listing_follows_the_configs_counties_and_its_filters_the_formats_order(
        sample_report) -> None:
    """The page's annex 1 (重点项目推进情况表, as the .docx names it) lists the projects
    county by county as the .docx's does (the config's order: 东湖区, 西山区, 南岭县 …, not
    the files' 东湖区, 临江市, 云台县 …); its filters offer
    levels and lights in the format's order (省重点 before 市重点, 红灯 黄灯 绿灯)."""
    from majorproj.render.html import write_html

    html = write_html(sample_report).decode("utf-8")
    counties = ["东湖区", "西山区", "南岭县", "北川县", "青溪县", "云台县", "临江市", "高新区"]
    listing = sample_report.listing
    seen = list(dict.fromkeys(row[2] for row in listing.rows))
    assert seen == [c for c in counties if c in seen] and len(seen) == 8
    assert [row[0] for row in listing.rows] == [str(i) for i in range(1, len(listing.rows) + 1)]
    options = re.findall(r'<select data-column="(\d+)">(.*?)</select>', html)
    values = {int(c): re.findall(r'<option value="([^"]*)">', block)[1:] for c, block in options}
    assert values[2] == seen
    assert values[3] == [v for v in ("省重点", "市重点", "县重点") if v in values[3]]
    assert values[9] == [v for v in ("红灯", "黄灯", "绿灯") if v in values[9]]
    assert len(values[9]) == 3


def test_the_listing_totals_the_rows_its_filters_leave_exactly(tmp_path, browser) -> None:
    """The listing's 合计 is redone from the rows shown (小计 when filtered), from each
    project's exact amounts: tests/metrics/small with P1's and P2's 总投资 raised by 0.005
    万元 each. 甲区 (P1 P2 P5 P8 P9): 总投资 10000.005 + 20000.005 + 8000 + 15000 + 4000 =
    57000.01 (printed one by one, 10,000.01 and 20,000.01, they would add to 57,000.02),
    plan 1200 + 2400 + 0 + 2000 + 500 = 6100, done 600 + 480 + 0 + 800 + 50 = 1930, 31.6%;
    产业 (P1 P3 P7): 10000.005 + 5000 + 30000 = 45000.005, 45,000.01 half up, plan 5200,
    done 600 + 50 + 1185 = 1835, 35.3%; all 104000.01, 11700, 4165, 35.6%."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    ledger = tmp_path / "ledger"
    shutil.copytree(Path(__file__).parent / "metrics" / "small", ledger)
    projects = ledger / "projects" / "all.yaml"
    text = projects.read_text(encoding="utf-8")
    for whole in ("10000", "20000"):
        text = text.replace(f"total_investment: {whole},", f"total_investment: {whole}.005,", 1)
    projects.write_text(text, encoding="utf-8")
    out = tmp_path / "p.html"
    result = RUNNER.invoke(app, ["report", "-p", "2024H1", "-l", str(ledger), "-o", str(out)])
    assert result.exit_code == 0, result.output

    def total() -> list[str]:
        cells = browser.execute_script(
            "return Array.from(document.getElementById('sum').cells).map(c => c.textContent);")
        return [cells[1], *cells[5:9]]

    browser.get(out.as_uri())
    everything = ["合计", "104,000.01", "11,700.00", "4,165.00", "35.6%"]
    assert total() == everything
    county = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-column="2"]'))
    county.select_by_visible_text("甲区")
    assert total() == ["小计", "57,000.01", "6,100.00", "1,930.00", "31.6%"]
    county.select_by_index(0)
    sector = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-column="4"]'))
    sector.select_by_visible_text("产业")
    assert total() == ["小计", "45,000.01", "5,200.00", "1,835.00", "35.3%"]
    sector.select_by_index(0)
    assert total() == everything
    # sorting moves the projects' rows, never the total above them
    browser.find_element(By.XPATH, "//table[@id='listing']//th[text()='总投资']").click()
    assert total() == everything and _visible_rows(browser)[0][1] != "合计"
