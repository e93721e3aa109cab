"""Text primitives every layer shares: control characters, display width, the words
that mean "nothing" in a cell, and how project names are compared (``fold_name``: by
``check``'s duplicate-name rule W006 and by the importers' matching alike, so that a
name ``check`` accepts as distinct is never ambiguous to an import, and the reverse).

Defined once here so that what ``check`` flags, what a sheet's cells are cleaned of
and what a document strips are the same characters, and a table, a sheet and a page
measure text alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import AnyStr

# control characters but tab and the line breaks \n and \r: C0, then DEL and C1
C0_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f"
CONTROLS = C0_CONTROLS + "\x7f-\x9f"
# what XML 1.0, and so a Word document, cannot hold: those controls (the invisible C1
# ones Word chokes on too), surrogates, U+FFFE and U+FFFF
NOT_IN_WORD = re.compile(f"[{CONTROLS}\ud800-\udfff\ufffe\uffff]")

# the bidirectional-text controls (marks, embeddings, overrides, isolates): invisible,
# they show a text in another order than it is written
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

# what offices write in a cell that holds nothing: blank, dashes, slashes, 无
NOTHING = frozenset({"", "-", "--", "—", "——", "–", "/", "\\", "无", "暂无"})


def display_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide and full-width characters count 2, others 1."""
    if text.isascii():
        return len(text)
    return len(text) + len(text.translate(_WIDE))  # the text with only its wide characters


class _WideOnly(dict):
    """For ``str.translate``: a wide or full-width character stays, any other goes; each
    character is looked up in Unicode's table once."""

    def __missing__(self, code: int) -> int | None:
        self[code] = kept = code if unicodedata.east_asian_width(chr(code)) in "WF" else None
        return kept


_WIDE = _WideOnly()


# brackets NFKC leaves alone: 【一期】 〔一期〕 are (一期)
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")",
                           "[": "(", "]": ")", "〖": "(", "〗": ")", "｛": "(", "｝": ")"})


def fold_name(name: str) -> str:
    """``name`` as compared: NFKC (full-width letters, digits, brackets and spaces become
    ordinary ones), full-width and square brackets as round ones, without white space and
    without zero-width and other format characters (U+200B, U+FEFF, soft hyphens …):
    '甲县 城区道路【一期】\u200b' and '甲县城区道路（一期）' are the same name."""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def chunks(pieces: Iterable[AnyStr], size: int = 1 << 16) -> Iterator[AnyStr]:
    """``pieces`` of text (or bytes) joined into chunks of at least ``size`` characters
    (bytes; the last one shorter), so that a large text made piece by piece is written in
    few calls."""
    batch: list[AnyStr] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield piece[:0].join(batch)  # "" or b"", as the pieces are
            batch, length = [], 0
    if batch:
        yield batch[0][:0].join(batch)


def encoded(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """``pieces`` of text as UTF-8, in chunks of at least ``size`` characters
    (``chunks``): large ones, so that a thread compressing them (``package.write_behind``)
    takes the interpreter's lock back seldom."""
    return (chunk.encode("utf-8") for chunk in chunks(pieces, size))
