"""Reading a written report into numbered paragraphs.

A .docx gives its body paragraphs and table cells in document order (a merged cell once;
those inside content controls too), with their tracked changes accepted; a .md gives its
paragraphs as Markdown has them (lines up to a blank line, joined without a space; a
heading or a table row is one on its own, a list item begins one; backslash escapes,
emphasis markers, **, * and __, and the marks opening a heading, item or quote are not
text); a .txt gives one paragraph a line, as Word saves text. A table's cells (of a
.docx or a Markdown table) are paragraphs that know their table, row and column. Text
files are read as UTF-8, else as GBK (GB18030). A paragraph keeps where each of its
characters stands in the file: line (for a .docx, the paragraph's number, 1-based) and
column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024  # far above any report; a bound, so that nothing hangs
SUFFIXES = (".docx", ".md", ".txt")


class ReadError(Exception):
    """A file that cannot be read as a report (a usage error: exit 2)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One passage of the report, and where its characters stand in the file."""

    text: str
    line: int  # the line of the first character (1-based)
    # (offset in text, line, column of that offset): one for each file line joined in
    segments: tuple[tuple[int, int, int], ...] = ()
    cell: tuple[int, int, int] | None = None  # (table, row, column), 0-based, of a cell

    def place(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of the character at ``offset``."""
        line, column, start = self.line, 1, 0
        for seg_start, seg_line, seg_column in self.segments:
            if seg_start > offset:
                break
            start, line, column = seg_start, seg_line, seg_column
        return line, column + offset - start


def read_report(path: Path) -> list[Paragraph]:
    """The paragraphs of the report at ``path``; ``ReadError`` says why it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise ReadError(f"{path} is a folder; give the report's file (.docx, .md or .txt)")
    if not suffix:
        raise ReadError(f"{path}: the name says what the file is by ending in .docx, .md or "
                        ".txt; rename it so (a text file: .txt)")
    if suffix not in SUFFIXES:
        raise ReadError(f"{path}: cannot audit a '{suffix}' file; give a .docx, .md or .txt "
                        "file (save other formats as .docx from Word or WPS)")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror})") from None
    if not path.is_file():
        raise ReadError(f"{path}: not a file; give the report's file")
    if size > MAX_BYTES:
        raise ReadError(f"{path}: {size} bytes is too large for a report "
                        f"(at most {MAX_BYTES // (1024 * 1024)} MB)")
    if suffix == ".docx":
        return _docx(path)
    text = decode(path)
    return _markdown(text) if suffix == ".md" else _lines(text)


def decode(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else GBK."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror})") from None
    if b"\x00" in data:
        raise ReadError(f"{path}: holds binary data, not text; save the report as UTF-8 text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{path}: is neither UTF-8 nor GBK text; save it as UTF-8")


def _clean(text: str) -> str:
    """Control characters (terminal escapes too) as spaces: one character for one."""
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)


_NEWLINE = re.compile(r"\r\n|\r|\n")


def _split_lines(text: str) -> list[str]:
    """``text``'s lines as an editor numbers them: split at \\n, \\r\\n and \\r only (not at
    a form feed, \\v, \\x1c-\\x1e, \\x85 or U+2028/9, as str.splitlines does)."""
    return _NEWLINE.split(text)


def _lines(text: str) -> list[Paragraph]:
    return [Paragraph(_clean(line), n) for n, line in enumerate(_split_lines(text), 1)
            if line.strip()]


_SINGLE = re.compile(r"\s*(?:#|\||[-*+]\s|\d+[.)．、]|>|```)")
_HEADING = re.compile(r"\s*(?:#|```)")
# the marks that open a heading, a list item or a quote: not words of its text (an item
# number without a space after it, 1.南岭县…, is the text's own)
_MARKER = re.compile(r"(?:\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>))+\s*")


def _markdown(text: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    parts: list[tuple[int, str]] = []  # (line, text) of the open paragraph

    def close() -> None:
        if parts:
            joined, segments = "", []
            for line, part in parts:
                stripped = part.lstrip()
                for piece, column in _unescaped(stripped, len(part) - len(stripped) + 1):
                    segments.append((len(joined), line, column))
                    joined += piece
            paragraphs.append(Paragraph(_clean(joined), parts[0][0], tuple(segments)))
            parts.clear()

    table, row = -1, 0
    for n, line in enumerate(_split_lines(text), 1):
        if line.lstrip().startswith("|"):  # a table row: each cell a paragraph
            close()
            if not paragraphs or paragraphs[-1].cell is None or paragraphs[-1].line < n - 1:
                table, row = table + 1, 0
            if _RULE.fullmatch(line.strip()):
                paragraphs.append(Paragraph("", n, cell=(table, -1, 0)))  # keeps the table
                continue
            paragraphs += _row(line, n, table, row)
            row += 1
        elif not line.strip():
            close()
        elif _SINGLE.match(line):
            close()
            marker = _MARKER.match(line)  # as blanks: the text keeps its columns
            parts.append((n, " " * marker.end() + line[marker.end():] if marker else line))
            if _HEADING.match(line):
                close()  # a list item or a quote goes on in the lines after it, a heading not
        else:
            parts.append((n, line.rstrip()))
    close()
    return [p for p in paragraphs if p.text.strip()]


_RULE = re.compile(r"\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*")  # |---|:---:|


# Markdown's backslash escapes (CommonMark: any ASCII punctuation), as majorproj's own
# preview writes a name's | _ * # [ ] < >: the character itself, not a table's column
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# emphasis around text (**120个**, *24.6*, __27项__): markers, not characters of the text
_EMPHASIS = re.compile(r"(?P<mark>\*\*|__|\*)(?=\S)(?:.+?)(?<=\S)(?P=mark)")


def _unescaped(text: str, column: int) -> list[tuple[str, int]]:
    """``text`` (starting at ``column``) without its backslash escapes and emphasis
    markers, in pieces that each know the column they start at, so that every character
    keeps its place."""
    dropped: set[int] = set()
    masked = list(text)  # an escaped character is no emphasis marker
    for found in _ESCAPE.finditer(text):
        dropped.add(found.start())
        masked[found.start():found.end()] = "\0\0"
    for found in _EMPHASIS.finditer("".join(masked)):
        mark = len(found["mark"])
        dropped.update(range(found.start(), found.start() + mark))
        dropped.update(range(found.end() - mark, found.end()))
    pieces, start = [], 0
    for at in sorted(dropped):
        pieces.append((text[start:at], column + start))
        start = at + 1
    pieces.append((text[start:], column + start))
    return [(piece, at) for piece, at in pieces if piece]


def _separators(line: str) -> list[int]:
    """Where a table row's cells end: its | that no backslash escapes."""
    found, escaped = [], False
    for i, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            found.append(i)
    return found


def _row(line: str, n: int, table: int, row: int) -> list[Paragraph]:
    """The cells of a Markdown table row, each with its column in the line (a \\| is a
    character of its cell)."""
    cells = []
    bars = _separators(line)
    ends = [*bars[1:], len(line)]
    for column, (start, end) in enumerate(zip([b + 1 for b in bars], ends, strict=True)):
        raw = line[start:end]
        if end == len(line) and not raw.strip():
            break
        text = raw.strip()
        offset = start + (len(raw) - len(raw.lstrip()))
        pieces = _unescaped(text, offset + 1)
        segments, joined = [], ""
        for piece, at in pieces:
            segments.append((len(joined), n, at))
            joined += piece
        cells.append(Paragraph(_clean(joined), n, tuple(segments) or ((0, n, offset + 1),),
                               (table, row, column)))
    return cells


def _docx(path: Path) -> list[Paragraph]:
    import zipfile

    import docx
    from docx.table import Table

    _check_parts(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"{path}: cannot be read as a Word document ({exc}); open it in Word "
                        "or WPS and save it as .docx") from None
    except Exception as exc:  # python-docx and lxml raise their own kinds on broken parts
        raise ReadError(f"{path}: cannot be read as a Word document "
                        f"({type(exc).__name__}); open it in Word or WPS and save it again"
                        ) from None
    texts: list[tuple[str, tuple[int, int, int] | None]] = []
    tables = 0
    for block in _blocks(document.element.body, document):
        if isinstance(block, Table):
            texts += [(text, (tables, row, column)) for text, row, column in _cells(block)]
            tables += 1
        else:
            texts.append((_accepted(block), None))
    return [Paragraph(_clean(text), n, cell=cell)
            for n, (text, cell) in enumerate(texts, 1) if text.strip()]


def _blocks(parent, document) -> Iterator:
    """The paragraphs and tables under ``parent`` in document order, those inside content
    controls (w:sdt, as templates with fill-in fields have them) and custom XML too."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield DocxParagraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, document)
        elif child.tag == qn("w:customXml"):
            yield from _blocks(child, document)


def _check_parts(path: Path) -> None:
    """Refuse a .docx whose parts unpack far beyond any report's (a zip bomb, or millions
    of empty paragraphs): reading it would take minutes and gigabytes."""
    import zipfile

    from majorproj.excel.guard import MAX_PART_BYTES, MAX_RATIO, RATIO_FROM_BYTES

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx says what is wrong with it
    for part in parts:
        size = part.file_size
        if size > MAX_PART_BYTES or (
                size > RATIO_FROM_BYTES and size > MAX_RATIO * max(part.compress_size, 1)):
            raise ReadError(f"{path}: its part {part.filename} unpacks to {size // 2**20} MB, "
                            f"{size // max(part.compress_size, 1)} times its packed size: "
                            "no report is like it; open it in Word or WPS and save it again")


def _cells(table) -> list[tuple[str, int, int]]:
    """(text, row, column) of each cell, row by row; a merged cell once."""
    seen: dict[int, object] = {}  # id → element, kept alive so that ids stay unique
    texts = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if id(cell._tc) not in seen:  # a merged cell repeats the same element
                seen[id(cell._tc)] = cell._tc
                texts.append(("\n".join(_accepted(p) for p in cell.paragraphs), r, c))
    return texts


# the runs a paragraph reads with its tracked changes accepted, in document order: its
# own, its hyperlinks', fields', content controls' (w:sdt) and those inserted (w:ins,
# w:moveTo); not those deleted (w:del, w:moveFrom), nor those of a text box's own
# paragraphs inside it
_ACCEPTED_RUNS = (".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom)"
                  " and count(ancestor::w:p) = {depth}]")


def _accepted(paragraph) -> str:
    """A paragraph's text as it reads with its tracked changes accepted (python-docx's
    ``paragraph.text`` leaves out the inserted runs)."""
    p = paragraph._p
    depth = len(p.xpath("ancestor::w:p")) + 1  # a text box's paragraph lies inside another
    return "".join(r.text for r in p.xpath(_ACCEPTED_RUNS.format(depth=depth)))
