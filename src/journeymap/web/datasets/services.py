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
    AvoidableRules,
    ColumnMapping,
    ConfigurationError,
    analyse,
    check_segments,
    preview_log,
    segment_cases,
)
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import record
from journeymap.web.datasets import selectors, storage
from journeymap.web.datasets.contacts import contact_rule
from journeymap.web.datasets.engine import dataset_connection, dataset_log_import
from journeymap.web.datasets.models import AvoidableRuleSet, Dataset, MapLink
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import JourneyMap, Step

logger = logging.getLogger(__name__)
Action = AuditEvent.Action
# The fields a person maps (the engine's "resource", staff names, is left unmapped, so it is
# pseudonymised with the other unnamed columns).
MAPPED_FIELDS = ("case", "time", "activity", "channel", "service", "organisation", "reason",
                 "outcome", "segment")
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


def _clear_columns(dataset: Dataset) -> list[str]:
    """Every source column the person did not map is pseudonymised (`pseudonymise_unmapped`): a
    column nobody named may hold names, addresses or reference numbers, and one the preview
    never showed (an XES attribute first seen deep in the log) no less. The contact column is
    compared by value, so it stays as it is."""
    column = (dataset.contacts or {}).get("column")
    return [column] if column else []


def _set_progress(dataset: Dataset, status: str, progress: str) -> None:
    dataset.status, dataset.progress, dataset.progress_at = status, progress, timezone.now()
    Dataset.objects.filter(pk=dataset.pk).update(status=status, progress=progress,
                                                 progress_at=dataset.progress_at)


def _import_and_analyse(dataset: Dataset) -> None:
    key = storage.organisation_key(dataset.organisation_id)
    out = storage.store_folder(dataset)
    storage.private_folder(out)
    stored = dataset_log_import(
        source=storage.raw_file(dataset), key=key, out_dir=out,
        mapping=ColumnMapping.from_dict(dataset.mapping),
        pseudonymise_unmapped=True, clear_columns=_clear_columns(dataset),
        timezone=dataset.timezone,
        day_first=dataset.day_first)
    if stored.has("segment"):
        # Stored in clear as a category: refused, with the whole import, if it names people.
        check_segments(segment_cases(log=stored, backend=dataset_connection()),
                       cases=stored.cases, column=dataset.mapping["segment"])
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
            status=Status.IMPORTING, progress="Step 1 of 2: reading and checking every row",
            progress_at=timezone.now())
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


def _stale_import_reason(minutes: int) -> str:
    return (f"The import stopped without finishing: it reported no progress for {minutes} "
            "minutes, so the background worker running it had stopped. Nothing was stored. "
            "Upload the file again.")


@transaction.atomic
def dataset_fail_stale_import(*, actor: Actor, context: AuditContext, dataset: Dataset,
                              now: datetime.datetime) -> Dataset:
    """Mark an import whose worker died as failed, with the reason, and delete what it left.

    Refused (ValidationError) unless the dataset is importing and has reported no progress for
    `settings.DATASET_STALE_IMPORT_MINUTES`; a live import is never touched.
    """
    require(actor, Permission.EDIT, dataset)
    minutes = settings.DATASET_STALE_IMPORT_MINUTES
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
    silent_since = dataset.progress_at or dataset.uploaded_at
    if (dataset.status != Status.IMPORTING
            or now - silent_since < datetime.timedelta(minutes=minutes)):
        raise ValidationError(f"{dataset.name} is not an import that stopped.")
    storage.remove_tree(storage.store_folder(dataset))
    storage.remove_tree(storage.upload_folder(dataset))
    dataset.status, dataset.progress = Status.FAILED, ""
    dataset.error = _stale_import_reason(minutes)
    dataset.events = dataset.cases = None
    dataset.save()
    _audit(actor, context, action=Action.CHANGE, dataset=dataset,
           after={"status": dataset.status, "error": dataset.error})
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


@transaction.atomic
def map_link_save(*, actor: Actor, context: AuditContext, dataset: Dataset,
                  journey_map: JourneyMap, links: dict[str, str]) -> MapLink | None:
    """Save which of a ready dataset's activities happen at which steps of a map (activity ->
    step id), as the analyst confirmed them; no links at all removes the dataset from the map.

    Refused (ValidationError) for a dataset that is not ready, an activity the dataset does not
    have, or a step the map does not have, each named.
    """
    require(actor, Permission.EDIT, dataset, journey_map)
    if dataset.status != Status.READY:
        raise ValidationError("Only an imported dataset can be linked to a map.")
    known_activities = set(selectors.dataset_activity_names(dataset=dataset))
    step_keys = set(journey_map.steps.values_list("key", flat=True))
    problems = [f"The dataset has no activity “{name}”." for name in sorted(links)
                if name not in known_activities]
    problems += [f"The map has no step with the id “{key}”." for key in sorted(
        set(links.values()) - step_keys)]
    if problems:
        raise ValidationError(problems)
    link = (MapLink.objects.select_for_update()
            .filter(dataset=dataset, journey_map=journey_map).first())
    before = {"steps": link.steps} if link else None
    if not links:
        if link is not None:
            link.delete()
            _audit_link(actor, context, action=Action.DELETE, dataset=dataset,
                        journey_map=journey_map, object_id=link.pk, before=before, after=None)
        return None
    created = link is None
    if created:
        link = MapLink(organisation_id=dataset.organisation_id, dataset=dataset,
                       journey_map=journey_map)
    link.steps = dict(sorted(links.items()))
    link.supported_steps = [key for key in link.supported_steps if key in set(links.values())]
    link.linked_by_label = actor.label[:150]
    link.full_clean()
    link.save()
    _audit_link(actor, context, action=Action.CREATE if created else Action.CHANGE,
                dataset=dataset, journey_map=journey_map, object_id=link.pk, before=before,
                after={"steps": link.steps})
    return link


def _audit_link(actor: Actor, context: AuditContext, *, action, dataset: Dataset,
                journey_map: JourneyMap, object_id: int, before, after) -> None:
    record(actor=actor, action=action, object_type="map_link", object_id=object_id,
           object_label=f"{dataset.name} on {journey_map.title}"[:300],
           organisation_id=dataset.organisation_id, before=before, after=after,
           context=context)


@transaction.atomic
def step_fill_from_data(*, actor: Actor, context: AuditContext, link: MapLink,
                        step: Step) -> Step:
    """Mark a linked step "supported by data" and fill its time and contacts from the dataset,
    as one edit of the map (audited, a new map revision).

    The figures are the dataset's shared (suppressed) ones over all its cases: the time is the
    median time from the step to the next one, in minutes; the contacts are the step's contacts
    per case reaching it, rounded. A figure that is withheld or not known leaves the step's own
    value as it was.
    """
    require(actor, Permission.EDIT, link, step)
    if step.journey_map_id != link.journey_map_id or step.key not in link.steps.values():
        raise ValidationError(f"No activity of {link.dataset.name} is linked to “{step.name}”.")
    figures = selectors.map_link_figures(link=link)
    if figures is None:
        raise ValidationError(f"{link.dataset.name} has no figures now (it is not ready).")
    shown = next(row for row in figures.steps if row.id == step.key)
    data: dict = {"provenance": "data"}
    if isinstance(shown.median_seconds_to_next_step, float):
        data["time_taken_minutes"] = round(shown.median_seconds_to_next_step / 60, 2)
    if (isinstance(shown.contacts, int) and isinstance(shown.cases_reaching, int)
            and shown.cases_reaching):
        data["contacts"] = round(shown.contacts / shown.cases_reaching)
    step = journey_services.step_update(actor=actor, context=context, step=step, data=data,
                                        expected_version=step.version)
    if step.key not in link.supported_steps:
        link.supported_steps = [*link.supported_steps, step.key]
        link.save(update_fields=["supported_steps", "updated_at"])
    _audit_link(actor, context, action=Action.CHANGE, dataset=link.dataset,
                journey_map=link.journey_map, object_id=link.pk, before=None,
                after={"filled_step": step.key, **data})
    return step



@transaction.atomic
def avoidable_rules_set(*, actor: Actor, context: AuditContext, rules: dict
                        ) -> AvoidableRuleSet:
    """Set the organisation's avoidable-contact rules (as `AvoidableRules.from_dict` reads
    them); its datasets' reports and map figures are then worked out with them. An
    administrator's setting, recorded in the audit log with the rules before and after.

    Rules the engine refuses (an unknown NI14 category, a pattern that is not a regular
    expression) raise ValidationError with the engine's words, and nothing changes.
    """
    organisation_id = require_in_organisation(actor, Permission.ADMINISTER)
    try:
        rules = AvoidableRules.from_dict(rules).to_dict()
    except ConfigurationError as error:
        raise ValidationError(str(error)) from None
    rule_set = (AvoidableRuleSet.objects.select_for_update()
                .filter(organisation_id=organisation_id).first())
    before = None if rule_set is None else rule_set.rules
    if rule_set is None:
        rule_set = AvoidableRuleSet(organisation_id=organisation_id, version=0)
    rule_set.rules, rule_set.version = rules, rule_set.version + 1
    rule_set.updated_by_label = actor.label[:150]
    rule_set.full_clean()
    rule_set.save()
    record(actor=actor, action=Action.CHANGE, object_type="avoidable rules",
           object_id=rule_set.pk, object_label=f"Avoidable-contact rules, version "
           f"{rule_set.version}", organisation_id=organisation_id, before=before,
           after=rules, context=context)
    return rule_set
