"""The cache of parsed files: what a plain file reads to, kept between runs.

A second ``check`` of an unchanged ledger need not parse its YAML again. For each file
the fast reader (``fastread``) read, the cache keeps the JSON that rapidyaml emitted and
whether it holds plain dates, under a key made of the file's bytes and the versions of
majorproj, of this cache's format and of the parsers (SHA-256). It lives outside the
ledger, in ``$XDG_CACHE_HOME/majorproj`` (else ``~/.cache/majorproj``).

An entry is never trusted: it is used only when it is a plain file (not a link, a device
or a pipe) of a sane size whose header names the key it was looked up by and the SHA-256
of its body and of the header's flags, and when its body reads back under the same checks as
the fast reader's (a key twice, a NaN …); anything else, a corrupt, truncated or foreign
file, is ignored and written anew. Entries are written atomically, hold no code (JSON,
amounts as JSON numbers read back as exact decimals), and the cache is pruned, oldest
first, when it grows beyond ``MAX_BYTES``.

``MAJORPROJ_NO_CACHE=1`` (or ``--no-cache``) bypasses it: nothing is read or written.

A checked ledger is kept too: the problems ``check`` found, under a key made of the
versions (pydantic-core's among them), the ledger's absolute path and the names and bytes of
every file the loader reads in it (``layout.digest``), with last year's ledger's digest
when it was read. A second ``check`` of an unchanged ledger prints those problems
without loading it; any file changed, added or removed, there or in last year's ledger,
makes a new key or a stale entry, and the ledger is checked afresh.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from majorproj import __version__
from majorproj.ledger.problems import Problem

if TYPE_CHECKING:
    import hashlib

FORMAT = 4  # raise when what an entry holds, or how the fast reader reads, changes
MAX_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # an entry larger than any file's JSON is not read
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
    digest = _sha256(f"{_versions()}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


def _sha256(data: bytes) -> hashlib._Hash:
    """hashlib's SHA-256 of ``data``, hashlib loaded only once the cache is in use: its
    OpenSSL takes 2 ms of every start, and ``--no-cache`` hashes nothing."""
    import hashlib

    return hashlib.sha256(data)


_VERSIONS: list[str] = []
_PARSERS = (("ryml", "rapidyaml"), ("yaml", "PyYAML"),
            ("pydantic_core", "pydantic-core"))  # (module, distribution)


def _versions() -> str:
    if not _VERSIONS:
        _VERSIONS.append(" ".join([f"majorproj {__version__} cache {FORMAT}",
                                   *(_installed(*parser) for parser in _PARSERS)]))
    return _VERSIONS[0]


def _installed(module: str, distribution: str) -> str:
    """The installed versions of ``distribution``, read off the names of the ``.dist-info``
    folders beside ``module``, which is not imported: a second ``check`` need not load
    pydantic-core to know which pydantic-core it would be. Where the installation keeps its
    metadata elsewhere, ``importlib.metadata`` says (slower, and as sure)."""
    from importlib.util import find_spec

    spec = find_spec(module)
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        where = package.parent if spec.submodule_search_locations else package
        wanted = distribution.replace("-", "_").lower()
        try:
            found = sorted(entry.name[:-len(".dist-info")] for entry in os.scandir(where)
                           if entry.name.endswith(".dist-info")
                           and entry.name.partition("-")[0].replace(".", "_").lower()
                           == wanted)
        except OSError:
            found = []
        if found:
            return " ".join(found)
    from importlib.metadata import version

    return f"{distribution}-{version(distribution)}"


def _sum(header: dict, body: str) -> str:
    """SHA-256 of an entry's body and of what its header says of it (the dates flag, the
    kind): a flag changed alone would read the same body another way."""
    said = {k: v for k, v in header.items() if k not in ("key", "body")}
    return _sha256(f"{json.dumps(said, sort_keys=True)}\n{body}".encode()).hexdigest()


def _read(name: str) -> tuple[dict, str] | None:
    """The header and body of the entry ``name``, if it is a plain file of a sane size that
    names that key and the hash of its body and header."""
    path = folder() / f"{name}.json"
    try:  # not through a link, not a device or a pipe (a read that never ends)
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(handle, "rb") as file:
            found = os.fstat(file.fileno())
            if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_ENTRY_BYTES:
                return None
            stored = file.read(MAX_ENTRY_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    head, _, body = stored.partition("\n")
    try:
        header = json.loads(head)
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("key") != name \
            or header.get("body") != _sum(header, body):
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return header, body


def _write(name: str, body: str, **header: object) -> None:
    """Keep ``body`` under ``name``; a cache that cannot be written is no error."""
    from majorproj.files import OutputError, write_atomic

    head = {"key": name, "body": _sum(header, body), **header}
    where = folder()
    path = where / f"{name}.json"
    try:
        where.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or (path.exists() and not path.is_file()):
            path.unlink()  # an entry is replaced itself: never what a link points to
        # not synced: a torn entry fails its checksum and is written again
        data = (json.dumps(head) + "\n" + body).encode("utf-8")
        write_atomic(path, data, durable=False)
    except (OSError, OutputError):
        return
    _prune(where, len(data))


def load(name: str) -> tuple[str, bool] | None:
    """The emitted JSON and its plain-dates flag stored under ``name``, if sound."""
    entry = _read(name)
    if entry is None or not isinstance(entry[0].get("dates"), bool):
        return None
    header, body = entry
    return body, header["dates"]


def store(name: str, emitted: str, dates: bool) -> None:
    """Keep what rapidyaml emitted for a file under ``name``."""
    _write(name, emitted, dates=dates)


# ── a checked ledger ────────────────────────────────────────────────────────────


def ledger_key(root: Path) -> str | None:
    """The name of the checked ledger at ``root`` as its files are now, or None when one of
    them cannot be read (the loader says why, and such a result is not kept)."""
    from majorproj.ledger.layout import digest

    found = digest(root)
    if found is None:
        return None
    return _sha256(
        f"{_versions()}\0checked\0{root.resolve()}\0{found}".encode()).hexdigest()


def checked(name: str) -> list[Problem] | None:
    """The problems kept under ``name``, if the entry is sound and last year's ledger, when
    one was read, is unchanged."""
    from majorproj.ledger.layout import digest

    entry = _read(name)
    if entry is None or entry[0].get("kind") != "checked":
        return None
    try:
        body = json.loads(entry[1])
        previous = body["previous"]
        if previous is not None and digest(Path(previous[0])) != previous[1]:
            return None
        return [_problem(fields) for fields in body["problems"]]
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def keep_checked(name: str, problems: list[Problem], previous: Path | None) -> None:
    """Keep the problems of the ledger checked under ``name`` (last year's at ``previous``)."""
    from majorproj.ledger.layout import digest

    last_year = None
    if previous is not None:
        found = digest(previous)
        if found is None:
            return
        last_year = [str(previous.resolve()), found]
    body = {"previous": last_year,
            "problems": [[getattr(p, f) for f in _PROBLEM_FIELDS] for p in problems]}
    _write(name, json.dumps(body, ensure_ascii=False), kind="checked")


_PROBLEM_FIELDS = ("file", "line", "column", "severity", "code", "message", "hint", "sheet")
_PROBLEM_TYPES = (str, int, int, str, str, str, str, str)


def _problem(fields: list) -> Problem:
    """A problem read back, its fields of the right types (else TypeError)."""
    if len(fields) != len(_PROBLEM_FIELDS) or fields[3] not in ("error", "warning") \
            or any(type(v) is not t for v, t in zip(fields, _PROBLEM_TYPES, strict=True)):
        raise TypeError("not a problem")
    return Problem(*fields)


_HELD: dict[Path, int] = {}  # a cache folder's bytes, as counted, plus what was written since


def _prune(where: Path, written: int) -> None:
    """Delete the least recently used entries while the cache holds more than MAX_BYTES.

    The folder is counted on a process's first write, and again only once what it wrote
    since would pass the cap: counting it on every write took 60 ms a write in a cache of
    20,000 entries (a cache used for months), two seconds of a first check of 30 files."""
    if where in _HELD and _HELD[where] + written <= MAX_BYTES:
        _HELD[where] += written
        return
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
    _HELD[where] = total
