"""Histograms of per-case figures in fixed, readable buckets (for the report's charts).

Fixed edges (an hour, a day, a week...) rather than computed ones: a manager compares this month
with last month, and that only works if the bars mean the same thing each time.
"""

from __future__ import annotations

import ibis
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
    """Per bucket, the count of rows of `table` in it, named `<prefix><index>`, to combine
    into one query (see `histogram_from_row`). A bucket holds values below its edge (and not
    below the previous edge); the last holds the rest."""
    value = table[column]
    branches = [(value < edge, label) for label, edge in buckets if edge != float("inf")]
    bucket = ibis.cases(*branches, else_=buckets[-1][0])
    return {
        f"{prefix}{index}": (bucket == label).cast("int64").sum()
        for index, (label, _edge) in enumerate(buckets)
    }


def histogram_from_row(
    row, buckets: tuple[tuple[str, float], ...], *, prefix: str = ""
) -> list[dict[str, object]]:
    """Every bucket with its count from a row built with `histogram_metrics` (0 when empty)."""
    return [
        {"bucket": label, "cases": int(row[f"{prefix}{index}"] or 0)}
        for index, (label, _edge) in enumerate(buckets)
    ]
