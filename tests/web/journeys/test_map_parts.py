"""Editing a map's persona, stages and lanes on the web: services (audited, revisioned, refused
when invalid) and the plain form pages that call them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.models import JourneyMap, MapRevision
from tests.web.journeys.builders import journey_with_maps

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin, steps=4)


def fresh(journey_map):
    return selectors.map_get(organisation=journey_map.organisation,
                             journey_id=journey_map.journey_id, map_id=journey_map.pk)


def url(name, made, **extra):
    journey_map = made["as_is"]
    return reverse(f"journeys:{name}", kwargs={
        "organisation_slug": "edinburgh", "journey_id": journey_map.journey_id,
        "map_id": journey_map.pk, **extra})


def test_the_persona_is_set_audited_and_kept_in_the_history(made):
    journey_map = made["as_is"]
    revisions = MapRevision.objects.filter(journey_map=journey_map).count()
    services.map_set_persona(actor=made["actor"], context=NO_CLIENT, journey_map=journey_map,
                             data={"name": "Sam", "needs": ["A clear letter"]})
    stored = documents.map_to_schema(fresh(journey_map))
    assert stored.persona.name == "Sam"
    assert stored.persona.needs == ["A clear letter"]
    assert MapRevision.objects.filter(journey_map=journey_map).count() == revisions + 1
    event = AuditEvent.objects.filter(object_type="journeymap", action="change").first()
    assert event.after == {"persona": stored.persona.model_dump(mode="json")}


def test_a_persona_without_a_name_is_refused_naming_the_field(made):
    with pytest.raises(ValidationError) as caught:
        services.map_set_persona(actor=made["actor"], context=NO_CLIENT,
                                 journey_map=made["as_is"], data={"name": " ", "goals": ["x"]})
    assert "name" in caught.value.message_dict


def test_stages_cover_runs_of_steps_from_the_form(client, erin, made):
    client.force_login(erin)
    steps = documents.map_to_schema(made["as_is"]).steps
    response = client.post(url("map_stages", made), {
        "stages-TOTAL_FORMS": "3", "stages-INITIAL_FORMS": "0",
        "stages-0-name": "Wait", "stages-0-first_step": steps[2].id,
        "stages-1-name": "Apply", "stages-1-first_step": steps[0].id,
        "stages-2-name": ""})
    assert response.status_code == 302
    stored = documents.map_to_schema(fresh(made["as_is"]))
    assert [stage.name for stage in stored.stages] == ["Apply", "Wait"]
    apply_id, wait_id = (stage.id for stage in stored.stages)
    assert [step.stage for step in stored.steps] == [apply_id, apply_id, wait_id, wait_id]
    assert AuditEvent.objects.filter(object_type="journeymap",
                                     after__stages__isnull=False).exists()


def test_two_stages_starting_at_one_step_are_refused_and_change_nothing(client, erin, made):
    client.force_login(erin)
    first = documents.map_to_schema(made["as_is"]).steps[0].id
    response = client.post(url("map_stages", made), {
        "stages-TOTAL_FORMS": "2", "stages-INITIAL_FORMS": "0",
        "stages-0-name": "Aware", "stages-0-first_step": first,
        "stages-1-name": "Apply", "stages-1-first_step": first})
    assert response.status_code == 200
    assert "Two stages start with the same step" in response.content.decode()
    assert JourneyMap.objects.get(pk=made["as_is"].pk).stages == []


def test_stages_whose_steps_are_not_consecutive_are_refused_by_the_service(made):
    keys = [step.key for step in made["as_is"].steps.order_by("position")]
    with pytest.raises(ValidationError, match="consecutive"):
        services.map_set_stages(
            actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
            stages=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            step_stages={keys[0]: "a", keys[1]: "b", keys[2]: "a"})


def test_custom_lanes_are_defined_filled_in_place_and_removed_with_their_values(
        client, erin, made):
    client.force_login(erin)
    response = client.post(url("map_lanes", made), {
        "lanes-TOTAL_FORMS": "1", "lanes-INITIAL_FORMS": "0",
        "lanes-0-name": "Cost per step", "lanes-0-kind": "number", "lanes-0-unit": "£",
        "shown": ["actions", "heartbeat"]})
    assert response.status_code == 302
    journey_map = JourneyMap.objects.get(pk=made["as_is"].pk)
    (lane,) = journey_map.lanes
    assert lane["name"] == "Cost per step"
    assert "thoughts" in journey_map.hidden_lanes and "heartbeat" not in journey_map.hidden_lanes
    # A lane just added is shown.
    assert lane["id"] not in journey_map.hidden_lanes

    step = journey_map.steps.order_by("position").first()
    field = f"lane__{lane['id']}"
    edit = reverse("journeys:step_edit", kwargs={
        "organisation_slug": "edinburgh", "journey_id": journey_map.journey_id,
        "map_id": journey_map.pk, "step_id": step.pk})
    response = client.post(f"{edit}?field={field}", {field: "12.5", "version": step.version})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.lanes == {lane["id"]: 12.5}
    response = client.post(f"{edit}?field={field}", {field: "a lot", "version": step.version})
    assert response.status_code == 200
    assert "Enter a number" in response.content.decode()

    client.post(url("map_lanes", made), {
        "lanes-TOTAL_FORMS": "1", "lanes-INITIAL_FORMS": "1", "lanes-0-id": lane["id"],
        "lanes-0-name": "", "lanes-0-kind": "number", "shown": ["actions"]})
    step.refresh_from_db()
    assert JourneyMap.objects.get(pk=made["as_is"].pk).lanes == []
    assert step.lanes == {}


def test_a_text_value_in_a_number_lane_is_refused_by_the_service(made):
    journey_map = made["as_is"]
    services.map_set_lanes(actor=made["actor"], context=NO_CLIENT, journey_map=journey_map,
                           lanes=[{"id": "cost", "name": "Cost", "kind": "number"}],
                           hidden_lanes=[])
    step = journey_map.steps.order_by("position").first()
    with pytest.raises(ValidationError, match="holds a number"):
        services.step_update(actor=made["actor"], context=NO_CLIENT, step=step,
                             data={"lanes": {"cost": "lots"}}, expected_version=step.version)


def test_blueprint_lanes_are_edited_in_place(client, erin, made):
    client.force_login(erin)
    step = made["as_is"].steps.order_by("position").first()
    edit = reverse("journeys:step_edit", kwargs={
        "organisation_slug": "edinburgh", "journey_id": made["as_is"].journey_id,
        "map_id": made["as_is"].pk, "step_id": step.pk})
    response = client.post(f"{edit}?field=backstage", {"backstage": "Checks the payroll",
                                                       "version": step.version})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.backstage == "Checks the payroll"


def test_the_map_page_shows_the_persona_and_the_stages(client, erin, made):
    services.map_set_persona(actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
                             data={"name": "Sam <b>", "frustrations": ["Waiting"]})
    keys = [step.key for step in made["as_is"].steps.order_by("position")]
    services.map_set_stages(actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
                            stages=[{"id": "apply", "name": "Apply"}],
                            step_stages={keys[1]: "apply", keys[2]: "apply"})
    client.force_login(erin)
    page = client.get(reverse("journeys:map", kwargs={
        "organisation_slug": "edinburgh", "journey_id": made["as_is"].journey_id,
        "map_id": made["as_is"].pk})).content.decode()
    assert "Persona: Sam &lt;b&gt;" in page
    assert 'colspan="2">Apply</th>' in page


def test_a_step_moved_into_another_stage_joins_it_so_stages_stay_consecutive(made):
    keys = [step.key for step in made["as_is"].steps.order_by("position")]
    services.map_set_stages(actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
                            stages=[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                            step_stages={keys[0]: "a", keys[1]: "a", keys[2]: "b",
                                         keys[3]: "b"})
    first = made["as_is"].steps.get(key=keys[0])
    services.step_move(actor=made["actor"], context=NO_CLIENT, step=first, position=3)
    stored = documents.map_to_schema(fresh(made["as_is"]))
    assert [(step.id, step.stage) for step in stored.steps] == [
        (keys[1], "a"), (keys[2], "b"), (keys[3], "b"), (keys[0], "b")]
    event = AuditEvent.objects.filter(object_type="step").latest("pk")
    assert (event.before, event.after) == ({"position": 1, "stage": "a"},
                                           {"position": 4, "stage": "b"})


def test_a_lane_is_edited_for_every_step_at_once(client, erin, made):
    client.force_login(erin)
    rows = list(made["as_is"].steps.order_by("position"))
    data = {f"step-{row.pk}-version": row.version for row in rows}
    data |= {f"step-{row.pk}-owner": f"Owner {index}" for index, row in enumerate(rows)}
    response = client.post(url("map_row", made, field="owner"), data)
    assert response.status_code == 302
    assert list(made["as_is"].steps.order_by("position").values_list("owner", flat=True)) == [
        "Owner 0", "Owner 1", "Owner 2", "Owner 3"]


def test_a_lane_edit_with_a_stale_step_saves_nothing(client, erin, made):
    client.force_login(erin)
    rows = list(made["as_is"].steps.order_by("position"))
    data = {f"step-{row.pk}-version": row.version for row in rows}
    data |= {f"step-{row.pk}-owner": "Me" for row in rows}
    data[f"step-{rows[-1].pk}-version"] = rows[-1].version - 1 or 99
    response = client.post(url("map_row", made, field="owner"), data)
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert set(made["as_is"].steps.values_list("owner", flat=True)) == {""}
