"""The one ordering every metric shares: by time within a case, ties in file order (as PM4Py).

The events are sorted once (`with_neighbours`), which numbers each event's `position` in its
case; any later window orders by that position alone, on the integer case key.
"""

from __future__ import annotations

import ibis
from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE_KEY, EVENT_INDEX, TIME_US

ACTIVITY_CODE = "activity_code"


def case_window(table: Table):
    """Events of a case in customer order: time first, then position in the source file."""
    return ibis.window(group_by=table[CASE_KEY], order_by=[table[TIME_US], table[EVENT_INDEX]])


def position_window(table: Table):
    """The same order over events that already carry their `position` (cheaper to sort)."""
    return ibis.window(group_by=table[CASE_KEY], order_by=table.position)


def previous(column: str) -> str:
    """The name `with_neighbours` gives the value of `column` at the event before."""
    return f"previous_{column}"


def with_neighbours(table: Table, *, previous_of: tuple[str, ...] = ()) -> Table:
    """Each event with its position in the case and `previous_<column>`, the value of the event
    before it in the case, for each column in `previous_of` (all in the one window sort).

    Only the event before is ever taken: each window function costs the engine about a tenth
    of the sort again, so the directly-follows graph reads each pair from its second event
    (`previous_activity_code`, `previous_time_us`), the same time the hand-off gaps read.
    """
    window = case_window(table)
    return table.mutate(
        # 32 bits, as the codes (see `coding`): a case has far fewer than 2**31 events.
        position=ibis.row_number().over(window).cast("int32"),
        **{previous(column): table[column].lag().over(window) for column in previous_of},
    ).drop(EVENT_INDEX)
