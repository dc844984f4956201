"""Backend settings: the DuckDB memory cap."""

from __future__ import annotations

import pytest

from journeymap.core.analytics.backends import connect
from journeymap.core.analytics.duckdb_memory import MEMORY_LIMIT_ENV, duckdb_memory_limit
from journeymap.core.analytics.errors import ConfigurationError


def test_memory_cap_from_env_reaches_duckdb(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "768MB")
    con = connect(backend="duckdb")
    limit = con.raw_sql("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.replace(" ", "") in {"732.4MiB", "768.0MB", "732.4MB"}


def test_default_memory_cap_is_a_size(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    assert duckdb_memory_limit().endswith("MB")


def test_bad_memory_cap_refused(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "lots")
    with pytest.raises(ConfigurationError, match="'lots'"):
        duckdb_memory_limit()
