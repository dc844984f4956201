"""The dataset page: progress while importing, then the report, with small numbers withheld on
the page and in the download."""

import json

from django.urls import reverse

from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import imported, queued


def detail_url(dataset):
    return reverse("datasets:detail", args=[dataset.organisation.slug, dataset.pk])


def test_a_queued_import_shows_its_progress_with_a_refresh_link_and_polling(client, erin,
                                                                            edinburgh):
    dataset = queued(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = client.get(detail_url(dataset)).content.decode()
    assert "Waiting for the background worker" in page
    assert ">Refresh<" in page
    assert 'hx-trigger="every 2s"' in page
    assert "vendor/htmx/htmx.min.js" in page
    partial = client.get(detail_url(dataset) + "?part=status", HTTP_HX_REQUEST="true")
    assert partial.content.decode().startswith('<div id="dataset-status"')
    assert "HX-Refresh" not in partial


def test_when_the_import_ends_the_polling_reloads_the_page(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(erin)
    partial = client.get(detail_url(dataset) + "?part=status", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"
    assert "hx-get" not in partial.content.decode()


def test_the_report_is_in_the_page_with_rare_paths_withheld(client, charlie, erin, edinburgh):
    # 12 cases call then have their form checked; 2 (fewer than 5) call then get a home visit.
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(charlie)  # a viewer reads it
    page = client.get(detail_url(dataset)).content.decode()
    assert "Form checked" in page
    assert "Home visit" not in page
    assert '<svg role="img" aria-labelledby="map-' in page  # the process map, labelled
    assert "<figcaption" in page  # charts carry their figures as text
    assert "14" in page


def test_the_download_is_suppressed_at_the_datasets_threshold(client, charlie, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(charlie)
    response = client.get(reverse("datasets:download", args=[edinburgh.slug, dataset.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    figures = json.loads(response.content)
    assert figures["suppression"]["threshold"] == 5
    assert "Home visit" not in response.content.decode()
    Dataset.objects.filter(pk=dataset.pk).update(small_number_threshold=2)
    unsuppressed_rare = client.get(reverse("datasets:download",
                                           args=[edinburgh.slug, dataset.pk])).content.decode()
    assert "Home visit" in unsuppressed_rare


def test_user_text_is_escaped_in_the_report(client, erin, edinburgh):
    hostile = "<script>alert(1)</script>"
    content = ("Case ID,Timestamp,Activity,Channel,Citizen name\n" + "".join(
        f"C{n},2024-03-01 09:00,{hostile},phone,x\nC{n},2024-03-01 10:00,Done,,x\n"
        for n in range(8))).encode()
    dataset = imported(organisation=edinburgh, user=erin, content=content)
    assert dataset.status == "ready"
    client.force_login(erin)
    page = client.get(detail_url(dataset)).content.decode()
    assert hostile not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_filter_by_start_day_recounts_whole_cases_on_the_page_and_in_the_download(
        client, charlie, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)  # cases start on 1-14 March 2024
    client.force_login(charlie)
    page = client.get(detail_url(dataset), {"started_before": "2024-03-10"}).content.decode()
    assert "Only the cases chosen above are counted" in page
    assert ">9</span> cases" in page
    assert "started_before=2024-03-10" in page  # the download link keeps the filter
    download = client.get(reverse("datasets:download", args=[edinburgh.slug, dataset.pk]),
                          {"started_before": "2024-03-10"})
    assert json.loads(download.content)["cases"] == 9


def test_a_filter_down_to_a_few_cases_withholds_their_count(client, charlie, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(charlie)
    download = client.get(reverse("datasets:download", args=[edinburgh.slug, dataset.pk]),
                          {"started_from": "2024-03-13", "started_before": "2024-03-15"})
    assert json.loads(download.content)["cases"]["suppressed"] is True


def test_a_filter_offers_only_values_the_dataset_has_and_refuses_others(client, charlie, erin,
                                                                        edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(charlie)
    page = client.get(detail_url(dataset)).content.decode()
    assert '<option value="phone">phone</option>' in page
    assert "Touched the service" not in page  # this log has no service column
    refused = client.get(detail_url(dataset), {"channel": "carrier pigeon",
                                               "started_from": "2024-03-05",
                                               "started_before": "2024-03-01"}).content.decode()
    assert "Select a valid choice" in refused
    assert "Choose a date after the first one." in refused
    assert ">14</span> cases" in refused  # the whole dataset, not a guess at the filter
