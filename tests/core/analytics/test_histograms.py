"""Histogram buckets counted in the engine agree with the plain reading of the bucket rule."""

from __future__ import annotations

import ibis
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.core.analytics.backends import connect, materialised
from journeymap.core.analytics.metrics.fetch import one
from journeymap.core.analytics.metrics.histograms import (
    DURATION_BUCKETS,
    EVENT_BUCKETS,
    histogram_from_row,
    histogram_metrics,
)

CON = connect(backend="duckdb")
EDGES = [edge for _label, edge in DURATION_BUCKETS if edge != float("inf")]


def reference(values, buckets) -> list[dict[str, object]]:
    """First bucket whose edge the value is below; a missing value falls in the last one."""
    counts = dict.fromkeys((label for label, _edge in buckets), 0)
    for value in values:
        label = next((label for label, edge in buckets if value is not None and value < edge),
                     buckets[-1][0])
        counts[label] += 1
    return [{"bucket": label, "cases": n} for label, n in counts.items()]


def engine_histogram(values, buckets) -> list[dict[str, object]]:
    values_table = ibis.memtable({"value": values}, schema={"value": "float64"})
    with materialised(con=CON, expression=values_table) as table:
        row = one(table.aggregate(**histogram_metrics(table, "value", buckets)))
    return histogram_from_row(row, buckets)


values_near_edges = st.one_of(
    st.sampled_from(EDGES),  # exactly on an edge: the bucket above
    st.floats(min_value=0, max_value=200 * 86400.0),
    st.none(),
)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(values_near_edges, max_size=30))
def test_durations_fall_in_the_same_buckets_as_the_rule_says(values):
    assert engine_histogram(values, DURATION_BUCKETS) == reference(values, DURATION_BUCKETS)


def test_every_bucket_is_listed_with_zero_when_nothing_is_in_it():
    assert engine_histogram([], EVENT_BUCKETS) == [
        {"bucket": label, "cases": 0} for label, _edge in EVENT_BUCKETS]
    assert engine_histogram([1.0, 2.0, 25.0], EVENT_BUCKETS)[:3] == [
        {"bucket": "1", "cases": 1}, {"bucket": "2", "cases": 1}, {"bucket": "3", "cases": 0}]
    assert engine_histogram([1.0, 2.0, 25.0], EVENT_BUCKETS)[-1] == {
        "bucket": "more than 20", "cases": 1}
