"""Reads of contact datasets, always within one organisation ("missing" and "not yours" are
the same 404), and the report a ready dataset gives, suppressed for sharing."""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from journeymap.core.analytics import (
    AnalysisResult,
    AnalyticsError,
    AvoidableRules,
    CaseFilter,
    LogImportError,
    LogPreview,
    StepFiguresResult,
    StoredLog,
    analyse,
    preview_log,
    segment_cases,
    step_figures,
    suppress,
    suppress_step_figures,
)
from journeymap.web.accounts.models import Organisation
from journeymap.web.datasets import storage
from journeymap.web.datasets.contacts import contact_rule
from journeymap.web.datasets.engine import dataset_connection
from journeymap.web.datasets.figure_cache import cached_figures
from journeymap.web.datasets.models import AvoidableRuleSet, Dataset, MapLink
from journeymap.web.journeys import documents
from journeymap.web.journeys.models import JourneyMap


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


def datasets_stale_importing(*, now: datetime.datetime) -> QuerySet[Dataset]:
    """Every organisation's imports that have reported no progress for the stale-import time
    (their worker died); each is then failed by a system actor of its own organisation."""
    silent_since = now - datetime.timedelta(minutes=settings.DATASET_STALE_IMPORT_MINUTES)
    return (Dataset.objects.filter(status=Dataset.Status.IMPORTING)
            .filter(Q(progress_at__lte=silent_since)
                    | Q(progress_at__isnull=True, uploaded_at__lte=silent_since))
            .order_by("pk"))


def avoidable_rule_set_of(*, organisation_id: int) -> AvoidableRuleSet | None:
    """The organisation's own avoidable-contact rules, or None when it uses the defaults."""
    return AvoidableRuleSet.objects.filter(organisation_id=organisation_id).first()


def avoidable_rules_of(rule_set: AvoidableRuleSet | None) -> AvoidableRules:
    return AvoidableRules() if rule_set is None else AvoidableRules.from_dict(rule_set.rules)


def _figures_depend_on(dataset: Dataset, rule_set: AvoidableRuleSet | None,
                       where: CaseFilter | None) -> dict:
    """What a dataset's figures are worked out from, for the cache's key."""
    return {"folder": str(dataset.folder), "imported_at": dataset.imported_at,
            "threshold": dataset.small_number_threshold, "contacts": dataset.contacts,
            "rules": None if rule_set is None else [rule_set.pk, rule_set.version],
            "where": None if where is None else dataclasses.asdict(where)}


def dataset_result(*, dataset: Dataset, where: CaseFilter | None = None) -> AnalysisResult | None:
    """The dataset's figures with counts below its threshold withheld: the only form in which
    they leave the server. None when the dataset has no figures (not ready, or deleted).

    With no filter and the default avoidable-contact rules they are read from the import's
    analysis; otherwise the stored events are analysed again for the cases the filter keeps,
    with the organisation's rules, and kept in the cache (`figure_cache`).
    """
    if dataset.status != Dataset.Status.READY:
        return None
    folder = storage.store_folder(dataset)
    rule_set = avoidable_rule_set_of(organisation_id=dataset.organisation_id)
    if where is None and rule_set is None:
        try:
            exact = AnalysisResult.model_validate_json((folder / storage.ANALYSIS_FILE)
                                                       .read_bytes())
        except FileNotFoundError:
            return None
        return suppress(exact, threshold=dataset.small_number_threshold)

    def analysed() -> AnalysisResult | None:
        try:
            exact = analyse(log=StoredLog.open(folder), backend=dataset_connection(),
                            contacts=contact_rule(dataset.contacts), where=where,
                            avoidable_rules=avoidable_rules_of(rule_set))
        except (FileNotFoundError, LogImportError):
            return None
        return suppress(exact, threshold=dataset.small_number_threshold)

    return cached_figures(kind="result", depends_on=_figures_depend_on(dataset, rule_set, where),
                          compute=analysed)


def dataset_segments(*, dataset: Dataset) -> list[str]:
    """The segments a report may be filtered by, by name: those of at least the dataset's
    threshold of cases (a smaller segment is not offered, so its size is not told)."""
    if dataset.status != Dataset.Status.READY or not dataset.mapping.get("segment"):
        return []

    def counted() -> dict[str, int] | None:
        try:
            return segment_cases(log=StoredLog.open(storage.store_folder(dataset)),
                                 backend=dataset_connection())
        except (FileNotFoundError, LogImportError):
            return None

    counts = cached_figures(kind="segments", compute=counted,
                            depends_on=_figures_depend_on(dataset, None, None)) or {}
    return sorted(name for name, cases in counts.items()
                  if cases >= dataset.small_number_threshold)


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


def _exact_result(dataset: Dataset) -> AnalysisResult | None:
    try:
        return AnalysisResult.model_validate_json(
            (storage.store_folder(dataset) / storage.ANALYSIS_FILE).read_bytes())
    except FileNotFoundError:
        return None


def dataset_activity_names(*, dataset: Dataset) -> list[str]:
    """Every activity of a ready dataset, most frequent first (names only, no counts): what an
    analyst may link to a map's steps."""
    exact = _exact_result(dataset) if dataset.status == Dataset.Status.READY else None
    return [row.activity for row in exact.activities] if exact else []


def map_link_get(*, organisation: Organisation, dataset: Dataset,
                 journey_map: JourneyMap) -> MapLink | None:
    return (MapLink.objects.for_organisation(organisation)
            .filter(dataset=dataset, journey_map=journey_map).first())


def map_links_of(*, journey_map: JourneyMap) -> QuerySet[MapLink]:
    """The ready datasets linked to a map, oldest link first."""
    return (MapLink.objects.for_organisation(journey_map.organisation)
            .filter(journey_map=journey_map, dataset__status=Dataset.Status.READY)
            .select_related("dataset").order_by("pk"))


def map_link_figures(*, link: MapLink, where: CaseFilter | None = None,
                     journey_map: JourneyMap | None = None) -> StepFiguresResult | None:
    """A link's figures per step, suppressed at its dataset's threshold (None when the dataset
    has no figures). `journey_map`, when given, is the link's map with its steps prefetched."""
    dataset = link.dataset
    if dataset.status != Dataset.Status.READY:
        return None
    schema_map = documents.map_to_schema(journey_map or link.journey_map)
    rule_set = avoidable_rule_set_of(organisation_id=dataset.organisation_id)

    def figured() -> StepFiguresResult | None:
        try:
            exact = step_figures(
                log=StoredLog.open(storage.store_folder(dataset)), journey_map=schema_map,
                step_mapping=link.steps, contacts=contact_rule(dataset.contacts), where=where,
                avoidable_rules=avoidable_rules_of(rule_set))
        except (FileNotFoundError, LogImportError):
            return None
        return suppress_step_figures(exact, threshold=dataset.small_number_threshold)

    return cached_figures(kind="steps", compute=figured, depends_on={
        **_figures_depend_on(dataset, rule_set, where), "link": link.pk,
        "links": link.steps, "map_steps": [(step.id, step.name) for step in schema_map.steps]})



def maps_to_link(*, organisation: Organisation) -> QuerySet[JourneyMap]:
    """The organisation's maps, by journey, that a dataset may be linked to."""
    return (JourneyMap.objects.for_organisation(organisation).select_related("journey")
            .order_by("journey__title", "title", "pk"))
