"""The process-mining core: variants, the directly-follows graph, case sizes.

Definitions match PM4Py's (the figures are checked against it): a variant is the sequence of
activity names of a case; the directly-follows graph counts, for each ordered pair (a, b), the
events a whose next event in the same case is b, with the median of the seconds between them.
"""

from __future__ import annotations

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import ACTIVITY, CASE, TIME_US


def case_variants(events: Table) -> Table:
    """One row per case: `case_id`, `variant` (the ordered list of its activities).

    `events` carries each event's `position` in its case (see `ordering.with_neighbours`);
    sorting a list of (position, activity) structs orders the activities without an
    order-sensitive aggregate, which Spark lacks.
    """
    step = ibis.struct({"p": events.position, "a": events[ACTIVITY]})
    per_case = events.group_by(CASE).aggregate(steps=step.collect())
    return per_case.select(CASE, variant=per_case.steps.sort().map(lambda item: item.a))


def variants(per_case_variants: Table) -> list[dict[str, object]]:
    """Every variant with its case count, most frequent first (ties by activity sequence)."""
    frame = per_case_variants.group_by("variant").aggregate(cases=_.count()).execute()
    rows = [
        {"activities": [str(a) for a in variant], "cases": int(cases)}
        for variant, cases in zip(frame["variant"], frame["cases"], strict=True)
    ]
    return sorted(rows, key=lambda row: (-row["cases"], row["activities"]))


def directly_follows(neighbours: Table) -> list[dict[str, object]]:
    """The DFG as a list of {from, to, count, median_seconds}, most frequent first."""
    pairs = neighbours.filter(neighbours.next_activity.notnull())
    gap_seconds = (pairs.next_time_us - pairs[TIME_US]).cast("float64") / 1_000_000
    frame = (
        pairs.mutate(gap_seconds=gap_seconds)
        .group_by([ACTIVITY, "next_activity"])
        .aggregate(count=_.count(), median_seconds=_.gap_seconds.quantile(0.5))
        .execute()
    )
    rows = [
        {"from": str(a), "to": str(b), "count": int(n), "median_seconds": float(m)}
        for a, b, n, m in zip(
            frame[ACTIVITY], frame["next_activity"], frame["count"], frame["median_seconds"],
            strict=True,
        )
    ]
    return sorted(rows, key=lambda row: (-row["count"], row["from"], row["to"]))


def case_sizes(events: Table) -> Table:
    """One row per case: its contacts (events) and duration in seconds, first to last event."""
    return events.group_by(CASE).aggregate(
        contacts=_.count(),
        duration_seconds=(_[TIME_US].max() - _[TIME_US].min()).cast("float64") / 1_000_000,
    )
