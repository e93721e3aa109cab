"""Office files (.docx, .xlsx) are zip packages: read one, and write one the same way
every run, so that the same ledger and period give the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from typing import IO

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same in every run
FIRST = "[Content_Types].xml"  # Word and Excel write it first
SWITCH_INTERVAL = 0.0002  # seconds, while a second thread compresses (write_behind)


def read_package(package: bytes) -> dict[str, bytes]:
    """A zip's entries by name."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {name: source.read(name) for name in source.namelist()}


def deterministic_zip(entries: Mapping[str, bytes | Iterable[bytes]]) -> bytes:
    """A zip of ``entries`` with fixed timestamps and a stable entry order.

    ``[Content_Types].xml`` comes first (as Word and Excel write it), then every entry
    by name. An entry given as chunks is compressed as they come, never held whole, and
    in a second thread while the next chunks are made (``write_behind``): the bytes are
    the same as for the chunks joined.
    """
    names = sorted(entries, key=lambda n: (n != FIRST, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            data = entries[name]
            if isinstance(data, bytes):
                target.writestr(info, data, compresslevel=6)
                continue
            # a ZipInfo's own level is zlib's default, which is 6, as above
            with target.open(info, "w") as sink:
                write_behind(sink, data)
    return out.getvalue()


def write_behind(sink: IO[bytes], chunks: Iterable[bytes], ahead: int = 8) -> None:
    """Write ``chunks`` to ``sink`` in a second thread while this one makes the next ones
    (at most ``ahead`` wait). zlib lets go of the interpreter while it compresses, so a
    large part's XML is made on one core and compressed on the other. An error on either
    side stops both, and is raised here.

    Between two chunks the writer needs the interpreter's lock back, and the maker, busy
    in Python, gives it up only every switch interval (5 ms): with 33 MB of XML the writer
    sat idle a third of its time. While writing behind, the interval is 0.2 ms, and a
    chunk best a megabyte or so (``docx.CHUNK``): at 10,000 projects a .docx is then
    written in 0.16 s instead of 0.25 s.
    """
    import queue
    import sys
    import threading

    waiting: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
    failed: list[BaseException] = []

    def drain() -> None:
        while (chunk := waiting.get()) is not None:
            if not failed:  # after an error, take the rest so that the maker never waits
                try:
                    sink.write(chunk)
                except BaseException as exc:  # raised in the caller's thread, below
                    failed.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    writer = threading.Thread(target=drain, name="majorproj-zip", daemon=True)
    writer.start()
    try:
        for chunk in chunks:
            if failed:
                break
            waiting.put(chunk)
    finally:
        waiting.put(None)
        writer.join()
        sys.setswitchinterval(interval)
    if failed:
        raise failed[0]
