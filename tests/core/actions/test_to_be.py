"""The to-be map from accepted actions: hand-checked on the demo's benefits claim, and property
tests over any valid map: no step lost unless an action removed it, order kept, and an unknown
figure never becomes 0."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.core.maps.maps_strategies import documents_v2

from journeymap.core.actions.to_be import EffectKind, StepEffect, ToBeError, to_be_map
from journeymap.core.maps.compare import compare_maps
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.schema import JourneyMap, MapKind, Step


def benefits_as_is() -> JourneyMap:
    return load_demo_documents()[2].map


def test_removing_the_query_step_and_merging_the_application_by_hand():
    source = benefits_as_is()
    result = to_be_map(source=source, title="Claiming – to be", effects=[
        StepEffect(EffectKind.REMOVE, ("query-errors",), action="Check forms at reception"),
        StepEffect(EffectKind.MERGE, ("get-form", "apply"), action="One online form",
                   name="Apply online"),
        StepEffect(EffectKind.NONE, ("decision",), action="Plain-English letters"),
    ])
    assert [step.id for step in result.steps] == ["find-out", "get-form", "evidence", "decision"]
    merged = result.steps[1]
    assert merged.name == "Apply online"
    assert merged.replaces == ["get-form", "apply"]
    assert (merged.time_taken_minutes, merged.contacts) == (40.0 + 150.0, 1 + 2)
    assert merged.emotion is None  # 0 and -2: not the same feeling, so not known
    assert merged.pain_points == source.steps[2].pain_points
    assert result.kind is MapKind.TO_BE_GOLD and result.based_on == source.title
    comparison = compare_maps(before=source, after=result)
    assert [step.id for step in comparison.removed] == ["query-errors"]
    assert [tuple(step.id for step in merge.before) for merge in comparison.merged] == [
        ("get-form", "apply")]


def test_a_merged_time_is_unknown_when_any_step_is_untimed_never_a_partial_sum():
    source = JourneyMap(title="Map", kind="as_is", steps=[
        Step(id="a", name="A", time_taken_minutes=10, contacts=None, emotion=-1),
        Step(id="b", name="B", time_taken_minutes=None, contacts=None, emotion=-1),
    ])
    (merged,) = to_be_map(source=source, title="To be", effects=[
        StepEffect(EffectKind.MERGE, ("a", "b"), action="Join")]).steps
    assert merged.time_taken_minutes is None and merged.contacts is None
    assert merged.emotion == -1 and merged.name == "A"


def test_a_new_step_goes_after_its_step_with_an_id_not_used_in_the_journey():
    source = benefits_as_is()
    result = to_be_map(source=source, title="To be", reserved_ids={"new-1"}, effects=[
        StepEffect(EffectKind.ADD_AFTER, ("apply",), action="Text on receipt",
                   name="Get a text that the claim arrived")])
    ids = [step.id for step in result.steps]
    assert ids[ids.index("apply") + 1] == "new-2"
    added = result.steps[ids.index("new-2")]
    assert (added.name, added.replaces, added.time_taken_minutes) == (
        "Get a text that the claim arrived", [], None)


@pytest.mark.parametrize(("effects", "message"), [
    ([StepEffect(EffectKind.REMOVE, ("nowhere",), action="Cut")],
     "'Cut' names the step 'nowhere', which is not on the map"),
    ([StepEffect(EffectKind.MERGE, ("apply",), action="Join")], "needs two or more steps"),
    ([StepEffect(EffectKind.ADD_AFTER, ("apply",), action="Add")], "the new step's name"),
    ([StepEffect(EffectKind.REMOVE, ("apply",), action="Cut"),
      StepEffect(EffectKind.MERGE, ("get-form", "apply"), action="Join")],
     "The step 'apply' is changed by both 'Cut' and 'Join'"),
])
def test_effects_that_cannot_be_applied_are_refused_naming_the_action(effects, message):
    with pytest.raises(ToBeError, match=message):
        to_be_map(source=benefits_as_is(), title="To be", effects=effects)


@st.composite
def maps_with_effects(draw):
    source = draw(documents_v2()).map
    ids = [step.id for step in source.steps]
    free = list(ids)
    effects = []
    for number in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(EffectKind))
        if kind is EffectKind.ADD_AFTER and ids:
            effects.append(StepEffect(kind, (draw(st.sampled_from(ids)),), action=f"a{number}",
                                      name=f"New {number}"))
        elif kind in (EffectKind.REMOVE, EffectKind.MERGE) and len(free) >= 2:
            chosen = draw(st.lists(st.sampled_from(free), min_size=2 if kind is EffectKind.MERGE
                                   else 1, unique=True))
            free = [sid for sid in free if sid not in chosen]
            effects.append(StepEffect(kind, tuple(chosen), action=f"a{number}",
                                      name=draw(st.sampled_from(["", "Merged"]))))
    return source, effects


def _applied(source, effects):
    try:
        return to_be_map(source=source, effects=effects, title="To be")
    except ToBeError as error:
        # Only a merge whose joined text or summed time passes the schema's limits may refuse.
        assert "more than" in str(error)
        assume(False)


@settings(max_examples=60, deadline=None)
@given(maps_with_effects())
def test_no_step_is_lost_unless_removed_and_the_order_is_kept(case):
    source, effects = case
    result = _applied(source, effects)
    removed = {sid for effect in effects if effect.kind is EffectKind.REMOVE
               for sid in effect.step_ids}
    represented = [sid for step in result.steps for sid in step.replaces]
    assert sorted(represented) == sorted(step.id for step in source.steps if step.id not in removed)
    order = [step.id for step in source.steps]
    first_of_each = [order.index(step.replaces[0]) for step in result.steps if step.replaces]
    assert first_of_each == sorted(first_of_each)
    added = sum(1 for effect in effects if effect.kind is EffectKind.ADD_AFTER)
    merged_away = sum(len(effect.step_ids) - 1 for effect in effects
                      if effect.kind is EffectKind.MERGE)
    assert len(result.steps) == len(source.steps) - len(removed) - merged_away + added


@settings(max_examples=60, deadline=None)
@given(maps_with_effects())
def test_an_unknown_figure_never_becomes_zero_and_a_known_one_is_summed(case):
    source, effects = case
    result = _applied(source, effects)
    by_id = {step.id: step for step in source.steps}
    for step in result.steps:
        parts = [by_id[sid] for sid in step.replaces]
        if not parts:
            assert (step.time_taken_minutes, step.contacts, step.emotion) == (None, None, None)
            continue
        for field in ("time_taken_minutes", "contacts"):
            values = [getattr(part, field) for part in parts]
            if None in values:
                assert getattr(step, field) is None
            else:
                assert getattr(step, field) == pytest.approx(sum(values), abs=0.01)
        emotions = {part.emotion for part in parts}
        assert step.emotion == (emotions.pop() if len(emotions) == 1 else None)
