"""JSON Schema of each ledger file kind, generated from the models, for editors."""

from __future__ import annotations

import json

from majorproj.ledger.models import KINDS


def json_schema(kind: str) -> dict:
    schema = KINDS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def all_schemas_text() -> str:
    """The schema of every kind, in one JSON object by kind."""
    return json.dumps({kind: json_schema(kind) for kind in KINDS}, ensure_ascii=False,
                      indent=2) + "\n"
