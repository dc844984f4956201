"""Retention: past its date a dataset's files are deleted by the system, and that is audited."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import storage
from journeymap.web.datasets.models import Dataset
from journeymap.web.datasets.tasks import expire_datasets_now
from tests.web.datasets.builders import imported, uploaded


def test_a_dataset_past_its_date_loses_its_files_and_the_log_says_so(erin, edinburgh, bob,
                                                                     stoke):
    ours = imported(organisation=edinburgh, user=erin)
    theirs = imported(organisation=stoke, user=bob)
    assert storage.store_folder(ours).exists()
    day_after = ours.retain_until + datetime.timedelta(days=1)
    Dataset.objects.filter(pk=theirs.pk).update(retain_until=day_after)  # kept a day longer
    assert expire_datasets_now(today=day_after) == 1
    ours.refresh_from_db()
    assert (ours.status, ours.files_deleted_at is not None) == ("expired", True)
    assert not storage.store_folder(ours).exists()
    assert storage.store_folder(theirs).exists()
    event = AuditEvent.objects.get(action="delete", object_type="dataset")
    assert (event.actor_label, event.organisation_id, event.object_id) == (
        "system (retention)", edinburgh.pk, str(ours.pk))
    assert expire_datasets_now(today=day_after) == 0  # done once


def test_a_dataset_within_its_date_is_kept(erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    assert expire_datasets_now(today=dataset.retain_until) == 0
    assert storage.store_folder(dataset).exists()


def test_an_upload_never_confirmed_is_deleted_after_a_day(erin, edinburgh):
    dataset = uploaded(organisation=edinburgh, user=erin)
    assert storage.raw_file(dataset).exists()
    assert expire_datasets_now(today=timezone.localdate() + datetime.timedelta(days=2)) == 1
    assert not storage.upload_folder(dataset).exists()


def test_the_management_command_runs_the_sweep(erin, edinburgh, capsys):
    dataset = uploaded(organisation=edinburgh, user=erin)
    Dataset.objects.filter(pk=dataset.pk).update(
        retain_until=timezone.localdate() - datetime.timedelta(days=1))
    call_command("datasets_expire")
    assert "Deleted the files of 1 dataset." in capsys.readouterr().out
    assert Dataset.objects.get().status == "expired"
