"""Linking a dataset's activities to a map's steps, and its figures on the map page."""

import base64
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import services
from journeymap.web.datasets.models import MapLink
from journeymap.web.journeys.models import MapRevision, Step
from tests.web.datasets.builders import council_tax_map, imported, linked
from tests.web.journeys.builders import actor_of


def link_url(dataset, journey_map):
    return reverse("datasets:link", args=[dataset.organisation.slug, dataset.pk,
                                          journey_map.pk])


def map_url(journey_map):
    return reverse("journeys:map", args=[journey_map.organisation.slug,
                                         journey_map.journey_id, journey_map.pk])


def figures_section(page: str) -> str:
    return page[page.index('id="data-figures"'):]


def test_the_link_page_suggests_steps_by_name_and_saving_links_them(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    journey_map = council_tax_map(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = client.get(link_url(dataset, journey_map)).content.decode()
    assert "are suggestions" in page
    # "Form checked" is suggested for the step of the same name; "Home visit" for none.
    form_field = re.search(r'<label class="govuk-label" for="(id_activity_\d)">Form checked<',
                           page).group(1)
    select = page[page.index(f'id="{form_field}"'):].split("</select>")[0]
    assert '<option value="form" selected>' in select
    home_field = re.search(r'for="(id_activity_\d)">Home visit<', page).group(1)
    home_select = page[page.index(f'id="{home_field}"'):].split("</select>")[0]
    assert '<option value="" selected>' in home_select
    fields = {f"activity_{index}": "" for index in range(3)}
    fields[form_field.removeprefix("id_")] = "form"
    call_field = re.search(r'for="(id_activity_\d)">Phone call<', page).group(1)
    fields[call_field.removeprefix("id_")] = "call"
    response = client.post(link_url(dataset, journey_map), fields)
    assert response.status_code == 302
    assert response["Location"].endswith(map_url(journey_map) + "#data-figures")
    link = MapLink.objects.get(dataset=dataset, journey_map=journey_map)
    assert link.steps == {"Form checked": "form", "Phone call": "call"}
    event = AuditEvent.objects.filter(object_type="map_link").latest("pk")
    assert (event.action, event.actor_label, event.after) == (
        "create", "erin", {"steps": {"Form checked": "form", "Phone call": "call"}})
    # Once saved, the page shows the saved links, not suggestions.
    assert "are suggestions" not in client.get(link_url(dataset, journey_map)).content.decode()


def test_the_map_shows_each_steps_figures_in_a_table_and_a_data_lane(client, charlie, erin,
                                                                      edinburgh):
    # 14 cases phone (a contact: it has a channel); 12 then have their form checked 2.5 h later.
    link = linked(organisation=edinburgh, user=erin)
    client.force_login(charlie)  # a viewer reads it
    page = client.get(map_url(link.journey_map)).content.decode()
    section = figures_section(page)
    assert "From the data: Council Tax contacts" in section
    assert "Events with a value in the channel column" in section
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', section, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows[1:]]
    assert [cell.strip() for cell in cells[0][:7]] == [
        "1. Phone the council", "Phone call", "14", "14", "0", "0", "2.5 h"]
    assert [cell.strip() for cell in cells[1][:7]] == [
        "2. Form checked", "Form checked", "12", "0", "0", "0", "–"]
    assert "No activity linked" in rows[3]
    route = dict(re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt><dd '
                            r'class="govuk-summary-list__value">(.*?)</dd>', section))
    assert route["Followed the mapped order"] == "14"
    assert route["Went back to an earlier step"] == "0"
    assert "Fill time and contacts" not in section  # a viewer cannot
    picture = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', section).group(1)
    svg = base64.b64decode(picture).decode()
    assert "From the data: Council Tax contacts" in svg
    assert "14 cases reached it" in svg
    assert "no activity linked" in svg


def test_without_a_contact_definition_contacts_are_not_known(client, erin, edinburgh):
    mapping = {"case": "Case ID", "time": "Timestamp", "activity": "Activity", "channel": None,
               "service": None, "organisation": None, "reason": None, "outcome": None}
    dataset = imported(organisation=edinburgh, user=erin, mapping=mapping, contacts=None)
    link = linked(organisation=edinburgh, user=erin, dataset=dataset)
    client.force_login(erin)
    section = figures_section(client.get(map_url(link.journey_map)).content.decode())
    assert "contact figures are not known" in section
    assert section.count(">not known<") == 6  # contacts, repeat and avoidable of two steps


def test_small_counts_are_withheld_on_the_map(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    journey_map = council_tax_map(organisation=edinburgh, user=erin)
    services.map_link_save(actor=actor_of(erin, edinburgh), context=NO_CLIENT, dataset=dataset,
                           journey_map=journey_map, links={"Home visit": "decide"})
    client.force_login(erin)
    section = figures_section(client.get(map_url(journey_map)).content.decode())
    row = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', section, re.S)[3]
    assert "3. Get a decision" in row
    assert ">2<" not in row and "not shown" in row  # 2 cases had a home visit


def test_links_naming_what_the_dataset_or_map_lacks_are_refused(erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    journey_map = council_tax_map(organisation=edinburgh, user=erin)
    with pytest.raises(ValidationError) as refused:
        services.map_link_save(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                               dataset=dataset, journey_map=journey_map,
                               links={"Fax": "call", "Phone call": "gone"})
    assert refused.value.messages == ["The dataset has no activity “Fax”.",
                                      "The map has no step with the id “gone”."]
    assert not MapLink.objects.exists()


def test_saving_no_links_removes_the_dataset_from_the_map(erin, edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    assert services.map_link_save(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                  dataset=link.dataset, journey_map=link.journey_map,
                                  links={}) is None
    assert not MapLink.objects.exists()
    assert AuditEvent.objects.filter(object_type="map_link").latest("pk").action == "delete"


def test_filling_a_step_from_the_data_marks_it_supported_and_makes_a_revision(client, erin,
                                                                              edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    step = Step.objects.get(journey_map=link.journey_map, key="call")
    revisions = MapRevision.objects.filter(journey_map=link.journey_map).count()
    client.force_login(erin)
    url = reverse("datasets:step_fill", args=[edinburgh.slug, link.dataset_id,
                                              link.journey_map_id, step.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    step.refresh_from_db()
    # Median 2.5 h from the call to the form check; 14 contacts over 14 cases.
    assert (step.provenance, step.time_taken_minutes, step.contacts) == ("data", 150.0, 1)
    assert MapRevision.objects.filter(journey_map=link.journey_map).count() == revisions + 1
    link.refresh_from_db()
    assert link.supported_steps == ["call"]
    page = client.get(map_url(link.journey_map)).content.decode()
    assert "Supported by data: Council Tax contacts" in figures_section(page)


def test_a_step_with_no_linked_activity_cannot_be_filled(erin, edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    step = Step.objects.get(journey_map=link.journey_map, key="decide")
    with pytest.raises(ValidationError, match="No activity of Council Tax contacts"):
        services.step_fill_from_data(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                     link=link, step=step)


def test_a_viewer_cannot_link_or_fill(client, charlie, erin, edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    client.force_login(charlie)
    assert client.get(link_url(link.dataset, link.journey_map)).status_code == 403
    step = Step.objects.get(journey_map=link.journey_map, key="call")
    assert client.post(reverse("datasets:step_fill", args=[
        edinburgh.slug, link.dataset_id, link.journey_map_id, step.pk])).status_code == 403
