"""JSON Schema of each ledger file kind, made from the records' fields, for editors."""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from majorproj.ledger.fields import field_info, field_types, is_record, unwrapped
from majorproj.ledger.models import KINDS

_NUMBER = [{"type": "number"}, {"type": "string"}]  # an amount: 1500 or '1500.5'
_SCALARS = {str: "string", int: "integer", bool: "boolean"}
_LIMIT_WORDS = {"str": {"min_length": "minLength", "max_length": "maxLength",
                        "pattern": "pattern"},
                "list": {"min_length": "minItems", "max_length": "maxItems"},
                "number": {"ge": "minimum", "le": "maximum"}}


def json_schema(kind: str) -> dict:
    defs: dict[str, dict] = {}
    schema = _record(KINDS[kind], defs)
    schema = _ordered({"$defs": defs, **schema} if defs else schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _ordered(value: Any, *, in_order: bool = False) -> Any:
    """Every mapping of the schema by its keys, but the fields of a record (``properties``)
    in the format's order: the same text for the same records, as editors show it."""
    if isinstance(value, dict):
        items = value.items() if in_order else sorted(value.items())
        return {k: _ordered(v, in_order=k == "properties" and not in_order) for k, v in items}
    if isinstance(value, list):
        return [_ordered(v) for v in value]
    return value


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def all_schemas_text() -> str:
    """The schema of every kind, in one JSON object by kind."""
    return json.dumps({kind: json_schema(kind) for kind in KINDS}, ensure_ascii=False,
                      indent=2) + "\n"


def _record(kind: type, defs: dict[str, dict]) -> dict:
    properties, required = {}, []
    types_ = field_types(kind)
    for f in dataclasses.fields(kind):
        info = field_info(f)
        found = _of(types_[f.name], defs, info["limits"])
        if f.default is not dataclasses.MISSING:
            found["default"] = _plain(f.default)
        elif f.default_factory is dataclasses.MISSING:
            required.append(f.name)
        for key in ("title", "description", "examples"):
            if info.get(key) is not None:
                found[key] = info[key]
        properties[f.name] = found
    schema: dict[str, Any] = {"properties": properties, "title": kind.__name__,
                              "type": "object"}
    if required:
        schema["required"] = required
    schema["description"] = inspect.cleandoc(kind.__doc__ or "")  # every record has one
    return schema  # in the order json_schema puts every schema


def _of(annotation: Any, defs: dict[str, dict], limits: Mapping | None = None) -> dict:
    """The JSON Schema of what ``annotation`` holds, with ``limits``."""
    inner = unwrapped(annotation, {"limits": limits or {}})
    found = _bare(inner.base, defs, inner.limits)
    if inner.examples is not None:
        found["examples"] = inner.examples
    return found


def _bare(annotation: Any, defs: dict[str, dict], limits: dict) -> dict:
    if annotation in _SCALARS:
        words = _LIMIT_WORDS["str" if annotation is str else "number"]
        return {"type": _SCALARS[annotation], **_limits(limits, words)}
    if annotation is Decimal:
        bounds = {k: float(v) for k, v in _limits(limits, _LIMIT_WORDS["number"]).items()}
        return {"anyOf": [{**_NUMBER[0], **bounds},
                          _NUMBER[1]]}
    if annotation is date:
        return {"format": "date", "type": "string"}
    if is_record(annotation):
        name = annotation.__name__
        if name not in defs:
            defs[name] = {}  # claimed before its fields, which may name it again
            defs[name] = _record(annotation, defs)
        return {"$ref": f"#/$defs/{name}"}
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        kind = {str: "string", int: "integer"}.get(type(args[0]))
        found: dict[str, Any] = {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        return {**found, "type": kind} if kind else found
    if origin in (typing.Union, types.UnionType):
        choices: list[dict] = []
        for arg in args:
            one: dict[str, Any] = {"type": "null"} if arg is type(None) else _of(arg, defs)
            choices += one["anyOf"] if list(one) == ["anyOf"] else [one]
        return {"anyOf": choices}
    if origin in (list, tuple):
        return {"items": _of(args[0], defs), "type": "array",
                **_limits(limits, _LIMIT_WORDS["list"])}
    if origin in (dict, Mapping):
        values, keys = _of(args[1], defs), _of(args[0], defs)
        found = {"additionalProperties": values, "type": "object"}
        if "pattern" in keys:  # a project id: patternProperties, as editors know them
            found = {"patternProperties": {keys.pop("pattern"): values}, "type": "object"}
        if keys.get("type") == "string":
            keys.pop("type")
            if keys:
                found["propertyNames"] = keys
        elif "enum" in keys:
            found["propertyNames"] = {"enum": keys["enum"]}
        return found
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _limits(limits: Mapping, words: Mapping) -> dict:
    return {words[k]: v for k, v in limits.items() if k in words}


def _plain(value: Any) -> Any:
    """A default as JSON shows it: an amount as its digits, a record as its fields."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
