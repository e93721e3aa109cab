"""The command line: thin commands over the library, on one Typer app.

A command's module is imported, and its options built, only when it runs (or when
``--help`` lists the commands): ``majorproj check`` does not pay for ``report``'s
imports or options, and ``--version`` for none. Each command module imports heavy
libraries inside its function, for the same reason.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Iterator, MutableMapping
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from typer.core import TyperCommand, TyperGroup

from majorproj import __version__
from majorproj.cli.common import NoCacheOption, use_cache

# name → (module in majorproj.cli, its command function or Typer app), in --help's order
COMMANDS = {
    "check": ("check", "check"),
    "schema": ("schema", "schema"),
    "init": ("init", "init"),
    "summary": ("summary", "summary"),
    "report": ("report", "report"),
    "status": ("status", "status"),
    "import": ("excel", "import_app"),
    "export": ("excel", "export"),
    "audit": ("audit", "audit"),
    "rollover": ("rollover", "rollover"),
}


class _Built(MutableMapping[str, "TyperCommand | TyperGroup"]):
    """The commands of ``COMMANDS`` by name, each built the first time it is looked up:
    the names (for listing and for "Did you mean …?") cost nothing."""

    def __init__(self) -> None:
        self._built: dict[str, TyperCommand | TyperGroup] = {}

    def __getitem__(self, name: str) -> TyperCommand | TyperGroup:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = command(name)
        return self._built[name]

    def __setitem__(self, name: str, built: TyperCommand | TyperGroup) -> None:
        self._built[name] = built

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Commands(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = cast(Any, _Built())  # click types it as a dict of its Commands


def command(name: str) -> TyperCommand | TyperGroup:
    """The click command ``name`` of ``COMMANDS``, built from its function or Typer app."""
    module, attribute = COMMANDS[name]
    found = getattr(import_module(f"majorproj.cli.{module}"), attribute)
    if isinstance(found, typer.Typer):
        built: TyperCommand | TyperGroup = typer.main.get_group(found)
    else:
        alone = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                            rich_markup_mode=None)
        alone.command(name)(found)
        built = cast(TyperCommand, typer.main.get_command(alone))
    built.name = name
    return built


app = typer.Typer(
    name="majorproj",
    cls=_Commands,
    help="Key investment project ledgers (重点项目台账): check them, compute the figures, "
    "write the report.\n\nExample: majorproj check data/sample",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: starts in half the time of rich help
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"majorproj {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Key investment project ledgers (重点项目台账): check, summarise, report."""
    use_cache(not no_cache)  # for this run; check's own --no-cache may turn it off


# what writing standard output may meet on a full or failing disk
_FULL = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG}


def _drop_stdout() -> None:
    """Point standard output at the null device, so that what is still buffered in it is
    not written (and fails) again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    # a reader that stops early (| head): ended by SIGPIPE, exit 141, as grep or git are;
    # not click's exit 1, which here says the ledger has errors
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except MemoryError:  # the inputs are bounded; this is a machine short of memory
        sys.stderr.write("majorproj: not enough memory for this ledger or workbook; close "
                         "other programs, or split the input (one county's sheet at a time)\n")
        sys.exit(2)
    except OSError as exc:
        if exc.filename is None and exc.errno in _FULL:  # standard output, full or failing
            _drop_stdout()
            sys.stderr.write(f"majorproj: cannot write the output: {exc.strerror}; free some "
                             "space, or send the output elsewhere\n")
            sys.exit(2)
        if exc.errno != errno.ENAMETOOLONG:
            raise
        from majorproj.files import too_long
        from majorproj.render.visible import one_line

        named = Path(os.fsdecode(exc.filename or ""))
        sys.stderr.write(f"majorproj: {one_line(too_long(named))}\n")
        sys.exit(2)
