"""The 存在问题 column: one cell's text → the ledger's issues, each with a category.

Offices write several problems in one cell ('1.用地指标未落实；2.资金缺口较大'): the
text is split at line breaks, semicolons and item numbers, and each part gets the
first category whose keywords it contains (else ``other``). A cell that says there is
no problem (无, 暂无, 无问题, —) gives no issues; a problem marked solved (已解决 alone, or
after its text: '用地未报批（已解决）') is no open issue either (``resolved_mark``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from majorproj.excel.text import squeeze
from majorproj.text import NOTHING

NO_ISSUE = NOTHING | {"无问题", "暂无问题", "没有", "无。", "正常", "暂无困难和问题",
                     "无困难和问题", "×", "✕", "N/A", "n/a", "NA"}

# what a clerk writes for a problem solved, instead of deleting it as the sheet asks:
# 已解决, 问题已解决, 已办结, 已协调解决 … alone, or after the problem's text in brackets
_DONE = r"(?:问题)?(?:已经?|均已|已全部)?(?:协调)?(?:解决|办结|完成|落实|处理|销号|消除)(?:完毕)?"
_RESOLVED = re.compile(rf"{_DONE}[。.!！]?")
_RESOLVED_AFTER = re.compile(rf"\s*(?:[（(]{_DONE}[)）]|[，,—\-－:：]+{_DONE})[。.!！]?$")

# first match wins: 征地拆迁 before 用地, so that 征地 is demolition, not land
CATEGORY_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("demolition", ("拆迁", "征地", "征收", "搬迁", "征迁")),
    ("land", ("用地", "土地", "供地", "地块", "耕地", "基本农田")),
    ("forest", ("用林", "林地", "林业", "林木", "采伐", "林权")),
    ("sea", ("用海", "海域", "海洋", "围填海", "海岸")),
    ("eia", ("环评", "环境影响", "环保审批")),
    ("energy", ("能耗", "能评", "节能")),
    ("funding", ("资金", "融资", "贷款", "专项债", "资本金", "拨付")),
    ("planning", ("规划",)),
    ("approval", ("审批", "手续", "立项", "核准", "备案", "批复", "施工许可")),
)

_SPLIT = re.compile(r"[\n\r;；]+|(?:^|(?<=[。，,\s]))(?:\d{1,2}[.、．)）](?!\d)|[(（]\d{1,2}[)）]"
                    r"|[①②③④⑤⑥⑦⑧⑨⑩])")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.、．)）]|[(（]\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩])\s*")


def category_of(text: str) -> str:
    """The issue category whose keywords ``text`` contains first; ``other`` if none."""
    for category, words in CATEGORY_KEYWORDS:
        if any(word in text for word in words):
            return category
    return "other"


def split_issues(cell: str, known: Callable[[str], bool] = lambda part: False) -> list[str]:
    """The separate problems written in one cell, numbering and punctuation trimmed.

    A problem the ledger already holds (``known``: its text, or 【its key】 and text) is
    kept whole, though it has a semicolon or numbers of its own: the cell as a fill-in
    sheet lists them, a numbered line each (``join_issues``), is split at its lines only
    where each is known, so that '征地涉及2户；另有1处坟墓待迁' stays one issue with its unit.
    """
    if squeeze(cell) in NO_ISSUE:
        return []
    parts = []
    for piece in _numbered_lines(cell) or [cell]:
        if known(piece.strip()):
            parts.append(piece.strip())
            continue
        for part in _SPLIT.split(piece):
            part = _LEADING_NUMBER.sub("", part or "").strip(" \t　。；;，,")
            if part and squeeze(part) not in NO_ISSUE:
                parts.append(" ".join(part.split()))
    return parts


_NUMBERED = re.compile(r"\s*(\d{1,2})[.．、]\s*(.*)", re.DOTALL)


def _numbered_lines(cell: str) -> list[str] | None:
    """The items of a cell written '1.…' '2.…', a line each (as ``join_issues`` writes
    them; '1.…' alone too), without their numbers; None for a cell of another form."""
    items: list[str] = []
    for line in cell.splitlines():
        found = _NUMBERED.fullmatch(line)
        if found is None or int(found[1]) != len(items) + 1:
            return None
        items.append(found[2])
    return items or None


_KEY = re.compile(r"^\s*[【\[]([A-Za-z0-9_-]{1,80})[】\]]\s*")


def with_key(key: str | None, text: str) -> str:
    """An issue as a fill-in sheet lists it: 【DH-001-1】text, so that it keeps its key."""
    return f"【{key}】{text}" if key else text


def resolved_mark(text: str) -> tuple[str, bool]:
    """(``text`` without a mark that the problem is solved, whether it had one): '已解决'
    → ('', True); '用地未报批（已解决）' → ('用地未报批', True); else (text, False)."""
    if _RESOLVED.fullmatch(squeeze(text)):
        return "", True
    found = _RESOLVED_AFTER.search(text)
    if found and found.start() > 0:
        return text[:found.start()].rstrip(), True
    return text, False


def split_key(text: str) -> tuple[str | None, str]:
    """(key, text) of one issue of a cell: the key of a leading 【DH-001-1】, else None."""
    found = _KEY.match(text)
    if not found:
        return None, text
    return found.group(1), text[found.end():].strip()


def join_issues(texts: list[str]) -> str:
    """Issues in one cell as offices write them: one as it is, several numbered a line each.

    ``split_issues`` reads this back into the same texts (unless a text itself holds a
    line break or a semicolon; the importer then matches the cell as a whole).
    """
    if len(texts) == 1:
        return texts[0]
    return "\n".join(f"{i}.{text}" for i, text in enumerate(texts, 1))
