"""Bringing a metric's (small) result back into Python as plain rows.

The expression is compiled by Ibis (once per process, see `compiled_sql`) and run through the
backend's own client, which returns Python values directly: the figures are a few rows each,
and Ibis's `execute` and `to_pyarrow` import pandas on DuckDB, which would add half a second
and 100 MB to every command-line run.
This is the one place that knows how each backend hands rows back (the metrics use no uploaded
tables, so compiled SQL is all either engine needs).
"""

from __future__ import annotations

from typing import Any

from ibis.expr.types import Table

from journeymap.core.analytics.compiled_sql import compiled_sql


def rows(expression: Table) -> list[dict[str, Any]]:
    """Every row of `expression` as a dict (NULL as None, lists as lists, structs as dicts)."""
    con = expression.get_backend()
    result = con.raw_sql(compiled_sql(con, expression))
    if con.name == "pyspark":
        return [row.asDict(recursive=True) for row in result.collect()]
    names = [column[0] for column in result.description]
    return [dict(zip(names, values, strict=True)) for values in result.fetchall()]


def one(expression: Table) -> dict[str, Any]:
    """The single row of an aggregate."""
    return rows(expression)[0]
