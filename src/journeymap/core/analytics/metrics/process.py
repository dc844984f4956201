"""The process-mining core: variants, the directly-follows graph, case sizes.

Definitions match PM4Py's (the figures are checked against it): a variant is the sequence of
activity names of a case; the directly-follows graph counts, for each ordered pair (a, b), the
events a whose next event in the same case is b, with the median of the seconds between them.

The engine works on integer activity codes (`activity_code`, an index into the sorted activity
names): grouping cases by a list of small integers is several times faster than by a list of
names. Names are put back in Python, on results that are a few thousand rows at most.
"""

from __future__ import annotations

from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE_KEY, TIME_US
from journeymap.core.analytics.metrics.fetch import rows
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, previous

#: Above every activity code (32-bit, never negative): a step is position * span + code.
_CODE_SPAN = 2**32
#: What `directly_follows` needs of the window pass (`ordering.with_neighbours`).
DFG_PREVIOUS = (ACTIVITY_CODE, TIME_US)
PREVIOUS_CODE = previous(ACTIVITY_CODE)
PREVIOUS_TIME = previous(TIME_US)


def case_variants(events: Table) -> Table:
    """One row per case: `case_key`, `variant` (its events' steps, in order).

    `events` carries each event's `position` in its case (see `ordering.with_neighbours`).
    Each event becomes one 64-bit integer step, its position above its code (a code is below
    2**31, see `coding`), so sorting a case's list of them orders the codes without an
    order-sensitive aggregate, which Spark lacks, and sorts plain integers, a third faster
    than the (position, code) structs it replaces. Every case numbers its positions from the
    same start, so two cases have the same steps exactly when they have the same activities
    in the same order: the engine groups the steps as they are, and `variants` takes the
    codes out of the few distinct lists.
    """
    step = events.position.cast("int64") * _CODE_SPAN + events[ACTIVITY_CODE]
    per_case = events.group_by(CASE_KEY).aggregate(steps=step.collect())
    return per_case.select(CASE_KEY, variant=per_case.steps.sort())


def variants(per_case_variants: Table, names: list[str]) -> list[dict[str, object]]:
    """Every variant with its case count, most frequent first (ties by activity sequence)."""
    counted = rows(per_case_variants.group_by("variant").aggregate(cases=_.count()))
    result = [
        {"activities": [names[step % _CODE_SPAN] for step in row["variant"]],
         "cases": int(row["cases"])}
        for row in counted
    ]
    return sorted(result, key=lambda row: (-row["cases"], row["activities"]))


def directly_follows(neighbours: Table, names: list[str]) -> list[dict[str, object]]:
    """The DFG as a list of {from, to, count, median_seconds}, most frequent first.

    `neighbours` carry `previous_activity_code` and `previous_time_us` (`ordering`): each pair
    is counted at its second event.
    """
    pairs = neighbours.filter(neighbours[PREVIOUS_CODE].notnull())
    gap_seconds = (pairs[TIME_US] - pairs[PREVIOUS_TIME]).cast("float64") / 1_000_000
    counted = rows(
        pairs.mutate(gap_seconds=gap_seconds)
        .group_by([PREVIOUS_CODE, ACTIVITY_CODE])
        .aggregate(count=_.count(), median_seconds=_.gap_seconds.quantile(0.5))
    )
    result = [
        {
            "from": names[row[PREVIOUS_CODE]],
            "to": names[row[ACTIVITY_CODE]],
            "count": int(row["count"]),
            "median_seconds": float(row["median_seconds"]),
        }
        for row in counted
    ]
    return sorted(result, key=lambda row: (-row["count"], row["from"], row["to"]))


def case_sizes(events: Table, *, with_contacts: bool) -> Table:
    """One row per case: its events, first and last event time (`first_us`, `last_us`),
    duration in seconds (first to last event) and, when `with_contacts`, its contacts (events
    whose `is_contact` is true; 0 for a case with none)."""
    contacts = {"contacts": _.is_contact.cast("int64").sum()} if with_contacts else {}
    per_case = events.group_by(CASE_KEY).aggregate(
        events=_.count(), first_us=_[TIME_US].min(), last_us=_[TIME_US].max(), **contacts
    )
    return per_case.mutate(
        duration_seconds=(per_case.last_us - per_case.first_us).cast("float64") / 1_000_000
    )
