"""Crossing silos: channel mix and switches, services and organisations crossed, repeated work.

A switch (or hand-off) is two consecutive events of a case, both with a value in the column,
whose values differ; events without a value (back-office steps with no channel, say) are skipped,
so "phone, [letter sent], web" counts one switch from phone to web.
"""

from __future__ import annotations

from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import ACTIVITY, CASE
from journeymap.core.analytics.metrics.distribution import summarise
from journeymap.core.analytics.metrics.ordering import case_window

TOP_ROWS = 50


def _mix(events: Table, column: str) -> list[dict[str, object]]:
    frame = (
        events.filter(events[column].notnull())
        .group_by(column)
        .aggregate(events=_.count(), cases=_[CASE].nunique())
        .execute()
    )
    rows = [
        {"value": str(v), "events": int(e), "cases": int(c)}
        for v, e, c in zip(frame[column], frame["events"], frame["cases"], strict=True)
    ]
    return sorted(rows, key=lambda row: (-row["events"], row["value"]))


def crossings(events: Table, column: str) -> dict[str, object]:
    """Mix of `column`'s values, and per case: values crossed and changes between them."""
    valued = events.filter(events[column].notnull())
    window = case_window(valued)
    changes = valued.mutate(previous=valued[column].lag().over(window))
    changes = changes.mutate(
        changed=(changes.previous.notnull() & (changes.previous != changes[column])).cast("int64")
    )
    per_case = changes.group_by(CASE).aggregate(
        distinct_values=_[column].nunique(), changes=_.changed.sum()
    )
    totals = (
        per_case.aggregate(
            changes=_.changes.sum(),
            cases_changing=(_.changes > 0).cast("int64").sum(),
            cases_crossing=(_.distinct_values > 1).cast("int64").sum(),
            cases_with_value=_.count(),
        )
        .execute()
        .iloc[0]
    )
    return {
        "mix": _mix(events, column),
        "cases_with_value": int(totals["cases_with_value"] or 0),
        "changes": int(totals["changes"] or 0),
        "cases_changing": int(totals["cases_changing"] or 0),
        "cases_crossing": int(totals["cases_crossing"] or 0),
        "distinct_per_case": summarise(per_case, "distinct_values"),
        "changes_per_case": summarise(per_case, "changes"),
    }


def repeats(events: Table) -> dict[str, object]:
    """Activities done more than once in a case (duplicated work), overall and by activity."""
    per_pair = events.group_by([CASE, ACTIVITY]).aggregate(times=_.count())
    repeated = per_pair.filter(per_pair.times > 1)
    totals = (
        repeated.aggregate(cases=_[CASE].nunique(), repeated_events=(_.times - 1).sum())
        .execute()
        .iloc[0]
    )
    frame = (
        repeated.group_by(ACTIVITY)
        .aggregate(cases=_.count(), repeated_events=(_.times - 1).sum())
        .execute()
    )
    rows = [
        {"activity": str(a), "cases": int(c), "repeated_events": int(r)}
        for a, c, r in zip(frame[ACTIVITY], frame["cases"], frame["repeated_events"], strict=True)
    ]
    rows.sort(key=lambda row: (-row["repeated_events"], row["activity"]))
    return {
        "cases_with_repeats": int(totals["cases"] or 0),
        "repeated_events": int(totals["repeated_events"] or 0),
        "activities": rows[:TOP_ROWS],
    }
