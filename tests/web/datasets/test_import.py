"""The import in the background worker: pseudonymised with the organisation's key, all or
nothing, the raw upload deleted either way, and no raw identifier kept anywhere."""

import json
import stat

import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from journeymap.core.analytics import pseudonym
from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import storage
from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import PLANTED, contact_csv, imported
from tests.web.test_tenant_isolation import database_snapshot


def parquet_text(folder) -> str:
    return "\n".join(json.dumps(pq.read_table(path).to_pylist(), default=str)
                     for path in sorted(folder.rglob("*.parquet")))


def test_an_import_stores_pseudonymised_parquet_and_deletes_the_upload(erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    assert (dataset.status, dataset.events, dataset.cases, dataset.error) == ("ready", 28, 14, "")
    assert dataset.imported_at is not None
    assert not storage.upload_folder(dataset).exists()
    store = storage.store_folder(dataset)
    assert {path.name for path in store.iterdir()} >= {"events.parquet", "cases.parquet",
                                                       storage.ANALYSIS_FILE}
    key = storage.organisation_key(edinburgh.pk)
    cases = pq.read_table(store / "cases.parquet").column("case_id").to_pylist()
    assert pseudonym(value=PLANTED, key=key) in cases
    assert stat.S_IMODE(storage.key_file(edinburgh.pk).stat().st_mode) == 0o600
    for path in store.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    event = AuditEvent.objects.filter(object_type="dataset").latest("pk")
    assert (event.actor_label, event.after["status"], event.after["cases"]) == (
        "system (import)", "ready", 14)


def test_a_planted_identifier_is_stored_nowhere(erin, edinburgh, data_dir):
    dataset = imported(organisation=edinburgh, user=erin)
    assert dataset.status == "ready"
    # Not in the Parquet (read as values: compression would hide a byte search) ...
    assert PLANTED not in parquet_text(data_dir)
    # ... nor in any file of the data folder, byte for byte ...
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PLANTED.encode() not in path.read_bytes(), path
    # ... nor in any row of the database.
    assert PLANTED not in json.dumps(database_snapshot(), default=str)


def test_each_organisation_has_its_own_key(erin, edinburgh, bob, stoke):
    ours = imported(organisation=edinburgh, user=erin)
    theirs = imported(organisation=stoke, user=bob)
    assert storage.organisation_key(edinburgh.pk) != storage.organisation_key(stoke.pk)
    ours_ids = set(pq.read_table(storage.store_folder(ours) / "cases.parquet")
                   .column("case_id").to_pylist())
    theirs_ids = set(pq.read_table(storage.store_folder(theirs) / "cases.parquet")
                     .column("case_id").to_pylist())
    assert ours_ids.isdisjoint(theirs_ids)


def test_a_failed_import_says_where_and_leaves_nothing_behind(client, erin, edinburgh, data_dir):
    bad = contact_csv().replace(b"2024-03-03 09:00", b"yesterday-ish", 1)
    dataset = imported(organisation=edinburgh, user=erin, content=bad)
    assert dataset.status == "failed"
    assert "line 6" in dataset.error and "'Timestamp'" in dataset.error
    assert (dataset.events, dataset.cases) == (None, None)
    assert [path for path in (data_dir / "organisations").rglob("*") if path.is_file()] == []
    client.force_login(erin)
    page = client.get(reverse("datasets:detail", args=[edinburgh.slug, dataset.pk]))
    text = page.content.decode()
    assert "The log was not imported, and nothing was stored" in text
    assert "line 6" in text
    assert client.get(reverse("datasets:download", args=[edinburgh.slug, dataset.pk])
                      ).status_code == 302


def test_a_repeated_task_does_nothing(erin, edinburgh):
    from journeymap.web.datasets.tasks import import_dataset

    dataset = imported(organisation=edinburgh, user=erin)
    assert import_dataset.call(dataset_id=dataset.pk, organisation_id=edinburgh.pk) == "ready"
    assert Dataset.objects.get().events == 28
    assert AuditEvent.objects.filter(object_type="dataset", after__status="ready").count() == 1


def test_contacts_are_the_activities_the_analyst_named(erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin,
                       contacts={"kind": "activities", "activities": ["Home visit"]})
    analysis = json.loads((storage.store_folder(dataset) / storage.ANALYSIS_FILE).read_text())
    assert analysis["contact_definition"]["kind"] == "activities"
    assert analysis["contacts"]["events"] == 2


def test_a_contact_activity_the_log_lacks_fails_the_import_with_the_logs_activities(erin,
                                                                                    edinburgh):
    dataset = imported(organisation=edinburgh, user=erin,
                       contacts={"kind": "activities", "activities": ["Carrier pigeon"]})
    assert dataset.status == "failed"
    assert "'Carrier pigeon'" in dataset.error and "'Phone call'" in dataset.error
    assert not storage.store_folder(dataset).exists()


def test_a_task_queued_for_another_organisation_is_refused(erin, edinburgh, stoke):
    from django.core.exceptions import PermissionDenied

    from journeymap.web.datasets.tasks import import_dataset
    from tests.web.datasets.builders import uploaded

    dataset = uploaded(organisation=edinburgh, user=erin)
    Dataset.objects.filter(pk=dataset.pk).update(status="queued")
    with pytest.raises(PermissionDenied):
        import_dataset.call(dataset_id=dataset.pk, organisation_id=stoke.pk)
    assert Dataset.objects.get().status == "queued"
