"""The first rows of an uploaded log, read before anything is stored, so a person can confirm
which column is which.

It streams through the same readers as `import_log` (same formats, gzip, size caps, XML
safety) and stops after the first batch, so previewing a large file costs one batch, not the
file. Values are shown as the file holds them: the person previewing is the one who uploaded
them, and nothing here is written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from journeymap.core.analytics.columns import guess_mapping
from journeymap.core.analytics.readers import ROW, LogFormat, NotUtf8Error, open_log
from journeymap.core.analytics.readers.source import DEFAULT_MAX_BYTES

PREVIEW_ROWS = 10


@dataclass(frozen=True, kw_only=True)
class LogPreview:
    """Headers, the first rows (text, None where empty) with their row labels, and a guess."""

    fmt: LogFormat
    headers: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    row_labels: tuple[str, ...]
    guessed: dict[str, str | None]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def preview_log(
    *,
    source: Path,
    fmt: LogFormat | None = None,
    rows: int = PREVIEW_ROWS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LogPreview:
    """Read the first `rows` rows of `source` and guess its column mapping.

    Raises a `LogImportError` (or `ConfigurationError` for an unknown format) with the same
    message `import_log` would give for a file it cannot open.
    """
    first = None
    # CSV that is not UTF-8 is read as Windows-1252, as the import does; the encoding matters
    # to no other format.
    for encoding in ("utf-8", "latin-1"):
        opened = open_log(path=source, fmt=fmt, max_bytes=max_bytes, encoding=encoding)
        batches = iter(opened.batches)
        try:
            first = next(batches, None)
        except NotUtf8Error:
            continue
        finally:
            # Stop the reader now: it holds the file open and would read on.
            getattr(batches, "close", lambda: None)()
        break
    names = first.schema.names if first is not None else ()
    headers = tuple(name for name in names if name != ROW)
    table = [] if first is None else first.slice(0, rows).to_pylist()
    return LogPreview(
        fmt=opened.fmt,
        headers=headers,
        rows=tuple(tuple(_text(row.get(name)) for name in headers) for row in islice(table, rows)),
        row_labels=tuple(opened.row_label(row[ROW]) for row in table),
        guessed=guess_mapping(headers=list(headers), is_xes=opened.fmt == "xes"),
    )
