"""Reading the raw file once into DuckDB's `staged` table, with `_row` (position in the file).

A plain CSV up to 2 GiB is parsed whole by Arrow's multi-threaded reader (no Python per row)
and copied once into a DuckDB table; its size cap is the file size. Larger CSVs, gzip CSV,
Excel, Parquet and XES stream through the readers (which enforce the decompressed-size cap)
into staging Parquet parts, unioned by column name (XES events need not share attributes), so
memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from journeymap.core.analytics.errors import InputTooLargeError, LogImportError
from journeymap.core.analytics.readers import LogFormat, NotUtf8Error, detect_format, open_log
from journeymap.core.analytics.readers.csv_reader import csv_row_label, csv_table
from journeymap.core.analytics.readers.source import is_gzip

STAGED = "staged"
# Plain CSVs up to this size are parsed whole by Arrow on every core and scanned by DuckDB in
# place (no copy); larger ones stream through staging Parquet so memory stays bounded.
IN_MEMORY_CSV_BYTES = 2 * 1024**3


def sql_literal(text: object) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _stage_plain_csv(
    con: duckdb.DuckDBPyConnection, *, source: Path, max_bytes: int
) -> None:
    size = source.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(f"{source.name}: {size:,} bytes is over the {max_bytes:,} cap")
    try:
        table = csv_table(source, encoding="utf-8")
    except NotUtf8Error:
        table = csv_table(source, encoding="cp1252")
    if table.num_rows == 0:
        raise LogImportError(f"{source.name}: the log has no events (no data rows)")
    # Copied into DuckDB's own columnar format once: its scans of native strings are faster
    # than of Arrow's, and validation, pseudonymisation and the write each scan it.
    con.register("_jm_arrow_staged", table)
    con.execute(f"CREATE TEMP TABLE {STAGED} AS SELECT * FROM _jm_arrow_staged")  # noqa: S608
    con.unregister("_jm_arrow_staged")


def _stage_streamed(
    con: duckdb.DuckDBPyConnection,
    *,
    source: Path,
    fmt: LogFormat | None,
    work: Path,
    max_bytes: int,
) -> tuple[LogFormat, Callable[[int], str]]:
    try:
        opened = _stream_to_parquet(
            source=source, fmt=fmt, work=work, max_bytes=max_bytes, encoding="utf-8"
        )
    except NotUtf8Error:
        opened = _stream_to_parquet(
            source=source, fmt=fmt, work=work, max_bytes=max_bytes, encoding="cp1252"
        )
    con.execute(
        f"CREATE TEMP TABLE {STAGED} AS SELECT * FROM "  # noqa: S608 - literal quoted
        f"read_parquet({sql_literal(work / 'part-*.parquet')}, union_by_name = true)"
    )
    return opened.fmt, opened.row_label


def _stream_to_parquet(
    *, source: Path, fmt: LogFormat | None, work: Path, max_bytes: int, encoding: str
):
    for old in work.glob("part-*.parquet"):
        old.unlink()
    opened = open_log(path=source, fmt=fmt, max_bytes=max_bytes, encoding=encoding)
    writer = None
    parts = 0
    rows = 0
    try:
        for batch in opened.batches:
            if writer is None or writer.schema != batch.schema:
                if writer is not None:
                    writer.close()
                writer = pq.ParquetWriter(work / f"part-{parts:05d}.parquet", batch.schema)
                parts += 1
            writer.write_batch(batch)
            rows += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    if rows == 0:
        raise LogImportError(f"{source.name}: the log has no events (no data rows)")
    return opened


def stage(
    con: duckdb.DuckDBPyConnection,
    *,
    source: Path,
    fmt: LogFormat | None,
    work: Path,
    max_bytes: int,
) -> tuple[LogFormat, Callable[[int], str]]:
    """Create the `staged` table from `source`; returns the format and the row-label function."""
    if not source.is_file():
        raise LogImportError(f"{source}: no such file")
    chosen = fmt or detect_format(source)
    if chosen == "csv" and not is_gzip(source) and source.stat().st_size <= IN_MEMORY_CSV_BYTES:
        _stage_plain_csv(con, source=source, max_bytes=max_bytes)
        return chosen, csv_row_label
    return _stage_streamed(con, source=source, fmt=chosen, work=work, max_bytes=max_bytes)
