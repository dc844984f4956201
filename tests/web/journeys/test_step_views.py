"""Adding, editing (whole step or one cell), moving and deleting steps; two people at once."""

import pytest
from django.test import Client
from django.urls import reverse

from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys.models import Step
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def url(name, made, step=None, which="as_is", **extra):
    journey_map = made[which]
    kwargs = {"organisation_slug": "edinburgh", "journey_id": journey_map.journey_id,
              "map_id": journey_map.pk, **extra}
    if step is not None:
        kwargs["step_id"] = step.pk
    return reverse(f"journeys:{name}", kwargs=kwargs)


def steps_of(journey_map) -> list[Step]:
    return list(journey_map.steps.order_by("position"))


def test_an_editor_adds_a_step_with_touchpoints_and_it_is_audited(client, erin, made):
    client.force_login(erin)
    response = client.post(url("step_add", made), {
        "name": "Ask if I am in the scheme", "customer_does": "Phones the fund",
        "emotion": "-2", "provenance": "reported", "pain_points": "No letter\n\n  Long wait ",
        "touchpoint_1_channel": "telephone", "touchpoint_1_description": "Helpline",
        "touchpoint_1_moment_of_truth": "on", "touchpoint_2_channel": ""})
    assert response.status_code == 302
    added = steps_of(made["as_is"])[-1]
    assert added.name == "Ask if I am in the scheme"
    assert added.emotion == -2
    assert added.pain_points == ["No letter", "Long wait"]
    assert [(t.channel, t.moment_of_truth) for t in added.touchpoints.all()] == [
        ("telephone", True)]
    assert response.url.endswith(f"#step-{added.pk}")
    assert AuditEvent.objects.filter(object_type="step", action="create",
                                      object_label="Ask if I am in the scheme").exists()


def test_a_step_is_added_after_a_chosen_step(client, erin, made):
    client.force_login(erin)
    add_after_first = url("step_add", made) + "?position=1"
    assert "The new step will be step 2." in client.get(add_after_first).content.decode()
    client.post(add_after_first, {"name": "Read the leaflet", "provenance": "assumed"})
    assert [s.name for s in steps_of(made["as_is"])] == ["Step 1", "Read the leaflet",
                                                          "Step 2", "Step 3"]


def test_a_step_without_a_name_is_refused_next_to_the_field(client, erin, made):
    client.force_login(erin)
    response = client.post(url("step_add", made), {"name": "  ", "provenance": "assumed"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert len(steps_of(made["as_is"])) == 3


def test_viewers_cannot_add_edit_move_or_delete(client, charlie, made):
    client.force_login(charlie)
    step = steps_of(made["as_is"])[0]
    for name, step_arg in [("step_add", None), ("step_edit", step), ("step_move", step),
                           ("step_delete", step)]:
        assert client.post(url(name, made, step_arg), {"name": "x", "position": "1"}
                           ).status_code == 403
    assert steps_of(made["as_is"])[0].name == "Step 1"


def test_the_whole_step_form_saves_and_bumps_the_version(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[1]
    form = client.get(url("step_edit", made, step)).content.decode()
    assert 'name="version" value="1"' in form
    response = client.post(url("step_edit", made, step), {
        "version": "1", "name": "Fill in the form", "provenance": "observed", "emotion": "1",
        "touchpoint_1_channel": "web", "touchpoint_1_description": "Online form"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.name, step.version, step.provenance) == ("Fill in the form", 2, "observed")
    assert [t.channel for t in step.touchpoints.all()] == ["web"]


def test_one_cell_is_edited_in_place_with_htmx(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[0]
    cell_url = url("step_edit", made, step) + "?field=customer_does"
    form = client.get(cell_url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in form  # a partial, swapped into the cell
    assert 'hx-post="' in form
    assert f'id="edit-{step.pk}-customer_does"' in form  # not the cell's own id
    saved = client.post(cell_url, {"version": "1", "customer_does": "Reads the <b>letter</b>"},
                        headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in saved
    assert "Reads the &lt;b&gt;letter&lt;/b&gt;" in saved
    # The picture is redrawn out of band, its cells still links to their editors.
    assert 'hx-swap-oob="true"' in saved and f'hx-target="#cell-{step.pk}-customer_does"' in saved
    step.refresh_from_db()
    assert step.customer_does == "Reads the <b>letter</b>"
    assert step.name == "Step 1"  # the other fields are untouched


def test_one_cell_is_edited_without_javascript_on_its_own_page(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[0]
    cell_url = url("step_edit", made, step) + "?field=thoughts_feelings"
    page = client.get(cell_url).content.decode()
    assert "<html" in page and 'name="thoughts_feelings"' in page and 'name="name"' not in page
    response = client.post(cell_url, {"version": "1", "thoughts_feelings": "Worried"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.thoughts_feelings == "Worried"


def test_cancelling_a_cell_edit_puts_the_cell_back_or_returns_to_the_map(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[0]
    cancel = url("step_edit", made, step) + "?field=owner&show=1"
    partial = client.get(cancel, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "Not recorded" in partial and "<form" not in partial
    response = client.get(cancel)
    assert response.status_code == 302 and response.url.endswith(f"#step-{step.pk}")


def test_a_cell_that_cannot_be_edited_alone_answers_404(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[0]
    assert client.get(url("step_edit", made, step) + "?field=replaces").status_code == 404


def test_two_people_editing_one_step_the_second_save_is_refused_showing_the_newer_text(
        erin, alice, made):
    first, second = Client(), Client()
    first.force_login(erin)
    second.force_login(alice)
    step = steps_of(made["as_is"])[0]
    cell_url = url("step_edit", made, step) + "?field=customer_does"
    # Both open the cell while it is at version 1.
    assert 'value="1"' in first.get(cell_url, headers={"HX-Request": "true"}).content.decode()
    assert 'value="1"' in second.get(cell_url, headers={"HX-Request": "true"}).content.decode()
    first.post(cell_url, {"version": "1", "customer_does": "Erin's words"},
               headers={"HX-Request": "true"})
    refused = second.post(cell_url, {"version": "1", "customer_does": "Alice's words"},
                          headers={"HX-Request": "true"}).content.decode()
    assert "Someone else changed this step" in refused
    assert "Erin&#x27;s words" in refused  # their version, shown
    assert "Alice&#x27;s words" in refused  # her own text kept in the form
    assert 'name="version" value="2"' in refused  # saving again is a deliberate overwrite
    step.refresh_from_db()
    assert step.customer_does == "Erin's words"
    second.post(cell_url, {"version": "2", "customer_does": "Alice's words"},
                headers={"HX-Request": "true"})
    step.refresh_from_db()
    assert step.customer_does == "Alice's words"


def test_the_whole_step_form_refuses_a_stale_save_too(client, erin, made):
    client.force_login(erin)
    step = steps_of(made["as_is"])[0]
    client.post(url("step_edit", made, step), {"version": "1", "name": "Newer",
                                                "provenance": "assumed"})
    page = client.post(url("step_edit", made, step), {"version": "1", "name": "Older",
                                                       "provenance": "assumed"})
    assert page.status_code == 200
    assert "Not saved: someone else changed this step" in page.content.decode()
    step.refresh_from_db()
    assert step.name == "Newer"


def test_move_right_and_left_reorder_the_steps(client, erin, made):
    client.force_login(erin)
    first = steps_of(made["as_is"])[0]
    response = client.post(url("step_move", made, first), {"position": "1",
                                                           "direction": "right"})
    # Back on the moved step's own move control, with its new place said in words.
    assert response.status_code == 302
    assert response.url.endswith(f"?moved={first.pk}&direction=right#move-{first.pk}-right")
    assert [s.name for s in steps_of(made["as_is"])] == ["Step 2", "Step 1", "Step 3"]
    page = client.get(response.url).content.decode()
    assert f'id="move-{first.pk}-right" autofocus' in page
    assert "Step “Step 1” is now step 2 of 3." in page
    client.post(url("step_move", made, first), {"position": "0"})
    assert [s.name for s in steps_of(made["as_is"])] == ["Step 1", "Step 2", "Step 3"]
    assert client.get(url("step_move", made, first)).status_code == 405


def test_delete_asks_first_then_deletes_and_renumbers(client, erin, made):
    client.force_login(erin)
    middle = steps_of(made["as_is"])[1]
    assert "Delete step 2" in client.get(url("step_delete", made, middle)).content.decode()
    assert len(steps_of(made["as_is"])) == 3
    client.post(url("step_delete", made, middle))
    assert [(s.name, s.position) for s in steps_of(made["as_is"])] == [("Step 1", 0),
                                                                        ("Step 3", 1)]


def test_a_to_be_step_chooses_which_as_is_steps_it_replaces(client, erin, made):
    client.force_login(erin)
    to_be_steps = steps_of(made["to_be"])
    form = client.get(url("step_edit", made, to_be_steps[0], which="to_be")).content.decode()
    assert 'type="checkbox" name="replaces" value="s1"' in form
    client.post(url("step_edit", made, to_be_steps[0], which="to_be"), {
        "version": "1", "name": "Join online", "provenance": "assumed",
        "replaces": ["s1", "s2"]})
    client.post(url("step_delete", made, to_be_steps[1], which="to_be"))
    to_be_steps[0].refresh_from_db()
    assert to_be_steps[0].replaces == ["s1", "s2"]
    page = client.get(url("map", made, which="to_be")).content.decode()
    removed = page[page.index('id="removed-steps"'):] if 'id="removed-steps"' in page else ""
    assert removed == ""  # step 2 is merged into "Join online", not removed


def test_a_step_added_to_a_to_be_map_is_new_not_an_as_is_step(client, erin, made):
    client.force_login(erin)
    client.post(url("step_add", made, which="to_be"), {"name": "Welcome pack",
                                                        "provenance": "assumed"})
    keys_as_is = {s.key for s in steps_of(made["as_is"])}
    added = steps_of(made["to_be"])[-1]
    assert added.key not in keys_as_is
