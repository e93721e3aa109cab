"""Office files (.docx, .xlsx) are zip packages: read one, and write one the same way
every run, so that the same ledger and period give the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: the same in every run
FIRST = "[Content_Types].xml"  # Word and Excel write it first


def read_package(package: bytes) -> dict[str, bytes]:
    """A zip's entries by name."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {name: source.read(name) for name in source.namelist()}


def deterministic_zip(entries: Mapping[str, bytes | Iterable[bytes]]) -> bytes:
    """A zip of ``entries`` with fixed timestamps and a stable entry order.

    ``[Content_Types].xml`` comes first (as Word and Excel write it), then every entry
    by name. An entry given as chunks is compressed as they come, never held whole: the
    bytes are the same as for the chunks joined.
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
                for chunk in data:
                    sink.write(chunk)
    return out.getvalue()
