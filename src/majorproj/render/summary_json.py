"""JSON text whose numbers are exact: Decimal written digit for digit, never via float."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def number(value: Decimal) -> str:
    """A Decimal as a JSON number without exponent or trailing zeros: 0.5, 7950000."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def dumps(value: Any, indent: int = 2) -> str:
    """``value`` (dicts, lists, str, int, bool, None, Decimal) as indented JSON text."""
    return _encode(value, 0, indent) + "\n"


def _encode(value: Any, depth: int, indent: int) -> str:
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = "\n" + " " * (indent * (depth + 1))
        items = [f"{json.dumps(str(k), ensure_ascii=False)}: {_encode(v, depth + 1, indent)}"
                 for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + " " * (indent * (depth + 1))
        items = [_encode(v, depth + 1, indent) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * (indent * depth) + "]"
    return json.dumps(value, ensure_ascii=False)
