"""Conformance to a journey map, on a log worked out by hand."""

from __future__ import annotations

import json

import pytest

from journeymap.core.analytics import analyse, import_log
from journeymap.core.analytics.conformance import load_step_mapping, map_steps
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.maps.schema import JourneyMap

JOURNEY_MAP = JourneyMap(
    title="Apply",
    kind="as_is",
    steps=[
        {"id": "apply", "name": "Fill in the application"},
        {"id": "evidence", "name": "Send evidence"},
        {"id": "decision", "name": "Get a decision"},
    ],
)
MAPPING = {"Apply online": "apply", "Apply by phone": "apply", "Upload": "evidence",
           "Decide": "decision"}

# A: apply(0) upload(60) decide(160)          in order, follows the map
# B: apply(0) decide(100)                      skips evidence
# C: apply(0) upload(30) apply-by-phone(50) upload(80) decide(200)
#    goes back to apply (not in order), re-enters apply and evidence (repeats)
# D: only an unmapped "Ring council" event     not mapped
ROWS = [
    ["case", "time", "activity"],
    ["A", "2024-01-01T00:00:00Z", "Apply online"],
    ["A", "2024-01-01T00:01:00Z", "Upload"],
    ["A", "2024-01-01T00:02:40Z", "Decide"],
    ["B", "2024-01-01T00:00:00Z", "Apply online"],
    ["B", "2024-01-01T00:01:40Z", "Decide"],
    ["C", "2024-01-01T00:00:00Z", "Apply online"],
    ["C", "2024-01-01T00:00:30Z", "Upload"],
    ["C", "2024-01-01T00:00:50Z", "Apply by phone"],
    ["C", "2024-01-01T00:01:20Z", "Upload"],
    ["C", "2024-01-01T00:03:20Z", "Decide"],
    ["D", "2024-01-01T00:00:00Z", "Ring council"],
]


@pytest.fixture
def conformance(write_csv, key, tmp_path):
    stored = import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "store")
    result = analyse(log=stored, journey_map=JOURNEY_MAP, step_mapping=MAPPING)
    return result.to_dict()["conformance"]


def test_case_level_conformance(conformance):
    assert conformance["cases"] == 4
    assert conformance["cases_mapped"] == 3
    assert conformance["cases_without_mapped_events"] == 1
    assert conformance["cases_in_order"] == 2  # A, B
    assert conformance["cases_following_map"] == 1  # A
    assert conformance["cases_skipping_steps"] == 1  # B
    assert conformance["cases_repeating_steps"] == 1  # C


def test_per_step_figures(conformance):
    apply, evidence, decision = conformance["steps"]
    assert apply == {
        "id": "apply", "name": "Fill in the application", "cases_reaching": 3, "contacts": 4,
        "repeat_contacts": 1, "cases_repeating": 1, "cases_skipping": 0,
        "median_seconds_to_next_step": 45.0,  # A 60 s, C 30 s
    }
    assert evidence["cases_reaching"] == 2
    assert evidence["contacts"] == 3
    assert evidence["cases_skipping"] == 1  # B
    assert evidence["median_seconds_to_next_step"] == 135.0  # A 100 s, C 170 s (from first upload)
    assert decision["cases_reaching"] == 3
    assert decision["median_seconds_to_next_step"] is None
    assert conformance["unmapped_activities"] == [{"activity": "Ring council", "events": 1}]


def test_map_steps_come_from_the_map_schema_in_order():
    assert [step.id for step in map_steps(JOURNEY_MAP)] == ["apply", "evidence", "decision"]
    with pytest.raises(ConfigurationError, match="'Empty' has no steps"):
        map_steps(JourneyMap(title="Empty", kind="as_is"))


def test_unknown_step_in_mapping_is_refused(write_csv, key, tmp_path):
    stored = import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "s")
    with pytest.raises(ConfigurationError, match=r"\['nowhere'\]"):
        analyse(log=stored, journey_map=JOURNEY_MAP, step_mapping={"Upload": "nowhere"})


def test_step_mapping_files(tmp_path):
    as_json = tmp_path / "steps.json"
    as_json.write_text(json.dumps(MAPPING))
    as_csv = tmp_path / "steps.csv"
    as_csv.write_text("activity,step\n" + "\n".join(f"{a},{s}" for a, s in MAPPING.items()))
    assert load_step_mapping(as_json) == MAPPING == load_step_mapping(as_csv)
    broken = tmp_path / "broken.csv"
    broken.write_text("Upload\n")
    with pytest.raises(ConfigurationError, match="line 1"):
        load_step_mapping(broken)
