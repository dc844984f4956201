"""journeymap's DuckDB backend reads schemas as rows: the same schema Ibis reads through Arrow."""

from __future__ import annotations

import ibis.common.exceptions as ibis_exceptions
import pytest
from ibis.backends.duckdb import Backend as IbisDuckDBBackend

from journeymap.core.analytics.backends import connect
from journeymap.core.analytics.ibis_duckdb import DuckDBBackend


def test_connect_gives_the_row_reading_backend():
    assert isinstance(connect(backend="duckdb"), DuckDBBackend)


def test_schema_is_the_one_ibis_reads_through_arrow(tmp_path):
    con = connect(backend="duckdb")
    con.raw_sql(
        "CREATE TEMP TABLE typed (i BIGINT NOT NULL, s VARCHAR, t TIMESTAMPTZ, ts TIMESTAMP, "
        "d DATE, f DOUBLE, b BOOLEAN, n DECIMAL(12, 3), l VARCHAR[], "
        "st STRUCT(a INTEGER, b VARCHAR), \"odd name\" SMALLINT)"
    )
    ours = con.get_schema("typed")
    assert ours == IbisDuckDBBackend.get_schema(con, "typed")
    assert not ours["i"].nullable and ours["s"].nullable
    parquet = tmp_path / "typed.parquet"
    con.raw_sql(f"COPY typed TO '{parquet}' (FORMAT parquet)")
    read = con.read_parquet(str(parquet))
    assert read.schema() == IbisDuckDBBackend.get_schema(con, read.get_name())


def test_a_missing_table_is_table_not_found():
    with pytest.raises(ibis_exceptions.TableNotFound):
        connect(backend="duckdb").get_schema("no_such_table")
