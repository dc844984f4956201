"""Confirming the columns: a preview of the first rows, the guess editable, errors by field."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import PLANTED, confirm_fields, uploaded


def mapping_url(dataset):
    return reverse("datasets:mapping", args=[dataset.organisation.slug, dataset.pk])


def test_the_page_shows_the_first_rows_with_line_numbers_and_the_guessed_columns(
        client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = client.get(mapping_url(dataset)).content.decode()
    assert "The first 10 rows" in page
    assert '<th scope="row" class="govuk-table__header">line 2</th>' in page
    assert PLANTED in page  # the uploader sees their own file; it is stored nowhere (see import)
    assert '<option value="Case ID" selected>' in page
    assert '<option value="Channel" selected>' in page
    a_year_on = timezone.localdate() + datetime.timedelta(days=365)
    assert f'value="{a_year_on.isoformat()}"' in page  # the default retention, as a date input


def test_a_column_chosen_twice_is_named(client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin)
    client.force_login(erin)
    response = client.post(mapping_url(dataset), confirm_fields(activity="Case ID"))
    assert response.status_code == 200
    assert "“Case ID” is already the case column." in response.content.decode()
    assert Dataset.objects.get().status == "mapping"


def test_contacts_by_activities_need_at_least_one_activity(client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin)
    client.force_login(erin)
    response = client.post(mapping_url(dataset), confirm_fields(contact_kind="activities"))
    assert "contact activit" in response.content.decode()
    assert not DBTaskResult.objects.exists()


def test_a_bad_time_zone_is_named(client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin)
    client.force_login(erin)
    response = client.post(mapping_url(dataset), confirm_fields(timezone="Mars/Olympus"))
    assert "“Mars/Olympus” is not a time zone name" in response.content.decode()


def test_confirming_queues_the_import_and_records_the_mapping(client, erin, edinburgh,
                                                               django_capture_on_commit_callbacks):
    dataset = uploaded(organisation=edinburgh, user=erin)
    client.force_login(erin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mapping_url(dataset), confirm_fields(
            contact_kind="activities", contact_activities="Phone call\n"))
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.status == "queued"
    assert dataset.mapping["case"] == "Case ID"
    assert dataset.contacts == {"kind": "activities", "activities": ["Phone call"]}
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["kwargs"] == {"dataset_id": dataset.pk,
                                          "organisation_id": edinburgh.pk}
    event = AuditEvent.objects.filter(object_type="dataset", action="change").get()
    assert event.after["mapping"]["time"] == "Timestamp"
    # Confirmed once: the page now leads to the dataset, and a second post changes nothing.
    assert client.post(mapping_url(dataset), confirm_fields()).status_code == 302
    assert DBTaskResult.objects.count() == 1


def test_a_csv_whose_columns_cannot_be_guessed_asks_for_them(client, erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin,
                       content=b"a,b,c\n1,2024-01-01,x\n")
    client.force_login(erin)
    page = client.get(mapping_url(dataset)).content.decode()
    assert '<option value="" selected>Choose a column</option>' in page
    response = client.post(mapping_url(dataset), confirm_fields(case="", time="b", activity="c",
                                                                channel="", contact_kind=""))
    assert "This field is required" in response.content.decode()

