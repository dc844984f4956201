"""Histograms of per-case figures in fixed, readable buckets (for the report's charts).

Fixed edges (an hour, a day, a week...) rather than computed ones: a manager compares this month
with last month, and that only works if the bars mean the same thing each time.
"""

from __future__ import annotations

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.metrics.fetch import rows

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


def histogram(
    table: Table, column: str, buckets: tuple[tuple[str, float], ...]
) -> list[dict[str, object]]:
    """Count rows of `table` per bucket; a bucket holds values below its edge (and not below
    the previous edge). Every bucket is listed, empty ones with 0."""
    value = table[column]
    branches = [(value < edge, label) for label, edge in buckets if edge != float("inf")]
    bucket = ibis.cases(*branches, else_=buckets[-1][0])
    counted = rows(table.mutate(bucket=bucket).group_by("bucket").aggregate(cases=_.count()))
    counts = {str(row["bucket"]): int(row["cases"]) for row in counted}
    return [{"bucket": label, "cases": counts.get(label, 0)} for label, _edge in buckets]
