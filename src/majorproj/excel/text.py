"""Cell text as offices type it, made comparable: full-width forms, stray spaces, brackets."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

from majorproj.excel.cells import MonthCell
from majorproj.text import NOT_IN_WORD


def cell_text(value: object) -> str:
    """A cell's value as text, stripped; '' for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, MonthCell):  # shown as 2024年7月: the month
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, datetime):
        # a day alone (time() is midnight, which Python counts true since 3.5) as its day
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if "_x" in text:  # OOXML's escape of a character, as Excel reads it: _x000D_ is a CR
        from openpyxl.utils.escape import unescape

        text = unescape(text)
    return text.strip()


def squeeze(text: str) -> str:
    """``text`` in NFKC form (full-width letters, digits, brackets and spaces become
    ordinary ones) with all white space removed: '１号　厂房 （一期）' → '1号厂房(一期)'."""
    return "".join(unicodedata.normalize("NFKC", text).split())


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_WIDE}]) +| +(?=[{_WIDE}])")


def clean_text(value: object, *, one_line: bool = False) -> str:
    """A text cell as the ledger keeps it: no control characters (pasted from Word),
    runs of spaces (full-width too) made one, blank lines dropped. With ``one_line``
    (names, units), the lines are joined (Alt+Enter only wrapped the text in the cell)
    and spaces next to Chinese characters dropped: '东湖区 新 项目' → '东湖区新项目'."""
    text = cell_text(value).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    lines = [" ".join(line.split()) for line in NOT_IN_WORD.sub("", text).split("\n")]
    if one_line:
        return _SPACE_BY_CJK.sub("", "".join(lines))
    return "\n".join(line for line in lines if line)
