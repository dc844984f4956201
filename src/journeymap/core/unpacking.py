"""Limits on unpacking compressed input (gzip logs, the zip inside .xlsx), against bombs.

A few megabytes of gzip or deflate can hold gigabytes of whitespace. Every compressed input is
held to three limits, each refused at once with a message naming the file and the limit:

- an absolute cap on the unpacked bytes;
- a cap on the ratio of unpacked to compressed bytes (real logs and workbooks stay well under
  100; a bomb of repeated bytes reaches about 1,000), applied once more than
  `ratio_grace_bytes` are unpacked so that small, very regular files still pass;
- a cap on the longest stretch of XML between two `<` (one tag or one run of text), because XML
  parsers hold a whole tag, and ElementTree a whole text node, in memory.

A zip is checked twice: its central directory's declared sizes first (cheap, before anything is
unpacked), then every member is streamed and its bytes counted, since declared sizes can lie.
Gzip has no trustworthy declared size, so it is counted as it streams.

Defaults suit a single server; operators change them with environment variables:
`JOURNEYMAP_MAX_UNPACK_RATIO` (default 100), `JOURNEYMAP_UNPACK_RATIO_GRACE_BYTES` (default
16 MiB) and `JOURNEYMAP_MAX_XML_RUN_BYTES` (default 16 MiB). The absolute cap is chosen by the
caller (the log importer's `max_bytes`, the map importer's own smaller cap).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

MiB = 1024**2
GiB = 1024**3

DEFAULT_MAX_RATIO = 100.0
DEFAULT_RATIO_GRACE_BYTES = 16 * MiB
DEFAULT_MAX_XML_RUN_BYTES = 16 * MiB
_READ_SIZE = 1 * MiB

ErrorFactory = Callable[[str], Exception]


def _environment_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a number") from None
    if value <= 0:
        raise ValueError(f"{name}={text!r} must be more than 0")
    return value


@dataclass(frozen=True)
class UnpackLimits:
    """How far a compressed input may unpack before it is refused."""

    max_unpacked_bytes: int
    max_ratio: float = DEFAULT_MAX_RATIO
    ratio_grace_bytes: int = DEFAULT_RATIO_GRACE_BYTES
    max_xml_run_bytes: int = DEFAULT_MAX_XML_RUN_BYTES

    @classmethod
    def from_environment(cls, *, max_unpacked_bytes: int) -> UnpackLimits:
        """The limits with any `JOURNEYMAP_*` overrides from the environment applied."""
        return cls(
            max_unpacked_bytes=max_unpacked_bytes,
            max_ratio=_environment_number("JOURNEYMAP_MAX_UNPACK_RATIO", DEFAULT_MAX_RATIO),
            ratio_grace_bytes=int(_environment_number(
                "JOURNEYMAP_UNPACK_RATIO_GRACE_BYTES", DEFAULT_RATIO_GRACE_BYTES)),
            max_xml_run_bytes=int(_environment_number(
                "JOURNEYMAP_MAX_XML_RUN_BYTES", DEFAULT_MAX_XML_RUN_BYTES)),
        )

    def with_max_unpacked_bytes(self, max_unpacked_bytes: int) -> UnpackLimits:
        return replace(self, max_unpacked_bytes=max_unpacked_bytes)

    def describe(self) -> str:
        return (
            f"limits: {self.max_unpacked_bytes:,} bytes unpacked, and {self.max_ratio:g} times "
            f"the compressed size beyond the first {self.ratio_grace_bytes:,} bytes"
        )


class UnpackCounter:
    """Counts unpacked bytes against the absolute and ratio caps, refusing as soon as one passes."""

    def __init__(self, *, name: str, compressed_bytes: int | None, limits: UnpackLimits,
                 error: ErrorFactory) -> None:
        self._name = name
        self._limits = limits
        self._error = error
        self._ceiling = limits.max_unpacked_bytes
        if compressed_bytes is not None:
            by_ratio = max(int(compressed_bytes * limits.max_ratio), limits.ratio_grace_bytes)
            self._ceiling = min(self._ceiling, by_ratio)
        self._compressed = compressed_bytes
        self.count = 0

    def add(self, size: int) -> None:
        self.count += size
        if self.count > self._ceiling:
            raise self._error(self._refusal("more than"))

    def check_declared(self, total: int) -> None:
        """Refuse a declared unpacked size (a zip's central directory) over the caps."""
        if total > self._ceiling:
            raise self._error(self._refusal("by its own directory, more than"))

    def _refusal(self, amount: str) -> str:
        if self._ceiling < self._limits.max_unpacked_bytes:
            reason = (
                f", over {self._limits.max_ratio:g} times its {self._compressed:,} compressed bytes"
            )
        else:
            reason = ""
        return (
            f"{self._name}: {amount} {self._ceiling:,} bytes once decompressed{reason}; refused "
            f"as a possible compression bomb ({self._limits.describe()})"
        )


class XmlRunCheck:
    """Refuses XML whose longest stretch between two `<` passes `max_xml_run_bytes`.

    `<` only ever opens markup (it is escaped in text and attribute values), so the gap between
    two of them bounds both the longest tag and the longest run of text a parser must hold.
    """

    def __init__(self, *, name: str, limits: UnpackLimits, error: ErrorFactory) -> None:
        self._name = name
        self._limit = limits.max_xml_run_bytes
        self._error = error
        self._run = 0

    def feed(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self._run += len(chunk)
        else:
            self._run += first
            self._check()
            # Between the first and last `<` of a chunk no gap can be longer than the chunk.
            if len(chunk) > self._limit:
                self._check_inside(chunk, first)
            self._run = len(chunk) - chunk.rfind(b"<") - 1
        self._check()

    def _check_inside(self, chunk: bytes, start: int) -> None:
        position = start
        while True:
            following = chunk.find(b"<", position + 1)
            if following < 0:
                return
            if following - position - 1 > self._limit:
                self._run = following - position - 1
                self._check()
            position = following

    def _check(self) -> None:
        if self._run > self._limit:
            raise self._error(
                f"{self._name}: holds more than {self._limit:,} bytes of XML without a tag "
                "(one enormous tag or run of text); refused as a possible bomb "
                "(limit: JOURNEYMAP_MAX_XML_RUN_BYTES)"
            )


class GuardedReader(io.RawIOBase):
    """A read-only stream that counts what passes through it and refuses past the limits."""

    def __init__(self, inner: BinaryIO, *, counter: UnpackCounter,
                 xml_check: XmlRunCheck | None = None) -> None:
        self._inner = inner
        self._counter = counter
        self._xml_check = xml_check

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        self._counter.add(len(data))
        if self._xml_check is not None:
            self._xml_check.feed(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def _archive_size(source: Path | BinaryIO) -> int:
    if isinstance(source, Path):
        return source.stat().st_size
    position = source.tell()
    size = source.seek(0, io.SEEK_END)
    source.seek(position)
    return size


def check_zip(source: Path | BinaryIO, *, name: str, limits: UnpackLimits,
              error: ErrorFactory) -> None:
    """Refuse a zip (an .xlsx) that unpacks past `limits`, before any reader parses it.

    Raises `error(message)` for a bomb and lets `zipfile.BadZipFile` through for a damaged or
    non-zip file, so each caller words that in its own terms.
    """
    compressed = _archive_size(source)
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
        total = UnpackCounter(name=name, compressed_bytes=compressed, limits=limits, error=error)
        total.check_declared(sum(member.file_size for member in members))
        for member in members:
            _member_counter(name, member, limits, error).check_declared(member.file_size)
        for member in members:
            counter = _member_counter(name, member, limits, error)
            xml_check = (
                XmlRunCheck(name=f"{name} ({member.filename})", limits=limits, error=error)
                if member.filename.endswith((".xml", ".rels")) else None
            )
            with archive.open(member) as inner:
                while chunk := inner.read(_READ_SIZE):
                    total.add(len(chunk))
                    counter.add(len(chunk))
                    if xml_check is not None:
                        xml_check.feed(chunk)


def _member_counter(name: str, member: zipfile.ZipInfo, limits: UnpackLimits,
                    error: ErrorFactory) -> UnpackCounter:
    return UnpackCounter(
        name=f"{name} ({member.filename})", compressed_bytes=member.compress_size,
        limits=limits, error=error,
    )
