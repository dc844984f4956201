"""Property tests: the engine agrees with a naive reference on any log, and the invariants hold."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core.analytics.analytics_logs import (
    KEY,
    csv_rows,
    reference_dfg,
    reference_summary,
    reference_variants,
    traces,
)

from journeymap.core.analytics import analyse, import_log, pseudonym
from journeymap.core.analytics.pseudonymise import hmac_sql
from journeymap.core.analytics.timestamps import text_to_utc_sql

events_strategy = st.lists(
    st.tuples(
        st.sampled_from(["c1", "c2", "c3", "c4"]),
        st.sampled_from(["Call", "Visit", "Letter", "Email"]),
        st.integers(min_value=0, max_value=6) .map(lambda n: n * 30),  # small range: many ties
    ),
    min_size=1,
    max_size=40,
)

SLOW_EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SLOW_EXAMPLES
@given(events=events_strategy)
def test_engine_matches_reference(events, tmp_path_factory, write_csv):
    out = tmp_path_factory.mktemp("store")
    stored = import_log(source=write_csv(csv_rows(events)), key=KEY, out_dir=out)
    result = analyse(log=stored)
    cases = traces(events)

    # invariants from the issue
    assert sum(row.count for row in result.dfg) == result.events - result.cases
    assert sum(row.cases for row in result.variants) == result.cases

    dfg = {(r.from_, r.to): (r.count, r.median_seconds) for r in result.dfg}
    assert dfg == reference_dfg(events)
    assert {tuple(v.activities): v.cases for v in result.variants} == dict(
        reference_variants(events)
    )
    starts = {}
    ends = {}
    for trace in cases.values():
        starts[trace[0][0]] = starts.get(trace[0][0], 0) + 1
        ends[trace[-1][0]] = ends.get(trace[-1][0], 0) + 1
    assert result.start_activities == starts
    assert result.end_activities == ends
    durations = [trace[-1][1] - trace[0][1] for trace in cases.values()]
    assert result.case_duration_seconds.model_dump() == pytest.approx(reference_summary(durations))
    sizes = [len(trace) for trace in cases.values()]
    assert result.events_per_case.model_dump() == pytest.approx(reference_summary(sizes))
    # nothing in these logs says which events are contacts
    assert result.contacts is None and result.avoidable is None


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=20),
       key=st.binary(min_size=16, max_size=100))
def test_sql_hmac_matches_python_hmac(values, key):
    con = duckdb.connect()
    got = con.execute(
        f"SELECT {hmac_sql(expression='v', key=key)} FROM unnest(?) AS t(v) ", [values]  # noqa: S608
    ).fetchall()
    assert [row[0] for row in got] == [pseudonym(value=v, key=key) for v in values]


moments = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1)
).map(lambda moment: moment.replace(microsecond=0))
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: dt.timezone(dt.timedelta(minutes=15 * quarters))
)


def _parse(texts: list[str], *, timezone: str = "UTC", day_first: bool = True) -> list:
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{timezone}'")
    expression = text_to_utc_sql(column="v", timezone=timezone, day_first=day_first)
    rows = con.execute(
        f"SELECT epoch_us({expression}) FROM unnest(?) WITH ORDINALITY AS t(v, i) ORDER BY i",  # noqa: S608
        [texts],
    ).fetchall()
    return [row[0] for row in rows]


def _micros(moment: dt.datetime) -> int:
    return int(moment.timestamp()) * 1_000_000


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.tuples(moments, offsets), min_size=1, max_size=20))
def test_iso_with_offsets_become_utc(items):
    aware = [moment.replace(tzinfo=offset) for moment, offset in items]
    texts = [moment.isoformat() for moment in aware]
    assert _parse(texts) == [_micros(moment) for moment in aware]


@settings(max_examples=40, deadline=None)
@given(items=st.lists(moments, min_size=1, max_size=20))
def test_day_first_and_month_first_naive_times_in_utc(items):
    utc = [moment.replace(tzinfo=dt.UTC) for moment in items]
    day_first = [moment.strftime("%d/%m/%Y %H:%M:%S") for moment in items]
    month_first = [moment.strftime("%m/%d/%Y %H:%M") for moment in items]
    assert _parse(day_first) == [_micros(moment) for moment in utc]
    assert _parse(month_first, day_first=False) == [
        _micros(moment.replace(second=0)) for moment in utc
    ]


def test_naive_time_read_in_the_given_zone():
    assert _parse(["2024-01-15 12:00:00", "2024-07-15 12:00:00"], timezone="Europe/London") == [
        _micros(dt.datetime(2024, 1, 15, 12, tzinfo=dt.UTC)),
        _micros(dt.datetime(2024, 7, 15, 11, tzinfo=dt.UTC)),
    ]


def test_garbage_is_null():
    assert _parse(["soon", "31/31/2024", ""]) == [None, None, None]
