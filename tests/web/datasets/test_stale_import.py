"""An import whose worker died is not left "importing" forever: after the stale-import time
the sweep marks it failed, says why, and deletes what it left."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import services, storage
from journeymap.web.datasets.models import Dataset
from journeymap.web.datasets.tasks import fail_stale_imports_now, system_for
from tests.web.datasets.builders import imported, queued


def killed_mid_import(*, organisation, user) -> Dataset:
    """A queued import whose worker process is killed while reading the file (SystemExit is
    what a SIGTERM becomes: no `except Exception` catches it, as none catches a SIGKILL)."""
    dataset = queued(organisation=organisation, user=user)
    storage.private_folder(storage.store_folder(dataset))
    (storage.store_folder(dataset) / "part-0.parquet").write_bytes(b"half written")
    with (mock.patch("journeymap.web.datasets.services.dataset_log_import", side_effect=SystemExit),
          pytest.raises(SystemExit)):
        services.dataset_import_run(actor=system_for(organisation.pk, "import"),
                                    context=NO_CLIENT, dataset=dataset)
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.IMPORTING
    return dataset


def test_a_dead_workers_import_is_failed_with_its_reason_after_the_timeout(erin, edinburgh,
                                                                           settings):
    settings.DATASET_STALE_IMPORT_MINUTES = 30
    dataset = killed_mid_import(organisation=edinburgh, user=erin)
    started = dataset.progress_at
    assert fail_stale_imports_now(now=started + datetime.timedelta(minutes=29)) == 0
    assert Dataset.objects.get(pk=dataset.pk).status == Dataset.Status.IMPORTING
    assert fail_stale_imports_now(now=started + datetime.timedelta(minutes=31)) == 1
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.FAILED
    assert "reported no progress for 30 minutes" in dataset.error
    assert not storage.store_folder(dataset).exists()
    assert not storage.upload_folder(dataset).exists()
    event = AuditEvent.objects.filter(object_type="dataset").latest("pk")
    assert (event.actor_label, event.after["status"]) == ("system (stale)", "failed")


def test_the_sweep_command_fails_stopped_imports_and_leaves_ready_ones(erin, edinburgh,
                                                                       settings, capsys):
    settings.DATASET_STALE_IMPORT_MINUTES = 0
    ready = imported(organisation=edinburgh, user=erin)
    stopped = killed_mid_import(organisation=edinburgh, user=erin)
    call_command("datasets_expire")
    assert "Marked 1 stopped import failed." in capsys.readouterr().out
    assert Dataset.objects.get(pk=stopped.pk).status == Dataset.Status.FAILED
    assert Dataset.objects.get(pk=ready.pk).status == Dataset.Status.READY


def test_a_live_import_is_refused(erin, edinburgh):
    dataset = killed_mid_import(organisation=edinburgh, user=erin)
    with pytest.raises(ValidationError, match="is not an import that stopped"):
        services.dataset_fail_stale_import(
            actor=system_for(edinburgh.pk, "stale"), context=NO_CLIENT, dataset=dataset,
            now=timezone.now())
