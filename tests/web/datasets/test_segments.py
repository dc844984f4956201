"""The segment column: guessed and confirmed like the others, offered as a filter only where
enough cases are in the segment, usable in a period comparison, refused if it names people."""

import re

from django.urls import reverse

from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import SEGMENT_MAPPING as MAPPING
from tests.web.datasets.builders import imported, segmented_csv, uploaded


def detail_url(dataset):
    return reverse("datasets:detail", args=[dataset.organisation.slug, dataset.pk])


def cases_tile(page: str) -> str:
    return re.search(r">([^<]*)</span> cases", page).group(1)


def test_the_segment_column_is_guessed_in_the_preview(client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin, content=segmented_csv())
    assert dataset.mapping["segment"] == "Customer group"
    client.force_login(erin)
    page = client.get(reverse("datasets:mapping", args=[edinburgh.slug, dataset.pk])).content
    assert re.search(rb'<select name="segment"[^>]*>.*?<option value="Customer group" '
                     rb'selected>', page, re.S)


def test_the_filter_offers_only_segments_with_enough_cases_and_keeps_whole_cases(
        client, charlie, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin, content=segmented_csv(),
                       mapping=MAPPING)
    assert dataset.status == Dataset.Status.READY
    client.force_login(charlie)
    page = client.get(detail_url(dataset)).content.decode()
    assert '<option value="Over 65">Over 65</option>' in page
    assert '<option value="Working age">Working age</option>' in page
    assert "Student" not in page  # 2 cases: not offered by name
    assert cases_tile(client.get(detail_url(dataset), {"segment": "Working age"})
                      .content.decode()) == "6"
    # 10 Over 65 cases, and the Working age case whose second event is Over 65.
    assert cases_tile(client.get(detail_url(dataset), {"segment": "Over 65"})
                      .content.decode()) == "11"
    refused = client.get(detail_url(dataset), {"segment": "Student"}).content.decode()
    assert "Select a valid choice" in refused
    assert cases_tile(refused) == "18"


def test_two_periods_compared_within_one_segment(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin, content=segmented_csv(),
                       mapping=MAPPING)
    client.force_login(erin)
    url = reverse("datasets:compare", args=[edinburgh.slug, dataset.pk])
    periods = {"before_from": "2024-03-01", "before_to": "2024-03-15",
               "after_from": "2024-03-15", "after_to": "2024-04-01"}

    def cases(page: str) -> list[str]:
        row = re.search(r">Cases</th>(.*?)</tr>", page, re.S).group(1)
        return re.findall(r'cell--numeric">([^<]*)<', row)

    assert cases(client.get(url, periods).content.decode()) == ["11", "7"]
    within = client.get(url, {**periods, "segment": "Over 65"}).content.decode()
    assert cases(within) == ["6", "5"]
    assert "Student" not in within


def test_a_segment_column_with_a_value_per_citizen_fails_the_import_and_keeps_nothing(
        erin, edinburgh, data_dir):
    named = {**MAPPING, "channel": "Channel", "segment": "Citizen name"}
    dataset = imported(organisation=edinburgh, user=erin, mapping=named)
    assert dataset.status == Dataset.Status.FAILED
    assert "'Citizen name' has 14 different values for 14 cases" in dataset.error
    assert "looks like an identifier" in dataset.error
    organisation = data_dir / "organisations" / str(edinburgh.pk)
    assert not [path for path in organisation.rglob("*") if path.is_file()]


def test_a_log_without_a_segment_offers_no_segment_filter(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(erin)
    assert "In the segment" not in client.get(detail_url(dataset)).content.decode()
