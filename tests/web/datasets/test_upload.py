"""Uploading a contact log: kept privately, previewed, refused politely if too big or unreadable."""

import stat
from unittest import mock

from django.urls import reverse

from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import storage
from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import contact_csv, upload


def files_under(folder):
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_an_upload_is_kept_privately_and_leads_to_its_columns(client, erin, edinburgh, data_dir):
    client.force_login(erin)
    response = client.post(reverse("datasets:upload", args=[edinburgh.slug]),
                           {"name": "Council Tax contacts", "file": upload(contact_csv())})
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("datasets:mapping", args=[edinburgh.slug, dataset.pk])
    assert (dataset.status, dataset.source_format, dataset.imported_by_label) == (
        "mapping", "csv", "erin")
    assert dataset.source_columns == ["Case ID", "Timestamp", "Activity", "Channel",
                                      "Citizen name"]
    raw = storage.raw_file(dataset)
    assert files_under(data_dir / "organisations") == [raw]
    assert raw.name == "upload.csv"  # never the uploader's file name
    assert stat.S_IMODE(raw.stat().st_mode) == 0o600
    for folder in (raw.parent, raw.parent.parent, storage.organisation_folder(edinburgh.pk)):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    event = AuditEvent.objects.get(object_type="dataset")
    assert (event.action, event.actor_label, event.after["source"]) == (
        "create", "erin", "contacts.csv")


def test_a_file_over_the_limit_is_refused_politely_and_nothing_is_kept(client, erin, edinburgh,
                                                                        data_dir, settings):
    settings.DATASET_UPLOAD_MAX_BYTES = 1000
    client.force_login(erin)
    response = client.post(reverse("datasets:upload", args=[edinburgh.slug]),
                           {"file": upload(contact_csv(cases=40))})
    assert response.status_code == 200
    text = response.content.decode()
    assert "the largest upload accepted is 1000\xa0bytes" in text
    assert "Compress it with gzip, or split it by period" in text
    assert not Dataset.objects.exists()
    assert files_under(data_dir) == []


def test_a_file_of_another_kind_is_refused(client, erin, edinburgh, data_dir):
    client.force_login(erin)
    response = client.post(reverse("datasets:upload", args=[edinburgh.slug]),
                           {"file": upload(b"MZ\x90\x00", name="contacts.exe")})
    assert "Choose a .csv, .xlsx, .parquet or .xes file" in response.content.decode()
    assert not Dataset.objects.exists()


def test_an_unreadable_file_is_refused_with_the_reason_and_leaves_nothing(client, erin,
                                                                          edinburgh, data_dir):
    client.force_login(erin)
    response = client.post(reverse("datasets:upload", args=[edinburgh.slug]), {
        "file": upload(b"<!DOCTYPE log [<!ENTITY a 'x'>]><log>&a;</log>", name="log.xes")})
    assert response.status_code == 200
    assert "This file cannot be read" in response.content.decode()
    assert not Dataset.objects.exists()
    assert not AuditEvent.objects.filter(object_type="dataset").exists()
    assert files_under(data_dir) == []


def test_a_viewer_cannot_upload(client, charlie, edinburgh):
    client.force_login(charlie)
    assert client.get(reverse("datasets:upload", args=[edinburgh.slug])).status_code == 403


def test_the_limit_stops_keeping_the_file_while_it_arrives(client, erin, edinburgh, settings):
    """No handler after the limit's is handed more than the limit: the file is never stored
    whole, in memory or on disk, before being refused."""
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    settings.DATASET_UPLOAD_MAX_BYTES = 1000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
    handed_on = []
    original = MemoryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        handed_on.append(len(raw_data))
        return original(self, raw_data, start)

    content = contact_csv(cases=4000)
    assert len(content) > 100 * 1024  # several of the parser's 64 KiB chunks
    client.force_login(erin)
    with mock.patch.object(MemoryFileUploadHandler, "receive_data_chunk", counting):
        response = client.post(reverse("datasets:upload", args=[edinburgh.slug]),
                               {"file": upload(content)})
    assert "the largest upload accepted is 1000\xa0bytes" in response.content.decode()
    assert sum(handed_on) <= 1000
    assert not Dataset.objects.exists()


def test_the_upload_still_needs_its_csrf_token(erin, edinburgh):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(erin)
    response = client.post(reverse("datasets:upload", args=[edinburgh.slug]),
                           {"file": upload(contact_csv())})
    assert response.status_code == 403
    assert not Dataset.objects.exists()


def test_the_upload_page_has_a_progress_bar_for_its_script_and_posts_without_it(client, erin,
                                                                               edinburgh):
    client.force_login(erin)
    page = client.get(reverse("datasets:upload", args=[edinburgh.slug])).content.decode()
    start = page.index('<form method="post" enctype="multipart/form-data"')  # works without JS
    form = page[start:page.index("</form>", start)]
    assert "data-upload-progress" in form
    assert '<div id="upload-progress" class="govuk-form-group" hidden>' in form
    assert '<progress id="upload-progress-bar" max="100" value="0">' in form
    assert "journeymap/upload-progress.js" in page
