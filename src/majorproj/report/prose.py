r"""The report's prose: Jinja2 templates, one per part, rendered into blocks.

The templates live in ``templates/`` (shipped in the wheel as ``majorproj/templates``);
``--templates DIR`` puts a folder in front of them, so a file there with the same name
replaces the bundled one. A template writes a small Markdown subset, which both the
.docx writer and the Markdown preview read as blocks:

- ``## 一、…`` a first-level heading (黑体), ``### （一）…`` a second-level one (楷体);
- any other line is body text; a blank line ends a paragraph, and the lines of one
  paragraph are joined without a space (Chinese text wraps anywhere);
- a paragraph may open with ``**（一）标题。**``: that lead is set in the heading-2 font;
- ``（#）`` at the start of a heading or lead is numbered （一）, （二）… in order,
  starting again after each first-level heading, so that templates with optional
  sections need no counters;
- a backslash makes the next character plain text (``\#``, ``\*``, ``\\``).

Every value a template prints (``{{ … }}``) is escaped as it enters the text
(``as_text``): ``#``, ``*`` and ``\`` get a backslash and a line break is joined as a
paragraph's lines are, so a project named ``## 全部完成`` or ``\n甲县`` is never a
heading, a lead or a new paragraph. The templates run in Jinja2's sandbox: they read
the data they are given and call no Python beyond it.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

PARTS = ("progress.md.j2", "problems.md.j2", "next_steps.md.j2")
"""The report's three parts, in order: 推进情况, 存在的问题, 下一步工作安排."""

BULLETIN_PARTS = ("bulletin.md.j2",)
"""The monthly 调度通报's one part (``report.bulletin``)."""

AUTO_NUMBER = "（#）"
_DIGITS = "零一二三四五六七八九"


class TemplateError(Exception):
    """A template that cannot be loaded or rendered: the message names file and line."""


@dataclass(frozen=True)
class Block:
    """One paragraph of the report's body."""

    kind: Literal["heading1", "heading2", "paragraph"]
    text: str
    lead: str = ""  # a paragraph's opening words in the heading-2 font (（一）标题。)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 1 ≤ n ≤ 99)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def bundled_templates() -> Path:
    """The bundled templates: package data in a wheel, the repository's folder otherwise."""
    packaged = resources.files("majorproj") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


def check_override_folder(folder: Path) -> None:
    """Refuse a templates folder that is missing or holds a template named by mistake."""
    if not folder.is_dir():
        raise TemplateError(f"{folder}: no such templates folder")
    for path in sorted(folder.glob("*.j2")):
        if path.name not in PARTS + BULLETIN_PARTS and not path.name.startswith("_"):
            raise TemplateError(
                f"{path}: no bundled template has this name, so it would replace nothing; "
                f"name it one of {', '.join(PARTS + BULLETIN_PARTS)} (or start it with _ for a "
                "file that the others include)")


def render_parts(context: Mapping[str, Any], filters: Mapping[str, Callable[..., Any]],
                 override: Path | None = None, parts: tuple[str, ...] = PARTS) -> list[Block]:
    """Render every part (the report's, unless told) with ``context``, read as blocks."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    folders = [str(bundled_templates())]
    if override is not None:
        check_override_folder(override)
        folders.insert(0, str(override))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=as_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    text = "\n\n".join(_render(env, name, context) for name in parts)
    return [unescape(b) for b in number_blocks(parse_blocks(text))]


_SPECIAL = re.compile(r"([\\#*])")
_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029][\s]*")
_ESCAPED = re.compile(r"\\(.)", re.S)


class Paragraphs(str):
    """Text the office wrote (a narrative's), whose blank lines end its paragraphs: the
    ``paragraphs`` filter's result, which ``as_text`` keeps apart."""


_BLANK_LINE = re.compile(r"\n[ \t\u3000]*(?:\r?\n|\r)\s*|\r[ \t\u3000]*\r\s*")


def paragraphs(value: Any) -> Paragraphs:
    """A narrative's text whose blank lines start new paragraphs of the report."""
    return Paragraphs(value if isinstance(value, str) else str(value))


def as_text(value: Any) -> str:
    """A value as a template prints it: plain text that the Markdown subset cannot read
    as structure (``#`` and ``*`` escaped; a line break joined as the lines of a paragraph
    are, so that a name with one at its start or end, or in a heading, starts no paragraph
    and ends no heading; of ``Paragraphs``, a blank line ends one paragraph and starts the
    next)."""
    text = value if isinstance(value, str) else str(value)
    if isinstance(value, Paragraphs):
        return "\n\n".join(as_text(str(part)) for part in _BLANK_LINE.split(text.strip()))
    return _BREAKS.sub(_joined, _SPECIAL.sub(r"\\\1", text.strip()))


def _joined(found: re.Match[str]) -> str:
    """What a line break inside a value becomes: what joins a paragraph's lines."""
    text, start, end = found.string, found.start(), found.end()
    return _line_joint(text[start - 1:start], text[end:end + 1])


def _line_joint(before: str, after: str) -> str:
    """What joins two lines of a paragraph: a space between two ASCII words (as in
    'Phase 1' split over two lines), else nothing, as Chinese lines are joined."""
    return " " if _ASCII_WORD.match(before) and _ASCII_WORD.match(after) else ""


def unescape(block: Block) -> Block:
    """``block`` with its backslash escapes resolved: the text as the reader sees it."""
    return replace(block, text=_ESCAPED.sub(r"\1", block.text),
                   lead=_ESCAPED.sub(r"\1", block.lead))


def _render(env: Any, name: str, context: Mapping[str, Any]) -> str:
    import jinja2

    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found (needed by {name}); the bundled "
                            f"templates are in {bundled_templates()}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{_source(env, name)}: not UTF-8 text; save the template with "
                            "the encoding UTF-8") from None
    except Exception as exc:  # an error raised while rendering: find the template's line
        file, line = _template_frame(exc, env)
        where = f"{file}:{line}" if file else _source(env, name)
        raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from None


def _source(env: Any, name: str) -> str:
    """The file that ``name`` is loaded from (the override folder's first)."""
    for folder in env.loader.searchpath:
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return name


def _template_frame(exc: BaseException, env: Any) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    searched = [Path(p).resolve() for p in env.loader.searchpath]
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".j2" and any(path.resolve().parent == s for s in searched):
            found = (frame.filename, frame.lineno)
    return found


_HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
_LEAD = re.compile(r"^\*\*((?:\\.|[^\\])+?)\*\*(.*)$", re.S)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


def parse_blocks(text: str) -> list[Block]:
    """The templates' Markdown subset as blocks (see the module's docstring)."""
    blocks: list[Block] = []
    lines: list[str] = []

    def end_paragraph() -> None:
        if lines:
            joined = lines[0]
            for line in lines[1:]:
                joined += _line_joint(joined[-1:], line[:1]) + line
            lead = _LEAD.match(joined)
            if lead:
                blocks.append(Block("paragraph", lead[2].strip(), lead[1]))
            else:
                blocks.append(Block("paragraph", joined))
            lines.clear()

    for raw in text.splitlines():
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            end_paragraph()
            blocks.append(Block("heading1" if len(heading[1]) == 2 else "heading2",
                                heading[2].strip()))
        elif line:
            lines.append(line)
        else:
            end_paragraph()
    end_paragraph()
    return blocks


def number_blocks(blocks: list[Block]) -> list[Block]:
    """Replace each （#） by the next number under its first-level heading."""
    numbered: list[Block] = []
    n = 0
    for block in blocks:
        if block.kind == "heading1":
            n = 0
        for field in ("text", "lead"):
            value = getattr(block, field)
            if value.startswith(AUTO_NUMBER):
                n += 1
                value = f"（{chinese_number(n)}）" + value[len(AUTO_NUMBER):]
                block = replace(block, **{field: value})
        numbered.append(block)
    return numbered
