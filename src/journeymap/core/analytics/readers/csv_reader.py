"""Streaming CSV reader (gzip CSV): every column read as text, through PyArrow.

Text first, types later: timestamps and ids are parsed by the store in one vectorised pass, so a
bad cell is reported with its row and column instead of silently becoming a number or NaN.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.readers.csv_header import NotUtf8Error, csv_header
from journeymap.core.analytics.readers.rows import with_row_numbers
from journeymap.core.analytics.readers.source import open_capped


def csv_batches(
    path: Path, *, max_bytes: int, encoding: str = "utf-8"
) -> Iterator[pa.RecordBatch]:
    """Yield text batches with `_row`; row r of the data is line r + 2 of the file."""
    names, delimiter = csv_header(path, max_bytes=max_bytes)
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
