"""The cache of parsed files: what a plain file reads to, kept between runs.

A second ``check`` of an unchanged ledger need not parse its YAML again. For each file
the fast reader (``fastread``) read, the cache keeps the JSON that rapidyaml emitted and
whether it holds plain dates, under a key made of the file's bytes and the versions of
majorproj, of this cache's format and of the parsers (SHA-256). It lives outside the
ledger, in ``$XDG_CACHE_HOME/majorproj`` (else ``~/.cache/majorproj``).

An entry is never trusted: it is used only when its header names the key it was looked
up by and its body's own SHA-256, and when its body reads back under the same checks as
the fast reader's (a key twice, a NaN …); anything else, a corrupt, truncated or foreign
file, is ignored and written anew. Entries are written atomically, hold no code (JSON,
amounts as JSON numbers read back as exact decimals), and the cache is pruned, oldest
first, when it grows beyond ``MAX_BYTES``.

``MAJORPROJ_NO_CACHE=1`` (or ``--no-cache``) bypasses it: nothing is read or written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from majorproj import __version__

FORMAT = 1  # raise when what an entry holds, or how the fast reader reads, changes
MAX_BYTES = 512 * 1024 * 1024
_in_use = True


def use(enabled: bool) -> None:
    """Use the cache from now on, or bypass it (``--no-cache``)."""
    global _in_use
    _in_use = enabled


def enabled() -> bool:
    return _in_use and not os.environ.get("MAJORPROJ_NO_CACHE")


def folder() -> Path:
    """``$XDG_CACHE_HOME/majorproj``, else ``~/.cache/majorproj`` (a relative XDG path is
    ignored, as the XDG specification says)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "majorproj"


def key(raw: bytes) -> str:
    """The entry's name for a file of these bytes, with these versions of everything."""
    digest = hashlib.sha256(f"{_versions()}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


_VERSIONS: list[str] = []


def _versions() -> str:
    if not _VERSIONS:
        from importlib.metadata import version

        import yaml

        _VERSIONS.append(f"majorproj {__version__} cache {FORMAT} rapidyaml "
                         f"{version('rapidyaml')} pyyaml {yaml.__version__}")
    return _VERSIONS[0]


def load(name: str) -> tuple[str, bool] | None:
    """The emitted JSON and its plain-dates flag stored under ``name``, if sound."""
    path = folder() / f"{name}.json"
    try:
        stored = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, body = stored.partition("\n")
    try:
        header = json.loads(head)
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("key") != name \
            or header.get("body") != hashlib.sha256(body.encode()).hexdigest() \
            or not isinstance(header.get("dates"), bool):
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return body, header["dates"]


def store(name: str, emitted: str, dates: bool) -> None:
    """Keep ``emitted`` under ``name``; a cache that cannot be written is no error."""
    from majorproj.files import OutputError, write_atomic

    header = {"key": name, "body": hashlib.sha256(emitted.encode()).hexdigest(), "dates": dates}
    where = folder()
    try:
        where.mkdir(parents=True, exist_ok=True)
        write_atomic(where / f"{name}.json",
                     (json.dumps(header) + "\n" + emitted).encode("utf-8"))
    except (OSError, OutputError):
        return
    _prune(where)


def _prune(where: Path) -> None:
    """Delete the least recently used entries while the cache holds more than MAX_BYTES."""
    try:
        entries = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in os.scandir(where)
                   if e.name.endswith(".json") and e.is_file()]
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= MAX_BYTES:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
