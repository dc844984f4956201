"""Evidence services: audited, participants counted not named, observations on a step of the
same organisation, and retention that deletes what has passed its date and records it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from journeymap.web.accounts.actors import Permission, SystemActor
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.evidence import selectors, services
from journeymap.web.evidence.models import Observation, ResearchActivity
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import actor_of, journey_with_maps


@pytest.fixture
def research(erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    return {**made, **interview_with_observations(organisation=edinburgh, user=erin,
                                                  journey_map=made["as_is"])}


def test_an_interview_with_three_observations_is_recorded_and_audited(research):
    activity = research["activity"]
    assert activity.observations.count() == 3
    created = AuditEvent.objects.filter(action="create")
    assert created.filter(object_type="researchactivity").get().after["participants"] == 6
    assert created.filter(object_type="observation").count() == 3
    step = research["steps"][1]
    [found] = selectors.evidence_for_step(step=step)
    assert (found.note, found.pain_point, found.participant) == ("Quote 2", True, 2)


def test_a_participant_number_beyond_the_count_is_refused(research, erin, edinburgh):
    with pytest.raises(ValidationError, match="6 participant"):
        services.observation_add(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                 activity=research["activity"], step=research["steps"][0],
                                 data={"note": "x", "participant": 7})
    with pytest.raises(ValidationError, match="participant 3"):
        services.activity_update(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                 activity=research["activity"], data={"participants": 2})


def test_an_observation_needs_its_note_and_a_feeling_on_the_scale(research, erin, edinburgh):
    with pytest.raises(ValidationError) as caught:
        services.observation_add(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                 activity=research["activity"], step=research["steps"][0],
                                 data={"note": "", "feeling": 3})
    assert set(caught.value.error_dict) == {"note", "feeling"}


def test_an_observation_cannot_point_at_another_organisations_step(research, bob, stoke):
    theirs = journey_with_maps(organisation=stoke, user=bob)
    own = services.activity_create(actor=actor_of(bob, stoke), context=NO_CLIENT, data={
        "title": "Own", "kind": "survey", "objectives": "x",
        "retain_until": datetime.date(2030, 1, 1)})
    with pytest.raises(PermissionDenied):
        services.observation_add(actor=actor_of(bob, stoke), context=NO_CLIENT, activity=own,
                                 step=research["steps"][0], data={"note": "x"})
    assert theirs["as_is"].steps.count() == 3 and not own.observations.exists()


def test_removing_a_step_keeps_its_evidence_saying_so(research, erin, edinburgh):
    from journeymap.web.journeys import services as journey_services

    journey_services.step_delete(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                 step=research["steps"][0])
    assert Observation.objects.filter(step=None).count() == 1


def test_retention_deletes_only_what_passed_its_date_in_its_organisation_and_records_it(
        research, erin, edinburgh, bob, stoke):
    theirs = journey_with_maps(organisation=stoke, user=bob)
    interview_with_observations(organisation=stoke, user=bob, journey_map=theirs["as_is"],
                                retain_until=datetime.date(2026, 1, 1))
    kept = interview_with_observations(organisation=edinburgh, user=erin,
                                       journey_map=research["as_is"],
                                       retain_until=datetime.date(2027, 6, 1))
    services.activity_update(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                             activity=research["activity"],
                             data={"retain_until": datetime.date(2027, 4, 30)})
    task = SystemActor(task="retention", organisation_id=edinburgh.pk,
                       permissions=frozenset({Permission.EDIT}))
    removed = services.retention_sweep(actor=task, context=NO_CLIENT,
                                       today=datetime.date(2027, 5, 1))
    assert removed == ["Interviews with new claimants"]
    assert list(ResearchActivity.objects.filter(organisation=edinburgh)) == [kept["activity"]]
    assert ResearchActivity.objects.filter(organisation=stoke).count() == 1
    assert Observation.objects.filter(organisation=edinburgh).count() == 3
    event = AuditEvent.objects.filter(action="delete").get()
    assert (event.actor_label, event.before["observations"], event.before["reason"]) == (
        "system (retention)", 3, "retention date passed")
    assert "Quote" not in str(event.before)


def test_what_customers_said_never_enters_the_append_only_audit_log(research, erin, edinburgh):
    services.observation_delete(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                observation=research["observations"][0])
    logged = str(list(AuditEvent.objects.values("before", "after", "object_label")))
    assert "Quote" not in logged and "Four of six rang" not in logged
    assert "participant" in logged
