"""Crossing silos: channel mix and switches, services and organisations crossed.

A switch (or hand-off) is two consecutive events of a case, both with a value in the column,
whose values differ; events without a value (back-office steps with no channel, say) are skipped,
so "phone, [letter sent], web" counts one switch from phone to web.
"""

from __future__ import annotations

from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE_KEY
from journeymap.core.analytics.metrics.distribution import summary_from_row, summary_metrics
from journeymap.core.analytics.metrics.fetch import one, rows
from journeymap.core.analytics.metrics.ordering import position_window

TOP_ROWS = 50


def _mix(events: Table, column: str) -> list[dict[str, object]]:
    counted = rows(
        events.filter(events[column].notnull())
        .group_by(column)
        .aggregate(events=_.count(), cases=_[CASE_KEY].nunique())
    )
    result = [
        {"value": str(row[column]), "events": int(row["events"]), "cases": int(row["cases"])}
        for row in counted
    ]
    return sorted(result, key=lambda row: (-row["events"], row["value"]))


def crossings(events: Table, column: str) -> dict[str, object]:
    """Mix of `column`'s values, and per case: values crossed and changes between them.

    `events` comes from `with_neighbours(..., previous_of=(column,))`. When no event lacks a
    value, that precomputed previous value is the one wanted; otherwise events without one are
    dropped and the previous value taken again over what is left.
    """
    missing = int(one(events.aggregate(n=events[column].isnull().sum()))["n"] or 0)
    if missing == 0:
        changes = events.mutate(previous=events[f"previous_{column}"])
    else:
        valued = events.filter(events[column].notnull())
        changes = valued.mutate(previous=valued[column].lag().over(position_window(valued)))
    changes = changes.mutate(
        changed=(changes.previous.notnull() & (changes.previous != changes[column])).cast("int64")
    )
    per_case = changes.group_by(CASE_KEY).aggregate(
        distinct_values=_[column].nunique(), changes=_.changed.sum()
    )
    totals = one(
        per_case.aggregate(
            changes=_.changes.sum(),
            cases_changing=(_.changes > 0).cast("int64").sum(),
            cases_crossing=(_.distinct_values > 1).cast("int64").sum(),
            cases_with_value=_.count(),
            **summary_metrics(per_case, "distinct_values", prefix="distinct_"),
            **summary_metrics(per_case, "changes", prefix="changes_"),
        )
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
