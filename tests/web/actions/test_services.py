"""Improvement actions' services: what an action links to and defaults to, its status and the
date it was done, the ticket link, and the to-be map drafted from the accepted actions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from journeymap.web.actions import selectors, services
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import JourneyMap, Step
from tests.web.actions.builders import action_on
from tests.web.evidence.builders import interview_with_observations
from tests.web.indicators.builders import indicator_with_measurement
from tests.web.journeys.builders import actor_of, journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    steps = list(Step.objects.filter(journey_map=made["as_is"]).order_by("position"))
    journey_services.step_update(actor=made["actor"], context=NO_CLIENT, step=steps[0],
                                 expected_version=steps[0].version,
                                 data={"owner": "Benefits Operations Manager",
                                       "pain_points": ["Forms come back wrong"]})
    steps[0].refresh_from_db()
    return {**made, "steps": steps}


def test_an_action_is_owned_by_its_first_steps_owner_by_default_and_audited(made, edinburgh,
                                                                            erin):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                       steps=made["steps"][:2], pain_points=["Forms come back wrong"])
    assert action.owner == "Benefits Operations Manager"
    assert list(action.steps.order_by("position")) == made["steps"][:2]
    event = AuditEvent.objects.filter(object_type="improvementaction").get()
    assert (event.action, event.actor_label, event.after["steps"]) == (
        "create", "erin", sorted(step.pk for step in made["steps"][:2]))


def test_a_named_owner_is_kept(made, edinburgh, erin):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                       steps=made["steps"][:1], owner="Customer Services Manager")
    assert action.owner == "Customer Services Manager"


def test_a_pain_point_must_be_written_on_a_step_it_answers(made, edinburgh, erin):
    with pytest.raises(ValidationError, match="is not a pain point of the steps chosen"):
        action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                  steps=made["steps"][1:2], pain_points=["Forms come back wrong"])


def test_a_step_of_another_journeys_map_is_refused(made, edinburgh, erin):
    other = journey_with_maps(organisation=edinburgh, user=erin)
    with pytest.raises(ValidationError, match="on another journey's map"):
        action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                  steps=[other["as_is"].steps.first()])


def test_the_indicator_it_should_move_is_one_of_the_journeys_and_survives_its_deletion(
        made, edinburgh, erin):
    from journeymap.web.indicators import services as indicator_services

    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    other = journey_with_maps(organisation=edinburgh, user=erin)
    elsewhere = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=other["journey"])
    with pytest.raises(ValidationError, match="“Complaints” is another journey's"):
        services.action_create(actor=made["actor"], context=NO_CLIENT, journey=made["journey"],
                               data={"title": "Fewer complaints", "category": "policy"},
                               indicator=elsewhere)
    action = services.action_create(actor=made["actor"], context=NO_CLIENT,
                                    journey=made["journey"], indicator=indicator,
                                    data={"title": "Fewer complaints", "category": "policy"})
    assert AuditEvent.objects.filter(object_type="improvementaction").get().after[
        "indicator"] == indicator.pk
    indicator_services.indicator_delete(actor=made["actor"], context=NO_CLIENT,
                                        indicator=indicator)
    action.refresh_from_db()
    assert action.indicator is None and action.title == "Fewer complaints"


def test_observations_of_the_journeys_steps_are_linked(made, edinburgh, erin):
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                       observations=research["observations"][1:2])
    (row,) = selectors.actions_for_journey(organisation=edinburgh, journey=made["journey"])
    assert row.observations == (research["observations"][1],) and row.action == action


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://tickets.example/1",
                                 "not a url"])
def test_a_ticket_link_must_be_http_or_https(made, edinburgh, erin, url):
    with pytest.raises(ValidationError) as raised:
        action_on(organisation=edinburgh, user=erin, journey=made["journey"], ticket_url=url)
    assert "ticket_url" in raised.value.message_dict


def test_marking_done_dates_it_and_reopening_clears_the_date(made, edinburgh, erin):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    actor = actor_of(erin, edinburgh)
    services.action_set_status(actor=actor, context=NO_CLIENT, action=action, status="done")
    assert (action.status, action.done_on) == ("done", timezone.localdate())
    services.action_set_status(actor=actor, context=NO_CLIENT, action=action,
                               status="in_progress")
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("in_progress", None)
    changes = AuditEvent.objects.filter(object_type="improvementaction", action="change")
    assert [event.after["status"] for event in changes.order_by("pk")] == ["done", "in_progress"]


def test_the_first_action_done_schedules_one_evaluation_a_year_on(made, edinburgh, erin):
    from journeymap.web.indicators.models import Evaluation

    first = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    second = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    actor = actor_of(erin, edinburgh)
    services.action_set_status(actor=actor, context=NO_CLIENT, action=first, status="accepted")
    assert not Evaluation.objects.filter(journey=made["journey"]).exists()
    services.action_set_status(actor=actor, context=NO_CLIENT, action=first, status="done")
    services.action_set_status(actor=actor, context=NO_CLIENT, action=second, status="done")
    evaluation = Evaluation.objects.get(journey=made["journey"])
    today = timezone.localdate()
    assert evaluation.actions_taken_on == today
    assert evaluation.months == 12
    assert evaluation.due_on.month == today.month
    assert evaluation.due_on.year == today.year + 1


def test_overdue_is_past_due_and_not_finished(made, edinburgh, erin):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Late",
                     due_on=yesterday)
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Done late",
              due_on=yesterday, status="done")
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Undated")
    rows = selectors.actions_for_journey(organisation=edinburgh, journey=made["journey"])
    assert [(row.action.title, row.overdue) for row in rows] == [
        ("Late", True), ("Done late", False), ("Undated", False)]
    assert rows[0].action == late


@pytest.mark.parametrize(("effect", "count", "message"), [
    ("merge", 1, "two or more steps"), ("remove", 0, "needs the step"),
    ("add_after", 2, "the one step"),
])
def test_an_effect_needs_the_right_steps(made, edinburgh, erin, effect, count, message):
    with pytest.raises(ValidationError, match=message):
        action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                  steps=made["steps"][:count], effect=effect, effect_step_name="New")


def test_a_to_be_map_is_drafted_from_the_accepted_actions_only(made, edinburgh, erin):
    steps = made["steps"]
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Cut step 3",
              steps=[steps[2]], effect="remove", status="accepted")
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Join 1 and 2",
              steps=steps[:2], effect="merge", effect_step_name="Apply once",
              status="in_progress")
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Not agreed",
              steps=[steps[0]], effect="add_after", effect_step_name="Wait", status="proposed")
    source = journey_selectors.map_get(organisation=edinburgh, journey_id=made["journey"].pk,
                                       map_id=made["as_is"].pk)
    drafted = services.to_be_generate(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                      source=source, title="Joining – to be (actions)")
    assert (drafted.kind, drafted.based_on, drafted.journey) == (
        "to_be_gold", made["as_is"], made["journey"])
    (merged,) = drafted.steps.order_by("position")
    assert (merged.name, merged.replaces, merged.time_taken_minutes, merged.contacts) == (
        "Apply once", ["s1", "s2"], 20.0, 2)
    event = AuditEvent.objects.filter(object_type="journeymap", object_id=str(drafted.pk),
                                      after__has_key="drafted_from_map").get()
    assert event.after["drafted_from_map"] == made["as_is"].pk
    assert len(event.after["actions"]) == 2


def test_conflicting_accepted_actions_are_refused_naming_both_and_nothing_is_made(made,
                                                                                  edinburgh,
                                                                                  erin):
    steps = made["steps"]
    for title, effect in (("Cut it", "remove"), ("Join it", "merge")):
        action_on(organisation=edinburgh, user=erin, journey=made["journey"], title=title,
                  steps=steps[:2], effect=effect, status="accepted")
    maps_before = JourneyMap.objects.count()
    with pytest.raises(ValidationError, match="changed by both 'Cut it' and 'Join it'"):
        services.to_be_generate(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                source=made["as_is"], title="To be")
    assert JourneyMap.objects.count() == maps_before


def test_another_organisations_step_observation_or_member_cannot_be_linked(made, edinburgh,
                                                                           erin, stoke, bob):
    from django.core.exceptions import PermissionDenied

    from journeymap.web.accounts.models import Membership
    from tests.web.test_tenant_isolation import database_snapshot

    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    own = journey_with_maps(organisation=stoke, user=bob)
    intruder = actor_of(bob, stoke)
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    links = [{"steps": made["steps"][:1]}, {"observations": research["observations"][:1]},
             {"owner_member": Membership.objects.get(user=erin, organisation=edinburgh)},
             {"indicator": indicator}]
    before = database_snapshot()
    for link in links:
        with pytest.raises(PermissionDenied):
            services.action_create(actor=intruder, context=NO_CLIENT, journey=own["journey"],
                                   data={"title": "Mallory", "category": "policy"}, **link)
    assert database_snapshot() == before
