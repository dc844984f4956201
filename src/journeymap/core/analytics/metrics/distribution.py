"""Five-number summaries (min, median, mean, p90, max) of a per-case quantity.

Medians and percentiles interpolate linearly between ranks (DuckDB `percentile_cont`, Spark
`percentile`, NumPy's default), so both engines and PM4Py's NumPy-based figures agree exactly.
"""

from __future__ import annotations

from ibis.expr.types import Table

SUMMARY_KEYS = ("min", "median", "mean", "p90", "max")


def summary_metrics(table: Table, column: str, *, prefix: str = "") -> dict[str, object]:
    """The five aggregates of `column`, named `<prefix><key>`, to combine into one query."""
    values = table[column]
    return {
        f"{prefix}min": values.min(),
        f"{prefix}median": values.quantile(0.5),
        f"{prefix}mean": values.mean(),
        f"{prefix}p90": values.quantile(0.9),
        f"{prefix}max": values.max(),
    }


def summary_from_row(row, *, prefix: str = "") -> dict[str, float | None]:
    """Pick one summary back out of a result row built with `summary_metrics`."""
    return {key: _number(row[f"{prefix}{key}"]) for key in SUMMARY_KEYS}


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    if number != number:  # NaN: no rows
        return None
    return number
