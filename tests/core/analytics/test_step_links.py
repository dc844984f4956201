"""Suggested links from activities to steps: the rule in step_links, on names checked by hand."""

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.core.analytics import suggest_step_links
from journeymap.core.analytics.step_links import name_similarity

STEPS = [("apply", "Apply for the benefit"), ("evidence", "Evidence"),
         ("decision", "Get a decision")]


def test_similar_names_are_suggested_and_others_are_not():
    suggested = suggest_step_links(
        ["Apply for benefit", "Upload evidence", "Getting a decision", "Ring council",
         "APPLY-FOR-THE-BENEFIT"], STEPS)
    assert suggested == {"Apply for benefit": "apply", "Upload evidence": "evidence",
                         "Getting a decision": "decision", "APPLY-FOR-THE-BENEFIT": "apply"}


def test_a_name_held_whole_in_the_other_is_a_match_but_part_of_a_word_is_not():
    assert name_similarity("Upload evidence", "Evidence") == 1.0
    assert name_similarity("Evidenced", "Evidence") < 1.0
    assert name_similarity("", "Evidence") == 0.0


def test_a_tie_goes_to_the_earlier_step():
    assert suggest_step_links(["Call"], [("first", "Call"), ("second", "Call")]) == {
        "Call": "first"}


@settings(max_examples=50)
@given(st.lists(st.text(max_size=30), max_size=5), st.text(max_size=30))
def test_similarity_is_between_0_and_1_and_a_name_matches_itself(names, other):
    for name in names:
        assert 0.0 <= name_similarity(name, other) <= 1.0
        if any(character.isalnum() for character in name):
            assert name_similarity(name, name) == 1.0
