"""The ledger's records as frozen dataclasses, validated by pydantic-core.

A record (``@record``) is a frozen, slotted dataclass whose annotations say what each
field holds: ``str``, ``int``, ``bool``, ``Decimal``, ``date``, a ``Literal``, ``X | None``
or a union, ``list[X]``, ``tuple[X, ...]``, ``dict[K, V]`` (or ``Mapping``), another record,
and ``Annotated`` forms of these with ``Field`` limits and ``After``/``Before`` checks.
``validated(kind, data)`` builds, once per kind, the pydantic-core schema that pydantic
builds for such a class, field for field, and validates with it: the same Rust engine,
errors and lax conversions as a pydantic model, without importing pydantic and running
its schema generation on every start (about 70 ms of the 160 ms a check of a small ledger
took). ``ledger/schema.py`` makes from the same fields the JSON Schema editors read,
titles and descriptions from ``Field`` and the records' docstrings.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar


def _engine() -> types.ModuleType:
    """pydantic-core's compiled module, loaded without its package's ``__init__``.

    That ``__init__`` only re-exports this module's classes, after importing
    ``core_schema`` (TypedDicts of every schema kind, read by type checkers) and
    typing_extensions: 12 ms of the 100 ms a first check of a small ledger takes, where the
    compiled module alone is 1.5 ms. It goes into ``sys.modules`` under its own name, so a
    later ``import pydantic_core`` re-exports this same module and its same classes. Where
    the installation keeps it elsewhere than beside the package, the package is imported."""
    name = "pydantic_core._pydantic_core"
    if name in sys.modules:
        return sys.modules[name]
    from importlib.machinery import PathFinder
    from importlib.util import find_spec, module_from_spec

    package = find_spec("pydantic_core")
    spec = PathFinder.find_spec(name, package.submodule_search_locations) if package else None
    if spec is None or spec.loader is None:
        import pydantic_core  # noqa: F401  (it imports its compiled module)

        return sys.modules[name]
    module = module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


if typing.TYPE_CHECKING:
    from pydantic_core import PydanticCustomError, SchemaValidator, ValidationError
else:
    _ENGINE = _engine()
    SchemaValidator = _ENGINE.SchemaValidator
    ValidationError = _ENGINE.ValidationError  # the one home of pydantic-core's classes
    PydanticCustomError = _ENGINE.PydanticCustomError

R = TypeVar("R")
_LIMITS = ("ge", "le", "min_length", "max_length", "pattern")


def Field(default: Any = dataclasses.MISSING, *, default_factory: Any = dataclasses.MISSING,  # noqa: N802
          title: str | None = None, description: str | None = None,
          examples: list | None = None, **limits: Any) -> Any:
    """A record's field: its default, its title and description for editors, and limits
    (``ge``, ``le``, ``min_length``, ``max_length``, ``pattern``) on what it holds. Inside
    ``Annotated`` only the limits and examples count."""
    unknown = limits.keys() - set(_LIMITS)
    if unknown:
        raise TypeError(f"unknown limits {sorted(unknown)}")
    info = {"title": title, "description": description, "examples": examples, "limits": limits}
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata={"majorproj": info})


@dataclasses.dataclass(frozen=True, slots=True)
class After:
    """A check run on the value once its type is validated: returns it, or raises a
    ``PydanticCustomError`` whose type is the problem code."""

    function: Callable[[Any], Any]


@dataclasses.dataclass(frozen=True, slots=True)
class Before:
    """A check run on the value as written, before its type is validated."""

    function: Callable[[Any], Any]


@typing.dataclass_transform(frozen_default=True, kw_only_default=True,
                            field_specifiers=(Field,))
def record(cls: type[R]) -> type[R]:
    """``cls`` as a frozen, slotted, keyword-only dataclass: a record of the ledger, whose
    values are validated when it is made (``Issue(text=…)``, ``dataclasses.replace``) as
    when it is read, with pydantic-core's ValidationError if they are not sound.

    Its comparison, hash, repr and refusal to change are the methods below, shared by
    every record: the ones ``dataclass`` writes and compiles for each class took 10 ms of
    every start (validation sets the fields past ``__setattr__``, as on a frozen one).

    Its docstring, which every record must have, is its description for editors (where
    there is none, ``dataclass`` would write one from its signature, through ``inspect``
    parsing the text of ``object.__init__``'s: 0.4 ms a class on every start)."""
    if not cls.__doc__:
        raise TypeError(f"record {cls.__qualname__} needs a docstring: what it holds")
    kind = dataclasses.dataclass(init=False, repr=False, eq=False, slots=True,
                                 kw_only=True)(cls)

    def __init__(self: Any, **values: Any) -> None:
        _validator(kind).validate_python(values, self_instance=self)

    __init__.__qualname__ = f"{kind.__qualname__}.__init__"
    methods = {"__init__": __init__, "__repr__": _repr, "__eq__": _eq, "__hash__": _hash,
               "__setattr__": _frozen, "__delattr__": _frozen, "__reduce__": _reduce}
    for name, method in methods.items():
        setattr(kind, name, method)
    return kind


def _values(value: Any) -> tuple:
    return tuple(getattr(value, name) for name in value.__dataclass_fields__)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _frozen(self: Any, name: str, *value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _reduce(self: Any) -> tuple:
    """How a record is pickled or copied: its kind and values, made again as they were."""
    return _remade, (type(self), _values(self))


def _remade(kind: type, values: tuple) -> Any:
    made: Any = object.__new__(kind)
    for name, value in zip(field_names(kind), values, strict=True):
        object.__setattr__(made, name, value)
    return made


def field_names(kind: type) -> tuple[str, ...]:
    """The fields of a record, in the format's order."""
    return tuple(f.name for f in dataclasses.fields(kind))


def is_record(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def field_types(kind: type) -> dict[str, Any]:
    """Each field's annotation, resolved (``Annotated`` kept)."""
    if kind not in _TYPES:
        _TYPES[kind] = typing.get_type_hints(kind, include_extras=True)
    return {f.name: _TYPES[kind][f.name] for f in dataclasses.fields(kind)}


_TYPES: dict[type, dict[str, Any]] = {}
_VALIDATORS: dict[type, SchemaValidator] = {}


def validated(kind: type[R], data: Any) -> R:
    """``data`` (a mapping) as the record ``kind``; pydantic-core's ValidationError (every
    error found, each with its place) if it is not one."""
    return _validator(kind).validate_python(data)


def _validator(kind: type) -> SchemaValidator:
    validator = _VALIDATORS.get(kind)
    if validator is None:
        validator = _VALIDATORS[kind] = SchemaValidator(core_schema(kind))
    return validator


def as_data(value: Any, *, exclude_defaults: bool = False) -> Any:
    """A record as a dict of its fields, nested records as dicts too; with
    ``exclude_defaults``, fields that hold their default are left out."""
    if is_record(type(value)):
        found = {}
        for f in dataclasses.fields(value):
            held = getattr(value, f.name)
            if exclude_defaults and _is_default(f, held):
                continue
            found[f.name] = as_data(held, exclude_defaults=exclude_defaults)
        return found
    if isinstance(value, Mapping):
        return {k: as_data(v, exclude_defaults=exclude_defaults) for k, v in value.items()}
    if isinstance(value, list):
        return [as_data(v, exclude_defaults=exclude_defaults) for v in value]
    if isinstance(value, tuple):
        return tuple(as_data(v, exclude_defaults=exclude_defaults) for v in value)
    return value


def as_given(value: Any, written: Any) -> Any:
    """A record as a dict of the fields that ``written`` (the mapping it was read from)
    gives, nested records likewise, each value as validated: what the file said, in the
    format's order, without the defaults it left to the format."""
    if is_record(type(value)) and isinstance(written, Mapping):
        return {name: as_given(getattr(value, name), written[name])
                for name in field_names(type(value)) if name in written}
    return as_data(value)


def _is_default(f: dataclasses.Field, held: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return bool(held == f.default)
    if f.default_factory is not dataclasses.MISSING:
        return bool(held == f.default_factory())
    return False


# ── the pydantic-core schema ────────────────────────────────────────────────────


def core_schema(kind: type) -> dict:
    """The schema pydantic-core validates the record ``kind`` with."""
    fields, annotations = [], field_types(kind)
    for f in dataclasses.fields(kind):
        schema = _schema(annotations[f.name], field_info(f))
        if f.default is not dataclasses.MISSING:
            schema = {"type": "default", "schema": schema, "default": f.default}
        elif f.default_factory is not dataclasses.MISSING:
            schema = {"type": "default", "schema": schema, "default_factory": f.default_factory}
        fields.append({"type": "dataclass-field", "name": f.name, "schema": schema,
                       "kw_only": False})
    return {"type": "dataclass", "cls": kind, "fields": [f["name"] for f in fields],
            "schema": {"type": "dataclass-args", "dataclass_name": kind.__name__,
                       "fields": fields, "collect_init_only": False},
            "post_init": False, "frozen": False, "slots": True,
            "config": {"extra_fields_behavior": "ignore", "title": kind.__name__}}


def field_info(f: dataclasses.Field) -> dict:
    return f.metadata.get("majorproj") or {"limits": {}}


@dataclasses.dataclass(frozen=True)
class Unwrapped:
    """An annotation without its ``Annotated``: what it holds, and what was added to it."""

    base: Any
    limits: dict[str, Any]
    checks: list[tuple[str, Callable]]  # ("function-after" or "-before", check), as they run
    examples: list | None


def unwrapped(annotation: Any, info: dict | None = None) -> Unwrapped:
    """``annotation``'s base type, limits (with those of its field, ``info``), checks and
    examples."""
    checks: list[tuple[str, Callable]] = []
    limits: dict[str, Any] = dict(info["limits"]) if info else {}
    examples = None
    while typing.get_origin(annotation) is typing.Annotated:
        base, *extras = typing.get_args(annotation)
        outer_checks, outer_limits = checks, limits
        checks, limits = [], {}
        for extra in extras:
            if isinstance(extra, After):
                checks.append(("function-after", extra.function))
            elif isinstance(extra, Before):
                checks.append(("function-before", extra.function))
            elif isinstance(extra, dataclasses.Field):
                said = field_info(extra)
                limits.update(said["limits"])
                examples = examples or said.get("examples")
            else:
                raise TypeError(f"unknown annotation {extra!r}")
        checks += outer_checks  # an alias's own checks run before those added to it
        limits.update(outer_limits)
        annotation = base
    return Unwrapped(annotation, limits, checks, examples)


def _schema(annotation: Any, info: dict | None = None) -> dict:
    """The schema of ``annotation``, with the limits ``info`` gives."""
    found = unwrapped(annotation, info)
    limits, checks = found.limits, found.checks
    schema = _bare(found.base)
    if limits:
        schema.update(limits)
    for kind, function in checks:
        schema = {"type": kind, "function": {"type": "no-info", "function": function},
                  "schema": schema}
    return schema


_SCALARS = {str: "str", int: "int", bool: "bool", Decimal: "decimal", date: "date"}


def _bare(annotation: Any) -> dict:
    if annotation in _SCALARS:
        return {"type": _SCALARS[annotation]}
    if is_record(annotation):
        return core_schema(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return {"type": "literal", "expected": list(args)}
    if origin in (typing.Union, types.UnionType):
        choices = [a for a in args if a is not type(None)]
        inner = (_schema(choices[0]) if len(choices) == 1
                 else {"type": "union", "choices": [_schema(a) for a in choices]})
        return {"type": "nullable", "schema": inner} if len(choices) < len(args) else inner
    if origin is list:
        return {"type": "list", "items_schema": _schema(args[0])}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "tuple", "items_schema": [_schema(args[0])], "variadic_item_index": 0}
    if origin in (dict, Mapping):
        return {"type": "dict", "keys_schema": _schema(args[0]),
                "values_schema": _schema(args[1])}
    raise TypeError(f"no schema for {annotation!r}")
