"""Crossing silos: channel mix and switches, services and organisations crossed.

A switch (or hand-off) is two consecutive events of a case, both with a value in the column,
whose values differ; events without a value (back-office steps with no channel, say) are skipped,
so "phone, [letter sent], web" counts one switch from phone to web.
"""

from __future__ import annotations

from ibis import _
from ibis.backends import BaseBackend
from ibis.expr.types import Table

from journeymap.core.analytics.backends import materialised
from journeymap.core.analytics.columns import CASE_KEY
from journeymap.core.analytics.metrics.distribution import summary_from_row, summary_metrics
from journeymap.core.analytics.metrics.fetch import one, rows
from journeymap.core.analytics.metrics.ordering import position_window, previous


def crossings(
    con: BaseBackend, events: Table, column: str, values: list[str], *, complete: bool
) -> dict[str, object]:
    """Mix of `column`'s values, and per case: values crossed and changes between them.

    `events` comes from `with_neighbours(..., previous_of=(column,))`, with `column` as codes
    into `values` (see `coding`). When no event lacks a value (`complete`), that precomputed
    previous value is the one wanted; otherwise events without one are dropped and the
    previous value taken again over what is left. Events are first counted per (case, value),
    a table a few times shorter than the events, from which both the mix
    and the per-case figures follow without a distinct count over every event.
    """
    if complete:
        changes = events.mutate(previous=events[previous(column)])
    else:
        valued = events.filter(events[column].notnull())
        changes = valued.mutate(previous=valued[column].lag().over(position_window(valued)))
    changes = changes.mutate(
        changed=(changes.previous.notnull() & (changes.previous != changes[column])).cast("int64")
    )
    per_value_expression = changes.group_by([CASE_KEY, column]).aggregate(
        events=_.count(), changes=_.changed.sum()
    )
    with materialised(con=con, expression=per_value_expression) as per_value:
        per_case = per_value.group_by(CASE_KEY).aggregate(
            distinct_values=_.count(), changes=_.changes.sum()
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
        mix = rows(per_value.group_by(column).aggregate(events=_.events.sum(), cases=_.count()))
    return {
        "mix": sorted(
            (
                {"value": values[row[column]], "events": int(row["events"]),
                 "cases": int(row["cases"])}
                for row in mix
            ),
            key=lambda row: (-row["events"], row["value"]),
        ),
        "cases_with_value": int(totals["cases_with_value"] or 0),
        "changes": int(totals["changes"] or 0),
        "cases_changing": int(totals["cases_changing"] or 0),
        "cases_crossing": int(totals["cases_crossing"] or 0),
        "distinct_per_case": summary_from_row(totals, prefix="distinct_"),
        "changes_per_case": summary_from_row(totals, prefix="changes_"),
    }
