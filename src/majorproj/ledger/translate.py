"""Validation errors, and unknown keys, as problems at the user's line."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from majorproj.ledger import vocab
from majorproj.ledger.fields import ValidationError, field_types, is_record, unwrapped
from majorproj.ledger.problems import CODES, Problem
from majorproj.ledger.yamlfile import Document, Loc

_TYPE_NAMES = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "decimal_type": "a number", "decimal_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping", "model_type": "a mapping", "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)", "dataclass_type": "a mapping",
    "dataclass_args_type": "a mapping",
}
_MONTH_FIELDS = ("planned_start", "planned_completion")
_VOCABULARIES = (vocab.LEVELS, vocab.NATURES, vocab.ISSUE_CATEGORIES, vocab.ISSUE_STATUSES,
                 vocab.PROCEDURE_STATUSES, vocab.BATCHES)
_POINTS_FIELDS = ("yellow_pp", "red_pp")  # thresholds: percentage points, not 万元
_LOOSE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_LOOSE_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
                "date_type"}


def validation_problems(doc: Document, error: ValidationError, base: Loc = ()) -> list[Problem]:
    """One problem per validation error and field; of a union's several errors, the clearest."""
    kept: dict[tuple, Problem] = {}
    for item in error.errors(include_url=False):
        loc = base + tuple(item["loc"])
        code, message, hint = _describe(item, loc)
        is_key = "[key]" in loc
        problem = doc.problem(tuple(p for p in loc if p != "[key]"), code, message, hint,
                              key=is_key)
        if (problem.line, problem.column) in doc.flagged:
            continue  # the reader already said what is wrong here
        place = (problem.line, problem.column, _field(loc))
        if place not in kept or (kept[place].code == "E102" and problem.code != "E102"):
            kept[place] = problem
    return list(kept.values())


def _field(loc: Loc) -> str:
    names = [p for p in loc if isinstance(p, str) and not p.startswith(("function", "["))
             and p not in ("str", "date", "constrained-str", "int", "decimal")]
    return names[-1] if names else "value"


def _describe(item: Mapping[str, Any], loc: Loc) -> tuple[str, str, str]:
    kind, field, value = item["type"], _field(loc), item.get("input")
    if kind in CODES:  # raised by the models with the problem code as its type
        hint = _HINTS.get(kind, "")
        if kind == "E104" and "beyond any project" in item["msg"]:
            hint = "check the unit: amounts are 万元 (1 亿元 = 10,000 万元; 元 ÷ 10,000)"
        elif kind == "E103" and item["msg"].endswith(" twice"):
            hint = "write it once: each is counted once"
        elif kind == "E104" and "> 0" in item["msg"]:
            hint = "a project's total investment is more than 0 万元; write its amount"
        return kind, f"{field} {item['msg']}", hint
    if "[key]" in loc:
        return _describe_key(item, loc)
    if kind == "missing":
        return "E101", f"{field} is required", f"add `{field}:` to this record"
    if kind == "literal_error":
        return "E103", f"{field} cannot be {value!r}", _choices_hint(item)
    if kind == "string_pattern_mismatch":
        if field in _PATTERN_HINTS:
            return "E108", f"{field} {value!r} is malformed", _PATTERN_HINTS[field]
        return "E103", f"{field} {value!r} is not of the form YYYY-MM", "write e.g. '2024-06'"
    if kind in _DATE_ERRORS and isinstance(value, str):
        if field in _MONTH_FIELDS and (month := _LOOSE_MONTH.fullmatch(value.strip())) \
                and 1 <= int(month[2]) <= 12:  # 2024-4: a month without its zero
            return "E103", f"{field} {value!r} is not of the form YYYY-MM", \
                f"write it '{month[1]}-{int(month[2]):02d}' (in quotes), or a day as YYYY-MM-DD"
        if _LOOSE_DATE.fullmatch(value) and _real_day(*map(int, value.split("-"))):
            y, m, d = map(int, value.split("-"))  # 2024-4-18: a real day without its zeros
            return "E107", f"{field} {value!r} is not written as YYYY-MM-DD", \
                f"write it {y}-{m:02d}-{d:02d}"
        return "E107", f"{field} {value!r} is not a real date", _HINTS["E107"]
    if field in _MONTH_FIELDS and not isinstance(value, str):  # 2024.04: a number
        return "E102", f"{field} should be a month (got {_show(value)})", \
            "write it as '2024-04' (in quotes), or a day as 2024-04-18"
    if kind in _DATE_ERRORS or kind.startswith("date"):  # 20240418: not written as one
        return "E102", f"{field} should be a date (got {_show(value)})", \
            "write it as YYYY-MM-DD, e.g. 2024-04-18"
    if kind == "finite_number":
        return "E105", f"{field} must be a finite number (got {value})", _HINTS["E105"]
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        return "E103", f"{field} {item['msg'].lower()}", ""
    wanted = _TYPE_NAMES.get(kind, "of another type")
    hint = "quote it: ids and names are text" if wanted == "text" else ""
    if field == "month" and wanted == "text":  # 202406, 2024-06-01: not a YYYY-MM
        hint = "write the month as YYYY-MM, e.g. month: 2024-06"
    if wanted == "a number" and isinstance(value, str):
        hint = "write the amount as a plain number in 万元, without separators or units"
        if field in _POINTS_FIELDS:
            hint = "write the bound as a plain number (10 for 10 percentage points), no %"
    if value is None and wanted in ("a mapping", "of another type"):
        hint = "nothing is written under it: indent its fields below it with plain spaces"
    return "E102", f"{field} should be {wanted} (got {_show(value)})", hint


def _describe_key(item: Mapping[str, Any], loc: Loc) -> tuple[str, str, str]:
    """A mapping's key is wrong: a procedure or funding source not in the format, a bad id."""
    kind, key = item["type"], item.get("input")
    at = loc.index("[key]")
    mapping = str(loc[at - 2]) if at >= 2 else "this mapping"
    if kind == "literal_error":
        return "E103", f"{mapping} cannot have the key {key!r}", _choices_hint(item)
    if kind == "string_pattern_mismatch":
        return "E108", f"{key!r} is not a valid project id", _PATTERN_HINTS["id"]
    if kind in ("int_parsing", "int_type", "greater_than_equal", "less_than_equal"):
        return "E103", f"key {key!r} of {mapping} is not a month", "write months as 1 … 12"
    return "E102", f"key {key!r} of {mapping} should be text", "quote it"


def _real_day(year: int, month: int, day: int) -> bool:
    from datetime import date

    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _choices_hint(item: Mapping[str, Any]) -> str:
    expected = item.get("ctx", {}).get("expected", "")
    choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
    if isinstance(item.get("input"), str) and item["input"] in choices \
            and f"'{item['input']}'" not in expected:  # format: '1' where 1 is meant
        return f"write it without quotes: {item['input']}"
    for words in _VOCABULARIES:  # 已办结 for done, 新开工 for new: the format's own words
        if choices and set(choices) <= words.keys():
            said = next((key for key, word in words.items() if word == item.get("input")), None)
            if said is not None:
                return f"write {said} (the format's word for {item['input']})"
    near = difflib.get_close_matches(str(item.get("input")), choices, n=1, cutoff=0.6)
    return f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(choices)}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


_PATTERN_HINTS = {
    "id": "ids use letters, digits, - and _ only (e.g. SZ-001)",
    "code": "the national project code reads YYYY-RRRRRR-DD-TT-NNNNNN",
}
_HINTS = {
    "E003": "keep one of the two, written as the month's number (6 for June)",
    "E104": "amounts are 万元 and cannot be negative",
    "E105": "write the amount as a plain number; .nan and .inf are not amounts",
    "E106": "round to 4 decimal places (1 元 = 0.0001 万元)",
    "E107": "write an existing date YYYY-MM-DD",
    "E109": "delete the character: it is invisible and breaks Word documents",
    "E110": "check the year",
}


# ── unknown keys ────────────────────────────────────────────────────────────────


def unknown_keys(doc: Document, data: Any, model: type, loc: Loc = ()) -> None:
    """Warn (W001) about keys the model does not know, with a "did you mean"."""
    if not isinstance(data, dict):
        return
    known, nested, counted = _shape(model)
    for key in data.keys() - known:
        if data[key] is None and _SPLIT_DIGITS.fullmatch(str(key)):
            doc.add(loc + (key,), "E111", f"'{key}' is the rest of a number that a comma "
                    f"split: in a {{…}} mapping 1,{key} reads as 1 and a key {key}",
                    "write the amount without its thousands comma (1500, not 1,500)",
                    key=True)
            continue
        near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.7)
        hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(sorted(known))}"
        if isinstance(key, str) and key.startswith("\u3000"):
            hint = ("it is indented with full-width spaces ('\u3000'), which YAML does not "
                    "count as an indent: indent it with plain spaces")
        elif near and near[0] in counted and near[0] not in data:
            # the figure meant for near[0] would not count, and its default would instead
            doc.add(loc + (key,), "E112", f"unknown key '{key}' would be ignored, leaving "
                    f"{near[0]} unset: its figure would not count",
                    f"did you mean '{near[0]}'? correct the spelling", key=True)
            continue
        doc.add(loc + (key,), "W001", f"unknown key '{key}' is ignored", hint, key=True)
    for key, (container, inner) in nested.items():
        value = data.get(key)
        if container == "one":
            unknown_keys(doc, value, inner, loc + (key,))
            continue
        items: Iterable[tuple[Any, Any]]
        if container == "list" and isinstance(value, list):
            items = enumerate(value)
        elif container == "dict" and isinstance(value, dict):
            items = value.items()
        else:
            continue
        inner_known, inner_nested, _ = _shape(inner)
        for k, item in items:  # most records hold only known keys and nothing nested
            if isinstance(item, dict) and (not item.keys() <= inner_known
                                           or not inner_nested.keys().isdisjoint(item)):
                unknown_keys(doc, item, inner, loc + (key, k))


# a key of three digits without a value: what follows a thousands comma in {a: 1,500}
_SPLIT_DIGITS = re.compile(r"\d{3}(?:\.\d*)?")
_SHAPES: dict[type, tuple[frozenset, dict, frozenset]] = {}


def _shape(model: type) -> tuple[frozenset, dict, frozenset]:
    """The keys of a model or record, which of its fields hold nested ones (one, list or
    dict), and which hold a figure: an amount or a date, which the metrics count."""
    if model not in _SHAPES:
        fields = {name: unwrapped(kind).base for name, kind in field_types(model).items()}
        nested = {}
        for name, annotation in fields.items():
            found = _nested_model(annotation)
            if found:
                nested[name] = found
        counted = frozenset(name for name, annotation in fields.items()
                            if _holds_figure(annotation))
        _SHAPES[model] = (frozenset(fields), nested, counted)
    return _SHAPES[model]


def _holds_figure(annotation: Any) -> bool:
    """Whether ``annotation`` is, or holds, a Decimal or a date."""
    if annotation in (Decimal, date):
        return True
    return any(_holds_figure(arg) for arg in typing.get_args(annotation))


def _nested_model(annotation: Any) -> tuple[str, type] | None:
    if is_record(annotation):
        return "one", annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            found = _nested_model(arg)
            if found:
                return found
    if origin in (list, tuple) and args and is_record(args[0]):  # list[R], tuple[R, ...]
        return "list", args[0]
    if origin is dict and len(args) == 2 and is_record(args[1]):
        return "dict", args[1]
    return None
