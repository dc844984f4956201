"""A large plain XES file parsed on every core: cut at top-level traces, one process per range.

An XES import's time is the parse, whose Python handlers hold the GIL, so on one process only
one core parses. Here the file is cut into as many byte ranges as there are cores, each cut
where a `<trace` tag begins, and each range is parsed by its own process (a fresh interpreter:
the parent may hold DuckDB's threads, which a fork would copy in an unknown state), which
builds its batches and writes them as staging Parquet parts itself: nothing but the parts'
names crosses between processes. `_row` counts from each range's start; staging renumbers.

Every range goes through the reader's own defended parser (`xes_reader.stream_batches`: no
DTD, no entity, no external reference) over a stream held to the same unpacking limits and
run check as the whole file. Range 0 is the file from its start; every later range is the
header (every byte before the first top-level trace: prolog, root start tag with its namespaces,
extensions, globals), then the file's bytes from its cut, then the root's end tag as the file
spells it, unless the range runs to the end of the file.

Why a cut cannot change the result: the header leaves the parser in the content of the root,
with the root's namespaces, which is where the whole-file parser is at a cut if the `<trace`
there is a top-level trace. Then the range parses exactly as those bytes do in the whole file,
and the range before it ends balanced. If the `<trace` is anything else (inside a comment, a
CDATA section, a processing instruction, or an element deeper than the root's children; a
raw `<` cannot be inside an attribute value or text), the range before the cut leaves that
open, and the root's end tag plus the end of input make expat fail. So when every range parses,
their events are the file's, in file order; when any range fails, for whatever reason, the
parts are removed and the caller reads the file with the sequential reader, which gives
today's result or today's error, word for word. Compressed and small files are read that way.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from defusedxml.ElementTree import DefusedXMLParser

import journeymap
from journeymap.core.analytics.errors import InputTooLargeError, LogImportError
from journeymap.core.analytics.parquet_parts import write_parts
from journeymap.core.analytics.readers.source import is_gzip, log_limits
from journeymap.core.unpacking import GuardedReader, UnpackCounter, XmlRunCheck

# The shortest range: one process's start (an interpreter, the reader and PyArrow, about a
# fifth of a second of CPU) is well paid for by parsing half of this elsewhere. A file under two of
# them is read sequentially; a longer one gets a range per core, each at least this long.
RANGE_MIN_BYTES = 32 * 1024**2
# Every range parses the header again (the log's extensions, globals and attributes: a few
# KiB, or MiB of meta-attributes in some published logs) and holds it in memory, so a file
# whose header is longer than this, or than a quarter of the file, is read sequentially.
_HEADER_MAX_BYTES = 64 * 1024**2
# About what one process parses while another's interpreter starts (a fifth of a second).
_HEAD_START_BYTES = 6 * 1024**2
_READ_SIZE = 1024**2
# The bytes that can follow a tag's name: whitespace, the end of the tag, an empty tag's `/`.
_AFTER_NAME = frozenset(b" \t\r\n>/")
_TAG_NAME = re.compile(rb"<([^ \t\r\n>/]+)")
# Cuts are found by byte search, which only an ASCII-compatible encoding allows.
_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


@dataclass(frozen=True)
class _Header:
    """What every range needs from the file's start: the header's bytes and how tags are spelt."""

    prefix: bytes  # every byte before the first top-level trace
    trace_tag: bytes  # that trace's start tag up to its name, as spelt: b"<trace", b"<x:trace"
    end_tag: bytes  # the root's end tag as spelt: b"</log>"


@dataclass(frozen=True)
class _Range:
    """One process's share of the file, and where it writes its parts."""

    path: Path
    start: int
    end: int
    max_bytes: int
    directory: Path
    parts_prefix: str


class _Found(Exception):
    """Raised from the start handler at the first top-level trace, to stop the header parse."""


def stage_xes_ranges(source: Path, *, work: Path, max_bytes: int) -> list[Path] | None:
    """Parse `source` on every core into Parquet parts in `work`; the parts in file order.

    None when the file is read sequentially instead (compressed, small, one core, no cut found,
    or any range failed): then no part is left in `work`.
    """
    size = source.stat().st_size
    ranges = min(_cores(), size // RANGE_MIN_BYTES)
    if ranges < 2 or size > max_bytes or is_gzip(source):
        return None
    with source.open("rb") as handle:
        header = _header(handle)
        if header is None or len(header.prefix) * 4 > size:
            return None
        cuts = _cuts(handle, header=header, size=size, ranges=ranges)
    if not cuts:
        return None
    bounds = [0, *cuts, size]
    jobs = [
        _Range(path=source, start=start, end=end, max_bytes=max_bytes, directory=work,
               parts_prefix=f"part-{index:03d}-")
        for index, (start, end) in enumerate(itertools.pairwise(bounds))
    ]
    parts: list[Path] | None = None
    try:
        parts = _run(jobs, header=header)
    finally:
        if parts is None:
            for part in work.glob("part-*.parquet"):
                part.unlink()
    return parts


def _run(jobs: list[_Range], *, header: _Header) -> list[Path] | None:
    """The ranges' parts in order: range 0 parsed here while the others run in processes."""
    others: list[subprocess.Popen] = []
    try:
        for job in jobs[1:]:
            others.append(_start(job))
        results = [stage_range(jobs[0], prefix=b"", suffix=header.end_tag)]
        results += [_finish(process) for process in others]
    except Exception:  # any failure at all means: read it sequentially
        return None
    finally:  # none may write a part once this returns
        for process in others:
            if process.poll() is None:
                process.kill()
            process.wait()
    if sum(rows for rows, _ in results) == 0:
        return None
    return [part for _, range_parts in results for part in range_parts]


def _start(job: _Range) -> subprocess.Popen:
    """A fresh interpreter parsing `job`: run as a command rather than through multiprocessing,
    whose children import the caller's `__main__` again (a script without a main guard would
    run twice); only journeymap's own modules are imported, from where this one was."""
    package_root = Path(journeymap.__file__).resolve().parent.parent
    bootstrap = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from journeymap.core.analytics.readers.xes_ranges import main; main(sys.argv[2:])"
    )
    return subprocess.Popen(  # noqa: S603 - this interpreter, fixed code, our own arguments
        [sys.executable, "-c", bootstrap, str(package_root), str(job.path), str(job.start),
         str(job.end), str(job.max_bytes), str(job.directory), job.parts_prefix],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )


def _finish(process: subprocess.Popen) -> tuple[int, list[Path]]:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise LogImportError(f"a range's process failed (exit status {process.returncode})")
    result = json.loads(out)
    return result["rows"], [Path(part) for part in result["parts"]]


def main(arguments: list[str]) -> None:
    """A range's process: parse the range named by `arguments`, print its events and parts."""
    path, start, end, max_bytes, directory, parts_prefix = arguments
    job = _Range(path=Path(path), start=int(start), end=int(end), max_bytes=int(max_bytes),
                 directory=Path(directory), parts_prefix=parts_prefix)
    with job.path.open("rb") as handle:
        header = _header(handle)
    if header is None:
        raise LogImportError(f"{job.path.name}: the header changed while the file was read")
    size = job.path.stat().st_size
    rows, parts = stage_range(
        job, prefix=header.prefix, suffix=header.end_tag if job.end < size else b""
    )
    print(json.dumps({"rows": rows, "parts": [str(part) for part in parts]}))


def stage_range(job: _Range, *, prefix: bytes, suffix: bytes) -> tuple[int, list[Path]]:
    """Parse `prefix`, the job's bytes and `suffix` as one document and write its batches as
    parts; its events and its parts, in order. Any error is raised."""
    from journeymap.core.analytics.readers.xes_reader import stream_batches

    name = job.path.name
    limits = log_limits(job.max_bytes)
    counter = UnpackCounter(
        name=name, compressed_bytes=None, limits=limits, error=InputTooLargeError
    )
    run_check = XmlRunCheck(name=name, limits=limits, error=InputTooLargeError)
    stream = _RangeBytes(job, prefix=prefix, suffix=suffix)
    with io.BufferedReader(
        GuardedReader(stream, counter=counter, xml_check=run_check), _READ_SIZE
    ) as guarded:
        return write_parts(
            stream_batches(guarded, name=name), directory=job.directory, prefix=job.parts_prefix
        )


class _RangeBytes:
    """The range's prefix, then the file's bytes from `start` to `end`, then its suffix."""

    def __init__(self, job: _Range, *, prefix: bytes, suffix: bytes) -> None:
        self._handle = job.path.open("rb")
        self._handle.seek(job.start)
        self._left = job.end - job.start
        self._prefix = prefix
        self._suffix = suffix

    def read(self, size: int) -> bytes:
        if self._prefix:
            piece, self._prefix = self._prefix[:size], self._prefix[size:]
            return piece
        if self._left:
            data = self._handle.read(min(size, self._left))
            if not data:
                raise OSError("the file became shorter while it was read")
            self._left -= len(data)
            return data
        piece, self._suffix = self._suffix[:size], self._suffix[size:]
        return piece

    def close(self) -> None:
        self._handle.close()


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _header(handle: BinaryIO) -> _Header | None:
    """The header, found by parsing up to the first top-level trace with the defended parser.

    None if that is not found within `_HEADER_MAX_BYTES`, the root is not `log`, the encoding
    is not ASCII-compatible, or the header is refused: the sequential reader says why.
    """
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True).parser
    depth = 0
    root: list[tuple[str, int]] = []
    encodings: list[str | None] = []

    def declaration(_version: str | None, encoding: str | None, _standalone: int) -> None:
        encodings.append(encoding)

    def start(tag: str, _attributes: object) -> None:
        nonlocal depth
        if depth == 0:
            root.append((tag.rsplit("}", 1)[-1], parser.CurrentByteIndex))
        elif depth == 1 and tag.rsplit("}", 1)[-1] == "trace":
            raise _Found(parser.CurrentByteIndex)
        depth += 1

    def end(_tag: str) -> None:
        nonlocal depth
        depth -= 1

    parser.XmlDeclHandler = declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    head = bytearray()
    try:
        while len(head) < _HEADER_MAX_BYTES and (chunk := handle.read(_READ_SIZE)):
            if not head and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16's marks
                return None
            head += chunk
            parser.Parse(chunk, False)
    except _Found as found:
        trace_at = found.args[0]
    except Exception:  # refused or malformed: the sequential reader says so
        return None
    else:
        return None
    if any(encoding is not None and encoding.lower() not in _ENCODINGS
           for encoding in encodings):
        return None
    root_name, root_at = root[0]
    root_tag = _TAG_NAME.match(head, root_at)
    trace_tag = _TAG_NAME.match(head, trace_at)
    if root_name != "log" or root_tag is None or trace_tag is None:
        return None
    return _Header(
        prefix=bytes(head[:trace_at]), trace_tag=trace_tag.group(),
        end_tag=b"</" + root_tag.group(1) + b">",
    )


def _cuts(handle: BinaryIO, *, header: _Header, size: int, ranges: int) -> list[int]:
    """Where each range but the first starts: the first trace tag from each share on.

    Range 0 is parsed here from the start, the others after their interpreter has started, so
    range 0 is longer by what one parses in that time; the rest is shared evenly.
    """
    begin = len(header.prefix) + min(_HEAD_START_BYTES, (size - len(header.prefix)) // ranges)
    cuts: list[int] = []
    for index in range(1, ranges):
        target = max(begin + (size - begin) * index // ranges, cuts[-1] + 1 if cuts else begin + 1)
        cut = _next_tag(handle, tag=header.trace_tag, start=target, size=size)
        if cut is None:
            break
        cuts.append(cut)
    return cuts


def _next_tag(handle: BinaryIO, *, tag: bytes, start: int, size: int) -> int | None:
    """The first position from `start` where `tag` begins, followed by a byte that ends a name."""
    position = start
    while position < size:
        handle.seek(position)
        # One byte past the tag beyond the window, so a tag that starts in it is seen whole.
        window = handle.read(_READ_SIZE + len(tag) + 1)
        found = window.find(tag)
        while 0 <= found < _READ_SIZE:
            after = found + len(tag)
            if after < len(window) and window[after] in _AFTER_NAME:
                return position + found
            found = window.find(tag, found + 1)
        position += _READ_SIZE
    return None
