"""Which events are contacts: by channel, by named activities, by a column's value, or none."""

from __future__ import annotations

import json

import pytest

from journeymap.core.analytics import (
    CONTACTS_NEEDED,
    SCHEMA_PATH,
    ConfigurationError,
    ContactDefinition,
    analyse,
    import_log,
    suppress,
)

# No channel column. Case 1: Phone call 0, Check file 10, Phone call 20, Web form 30, Decide 40;
# case 2 is back-office work only.
ROWS = [
    ["case", "time", "activity", "type"],
    ["1", "2024-01-01T09:00:00Z", "Phone call", "contact"],
    ["1", "2024-01-01T09:00:10Z", "Check file", "work"],
    ["1", "2024-01-01T09:00:20Z", "Phone call", "contact"],
    ["1", "2024-01-01T09:00:30Z", "Web form", "contact"],
    ["1", "2024-01-01T09:00:40Z", "Decide", "work"],
    ["2", "2024-01-01T09:00:00Z", "Check file", "work"],
    ["2", "2024-01-01T09:00:05Z", "Decide", "work"],
]
BY_ACTIVITIES = ContactDefinition.by_activities(["Phone call", "Web form"])
BY_COLUMN = ContactDefinition.by_column("type", "contact")


@pytest.fixture
def stored(write_csv, tmp_path):
    return import_log(source=write_csv(ROWS), key=None, out_dir=tmp_path / "store")


def test_without_a_definition_there_are_no_contact_figures(stored):
    result = analyse(log=stored)
    assert result.contact_definition is None
    assert result.contacts_needed == CONTACTS_NEEDED
    assert result.contacts is None
    assert result.avoidable is None
    assert result.histograms.contacts_per_case is None
    assert result.events_per_case.max == 5.0 and result.events_per_case.min == 2.0
    data = result.to_dict()
    assert data["contacts"] is None and data["avoidable"] is None
    assert data["contacts_needed"].startswith("This log does not say which events")


@pytest.mark.parametrize(
    ("contacts", "description"),
    [
        (BY_ACTIVITIES, "activities named as contacts: Phone call, Web form"),
        (BY_COLUMN, "events whose 'type' is 'contact'"),
    ],
)
def test_named_contacts_are_the_only_contacts(stored, engine, contacts, description):
    result = analyse(log=stored, backend=engine, contacts=contacts)
    assert result.contact_definition.model_dump() == {
        "kind": contacts.kind, "description": description,
    }
    assert result.contacts_needed is None
    # case 1 has three contacts, case 2 none (known to be none, so 0, not unknown)
    assert result.contacts.model_dump() == {
        "events": 3,
        "cases_with_contacts": 1,
        "per_case": {"min": 0.0, "median": 1.5, "mean": 1.5, "p90": pytest.approx(2.7),
                     "max": 3.0},
    }
    buckets = {row.bucket: row.cases for row in result.histograms.contacts_per_case}
    assert (buckets["0"], buckets["3"]) == (1, 1)
    avoidable = result.avoidable
    assert avoidable.contacts == 3
    # the second Phone call follows Check file (the organisation's work), so it is not progress
    # chasing but a repeat of an earlier contact; the Web form follows a contact directly.
    # Counting every event as a contact would have made Check file and Decide "contacts" too.
    assert {row.rule: row.contacts for row in avoidable.rules} == {
        "no_progress_since_last_contact": 1,
        "same_activity_as_earlier_contact": 1,
    }
    assert avoidable.avoidable_contacts == 2


@pytest.mark.parametrize("contacts", [None, BY_ACTIVITIES, BY_COLUMN])
def test_the_json_validates_against_the_published_schema(stored, contacts):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    result = analyse(log=stored, contacts=contacts)
    for threshold in (0, 2):
        jsonschema.validate(suppress(result, threshold=threshold).to_dict(), schema)


def test_a_channel_column_defines_contacts_by_default(write_csv, tmp_path):
    rows = [["case", "time", "activity", "channel"],
            ["1", "2024-01-01T09:00:00Z", "Call", "phone"],
            ["1", "2024-01-01T10:00:00Z", "Check", ""]]
    result = analyse(log=import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s"))
    assert result.contact_definition.kind == "channel"
    assert result.contacts.events == 1


def test_named_activities_can_replace_the_channel(write_csv, tmp_path):
    rows = [["case", "time", "activity", "channel"],
            ["1", "2024-01-01T09:00:00Z", "Call", "phone"],
            ["1", "2024-01-01T10:00:00Z", "Check", ""]]
    stored = import_log(source=write_csv(rows), key=None, out_dir=tmp_path / "s")
    result = analyse(log=stored, contacts=ContactDefinition.by_activities(["Check"]))
    assert result.contacts.events == 1
    assert result.contact_definition.kind == "activities"


def test_unknown_contact_activities_are_named(stored):
    with pytest.raises(ConfigurationError, match=r"activities 'Fax', 'Visit'; .*'Phone call'"):
        analyse(log=stored, contacts=ContactDefinition.by_activities(["Phone call", "Fax",
                                                                     "Visit"]))


def test_a_contact_column_must_exist_and_hold_the_value(stored):
    with pytest.raises(ConfigurationError, match=r"'kind' is not in the log; .*'type'"):
        analyse(log=stored, contacts=ContactDefinition.by_column("kind", "contact"))
    with pytest.raises(ConfigurationError, match=r"equal to 'visit'; .*'contact', 'work'"):
        analyse(log=stored, contacts=ContactDefinition.by_column("type", "visit"))
    with pytest.raises(ConfigurationError, match="is the log's activity column"):
        analyse(log=stored, contacts=ContactDefinition.by_column("activity", "Decide"))


def test_a_pseudonymised_contact_column_is_refused(write_csv, tmp_path, key):
    stored = import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "store",
                        personal_columns=("type",))
    with pytest.raises(ConfigurationError, match="'type' is pseudonymised"):
        analyse(log=stored, contacts=BY_COLUMN)


def test_contacts_by_channel_need_a_channel_column(stored):
    with pytest.raises(ConfigurationError, match="no channel column"):
        analyse(log=stored, contacts=ContactDefinition.by_channel())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"kind": "activities"}, "at least one contact activity"),
        ({"kind": "activities", "activities": ("Call", " ")}, "no blank names"),
        ({"kind": "column", "column": "type"}, "both the column and the value"),
        ({"kind": "channel", "column": "type", "value": "x"}, "belongs to a 'column'"),
        ({"kind": "email"}, "unknown contact definition 'email'"),
    ],
)
def test_an_incomplete_definition_is_refused(arguments, message):
    with pytest.raises(ConfigurationError, match=message):
        ContactDefinition(**arguments)
