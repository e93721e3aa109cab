"""A workbook read back into plain data (lists, dicts, strings, numbers) that compares
with ``==`` and stores as JSON: what a reader of the 调度表 sees of every sheet.

Per sheet: every cell that holds a value or a style (its value, its type, and its style
as number format, font, fill, alignment and border), the merged ranges, the column widths
and row heights, the frozen pane, the printed titles, the page setup and the page breaks.
Per chart (read from the chart parts, namespace-aware, so that any writer's spelling of
the same XML reads the same): where it is anchored and how large it is, its title, its
plots with their series (the cells they are drawn from, colours, dashes, markers), its
axes' number formats and its legend.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
EMU_PER_PIXEL = 9525
DEFAULT_COLUMN_PIXELS, DEFAULT_ROW_PIXELS = 64, 20  # 8.43 characters, 15 points


def read_back(path: Path) -> dict:
    """The workbook at ``path``: its sheets, by name in order, and its charts."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    charts = _charts(path)
    anchors = _anchors(book)
    assert len(anchors) == len(charts)
    return {"sheets": [[ws.title, _sheet(ws)] for ws in book.worksheets],
            "charts": [{"anchor": a, **c} for a, c in zip(anchors, charts, strict=True)]}


def _style(cell) -> list:
    font, fill, align, border = cell.font, cell.fill, cell.alignment, cell.border
    return [
        cell.number_format,
        [font.name, font.sz, bool(font.b), bool(font.i)],
        [fill.patternType, fill.fgColor.rgb if fill.patternType else None],
        [align.horizontal, align.vertical, bool(align.wrap_text)],
        [border.left.style, border.right.style, border.top.style, border.bottom.style],
    ]


def _sheet(ws) -> dict:
    styles: list[list] = []  # each distinct style once; cells name it by index
    cells = []
    for row in ws.iter_rows():
        for cell in row:
            style = _style(cell)
            if cell.value is None and not cell.has_style:
                continue
            if style not in styles:
                styles.append(style)
            cells.append([cell.coordinate, cell.value, cell.data_type, styles.index(style)])
    setup = ws.page_setup
    return {
        "cells": cells,
        "styles": styles,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": _widths(ws),
        "heights": _heights(ws),
        "freeze": ws.freeze_panes,
        "print_titles": [ws.print_title_rows, ws.print_title_cols],
        "page": [setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight,
                 ws.sheet_properties.pageSetUpPr.fitToPage
                 if ws.sheet_properties.pageSetUpPr else None],
        "row_breaks": [b.id for b in ws.row_breaks.brk],
    }


def _heights(ws) -> dict[str, float]:
    return {str(k): d.height for k, d in sorted(ws.row_dimensions.items())
            if d.height is not None}


def _widths(ws) -> dict[str, float]:
    """Each column's width (a writer may give neighbours of one width a single entry)."""
    from openpyxl.utils import get_column_letter

    return {get_column_letter(i): d.width for d in ws.column_dimensions.values()
            if d.customWidth for i in range(d.min, d.max + 1)}


def _charts(path: Path) -> list[dict]:
    """The charts of every drawing, in the order of the drawing parts and their anchors."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        drawings = sorted((n for n in names if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)),
                          key=_number)
        charts = []
        for drawing in drawings:
            rels = etree.fromstring(z.read(drawing.replace("drawings/", "drawings/_rels/")
                                           + ".rels"))
            targets = {r.get("Id"): r.get("Target") for r in rels}
            for anchor in etree.fromstring(z.read(drawing)):
                chart_ref = anchor.find(f".//{C}chart")
                if chart_ref is None:
                    continue
                rid = chart_ref.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                part = "xl/charts/" + targets[rid].rsplit("/", 1)[-1]
                charts.append(_chart(etree.fromstring(z.read(part))))
    return charts


def _number(name: str) -> int:
    return int(re.search(r"(\d+)\.xml$", name).group(1))


def _anchors(book) -> list[list]:
    """Where each chart of each sheet is, as openpyxl reads its anchor: the top-left cell
    (column, row, 0-based) and the size in whole pixels, worked out from the cells a
    two-cell anchor spans (Excel's pixels: a column stored w wide is 7w + 0.5 pixels
    wide, truncated; a row h points high is 4h/3 pixels)."""
    anchors = []
    from openpyxl.utils import get_column_letter

    for ws in book.worksheets:
        widths, heights = _widths(ws), {int(r): h for r, h in _heights(ws).items()}

        def column_pixels(index: int) -> int:
            width = widths.get(get_column_letter(index + 1))  # noqa: B023
            return DEFAULT_COLUMN_PIXELS if width is None else int(width * 7 + 0.5)

        def row_pixels(index: int) -> float:
            height = heights.get(index + 1)  # noqa: B023
            return DEFAULT_ROW_PIXELS if height is None else height * 4 / 3

        for chart in ws._charts:
            anchor = chart.anchor
            start = anchor._from
            if getattr(anchor, "ext", None) is not None:
                size = [anchor.ext.width / EMU_PER_PIXEL, anchor.ext.height / EMU_PER_PIXEL]
            else:
                end = anchor.to
                size = [sum(column_pixels(c) for c in range(start.col, end.col))
                        + (end.colOff - start.colOff) / EMU_PER_PIXEL,
                        sum(row_pixels(r) for r in range(start.row, end.row))
                        + (end.rowOff - start.rowOff) / EMU_PER_PIXEL]
            anchors.append([[start.col, start.row], [round(x) for x in size]])
    return anchors


def _text(element) -> str | None:
    if element is None:
        return None
    return "".join(t.text or "" for t in element.iter(f"{A}t")) or None


def _val(element, tag: str) -> str | None:
    found = element.find(tag)
    return None if found is None else found.get("val")


def _colours(shape) -> list:
    """The shape's fill colour, and its outline's colour, width and dash."""
    if shape is None:
        return [None, None, None, None]
    fill = shape.find(f"{A}solidFill/{A}srgbClr")
    line = shape.find(f"{A}ln")
    line_colour = None if line is None else line.find(f"{A}solidFill/{A}srgbClr")
    return [None if fill is None else fill.get("val"),
            None if line_colour is None else line_colour.get("val"),
            None if line is None else line.get("w"),
            None if line is None else _val(line, f"{A}prstDash")]


def _series(ser) -> dict:
    marker = ser.find(f"{C}marker")
    return {
        "name": ser.findtext(f"{C}tx/{C}strRef/{C}f"),
        "categories": ser.findtext(f"{C}cat//{C}f"),
        "values": ser.findtext(f"{C}val//{C}f"),
        "shape": _colours(ser.find(f"{C}spPr")),
        "marker": None if marker is None else [
            _val(marker, f"{C}symbol"), _val(marker, f"{C}size"),
            _colours(marker.find(f"{C}spPr"))],
        "smooth": _val(ser, f"{C}smooth"),
    }


def _chart(space) -> dict:
    chart = space.find(f"{C}chart")
    plot_area = chart.find(f"{C}plotArea")
    plots = []
    for plot in plot_area:
        if not plot.tag.endswith("Chart"):
            continue
        plots.append({
            "kind": plot.tag.removeprefix(C),
            "direction": _val(plot, f"{C}barDir"),
            "grouping": _val(plot, f"{C}grouping"),
            "gap": _val(plot, f"{C}gapWidth"),
            "overlap": _val(plot, f"{C}overlap"),
            "series": [_series(s) for s in plot.findall(f"{C}ser")],
            "axes": [a.get("val") for a in plot.findall(f"{C}axId")],
        })
    axes = {a.findtext(f"{C}axId") if a.find(f"{C}axId") is None else
            a.find(f"{C}axId").get("val"): a for a in plot_area
            if a.tag in (f"{C}catAx", f"{C}valAx")}
    axis_ids = list(dict.fromkeys(i for p in plots for i in p["axes"]))
    for plot in plots:  # which of the chart's axes, not the writer's numbers for them
        plot["axes"] = [axis_ids.index(i) for i in plot["axes"]]
    return {
        "title": _text(chart.find(f"{C}title")),
        "plots": plots,
        "axes": [[axes[i].tag.removeprefix(C), _val(axes[i], f"{C}axPos"),
                  _val(axes[i], f"{C}delete"),
                  None if axes[i].find(f"{C}numFmt") is None
                  else axes[i].find(f"{C}numFmt").get("formatCode")] for i in axis_ids],
        "legend": _val(chart, f"{C}legend/{C}legendPos"),
    }
