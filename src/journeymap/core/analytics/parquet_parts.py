"""Writing a stream of Arrow batches as staging Parquet parts, a new part when the columns change.

A Parquet file has one schema, and the streamed readers' batches need not share one (an XES
batch holds the attributes its events have), so each run of batches with the same columns is
one part; DuckDB unions the parts by column name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa


def write_parts(batches: Iterator[pa.RecordBatch], *, directory: Path, prefix: str
                ) -> tuple[int, list[Path]]:
    """Write `batches` as `<prefix>NNNNN.parquet` in `directory`; the rows and the parts, in order.

    A part is complete once this returns; if a batch fails, the parts written so far stay for
    the caller to remove.
    """
    # Only the streamed formats write Arrow batches; a plain CSV's import never loads PyArrow.
    import pyarrow.parquet as pq

    writer = None
    parts: list[Path] = []
    rows = 0
    try:
        for batch in batches:
            if writer is None or writer.schema != batch.schema:
                if writer is not None:
                    writer.close()
                parts.append(directory / f"{prefix}{len(parts):05d}.parquet")
                writer = pq.ParquetWriter(parts[-1], batch.schema)
            writer.write_batch(batch)
            rows += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    return rows, parts
