"""Text from the ledger or a sheet as a terminal may show it: what it says, nothing it does.

A name may hold an escape sequence (ESC [ … that recolours, clears or retitles the
terminal), a carriage return that writes over the line, or a bidi control (U+202E
turns the rest of the line around, so that a name reads differently from what it is).
``visible`` writes every such character as its escape, ``\\x1b`` or ``\\u202e``, which
the reader sees and the terminal ignores. Line breaks and tabs stay; ``one_line`` writes
a line break as ``\\n`` too, for what must stay one line (a problem, a message, a path):
a name with a line break in it would start a line of its own, which a reader or a CI
runner (``::error …``) takes for another message.
"""

from __future__ import annotations

import re

from majorproj.text import BIDI_CONTROLS, CONTROLS

_HIDDEN = re.compile(f"[{CONTROLS}\r\u2028\u2029{BIDI_CONTROLS}]")
_JSON_HIDDEN = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with control and bidi characters shown as escapes: 'a\\x1b[2Jb'."""
    return _HIDDEN.sub(_escape, text)


def one_line(text: str) -> str:
    """``visible(text)`` on one line: its line breaks shown as ``\\n``."""
    return visible(text).replace("\n", "\\n")


_ON_TERMINAL = re.compile(f"[{CONTROLS}\u2028\u2029{BIDI_CONTROLS}]|\r(?!\n)")


def terminal_visible(text: str) -> str:
    """A data format (CSV, Markdown) printed on a terminal: its controls and bidi controls
    shown as escapes, its line ends (CSV's \\r\\n) kept. Written to a file or a pipe the
    data stays as it is."""
    return _ON_TERMINAL.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with the characters ``json.dumps`` leaves raw (C1 controls, bidi
    controls, line separators) written as ``\\uXXXX``: the same data, harmless on a
    terminal."""
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
