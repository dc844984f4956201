"""Parquet reader: batches as stored, typed columns kept (a timestamp column stays a timestamp)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.readers.rows import BATCH_ROWS, with_row_numbers


def _open(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise LogImportError(f"{path.name}: not a readable Parquet file ({exc})") from exc


def parquet_batches(path: Path) -> Iterator[pa.RecordBatch]:
    start = 0
    for batch in _open(path).iter_batches(batch_size=BATCH_ROWS * 8):
        yield with_row_numbers(batch, start=start)
        start += batch.num_rows


def parquet_row_label(index: int) -> str:
    return f"row {index + 1}"
