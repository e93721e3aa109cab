"""The summary as CSV: one row per group of the chosen grouping, a header row first.

Amounts are exact 万元; rates are percents with one decimal ("85.5%", which Excel
reads as the number 0.855); a rate without a denominator is an empty cell, and so are
the 同比 columns of a group that last year does not have (all of them without 同比). The file
starts with a byte-order mark so that Excel opens the Chinese as UTF-8.

A field that starts with ``= + - @``, a tab or CR and is not a number (a group named
``=HYPERLINK(…)``) gets a leading ``'``, as OWASP advises against CSV injection: Excel
then shows it as the text it is instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from majorproj.ledger import vocab
from majorproj.metrics.figures import Figures, Summary
from majorproj.render.numbers import percent, plain, points
from majorproj.render.summary_labels import BATCH_ACHIEVED, group_name

if TYPE_CHECKING:
    from majorproj.render.formats import SummaryOptions


def _rate(rate) -> str:
    return "" if rate is None else percent(rate)


def _points(pp) -> str:
    return "" if pp is None else points(pp)


def header(grouping: str) -> list[str]:
    names = [vocab.GROUPINGS[grouping], "项目个数", "总投资（万元）", "年度计划投资（万元）",
             "完成投资（万元）", "当月完成投资（万元）", "当月进度", "投资完成率",
             "超序时进度（百分点）", "履约率", "去年同期完成投资（万元）", "增长额（万元）",
             "同比增长",
             "完成率同比（百分点）", "计划新开工", "已开工", "开工率"]
    for batch, name in vocab.BATCHES.items():
        names += [name, f"{name}{BATCH_ACHIEVED[batch]}"]
    names += ["竣工", "红灯", "黄灯", "绿灯", "存在问题"]
    return names


def row(name: str, f: Figures) -> list[str]:
    last = f.last_year
    cells = [name, str(f.projects), plain(f.total_investment), plain(f.annual_plan),
             plain(f.completed_ytd), plain(f.this_month), _rate(f.month_progress),
             _rate(f.completion_rate), _points(f.schedule_gap_pp), _rate(f.fulfilment_rate),
             *(("",) * 4 if last is None else (
                 plain(last.completed_ytd), plain(last.increase), _rate(last.growth),
                 _points(last.completion_rate_pp))),
             str(f.starts.planned), str(f.starts.started), _rate(f.starts.rate)]
    for batch in vocab.BATCHES:
        cells += [str(f.batches[batch].members), str(f.batches[batch].achieved)]
    cells += [str(f.completed), str(f.lights["red"]), str(f.lights["yellow"]),
              str(f.lights["green"]), str(sum(f.issues.values()))]
    return cells


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def safe_field(text: str) -> str:
    """``text`` as a spreadsheet reads it back: a formula-like text prefixed with '."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[list[str]]) -> str:
    """Rows as CSV (CRLF lines, every field through ``safe_field``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([safe_field(f) for f in r] for r in rows)
    return out.getvalue()


def as_csv(summary: Summary, grouping: str = "level") -> str:
    """CSV text (without the byte-order mark; the writer adds it)."""
    return csv_text([header(grouping)] + [row(group_name(grouping, name), f)
                                          for name, f in summary.groups[grouping].items()])


def summary_csv(summary: Summary, options: SummaryOptions) -> str:
    """The ``--format csv`` of ``summary``: the BOM first, which tells Excel it is UTF-8."""
    return "\ufeff" + as_csv(summary, options.grouping)
