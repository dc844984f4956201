"""A segment's persona: set from research on the segment, audited, and taken by a map of one of
its journeys with `segment_ref` naming the segment."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys.models import JourneyMap
from journeymap.web.segments import services
from tests.web.journeys.builders import actor_of, journey_with_maps
from tests.web.segments.builders import pension_segments

MORAG = {"name": "Morag", "description": "64, retiring on ill-health grounds",
         "needs": ["To know what she will be paid"], "goals": ["Retire this year"],
         "frustrations": ["Forms sent twice"]}


@pytest.fixture
def world(erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    segment = pension_segments(organisation=edinburgh, user=erin)[2]
    actor = actor_of(erin, edinburgh)
    services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                 segment=segment)
    return {**made, "segment": segment, "actor": actor}


def test_a_segments_persona_is_validated_audited_and_names_its_segment(world):
    segment = services.segment_set_persona(actor=world["actor"], context=NO_CLIENT,
                                           segment=world["segment"],
                                           persona={**MORAG, "segment_ref": "elsewhere"})
    segment.refresh_from_db()
    assert segment.persona == {**MORAG, "segment_ref": str(segment.pk)}
    event = AuditEvent.objects.get(object_type="segment", action="change")
    assert (event.before, event.after) == ({"persona": None}, {"persona": segment.persona})
    with pytest.raises(ValidationError) as error:
        services.segment_set_persona(actor=world["actor"], context=NO_CLIENT, segment=segment,
                                     persona={"name": ""})
    assert "name" in error.value.message_dict
    services.segment_set_persona(actor=world["actor"], context=NO_CLIENT, segment=segment,
                                 persona=None)
    segment.refresh_from_db()
    assert segment.persona is None
    assert AuditEvent.objects.filter(object_type="segment", action="change").count() == 2


def test_a_map_takes_the_segments_persona_as_a_new_audited_revision(world):
    services.segment_set_persona(actor=world["actor"], context=NO_CLIENT,
                                 segment=world["segment"], persona=MORAG)
    revision = world["as_is"].revision
    services.map_take_segment_persona(actor=world["actor"], context=NO_CLIENT,
                                      journey_map=world["as_is"])
    journey_map = JourneyMap.objects.get(pk=world["as_is"].pk)
    assert journey_map.persona == {**MORAG, "segment_ref": str(world["segment"].pk)}
    assert journey_map.revision == revision + 1
    event = AuditEvent.objects.filter(object_type="journeymap", action="change").latest("pk")
    assert event.after["persona"]["segment_ref"] == str(world["segment"].pk)


def test_a_map_cannot_take_a_persona_its_segment_does_not_have(world):
    with pytest.raises(ValidationError, match="has no persona"):
        services.map_take_segment_persona(actor=world["actor"], context=NO_CLIENT,
                                          journey_map=world["as_is"])
    services.journey_set_segment(actor=world["actor"], context=NO_CLIENT,
                                 journey=world["journey"], segment=None)
    world["as_is"].journey.refresh_from_db()
    with pytest.raises(ValidationError, match="names no segment"):
        services.map_take_segment_persona(actor=world["actor"], context=NO_CLIENT,
                                          journey_map=world["as_is"])
    assert JourneyMap.objects.get(pk=world["as_is"].pk).persona is None


def test_the_segment_page_edits_the_persona_and_its_maps_take_it(client, world, erin):
    client.force_login(erin)
    segment = world["segment"]
    response = client.post(reverse("segments:persona", args=["edinburgh", segment.pk]), {
        "name": "Morag <b>", "description": "", "needs": "Money\n\n Clarity ",
        "goals": "", "frustrations": ""})
    assert response.status_code == 302
    segment.refresh_from_db()
    assert segment.persona["needs"] == ["Money", "Clarity"]
    page = client.get(response.url).content.decode()
    assert "Morag &lt;b&gt;" in page and "Use the segment's persona" in page
    client.post(reverse("segments:map_persona",
                        args=["edinburgh", segment.pk, world["to_be"].pk]))
    assert JourneyMap.objects.get(pk=world["to_be"].pk).persona["name"] == "Morag <b>"


def test_a_map_of_another_segments_journey_is_not_found(client, world, erin, edinburgh):
    other = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    response = client.post(reverse("segments:map_persona", args=[
        "edinburgh", world["segment"].pk, other["as_is"].pk]))
    assert response.status_code == 404
