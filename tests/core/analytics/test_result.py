"""The typed result: the contract's shape, its rules on contacts, and the published JSON Schema."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
from tests.core.analytics.sample_results import (
    sample_data,
    sample_result,
    sample_without_contacts,
)

from journeymap.core.analytics import (
    CONTACTS_NEEDED,
    SCHEMA_PATH,
    AnalysisResult,
    json_schema,
    suppress,
)
from journeymap.core.analytics.result import json_schema_text


def test_json_round_trips_with_the_contract_keys():
    result = sample_result()
    data = json.loads(result.to_json())
    assert (data["schema"], data["schema_version"]) == ("journeymap.analysis", 2)
    assert data["handoffs"]["service"]["pairs"][0]["from"] == "Benefits"
    assert data["handoffs"]["organisation"] is None
    assert data["events_per_case"]["median"] == 6.0
    assert data["suppression"] is None
    assert AnalysisResult.model_validate(data) == result


def test_the_result_is_frozen():
    with pytest.raises(ValidationError):
        sample_result().cases = 3  # type: ignore[misc]


def test_no_contact_figures_without_a_contact_definition():
    result = sample_without_contacts()
    assert result.contacts is None and result.avoidable is None
    assert result.contacts_needed == CONTACTS_NEEDED
    with pytest.raises(ValidationError, match="contact_definition"):
        AnalysisResult(**sample_data(contact_definition=None, contacts_needed=CONTACTS_NEEDED))
    with pytest.raises(ValidationError, match="exactly one"):
        AnalysisResult(**sample_data(contacts_needed=CONTACTS_NEEDED))


def test_a_negative_count_is_refused():
    with pytest.raises(ValidationError, match="cases"):
        AnalysisResult(**sample_data(cases=-1))


def test_the_published_schema_is_the_generated_one():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate it: SCHEMA_PATH.write_text(json_schema_text())"
    )
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()


@pytest.mark.parametrize("threshold", [0, 5])
def test_reports_validate_against_the_published_schema(threshold):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for result in (sample_result(), sample_without_contacts()):
        data = suppress(result, threshold=threshold).to_dict()
        jsonschema.validate(data, schema)
    broken = sample_result().to_dict()
    broken["cases"] = 0.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
