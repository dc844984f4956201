"""Where the Ibis expressions run: DuckDB (default, in process) or PySpark (local or a cluster).

The metrics never branch on the backend; this module only opens connections. A caller with a
long-lived connection (a test session's Spark, the web app's worker) passes it in instead of a
name, so Spark starts once.

Spark runs where its master URL says: `local[N]` in this process (the default, `local[2]`), a
standalone cluster (`spark://host:port`) or a Spark Connect server (`sc://host:port`), from
the caller's choice or env JOURNEYMAP_SPARK_MASTER. On a cluster, every path handed to Spark
must be one its executors can read and write (see docs/spark.md).
"""

from __future__ import annotations

import atexit
import functools
import itertools
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import ibis
import ibis.expr.operations as ops
import sqlglot as sg
import sqlglot.expressions as sge
from ibis.backends import BaseBackend
from ibis.expr.types import Table

from journeymap.core.analytics.compiled_sql import cached_text, expression_key
from journeymap.core.analytics.duckdb_memory import duckdb_memory_limit
from journeymap.core.analytics.engines import BACKENDS, BackendName
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.sql_text import sql_literal

SPARK_MASTER_ENV = "JOURNEYMAP_SPARK_MASTER"
DEFAULT_SPARK_MASTER = "local[2]"
_NAMES_IN_USE: dict[int, set[int]] = {}
_NAMES_LOCK = threading.Lock()
_SPARK_MASTER = re.compile(
    r"local(\[([1-9]\d*|\*)\])?|spark://[\w.\-]+:\d+(,[\w.\-]+:\d+)*|sc://[\w.\-]+(:\d+)?(/;\S*)?"
)


@functools.cache
def _spill_directory() -> Path:
    """One private spill folder per process, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="journeymap-duckdb-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def spark_master(master: str | None = None) -> str:
    """The Spark master to use: `master` if given, else env JOURNEYMAP_SPARK_MASTER, else
    local[2]. Raises `ConfigurationError` for anything that is not a master URL Spark takes."""
    chosen = (master or os.environ.get(SPARK_MASTER_ENV, "")).strip() or DEFAULT_SPARK_MASTER
    if not _SPARK_MASTER.fullmatch(chosen):
        raise ConfigurationError(
            f"{chosen!r} is not a Spark master; expected local[N], spark://host:port (a "
            "standalone cluster) or sc://host:port (Spark Connect)"
        )
    return chosen


def runs_in_process(master: str) -> bool:
    """Whether Spark at `master` runs inside this process (local mode), so sees its files."""
    return master.startswith("local")


@functools.cache
def _duckdb_database(process_id: int):
    """The process's in-memory DuckDB database (one per process id: a forked child starts
    its own). Every DuckDB connection is a new connection to it, with its own temporary tables
    and views, so starting a database (its buffer pool and threads, 12 ms, a tenth of a
    filtered re-analysis of a million events) happens once, not for every analysis."""
    import duckdb

    return duckdb.connect()


def connect(*, backend: BackendName, spark_master: str | None = None) -> BaseBackend:
    """Open a connection on the named backend; PySpark at `spark_master` (see `spark_master`).

    A DuckDB connection is a new connection to the process's database (`_duckdb_database`):
    what one analysis puts in engine memory no other connection sees.
    """
    if backend == "duckdb":
        from journeymap.core.analytics.ibis_duckdb import DuckDBBackend

        con = DuckDBBackend.from_connection(_duckdb_database(os.getpid()).cursor())
        con.raw_sql("SET TimeZone = 'UTC'")
        con.raw_sql(f"SET memory_limit = {sql_literal(duckdb_memory_limit())}")
        # Every metric orders its own output, so DuckDB may stream rows in any order, which
        # lets its windows and aggregates spill to disk instead of holding input order.
        con.raw_sql("SET preserve_insertion_order = false")
        con.raw_sql(f"SET temp_directory = {sql_literal(_spill_directory())}")
        return con
    if backend == "pyspark":
        return ibis.pyspark.connect(spark_session(spark_master))
    raise ConfigurationError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")


_SESSION_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    # Parquet timestamps as plain microseconds (not the legacy INT96), which DuckDB reads too.
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
}
_DRIVER_SETTINGS = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}


def spark_session(master: str | None = None):
    """A Spark session at `master` (see `spark_master`) with UTC as its clock.

    Local mode is sized for a laptop or CI runner. On a standalone cluster the driver stays in
    this process and the cluster's own defaults (spark-defaults.conf) size the executors; a
    Spark Connect server owns its driver, so only session settings are made there.
    """
    chosen = spark_master(master)
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigurationError(
            "the pyspark backend needs the `spark` extra: pip install 'journeymap[spark]'"
        ) from exc
    if chosen.startswith("sc://"):
        try:
            session = SparkSession.builder.remote(chosen).getOrCreate()
        except ImportError as exc:
            raise ConfigurationError(
                f"Spark Connect ({chosen}) needs the client libraries: pip install "
                "'journeymap[spark]' (it brings pyspark's connect extra)"
            ) from exc
        for name, value in _SESSION_SETTINGS.items():
            session.conf.set(name, value)
        return session
    builder = SparkSession.builder.master(chosen).appName("journeymap-analytics")
    if runs_in_process(chosen):
        builder = builder.config("spark.driver.memory", "2g").config(
            "spark.sql.shuffle.partitions", "4"
        )
    for name, value in {**_SESSION_SETTINGS, **_DRIVER_SETTINGS}.items():
        builder = builder.config(name, value)
    return builder.getOrCreate()


@contextmanager
def _table_name(con: BaseBackend) -> Iterator[str]:
    """A name for a temporary table or view on `con`: the smallest number not in use there.

    Not a random name, so that every analysis, on a new connection or one after another on
    the same, reads tables of the same names and its SQL is compiled once (`compiled_sql`);
    two analyses at once on one connection still get different names.
    """
    with _NAMES_LOCK:
        taken = _NAMES_IN_USE.setdefault(id(con), set())
        number = next(n for n in itertools.count(1) if n not in taken)
        taken.add(number)
    try:
        yield f"journeymap_{number}"
    finally:
        with _NAMES_LOCK:
            taken = _NAMES_IN_USE[id(con)]
            taken.discard(number)
            if not taken:
                del _NAMES_IN_USE[id(con)]


@contextmanager
def stored_events(
    *, con: BaseBackend, path: Path, keep: Callable[[Table], Table] | None = None
) -> Iterator[Table]:
    """The stored Parquet at `path` as a table of `con` while the block runs; with `keep`,
    only the events `keep` selects from it, computed once into engine memory.

    On DuckDB the table has a per-connection name (see `_table_name`) and the same name and
    columns whether kept or not, so every later expression is the same for the whole log and
    for any filter, and its SQL is compiled once for all of them (`compiled_sql`): a filter's
    values enter only the query that keeps the events. On Spark, a view of Ibis's naming,
    unique in a session that many connections may share.
    """
    if con.name != "duckdb":
        table = con.read_parquet(str(path))
        if keep is None:
            yield table
            return
        with materialised(con=con, expression=keep(table)) as kept:
            yield kept
        return
    with _table_name(con) as name:
        kind = "VIEW" if keep is None else "TABLE"
        try:
            if keep is None:
                table = con.read_parquet(str(path), table_name=name)
            else:
                with _table_name(con) as source_name:
                    try:
                        kept = keep(con.read_parquet(str(path), table_name=source_name))
                        # Compiled every time: its SQL holds the filter's values, which
                        # differ from one analysis to the next.
                        _fill(con, sg.table(name, quoted=True), kept, remember=False)
                    finally:
                        con.raw_sql(f'DROP VIEW IF EXISTS "{source_name}"')
                table = ops.DatabaseTable(name, schema=kept.schema(), source=con,
                                          namespace=ops.Namespace()).to_expr()
            yield table
        finally:
            con.raw_sql(f'DROP {kind} IF EXISTS "{name}"')


def _create_statement(con: BaseBackend, table: sge.Table, schema: ibis.Schema) -> str:
    columns = sge.Schema(this=table, expressions=schema.to_sqlglot_column_defs(con.dialect))
    properties = sge.Properties(expressions=[sge.TemporaryProperty()])
    return sge.Create(kind="TABLE", this=columns, properties=properties).sql(con.dialect)


def _insert_statement(con: BaseBackend, table: sge.Table, expression: Table) -> str:
    columns = ", ".join(sg.to_identifier(column, quoted=True).sql(con.dialect)
                        for column in expression.columns)
    # Every part is a quoted identifier or SQL that Ibis compiled: no value is pasted in.
    return (f"INSERT INTO {table.sql(con.dialect)} ({columns}) "  # noqa: S608
            f"SELECT * FROM ({con.compile(expression)})")


def _fill(con: BaseBackend, table: sge.Table, expression: Table, *, remember: bool = True
          ) -> None:
    """Create the temporary DuckDB `table` with the expression's own column types (not the
    ones DuckDB would infer) and fill it with the expression's rows; its SQL is compiled once
    per process (`compiled_sql`) when `remember`."""
    schema = expression.schema()
    target = table.sql(con.dialect)
    # Registers any in-memory table (`ibis.memtable`) the expression reads, as Ibis's own
    # `create_table` does.
    con._run_pre_execute_hooks(expression)
    con.raw_sql(cached_text((con.name, "create", target, schema),
                            lambda: _create_statement(con, table, schema)))
    if remember:
        con.raw_sql(cached_text(expression_key(con, expression, f"insert {target}"),
                                lambda: _insert_statement(con, table, expression)))
    else:
        con.raw_sql(_insert_statement(con, table, expression))


@contextmanager
def materialised(*, con: BaseBackend, expression: Table) -> Iterator[Table]:
    """Compute `expression` once into engine memory for the metrics that follow, then free it.

    DuckDB gets a temporary table (see `_fill`) dropped by name; Spark gets a persisted
    DataFrame via Ibis's cache.
    """
    if con.name != "duckdb":
        cached = expression.cache()
        try:
            yield cached
        finally:
            cached.release()
        return
    with _table_name(con) as name:
        try:
            _fill(con, sg.table(name, catalog="temp", db="main", quoted=True), expression)
            yield ops.DatabaseTable(
                name, schema=expression.schema(), source=con,
                namespace=ops.Namespace(catalog="temp", database="main"),
            ).to_expr()
        finally:
            con.raw_sql(f'DROP TABLE IF EXISTS "{name}"')
