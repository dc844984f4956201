"""Opening an input file as a byte stream: gzip detected by magic bytes, size capped.

The cap counts *decompressed* bytes, so a small gzip bomb is stopped long before it fills memory
or disk; the readers never see more than `max_bytes`.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import BinaryIO

from journeymap.core.analytics.errors import InputTooLargeError, LogImportError

GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_MAX_BYTES = 64 * 1024**3


class CappedReader(io.RawIOBase):
    """A read-only stream that raises once more than `max_bytes` have been read through it."""

    def __init__(self, inner: BinaryIO, *, max_bytes: int, name: str) -> None:
        self._inner = inner
        self._max_bytes = max_bytes
        self._name = name
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        self._count += len(data)
        if self._count > self._max_bytes:
            raise InputTooLargeError(
                f"{self._name}: more than {self._max_bytes:,} bytes once decompressed; "
                "refused (raise the size cap if the file is genuine)"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def is_gzip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def open_capped(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> io.BufferedReader:
    """Open `path` for reading, decompressing gzip transparently, with a decompressed-size cap."""
    if not path.is_file():
        raise LogImportError(f"{path}: no such file")
    # The stream is returned open on purpose: the caller's `with` closes it.
    inner: BinaryIO = gzip.open(path, "rb") if is_gzip(path) else path.open("rb")  # noqa: SIM115
    return io.BufferedReader(CappedReader(inner, max_bytes=max_bytes, name=path.name), 1 << 20)


def read_gzip_safely(stream: io.BufferedReader, size: int) -> bytes:
    """Read up to `size` bytes, turning a corrupt gzip stream into a clear import error."""
    try:
        return stream.read(size)
    except (OSError, EOFError) as exc:
        raise LogImportError(f"the file could not be decompressed: {exc}") from exc
