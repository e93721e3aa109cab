from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Kind(StrEnum):
    projects = "projects"
    progress = "progress"
    config = "config"
    narrative = "narrative"


def schema(
    kind: Annotated[Kind | None, typer.Argument(
        help="projects, progress, config or narrative (default: all four, by kind).",
        show_default=False)] = None,
    ledger: Annotated[Path | None, typer.Option(
        "--ledger", "-l", help="Accepted as on every command; the schema is the format's, "
        "the same for every ledger.", show_default=False)] = None,
) -> None:
    """Print the JSON Schema of one kind of ledger file, for editors.

    Save it and point yaml-language-server at it, e.g. with the first line of a file
    `# yaml-language-server: $schema=../.majorproj/schema/projects.json`. Without a kind,
    one JSON object holds the four schemas by kind.

    Example: majorproj schema projects > projects.schema.json
    """
    from majorproj.ledger.schema import all_schemas_text, schema_text

    typer.echo(schema_text(kind.value) if kind is not None else all_schemas_text(), nl=False)
