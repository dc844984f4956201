"""Every metric on a small log worked out by hand (numbers in the comments)."""

from __future__ import annotations

import pytest

from journeymap.core.analytics import analyse, import_log

# case A: Report 0s (phone), Chase 60s (phone), Inspect 60s (tie: file order), Complete 180s
# case B: Report 10s (web), Complete 100s
# case C: rows out of time order in the file; Report 5s phone, Report 5s email, Complete 50s
ROWS = [
    ["case", "when", "what", "channel", "service"],
    ["A", "2024-03-01T10:00:00Z", "Report", "phone", "Repairs"],
    ["A", "2024-03-01T10:01:00Z", "Chase", "phone", "Contact Centre"],
    ["A", "2024-03-01T10:01:00Z", "Inspect", "", "Repairs"],
    ["B", "2024-03-01T10:00:10Z", "Report", "web", "Repairs"],
    ["C", "2024-03-01T10:00:50Z", "Complete", "", "Repairs"],
    ["A", "2024-03-01T10:03:00Z", "Complete", "", "Repairs"],
    ["C", "2024-03-01T10:00:05Z", "Report", "phone", "Repairs"],
    ["C", "2024-03-01T10:00:05Z", "Report", "email", "Repairs"],
    ["B", "2024-03-01T10:01:40Z", "Complete", "", "Repairs"],
]


@pytest.fixture
def result(write_csv, key, tmp_path):
    stored = import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "store")
    return analyse(log=stored)


def test_counts(result):
    assert (result.events, result.cases, result.activity_count) == (9, 3, 4)
    assert result.first_event == "2024-03-01T10:00:00+00:00"
    assert result.last_event == "2024-03-01T10:03:00+00:00"


def test_variants_most_frequent_first_then_by_sequence(result):
    assert result.to_dict()["variants"] == [
        {"activities": ["Report", "Chase", "Inspect", "Complete"], "cases": 1},
        {"activities": ["Report", "Complete"], "cases": 1},
        {"activities": ["Report", "Report", "Complete"], "cases": 1},
    ]
    assert result.variant_count == 3


def test_directly_follows_graph_counts_and_medians(result):
    dfg = {(row.from_, row.to): (row.count, row.median_seconds) for row in result.dfg}
    assert dfg == {
        ("Report", "Complete"): (2, 67.5),  # B 90 s, C 45 s
        ("Report", "Chase"): (1, 60.0),
        ("Chase", "Inspect"): (1, 0.0),  # the tie, kept in file order
        ("Inspect", "Complete"): (1, 120.0),
        ("Report", "Report"): (1, 0.0),
    }
    assert result.dfg[0].from_ == "Report" and result.dfg[0].to == "Complete"


def test_start_and_end_activities(result):
    assert result.start_activities == {"Report": 3}
    assert result.end_activities == {"Complete": 3}


def test_case_durations_and_contacts(result):
    # durations 180, 90, 45; p90 interpolates 90 + 0.8 * 90
    assert result.case_duration_seconds.model_dump() == {
        "min": 45.0, "median": 90.0, "mean": 105.0, "p90": pytest.approx(162.0), "max": 180.0,
    }
    assert result.events_per_case.model_dump() == {
        "min": 2.0, "median": 3.0, "mean": 3.0, "p90": pytest.approx(3.8), "max": 4.0,
    }
    # the channel column defines contacts: A 2 (Report, Chase), B 1, C 2; back-office steps
    # (Inspect, Complete) have no channel
    assert result.contact_definition.model_dump() == {
        "kind": "channel", "description": "events with a value in the channel column",
    }
    assert result.contacts_needed is None
    assert result.contacts.model_dump() == {
        "events": 5,
        "cases_with_contacts": 3,
        "per_case": {"min": 1.0, "median": 2.0, "mean": pytest.approx(5 / 3), "p90": 2.0,
                     "max": 2.0},
    }
    by_bucket = {row.bucket: row.cases for row in result.histograms.contacts_per_case}
    assert (by_bucket["0"], by_bucket["1"], by_bucket["2"]) == (0, 1, 2)
    by_bucket = {row.bucket: row.cases for row in result.histograms.events_per_case}
    assert (by_bucket["2"], by_bucket["3"], by_bucket["4"]) == (1, 1, 1)


def test_channel_mix_and_switches(result):
    channels = result.to_dict()["channels"]
    assert channels["mix"] == [
        {"value": "phone", "events": 3, "cases": 2},
        {"value": "email", "events": 1, "cases": 1},
        {"value": "web", "events": 1, "cases": 1},
    ]
    assert channels["changes"] == 1  # C: phone -> email
    assert channels["cases_changing"] == 1
    assert channels["cases_crossing"] == 1


def test_services_crossed_and_handoffs(result):
    services = result.to_dict()["services"]
    assert services["changes"] == 2  # A: Repairs -> Contact Centre -> Repairs
    assert services["cases_crossing"] == 1
    assert services["distinct_per_case"]["max"] == 2.0
    assert result.organisations is None
    # A: Repairs -> Contact Centre (Report 0 s to Chase 60 s), back (Chase to Inspect, a tie)
    assert result.to_dict()["handoffs"] == {
        "service": {
            "handoffs": 2,
            "cases_with_handoffs": 1,
            "pairs": [
                {"from": "Contact Centre", "to": "Repairs", "handoffs": 1, "cases": 1,
                 "median_seconds": 0.0},
                {"from": "Repairs", "to": "Contact Centre", "handoffs": 1, "cases": 1,
                 "median_seconds": 60.0},
            ],
            "rework": [],
        },
        "organisation": None,
    }


def test_repeated_activities(result):
    assert result.repeats.model_dump() == {
        "cases_with_repeats": 1,
        "repeated_events": 1,
        "activities": [{"activity": "Report", "cases": 1, "repeated_events": 1}],
    }


def test_avoidable_contact_by_rules(result):
    avoidable = result.to_dict()["avoidable"]
    assert avoidable["method"] == "rules"
    assert avoidable["contacts"] == 5  # events with a channel
    assert avoidable["avoidable_contacts"] == 2
    by_rule = {row["rule"]: row["contacts"] for row in avoidable["rules"]}
    # A's Chase is named as such; C's second Report follows a contact with no progress between
    assert by_rule == {"activity_pattern:progress_chasing": 1, "no_progress_since_last_contact": 1}
    categories = {row["category"]: row["contacts"] for row in avoidable["categories"]}
    assert categories["progress_chasing"] == 2
    assert avoidable["avoidable_share"] == pytest.approx(2 / 5)
    assert avoidable["ni14"]["resolved_requests"] == 3  # every case ends in "Complete"
    assert avoidable["ni14"]["contacts_per_resolved_request"] == pytest.approx(5 / 3)


def test_json_has_the_documented_keys(result):
    data = result.to_dict()
    for key in (
        "events", "cases", "variants", "dfg", "start_activities", "end_activities",
        "case_duration_seconds", "events_per_case", "contact_definition", "contacts_needed",
        "contacts", "channels", "handoffs", "avoidable",
    ):
        assert key in data
    assert "contacts_per_case" not in data
    assert data["schema_version"] == 2
    assert set(data["dfg"][0]) == {"from", "to", "count", "median_seconds"}
    assert set(data["variants"][0]) == {"activities", "cases"}
    assert '"schema": "journeymap.analysis"' in result.to_json()
