import json

import pytest
from hypothesis import HealthCheck, given, settings
from tests.core.maps.maps_strategies import documents

from journeymap.core.maps import jsonio
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.errors import MapFileError
from journeymap.core.maps.schema import MapDocument


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_any_map_round_trips_through_json(doc: MapDocument) -> None:
    assert jsonio.loads(jsonio.dumps(doc)) == doc
    assert jsonio.loads(jsonio.dumps(doc).encode("utf-8")) == doc


def _raw() -> dict:
    return json.loads(jsonio.dumps(load_demo_documents()[0]))


def test_error_names_the_field_path_and_the_step() -> None:
    raw = _raw()
    raw["map"]["steps"][3]["emotion"] = 7
    with pytest.raises(MapFileError) as caught:
        jsonio.loads(json.dumps(raw))
    (problem,) = caught.value.problems
    assert problem.field == "map.steps[3].emotion"
    assert raw["map"]["steps"][3]["name"] in problem.message
    assert "map.steps[3].emotion" in str(caught.value)


def test_every_problem_is_listed_not_just_the_first() -> None:
    raw = _raw()
    raw["map"]["steps"][0]["touchpoints"][0]["channel"] = "pigeon"
    raw["map"]["steps"][1]["name"] = "   "
    raw["journey"]["extra"] = 1
    with pytest.raises(MapFileError) as caught:
        jsonio.loads(json.dumps(raw))
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"map.steps[0].touchpoints[0].channel", "map.steps[1].name", "journey.extra"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not json", "not a JSON file"),
        ("[1, 2]", "JSON object"),
        ('{"schema": "other"}', "expected 'journeymap.map'"),
        ('{"schema": "journeymap.map", "schema_version": 99}', "reads schema versions 1, 2"),
        (b"\xff\xfe\x00", "not a JSON file"),
    ],
)
def test_not_a_map_file(text: str | bytes, expected: str) -> None:
    with pytest.raises(MapFileError, match=expected):
        jsonio.loads(text)


def test_non_ascii_is_written_readably() -> None:
    doc = load_demo_documents()[0]
    assert "“am I in the scheme?”" in jsonio.dumps(doc)
