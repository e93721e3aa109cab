"""Where a ledger's files are: majorproj.yaml, and the YAML files of its folders.

Kept apart from the loader, which imports pydantic: finding a ledger, and telling
whether any of its files changed since a check (``digest``), must start fast.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CONFIG_FILE = "majorproj.yaml"
FOLDERS = ("projects", "progress", "narrative")
MAX_FILE_BYTES = 64 * 1024 * 1024  # a larger file is refused unread (E005)


class LedgerNotFound(Exception):
    """No ledger at the given place (a usage error, not a problem of a ledger)."""


def find_ledger(path: str | os.PathLike | None) -> Path:
    """The ledger directory: the given one, else $MAJORPROJ_LEDGER, else the current one."""
    if path is None:
        path = os.environ.get("MAJORPROJ_LEDGER") or "."
    root = Path(path)
    if root.is_file() and root.name == CONFIG_FILE:
        root = root.parent
    if not (root / CONFIG_FILE).is_file():
        where = "the current directory" if str(path) == "." else f"'{path}'"
        raise LedgerNotFound(
            f"no ledger in {where}: {CONFIG_FILE} not found")
    return root


def files(folder: Path) -> list[Path]:
    """The YAML files of one of a ledger's folders, in name order (hidden files left out)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))


def strays(folder: Path) -> list[Path]:
    """What in one of a ledger's folders looks meant to be read but is not: a file whose
    name holds .yaml or .yml without ending so (2024-06.yaml.txt, as Notepad saves it;
    2024-06.YAML), or a folder with YAML files in it (progress/2024/)."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix in (".yaml", ".yml"):
            continue
        if path.is_dir():
            if any(p.suffix.lower() in (".yaml", ".yml") for p in path.iterdir()):
                found.append(path)
        elif ".yaml" in path.name.lower() or ".yml" in path.name.lower():
            found.append(path)
    return found


def digest(root: Path) -> str | None:
    """SHA-256 of the names and bytes of every file the loader reads in ``root``.

    None when one of them is not a plain readable file within the size limit (or a
    folder cannot be listed): the loader reports that, and nothing about it is kept.
    """
    hashed = hashlib.sha256()
    try:
        for path in _read_by_the_loader(root):
            if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                return None
            raw = path.read_bytes()
            hashed.update(f"{path.relative_to(root).as_posix()}\0{len(raw)}\0".encode())
            hashed.update(raw)
        for path in _strays(root):  # named, not read: a new one changes what check says
            hashed.update(f"stray\0{path.relative_to(root).as_posix()}\0".encode())
    except (OSError, ValueError):
        return None
    return hashed.hexdigest()


def stamp(root: Path) -> tuple | None:
    """The names, sizes and modification times of the files ``digest`` reads (no file
    read): equal before and after a load, no file changed while it was read."""
    try:
        return tuple((p.relative_to(root).as_posix(), (s := p.stat()).st_size, s.st_mtime_ns)
                     for p in _read_by_the_loader(root))
    except (OSError, ValueError):
        return None


def _read_by_the_loader(root: Path) -> list[Path]:
    return [root / CONFIG_FILE, *(p for f in FOLDERS for p in files(root / f))]


def _strays(root: Path) -> list[Path]:
    return [p for f in FOLDERS for p in strays(root / f)]
