"""Refusing a workbook that would stall or exhaust the reader, before openpyxl opens it.

An .xlsx file is a zip of XML parts, and a small file can unpack to gigabytes: a sheet
padded to 2 GB compresses to 2 MB, and openpyxl reads every shared string into memory
at once. ``check_package`` looks at the zip's directory and refuses, with a message
saying what is wrong and what to do,

- a part that unpacks to more than ``MAX_PART_BYTES``, or, above ``RATIO_FROM_BYTES``,
  more than ``MAX_RATIO`` times its compressed size (real sheets compress 5–30 times);
- parts that unpack to more than ``MAX_TOTAL_BYTES`` together, or more than
  ``MAX_PARTS`` of them;
- a shared-strings table of more than ``MAX_SHARED_STRINGS`` strings (counted while
  streaming the part, never holding it whole);
- an XML part that declares a DTD (``<!DOCTYPE …>``) before its root element, or whose
  root element does not begin within ``HEAD_BYTES``: Excel and WPS never write either,
  and a DTD's entities could expand a cell a billionfold or read a local file into it.

The zip reader itself never unpacks more than a part's declared size (a part that
claims less than it holds fails its CRC), so the declared sizes are what count.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from majorproj.excel import ExcelError

MAX_PART_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 16 * 1024 * 1024
MAX_PARTS = 10_000
MAX_SHARED_STRINGS = 200_000
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
HEAD_BYTES = 4096  # Excel and WPS begin a part's root element within its first 200 bytes
_ROOT = re.compile(rb"<[A-Za-z_]")  # the first start tag (not <?, <! or </)
_CHUNK = 1024 * 1024

RESAVE = "open it in Excel or WPS and save it again (File → Save As → Excel Workbook)"


def check_package(path: Path) -> None:
    """Refuse the .xlsx at ``path`` (ExcelError) if its parts are absurdly large."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise ExcelError(f"{path} holds {len(parts):,} parts; a workbook has a few "
                                 f"dozen (majorproj reads at most {MAX_PARTS:,}); {RESAVE}")
            total = 0
            for part in parts:
                _check_part(path, part)
                total += part.file_size
            if total > MAX_TOTAL_BYTES:
                raise ExcelError(f"{path} unpacks to {_mb(total)} (majorproj reads at most "
                                 f"{_mb(MAX_TOTAL_BYTES)}); split the workbook or {RESAVE}")
            for part in parts:
                name = part.filename.lower()
                if name.endswith((".xml", ".rels")):
                    _check_prolog(path, archive, part)
                if name.endswith("sharedstrings.xml"):
                    _check_shared_strings(path, archive, part)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            NotImplementedError, ValueError, RuntimeError) as exc:  # RuntimeError: encrypted
        raise ExcelError(f"cannot read {path} as an .xlsx workbook (a damaged zip: "
                         f"{exc}); {RESAVE}") from None


def _check_part(path: Path, part: zipfile.ZipInfo) -> None:
    size, packed = part.file_size, max(part.compress_size, 1)
    if size > MAX_PART_BYTES:
        raise ExcelError(f"{path}: the part {part.filename} unpacks to {_mb(size)} (majorproj "
                         f"reads parts of at most {_mb(MAX_PART_BYTES)}); a county's sheet is "
                         f"far smaller: delete empty rows and columns, or {RESAVE}")
    if size > RATIO_FROM_BYTES and size / packed > MAX_RATIO:
        raise ExcelError(f"{path}: the part {part.filename} unpacks to {_mb(size)} from "
                         f"{_mb(packed)}, {size // packed:,} times its size (real sheets: "
                         f"5–30 times); the file is padded or damaged: {RESAVE}")


def _check_prolog(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Refuse a part whose prolog (what comes before its root element) declares a DTD."""
    with archive.open(part) as stream:
        head = stream.read(HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, which XML allows
        head = head[: len(head) // 2 * 2].decode("utf-16", "replace").encode()
    root = _ROOT.search(head)
    prolog = head[: root.start()] if root else head
    if b"<!DOCTYPE" in prolog:
        raise ExcelError(f"{path}: the part {part.filename} declares a DTD (<!DOCTYPE …>), "
                         f"which Excel and WPS never write; {RESAVE}")
    if root is None and part.file_size > HEAD_BYTES:
        raise ExcelError(f"{path}: the part {part.filename} does not begin its content "
                         f"within {HEAD_BYTES // 1024} KB, as Excel and WPS do; {RESAVE}")


def _check_shared_strings(path: Path, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    count, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            count += len(_SHARED_STRING.findall(data))
            tail = data[-8:]
            count -= len(_SHARED_STRING.findall(tail))  # counted again with the next chunk
            if count > MAX_SHARED_STRINGS:
                raise ExcelError(
                    f"{path} has more than {MAX_SHARED_STRINGS:,} different texts (its shared "
                    "strings); a dispatch sheet has a few thousand. Copy the sheet you "
                    f"send into a new workbook, or {RESAVE}")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"
