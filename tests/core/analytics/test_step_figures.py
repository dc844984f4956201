"""Figures per map step from linked activities, on a log worked out by hand, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from journeymap.core.analytics import (
    CaseFilter,
    Suppressed,
    analyse,
    import_log,
    step_figures,
    suppress_step_figures,
)
from journeymap.core.analytics.columns import ColumnMapping
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
LINKS = {"Apply online": "apply", "Apply by phone": "apply", "Upload": "evidence",
         "Decide": "decision"}

# Contacts are events with a channel. Avoidable by the sequence rules (no reason column):
# a contact right after another contact is "no progress since the last contact".
# A: apply(web) upload(web, avoidable) decide       follows the map
# B: apply(web) decide                               skips evidence
# C: apply(web) upload(web, av.) apply-by-phone(phone, av.) upload(web, av.) decide
#                                                    goes back to apply
# D: ring council(phone)                             no linked activity
ROWS = [
    ["case", "time", "activity", "channel"],
    ["A", "2024-01-01T00:00:00Z", "Apply online", "web"],
    ["A", "2024-01-01T00:01:00Z", "Upload", "web"],
    ["A", "2024-01-01T00:02:40Z", "Decide", ""],
    ["B", "2024-01-01T00:00:00Z", "Apply online", "web"],
    ["B", "2024-01-01T00:01:40Z", "Decide", ""],
    ["C", "2024-01-01T00:00:00Z", "Apply online", "web"],
    ["C", "2024-01-01T00:00:30Z", "Upload", "web"],
    ["C", "2024-01-01T00:00:50Z", "Apply by phone", "phone"],
    ["C", "2024-01-01T00:01:20Z", "Upload", "web"],
    ["C", "2024-01-01T00:03:20Z", "Decide", ""],
    ["D", "2024-01-01T00:00:00Z", "Ring council", "phone"],
]


@pytest.fixture
def stored(write_csv, key, tmp_path):
    return import_log(source=write_csv(ROWS), key=key, out_dir=tmp_path / "store")


def test_each_step_has_its_reach_contacts_repeats_avoidable_and_time(stored, engine):
    figures = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS,
                           backend=engine)
    apply, evidence, decision = (step.model_dump() for step in figures.steps)
    assert apply == {
        "id": "apply", "name": "Fill in the application",
        "activities": ("Apply by phone", "Apply online"), "cases_reaching": 3,
        "contacts": 4, "repeat_contacts": 1, "avoidable_contacts": 1,
        "cases_to_next_step": 2, "median_seconds_to_next_step": 45.0}  # A 60 s, C 30 s
    assert evidence == {
        "id": "evidence", "name": "Send evidence", "activities": ("Upload",),
        "cases_reaching": 2, "contacts": 3, "repeat_contacts": 1, "avoidable_contacts": 3,
        "cases_to_next_step": 2, "median_seconds_to_next_step": 135.0}  # A 100 s, C 170 s
    assert decision == {
        "id": "decision", "name": "Get a decision", "activities": ("Decide",),
        "cases_reaching": 3, "contacts": 0, "repeat_contacts": 0, "avoidable_contacts": 0,
        "cases_to_next_step": 0, "median_seconds_to_next_step": None}
    assert figures.route.model_dump() == {
        "cases": 4, "cases_mapped": 3, "cases_following_map": 1, "cases_skipping_steps": 1,
        "cases_going_back": 1}
    assert figures.contact_definition == "events with a value in the channel column"


def test_avoidable_contacts_of_the_steps_add_up_to_the_report(stored):
    report = analyse(log=stored)
    figures = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS)
    # Ring council (D) is a contact of value and linked to no step.
    assert report.avoidable.avoidable_contacts == sum(
        step.avoidable_contacts for step in figures.steps) == 4


def test_without_a_contact_definition_contact_figures_are_not_known(write_csv, key, tmp_path):
    rows = [row[:3] for row in ROWS]
    stored = import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "plain",
                        mapping=ColumnMapping(case="case", time="time", activity="activity"))
    figures = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS)
    assert figures.contact_definition is None
    for step in figures.steps:
        assert (step.contacts, step.repeat_contacts, step.avoidable_contacts) == (None,) * 3
    assert figures.steps[0].cases_reaching == 3


def test_a_filter_keeps_whole_cases(stored, engine):
    figures = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS,
                           backend=engine, where=CaseFilter(channels=("phone",)))
    assert figures.route.model_dump() == {
        "cases": 2, "cases_mapped": 1, "cases_following_map": 0, "cases_skipping_steps": 0,
        "cases_going_back": 1}  # C and D
    assert [step.contacts for step in figures.steps] == [2, 2, 0]
    early = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS,
                         where=CaseFilter(started_before=dt.datetime(2023, 1, 1, tzinfo=dt.UTC)))
    assert early.route.cases == 0
    assert [step.cases_reaching for step in early.steps] == [0, 0, 0]


def test_suppression_withholds_small_counts_and_thin_medians(stored):
    exact = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS)
    shared = suppress_step_figures(exact, threshold=3)
    apply, evidence, decision = shared.steps
    hidden = Suppressed(threshold=3)
    assert (apply.cases_reaching, apply.contacts, apply.repeat_contacts) == (3, 4, hidden)
    assert apply.avoidable_contacts == hidden
    # Three cases reach "apply", but only A and C go on to "evidence" (B skips it): the
    # median of their two times would be shown over two cases, so it is withheld.
    assert (apply.cases_to_next_step, apply.median_seconds_to_next_step) == (hidden, hidden)
    assert evidence.cases_reaching == hidden
    assert evidence.median_seconds_to_next_step == hidden
    assert (decision.contacts, decision.median_seconds_to_next_step) == (0, None)
    assert shared.route.cases_following_map == hidden
    assert shared.route.cases == 4
    assert shared.suppressed_below == 3
    assert suppress_step_figures(shared, threshold=3) is shared
    assert suppress_step_figures(exact, threshold=1) is exact


def test_the_median_to_the_next_step_is_shown_when_enough_cases_make_the_pair(stored):
    exact = step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping=LINKS)
    apply, evidence, decision = suppress_step_figures(exact, threshold=2).steps
    # A (60 s) and C (30 s) go from "apply" to "evidence"; A (100 s) and C (170 s) on.
    assert (apply.cases_to_next_step, apply.median_seconds_to_next_step) == (2, 45.0)
    assert (evidence.cases_to_next_step, evidence.median_seconds_to_next_step) == (2, 135.0)
    assert (decision.cases_to_next_step, decision.median_seconds_to_next_step) == (0, None)


def test_a_link_to_a_step_the_map_lacks_is_refused(stored):
    with pytest.raises(ConfigurationError, match="not in the map"):
        step_figures(log=stored, journey_map=JOURNEY_MAP, step_mapping={"Upload": "gone"})
