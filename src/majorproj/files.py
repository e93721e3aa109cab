"""Writing output files atomically: a complete new file or the old one, never half of one.

What ``write_atomic`` does with the path it is given, as users expect:

- a symbolic link: the file it points to is written (atomically, beside it) and the
  link stays a link;
- a named pipe, a device or a socket: refused, never replaced by a regular file;
- a read-only file: refused (as an editor would), never silently replaced;
- a name longer than the file system allows: refused, saying so.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from majorproj.text import BIDI_CONTROLS

_SPECIAL = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device",
            stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}
_TEMP_NAME_CHARS = 32  # of the target's name in the temporary file's (names have a limit)
# what no file name holds: / \\ : * ? " < > |, controls, and bidi controls
UNSAFE_IN_NAMES = f'\\\\/:*?"<>|\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}'
_UNSAFE = re.compile(f"[{UNSAFE_IN_NAMES}]")


def safe_name(text: str) -> str:
    """``text`` as a file name on every system: / \\ : * ? " < > |, controls and bidi
    controls (which would show the name in another order: 'abc\\u202eexe.txt') become _,
    and a leading dot or space goes (a county '.' would make a hidden file)."""
    return _UNSAFE.sub("_", text).lstrip(". ") or "_"


class OutputError(Exception):
    """An output file that cannot be written (a usage error: exit 2)."""


def write_atomic(path: Path, data: bytes, *, mode_of: Path | None = None,
                 durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ``mode_of`` names the file whose permissions the new one takes (default ``path``).
    ``durable=False`` leaves out writing it through to the disk first: for a file whose
    reader tells a torn one from a sound one (the cache's checksummed entries), a crash
    costs only the file, and each write saves a flush (a millisecond or more on a disk).
    """
    write_all([(path, data)], mode_of=mode_of, durable=durable)


def write_all(files: Sequence[tuple[Path, bytes]], *, mode_of: Path | None = None,
              durable: bool = True) -> None:
    """Write every one of ``files`` or none (the county sheets of a month): each to a
    temporary file beside it, written through to the disk, and only then all renamed
    over their paths. OutputError, with every file as before, when one cannot be written
    (a full disk, a file in the way); a rename refused half-way (the folder's permissions
    changed in between) leaves those renamed before it."""
    staged: list[tuple[str, Path]] = []  # (temporary file, the file it becomes)
    try:
        for path, data in files:
            staged.append(_staged(Path(path), data, mode_of, durable))
        for tmp, target in staged:
            os.replace(tmp, target)
    except OSError as exc:  # a rename refused
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(too_long(target)) from None
        raise OutputError(
            f"cannot write {target}: {exc.strerror or exc}. If another program (Word, WPS, "
            "Excel) has it open, close it and try again") from None
    finally:
        for tmp, _ in staged:  # those not renamed, after an error (else gone already)
            Path(tmp).unlink(missing_ok=True)


def _staged(shown: Path, data: bytes, mode_of: Path | None,
            durable: bool) -> tuple[str, Path]:
    """``data`` in a temporary file beside ``shown`` (synced), and the file to replace."""
    path = _target(shown)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"the folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:_TEMP_NAME_CHARS]}.", suffix=".tmp",
                                   dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        os.fchmod(fd, _mode_for(mode_of or path))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(too_long(shown)) from None
        raise OutputError(
            f"cannot write {shown}: {exc.strerror or exc}. If another program (Word, WPS, "
            "Excel) has it open, close it and try again") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp, path


NAME_MAX = 255  # bytes of one name, as most file systems allow


def too_long(path: Path) -> str:
    """The message for a name the file system refuses as too long: the file's own name,
    or (when that is short) the whole path."""
    name = Path(path).name
    if len(os.fsencode(name)) > NAME_MAX:
        return (f"the file name '{name[:40]}…' is too long for the file system "
                f"({len(os.fsencode(name))} bytes; most allow {NAME_MAX}): choose a shorter "
                "name")
    whole = os.fsencode(str(path))
    return (f"the path '{str(path)[:40]}…' is too long for the file system ({len(whole):,} "
            "bytes; most allow 4,096): choose a shorter path")


def _target(path: Path) -> Path:
    """The regular file to replace for ``path`` (through symbolic links), or OutputError."""
    try:
        if path.is_symlink():
            path = Path(os.path.realpath(path))
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(too_long(path)) from None
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path} is a symbolic link that loops; give a file") from None
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    kind = stat.S_IFMT(info.st_mode)
    if kind == stat.S_IFDIR:
        raise OutputError(f"{path} is a directory; give the name of a file to write, e.g. "
                          f"{path / ('NAME' + (path.suffix or ''))}")
    if kind in _SPECIAL:
        raise OutputError(f"{path} is {_SPECIAL[kind]}, not a regular file; majorproj writes "
                          "only regular files (for standard output, write -o - where the "
                          "format is text)")
    # no write bit for anyone is the owner's "read-only", which root honours too (as editors do)
    if not os.access(path, os.W_OK) or not info.st_mode & 0o222:
        raise OutputError(f"{path} is read-only; make it writable (chmod u+w) or choose "
                          "another name")
    return path


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a newly created file gets (0666 less umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
