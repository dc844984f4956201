"""Every change to a contact dataset: permission and tenancy check, transaction, audit.

The flow is upload (raw file kept privately, nothing imported) -> `dataset_import_request`
(the person confirms the mapping; the import is queued) -> `dataset_import_run` (the worker,
as the system acting for that organisation, imports and analyses) -> `dataset_expire` (the
retention sweep deletes the files). Each service is given an actor and an audit context and
checks, itself, that the actor may act and that the dataset is within its reach.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from journeymap.core.analytics import (
    AnalyticsError,
    ColumnMapping,
    analyse,
    preview_log,
)
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import record
from journeymap.web.datasets import storage
from journeymap.web.datasets.contacts import contact_rule
from journeymap.web.datasets.engine import dataset_connection, dataset_log_import
from journeymap.web.datasets.models import Dataset

logger = logging.getLogger(__name__)
Action = AuditEvent.Action
# The fields a person maps (the engine's "resource", staff names, is left unmapped, so it is
# pseudonymised with the other unnamed columns).
MAPPED_FIELDS = ("case", "time", "activity", "channel", "service", "organisation", "reason",
                 "outcome")
Status = Dataset.Status
# An upload whose columns are never confirmed is deleted by the retention sweep after this.
UNCONFIRMED_UPLOAD_DAYS = 1
UNEXPECTED = ("The import stopped because of a fault in journeymap, not in your file; nothing "
              "was stored. Upload the file again, and tell your administrator if it happens "
              "again.")


def _audit(actor: Actor, context: AuditContext, *, action, dataset: Dataset, after: dict) -> None:
    record(actor=actor, action=action, object_type="dataset", object_id=dataset.pk,
           object_label=dataset.name, organisation_id=dataset.organisation_id, after=after,
           context=context)


@transaction.atomic
def dataset_upload(*, actor: Actor, context: AuditContext, name: str, upload) -> Dataset:
    """Keep an uploaded log privately until its columns are confirmed; nothing is imported.

    The file is opened once through the analytics preview, so a file that cannot be read is
    refused here (a ValidationError on "file") and leaves nothing behind.
    """
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    dataset = Dataset(
        organisation_id=organisation_id, name=name.strip() or upload.name[:200],
        source_name=upload.name[:255], source_bytes=upload.size, source_format="",
        retain_until=timezone.localdate() + datetime.timedelta(days=UNCONFIRMED_UPLOAD_DAYS),
        small_number_threshold=settings.DATASET_SMALL_NUMBER_THRESHOLD,
        imported_by_id=actor.user_id, imported_by_label=actor.label[:150])
    raw = storage.raw_file(dataset)
    try:
        storage.write_private_file(raw, upload.chunks())
        preview = preview_log(source=raw)
        dataset.source_format = preview.fmt
        dataset.source_columns = list(preview.headers)
        dataset.mapping = {field: column for field, column in preview.guessed.items()
                           if field in MAPPED_FIELDS}
        dataset.full_clean()
        dataset.save()
        _audit(actor, context, action=Action.CREATE, dataset=dataset,
               after={"name": dataset.name, "source": dataset.source_name,
                      "bytes": dataset.source_bytes, "format": dataset.source_format})
    except AnalyticsError as error:
        storage.remove_tree(raw.parent)
        raise ValidationError({"file": f"This file cannot be read: {error}"}) from None
    except BaseException:
        storage.remove_tree(raw.parent)
        raise
    return dataset


@transaction.atomic
def dataset_import_request(*, actor: Actor, context: AuditContext, dataset: Dataset,
                           mapping: dict, contacts: dict | None, timezone_name: str,
                           day_first: bool, retain_until: datetime.date,
                           small_number_threshold: int) -> Dataset:
    """Confirm how the upload is read, and queue its import (run by the worker)."""
    require(actor, Permission.EDIT, dataset)
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    if dataset.status != Status.MAPPING:
        raise ValidationError("This dataset's columns were already confirmed.")
    dataset.mapping, dataset.contacts = mapping, contacts
    dataset.timezone, dataset.day_first = timezone_name, day_first
    dataset.retain_until, dataset.small_number_threshold = retain_until, small_number_threshold
    dataset.status, dataset.progress = Status.QUEUED, "Waiting for the background worker"
    dataset.imported_by_id, dataset.imported_by_label = actor.user_id, actor.label[:150]
    dataset.full_clean()
    dataset.save()
    _audit(actor, context, action=Action.CHANGE, dataset=dataset, after={
        "status": dataset.status, "mapping": mapping, "contacts": contacts,
        "timezone": timezone_name, "day_first": day_first,
        "retain_until": retain_until.isoformat(),
        "small_number_threshold": small_number_threshold})
    from journeymap.web.datasets.tasks import import_dataset

    pk, organisation_id = dataset.pk, dataset.organisation_id
    transaction.on_commit(
        lambda: import_dataset.enqueue(dataset_id=pk, organisation_id=organisation_id))
    return dataset


def _personal_columns(dataset: Dataset) -> list[str]:
    """Every source column the person did not map is pseudonymised: a column nobody named may
    hold names, addresses or reference numbers. The contact column is compared by value, so
    it stays as it is."""
    kept = {column for column in dataset.mapping.values() if column}
    kept.add((dataset.contacts or {}).get("column"))
    return [column for column in dataset.source_columns if column not in kept]


def _set_progress(dataset: Dataset, status: str, progress: str) -> None:
    dataset.status, dataset.progress = status, progress
    Dataset.objects.filter(pk=dataset.pk).update(status=status, progress=progress)


def _import_and_analyse(dataset: Dataset) -> None:
    key = storage.organisation_key(dataset.organisation_id)
    out = storage.store_folder(dataset)
    storage.private_folder(out)
    stored = dataset_log_import(
        source=storage.raw_file(dataset), key=key, out_dir=out,
        mapping=ColumnMapping.from_dict(dataset.mapping),
        personal_columns=_personal_columns(dataset), timezone=dataset.timezone,
        day_first=dataset.day_first)
    _set_progress(dataset, Status.IMPORTING, "Step 2 of 2: working out the figures")
    result = analyse(log=stored, backend=dataset_connection(),
                     contacts=contact_rule(dataset.contacts))
    storage.write_private_file(out / storage.ANALYSIS_FILE, [result.to_json().encode()])
    storage.make_files_private(out)
    dataset.events, dataset.cases = stored.events, stored.cases


def dataset_import_run(*, actor: Actor, context: AuditContext, dataset: Dataset) -> Dataset:
    """Import and analyse a queued dataset, all or nothing; the raw upload is deleted either way.

    Run by the worker as the system acting for the dataset's organisation. A failed import
    keeps no file and says why on the dataset's page (`error`).
    """
    require(actor, Permission.EDIT, dataset)
    with transaction.atomic():
        claimed = Dataset.objects.filter(pk=dataset.pk, status=Status.QUEUED).update(
            status=Status.IMPORTING, progress="Step 1 of 2: reading and checking every row")
    dataset.refresh_from_db()
    if not claimed:
        return dataset  # already run, or never confirmed: a repeated task does nothing
    try:
        _import_and_analyse(dataset)
    except (AnalyticsError, OSError) as error:
        failure = str(error)
    except Exception:
        logger.exception("import of dataset %s failed", dataset.pk)
        failure = UNEXPECTED
    else:
        failure = ""
    finally:
        storage.remove_tree(storage.upload_folder(dataset))
    if failure:
        storage.remove_tree(storage.store_folder(dataset))
        dataset.events = dataset.cases = None
    dataset.status = Status.FAILED if failure else Status.READY
    dataset.error, dataset.progress = failure, ""
    dataset.imported_at = None if failure else timezone.now()
    with transaction.atomic():
        dataset.save()
        _audit(actor, context, action=Action.CHANGE, dataset=dataset, after={
            "status": dataset.status, "events": dataset.events, "cases": dataset.cases,
            "error": failure})
    return dataset


@transaction.atomic
def dataset_expire(*, actor: Actor, context: AuditContext, dataset: Dataset,
                   today: datetime.date) -> Dataset:
    """Delete the files of a dataset whose retention date has passed, and record that we did.

    The row stays (who imported what, when, and that it was deleted); its figures go with
    the files.
    """
    require(actor, Permission.EDIT, dataset)
    if dataset.retain_until >= today:
        raise ValidationError(f"{dataset.name} is kept until {dataset.retain_until}.")
    storage.remove_tree(storage.store_folder(dataset))
    storage.remove_tree(storage.upload_folder(dataset))
    dataset.status, dataset.progress = Status.EXPIRED, ""
    dataset.files_deleted_at = timezone.now()
    dataset.save()
    record(actor=actor, action=Action.DELETE, object_type="dataset", object_id=dataset.pk,
           object_label=dataset.name, organisation_id=dataset.organisation_id,
           before={"retain_until": dataset.retain_until.isoformat()},
           after={"status": dataset.status, "files_deleted": True}, context=context)
    return dataset


