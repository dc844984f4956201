"""Readers turn an uploaded file into Arrow batches of raw columns plus `_row` (file order).

Every reader streams, so a log larger than memory can be imported; the store does all parsing
and validation afterwards, in one vectorised pass. A reader (and PyArrow, openpyxl or the XML
parser behind it) is imported only when a file of its format is opened: a plain CSV never
streams through one (DuckDB reads it, see `staging`), so its import pays for none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.readers.csv_header import NotUtf8Error, csv_row_label

if TYPE_CHECKING:
    import pyarrow as pa

ROW = "_row"

LogFormat = Literal["csv", "xlsx", "parquet", "xes"]
FORMATS: tuple[LogFormat, ...] = ("csv", "xlsx", "parquet", "xes")

_SUFFIXES: dict[str, LogFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xes": "xes",
    ".xml": "xes",
}


@dataclass(frozen=True)
class OpenedLog:
    """A log ready to stream: its batches, and how to name a row in an error message."""

    fmt: LogFormat
    batches: Iterator[pa.RecordBatch]
    row_label: Callable[[int], str]


def detect_format(path: Path) -> LogFormat:
    """The format named by the file's suffix (a trailing `.gz` is looked through)."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    raise ConfigurationError(
        f"{path.name}: cannot tell the format from the file name; give one of {', '.join(FORMATS)}"
    )


def open_log(
    *, path: Path, fmt: LogFormat | None, max_bytes: int, encoding: str = "utf-8"
) -> OpenedLog:
    """Open `path` for streaming; `encoding` applies to CSV only."""
    chosen = fmt or detect_format(path)
    if chosen == "csv":
        from journeymap.core.analytics.readers.csv_reader import csv_batches

        batches = csv_batches(path, max_bytes=max_bytes, encoding=encoding)
        return OpenedLog(chosen, batches, csv_row_label)
    if chosen == "xlsx":
        from journeymap.core.analytics.readers.excel_reader import excel_batches, excel_row_label

        return OpenedLog(chosen, excel_batches(path, max_bytes=max_bytes), excel_row_label)
    if chosen == "parquet":
        from journeymap.core.analytics.readers.parquet_reader import (
            parquet_batches,
            parquet_row_label,
        )

        return OpenedLog(chosen, parquet_batches(path), parquet_row_label)
    if chosen == "xes":
        from journeymap.core.analytics.readers.xes_reader import xes_batches, xes_row_label

        return OpenedLog(chosen, xes_batches(path, max_bytes=max_bytes), xes_row_label)
    raise ConfigurationError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "ROW", "LogFormat", "NotUtf8Error", "OpenedLog", "detect_format", "open_log"]
