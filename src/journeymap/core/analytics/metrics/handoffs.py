"""Hand-offs between services (or organisations), and the work re-done after them.

Chelmsford's cross-service journeys showed where a case is passed on, how long it waits in
between, and what the next service does again ("evidence scanned twice"). Definitions:

- Events without a value in the column are skipped (as in `silos`); among the rest, in the
  engine's one order (`ordering`), a *stay* is a run of consecutive events with the same value,
  and a *hand-off* is the step from one stay to the next.
- A hand-off's time is from the last event of the stay it leaves to the first event of the
  next: the median is over the hand-offs of each (from, to) pair.
- *Re-work* after a hand-off: an activity done in the receiving stay that was already done in
  the stay just before it, in the same case.

Everything runs as Ibis expressions over the events cache; only the per-pair and per-activity
aggregates come back to Python, where codes are named again.
"""

from __future__ import annotations

import ibis
from ibis import _
from ibis.backends import BaseBackend
from ibis.expr.types import Table

from journeymap.core.analytics.backends import materialised
from journeymap.core.analytics.columns import CASE_KEY, TIME_US
from journeymap.core.analytics.metrics.fetch import one, rows
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, position_window


def _stays(events: Table, column: str, *, complete: bool) -> Table:
    """Events with a value in `column`, each with its stay number in the case (from 1) and,
    when it opens a stay after another, the value and time of the event before it.

    When no event lacks a value (`complete`), the events cache's own `previous_<column>` and
    `previous_time_us` are those values, so only the running stay number needs a window.
    """
    if complete:
        marked = events.mutate(previous=events[f"previous_{column}"],
                               previous_time_us=events[f"previous_{TIME_US}"])
    else:
        valued = events.filter(events[column].notnull())
        window = position_window(valued)
        marked = valued.mutate(
            previous=valued[column].lag().over(window),
            previous_time_us=valued[TIME_US].lag().over(window),
        )
    marked = marked.mutate(
        opens=(marked.previous.isnull() | (marked.previous != marked[column])).cast("int64")
    )
    running = ibis.cumulative_window(group_by=marked[CASE_KEY], order_by=marked.position)
    return marked.select(
        CASE_KEY, column, ACTIVITY_CODE, TIME_US, "previous", "previous_time_us",
        stay=marked.opens.sum().over(running),
    )


def _pairs(stays: Table, column: str, values: list[str]) -> tuple[dict, list[dict]]:
    handoffs = stays.filter(stays.previous.notnull() & (stays.previous != stays[column]))
    handoffs = handoffs.mutate(
        gap_seconds=(handoffs[TIME_US] - handoffs.previous_time_us).cast("float64") / 1_000_000
    )
    totals = one(handoffs.aggregate(handoffs=_.count(), cases=_[CASE_KEY].nunique()))
    counted = rows(
        handoffs.group_by(["previous", column]).aggregate(
            handoffs=_.count(),
            cases=_[CASE_KEY].nunique(),
            median_seconds=_.gap_seconds.quantile(0.5),
        )
    )
    pairs = [
        {
            "from": values[row["previous"]],
            "to": values[row[column]],
            "handoffs": int(row["handoffs"]),
            "cases": int(row["cases"]),
            "median_seconds": None if row["median_seconds"] is None
            else float(row["median_seconds"]),
        }
        for row in counted
    ]
    pairs.sort(key=lambda row: (-row["handoffs"], row["from"], row["to"]))
    return totals, pairs


def _rework(stays: Table, column: str, values: list[str], names: list[str]) -> list[dict]:
    done = stays.select(CASE_KEY, ACTIVITY_CODE, "stay", column).distinct()
    before = done.select(
        sending_case=done[CASE_KEY],
        sending_activity=done[ACTIVITY_CODE],
        next_stay=done.stay + 1,
        sending=done[column],
    )
    again = done.join(
        before,
        [
            done[CASE_KEY] == before.sending_case,
            done[ACTIVITY_CODE] == before.sending_activity,
            done.stay == before.next_stay,
        ],
    )
    counted = rows(
        again.group_by(["sending", column, ACTIVITY_CODE]).aggregate(
            cases=_[CASE_KEY].nunique(), handoffs=_.count()
        )
    )
    rework = [
        {
            "from": values[row["sending"]],
            "to": values[row[column]],
            "activity": names[row[ACTIVITY_CODE]],
            "cases": int(row["cases"]),
            "handoffs": int(row["handoffs"]),
        }
        for row in counted
    ]
    rework.sort(key=lambda row: (-row["handoffs"], -row["cases"], row["from"], row["to"],
                                 row["activity"]))
    return rework


def handoffs(
    con: BaseBackend, events: Table, column: str, *, values: list[str], names: list[str],
    complete: bool,
) -> dict[str, object]:
    """The hand-off table of `column` ("service" or "organisation", coded into `values`).

    `events` is the engine's events cache (`ordering.with_neighbours`, activity codes into
    `names`, with `previous_<column>` and `previous_time_us`); `complete` says no event lacks
    a value in `column`. Returns {"handoffs", "cases_with_handoffs", "pairs", "rework"} as
    documented in `report_json`.
    """
    with materialised(con=con, expression=_stays(events, column, complete=complete)) as stays:
        totals, pairs = _pairs(stays, column, values)
        rework = _rework(stays, column, values, names)
    return {
        "handoffs": int(totals["handoffs"] or 0),
        "cases_with_handoffs": int(totals["cases"] or 0),
        "pairs": pairs,
        "rework": rework,
    }
