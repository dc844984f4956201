"""Excel (.xlsx) reader: the first worksheet, header in row 1, read in batches.

The workbook is first held to the unpacking limits (`journeymap.core.unpacking`): openpyxl
would otherwise hold a sheet's enormous run of whitespace in memory. Its read-only mode then
streams rows; cells become text (dates as ISO 8601 without offset, so the store's time-zone
rule applies to them like to any naive timestamp).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
from openpyxl import load_workbook

from journeymap.core.analytics.errors import InputTooLargeError, LogImportError
from journeymap.core.analytics.readers.rows import BATCH_ROWS, with_row_numbers
from journeymap.core.analytics.readers.source import log_limits
from journeymap.core.unpacking import check_zip


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _check_size(path: Path, *, max_bytes: int) -> None:
    """Refuse a workbook that unpacks past the limits before openpyxl parses any of it."""
    try:
        check_zip(path, name=path.name, limits=log_limits(max_bytes), error=InputTooLargeError)
    except zipfile.BadZipFile as exc:
        raise LogImportError(f"{path.name}: not an .xlsx workbook ({exc})") from exc


def _rows(path: Path, *, max_bytes: int) -> Iterator[tuple[object, ...]]:
    _check_size(path, max_bytes=max_bytes)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def excel_batches(path: Path, *, max_bytes: int) -> Iterator[pa.RecordBatch]:
    rows = _rows(path, max_bytes=max_bytes)
    header = next(rows, None)
    if header is None:
        raise LogImportError(f"{path.name}: the first worksheet is empty (no header row)")
    names = [str(cell).strip() if cell is not None else f"column_{i + 1}" for i, cell in
             enumerate(header)]
    start = 0
    buffer: list[tuple[object, ...]] = []

    def flush() -> pa.RecordBatch:
        columns = [
            pa.array([_cell_text(row[i]) if i < len(row) else None for row in buffer], pa.string())
            for i in range(len(names))
        ]
        return with_row_numbers(pa.RecordBatch.from_arrays(columns, names=names), start=start)

    for row in rows:
        if all(cell is None for cell in row):
            continue
        buffer.append(row)
        if len(buffer) >= BATCH_ROWS:
            yield flush()
            start += len(buffer)
            buffer = []
    if buffer:
        yield flush()


def excel_row_label(index: int) -> str:
    return f"row {index + 2}"
