"""Row numbering shared by the readers: every batch carries `_row`, the event's file order."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from journeymap.core.analytics.readers import ROW

BATCH_ROWS = 65_536


def with_row_numbers(batch: pa.RecordBatch, *, start: int) -> pa.RecordBatch:
    """Append `_row` (0-based position in the file) so ties keep file order and errors cite it."""
    rows = pa.array(np.arange(start, start + batch.num_rows, dtype=np.int64))
    return pa.RecordBatch.from_arrays([*batch.columns, rows], names=[*batch.schema.names, ROW])
