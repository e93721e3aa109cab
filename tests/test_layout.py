"""The layout's directions of flow, checked: a module that reaches the wrong way fails.

Imports are read from the source (not executed). Those under ``if TYPE_CHECKING:``
are for annotations only and do not count.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "majorproj"
MODULES = sorted(PACKAGE.rglob("*.py"))
OPTIONS = re.compile(r"--(?:ledger|month|sheet|templates|limit|period|county|level|id-prefix"
                     r"|force|merge|dry-run|format|output|strict|by)\b")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path) -> set[str]:
    """The modules ``path`` imports when it runs (at the top or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _reaching(package: str, forbidden: tuple[str, ...]) -> list[str]:
    """``module imports target`` for each module of ``package`` importing a forbidden one."""
    wrong = []
    for path in MODULES:
        name = _name(path)
        if name != package and not name.startswith(package + "."):
            continue
        for target in sorted(_runtime_imports(path)):
            if any(target == f or target.startswith(f + ".") for f in forbidden):
                wrong.append(f"{name} imports {target}")
    return wrong


def test_the_modules_are_found():
    names = {_name(p) for p in MODULES}
    assert {"majorproj.cli", "majorproj.ledger.load", "majorproj.metrics.summarise",
            "majorproj.render.formats"} <= names


def test_nothing_below_the_cli_imports_typer_or_the_rich_console():
    wrong = [w for p in ("majorproj.ledger", "majorproj.excel", "majorproj.metrics",
                         "majorproj.render", "majorproj.report", "majorproj.periods",
                         "majorproj.files", "majorproj.text", "majorproj.units")
             for w in _reaching(p, ("typer", "click", "rich.console", "rich.progress"))]
    assert wrong == []


def test_the_ledger_package_knows_no_metrics_renderer_report_sheet_or_cli():
    assert _reaching("majorproj.ledger", ("majorproj.metrics", "majorproj.render",
                                          "majorproj.report", "majorproj.excel",
                                          "majorproj.cli")) == []


def test_metrics_know_no_renderer_report_sheet_or_yaml_reader():
    assert _reaching("majorproj.metrics", ("majorproj.render", "majorproj.report",
                                           "majorproj.excel", "majorproj.cli",
                                           "majorproj.ledger.yamlfile",
                                           "majorproj.ledger.load")) == []


def test_sheets_are_only_read_in_excel():
    assert _reaching("majorproj.excel", ("majorproj.render", "majorproj.report",
                                         "majorproj.cli")) == []


@pytest.mark.parametrize("path", [p for p in MODULES if "cli" not in p.parts],
                         ids=lambda p: _name(p))
def test_no_message_below_the_cli_names_an_option(path):
    strings = [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    named = [s for s in strings if OPTIONS.search(s)
             and not s.lstrip().startswith(("Example", "``"))]
    docstrings = _docstrings(path)
    assert [s for s in named if s not in docstrings] == []


def _docstrings(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = [tree] + [n for n in ast.walk(tree)
                      if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
    return {doc for n in nodes if (doc := ast.get_docstring(n, clean=False))}


def test_the_checks_catch_a_wrong_import(tmp_path):
    """The reader sees imports inside functions and skips TYPE_CHECKING blocks."""
    module = tmp_path / "m.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from rich.console import RenderableType\n"
                      "def f():\n    import typer\n    from majorproj.render import numbers\n",
                      encoding="utf-8")
    assert _runtime_imports(module) >= {"typer", "majorproj.render",
                                        "majorproj.render.numbers"}
    assert "rich.console" not in _runtime_imports(module)


def test_each_commands_format_choices_are_its_table_and_every_renderer_exists():
    from majorproj.cli import check, report, summary
    from majorproj.render import formats

    assert [m.value for m in check.CheckFormat] == list(formats.CHECK)
    assert [m.value for m in summary.SummaryFormat] == list(formats.SUMMARY)
    assert [m.value for m in report.ReportFormat] == list(formats.REPORT)
    for table in (formats.CHECK, formats.SUMMARY, formats.REPORT, formats.EXPORT):
        for entry in table.values():
            assert callable(entry.load()), entry
