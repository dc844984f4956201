"""Histograms of per-case figures in fixed, readable buckets (for the report's charts).

Fixed edges (an hour, a day, a week...) rather than computed ones: a manager compares this month
with last month, and that only works if the bars mean the same thing each time.
"""

from __future__ import annotations

from ibis.expr.types import Table

DURATION_BUCKETS: tuple[tuple[str, float], ...] = (
    ("under 1 hour", 3600.0),
    ("1 hour to 1 day", 86400.0),
    ("1 to 7 days", 7 * 86400.0),
    ("1 to 4 weeks", 28 * 86400.0),
    ("4 to 13 weeks", 91 * 86400.0),
    ("13 weeks or more", float("inf")),
)
EVENT_BUCKETS: tuple[tuple[str, float], ...] = (
    ("1", 2.0),
    ("2", 3.0),
    ("3", 4.0),
    ("4", 5.0),
    ("5", 6.0),
    ("6 to 10", 11.0),
    ("11 to 20", 21.0),
    ("more than 20", float("inf")),
)
# A case may have no contact at all (only the organisation's own work), and that is a figure.
CONTACT_BUCKETS: tuple[tuple[str, float], ...] = (("0", 1.0), *EVENT_BUCKETS)


def histogram_metrics(
    table: Table, column: str, buckets: tuple[tuple[str, float], ...], *, prefix: str = ""
) -> dict[str, object]:
    """Aggregates of `table` from which `histogram_from_row` counts the rows per bucket, named
    `<prefix>...`, to combine into one query. A bucket holds values below its edge (and not
    below the previous edge); the last holds the rest.

    Counted as rows below each edge (a bucket is the difference of two), which is one small
    comparison per edge rather than one CASE per bucket for the engine to compile and run.
    """
    value = table[column]
    below = {
        f"{prefix}below_{index}": (value < edge).cast("int64").sum()
        for index, (_label, edge) in enumerate(buckets)
        if edge != float("inf")
    }
    return {**below, f"{prefix}rows": table.count()}


def histogram_from_row(
    row, buckets: tuple[tuple[str, float], ...], *, prefix: str = ""
) -> list[dict[str, object]]:
    """Every bucket with its count from a row built with `histogram_metrics` (0 when empty)."""
    counts = []
    previous = 0
    for index, (label, edge) in enumerate(buckets):
        below = int(row[f"{prefix}rows"] or 0)
        if edge != float("inf"):
            below = int(row[f"{prefix}below_{index}"] or 0)
        counts.append({"bucket": label, "cases": below - previous})
        previous = below
    return counts
