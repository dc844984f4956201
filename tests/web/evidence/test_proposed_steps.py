"""Steps customers described that the map lacks: proposed from research, accepted into the
map's next version (as reported by customers, in the place they gave), or declined."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.evidence import services
from journeymap.web.evidence.models import ProposedStep
from journeymap.web.journeys import services as journey_services
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import actor_of, journey_with_maps


@pytest.fixture
def research(erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    return {**made, **interview_with_observations(organisation=edinburgh, user=erin,
                                                  journey_map=made["as_is"])}


def names(journey_map) -> list[str]:
    return list(journey_map.steps.order_by("position").values_list("name", flat=True))


def test_accepting_puts_the_step_in_the_next_version_where_customers_said(research, erin,
                                                                          edinburgh):
    step = services.proposed_step_accept(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                         proposal=research["proposal"], into=research["to_be"])
    assert names(research["to_be"]) == ["Step 1", "Ring to check the form arrived", "Step 2",
                                        "Step 3"]
    assert (step.provenance, step.customer_does) == ("reported", "Four of six rang to check")
    assert names(research["as_is"]) == ["Step 1", "Step 2", "Step 3"]
    research["proposal"].refresh_from_db()
    assert (research["proposal"].status, research["proposal"].accepted_step) == ("accepted",
                                                                                 step)
    assert AuditEvent.objects.filter(object_type="proposedstep", action="change").get(
    ).after["step"] == step.pk


def test_a_proposal_is_decided_once(research, erin, edinburgh):
    actor = actor_of(erin, edinburgh)
    services.proposed_step_decline(actor=actor, context=NO_CLIENT, proposal=research["proposal"])
    with pytest.raises(ValidationError, match="already declined"):
        services.proposed_step_accept(actor=actor, context=NO_CLIENT,
                                      proposal=research["proposal"], into=research["to_be"])
    assert len(names(research["to_be"])) == 3


def test_a_proposal_goes_only_into_a_map_of_its_journey(research, erin, edinburgh):
    other = journey_with_maps(organisation=edinburgh, user=erin)
    with pytest.raises(ValidationError, match="same journey"):
        services.proposed_step_accept(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                      proposal=research["proposal"], into=other["as_is"])


def test_the_place_must_be_a_step_of_the_map(research, erin, edinburgh):
    with pytest.raises(ValidationError, match="another map"):
        services.proposed_step_add(
            actor=actor_of(erin, edinburgh), context=NO_CLIENT, activity=research["activity"],
            journey_map=research["to_be"], after_step=research["steps"][0],
            data={"name": "x"})


def test_a_step_proposed_at_the_start_goes_first_and_one_after_a_lost_step_goes_last(
        research, erin, edinburgh):
    actor = actor_of(erin, edinburgh)
    first = services.proposed_step_add(actor=actor, context=NO_CLIENT,
                                       activity=research["activity"],
                                       journey_map=research["as_is"], after_step=None,
                                       data={"name": "Hear about the scheme"})
    services.proposed_step_accept(actor=actor, context=NO_CLIENT, proposal=first,
                                  into=research["to_be"])
    to_be_first = research["to_be"].steps.order_by("position")[1]  # "Step 1" of the to-be
    journey_services.step_delete(actor=actor, context=NO_CLIENT, step=to_be_first)
    services.proposed_step_accept(actor=actor, context=NO_CLIENT, proposal=research["proposal"],
                                  into=research["to_be"])
    assert names(research["to_be"]) == ["Hear about the scheme", "Step 2", "Step 3",
                                        "Ring to check the form arrived"]


def test_proposing_and_accepting_through_the_pages(client, research, erin):
    client.force_login(erin)
    activity = research["activity"]
    detail = reverse("evidence:detail", args=["edinburgh", activity.pk])
    assert "Ring to check the form arrived" in client.get(detail).content.decode()
    client.post(reverse("evidence:proposed_step_add", args=["edinburgh", activity.pk]), {
        "place": f"s{research['steps'][2].pk}", "name": "Wait for the pension statement"})
    proposal = ProposedStep.objects.get(name="Wait for the pension statement")
    assert proposal.after_step == research["steps"][2]
    accept = reverse("evidence:proposed_step_accept", args=["edinburgh", activity.pk,
                                                            proposal.pk])
    page = client.get(accept).content.decode()
    assert "Joining – to be" in page
    response = client.post(accept, {"into": research["to_be"].pk})
    assert response.status_code == 302
    assert names(research["to_be"])[-1] == "Wait for the pension statement"
    decline = reverse("evidence:proposed_step_decline", args=["edinburgh", activity.pk,
                                                              research["proposal"].pk])
    client.post(decline)
    research["proposal"].refresh_from_db()
    assert research["proposal"].status == "declined"
