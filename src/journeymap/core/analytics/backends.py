"""Where the Ibis expressions run: DuckDB (default, in process) or PySpark (local or a cluster).

The metrics never branch on the backend; this module only opens connections. A caller with a
long-lived connection (a test session's Spark, the web app's worker) passes it in instead of a
name, so Spark starts once.
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


def connect(*, backend: BackendName) -> BaseBackend:
    """Open a connection on the named backend (Spark in local mode, two cores, modest memory)."""
    if backend == "duckdb":
        con = ibis.duckdb.connect()
        con.raw_sql("SET TimeZone = 'UTC'")
        con.raw_sql(f"SET memory_limit = {sql_literal(duckdb_memory_limit())}")
        # Every metric orders its own output, so DuckDB may stream rows in any order, which
        # lets its windows and aggregates spill to disk instead of holding input order.
        con.raw_sql("SET preserve_insertion_order = false")
        con.raw_sql(f"SET temp_directory = {sql_literal(_spill_directory())}")
        return con
    if backend == "pyspark":
        return ibis.pyspark.connect(local_spark_session())
    raise ConfigurationError(f"unknown backend {backend!r}; expected one of {', '.join(BACKENDS)}")


def local_spark_session():
    """A local Spark session sized for a laptop or CI runner, with UTC as its clock."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigurationError(
            "the pyspark backend needs the `spark` extra: pip install 'journeymap[spark]'"
        ) from exc
    return (
        SparkSession.builder.master("local[2]")
        .appName("journeymap-analytics")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


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
