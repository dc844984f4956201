"""Avoidable contact (NI14) from a reason column, and configurable rules."""

from __future__ import annotations

import pytest

from journeymap.core.analytics import AvoidableRules, analyse, import_log
from journeymap.core.analytics.errors import ConfigurationError

ROWS = [
    ["case", "time", "activity", "channel", "reason", "outcome"],
    ["1", "2024-01-01T09:00:00Z", "Call", "phone", "Report a repair", ""],
    ["1", "2024-01-05T09:00:00Z", "Call", "phone", "Chasing progress of repair", ""],
    ["1", "2024-01-06T09:00:00Z", "Fix", "", "", "resolved"],
    ["2", "2024-01-01T09:00:00Z", "Call", "phone", "Query about letter", ""],
    ["2", "2024-01-02T09:00:00Z", "Call", "web", "Wrong department: transferred", ""],
    ["3", "2024-01-01T09:00:00Z", "Call", "email", "Opening hours", "closed"],
]


@pytest.fixture
def stored(write_csv, key, tmp_path):
    return import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "store")


def test_reason_column_classifies_contacts(stored):
    avoidable = analyse(log=stored).to_dict()["avoidable"]
    assert avoidable["method"] == "reason"
    assert avoidable["contacts"] == 5
    categories = {row["category"]: row["contacts"] for row in avoidable["categories"]}
    assert categories["progress_chasing"] == 1
    assert categories["clarification"] == 1
    assert categories["misdirected"] == 1
    assert categories["findable_information"] == 1
    assert avoidable["avoidable_contacts"] == 4  # "Report a repair" is value contact
    assert avoidable["ni14"]["resolved_requests"] == 2  # outcomes "resolved", "closed"
    assert avoidable["ni14"]["contacts_per_resolved_request"] == 2.5


def test_rules_are_configurable(stored):
    rules = AvoidableRules.from_dict(
        {"reason_patterns": {"other": "repair"}, "resolved_pattern": "resolved"}
    )
    avoidable = analyse(log=stored, avoidable_rules=rules).to_dict()["avoidable"]
    assert [(row["rule"], row["contacts"]) for row in avoidable["rules"]] == [
        ("reason_pattern:other", 2)
    ]
    assert avoidable["rules"][0]["description"] == "contact reason matches /repair/"
    assert avoidable["ni14"]["resolved_requests"] == 1


def test_unknown_category_or_setting_refused():
    with pytest.raises(ConfigurationError, match="unknown avoidable-contact categories"):
        AvoidableRules(reason_patterns={"moaning": "x"})
    with pytest.raises(ConfigurationError, match="unknown avoidable-rule settings"):
        AvoidableRules.from_dict({"colour": "red"})


def test_a_pattern_that_is_not_a_regular_expression_is_refused():
    with pytest.raises(ConfigurationError, match=r"pattern for 'clarification' .*/unclear\(/"):
        AvoidableRules.from_dict({"reason_patterns": {"clarification": "unclear("}})


def test_rules_written_as_settings_read_back_equal():
    rules = AvoidableRules(activity_patterns={"progress_chasing": "phone"},
                           sequence_rules=("same_activity_as_earlier_contact",))
    settings = rules.to_dict()
    assert settings["sequence_rules"] == ["same_activity_as_earlier_contact"]
    assert AvoidableRules.from_dict(settings) == rules
