"""The editor's forms are parsers of posted text: property tests that nothing is lost."""

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.core.maps import schema
from journeymap.web.journeys.forms import LinesField, StepForm, split_lines
from tests.core.maps.maps_strategies import list_item, steps


@given(st.text())
def test_split_lines_gives_stripped_non_blank_single_line_items(text):
    for item in split_lines(text):
        assert item == item.strip() and item
        assert "\n" not in item and "\r" not in item


@given(st.lists(list_item.map(str.strip).filter(bool), max_size=6),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_a_list_survives_the_textarea_round_trip(items, newline):
    field = LinesField(required=False)
    assert field.clean(field.prepare_value(items).replace("\n", newline)) == items


def posted(step: schema.Step, version: int) -> dict:
    """What a browser posts for the step form filled with `step`, unchanged."""
    data = {"version": str(version)}
    for name, value in StepForm.initial_for(step, version=version).items():
        if name == "version" or value is False or value is None:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data[name] = value if name == "replaces" else "\n".join(value)
        else:
            data[name] = str(value)
    return data


@settings(max_examples=60, deadline=None)
@given(steps())
def test_a_step_saved_unchanged_through_the_form_is_the_same_step(drawn):
    for step in drawn:
        # Items are stripped by the textarea on purpose; the property is about everything else.
        step = step.model_copy(update={name: [item.strip() for item in getattr(step, name)]
                                       for name in ("pain_points", "customer_suggestions",
                                                    "improvement_ideas")})
        form = StepForm(posted(step, 3), touchpoint_rows=len(step.touchpoints),
                        earlier_steps=[schema.Step(id=ref, name=ref) for ref in
                                       dict.fromkeys(step.replaces)])
        assert form.is_valid(), form.errors
        again = schema.Step.model_validate({**form.to_data(), "id": step.id})
        assert again == step
        assert form.cleaned_data["version"] == 3
