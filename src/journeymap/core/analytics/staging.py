"""Reading the raw file once into DuckDB's `staged` table, with `_row` (position in the file).

A plain CSV is read by DuckDB's own parallel reader straight into columnar memory (the fast
path: no Arrow hop, no Python per row); its size cap is the file size. Gzip CSV, Excel, Parquet
and XES stream through the readers (which enforce the decompressed-size cap) into staging
Parquet parts, unioned by column name (XES events need not share attributes). A large plain
XES file is first tried on every core (`xes_ranges`: one process per range of traces, each
writing its own parts); anything that does not split cleanly is read the sequential way.

DuckDB keeps a scan's rows in file order (`preserve_insertion_order`, on by default), so
a table's `rowid` (0, 1, 2... in insertion order) is the file position; the tests on ties
hold it to that.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from journeymap.core.analytics.errors import InputTooLargeError, LogImportError
from journeymap.core.analytics.parquet_parts import write_parts
from journeymap.core.analytics.readers import ROW, LogFormat, NotUtf8Error, detect_format, open_log
from journeymap.core.analytics.readers.csv_header import csv_headers, csv_row_label
from journeymap.core.analytics.readers.source import is_gzip
from journeymap.core.analytics.sql_text import sql_literal

STAGED = "staged"
RAW_CSV = "staged_csv"
# The parts' columns in the order they first appear, then `_row`: unioned by name, `_row` would
# come after the first part's columns, which depend on where the batches were cut.
_ROW_LAST = f"* EXCLUDE ({ROW}), {ROW}"


def _stage_plain_csv(
    con: duckdb.DuckDBPyConnection, *, source: Path, max_bytes: int
) -> None:
    size = source.stat().st_size
    if size > max_bytes:
        raise InputTooLargeError(f"{source.name}: {size:,} bytes is over the {max_bytes:,} cap")
    headers = csv_headers(source, max_bytes=max_bytes)
    with source.open("rb") as handle:
        first_line = handle.readline().decode("utf-8", errors="replace")
    delimiter = max((",", ";", "\t", "|"), key=first_line.count)
    for encoding in ("utf-8", "latin-1"):
        try:
            con.execute(
                f"CREATE TEMP TABLE {RAW_CSV} AS SELECT * "  # noqa: S608 - literals quoted
                f"FROM read_csv({sql_literal(source)}, "
                f"header = true, delim = {sql_literal(delimiter)}, quote = '\"', "
                f"escape = '\"', all_varchar = true, encoding = {sql_literal(encoding)}, "
                "null_padding = false, auto_detect = false, "
                f"columns = {_columns_struct(headers)})"
            )
            con.execute(
                f"CREATE TEMP VIEW {STAGED} AS SELECT *, rowid AS {ROW} FROM {RAW_CSV}"  # noqa: S608
            )
            return
        except duckdb.InvalidInputException as exc:
            if "unicode" in str(exc).lower() and encoding == "utf-8":
                continue
            raise LogImportError(f"{source.name}: not a readable CSV file: {exc}") from exc


def _columns_struct(headers: list[str]) -> str:
    return "{" + ", ".join(f"{sql_literal(name)}: 'VARCHAR'" for name in headers) + "}"


def _stage_streamed(
    con: duckdb.DuckDBPyConnection,
    *,
    source: Path,
    fmt: LogFormat | None,
    work: Path,
    max_bytes: int,
) -> tuple[LogFormat, Callable[[int], str]]:
    if fmt == "xes":
        from journeymap.core.analytics.readers.xes_ranges import stage_xes_ranges
        from journeymap.core.analytics.readers.xes_reader import xes_row_label

        parts = stage_xes_ranges(source, work=work, max_bytes=max_bytes)
        if parts is not None:
            _stage_ranges(con, parts=parts)
            return fmt, xes_row_label
    try:
        opened = _stream_to_parquet(
            source=source, fmt=fmt, work=work, max_bytes=max_bytes, encoding="utf-8"
        )
    except NotUtf8Error:
        opened = _stream_to_parquet(
            source=source, fmt=fmt, work=work, max_bytes=max_bytes, encoding="cp1252"
        )
    _staged_from_parts(con, sql_literal(work / "part-*.parquet"))
    return opened.fmt, opened.row_label


def _staged_from_parts(con: duckdb.DuckDBPyConnection, parts: str) -> None:
    """The `staged` table from the Parquet parts `parts` (SQL: a quoted glob or list)."""
    con.execute(
        f"CREATE TEMP TABLE {STAGED} AS SELECT {_ROW_LAST} FROM "  # noqa: S608 - literals quoted
        f"read_parquet({parts}, union_by_name = true)"
    )


def _stage_ranges(con: duckdb.DuckDBPyConnection, *, parts: list[Path]) -> None:
    """The `staged` table from parts written range by range, each range's `_row` from 0.

    The parts are read in file order and a table's `rowid` is its insertion order (see above),
    so `rowid` is each event's position in the whole file.
    """
    _staged_from_parts(con, f"[{', '.join(sql_literal(part) for part in parts)}]")
    con.execute(f"UPDATE {STAGED} SET {ROW} = rowid")  # noqa: S608 - constant names


def _stream_to_parquet(
    *, source: Path, fmt: LogFormat | None, work: Path, max_bytes: int, encoding: str
):
    for old in work.glob("part-*.parquet"):
        old.unlink()
    opened = open_log(path=source, fmt=fmt, max_bytes=max_bytes, encoding=encoding)
    try:
        rows, _ = write_parts(opened.batches, directory=work, prefix="part-")
    finally:
        opened.batches.close()  # a reader may hold a file and a thread until it is closed
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
    if chosen == "csv" and not is_gzip(source):
        _stage_plain_csv(con, source=source, max_bytes=max_bytes)
        rows = con.execute(f"SELECT count(*) FROM {STAGED}").fetchone()[0]  # noqa: S608
        if rows == 0:
            raise LogImportError(f"{source.name}: the log has no events (no data rows)")
        return chosen, csv_row_label
    return _stage_streamed(con, source=source, fmt=chosen, work=work, max_bytes=max_bytes)
