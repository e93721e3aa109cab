"""Writing output files atomically: a complete new file or the old one, never half of one."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str) -> str:
    """``text`` as a file name on every system: / \\ : * ? " < > | and controls become _."""
    return _UNSAFE.sub("_", text)


class OutputError(Exception):
    """An output file that cannot be written (a usage error: exit 2)."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a directory; give a file name, e.g. {path}/report.docx")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"the folder {folder} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}. If another program (Word, WPS, "
            "Excel) has it open, close it and try again") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, or what a newly created file gets (0666 less umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
