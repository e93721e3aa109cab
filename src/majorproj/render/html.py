"""The report as one self-contained web page: the same prose, charts (SVG), the county
ranking, the lagging projects and every project in a table that sorts and filters.

Long tables open at once: their first rows are HTML, the rest wait in a JSON block that
the script adds in chunks after the page has opened (and at once before sorting,
filtering or printing); the script writes text nodes, never HTML. Nothing is fetched:
the style, the script and the charts are in the file, and a Content
Security Policy forbids any request, so the page works on a closed network. Fonts are the
reader's own (the report's font names first, then common Chinese fonts). Every text from
the ledger is escaped (``html.escape``): a project name is never markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from majorproj.ledger import vocab
from majorproj.render.ooxml import clean
from majorproj.render.svg import chart_svg

if TYPE_CHECKING:
    from majorproj.report.annexes import Annex
    from majorproj.report.build import Report
    from majorproj.report.charts import Chart

POLICY = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
          "img-src data:; form-action 'none'; base-uri 'none'")
FILTERED = ("县（市、区）", "级别", "行业", "预警")  # the listing's columns a reader filters by
_FILTER_ORDER = {"级别": tuple(vocab.LEVELS.values()), "预警": tuple(vocab.LIGHTS.values())}
FIRST_ROWS = 200  # a table's rows written as HTML; the script adds the rest after opening

STYLE = """
:root { --ink: #1f1f1f; --rule: #d0d0d0; --head: #f2f2f2; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: var(--ink);
  font-family: %(body)s; font-size: 16px; line-height: 1.8; }
h1 { font-family: %(title)s; font-size: 1.6rem; text-align: center; line-height: 1.4; }
h2 { font-family: %(h1)s; font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-family: %(h2)s; font-size: 1.05rem; margin: 1rem 0 .25rem; }
p { text-indent: 2em; margin: .25rem 0; }
p.sign { text-align: right; text-indent: 0; }
strong { font-family: %(h2)s; font-weight: normal; }
figure { margin: 1rem 0; break-inside: avoid; }
figure svg { width: 100%%; height: auto; }
figcaption { text-align: center; }
section.annex { margin-top: 2rem; }
.unit { text-align: right; font-size: .9rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%%; font-size: .85rem; line-height: 1.4; }
.scroll table { min-width: 56rem; }  /* a phone scrolls the table; names keep their width */
th, td { border: 1px solid var(--rule); padding: .25rem .4rem; }
th { word-break: keep-all; }  /* 序号, 排名, 预警 whole, not a character a line */
th { background: var(--head); font-weight: normal; font-family: %(h1)s; }
#listing th { cursor: pointer; }
th[aria-sort=ascending]::after { content: " ▲"; }
th[aria-sort=descending]::after { content: " ▼"; }
td.right { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.center { text-align: center; }
tr.total td { font-weight: bold; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .5rem 0; }
.filters label { white-space: nowrap; }
.count { margin: .25rem 0; font-size: .9rem; }
@media (max-width: 40rem) { body { font-size: 15px; padding: .5rem; } }
@page { size: A4; margin: 20mm 18mm; }
@page wide { size: A4 landscape; margin: 15mm 15mm; }
@media print { .filters, .count { display: none; } body { max-width: none; padding: 0; }
  .scroll table { min-width: 0; }
  section.annex { page: wide; break-before: page; }
  thead { display: table-header-group; } tr { break-inside: avoid; } }
"""

SCRIPT = """
(function () {
  // Rows past the first ones of a long table wait in a JSON block and are added in chunks
  // after the page has opened, so that 10,000 projects open at once; sorting, filtering
  // and printing add the rest first.
  function later(table) {
    var block = document.querySelector('script[data-rows-for="' + table.id + '"]');
    if (!block) return null;
    return { rows: JSON.parse(block.textContent), next: 0,
             aligns: Array.prototype.map.call(table.tHead.rows[0].cells,
                                              function (th) { return th.dataset.align; }) };
  }
  function body(table) { return table.tBodies[table.tBodies.length - 1]; }  // not 合计's
  function addRows(table, rest, count) {
    var frag = document.createDocumentFragment();
    var end = Math.min(rest.rows.length, rest.next + count);
    var sums = "sums" in table.dataset;  // each row's exact amounts follow its cells
    for (; rest.next < end; rest.next++) {
      var tr = document.createElement("tr");
      var values = rest.rows[rest.next];
      if (sums) { tr.dataset.sum = values[values.length - 1]; values = values.slice(0, -1); }
      values.forEach(function (value, i) {
        var td = document.createElement("td");
        td.className = rest.aligns[i];
        value.split("\\n").forEach(function (line, k) {
          if (k) td.appendChild(document.createElement("br"));
          td.appendChild(document.createTextNode(line));
        });
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    }
    body(table).appendChild(frag);
    return rest.next < rest.rows.length;
  }
  var tables = Array.prototype.map.call(document.querySelectorAll("table[id]"), function (t) {
    return { table: t, rest: later(t) };
  });
  function complete() {
    tables.forEach(function (t) { if (t.rest) addRows(t.table, t.rest, Infinity); });
  }
  function step() {
    var more = false;
    tables.forEach(function (t) { if (t.rest && addRows(t.table, t.rest, 500)) more = true; });
    if (more) setTimeout(step, 0); else listed();
  }
  window.addEventListener("beforeprint", complete);

  var table = document.getElementById("listing");
  var count = document.getElementById("count");
  var selects = document.querySelectorAll(".filters select");
  var rows = null, total = table ? table.dataset.rows : 0;
  function listed() { if (table) rows = Array.prototype.slice.call(body(table).rows); }
  function ready() { if (!rows || rows.length < total) { complete(); listed(); } }
  function key(cell, numeric) {
    var t = cell.textContent;
    if (!numeric) return t;
    var n = parseFloat(t.replace(/[,%]/g, ""));
    return isNaN(n) ? null : n;
  }
  function apply() {
    ready();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = true;
      selects.forEach(function (s) {
        if (s.value && row.cells[+s.dataset.column].textContent !== s.value) ok = false;
      });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = "显示 " + shown + " / " + total + " 个项目";
    summed(shown < total);
  }
  // the 合计 of the rows shown (小计 when filtered), from each row's exact amounts in
  // 0.0001 万元, added as integers and rounded half up as the report rounds them
  function wan(v) {
    var cents = (v + 50n) / 100n, whole = (cents / 100n).toString();
    return whole.replace(/\\B(?=(\\d{3})+(?!\\d))/g, ",") + "." +
      (cents % 100n).toString().padStart(2, "0");
  }
  function rate(done, plan) {
    if (plan === 0n) return "—";
    var tenths = done * 1000n / plan;
    if (2n * (done * 1000n % plan) >= plan) tenths += 1n;
    return (tenths / 10n) + "." + (tenths % 10n) + "%";
  }
  function summed(filtered) {
    var row = document.getElementById("sum");
    if (!row) return;
    var added = [0n, 0n, 0n];
    rows.forEach(function (r) {
      if (!r.hidden) r.dataset.sum.split(" ").forEach(function (v, k) { added[k] += BigInt(v); });
    });
    row.querySelector("[data-label]").textContent = filtered ? "小计" : "合计";
    row.querySelectorAll("[data-amount]").forEach(function (cell) {
      cell.textContent = wan(added[+cell.dataset.amount]);
    });
    row.querySelector("[data-rate]").textContent = rate(added[2], added[1]);
  }
  if (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener("click", function () {
        ready();
        var up = th.getAttribute("aria-sort") !== "ascending";
        var numeric = rows.every(function (row) {  // figures, 序号: as numbers; — last
          return /^(-?[\\d,]+(\\.\\d+)?%?|—|)$/.test(row.cells[i].textContent);
        });
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var keyed = rows.map(function (row, n) { return [key(row.cells[i], numeric), n, row]; });
        keyed.sort(function (a, b) {
          if (a[0] === b[0]) return a[1] - b[1];
          if (a[0] === null) return 1;
          if (b[0] === null) return -1;
          var c = numeric ? a[0] - b[0] : a[0].localeCompare(b[0], "zh-CN");
          return up ? c : -c;
        });
        var frag = document.createDocumentFragment();
        keyed.forEach(function (k) { frag.appendChild(k[2]); });
        body(table).appendChild(frag);
      });
    });
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    count.textContent = "共 " + total + " 个项目";
  }
  setTimeout(step, 0);
})();
"""


def write_html(report: Report) -> bytes:
    """The page as UTF-8 bytes, the same for the same report."""
    fonts = report.fonts
    stacks = {name: _font_stack(font) for name, font in (
        ("body", fonts.body), ("title", fonts.title), ("h1", fonts.heading1),
        ("h2", fonts.heading2))}
    out = ['<!DOCTYPE html>', '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_t(report.title.replace(chr(10), ''))}</title>",
           f"<style>{STYLE % stacks}</style>", "</head>", "<body>",
           "<h1>" + "<br>".join(_t(line) for line in report.title.split("\n")) + "</h1>"]
    for i, block in enumerate(report.blocks):
        if i == report.charts_at:
            out += [_figure(chart, fonts.body) for chart in report.charts]
        out.append(_block(block))
    if report.charts_at >= len(report.blocks):
        out += [_figure(chart, fonts.body) for chart in report.charts]
    out += [f'<p class="sign">{_t(report.organ)}<br>{_t(report.date_text)}</p>']
    # the report's annex 1 (every project) is the listing, sortable and filtered, in its
    # place and with its number as the document has it; a bulletin has no listing
    if report.listing is not None:
        out.append(_listing(report.listing))
    for annex in report.annexes[1:] if report.listing is not None else report.annexes:
        out.append(_annex(annex))
    out += [f"<script>{SCRIPT}</script>", "</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def _t(text: str) -> str:
    return escape(clean(text), quote=True)


def _font_stack(font: str) -> str:
    names = [font, "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
             "SimSun", "serif"]
    return ", ".join(_css_string(n) if n != "serif" else n for n in dict.fromkeys(names))


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string: every character but letters, digits (Chinese ones
    too), spaces, - and _ as its escape, so that no quote, backslash, line break, brace or
    </style> in a font name ends the string or the style sheet."""
    return '"' + "".join(c if c.isalnum() or c in " -_" else f"\\{ord(c):x} "
                         for c in text) + '"'


def _block(block) -> str:
    if block.kind == "heading1":
        return f"<h2>{_t(block.text)}</h2>"
    if block.kind == "heading2":
        return f"<h3>{_t(block.text)}</h3>"
    lead = f"<strong>{_t(block.lead)}</strong>" if block.lead else ""
    return f"<p>{lead}{_t(block.text)}</p>"


def _figure(chart: Chart, font: str) -> str:
    return (f"<figure>{chart_svg(chart, font)}<figcaption>{_t(chart.caption)}</figcaption>"
            "</figure>")


def _head(annex: Annex) -> str:
    return "<thead><tr>" + "".join(
        f'<th data-align="{c.align}">{_t(c.header.replace(chr(10), ""))}</th>'
        for c in annex.columns) + "</tr></thead>"


def _table(table_id: str, annex: Annex, rows: tuple[tuple[str, ...], ...],
           total: tuple[str, ...] | None = None, sums: tuple[str, ...] = ()) -> str:
    """A table whose first ``FIRST_ROWS`` rows are HTML and the rest JSON for the script.
    With ``sums`` (each row's exact amounts), its 合计 stands in a body of its own, which
    the script redoes from the rows a reader's filters leave (the listing)."""
    head = [_row(annex, total, "total")] if total else []
    body = [_row(annex, row, amounts=sums[i] if sums else None)
            for i, row in enumerate(rows[:FIRST_ROWS])]
    if not head and not body:
        body = [f'<tr><td colspan="{len(annex.columns)}">{_t(annex.empty)}</td></tr>']
    rest = ""
    if len(rows) > FIRST_ROWS:
        later = [[clean(v) for v in row] + ([sums[i]] if sums else [])
                 for i, row in enumerate(rows[FIRST_ROWS:], FIRST_ROWS)]
        data = json.dumps(later, ensure_ascii=False, separators=(",", ":"))
        for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            data = data.replace(char, code)  # nothing in it can close the script block
        rest = f'<script type="application/json" data-rows-for="{table_id}">{data}</script>'
    if sums:
        summed = f'<tbody class="sum">{_summed(annex, total)}</tbody>' if total else ""
        return (f'<div class="scroll"><table id="{table_id}" data-rows="{len(rows)}" data-sums>'
                f"{_head(annex)}{summed}<tbody>{''.join(body)}</tbody></table></div>{rest}")
    return (f'<div class="scroll"><table id="{table_id}" data-rows="{len(rows)}">'
            f"{_head(annex)}<tbody>{''.join(head + body)}</tbody></table></div>{rest}")


def _row(annex: Annex, row: tuple[str, ...], css: str = "", amounts: str | None = None,
         marks: dict[int, str] | None = None) -> str:
    cls = f' class="{css}"' if css else ""
    cls += f' data-sum="{amounts}"' if amounts is not None else ""  # its exact 万元
    cells = "".join(
        f'<td class="{c.align}"{(marks or {}).get(i, "")}>'
        + "<br>".join(_t(x) for x in value.split("\n")) + "</td>"
        for i, (c, value) in enumerate(zip(annex.columns, row, strict=True)))
    return f"<tr{cls}>{cells}</tr>"


# the listing's cells the script fills in again (annexes.project_listing's columns): the
# label, 总投资, 本年计划投资, 完成投资 (the sums' order) and 完成率
_SUMMED = {1: " data-label", 5: ' data-amount="0"', 6: ' data-amount="1"',
           7: ' data-amount="2"', 8: " data-rate"}


def _summed(annex: Annex, total: tuple[str, ...]) -> str:
    return _row(annex, total, "total", marks=_SUMMED).replace("<tr ", '<tr id="sum" ', 1)


def _annex(annex: Annex) -> str:
    return (f'<section class="annex"><h2>附件{annex.number}　{_t(annex.title)}</h2>'
            f'<p class="unit">{_t(annex.unit)}</p>'
            f"{_table(f'annex{annex.number}', annex, annex.rows, annex.total)}</section>")


def _listing(annex: Annex) -> str:
    filters = []
    for i, column in enumerate(annex.columns):
        if column.header in FILTERED:
            # in the order of the rows (counties as the config has them), levels and
            # lights in the format's order, not by their characters' codes
            order = _FILTER_ORDER.get(column.header, ())
            values = sorted(dict.fromkeys(row[i] for row in annex.rows if row[i]),
                            key=lambda v: order.index(v) if v in order else len(order))
            options = "".join(f'<option value="{_t(v)}">{_t(v)}</option>' for v in values)
            filters.append(f'<label>{_t(column.header)} <select data-column="{i}">'
                           f'<option value="">全部</option>{options}</select></label>')
    return (f'<section class="annex"><h2>附件1　{_t(annex.title)}</h2>'
            f'<div class="filters">{"".join(filters)}</div>'
            f'<p class="count" id="count"></p><p class="unit">{_t(annex.unit)}</p>'
            f'{_table("listing", annex, annex.rows, annex.total, annex.sums)}</section>')
