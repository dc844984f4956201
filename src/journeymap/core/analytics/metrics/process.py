"""The process-mining core: counts, start and end activities, variants, the directly-follows graph.

Definitions match PM4Py's (the figures are checked against it): a variant is the sequence of
activity names of a case; the directly-follows graph counts, for each ordered pair (a, b), the
events a whose next event in the same case is b, with the median of the seconds between them.
"""

from __future__ import annotations

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import ACTIVITY, CASE, EVENT_INDEX, TIME_US


def counts(events: Table) -> dict[str, int]:
    row = (
        events.aggregate(
            events=_.count(),
            cases=_[CASE].nunique(),
            activities=_[ACTIVITY].nunique(),
        )
        .execute()
        .iloc[0]
    )
    return {key: int(row[key]) for key in ("events", "cases", "activities")}


def _ranked(frame, value_column: str, label_column: str) -> list[tuple[str, int]]:
    pairs = [(str(label), int(value)) for label, value in
             zip(frame[label_column], frame[value_column], strict=True)]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def start_end_activities(neighbours: Table) -> tuple[dict[str, int], dict[str, int]]:
    """Cases starting (first event) and ending (last event) with each activity, most first."""
    starts = (
        neighbours.filter(neighbours.position == 0)
        .group_by(ACTIVITY)
        .aggregate(cases=_.count())
        .execute()
    )
    ends = (
        neighbours.filter(neighbours.next_activity.isnull())
        .group_by(ACTIVITY)
        .aggregate(cases=_.count())
        .execute()
    )
    return (
        dict(_ranked(starts, "cases", ACTIVITY)),
        dict(_ranked(ends, "cases", ACTIVITY)),
    )


def activity_frequencies(events: Table) -> list[dict[str, object]]:
    frame = (
        events.group_by(ACTIVITY)
        .aggregate(events=_.count(), cases=_[CASE].nunique())
        .execute()
    )
    rows = [
        {"activity": str(a), "events": int(e), "cases": int(c)}
        for a, e, c in zip(frame[ACTIVITY], frame["events"], frame["cases"], strict=True)
    ]
    return sorted(rows, key=lambda row: (-row["events"], row["activity"]))


def case_variants(events: Table) -> Table:
    """One row per case: `case_id`, `variant` (the ordered list of its activities).

    Sorting a list of (time, file position, activity) structs orders the activities without an
    order-sensitive aggregate, which Spark lacks.
    """
    step = ibis.struct({"t": events[TIME_US], "i": events[EVENT_INDEX], "a": events[ACTIVITY]})
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
