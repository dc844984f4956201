"""Hand-offs between services and organisations, on a log worked out by hand, on each backend."""

from __future__ import annotations

import datetime as dt
import statistics
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.core.analytics import Suppressed, analyse, import_log, suppress

_BASE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


def _at(seconds: int) -> str:
    return (_BASE + dt.timedelta(seconds=seconds)).isoformat()


# (case, seconds, activity, service, organisation); "" is no value. In file order, which
# breaks ties of time.
EVENTS = [
    # case 1: Benefits (Apply 0, Scan 10), [Note 20 has no service], Housing (Scan 50, Assess 60),
    # Benefits (Apply 100). Organisation: Council up to 50, then Trust from 60.
    ("1", 0, "Apply", "Benefits", "Council"),
    ("1", 10, "Scan", "Benefits", "Council"),
    ("1", 20, "Note", "", "Council"),
    ("1", 50, "Scan", "Housing", "Council"),
    ("1", 60, "Assess", "Housing", "Trust"),
    ("1", 100, "Apply", "Benefits", "Trust"),
    # case 2: Benefits (Apply 0, Scan 30), Housing (Scan 30 - a tie, after in the file - and
    # Scan 90), Benefits (Apply 200, no organisation). Organisation: Council throughout.
    ("2", 0, "Apply", "Benefits", "Council"),
    ("2", 30, "Scan", "Benefits", "Council"),
    ("2", 30, "Scan", "Housing", "Council"),
    ("2", 90, "Scan", "Housing", "Council"),
    ("2", 200, "Apply", "Benefits", ""),
    # case 3: one service, no hand-off
    ("3", 0, "Apply", "Benefits", "Council"),
    ("3", 5, "Decide", "Benefits", "Council"),
    # case 4: no service at all
    ("4", 0, "Call", "", "Council"),
    # case 5: Scan in Benefits 0, Housing 10, Benefits 20, Housing 30: three hand-offs
    ("5", 0, "Scan", "Benefits", "Council"),
    ("5", 10, "Scan", "Housing", "Council"),
    ("5", 20, "Scan", "Benefits", "Council"),
    ("5", 30, "Scan", "Housing", "Council"),
]

# Service hand-offs, worked out by hand:
#   Benefits -> Housing: case 1 (Scan 10 -> Scan 50: 40 s), case 2 (30 -> 30: 0 s),
#     case 5 twice (0 -> 10 and 20 -> 30: 10 s each): 4 hand-offs, 3 cases, median of
#     0, 10, 10, 40 = 10 s.
#   Housing -> Benefits: case 1 (Assess 60 -> Apply 100: 40 s), case 2 (Scan 90 -> Apply 200:
#     110 s), case 5 (10 -> 20: 10 s): 3 hand-offs, 3 cases, median 40 s.
#   7 in all, in cases 1, 2 and 5 (case 1's Note without a service is skipped, not a stay).
# Re-work: Scan done in the Benefits stay and again in the Housing stay after it: case 1,
#   case 2 (scanned twice in Housing, still one hand-off), case 5 twice: 4 hand-offs, 3 cases.
#   Case 5's Housing -> Benefits also re-scans: 1 hand-off, 1 case. Case 1 and 2's return to
#   Benefits does Apply, which the Housing stay before it did not: no re-work.
SERVICE = {
    "handoffs": 7,
    "cases_with_handoffs": 3,
    "pairs": [
        {"from": "Benefits", "to": "Housing", "handoffs": 4, "cases": 3, "median_seconds": 10.0},
        {"from": "Housing", "to": "Benefits", "handoffs": 3, "cases": 3, "median_seconds": 40.0},
    ],
    "rework": [
        {"from": "Benefits", "to": "Housing", "activity": "Scan", "cases": 3, "handoffs": 4},
        {"from": "Housing", "to": "Benefits", "activity": "Scan", "cases": 1, "handoffs": 1},
    ],
}
# Organisation: only case 1 changes, Council (Scan 50) -> Trust (Assess 60): 10 s; the Trust
# stay does Apply (100), which the Council stay did at 0: re-work. Case 2's last event has no
# organisation and is skipped.
ORGANISATION = {
    "handoffs": 1,
    "cases_with_handoffs": 1,
    "pairs": [
        {"from": "Council", "to": "Trust", "handoffs": 1, "cases": 1, "median_seconds": 10.0},
    ],
    "rework": [
        {"from": "Council", "to": "Trust", "activity": "Apply", "cases": 1, "handoffs": 1},
    ],
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handoffs")
    source = folder / "handoffs.csv"
    lines = ["case,time,activity,service,organisation"]
    lines += [",".join((case, _at(t), a, s, o)) for case, t, a, s, o in EVENTS]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_log(source=source, key=None, out_dir=folder / "store")


def test_handoffs_counted_as_worked_out_by_hand(stored, engine):
    handoffs = analyse(log=stored, backend=engine).to_dict()["handoffs"]
    assert handoffs["service"] == SERVICE
    assert handoffs["organisation"] == ORGANISATION


def test_suppressed_handoffs_keep_only_pairs_of_enough_cases(stored):
    result = suppress(analyse(log=stored), threshold=3)
    service, organisation = result.handoffs.service, result.handoffs.organisation
    # both service pairs were taken by 3 cases; the 1-case re-work and organisation rows pool
    assert [(p.from_, p.to, p.handoffs, p.median_seconds) for p in service.pairs] == [
        ("Benefits", "Housing", 4, 10.0), ("Housing", "Benefits", 3, 40.0),
    ]
    assert [(r.activity, r.cases) for r in service.rework] == [("Scan", 3)]
    assert (organisation.pairs, organisation.rework) == ([], [])
    assert isinstance(organisation.handoffs, Suppressed)
    pooled = result.suppression.pooled
    assert (pooled.service_rework.rows, pooled.organisation_pairs.rows) == (1, 1)
    assert isinstance(pooled.organisation_pairs.handoffs, Suppressed)


def test_no_handoff_table_without_the_column(write_csv, tmp_path):
    path = write_csv([["case", "time", "activity"], ["1", _at(0), "Call"]])
    result = analyse(log=import_log(source=path, key=None, out_dir=tmp_path / "store"))
    assert (result.handoffs.service, result.handoffs.organisation) == (None, None)


def _reference(events):
    """Hand-offs and re-work by the definition, naively: sort, skip blanks, walk the stays."""
    by_case = {}
    for index, (case, time, activity, service) in enumerate(events):
        by_case.setdefault(case, []).append((time, index, activity, service))
    pairs, rework = {}, {}
    for case, items in by_case.items():
        stays = []  # [service, first time, last time, activities]
        for time, _index, activity, service in sorted(items):
            if not service:
                continue
            if stays and stays[-1][0] == service:
                stays[-1][2] = time
                stays[-1][3].add(activity)
            else:
                stays.append([service, time, time, {activity}])
        for before, after in pairwise(stays):
            pairs.setdefault((before[0], after[0]), []).append((case, after[1] - before[2]))
            for activity in before[3] & after[3]:
                rework.setdefault((before[0], after[0], activity), []).append(case)
    return (
        {pair: (len(found), len({c for c, _ in found}), statistics.median(g for _, g in found))
         for pair, found in pairs.items()},
        {key: (len(cases), len(set(cases))) for key, cases in rework.items()},
    )


def _events(services):
    return st.lists(
        st.tuples(
            st.sampled_from(["c1", "c2", "c3"]),
            st.integers(min_value=0, max_value=5).map(lambda n: n * 60),  # ties on purpose
            st.sampled_from(["Scan", "Assess", "Call"]),
            st.sampled_from(services),
        ),
        min_size=1, max_size=30,
    )


def _check_against_the_reference(events, folder):
    lines = ["case,time,activity,service"]
    lines += [",".join((c, _at(t), a, s)) for c, t, a, s in events]
    (folder / "log.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored = import_log(source=folder / "log.csv", key=None, out_dir=folder / "store")
    table = analyse(log=stored).handoffs.service
    pairs, rework = _reference(events)
    assert {(p.from_, p.to): (p.handoffs, p.cases, p.median_seconds)
            for p in table.pairs} == pairs
    assert {(r.from_, r.to, r.activity): (r.handoffs, r.cases)
            for r in table.rework} == rework
    assert table.handoffs == sum(n for n, _cases, _median in pairs.values())


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=_events(["", "Benefits", "Housing", "Council Tax"]))
def test_handoffs_match_a_naive_reference(events, tmp_path_factory):
    _check_against_the_reference(events, tmp_path_factory.mktemp("handoff-property"))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=_events(["Benefits", "Housing", "Council Tax"]))
def test_handoffs_match_a_naive_reference_when_every_event_has_a_service(
    events, tmp_path_factory
):
    """Every event valued: the engine takes the previous service from its one window pass
    instead of a window of its own, a path of its own to check."""
    _check_against_the_reference(events, tmp_path_factory.mktemp("handoff-complete"))
