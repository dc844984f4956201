"""Five-number summaries (min, median, mean, p90, max) of a per-case quantity.

Medians and percentiles interpolate linearly between ranks (DuckDB `percentile_cont`, Spark
`percentile`, NumPy's default), so both engines and PM4Py's NumPy-based figures agree exactly.
"""

from __future__ import annotations

from ibis.expr.types import Table

SUMMARY_KEYS = ("min", "median", "mean", "p90", "max")


def summarise(table: Table, column: str) -> dict[str, float | None]:
    """The summary of `column` over the rows of `table`; all None when there are no rows."""
    values = table[column]
    row = (
        table.aggregate(
            min=values.min(),
            median=values.quantile(0.5),
            mean=values.mean(),
            p90=values.quantile(0.9),
            max=values.max(),
        )
        .execute()
        .iloc[0]
    )
    return {key: _number(row[key]) for key in SUMMARY_KEYS}


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    if number != number:  # NaN: no rows
        return None
    return number
