"""Which cases an analysis looks at: a period, services, channels, segments.

A filter keeps or drops **whole cases**, never single events, so every figure still describes
complete journeys (a case cut in half would show a shorter duration and fewer contacts than the
citizen had). A case is kept when it *started* in the period, and, when services, channels or
segments are named, when it touched at least one of each. A segment is a column of the events,
so one case may carry several (a citizen who became "over 65" mid-journey): the case is kept when
*any* of its events has one of the named segments, the same rule as for a service. The filter is
one Ibis expression over the stored events, so both backends apply the same rule.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE_KEY, TIME_US
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.store import StoredLog

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _micros(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


@dataclass(frozen=True, kw_only=True)
class CaseFilter:
    """Cases that started at or after `started_from` and before `started_before` (aware
    datetimes; None leaves that end open), touching one of `services`, one of `channels` and
    one of `segments` (empty: any)."""

    started_from: dt.datetime | None = None
    started_before: dt.datetime | None = None
    services: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("started_from", "started_before"):
            moment = getattr(self, name)
            if moment is not None and moment.utcoffset() is None:
                raise ConfigurationError(f"{name} needs a time zone (got {moment.isoformat()})")
        if (self.started_from and self.started_before
                and self.started_from >= self.started_before):
            raise ConfigurationError(
                f"the period is empty: {self.started_from.isoformat()} is not before "
                f"{self.started_before.isoformat()}")
        for name in ("services", "channels", "segments"):
            if any(not value.strip() for value in getattr(self, name)):
                raise ConfigurationError(f"a blank name among the {name}")

    @property
    def keeps_everything(self) -> bool:
        return not (self.started_from or self.started_before or self.services or self.channels
                    or self.segments)


def filtered_events(stored: Table, *, log: StoredLog, where: CaseFilter) -> Table:
    """The stored events of the cases `where` keeps (all of them when it keeps everything)."""
    if where.keeps_everything:
        return stored
    return stored.semi_join(_kept_cases(stored, log=log, where=where), CASE_KEY)


def _kept_cases(stored: Table, *, log: StoredLog, where: CaseFilter) -> Table:
    """The case keys `where` keeps (a key may repeat). Each condition reads only the one or
    two columns it needs, through filters the engine applies while it reads the file, so
    only the period groups events by case, and only the events before its end."""
    conditions = []
    if where.started_from is not None or where.started_before is not None:
        # A case started before `started_before` exactly when one of its events is before
        # it, and its first time is then the first of those: the later events, most of a
        # long log, need not be grouped at all.
        events = (stored if where.started_before is None
                  else stored.filter(stored[TIME_US] < _micros(where.started_before)))
        cases = events.group_by(CASE_KEY).aggregate(first_us=events[TIME_US].min())
        if where.started_from is not None:
            cases = cases.filter(cases.first_us >= _micros(where.started_from))
        conditions.append(cases.select(CASE_KEY))
    for column, values in (("service", where.services), ("channel", where.channels),
                           ("segment", where.segments)):
        if not values:
            continue
        if not log.has(column):
            raise ConfigurationError(f"this log has no {column} column to filter on")
        # Any event with one of the values puts its case in (a missing value matches none).
        conditions.append(stored.filter(stored[column].isin(list(values))).select(CASE_KEY))
    return functools.reduce(lambda kept, other: kept.semi_join(other, CASE_KEY), conditions)
