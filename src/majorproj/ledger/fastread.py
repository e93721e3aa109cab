"""Reading a plain ledger file fast: rapidyaml's C++ parser, its JSON emitter, json.loads.

Most ledger files are plain: block and flow mappings and lists of unquoted or quoted
scalars. For those, rapidyaml parses and emits JSON many times faster than PyYAML
composes nodes, and ``json.loads(parse_float=Decimal)`` keeps every amount exact. The
result must be exactly what the positional reader (``yamlfile``) builds, so this path
reads a file only when nothing in it could be read differently, and otherwise says
``None`` and the positional reader reads it:

- before parsing, the text is refused if it holds anything out of the plain: tags, anchors,
  aliases, merge keys, escapes, block scalars, directives, document markers, complex or
  collection keys, tabs, carriage returns, control or unusual characters, very long lines;
- after parsing, if a string value is one that YAML 1.1 would read as something else
  (``yes``, ``~``, ``0x1F``, ``1_000``, ``.inf``, a date with a time …), if a number has an
  exponent or is not JSON, if a key appears twice, if the file nests deeper than the
  format allows, or if it is not a mapping; and where rapidyaml read what YAML refuses:
  a comment inside a one-line ``{…}`` (kept as text: ``桩基施工 #已核``; any text holding
  `` #`` goes to the positional reader, which reads a quoted one the same, only slower),
  an empty key (``{: b}``), a value that starts with a closing bracket (``a: ]x``). These
  are looked for in the emitted JSON, at its quotes: a regex over the text of a
  province's files took a quarter of a second.

Plain dates (``2024-03-15``) are the one YAML 1.1 reading kept: they become dates as in
the positional reader, unless some date in the file is quoted (then it falls back).

Nothing here knows a node's line: a file that turns out to have a problem is composed
again, lazily, by the positional reader (``Document.position``).
"""

from __future__ import annotations

import json
import os
import re
import sys
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from majorproj.ledger import cache
from majorproj.ledger.yamlfile import plain_date

# Anything the fast path does not read exactly as the positional reader does: tags,
# anchors, aliases, block scalars, directives, escapes, complex keys, nulls written ~, tabs,
# carriage returns; what is not printable Unicode as YAML knows it, and the line breaks
# YAML 1.1 adds. Then merge keys, document markers and empty keys. (Collections as keys
# rapidyaml refuses itself.) A % is a directive or reserved only where a line or a value
# may start (after a space or a flow bracket or comma): 67.4% in text or a comment is text.
_UNUSUAL_CHARACTER = re.compile(
    r"[!&*|>@`\\?~\t\r"
    r"\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# (apart, and only where a % is: a lookbehind in the same pattern made the search try it
# at every character, six times slower)
_DIRECTIVE = re.compile(r"(?<![^\s\[{,])%")
_UNUSUAL_TEXT = ("<<", "\n---", "\n...")
_EMPTY_KEY = re.compile(r"\n[ -]*:(?:[ \n]|$)")
MAX_LINE = 1000  # libyaml refuses implicit keys longer than 1024 characters


# The plain scalars YAML 1.1 reads as other than text, by the characters they may start
# with: PyYAML's implicit resolvers (yaml/resolver.py), written out here so that a plain
# file is read without importing PyYAML; tests/test_fastread.py holds them to PyYAML's.
IMPLICIT = (
    ("yYnNtTfFoO", r'''^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$'''),
    ("-+0123456789.", r'''^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$'''),
    ("-+0123456789", r'''^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$'''),
    ("<", r"^(?:<<)$"),
    ("~nN", r'''^(?: ~
                    |null|Null|NULL
                    | )$'''),
    ("0123456789", r'''^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$'''),
    ("=", r"^(?:=)$"),
    ("!&*", r"^(?:!|&|\*)$"),
)


def _resolved_otherwise() -> re.Pattern:
    """JSON string values (not keys) that YAML 1.1 reads as other than text when plain.

    The implicit resolvers (``IMPLICIT``), each anchored ``^…$`` and verbose, joined into
    one search over the emitted JSON.
    """
    patterns = {pattern for _, pattern in IMPLICIT}
    inner = "|".join(f"(?x:{p.strip().removeprefix('^').removesuffix('$')})"
                     for p in sorted(patterns))
    starts = sorted(set("".join(first for first, _ in IMPLICIT)))
    first = "".join(starts).replace("-", "") + '-"'
    # and two that YAML refuses but rapidyaml reads: a value that starts with a closing
    # bracket (]x), an empty key ("":)
    # (each branch after the one opening quote: a regex that starts elsewhere is tried at
    # every character of a province's files, not at their quotes)
    return re.compile(f'"(?:(?=[{re.escape(first)}])({inner})"(?!:)'
                      r'|"():|(?<=[:,] ")[]}]|(?<=\[")[]}])')


_OTHERWISE = _resolved_otherwise()
# a number ending in its point (1.): rapidyaml writes 1.0, the positional reader keeps 1
_BARE_POINT = re.compile(r"[0-9]\.(?![0-9])")
_QUOTED_DATE = re.compile(r"['\"]\s*[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Unusual(Exception):
    """The file holds something this path does not read exactly."""


def plain_data(text: str) -> dict | None:
    """The file's data as the positional reader would build it, or None to let it read it.

    What rapidyaml emits for a file is kept in the cache (``ledger.cache``), so that a
    second run of an unchanged file reads only the JSON.
    """
    source = text.encode("utf-8")
    name = cache.key(source) if cache.enabled() else None
    stored = cache.load(name) if name else None
    if stored is not None:
        data = _data(*stored)
        if data is not None:
            return data
    if _UNUSUAL_CHARACTER.search(text) or ("%" in text and _DIRECTIVE.search(text)) \
            or any(u in text for u in _UNUSUAL_TEXT) \
            or text.startswith(("---", "...")) or _EMPTY_KEY.search("\n" + text) \
            or _BARE_POINT.search(text) \
            or len(max(text.split("\n"), key=len)) > MAX_LINE:
        return None
    emitted = _emit_json(source)
    if emitted is None or " #" in emitted:
        return None
    try:
        dates = _dates(emitted)
    except _Unusual:
        return None
    if dates and _QUOTED_DATE.search(text):
        return None
    data = _data(emitted, dates)
    if data is not None and name:
        cache.store(name, emitted, dates)
    return data


def _data(emitted: str, dates: bool) -> dict | None:
    """The values of rapidyaml's JSON, or None when it holds what YAML reads otherwise."""
    try:
        data = json.loads(emitted, parse_float=_decimal, parse_constant=_refuse,
                          object_pairs_hook=_mapping)
    except (_Unusual, ValueError, RecursionError):
        return None
    if data.__class__ is not dict:
        return None
    if dates:
        _plain_dates(data)
    return data


def _emit_json(source: bytes) -> str | None:
    """rapidyaml's JSON of ``source``, or None when it cannot parse or emit it.

    Its emitter refuses to go deeper than 64 levels, where the positional reader stops
    too (``MAX_DEPTH``): a file nested too deeply is left to it, to say so.
    """
    import ryml

    with _quiet_stderr():  # ryml prints its errors; the positional reader words them
        try:
            return ryml.emit_json(ryml.parse_in_arena(source))
        except ryml.ExceptionBasic:
            return None


@contextmanager
def _quiet_stderr():
    if sys.stderr is not None:
        sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no standard error at all: nothing to quieten
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _dates(emitted: str) -> bool:
    """Whether string values in the JSON are plain dates; refuse any other YAML 1.1 reading."""
    dates = False
    for match in _OTHERWISE.finditer(emitted):
        if match.group(1) is None or not _DATE.fullmatch(match.group(1)):
            raise _Unusual
        dates = True
    return dates


def _decimal(text: str) -> Decimal:
    if "e" in text or "E" in text:  # YAML 1.1 wants a dot and a signed exponent: refuse
        raise _Unusual
    return Decimal(text)


def _refuse(text: str):
    raise _Unusual  # NaN, Infinity


def _mapping(pairs: list[tuple[str, Any]]) -> dict:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):  # a key twice: the positional reader says where
        raise _Unusual
    return mapping


def _plain_dates(value: dict | list) -> None:
    """Turn the plain dates in ``value`` and below into dates, as the positional reader does."""
    items = value.items() if value.__class__ is dict else enumerate(value)
    for key, item in items:
        kind = item.__class__
        if kind is dict or kind is list:
            _plain_dates(item)
        elif kind is str and _DATE.fullmatch(item):
            value[key] = plain_date(item)
