"""Time `majorproj audit` on long reports, as .txt and as .docx.

    python bench/audit.py                  # 100, 300 and 1,000 pages
    python bench/audit.py --pages 5        # a quick smoke run

A page is 22 lines of 28 characters (GB/T 9704's body). The report repeats passages in
the forms of docs/audit.md, sound and with slips, and one table of figures per ten
pages. Each size is timed as a separate process (best of --repeat) and the run checks
that the audit found exactly the slips it was given. Then the ledger comparison: the
sample's own half-year report, repeated to the same sizes, audited with and without
`--ledger data/sample --period 2024H1` (none of its figures may be wrong). Prints
Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSAGES = [  # (text, wrong figures in it)
    ("今年全市共安排市重点项目347个，年度计划投资647.1亿元。1-10月，347个项目完成投资629.0亿元，"
     "占年度投资计划的97.2%，超过时间进度13.8个百分点。", 0),
    ("1-6月，全市计划开工的55个省重点项目已开工47个，开工率达到82.8%，完成投资XX亿元，"
     "占年度计划的104.8%；65个市重点项目已开工57个，开工率达到92.3%。", 2),
    ("1-6月，全市重点项目完成投资313.64亿元，较去年同期增长153.34亿元，同比增长95.66%。", 0),
    ("今年我市共实施建设项目27项（省级6项、市级5项、县级15项），本年到位资金146.8亿元，其中中央预算"
     "内资金15.9亿元、专项债券18.9亿元、银行贷款42.1亿元。", 1),
    ("总的来看，全市重大项目建设总体呈现良好发展态势，但在调度中也发现一些问题：部分项目前期论证深度"
     "不足，可研编制较为粗放，从储备到开工的转化周期长、转化率偏低。", 0),
]
PAGE_CHARS = 22 * 28
TABLE = [["县（市、区）", "计划投资", "完成投资", "完成率"]] + [
    [f"第{k}县", "22.2", "18.3", "82.5%"] for k in range(1, 9)]


def paragraphs(pages: int) -> tuple[list[str], int]:
    """The report's paragraphs for ``pages`` pages, and the slips they hold."""
    texts, slips, chars = [], 0, 0
    while chars < pages * PAGE_CHARS:
        for text, wrong in PASSAGES:
            texts.append(text)
            slips += wrong
            chars += len(text)
    return texts, slips


def write(folder: Path, pages: int) -> tuple[Path, Path, int]:
    import docx

    texts, slips = paragraphs(pages)
    txt = folder / f"report-{pages}.txt"
    txt.write_text("\n".join(texts) + "\n", encoding="utf-8")
    document = docx.Document()
    for n, text in enumerate(texts):
        document.add_paragraph(text)
        if n % (10 * PAGE_CHARS // 100) == 0:  # about one table every ten pages
            table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
            for r, row in enumerate(TABLE):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    path = folder / f"report-{pages}.docx"
    document.save(path)
    return txt, path, slips


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def own_report(folder: Path, pages: int) -> Path:
    """The sample's half-year report in Markdown, its text repeated to ``pages`` pages: what
    the ledger comparison reads (every figure of it sound)."""
    made = subprocess.run([sys.executable, "-m", "majorproj", "report", "-l", str(SAMPLE), "-p",
                           "2024H1", "--format", "md", "-o", "-"], capture_output=True, text=True,
                          check=True, env={**os.environ, "MAJORPROJ_NO_CACHE": "1"})
    body = made.stdout.split("\n\n", 1)[1]  # below the title
    copies = max(1, pages * PAGE_CHARS // len(body))
    path = folder / f"own-{pages}.md"
    path.write_text(made.stdout.split("\n\n", 1)[0] + "\n\n" + body * copies, encoding="utf-8")
    return path


def timed(path: Path, repeat: int, *against: str) -> tuple[float, dict]:
    best, data = float("inf"), {}
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "majorproj", "audit", str(path), "-f", "json",
                              *against], capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        data = json.loads(run.stdout)
    return best, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 300, 1_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| pages | paragraphs | figures checked | .txt s | .docx s |")
    print("|---:|---:|---:|---:|---:|")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for pages in args.pages:
            txt, document, slips = write(Path(tmp), pages)
            txt_s, txt_data = timed(txt, args.repeat)
            docx_s, docx_data = timed(document, args.repeat)
            found = (txt_data.get("wrong"), docx_data.get("wrong"))
            failed |= found != (slips, slips)
            count = len(paragraphs(pages)[0])
            print(f"| {pages:,} | {count:,} | {txt_data.get('checked', 0):,} | {txt_s:.2f} | "
                  f"{docx_s:.2f} |")
        # the same audit with the ledger: the sample's own report, every figure compared
        print("\n| pages | figures checked against the ledger | text only s | with the ledger s "
              "| ratio |")
        print("|---:|---:|---:|---:|---:|")
        for pages in args.pages:
            own = own_report(Path(tmp), pages)
            alone_s, _ = timed(own, args.repeat)
            ledger_s, data = timed(own, args.repeat, "-l", str(SAMPLE), "-p", "2024H1")
            failed |= data.get("wrong") != 0
            print(f"| {pages:,} | {data.get('checked', 0):,} | {alone_s:.2f} | {ledger_s:.2f} | "
                  f"{ledger_s / alone_s:.2f} |")
    if failed:
        print("the audit did not find exactly the slips the reports hold", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
