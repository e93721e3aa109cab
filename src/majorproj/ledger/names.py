"""Project names made comparable, once for the whole program.

``check``'s duplicate-name rule (W006) and the importers' matching of sheet rows to
projects both compare names by ``fold_name``, so a name that ``check`` accepts as
distinct is never called ambiguous by an import, and the reverse.
"""

from __future__ import annotations

import unicodedata

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
