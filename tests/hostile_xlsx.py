"""A builder of hostile .xlsx files from raw XML parts, so that the tests make them.

A workbook is a zip of XML parts; openpyxl writes only well-formed ones. ``build``
writes the parts as given: cell values openpyxl cannot parse, references beyond
column XFD, merged ranges over a million cells, shared-string indexes out of range,
members padded far beyond their compressed size.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>
<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>
</Relationships>"""
# style 1 formats a number as a date (numFmtId 14), for cells that must read as dates
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/>
</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def column_letter(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def cell(ref: str, value: object, *, kind: str | None = None, style: int | None = None) -> str:
    """One ``<c>``: text as an inline string, numbers as ``<v>``; ``kind`` forces ``t``
    (e.g. "s" with a shared-string index, "n" with any text in ``<v>``)."""
    s = f' s="{style}"' if style is not None else ""
    if kind is None and isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"{s}><is><t>{escape(value)}</t></is></c>'
    t = f' t="{kind}"' if kind else ""
    return f'<c r="{ref}"{t}{s}><v>{escape(str(value))}</v></c>'


def rows_xml(rows: Iterable[Iterable[object]], first_row: int = 1) -> str:
    """``<row>``s of plain values (None: no cell), one a list, from ``first_row`` down."""
    out = []
    for r, values in enumerate(rows, first_row):
        cells = "".join(cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(values, 1)
                        if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def sheet_xml(rows: str, *, merges: Iterable[str] = (), dimension: str | None = None,
              padding: int = 0) -> str:
    """A worksheet part around ``rows`` (``<row>`` XML); ``padding`` spaces after the
    data make the part that much larger (they compress to almost nothing)."""
    merges = list(merges)
    merged = (f'<mergeCells count="{len(merges)}">'
              + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
              if merges else "")
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
            f"{dim}<sheetData>{rows}</sheetData>{' ' * padding}{merged}</worksheet>")


def shared_strings_xml(strings: Iterable[str], count: int | None = None) -> str:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    n = f' count="{count}" uniqueCount="{count}"' if count is not None else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"{n}>{items}</sst>'


def build(path: Path, sheet: str, *, shared: str | None = None,
          parts: Mapping[str, str | bytes] | None = None) -> Path:
    """Write the workbook: the fixed parts, ``sheet`` as sheet1, ``shared`` as the
    shared strings, and ``parts`` added or replacing any of them."""
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/styles.xml": STYLES, "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": shared if shared is not None else shared_strings_xml([]),
        **(parts or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def progress_sheet(rows: Iterable[Iterable[object]], **options) -> str:
    """A dispatch sheet (项目名称, 1-6月完成投资, 形象进度) over ``rows``."""
    header = [["项目名称", "1-6月完成投资（万元）", "形象进度"]]
    return sheet_xml(rows_xml([*header, *rows]), **options)
