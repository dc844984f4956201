"""`analyse(..., where=CaseFilter(...))`: whole cases kept by start period, service, channel.

The oracle is the engine itself on a log that holds only the kept cases: filtering a stored log
must give exactly the figures of importing only those cases.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.core.analytics import (
    CaseFilter,
    ConfigurationError,
    analyse,
    check_segments,
    import_log,
    segment_cases,
)

HEADER = ["case", "time", "activity", "channel", "service"]
UTC = dt.UTC


def make_rows(seed: int, cases: int = 30) -> list[list[str]]:
    chooser = random.Random(seed)
    rows = []
    for case in range(cases):
        start = dt.datetime(2024, 1, 1, tzinfo=UTC) + dt.timedelta(days=chooser.randrange(60))
        for step in range(chooser.randint(1, 4)):
            channel = chooser.choice(["phone", "web", ""])
            service = chooser.choice(["Council Tax", "Benefits", "Housing"])
            moment = start + dt.timedelta(hours=step * 5)
            rows.append([f"c{case}", moment.isoformat(), chooser.choice(["Call", "Form", "Visit"]),
                         channel, service])
    return rows


def kept_cases(rows, where: CaseFilter) -> set[str]:
    """The plain-Python reading of the rule in `filters`."""
    by_case: dict[str, list[list[str]]] = {}
    for row in rows:
        by_case.setdefault(row[0], []).append(row)
    kept = set()
    for case, events in by_case.items():
        first = min(dt.datetime.fromisoformat(event[1]) for event in events)
        if where.started_from and first < where.started_from:
            continue
        if where.started_before and first >= where.started_before:
            continue
        if where.services and not any(event[4] in where.services for event in events):
            continue
        if where.channels and not any(event[3] in where.channels for event in events):
            continue
        kept.add(case)
    return kept


def figures(result) -> dict:
    data = result.to_dict()
    return {name: data[name] for name in ("events", "cases", "variants", "dfg", "activities",
                                           "case_duration_seconds", "channels", "services",
                                           "contacts", "handoffs")}


def compare(write_csv, tmp_path, rows, where: CaseFilter, engine="duckdb") -> None:
    whole = import_log(source=write_csv([HEADER, *rows], name="all.csv"), key=None,
                       out_dir=tmp_path / "all")
    kept = kept_cases(rows, where)
    only = [row for row in rows if row[0] in kept]
    assert only, "the example must keep some cases"
    part = import_log(source=write_csv([HEADER, *only], name="part.csv"), key=None,
                      out_dir=tmp_path / "part")
    filtered = analyse(log=whole, backend=engine, where=where)
    assert filtered.cases == len(kept)
    assert figures(filtered) == figures(analyse(log=part, backend=engine))


FEBRUARY = CaseFilter(started_from=dt.datetime(2024, 2, 1, tzinfo=UTC),
                      started_before=dt.datetime(2024, 3, 1, tzinfo=UTC))


@pytest.mark.parametrize("where", [
    FEBRUARY,
    CaseFilter(services=("Benefits",)),
    CaseFilter(channels=("web",)),
    CaseFilter(started_before=dt.datetime(2024, 1, 20, tzinfo=UTC), services=("Housing",),
               channels=("phone", "web")),
], ids=["period", "service", "channel", "all three"])
def test_a_filtered_analysis_equals_the_analysis_of_only_the_kept_cases(write_csv, tmp_path,
                                                                        where):
    compare(write_csv, tmp_path, make_rows(seed=11), where)


@pytest.mark.parametrize("where", [
    FEBRUARY,
    CaseFilter(started_from=dt.datetime(2024, 1, 10, tzinfo=UTC),
               started_before=dt.datetime(2024, 2, 20, tzinfo=UTC), services=("Housing",),
               channels=("phone",)),
], ids=["period", "period, service and channel"])
def test_the_same_on_pyspark(write_csv, tmp_path, engine, where):
    compare(write_csv, tmp_path, make_rows(seed=5), where, engine=engine)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), day=st.integers(0, 40), span=st.integers(5, 30))
def test_any_period_matches_the_reference(tmp_path_factory, seed, day, span):
    folder = tmp_path_factory.mktemp("filter")

    def write_csv(rows, name):
        path = folder / name
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
        return path

    start = dt.datetime(2024, 1, 1, tzinfo=UTC) + dt.timedelta(days=day)
    where = CaseFilter(started_from=start, started_before=start + dt.timedelta(days=span))
    rows = make_rows(seed=seed, cases=12)
    if not kept_cases(rows, where):
        return
    compare(write_csv, folder, rows, where)


def test_a_case_is_kept_whole_even_when_it_runs_past_the_period(write_csv, tmp_path):
    rows = [HEADER, ["a", "2024-01-31T23:00:00+00:00", "Call", "phone", "Benefits"],
            ["a", "2024-02-02T09:00:00+00:00", "Form", "", "Benefits"],
            ["b", "2024-02-01T09:00:00+00:00", "Call", "phone", "Benefits"]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    january = analyse(log=stored, where=CaseFilter(
        started_before=dt.datetime(2024, 2, 1, tzinfo=UTC)))
    assert (january.cases, january.events) == (1, 2)


def test_the_period_is_read_from_a_case_s_first_event_and_a_service_from_any_event(
        write_csv, tmp_path, engine):
    # a: started in January, its later events in February do not bring it into February.
    # b: started in February, touched Housing only in March: kept for February and Housing.
    rows = [HEADER, ["a", "2024-01-31T23:00:00+00:00", "Call", "phone", "Benefits"],
            ["a", "2024-02-02T09:00:00+00:00", "Form", "", "Housing"],
            ["b", "2024-02-10T09:00:00+00:00", "Call", "phone", "Benefits"],
            ["b", "2024-03-05T09:00:00+00:00", "Visit", "web", "Housing"]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    housing_in_february = CaseFilter(started_from=FEBRUARY.started_from,
                                     started_before=FEBRUARY.started_before,
                                     services=("Housing",), channels=("web",))
    for where in (FEBRUARY, housing_in_february):
        result = analyse(log=stored, backend=engine, where=where)
        assert (result.cases, result.events) == (1, 2)
        assert [variant["activities"] for variant in result.to_dict()["variants"]] == [
            ["Call", "Visit"]]


def test_a_filter_that_keeps_nothing_gives_an_empty_analysis(write_csv, tmp_path):
    stored = import_log(source=write_csv([HEADER, *make_rows(seed=1)]), key=None,
                        out_dir=tmp_path / "s")
    result = analyse(log=stored, where=CaseFilter(services=("No such service",)))
    assert (result.cases, result.events, result.variants) == (0, 0, [])


@pytest.mark.parametrize(("arguments", "message"), [
    ({"started_from": dt.datetime(2024, 1, 1)}, "needs a time zone"),
    ({"started_from": dt.datetime(2024, 2, 1, tzinfo=UTC),
      "started_before": dt.datetime(2024, 1, 1, tzinfo=UTC)}, "the period is empty"),
    ({"services": (" ",)}, "a blank name among the services"),
])
def test_an_impossible_filter_is_refused(arguments, message):
    with pytest.raises(ConfigurationError, match=message):
        CaseFilter(**arguments)


def test_filtering_on_a_column_the_log_lacks_is_refused(write_csv, tmp_path):
    rows = [["case", "time", "activity"], ["a", "2024-01-01T09:00:00+00:00", "Call"]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    with pytest.raises(ConfigurationError, match="no channel column"):
        analyse(log=stored, where=CaseFilter(channels=("phone",)))


def test_a_part_without_a_named_contact_activity_has_no_contacts_rather_than_an_error(
        write_csv, tmp_path):
    from journeymap.core.analytics import ContactDefinition

    rows = [HEADER, ["a", "2024-01-01T09:00:00+00:00", "Call", "phone", "Benefits"],
            ["b", "2024-02-01T09:00:00+00:00", "Form", "", "Benefits"]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    february = analyse(log=stored, contacts=ContactDefinition.by_activities(["Call"]),
                       where=CaseFilter(started_from=dt.datetime(2024, 2, 1, tzinfo=UTC)))
    assert (february.cases, february.contacts.events) == (1, 0)


# Segments by hand: a case is kept when any of its events names the segment.
# a: "Over 65" on its first event only   -> kept for "Over 65"
# b: "Working age" then "Over 65"         -> kept for both
# c: "Working age" only                   -> kept for "Working age"
# d: no segment (blank)                   -> in no segment
SEGMENT_ROWS = [
    ["case", "time", "activity", "channel", "segment"],
    ["a", "2024-01-01T09:00:00+00:00", "Call", "phone", "Over 65"],
    ["a", "2024-01-02T09:00:00+00:00", "Form", "web", ""],
    ["b", "2024-01-03T09:00:00+00:00", "Call", "phone", "Working age"],
    ["b", "2024-01-04T09:00:00+00:00", "Visit", "", "Over 65"],
    ["b", "2024-01-05T09:00:00+00:00", "Form", "web", "Over 65"],
    ["c", "2024-02-01T09:00:00+00:00", "Form", "web", "Working age"],
    ["d", "2024-02-02T09:00:00+00:00", "Call", "phone", ""],
]


@pytest.fixture
def segmented(write_csv, tmp_path):
    return import_log(source=write_csv(SEGMENT_ROWS), key=None, out_dir=tmp_path / "seg")


def test_the_segment_column_is_guessed_and_stored_as_it_is(segmented):
    assert segmented.mapping.segment == "segment"
    assert segmented.has("segment")


def test_a_segment_filter_keeps_cases_with_any_event_in_the_segment(segmented, engine):
    over_65 = analyse(log=segmented, backend=engine, where=CaseFilter(segments=("Over 65",)))
    assert (over_65.cases, over_65.events) == (2, 5)  # a and b, whole
    working = analyse(log=segmented, backend=engine,
                      where=CaseFilter(segments=("Working age",)))
    assert (working.cases, working.events) == (2, 4)  # b and c
    both = analyse(log=segmented, backend=engine,
                   where=CaseFilter(segments=("Over 65", "Working age")))
    assert both.cases == 3


def test_a_segment_filter_combines_with_a_period(segmented, engine):
    january = CaseFilter(started_before=dt.datetime(2024, 2, 1, tzinfo=UTC),
                         segments=("Working age",))
    assert analyse(log=segmented, backend=engine, where=january).cases == 1  # b


def test_cases_per_segment_count_a_case_in_each_of_its_segments(segmented, engine):
    assert segment_cases(log=segmented, backend=engine) == {"Over 65": 2, "Working age": 2}


def test_a_log_without_a_segment_column_has_no_segments_and_cannot_be_filtered_by_one(
        write_csv, tmp_path):
    rows = [["case", "time", "activity"], ["a", "2024-01-01T09:00:00+00:00", "Call"]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    assert segment_cases(log=stored) == {}
    with pytest.raises(ConfigurationError, match="no segment column"):
        analyse(log=stored, where=CaseFilter(segments=("Over 65",)))


@pytest.mark.parametrize(("values", "cases", "refused"), [
    (3, 4, False),      # few values: a small log may have as many as cases
    (10, 10, False),
    (11, 22, False),    # one value for every two cases: still a grouping
    (11, 21, True),     # more than one for every two cases: an identifier
    (100, 10_000, False),
    (101, 10_000, True),
])
def test_a_segment_column_with_a_value_per_case_is_refused_as_an_identifier(values, cases,
                                                                            refused):
    counts = {f"v{index}": 1 for index in range(values)}
    if refused:
        with pytest.raises(ConfigurationError, match="looks like an identifier"):
            check_segments(counts, cases=cases, column="Customer")
    else:
        check_segments(counts, cases=cases, column="Customer")
