from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Kind(StrEnum):
    projects = "projects"
    progress = "progress"
    config = "config"
    narrative = "narrative"


def schema(
    kind: Annotated[Kind, typer.Argument(help="projects, progress, config or narrative.")],
) -> None:
    """Print the JSON Schema of one kind of ledger file, for editors.

    Save it and point yaml-language-server at it, e.g. with the first line of a file
    `# yaml-language-server: $schema=../.majorproj/schema/projects.json`.

    Example: majorproj schema projects > projects.schema.json
    """
    from majorproj.ledger.schema import schema_text

    typer.echo(schema_text(kind.value), nl=False)
