"""Writing into a ledger: one writer at a time, and several files all or nothing.

**The lock.** Every command that writes into the ledger holds ``.majorproj.lock`` in
the ledger's folder (``filelock``: an OS lock, released when the process ends, even by
kill -9) from before it reads the ledger until after it has written. A second writer
waits up to ``MAJORPROJ_LOCK_TIMEOUT`` seconds (default 10), then stops with
``LedgerBusy`` naming the holder (its pid, command and start time, kept beside the
lock in ``.majorproj.lock.holder``). Two county sheets merged into one month at the
same time therefore both arrive: the second reads what the first wrote.

**All or nothing.** ``write_files`` writes every new file aside first
(``.NAME.majorproj-new``, fsynced), then records them in the journal
``.majorproj.journal`` (written atomically: the moment the change is decided), then
renames each over its target, then removes the journal. Killed before the journal
exists, the ledger is as before (the files aside are removed by the next command);
killed after, the next command that opens the ledger (``recover``) finishes the
renames, and the ledger is as after. It is git's lock-file discipline, for a few files.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from majorproj.files import OutputError, write_atomic

LOCK = ".majorproj.lock"
HOLDER = ".majorproj.lock.holder"
JOURNAL = ".majorproj.journal"
STAGED = ".majorproj-new"
WAIT_SECONDS = 10.0
CRASH_AT = "MAJORPROJ_TEST_CRASH_AT"  # tests: kill -9 this process at the named step


class LedgerBusy(Exception):
    """Another command holds the ledger's lock (a usage error: exit 2)."""


def _wait() -> float:
    try:
        return max(0.0, float(os.environ.get("MAJORPROJ_LOCK_TIMEOUT", WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


@contextmanager
def ledger_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the ledger's lock while the block runs (``LedgerBusy`` if another holds it)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK), timeout=_wait())
    try:
        lock.acquire()
    except Timeout:
        raise LedgerBusy(f"the ledger {root} is being written by another majorproj "
                         f"({_holder(root)}); try again when it has finished") from None
    except OSError as exc:
        raise OutputError(f"cannot lock the ledger {root}: {exc.strerror or exc} "
                          "(majorproj writes .majorproj.lock there)") from None
    try:
        _write_holder(root, command)
        recover(root)
        yield
    finally:
        (root / HOLDER).unlink(missing_ok=True)
        lock.release()


def _write_holder(root: Path, command: str) -> None:
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        (root / HOLDER).write_text(json.dumps({"pid": os.getpid(), "command": command,
                                               "since": started}), encoding="utf-8")
    except OSError:
        pass  # the holder's name is a courtesy; the lock itself is what counts


def _holder(root: Path) -> str:
    try:
        info = json.loads((root / HOLDER).read_text(encoding="utf-8"))
        return f"pid {int(info['pid'])}, `majorproj {info['command']}`, since {info['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "its lock file is " + str(root / LOCK)


def pending(root: Path) -> bool:
    """Whether an interrupted write left a journal or files aside to settle."""
    return (root / JOURNAL).exists() or any(True for _ in _leftovers(root))


def _leftovers(root: Path) -> Iterator[Path]:
    """Files a write killed half-way left: staged new contents, and the temporary files of
    those and of the journal (``files.write_atomic``'s ``..NAME.XXXX.tmp``)."""
    for folder in (root, *(p for p in root.iterdir() if p.is_dir() and p.name[0] != ".")):
        yield from folder.glob(f".*{STAGED}*")
        yield from (p for p in folder.glob("..*.tmp") if p.is_file())


def recover(root: Path) -> list[Path]:
    """Finish the write a journal records (the caller holds the lock); remove files
    written aside by a write that never reached its journal. The files renamed."""
    try:
        return _recover(root)
    except OSError as exc:
        raise OutputError(f"cannot finish the interrupted write into {root}: "
                          f"{exc.strerror or exc} ({JOURNAL} lists its files)") from None


def _recover(root: Path) -> list[Path]:
    journal = root / JOURNAL
    done: list[Path] = []
    if journal.exists():
        try:
            entries = json.loads(journal.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            entries = []  # a journal is written atomically: unreadable means damaged by hand
        for relative in entries:
            target = root / relative
            staged = _staged(target)
            if staged.exists():
                os.replace(staged, target)
                done.append(target)
        _sync_folders({t.parent for t in done} | {root})
        journal.unlink()
    for leftover in list(_leftovers(root)):
        leftover.unlink(missing_ok=True)
    return done


def write_files(root: Path, files: Mapping[Path, bytes]) -> list[Path]:
    """Write ``files`` (paths inside ``root``) all or nothing; OutputError if they cannot
    be written, with the ledger as before. The caller holds the lock.

    A file larger than the ledger reads (``layout.MAX_FILE_BYTES``, ``yamlfile.MAX_NODES``)
    is refused before anything is written: the ledger would not open again."""
    from majorproj.ledger import layout
    from majorproj.ledger.yamlfile import MAX_NODES, too_many_nodes

    limit = layout.MAX_FILE_BYTES
    for path, data in files.items():
        if len(data) > limit:
            too_big = f"{len(data):,} bytes, more than the ledger reads ({limit:,})"
        elif too_many_nodes(data.decode("utf-8")):
            too_big = f"more than the {MAX_NODES:,} values the ledger reads in a file"
        else:
            continue
        raise OutputError(f"{path} would have {too_big}; nothing was written. Split the "
                          "list, e.g. import one county's sheet at a time")
    staged: list[Path] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(_staged(path), data, mode_of=path)
            staged.append(_staged(path))
            _crash_point(f"staged-{len(staged)}")
        relative = [path.relative_to(root).as_posix() for path in files]
        write_atomic(root / JOURNAL, json.dumps({"files": relative}, ensure_ascii=False)
                     .encode("utf-8"))
    except BaseException as exc:  # not decided yet: the ledger stays as it was
        for path in staged:
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write into the ledger {root}: {exc.strerror or exc}; "
                              "nothing was written") from None
        raise
    _crash_point("journal")
    try:
        for i, path in enumerate(files, 1):
            os.replace(_staged(path), path)
            _crash_point(f"renamed-{i}")
        _sync_folders({p.parent for p in files})
        (root / JOURNAL).unlink()
    except OSError as exc:  # decided: the next command finishes what the journal lists
        raise OutputError(f"cannot put the new files in place in {root}: "
                          f"{exc.strerror or exc}; the next majorproj command finishes the "
                          f"write ({JOURNAL} lists the files)") from None
    return list(files)


def _staged(path: Path) -> Path:
    """Where ``path``'s new content waits: a short hidden name (a long county's file name
    must not become too long for the file system)."""
    import hashlib  # loaded only by the commands that write (OpenSSL's load is 2 ms)

    digest = hashlib.sha1(path.name.encode("utf-8")).hexdigest()[:10]
    return path.with_name(f".{path.name[:24]}~{digest}{STAGED}")


def _sync_folders(folders) -> None:
    """Make the renames durable (a rename is only on disk once its folder is)."""
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _crash_point(step: str) -> None:
    if os.environ.get(CRASH_AT) == step:  # pragma: no cover - the process ends here
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)
