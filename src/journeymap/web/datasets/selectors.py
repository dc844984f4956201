"""Reads of contact datasets, always within one organisation ("missing" and "not yours" are
the same 404), and the report a ready dataset gives, suppressed for sharing."""

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from journeymap.core.analytics import (
    AnalysisResult,
    AnalyticsError,
    CaseFilter,
    LogImportError,
    LogPreview,
    StoredLog,
    analyse,
    preview_log,
    suppress,
)
from journeymap.web.accounts.models import Organisation
from journeymap.web.datasets import storage
from journeymap.web.datasets.contacts import contact_rule
from journeymap.web.datasets.engine import dataset_connection
from journeymap.web.datasets.models import Dataset


def datasets_of(*, organisation: Organisation) -> QuerySet[Dataset]:
    return Dataset.objects.for_organisation(organisation)


def dataset_get(*, organisation: Organisation, dataset_id: int) -> Dataset:
    return get_object_or_404(Dataset.objects.for_organisation(organisation), pk=dataset_id)


def dataset_for_system(*, dataset_id: int) -> Dataset | None:
    """A dataset by id for the import worker, whose actor is then scoped to its organisation."""
    return Dataset.objects.filter(pk=dataset_id).first()


def datasets_past_retention(*, today: datetime.date) -> QuerySet[Dataset]:
    """The installation's retention sweep: every organisation's datasets kept past their date
    (each is then deleted by a system actor of its own organisation)."""
    return (Dataset.objects.filter(retain_until__lt=today)
            .exclude(status__in=[Dataset.Status.EXPIRED, Dataset.Status.QUEUED,
                                 Dataset.Status.IMPORTING]).order_by("pk"))


def dataset_result(*, dataset: Dataset, where: CaseFilter | None = None) -> AnalysisResult | None:
    """The dataset's figures with counts below its threshold withheld: the only form in which
    they leave the server. None when the dataset has no figures (not ready, or deleted).

    Without a filter they are read from the import's analysis; with one, the stored events are
    analysed again for the cases it keeps.
    """
    if dataset.status != Dataset.Status.READY:
        return None
    folder = storage.store_folder(dataset)
    try:
        if where is None:
            exact = AnalysisResult.model_validate_json((folder / storage.ANALYSIS_FILE)
                                                       .read_bytes())
        else:
            exact = analyse(log=StoredLog.open(folder), backend=dataset_connection(),
                            contacts=contact_rule(dataset.contacts), where=where)
    except (FileNotFoundError, LogImportError):
        return None
    return suppress(exact, threshold=dataset.small_number_threshold)


def filter_choices(result: AnalysisResult | None) -> dict[str, list[str]]:
    """The services and channels a report may be filtered by: those whose case count is shown
    (a value used by fewer cases than the threshold is not offered)."""
    choices = {"services": [], "channels": []}
    for name in choices:
        crossing = getattr(result, name, None) if result else None
        if crossing is not None:
            choices[name] = sorted(row.value for row in crossing.mix if isinstance(row.cases, int))
    return choices


def dataset_preview(*, dataset: Dataset) -> LogPreview | None:
    """The first rows of a dataset's raw upload, while it waits for its mapping (else None)."""
    raw = storage.raw_file(dataset)
    if dataset.status != Dataset.Status.MAPPING or not raw.exists():
        return None
    try:
        return preview_log(source=raw)
    except AnalyticsError:
        return None
