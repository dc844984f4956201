"""Opening an input file as a byte stream: gzip detected by magic bytes, unpacking limited.

The limits (`journeymap.core.unpacking`) count *decompressed* bytes as they stream, absolute and
as a ratio to the file's size, so a small gzip bomb is stopped long before it fills memory or
disk; the readers never see more than `max_bytes`.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO

from journeymap.core.analytics.errors import InputTooLargeError, LogImportError
from journeymap.core.unpacking import GuardedReader, UnpackCounter, UnpackLimits, XmlRunCheck

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 64 * 1024**3


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def log_limits(max_bytes: int) -> UnpackLimits:
    """An event log's unpacking limits: `max_bytes` absolute, the rest from the environment."""
    return UnpackLimits.from_environment(max_unpacked_bytes=max_bytes)


def open_capped(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, xml: bool = False
) -> io.BufferedReader:
    """Open `path` for reading, decompressing gzip transparently, within the unpacking limits.

    `xml` adds the check on the longest stretch between two tags (see `XmlRunCheck`).
    """
    if not path.is_file():
        raise LogImportError(f"{path}: no such file")
    limits = log_limits(max_bytes)
    compressed = is_gzip(path)
    counter = UnpackCounter(
        name=path.name,
        compressed_bytes=path.stat().st_size if compressed else None,
        limits=limits,
        error=InputTooLargeError,
    )
    xml_check = (
        XmlRunCheck(name=path.name, limits=limits, error=InputTooLargeError) if xml else None
    )
    # The stream is returned open on purpose: the caller's `with` closes it.
    inner: BinaryIO = gzip.open(path, "rb") if compressed else path.open("rb")  # noqa: SIM115
    return io.BufferedReader(GuardedReader(inner, counter=counter, xml_check=xml_check), 1 << 20)


def read_gzip_safely(stream: io.BufferedReader, size: int) -> bytes:
    """Read up to `size` bytes, turning a corrupt gzip stream into a clear import error."""
    try:
        return stream.read(size)
    except (OSError, EOFError) as exc:
        raise LogImportError(f"the file could not be decompressed: {exc}") from exc
