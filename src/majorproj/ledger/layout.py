"""Where a ledger's files are: majorproj.yaml, and the YAML files of its folders.

Kept apart from the loader, which imports the records and their validation: finding a
ledger, and telling whether any of its files changed since a check (``digest``), must
start fast.
"""

from __future__ import annotations

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


def unreadable_folder(folder: Path) -> tuple[str, str] | None:
    """(what is wrong, what to do) when one of a ledger's folders is there but cannot be
    read: a file in its place, a link to nothing (a share not mounted), a folder that may
    not be listed. None for a folder that can be read, or none at all (nothing reported)."""
    name = folder.name
    if folder.is_symlink() and not folder.exists():
        return (f"'{name}' is a link to {os.readlink(folder)}, which is not there, so none "
                f"of {name}/ could be read", "mount or restore what it points to, or put "
                f"the folder {name}/ in its place")
    if not folder.exists():
        return None
    if not folder.is_dir():
        return (f"'{name}' is a file, but the ledger reads the YAML files of the folder "
                f"{name}/", f"move it aside and make {name}/ a folder")
    try:
        os.listdir(folder)
    except OSError as exc:
        return (f"the folder {name}/ cannot be listed: {exc.strerror or exc}",
                f"give yourself permission to read it (chmod u+rx {name})")
    return None


def _listed(folder: Path) -> list[Path]:
    """The folder's entries, none when it cannot be listed (``unreadable_folder`` says why)."""
    try:
        return sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []


def files(folder: Path) -> list[Path]:
    """The YAML files of one of a ledger's folders, in name order (hidden files left out)."""
    return [p for p in _listed(folder)
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")]


def strays(folder: Path) -> list[Path]:
    """What in one of a ledger's folders looks meant to be read but is not: a file whose
    name holds .yaml or .yml without ending so (2024-06.yaml.txt, as Notepad saves it;
    2024-06.YAML), or a folder with YAML files in it (progress/2024/)."""
    found = []
    for path in _listed(folder):
        if path.name.startswith(".") or path.suffix in (".yaml", ".yml"):
            continue
        if path.is_dir():
            if any(p.suffix.lower() in (".yaml", ".yml") for p in _listed(path)):
                found.append(path)
        elif ".yaml" in path.name.lower() or ".yml" in path.name.lower():
            found.append(path)
    return found


def digest(root: Path) -> str | None:
    """SHA-256 of the names and bytes of every file the loader reads in ``root``.

    None when one of them is not a plain readable file within the size limit (or a
    folder cannot be listed): the loader reports that, and nothing about it is kept.
    """
    import hashlib  # loaded only with the cache in use (OpenSSL's load is 2 ms)

    hashed = hashlib.sha256()
    try:
        for folder in FOLDERS:  # a folder that became a file, or a link to nothing
            if unreadable_folder(root / folder) is not None:
                return None
            hashed.update(f"folder\0{folder}\0{(root / folder).is_dir()}\0".encode())
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
