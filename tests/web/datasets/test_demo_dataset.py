"""The demo's contact log: imported through the real path and linked to its map, with figures."""

import re

from django.urls import reverse

from journeymap.web.datasets.models import Dataset, MapLink
from journeymap.web.demo_data import DEMO_LINKS, demo_dataset_load, demo_journeys_load
from tests.web.journeys.builders import actor_of


def test_the_demo_has_a_linked_dataset_with_figures_on_its_map(client, erin, edinburgh):
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    dataset = demo_dataset_load(actor=actor_of(erin, edinburgh))
    assert dataset.status == Dataset.Status.READY
    assert dataset.cases == 600
    link = MapLink.objects.get(dataset=dataset)
    assert link.journey_map.title == "Claiming benefits – as is"
    assert link.steps == dict(sorted(DEMO_LINKS.items()))
    client.force_login(erin)
    page = client.get(reverse("journeys:map", args=[
        edinburgh.slug, link.journey_map.journey_id, link.journey_map_id])).content.decode()
    section = page[page.index('id="data-figures"'):]
    row = re.search(r"3\. Fill in and submit the application</th>(.*?)</tr>", section, re.S)
    reaching = re.findall(r'govuk-table__cell--numeric">([^<]+)<', row.group(1))[0]
    assert int(reaching.replace(",", "")) > 100  # about half the cases claim a benefit
    # Loading again adds nothing.
    assert demo_dataset_load(actor=actor_of(erin, edinburgh)) is None
    assert Dataset.objects.count() == 1
