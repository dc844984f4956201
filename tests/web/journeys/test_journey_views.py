"""Journeys: list, create, edit; creating a map; starting a to-be map; comparing two maps."""

import pytest
from django.urls import reverse

from journeymap.web.journeys.models import Journey, JourneyMap
from tests.web.journeys.builders import journey_with_maps


def test_an_editor_creates_a_journey_then_its_as_is_map(client, erin, edinburgh):
    client.force_login(erin)
    assert client.get(reverse("journeys:list", args=["edinburgh"])).status_code == 200
    response = client.post(reverse("journeys:create", args=["edinburgh"]), {
        "title": "Claiming benefits", "service": "Benefits", "segment": "New claims",
        "organisations": "Council\nDWP\n", "departments": ""})
    journey = Journey.objects.get(title="Claiming benefits")
    assert journey.organisations == ["Council", "DWP"]
    assert response.url == reverse("journeys:map_create", args=["edinburgh", journey.pk])
    response = client.post(response.url, {"title": "Claiming – as is", "kind": "as_is",
                                           "owner": "Team lead", "review_by": "2027-01-31"})
    journey_map = JourneyMap.objects.get(journey=journey)
    assert (journey_map.kind, journey_map.owner, str(journey_map.review_by)) == (
        "as_is", "Team lead", "2027-01-31")
    assert response.url == reverse("journeys:step_add",
                                   args=["edinburgh", journey.pk, journey_map.pk])
    page = client.get(reverse("journeys:detail", args=["edinburgh", journey.pk]))
    assert "Claiming – as is" in page.content.decode()


def test_a_journey_needs_a_title_and_a_service(client, erin, edinburgh):
    client.force_login(erin)
    response = client.post(reverse("journeys:create", args=["edinburgh"]), {"title": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Journey.objects.exists()


def test_viewers_see_journeys_but_cannot_create_them(client, charlie, erin, edinburgh):
    journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(charlie)
    page = client.get(reverse("journeys:list", args=["edinburgh"])).content.decode()
    assert "Joining the pension scheme" in page and "Create a journey" not in page
    assert client.get(reverse("journeys:create", args=["edinburgh"])).status_code == 403


def test_editing_a_journey_is_audited(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    edit = reverse("journeys:edit", args=["edinburgh", made["journey"].pk])
    assert "New scheme members" in client.get(edit).content.decode()
    client.post(edit, {"title": "Joining", "service": "Pensions", "segment": "Everyone"})
    made["journey"].refresh_from_db()
    assert made["journey"].segment == "Everyone"


def test_map_details_owner_and_review_date_are_changed(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    details = reverse("journeys:map_details",
                      args=["edinburgh", made["journey"].pk, made["as_is"].pk])
    client.post(details, {"title": "Renamed", "owner": "Pat", "review_by": "2026-01-01"})
    made["as_is"].refresh_from_db()
    assert (made["as_is"].title, made["as_is"].owner) == ("Renamed", "Pat")


@pytest.mark.parametrize("kind", ["to_be_gold", "to_be_interim", "remap"])
def test_starting_the_next_version_copies_the_steps_linked_to_their_originals(
        client, erin, edinburgh, kind):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    response = client.post(reverse("journeys:map_copy", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk]), {"kind": kind, "title": "Next"})
    copied = JourneyMap.objects.get(title="Next")
    assert (copied.kind, copied.based_on_id) == (kind, made["as_is"].pk)
    assert [s.replaces for s in copied.steps.order_by("position")] == [["s1"], ["s2"], ["s3"]]
    assert response.url.endswith(f"/maps/{copied.pk}/")
    page = client.get(response.url).content.decode()
    assert f"?before={made['as_is'].pk}&amp;after={copied.pk}" in page


def test_a_map_is_deleted_after_confirming(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    delete = reverse("journeys:map_delete", args=["edinburgh", made["journey"].pk,
                                                  made["to_be"].pk])
    assert client.get(delete).status_code == 200
    client.post(delete)
    assert not JourneyMap.objects.filter(pk=made["to_be"].pk).exists()


def test_compare_shows_removed_added_changed_totals_and_both_curves(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    base = ["edinburgh", made["journey"].pk, made["to_be"].pk]
    steps = list(made["to_be"].steps.order_by("position"))
    client.post(reverse("journeys:step_delete", args=[*base, steps[2].pk]))
    client.post(reverse("journeys:step_edit", args=[*base, steps[0].pk]),
                {"version": "1", "name": "Step 1", "provenance": "assumed", "emotion": "2",
                 "replaces": ["s1"], "time_taken_minutes": "10", "contacts": "1",
                 "touchpoint_1_channel": "telephone", "touchpoint_1_description": "Call"})
    client.post(reverse("journeys:step_add", args=base), {"name": "Welcome pack",
                                                          "provenance": "assumed"})
    page = client.get(reverse("journeys:compare", args=["edinburgh", made["journey"].pk]), {
        "before": made["as_is"].pk, "after": made["to_be"].pk}).content.decode()
    removed = page[page.index('id="compare-removed"'):page.index("Added (")]
    added = page[page.index('id="compare-added"'):page.index("Changed (")]
    changed = page[page.index('id="compare-changed"'):page.index("Both emotion curves")]
    assert "Step 3" in removed and "Step 1" not in removed
    assert "Welcome pack" in added
    assert "Step 1: emotion" in changed
    assert 'img src="data:image/svg+xml;base64,' in page
    totals = page[page.index("Totals"):page.index("Removed (")]
    assert ">3</td>" in totals and ">-1</td>" in totals  # 3 steps to 3; contacts 3 to 2


def test_compare_refuses_a_map_of_another_journey(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    other = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = client.get(reverse("journeys:compare", args=["edinburgh", made["journey"].pk]), {
        "before": made["as_is"].pk, "after": other["as_is"].pk}).content.decode()
    assert "govuk-error-summary" in page and "Totals" not in page


def test_compare_claims_no_time_saved_where_the_to_be_map_has_no_times(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    client.force_login(erin)
    base = ["edinburgh", made["journey"].pk, made["to_be"].pk]
    for step in made["to_be"].steps.order_by("position"):
        client.post(reverse("journeys:step_edit", args=[*base, step.pk]), {
            "version": str(step.version), "name": step.name, "provenance": "assumed",
            "replaces": [step.key], "time_taken_minutes": "", "contacts": "1",
            "touchpoint_1_channel": "telephone", "touchpoint_1_description": "Call"})
    page = client.get(reverse("journeys:compare", args=["edinburgh", made["journey"].pk]), {
        "before": made["as_is"].pk, "after": made["to_be"].pk}).content.decode()
    totals = page[page.index("Totals"):page.index("Removed (")]
    time_row = totals[totals.index("Time, in minutes"):totals.index("Contacts (where known)")]
    assert "not comparable" in time_row  # unknown is never 0: no minutes "saved"
    time_line = page[page.index('id="compare-time"'):]
    time_line = time_line[:time_line.index("</p>")]
    assert "3 of 6 steps timed" in time_line
    assert "no change can be compared" in time_line
