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
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import ibis
from ibis.backends import BaseBackend
from ibis.expr.types import Table

from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.sql_text import sql_literal

BackendName = Literal["duckdb", "pyspark"]
MEMORY_LIMIT_ENV = "JOURNEYMAP_DUCKDB_MEMORY_LIMIT"
BACKENDS: tuple[BackendName, ...] = ("duckdb", "pyspark")
SPARK_MASTER_ENV = "JOURNEYMAP_SPARK_MASTER"
DEFAULT_SPARK_MASTER = "local[2]"
_SPARK_MASTER = re.compile(
    r"local(\[([1-9]\d*|\*)\])?|spark://[\w.\-]+:\d+(,[\w.\-]+:\d+)*|sc://[\w.\-]+(:\d+)?(/;\S*)?"
)


@functools.cache
def _spill_directory() -> Path:
    """One private spill folder per process, removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="journeymap-duckdb-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _default_memory_limit() -> str:
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(512, physical // 3 // 1024**2)}MB"


def duckdb_memory_limit() -> str:
    """DuckDB's memory cap: env JOURNEYMAP_DUCKDB_MEMORY_LIMIT (e.g. "8GB"), else a third of RAM.

    DuckDB's own default is 80 % of the machine, which would starve the web app and the
    database beside it; under the cap it spills to disk instead. A third of 24 GiB (8 GB) is
    what a 100-million-event log needed here; a lower cap uses less memory and more time.
    """
    limit = os.environ.get(MEMORY_LIMIT_ENV, "").strip() or _default_memory_limit()
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", limit, re.IGNORECASE):
        raise ConfigurationError(
            f"{MEMORY_LIMIT_ENV}={limit!r} is not a size such as '2GB' or '512MB'"
        )
    return limit


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


def connect(*, backend: BackendName, spark_master: str | None = None) -> BaseBackend:
    """Open a connection on the named backend; PySpark at `spark_master` (see `spark_master`)."""
    if backend == "duckdb":
        from journeymap.core.analytics.ibis_duckdb import DuckDBBackend

        con = DuckDBBackend().connect()
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
def materialised(*, con: BaseBackend, expression: Table) -> Iterator[Table]:
    """Compute `expression` once into engine memory for the metrics that follow, then free it.

    DuckDB gets a temporary table (dropped by name: Ibis 12's cache release emits an unnamed
    DROP on DuckDB); Spark gets a persisted DataFrame via Ibis's cache.
    """
    if con.name == "duckdb":
        name = f"journeymap_events_{uuid.uuid4().hex}"
        table = con.create_table(name, expression, temp=True)
        try:
            yield table
        finally:
            con.raw_sql(f'DROP TABLE IF EXISTS "{name}"')
        return
    cached = expression.cache()
    try:
        yield cached
    finally:
        cached.release()
