"""Schema version 2: stages, persona, lanes; version 1 files read with nothing lost."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError
from tests.core.maps.maps_strategies import documents, documents_v2

from journeymap.core.maps import jsonio
from journeymap.core.maps.demo import DEMO_FILES
from journeymap.core.maps.errors import MapFileError
from journeymap.core.maps.schema import (
    SCHEMA_PATH,
    JourneyMap,
    MapDocument,
    json_schema,
    json_schema_text,
)

V1_FILES = sorted((Path(__file__).parent / "v1").glob("*.json"))


def _contains(newer: object, older: object, path: str = "") -> None:
    """Every value of `older` is in `newer` at the same place, unchanged."""
    if isinstance(older, dict):
        assert isinstance(newer, dict), path
        for key, value in older.items():
            if key != "schema_version":
                assert key in newer, f"{path}.{key} lost"
                _contains(newer[key], value, f"{path}.{key}")
    elif isinstance(older, list):
        assert isinstance(newer, list) and len(newer) == len(older), path
        for index, (new, old) in enumerate(zip(newer, older, strict=True)):
            _contains(new, old, f"{path}[{index}]")
    else:
        assert newer == older, path


def test_the_v1_files_are_the_demo_maps_as_they_were() -> None:
    assert [path.name for path in V1_FILES] == sorted(DEMO_FILES)


@pytest.mark.parametrize("path", V1_FILES, ids=lambda path: path.name)
def test_every_v1_map_reads_as_v2_and_writes_back_equal(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == 1
    doc = jsonio.loads(path.read_bytes())
    written = json.loads(jsonio.dumps(doc))
    assert written["schema_version"] == 2
    _contains(written, raw)
    assert jsonio.loads(jsonio.dumps(doc)) == doc
    assert doc.map.stages == [] and doc.map.persona is None and doc.map.lanes == []


def _as_v1(doc: MapDocument) -> str:
    data = json.loads(jsonio.dumps(doc))
    data["schema_version"] = 1
    for name in ("persona", "stages", "lanes", "hidden_lanes"):
        del data["map"][name]
    for step in data["map"]["steps"]:
        for name in ("stage", "frontstage", "backstage", "support", "lanes"):
            del step[name]
    return json.dumps(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_any_v1_file_reads_as_the_same_map(doc: MapDocument) -> None:
    assert jsonio.loads(_as_v1(doc)) == doc


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents_v2())
def test_any_v2_map_round_trips_through_json(doc: MapDocument) -> None:
    assert jsonio.loads(jsonio.dumps(doc)) == doc


def test_the_published_json_schema_is_the_generated_one() -> None:
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate it: SCHEMA_PATH.write_text(json_schema_text())")
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()
    assert SCHEMA_PATH.name == "map-v2.schema.json"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents_v2())
def test_the_json_schema_accepts_every_valid_map(doc: MapDocument) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(jsonio.dumps(doc)), json_schema())


def _map(**fields: object) -> dict:
    steps = [{"id": f"s{i}", "name": f"Step {i}"} for i in range(4)]
    return {"title": "T", "kind": "as_is", "steps": steps, **fields}


def _problem(journey_map: dict) -> str:
    with pytest.raises(ValidationError) as caught:
        JourneyMap.model_validate(journey_map)
    return str(caught.value)


def test_stages_must_cover_consecutive_steps() -> None:
    stages = [{"id": "aware", "name": "Aware"}, {"id": "apply", "name": "Apply"}]
    good = _map(stages=stages)
    for step, stage in zip(good["steps"], ["aware", "aware", "apply", "apply"], strict=True):
        step["stage"] = stage
    assert [s.stage for s in JourneyMap.model_validate(good).steps] == [
        "aware", "aware", "apply", "apply"]
    broken = json.loads(json.dumps(good))
    broken["steps"][2]["stage"] = "aware"
    broken["steps"][1]["stage"] = "apply"
    message = _problem(broken)
    assert "steps[2] ('Step 2')" in message and "consecutive" in message
    backwards = json.loads(json.dumps(good))
    backwards["stages"].reverse()
    assert "order they are listed" in _problem(backwards)
    unknown = json.loads(json.dumps(good))
    unknown["steps"][0]["stage"] = "wait"
    assert "'wait', which is not one of the map's stages" in _problem(unknown)
    repeated = _map(stages=[*stages, {"id": "aware", "name": "Again"}])
    assert "stages[2] ('Again') repeats the id 'aware'" in _problem(repeated)


def test_custom_lane_values_must_match_their_kind() -> None:
    lanes = [{"id": "cost", "name": "Cost per step", "kind": "number", "unit": "£"},
             {"id": "ideas", "name": "Opportunities"}]
    good = _map(lanes=lanes)
    good["steps"][0]["lanes"] = {"cost": 12.5, "ideas": "Pre-fill the form"}
    assert JourneyMap.model_validate(good).steps[0].lanes == {
        "cost": 12.5, "ideas": "Pre-fill the form"}
    text_in_number = json.loads(json.dumps(good))
    text_in_number["steps"][1]["lanes"] = {"cost": "twelve"}
    assert "steps[1].lanes.cost ('Step 1'): the lane holds numbers, got 'twelve'" in _problem(
        text_in_number)
    number_in_text = json.loads(json.dumps(good))
    number_in_text["steps"][1]["lanes"] = {"ideas": 3}
    assert "the lane holds text, got 3" in _problem(number_in_text)
    missing = json.loads(json.dumps(good))
    missing["steps"][3]["lanes"] = {"nope": "x"}
    assert "steps[3].lanes.nope ('Step 3'): no custom lane has the id 'nope'" in _problem(missing)
    assert "key of a built-in lane" in _problem(_map(lanes=[{"id": "pain", "name": "P"}]))
    assert "repeats the id 'cost'" in _problem(_map(lanes=[lanes[0], lanes[0]]))
    assert "'sideways' is not a lane" in _problem(_map(hidden_lanes=["sideways"]))


def test_blueprint_lanes_show_by_default_only_where_filled() -> None:
    journey_map = JourneyMap.model_validate(_map(lanes=[{"id": "cost", "name": "Cost"}],
                                                 hidden_lanes=["provenance"]))
    assert "frontstage" not in journey_map.default_lanes()
    assert "provenance" not in journey_map.default_lanes()
    assert journey_map.default_lanes()[-1] == "cost"
    journey_map.steps[1].backstage = "Checks the claim against the DWP record"
    assert "backstage" in journey_map.default_lanes()


def test_a_file_error_names_the_field() -> None:
    raw = json.loads(jsonio.dumps(jsonio.loads(V1_FILES[0].read_bytes())))
    raw["map"]["persona"] = {"name": "  ", "needs": ["one\ntwo"]}
    with pytest.raises(MapFileError) as caught:
        jsonio.loads(json.dumps(raw))
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"map.persona.name", "map.persona.needs[0]"}
