"""How long the web page of a large ledger takes to open in a browser.

    python bench/page.py 10000            # generates the ledger, writes the page, opens it

Writes the period's page with ``majorproj report --format html`` and opens it in headless
Chromium (Debian's chromium and chromium-driver) through selenium, three times; prints the
median time from navigation start to the load event and to the first paint that shows
content, in seconds, and the file's size. The target: under two seconds at 10,000 projects.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def open_times(page: Path, runs: int = 3) -> list[tuple[float, float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1200,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    times = []
    try:
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(page.as_uri())
            timing = json.loads(driver.execute_script(
                "var t = performance.getEntriesByType('navigation')[0];"
                "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                "return JSON.stringify([t.loadEventEnd, p ? p.startTime : null]);"))
            times.append((timing[0] / 1000, (timing[1] or 0) / 1000))
    finally:
        driver.quit()
    return times


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        ledger, page = Path(tmp) / "ledger", Path(tmp) / "page.html"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(ledger)],
                       check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "majorproj", "report", "-p", "2024H1", "-l",
                        str(ledger), "-o", str(page)], check=True, capture_output=True)
        times = open_times(page)
        size = page.stat().st_size
    load = statistics.median(t[0] for t in times)
    paint = statistics.median(t[1] for t in times)
    print(f"{n} projects: page {size / 2**20:.1f} MiB; opened (load event) in {load:.2f} s, "
          f"first content painted at {paint:.2f} s (median of {len(times)})")


if __name__ == "__main__":
    main()
