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
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, position_window, previous


def _marked(events: Table, column: str, *, complete: bool) -> Table:
    """Events with a value in `column`, each with the value (`previous`) and time of the
    valued event before it in the case.

    When no event lacks a value (`complete`), those are the events cache's own
    `previous_<column>` and `previous_time_us`, and no window is needed.
    """
    if complete:
        return events.mutate(previous=events[previous(column)],
                             previous_time_us=events[previous(TIME_US)])
    valued = events.filter(events[column].notnull())
    window = position_window(valued)
    return valued.mutate(
        previous=valued[column].lag().over(window),
        previous_time_us=valued[TIME_US].lag().over(window),
    )


def _handoff_rows(marked: Table, column: str) -> Table:
    """One row per hand-off: its case, the value it leaves and the one it reaches, and the
    seconds in between."""
    handoffs = marked.filter(marked.previous.notnull() & (marked.previous != marked[column]))
    return handoffs.select(
        CASE_KEY, "previous", column,
        gap_seconds=(handoffs[TIME_US] - handoffs.previous_time_us).cast("float64") / 1_000_000,
    )


def _pairs(handoffs: Table, column: str, values: list[str]) -> tuple[dict, list[dict]]:
    """The totals and the per-pair figures, from the hand-off rows (`_handoff_rows`)."""
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


def _rework(marked: Table, column: str, values: list[str], names: list[str]) -> list[dict]:
    """Re-work, in one query that adds nothing to engine memory.

    Each event gets its stay number (a running count of the stays opened so far in its case)
    and the stay and value of the same activity's previous event in the case. An activity
    done in stay s and in stay s - 1 has exactly one event whose previous same-activity event
    is in stay s - 1, its first in stay s (every event of stay s - 1 comes before any of stay
    s), so counting those events counts the (case, activity, stay) re-done after a hand-off,
    with no join of the stays with themselves.
    """
    opened = marked.mutate(
        opens=(marked.previous.isnull() | (marked.previous != marked[column])).cast("int64")
    )
    running = ibis.cumulative_window(group_by=opened[CASE_KEY], order_by=opened.position)
    stays = opened.select(CASE_KEY, column, ACTIVITY_CODE, "position",
                          stay=opened.opens.sum().over(running))
    same_activity = ibis.window(group_by=[stays[CASE_KEY], stays[ACTIVITY_CODE]],
                                order_by=stays.position)
    linked = stays.mutate(
        previous_stay=stays.stay.lag().over(same_activity),
        sending=stays[column].lag().over(same_activity),
    )
    again = linked.filter(linked.previous_stay + 1 == linked.stay)
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
    marked = _marked(events, column, complete=complete)
    # The hand-offs, a table a few times shorter than the events, are kept in engine memory
    # for the queries that read them.
    with materialised(con=con, expression=_handoff_rows(marked, column)) as handed_off:
        totals, pairs = _pairs(handed_off, column, values)
        # Re-work follows a hand-off, so only the cases with one (two events in five of the
        # synthetic council log) go through its two window sorts; a case is kept or dropped
        # whole, so every window over what is left is as it was.
        with_handoffs = events.semi_join(handed_off, CASE_KEY)
        rework = _rework(_marked(with_handoffs, column, complete=complete), column, values,
                         names)
    return {
        "handoffs": int(totals["handoffs"] or 0),
        "cases_with_handoffs": int(totals["cases"] or 0),
        "pairs": pairs,
        "rework": rework,
    }
