"""Reading one ledger file: bytes → text → YAML nodes → plain values, positions kept.

PyYAML's C composer builds the node graph (every node knows its line and column);
values are constructed here rather than by PyYAML's constructor, so that

- amounts are exact ``Decimal`` built from the scalar's text, never via ``float``;
- duplicate keys, unsupported tags (``!!python/object`` …) and unreal dates are
  problems at the node, and nothing but plain data is ever constructed;
- aliases cannot expand a small file into a huge structure, and nesting is bounded;
- integers read as YAML 1.2 does (``0500`` is five hundred, not octal).

Plain files are read by ``fastread`` (rapidyaml) instead, to the same values; their node
graph is composed only when a problem must be placed in them. The node graph stays with
the document so that a problem found later (by validation or by a cross-record rule) can
be placed at the line the user must edit.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from majorproj.ledger import layout
from majorproj.ledger.problems import Problem, severity_of
from majorproj.text import C0_CONTROLS

if TYPE_CHECKING:
    from yaml.error import Mark, MarkedYAMLError, YAMLError
    from yaml.nodes import MappingNode, Node, ScalarNode


def _yaml() -> tuple[Any, type]:
    """PyYAML and its loader, imported when a file or a place in one needs them: the
    plain files most ledgers are made of are read without them (``fastread``)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where built

MAX_DEPTH = 64
MAX_NODES = 1_000_000  # values a file: each costs the composer some 700 bytes of memory
# what starts or separates YAML values: more of them than values, give or take flow style
_SEPARATORS = ("\n", ",", "[", "{", ": ", "- ")
TAG = "tag:yaml.org,2002:"
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_KEY_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONTROL = re.compile(f"[{C0_CONTROLS}]")
_SPECIAL_FLOATS = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}

Loc = tuple[str | int, ...]


class _Abort(Exception):
    """Stops construction of a file that cannot be read further."""

    def __init__(self, node: Node, code: str, message: str, hint: str = ""):
        self.node, self.code, self.message, self.hint = node, code, message, hint


@dataclass
class Document:
    """One file: its display name, the node graph, the plain data and its own problems."""

    file: str
    root: Node | None = None
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    flagged: set[tuple[int, int]] = field(default_factory=set)  # places already reported
    # read without nodes: the file (its size and time, as read), read again and composed
    # when a place in it is needed; a province's projects files are not held as text meanwhile
    source: tuple[Path, int, int] | None = None

    def problem(self, loc: Loc, code: str, message: str, hint: str = "", *, key=False) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, line, column, severity_of(code), code, message, hint)

    def add(self, loc: Loc, code: str, message: str, hint: str = "", *, key=False) -> None:
        self.problems.append(self.problem(loc, code, message, hint, key=key))

    def add_at(self, mark: Mark, code: str, message: str, hint: str = "") -> None:
        """A problem at a place the YAML reader marked (0-based line and column)."""
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1,
                                     severity_of(code), code, message, hint))

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at ``loc``, or of the deepest parent found.

        Parts of ``loc`` that do not name a child (a union's members, a missing
        key) are skipped, so a missing key points at its parent mapping. With ``key``,
        the position of the last key itself rather than of its value.
        """
        if self.root is None and self.source is not None:
            text, self.source = self._read_again(*self.source), None
            if text is None:  # changed or gone since it was read: no place to point at
                return 1, 1
            yaml, loader = _yaml()
            try:  # read cleanly by the fast reader, so composed cleanly here
                self.root = yaml.compose(text, Loader=loader)
            except (yaml.YAMLError, RecursionError):
                return 1, 1
        node = self.root
        if node is None:
            return 1, 1
        from yaml.nodes import MappingNode, SequenceNode
        mark_node = node
        for part in loc:
            if isinstance(node, MappingNode):
                found = _child(node, part)
                if found is None:
                    continue
                key_node, node = found
                if node.start_mark.index < key_node.start_mark.index:
                    # an alias (DH-002: *a) of a node written earlier: the place is the
                    # alias's key, not the anchor's line (another project's)
                    return key_node.start_mark.line + 1, key_node.start_mark.column + 1
                mark_node = key_node if key else node
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    node = mark_node = node.value[part]
        mark = mark_node.start_mark
        return mark.line + 1, mark.column + 1


    def _read_again(self, path: Path, size: int, mtime: int) -> str | None:
        try:
            now = path.stat()
            if (now.st_size, now.st_mtime_ns) != (size, mtime):
                return None
            return _decode(path.read_bytes(), Document(self.file))
        except OSError:
            return None


def _child(node: MappingNode, part) -> tuple[Node, Node] | None:
    from yaml.nodes import ScalarNode

    text = str(part)
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == text:
            return key_node, value_node
    return None


def read_document(path: Path, file: str) -> Document:
    """Read one YAML file into a ``Document``; any failure becomes a problem in it."""
    doc = Document(file)
    try:
        if not path.is_file():  # a folder, a pipe or a device would fail or never end
            doc.add((), "E007", "this is not a regular file", "a ledger file is a plain file")
            return doc
        stat = path.stat()
        size = stat.st_size
        limit = layout.MAX_FILE_BYTES
        if size > limit:
            doc.add((), "E005", f"the file has {size:,} bytes; the limit is {limit:,}",
                    "split it, e.g. one projects file per county")
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.add((), "E007", f"cannot read the file: {exc.strerror or exc}",
                "check that it exists and that you may read it")
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    if too_many_nodes(text):
        doc.add((), "E005", f"the file holds more than {MAX_NODES:,} YAML values",
                "split it, e.g. one projects file per county")
        return doc
    from majorproj.ledger.fastread import plain_data

    data = plain_data(text)
    if data is not None:
        doc.data, doc.source = data, (path, size, stat.st_mtime_ns)
        return doc
    yaml, loader = _yaml()
    from yaml.error import Mark

    try:
        doc.root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark or Mark("", 0, 0, 0, None, None)
        if (cause := _indent_or_colon_cause(text, mark.line)) is not None:
            line, column, message, hint = cause
            doc.add_at(Mark("", 0, line, column, None, None), "E001", message, hint)
            return doc
        if (hidden := _flow_comment(text, exc)) is not None:
            doc.add_at(hidden, "E001", "YAML syntax: ' #' inside a {…} or […] on one line "
                       "starts a comment, which hides the rest of the line and its closing "
                       "bracket", "write the text in quotes ('桩基施工 #已核'), or move the "
                       "comment after the closing bracket")
            return doc
        doc.add_at(mark, "E001", _yaml_message(exc), "fix the YAML syntax at this place")
        return doc
    except yaml.reader.ReaderError as exc:
        at = exc.position  # libyaml counts UTF-8 bytes, the pure-Python reader characters
        if loader is not yaml.SafeLoader:
            at = len(text.encode("utf-8")[:at].decode("utf-8", "ignore"))
        line, column = _line_column(text, at)
        doc.add_at(Mark("", at, line - 1, column - 1, None, None), "E001",
                   f"character {exc.character!r} is not allowed in YAML",
                   "remove the control character (often pasted from Word or Excel)")
        return doc
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        doc.add((), "E001", _yaml_message(exc), "keep one YAML document per file")
        return doc
    except RecursionError:
        doc.add((), "E005", "the file is nested too deeply", "a ledger file is a few levels deep")
        return doc
    if doc.root is not None:
        try:
            doc.data = _Builder(doc, budget=2 * len(text) + 10_000).build(doc.root, 0)
        except _Abort as stop:
            doc.add_at(stop.node.start_mark, stop.code, stop.message, stop.hint)
            return doc
    if doc.data is None and all(p.severity != "error" for p in doc.problems):  # or only ~
        doc.add((), "E006", "the file is empty", "see `majorproj init` for what a file holds")
    return doc


def too_many_nodes(text: str) -> bool:
    """Whether composing ``text`` would build more than ``MAX_NODES`` nodes (4 MiB of
    ``0,`` are two million). Counting separators is quick and errs high by at most a
    factor of two; only a file near the limit is counted exactly, by parsing its events
    (up to the limit, never composing them)."""
    if sum(map(text.count, _SEPARATORS)) <= MAX_NODES // 2:
        return False
    nodes = 0
    yaml, loader = _yaml()
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                                  yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    return True
    except yaml.YAMLError:
        return False  # composing reports the syntax error at its place
    return False


def _decode(raw: bytes, doc: Document) -> str | None:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _CONTROL.search(text):
            doc.add((), "W004", "the file is UTF-16 (Windows 'Unicode'); read it as such",
                    "save it as UTF-8 so that other tools read it too")
            return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    legacy = _as_gb18030(raw)
    if legacy is not None:
        doc.add((), "W004", "the file is GBK/GB18030, not UTF-8; read it as GB18030",
                f"convert it: iconv -f GB18030 -t UTF-8 {Path(doc.file).name} > new.yaml, "
                "or save as UTF-8 in your editor")
        return legacy
    line = raw[:bad_at].count(b"\n") + 1
    column = bad_at - (raw.rfind(b"\n", 0, bad_at) + 1) + 1
    doc.problems.append(Problem(
        doc.file, line, column, "error", "E002",
        f"byte 0x{raw[bad_at]:02x} is not UTF-8 and the file is not GBK/GB18030 text either",
        "save the file as UTF-8 text (in Excel or Word: 'Save as' → UTF-8)"))
    return None


def _as_gb18030(raw: bytes) -> str | None:
    """The text, if the bytes read as GB18030 and look like Chinese, else None.

    GB18030 decodes many byte strings, so the decoded text must also look like what
    a ledger holds: its non-ASCII characters mostly CJK ideographs and punctuation.
    """
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 127]
    cjk = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f"
              or "\uff00" <= c <= "\uffef")
    return text if wide and cjk >= 0.9 * len(wide) else None


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


# a key ended by a full-width colon (completed_ytd：0, LJ-019：), or an indent of
# full-width spaces: what a Chinese input method types where YAML needs ':' and ' '
_FULL_WIDTH_KEY = re.compile(r"^[\s\-]*[^:#'\"{}\[\]\s：]+(：)")
_FULL_WIDTH_INDENT = re.compile(r"^[ ]*(\u3000)")
_TAB_INDENT = re.compile(r"^[ ]*(\t)")


def _indent_or_colon_cause(text: str, line: int) -> tuple[int, int, str, str] | None:
    """(0-based line, column, message, hint) of a full-width colon or space, or a tab, in
    the indent of the line a syntax error was found at or the line before it (the reader
    often stops one line late), or None."""
    lines = text.split("\n")
    for number in (line - 1, line):
        if not 0 <= number < len(lines):
            continue
        if found := _FULL_WIDTH_KEY.match(lines[number]):
            what, instead = "colon '：'", "':' and a space"
        elif found := _FULL_WIDTH_INDENT.match(lines[number]):
            what, instead = "space '\u3000' in the indent", "plain spaces"
        elif found := _TAB_INDENT.match(lines[number]):  # YAML counts no tab as an indent
            return (number, found.start(1), "YAML syntax: a tab in the indent, which YAML "
                    "does not count as one", "indent with plain spaces (the editor may "
                    "turn the Tab key into spaces)")
        else:
            continue
        return (number, found.start(1), f"YAML syntax: a full-width {what} where YAML needs "
                f"{instead}", f"replace it with {instead} (the input method wrote the "
                "full-width one)")
    return None


def _flow_comment(text: str, exc: MarkedYAMLError) -> Mark | None:
    """Where a ' #' inside a one-line flow mapping or list begins, when that is why it does
    not close (the reader says so only a line later, at the next key)."""
    start = exc.context_mark
    if start is None or not (exc.context or "").startswith("while parsing a flow"):
        return None
    line = text.split("\n")[start.line] if start.line < len(text.split("\n")) else ""
    at = line.find(" #", start.column)
    from yaml.error import Mark

    return None if at < 0 else Mark("", 0, start.line, at + 1, None, None)


def _yaml_message(exc: YAMLError) -> str:
    from yaml.error import MarkedYAMLError

    if isinstance(exc, MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        return "YAML syntax: " + (", ".join(parts) if parts else "cannot be parsed")
    return "YAML: " + " ".join(str(exc).split())[:200]


class _Builder:
    """Turns a node graph into dicts, lists, str, int, Decimal, bool, date and None."""

    def __init__(self, doc: Document, budget: int):
        from yaml.nodes import MappingNode, ScalarNode

        self.doc = doc
        self.budget = budget
        self.kinds = ScalarNode, MappingNode

    def build(self, node: Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Abort(node, "E005", "aliases expand this file far beyond its size",
                         "write the values out instead of repeating anchors (&) and aliases (*)")
        if depth > MAX_DEPTH:
            raise _Abort(node, "E005", f"the file is nested more than {MAX_DEPTH} levels deep",
                         "a ledger file is a few levels deep; check the indentation")
        cls, (scalar, mapping) = node.__class__, self.kinds
        if cls is scalar:
            return self.scalar(node)
        if cls is mapping:
            return self.mapping(node, depth)
        if not self.tag_ok(node, "seq"):  # the composer makes only these three kinds
            return None
        return [self.build(item, depth + 1) for item in node.value]

    def refuse(self, node: Node, code: str, message: str, hint: str = "") -> None:
        """A problem at ``node``, whose value is then read as nothing."""
        mark = node.start_mark
        self.doc.flagged.add((mark.line + 1, mark.column + 1))
        self.doc.add_at(mark, code, message, hint)

    def tag_ok(self, node: Node, expected: str) -> bool:
        if node.tag == TAG + expected:
            return True
        self.refuse(node, "E004", f"the YAML tag {node.tag} is not supported",
                    "remove the tag: a ledger holds plain text, numbers, dates, lists and "
                    "mappings; nothing else is ever constructed")
        return False

    def mapping(self, node: MappingNode, depth: int) -> dict | None:
        if not self.tag_ok(node, "map"):
            return None
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge":
                merged = self.build(value_node, depth + 1)
                for part in merged if isinstance(merged, list) else [merged]:
                    if not isinstance(part, dict):
                        self.refuse(value_node, "E102", "a merge key (<<) needs a mapping")
                        break
                    for k, v in part.items():
                        result.setdefault(k, v)
                continue
            if key_node.tag not in _KEY_TAGS:
                if key_node.tag in (TAG + "seq", TAG + "map"):
                    self.refuse(key_node, "E102", "a key must be plain text, not a list or mapping")
                else:
                    self.tag_ok(key_node, "str")
                continue
            key = key_node.value  # keys are names and ids: their text, as written
            if key in first_line:
                self.doc.add_at(key_node.start_mark, "E003", f"key '{key}' appears twice in this "
                                f"mapping (first on line {first_line[key]})",
                                "keep one of them; YAML readers would silently drop the first")
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == TAG + "str":
            return text
        if tag == TAG + "int":
            return _int(text)
        if tag == TAG + "float":
            return _decimal(text)
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return text.lower() in ("yes", "true", "on", "y")
        if tag == TAG + "timestamp":
            return plain_date(text)
        self.tag_ok(node, "str")
        return None


def _int(text: str) -> int | str:
    if text.isdigit() and len(text) < 19:  # the common case, and never octal in YAML 1.2
        return int(text)
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    body = digits.lstrip("+-")
    try:
        if body[:2].lower() == "0x":
            return sign * int(body[2:], 16)
        if body[:2].lower() == "0b":
            return sign * int(body[2:], 2)
        if body[:2].lower() == "0o":
            return sign * int(body[2:], 8)
        if ":" in body:  # YAML 1.1 sexagesimal; YAML 1.2 reads it as text
            return text
        return sign * int(body, 10)
    except ValueError:  # e.g. more digits than Python converts
        return text


def _decimal(text: str) -> Decimal | str:
    special = _SPECIAL_FLOATS.get(text.lower())
    if special:
        return Decimal(special)
    if ":" in text:
        return text
    try:
        return Decimal(text.replace("_", ""))
    except InvalidOperation:
        return text


def plain_date(text: str) -> dt.date | str:
    """A plain scalar YAML tags as a timestamp: its date, or its text when not a real date."""
    match = _DATE.match(text)
    if not match:
        return text  # a date with a time: left to validation, which wants a plain date
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return text
