"""Research pages: recording an activity, adding observations, the evidence behind a step."""

from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.evidence import services
from journeymap.web.evidence.models import Observation, ResearchActivity
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import actor_of, journey_with_maps


def test_an_editor_records_an_interview_then_an_observation_on_a_step(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    step = made["as_is"].steps.order_by("position").first()
    client.force_login(erin)
    create = reverse("evidence:create", args=["edinburgh"])
    assert "One-to-one interview" in client.get(create).content.decode()
    response = client.post(create, {
        "title": "Claimant interviews", "kind": "interview", "objectives": "Why claims stall",
        "participants": "6", "sample_make_up": "3 women and 3 men", "consent_recorded": "on",
        "retain_until": "2028-01-31"})
    activity = ResearchActivity.objects.get()
    assert (activity.participants, activity.consent_recorded, activity.held_on) == (
        6, True, None)
    page = client.get(response.url).content.decode()
    assert "Add an observation" in page and step.name in page
    client.post(reverse("evidence:observation_add", args=["edinburgh", activity.pk]), {
        "step": step.pk, "participant": "2", "note": "<b>I rang three times</b>",
        "feeling": "-2", "channel": "telephone", "pain_point": "on"})
    observation = Observation.objects.get()
    assert (observation.step_id, observation.feeling, observation.pain_point) == (
        step.pk, -2, True)
    page = client.get(response.url).content.decode()
    assert "&lt;b&gt;I rang three times&lt;/b&gt;" in page and "Participant 2" in page


def test_an_observation_with_a_bad_participant_is_shown_back_with_the_error(client, erin,
                                                                            edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    client.force_login(erin)
    page = client.post(reverse("evidence:observation_add",
                               args=["edinburgh", research["activity"].pk]),
                       {"step": research["steps"][0].pk, "participant": "9",
                        "note": "x"}).content.decode()
    assert "govuk-error-summary" in page and "6 participant" in page
    assert Observation.objects.count() == 3


def test_a_step_shows_all_the_evidence_behind_it(client, charlie, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    step = research["steps"][1]
    client.force_login(charlie)
    page = client.get(reverse("evidence:step_evidence", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, step.pk])).content.decode()
    assert "1 observation from research supports this step" in page
    assert "Quote 2" in page and "Pain point" in page and "Quote 1" not in page
    listing = client.get(reverse("evidence:list", args=["edinburgh"])).content.decode()
    assert "Interviews with new claimants" in listing and "Record a research" not in listing


def test_viewers_cannot_record_or_remove_research(client, charlie, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    client.force_login(charlie)
    activity = research["activity"]
    for url in (reverse("evidence:create", args=["edinburgh"]),
                reverse("evidence:delete", args=["edinburgh", activity.pk]),
                reverse("evidence:observation_delete",
                        args=["edinburgh", activity.pk, research["observations"][0].pk])):
        assert client.post(url, {"title": "x"}).status_code == 403
    assert Observation.objects.count() == 3


def test_editing_and_deleting_an_activity(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    activity = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])["activity"]
    client.force_login(erin)
    edit = reverse("evidence:edit", args=["edinburgh", activity.pk])
    assert "Why do claims stall" in client.get(edit).content.decode()
    client.post(edit, {"title": "Renamed", "kind": "focus_group", "objectives": "x",
                       "participants": "8", "retain_until": "2029-01-01"})
    activity.refresh_from_db()
    assert (activity.title, activity.kind, activity.participants) == ("Renamed", "focus_group", 8)
    client.post(reverse("evidence:delete", args=["edinburgh", activity.pk]))
    assert not ResearchActivity.objects.exists() and not Observation.objects.exists()


def test_the_map_page_counts_the_observations_behind_each_step(client, charlie, erin,
                                                               edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    services.observation_add(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                             activity=research["activity"], step=research["steps"][0],
                             data={"note": "Second voice on step 1"})
    client.force_login(charlie)
    page = client.get(reverse("journeys:map", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk])).content.decode()
    section = page[page.index("Research behind each step"):]
    counts = [cell.split("<")[0] for cell in section.split(
        'govuk-table__cell--numeric">')[1:4]]
    assert counts == ["2", "1", "1"]
    to_be = client.get(reverse("journeys:map", args=[
        "edinburgh", made["journey"].pk, made["to_be"].pk])).content.decode()
    assert to_be.count("None yet") == 3


def test_a_steps_provenance_is_set_from_its_evidence(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    step = research["steps"][0]
    args = ["edinburgh", made["journey"].pk, made["as_is"].pk, step.pk]
    client.force_login(erin)
    page = client.get(reverse("evidence:step_evidence", args=args)).content.decode()
    assert "Provenance on the map: Assumed" in page
    assert '<option value="reported" selected>' in page  # an interview: told by customers
    client.post(reverse("evidence:step_provenance", args=args),
                {"provenance": "reported", "version": step.version})
    step.refresh_from_db()
    assert step.provenance == "reported"
    stale = client.post(reverse("evidence:step_provenance", args=args),
                        {"provenance": "observed", "version": step.version - 1}, follow=True)
    assert "Someone else changed this step" in stale.content.decode()
    step.refresh_from_db()
    assert step.provenance == "reported"


def test_the_strongest_kind_of_evidence_sets_the_suggestion():
    from journeymap.web.evidence.models import provenance_from

    assert provenance_from(["survey", "interview"]) == "reported"
    assert provenance_from(["survey", "mystery_shopping"]) == "observed"
    assert provenance_from(["complaints"]) == "data"
    assert provenance_from([]) is None
