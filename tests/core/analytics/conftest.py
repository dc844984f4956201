"""Fixtures for the analytics tests: a key, a writer for small CSV logs, the shared real logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.core.analytics.analytics_logs import KEY


@pytest.fixture
def key() -> bytes:
    return KEY


@pytest.fixture
def write_csv(tmp_path):
    """Write rows (header first) as a CSV file and return its path."""

    def write(rows: list[list[str]], name: str = "log.csv", delimiter: str = ",") -> Path:
        path = tmp_path / name
        path.write_text(
            "\n".join(delimiter.join(row) for row in rows) + "\n", encoding="utf-8"
        )
        return path

    return write


@pytest.fixture(scope="session")
def spark_connection():
    """One local Spark for the whole session (it takes seconds to start)."""
    pytest.importorskip("pyspark")
    from journeymap.core.analytics.backends import connect

    return connect(backend="pyspark")


@pytest.fixture(
    params=["duckdb", pytest.param("pyspark", marks=[pytest.mark.spark, pytest.mark.slow])]
)
def engine(request):
    """Each backend in turn: "duckdb" by name, PySpark as the session's one connection."""
    if request.param == "duckdb":
        return "duckdb"
    return request.getfixturevalue("spark_connection")
