"""Crossing silos: channel mix and switches, services and organisations crossed.

A switch (or hand-off) is two consecutive events of a case, both with a value in the column,
whose values differ; events without a value (back-office steps with no channel, say) are skipped,
so "phone, [letter sent], web" counts one switch from phone to web.
"""

from __future__ import annotations

from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE
from journeymap.core.analytics.metrics.distribution import summary_from_row, summary_metrics
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
    """Mix of `column`'s values, and per case: values crossed and changes between them.

    `events` comes from `with_neighbours(..., previous_of=(column,))`. When no event lacks a
    value, that precomputed previous value is the one wanted; otherwise events without one are
    dropped and the previous value taken again over what is left.
    """
    missing = int(events.aggregate(n=events[column].isnull().sum()).execute().iloc[0]["n"] or 0)
    if missing == 0:
        changes = events.mutate(previous=events[f"previous_{column}"])
    else:
        valued = events.filter(events[column].notnull())
        changes = valued.mutate(previous=valued[column].lag().over(case_window(valued)))
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
            **summary_metrics(per_case, "distinct_values", prefix="distinct_"),
            **summary_metrics(per_case, "changes", prefix="changes_"),
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
        "distinct_per_case": summary_from_row(totals, prefix="distinct_"),
        "changes_per_case": summary_from_row(totals, prefix="changes_"),
    }
