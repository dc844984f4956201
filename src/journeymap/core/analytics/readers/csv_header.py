"""A CSV's header row: its column names and delimiter, read without parsing the data.

Kept apart from the streaming reader so the plain-CSV import, which DuckDB parses itself, needs
neither PyArrow nor the reader: only these names, the delimiter and how to cite a line.
"""

from __future__ import annotations

import csv
from pathlib import Path

from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.readers.source import open_capped, read_gzip_safely

_DELIMITERS = (",", ";", "\t", "|")


def csv_header(path: Path, *, max_bytes: int) -> tuple[list[str], str]:
    """The column names (stripped; no repeats allowed) and the delimiter the header uses most."""
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
    return csv_header(path, max_bytes=max_bytes)[0]


class NotUtf8Error(LogImportError):
    """The CSV is not UTF-8; the store retries it as Windows-1252 (what Excel exports)."""


def csv_row_label(index: int) -> str:
    return f"line {index + 2}"
