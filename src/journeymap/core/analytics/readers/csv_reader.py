"""Streaming CSV reader: delimiter sniffed from the header, every column read as text.

Text first, types later: timestamps and ids are parsed by the store in one vectorised pass, so a
bad cell is reported with its row and column instead of silently becoming a number or NaN.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.readers.rows import with_row_numbers
from journeymap.core.analytics.readers.source import open_capped, read_gzip_safely

_DELIMITERS = (",", ";", "\t", "|")


def _header(path: Path, *, max_bytes: int) -> tuple[list[str], str]:
    with open_capped(path, max_bytes=max_bytes) as stream:
        head = read_gzip_safely(stream, 1 << 16)
    text = head.decode("utf-8-sig", errors="replace").lstrip("\ufeff")
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise LogImportError(f"{path.name}: the file is empty (no header row)")
    delimiter = max(_DELIMITERS, key=first_line.count)
    names = next(csv.reader([first_line], delimiter=delimiter))
    names = [name.strip() for name in names]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise LogImportError(f"{path.name}: header row repeats the column(s) {duplicates}")
    return names, delimiter


def csv_headers(path: Path, *, max_bytes: int) -> list[str]:
    return _header(path, max_bytes=max_bytes)[0]


class NotUtf8Error(LogImportError):
    """The CSV is not UTF-8; the store retries it as Windows-1252 (what Excel exports)."""


def csv_batches(
    path: Path, *, max_bytes: int, encoding: str = "utf-8"
) -> Iterator[pa.RecordBatch]:
    """Yield text batches with `_row`; row r of the data is line r + 2 of the file."""
    names, delimiter = _header(path, max_bytes=max_bytes)
    read_options = pacsv.ReadOptions(
        column_names=names,
        skip_rows=1,
        block_size=16 << 20,
        use_threads=True,
        encoding=encoding,
    )
    parse_options = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False)
    convert_options = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    start = 0
    with open_capped(path, max_bytes=max_bytes) as stream:
        try:
            reader = pacsv.open_csv(
                stream,
                read_options=read_options,
                parse_options=parse_options,
                convert_options=convert_options,
            )
            for batch in reader:
                yield with_row_numbers(batch, start=start)
                start += batch.num_rows
        except pa.ArrowInvalid as exc:
            if "UTF8" in str(exc) and encoding == "utf-8":
                raise NotUtf8Error(f"{path.name}: not UTF-8") from exc
            raise LogImportError(f"{path.name}: not a readable CSV file: {exc}") from exc


def csv_row_label(index: int) -> str:
    return f"line {index + 2}"
