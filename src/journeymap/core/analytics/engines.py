"""One choice for a whole run: import and analyse on DuckDB, or both on Spark at one master.

The CLI and the web's datasets take the backend name and the Spark master from their options
or settings and call these two functions, so a log imported on a cluster is also analysed
there, and no caller needs to know which module does which engine's import.

An import on DuckDB loads DuckDB alone, so that the analysis engine (Ibis, `backends`) can load
beside it (`analysis_warmup`): `backends` is imported only where a connection is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.store import StoredLog, import_log

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

BackendName = Literal["duckdb", "pyspark"]
BACKENDS: tuple[BackendName, ...] = ("duckdb", "pyspark")


def checked_backend(name: str) -> BackendName:
    """`name` if it is a backend journeymap has, else a `ConfigurationError` naming them."""
    if name not in BACKENDS:
        raise ConfigurationError(
            f"unknown backend {name!r}; expected one of {', '.join(BACKENDS)}"
        )
    return name  # type: ignore[return-value]


def import_log_on(
    *, backend: BackendName, spark_master: str | None = None, **arguments
) -> StoredLog:
    """`import_log(**arguments)` on DuckDB, or its Spark twin on the session at `spark_master`
    (which gives the same stored log, see `spark_store`)."""
    if checked_backend(backend) == "duckdb":
        return import_log(**arguments)
    from journeymap.core.analytics.backends import spark_session
    from journeymap.core.analytics.spark_store import import_log_on_spark

    return import_log_on_spark(session=spark_session(spark_master), **arguments)


def analysis_connection(*, backend: BackendName, spark_master: str | None = None) -> BaseBackend:
    """The connection `analyse` runs on, for `backend` (and Spark at `spark_master`)."""
    from journeymap.core.analytics.backends import connect

    return connect(backend=checked_backend(backend), spark_master=spark_master)
