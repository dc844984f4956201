"""Segments: the groups of citizens a log names (a customer type, an age band, a cohort).

A segment is a category like the channel, so it is stored as it is, not pseudonymised. That is
safe only while it really groups cases: a column with a value per person (a name, a reference
number mapped by mistake) would put identifiers in the store in clear. `check_segments`
refuses such a column, and `segment_cases` gives what a filter may offer: the cases per segment
(a case whose events carry two segments counts in both, as the filter keeps it for either).
"""

from __future__ import annotations

from ibis import _
from ibis.backends import BaseBackend

from journeymap.core.analytics.backends import BackendName, connect
from journeymap.core.analytics.columns import CASE_KEY
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.metrics.fetch import rows
from journeymap.core.analytics.store import StoredLog

#: More values than this is not a grouping a person could read as a list of segments.
MOST_SEGMENTS = 100
#: Below this many values a log of a few cases may have as many segments as it likes.
FEW_SEGMENTS = 10


def segment_cases(*, log: StoredLog, backend: BackendName | BaseBackend = "duckdb"
                  ) -> dict[str, int]:
    """Cases per segment value, largest first (ties by name); {} when the log has no segment
    column. Blank values belong to no segment."""
    if not log.has("segment"):
        return {}
    con = connect(backend=backend) if isinstance(backend, str) else backend
    stored = con.read_parquet(str(log.events_path))
    named = stored.filter(stored.segment.notnull() & (stored.segment.strip() != ""))
    counted = named.group_by("segment").aggregate(cases=_[CASE_KEY].nunique())
    pairs = [(row["segment"], int(row["cases"])) for row in rows(counted)]
    return dict(sorted(pairs, key=lambda pair: (-pair[1], pair[0])))


def check_segments(counts: dict[str, int], *, cases: int, column: str) -> None:
    """Raise `ConfigurationError` when the segment column looks like an identifier rather than
    a category: more than `MOST_SEGMENTS` values, or more than `FEW_SEGMENTS` values with one
    value for every two cases or fewer."""
    values = len(counts)
    if values > MOST_SEGMENTS or (values > FEW_SEGMENTS and values * 2 > cases):
        raise ConfigurationError(
            f"the segment column {column!r} has {values:,} different values for {cases:,} "
            "cases: it looks like an identifier, not a group of citizens. Map it as not in "
            "this log (it is then pseudonymised), or choose a column that groups cases.")
