"""A whole analysis result written by hand, in the shape of the contract (schema version 2).

Every part is present (contacts, hand-offs, conformance) with small and large counts mixed, so
the models, the suppression and the report sections are tested on all of it without an engine.
"""

from __future__ import annotations

import copy
from typing import Any

from journeymap.core.analytics.result import CONTACTS_NEEDED, AnalysisResult


def summary(low: float, middle: float, high: float) -> dict[str, float]:
    return {"min": low, "median": middle, "mean": middle, "p90": high, "max": high}


def _handoff_table() -> dict[str, Any]:
    return {
        "handoffs": 31,
        "cases_with_handoffs": 22,
        "pairs": [
            {"from": "Benefits", "to": "Housing", "handoffs": 20, "cases": 15,
             "median_seconds": 86400.0},
            {"from": "Housing", "to": "Benefits", "handoffs": 8, "cases": 6,
             "median_seconds": 3600.0},
            {"from": "Housing", "to": "Council Tax", "handoffs": 2, "cases": 2,
             "median_seconds": 60.0},
            {"from": "Council Tax", "to": "Housing", "handoffs": 1, "cases": 1,
             "median_seconds": 30.0},
        ],
        "rework": [
            {"from": "Benefits", "to": "Housing", "activity": "Scan evidence", "cases": 9,
             "handoffs": 9},
            {"from": "Housing", "to": "Benefits", "activity": "Check identity", "cases": 2,
             "handoffs": 2},
        ],
    }


SAMPLE: dict[str, Any] = {
    "source": {"name": "contacts.csv", "format": "csv", "pseudonymised": True,
               "timezone": "UTC", "mapping": {"case": "case", "time": "time",
                                              "activity": "activity", "channel": "channel"}},
    "backend": "duckdb",
    "events": 250,
    "cases": 40,
    "activity_count": 5,
    "variant_count": 5,
    "first_event": "2024-01-01T09:00:00+00:00",
    "last_event": "2024-03-01T09:00:00+00:00",
    "activities": [
        {"activity": "Report", "events": 120, "cases": 40},
        {"activity": "Chase", "events": 80, "cases": 30},
        {"activity": "Inspect", "events": 40, "cases": 20},
        {"activity": "Complain", "events": 7, "cases": 3},
        {"activity": "Appeal", "events": 3, "cases": 1},
    ],
    "start_activities": {"Report": 37, "Chase": 2, "Appeal": 1},
    "end_activities": {"Inspect": 30, "Chase": 10},
    "variants": [
        {"activities": ["Report", "Chase", "Inspect"], "cases": 20},
        {"activities": ["Report", "Chase"], "cases": 14},
        {"activities": ["Report"], "cases": 3},
        {"activities": ["Chase", "Report"], "cases": 2},
        {"activities": ["Appeal", "Report"], "cases": 1},
    ],
    "dfg": [
        {"from": "Report", "to": "Chase", "count": 150, "median_seconds": 3600.0},
        {"from": "Chase", "to": "Inspect", "count": 50, "median_seconds": 7200.0},
        {"from": "Inspect", "to": "Report", "count": 7, "median_seconds": 60.0},
        {"from": "Appeal", "to": "Report", "count": 3, "median_seconds": 10.0},
    ],
    "case_duration_seconds": summary(60.0, 86400.0, 604800.0),
    "events_per_case": summary(1.0, 6.0, 12.0),
    "contact_definition": {"kind": "channel",
                           "description": "events with a value in the channel column"},
    "contacts_needed": None,
    "contacts": {"events": 200, "cases_with_contacts": 38, "per_case": summary(0.0, 5.0, 9.0)},
    "channels": {
        "mix": [
            {"value": "phone", "events": 150, "cases": 35},
            {"value": "web", "events": 47, "cases": 20},
            {"value": "letter", "events": 3, "cases": 2},
        ],
        "cases_with_value": 38, "changes": 40, "cases_changing": 20, "cases_crossing": 21,
        "distinct_per_case": summary(1.0, 2.0, 3.0),
        "changes_per_case": summary(0.0, 1.0, 4.0),
    },
    "services": None,
    "organisations": None,
    "handoffs": {"service": _handoff_table(), "organisation": None},
    "repeats": {
        "cases_with_repeats": 30, "repeated_events": 90,
        "activities": [
            {"activity": "Chase", "cases": 30, "repeated_events": 50},
            {"activity": "Report", "cases": 25, "repeated_events": 37},
            {"activity": "Complain", "cases": 2, "repeated_events": 3},
        ],
    },
    "histograms": {
        "case_duration_seconds": [
            {"bucket": "under 1 hour", "cases": 2}, {"bucket": "1 hour to 1 day", "cases": 18},
            {"bucket": "1 to 7 days", "cases": 20}, {"bucket": "13 weeks or more", "cases": 0},
        ],
        "events_per_case": [
            {"bucket": "1", "cases": 3}, {"bucket": "2", "cases": 37},
        ],
        "contacts_per_case": [
            {"bucket": "1", "cases": 12}, {"bucket": "2", "cases": 26}, {"bucket": "3", "cases": 2},
        ],
    },
    "avoidable": {
        "method": "rules", "contacts": 200, "avoidable_contacts": 63, "avoidable_share": 0.315,
        "categories": [
            {"category": "progress_chasing", "label": "Progress chasing", "contacts": 60,
             "share": 0.3},
            {"category": "repeat_contact", "label": "Repeat contact", "contacts": 3,
             "share": 0.015},
            {"category": "other", "label": "Other", "contacts": 0, "share": 0.0},
        ],
        "rules": [
            {"rule": "no_progress_since_last_contact", "category": "progress_chasing",
             "description": "a contact after a contact", "contacts": 60, "share": 0.3},
            {"rule": "same_activity_as_earlier_contact", "category": "repeat_contact",
             "description": "a contact repeating an activity", "contacts": 3, "share": 0.015},
        ],
        "ni14": {"resolved_requests": 30, "resolved_means": "cases whose last activity matches",
                 "contacts_per_resolved_request": 6.67},
    },
    "conformance": {
        "cases": 40, "cases_mapped": 38, "cases_without_mapped_events": 2, "cases_in_order": 30,
        "cases_following_map": 25, "cases_skipping_steps": 4, "cases_repeating_steps": 10,
        "steps": [
            {"id": "report", "name": "Report", "cases_reaching": 38, "contacts": 120,
             "repeat_contacts": 82, "cases_repeating": 10, "cases_skipping": 0,
             "median_seconds_to_next_step": 3600.0},
            {"id": "inspect", "name": "Inspect", "cases_reaching": 3, "contacts": 40,
             "repeat_contacts": 37, "cases_repeating": 2, "cases_skipping": 4,
             "median_seconds_to_next_step": 60.0},
        ],
        "unmapped_activities": [{"activity": "Appeal", "events": 3},
                                {"activity": "Complain", "events": 7}],
    },
}


def sample_data(**changes: Any) -> dict[str, Any]:
    """A deep copy of the sample, with top-level keys replaced."""
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def sample_result(**changes: Any) -> AnalysisResult:
    return AnalysisResult(**sample_data(**changes))


def sample_without_contacts() -> AnalysisResult:
    histograms = copy.deepcopy(SAMPLE["histograms"])
    histograms["contacts_per_case"] = None
    return sample_result(
        contact_definition=None, contacts_needed=CONTACTS_NEEDED, contacts=None, avoidable=None,
        histograms=histograms,
    )
