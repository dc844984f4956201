"""Every change to indicators, measurements, evaluations and contact costs: permission and
tenancy check, validation, transaction, audit.

A built-in measurement is computed here from its source (a map of the journey, a contact
dataset and period, or citizens' ratings in a period) and stored only when the figure is known;
otherwise the reason is the error and nothing is stored. Dataset figures are always the
suppressed ones (`datasets.selectors.dataset_result`).
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from journeymap.core.analytics import CaseFilter, ConfigurationError
from journeymap.core.measures import figures
from journeymap.core.measures.catalogue import CATALOGUE, Kind, SourceKind
from journeymap.core.measures.evaluation import DatasetPeriods, due_date, evaluate
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.datasets.models import Dataset
from journeymap.web.datasets.selectors import dataset_result
from journeymap.web.indicators import selectors
from journeymap.web.indicators.models import ContactCost, Evaluation, Indicator, Measurement
from journeymap.web.journeys import documents
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.models import CHANNEL_CHOICES, Journey, JourneyMap

Action = AuditEvent.Action
DATE = "%-d %B %Y"


def _audit(actor: Actor, context: AuditContext, *, action, obj, label: str, before=None,
           after=None) -> None:
    record(actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk,
           object_label=label[:300], organisation_id=obj.organisation_id, before=before,
           after=after, context=context)


def _same_journey(journey: Journey, *maps: JourneyMap | None) -> None:
    for journey_map in maps:
        if journey_map is not None and journey_map.journey_id != journey.pk:
            raise PermissionDenied("That map is of another journey.")


# Indicators ---------------------------------------------------------------------------------

INDICATOR_FIELDS = ("name", "unit", "direction", "definition", "baseline_value", "baseline_on",
                    "target_value")


def _indicator_state(indicator: Indicator) -> dict:
    return {name: (value.isoformat() if isinstance(value, datetime.date) else value)
            for name in INDICATOR_FIELDS for value in [getattr(indicator, name)]}


def _check_baseline(indicator: Indicator) -> None:
    if (indicator.baseline_value is None) != (indicator.baseline_on is None):
        raise ValidationError({"baseline_on": "A baseline needs both its value and its date."})


@transaction.atomic
def indicator_create(*, actor: Actor, context: AuditContext, journey: Journey, kind: str,
                     data: dict | None = None) -> Indicator:
    """A new indicator of `journey`. A ready-made kind fills its name, unit, direction and
    definition (any of which `data` may override); a manual one must name them."""
    require(actor, Permission.EDIT, journey)
    try:
        kind = Kind(kind)
    except ValueError:
        raise ValidationError({"kind": f"{kind!r} is not a kind of indicator."}) from None
    ready = CATALOGUE.get(kind)
    defaults = ({"name": ready.name, "unit": ready.unit, "direction": ready.direction.value,
                 "definition": ready.definition} if ready else {})
    given = {name: value for name, value in (data or {}).items()
             if name in INDICATOR_FIELDS and value not in (None, "")}
    indicator = Indicator(organisation_id=journey.organisation_id, journey=journey,
                          kind=kind.value, **{**defaults, **given})
    indicator.full_clean()
    _check_baseline(indicator)
    indicator.save()
    _audit(actor, context, action=Action.CREATE, obj=indicator, label=indicator.name,
           after={"journey": journey.pk, "kind": kind.value, **_indicator_state(indicator)})
    return indicator


@transaction.atomic
def indicator_update(*, actor: Actor, context: AuditContext, indicator: Indicator,
                     data: dict) -> Indicator:
    """Change an indicator's name, unit, direction, definition, baseline or target."""
    require(actor, Permission.EDIT, indicator)
    before = _indicator_state(indicator)
    for name, value in data.items():
        if name in INDICATOR_FIELDS:
            setattr(indicator, name, value)
    indicator.full_clean()
    _check_baseline(indicator)
    indicator.save()
    old, new = changed_fields(before, _indicator_state(indicator))
    if new:
        _audit(actor, context, action=Action.CHANGE, obj=indicator, label=indicator.name,
               before=old, after=new)
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, context: AuditContext, indicator: Indicator) -> None:
    """Delete an indicator and its measurements; the audit row keeps what they were."""
    require(actor, Permission.EDIT, indicator)
    measurements = [_measurement_state(measurement)
                    for measurement in indicator.measurements.order_by("measured_on", "pk")]
    _audit(actor, context, action=Action.DELETE, obj=indicator, label=indicator.name,
           before={"journey": indicator.journey_id, "kind": indicator.kind,
                   **_indicator_state(indicator), "measurements": measurements})
    indicator.delete()


# Measurements -------------------------------------------------------------------------------

def _store(actor: Actor, context: AuditContext, measurement: Measurement) -> Measurement:
    measurement.entered_by_id = actor.user_id
    measurement.entered_by_label = actor.label[:150]
    measurement.full_clean()
    measurement.save()
    _audit(actor, context, action=Action.CREATE, obj=measurement,
           label=_measurement_label(measurement), after=_measurement_state(measurement))
    return measurement


def _measurement_label(measurement: Measurement) -> str:
    return f"{measurement.indicator.name}: {measurement.value:g}"


def _measurement_state(measurement: Measurement) -> dict:
    return {"indicator": measurement.indicator_id, "value": measurement.value,
            "measured_on": measurement.measured_on.isoformat(), "source": measurement.source,
            "source_label": measurement.source_label}


@transaction.atomic
def measurement_delete(*, actor: Actor, context: AuditContext,
                       measurement: Measurement) -> None:
    """Withdraw a figure recorded by mistake; the audit row keeps what it was and its source."""
    require(actor, Permission.EDIT, measurement)
    _audit(actor, context, action=Action.DELETE, obj=measurement,
           label=_measurement_label(measurement), before=_measurement_state(measurement))
    measurement.delete()


@transaction.atomic
def measurement_record(*, actor: Actor, context: AuditContext, indicator: Indicator,
                       value: float, measured_on: datetime.date, note: str = "") -> Measurement:
    """A figure entered by hand; its source is the member who entered it."""
    require(actor, Permission.EDIT, indicator)
    return _store(actor, context, Measurement(
        organisation_id=indicator.organisation_id, indicator=indicator, value=value,
        measured_on=measured_on, source=SourceKind.MANUAL.value, note=note,
        source_label=f"entered by {actor.label} on {timezone.localdate():{DATE}}"))


def _period(period_from: datetime.date | None, period_to: datetime.date | None,
            zone: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The whole days from `period_from` to `period_to` inclusive, as aware datetimes."""
    if period_from is None or period_to is None:
        raise ValidationError({"period_from": "Give the first and last day of the period."})
    if period_to < period_from:
        raise ValidationError({"period_to": "The period ends before it starts."})
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.datetime.combine(period_from, datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(period_to + datetime.timedelta(days=1), datetime.time(),
                                    tzinfo=tz)
    return start, end


def _period_text(period_from: datetime.date, period_to: datetime.date) -> str:
    return f"{period_from:{DATE}} to {period_to:{DATE}}"


def _dataset_figures(dataset: Dataset, period_from, period_to):
    start, end = _period(period_from, period_to, dataset.timezone)
    try:
        result = dataset_result(dataset=dataset,
                                where=CaseFilter(started_from=start, started_before=end))
    except ConfigurationError as error:
        raise ValidationError({"dataset": str(error)}) from None
    if result is None:
        raise ValidationError({"dataset": f"The dataset {dataset.name} has no figures: it is "
                                          "not imported yet, or its files were deleted."})
    return result, f"dataset {dataset.name}, cases started {_period_text(period_from, period_to)}"


def _map_schema(journey_map: JourneyMap):
    return documents.map_to_schema(journey_selectors.map_get(
        organisation=journey_map.organisation, journey_id=journey_map.journey_id,
        map_id=journey_map.pk))


@transaction.atomic
def measurement_compute(*, actor: Actor, context: AuditContext, indicator: Indicator,
                        journey_map: JourneyMap | None = None, dataset: Dataset | None = None,
                        period_from: datetime.date | None = None,
                        period_to: datetime.date | None = None) -> Measurement:
    """A built-in indicator's figure from its source: a map of the journey (steps, time), a
    dataset and period (time, contacts, NI14), or the period's ratings (satisfaction).

    Refused with the reason (a ValidationError) when the source cannot give the figure; nothing
    is stored then.
    """
    require(actor, Permission.EDIT, indicator, journey_map, dataset)
    _same_journey(indicator.journey, journey_map)
    kind = Kind(indicator.kind)
    if journey_map is not None and dataset is not None:
        raise ValidationError({"__all__": "Choose a map or a dataset, not both: a figure has "
                                          "one source."})
    sources = CATALOGUE[kind].computed_from if kind in CATALOGUE else ()
    if SourceKind.FEEDBACK not in sources and sources and journey_map is None and dataset is None:
        raise ValidationError({"__all__": "Choose the " + " or the ".join(
            "map" if source == SourceKind.MAP else "dataset and period" for source in sources)
            + " to compute it from."})
    measurement = Measurement(organisation_id=indicator.organisation_id, indicator=indicator)
    if journey_map is not None and kind in (Kind.STEPS, Kind.PROCESS_TIME):
        compute = figures.steps_of_map if kind == Kind.STEPS else figures.time_of_map
        figure = compute(_map_schema(journey_map))
        measurement.source, measurement.journey_map = SourceKind.MAP.value, journey_map
        measurement.measured_on = journey_map.mapped_on or timezone.localdate()
        measurement.source_label = f"map {journey_map.title}"
    elif dataset is not None and kind in (Kind.PROCESS_TIME, Kind.CONTACTS,
                                          Kind.AVOIDABLE_SHARE):
        result, label = _dataset_figures(dataset, period_from, period_to)
        compute = {Kind.PROCESS_TIME: figures.duration_of_dataset,
                   Kind.CONTACTS: figures.contacts_of_dataset,
                   Kind.AVOIDABLE_SHARE: figures.avoidable_share_of_dataset}[kind]
        figure = compute(result)
        measurement.source, measurement.dataset = SourceKind.DATASET.value, dataset
        measurement.source_label = label
    elif kind == Kind.SATISFACTION and journey_map is None and dataset is None:
        period = _period(period_from, period_to, timezone.get_current_timezone_name())
        maps = list(journey_selectors.maps_of(journey=indicator.journey))
        histogram, threshold = selectors.overall_ratings(journey=indicator.journey, maps=maps,
                                                         period=period)
        figure = figures.satisfaction_of_ratings(histogram, threshold=threshold)
        measurement.source = SourceKind.FEEDBACK.value
        measurement.source_label = ("citizens' overall ratings of the journey's maps, received "
                                    + _period_text(period_from, period_to))
    else:
        raise ValidationError({"__all__": f"{indicator.name} cannot be computed from that "
                                          "source; enter its figure by hand."})
    if not figure.known:
        raise ValidationError({"__all__": f"{indicator.name}: {figure.reason}. Nothing was "
                                          "recorded."})
    if measurement.source != SourceKind.MAP.value:
        measurement.period_from, measurement.period_to = period_from, period_to
        measurement.measured_on = period_to
    measurement.value, measurement.detail = figure.value, figure.detail[:400]
    return _store(actor, context, measurement)


# Contact costs ------------------------------------------------------------------------------

CHANNELS = dict(CHANNEL_CHOICES)


@transaction.atomic
def contact_costs_set(*, actor: Actor, context: AuditContext,
                      costs: dict[str, Decimal | None]) -> dict[str, Decimal]:
    """Set the organisation's cost per contact for the channels named (None: no cost, so the
    channel is not priced). An administrator's setting; recorded in the audit log."""
    organisation_id = require_in_organisation(actor, Permission.ADMINISTER)
    known = set(CHANNELS) | set(selectors.log_channels(organisation_id=organisation_id))
    unknown = sorted(set(costs) - known)
    if unknown:
        raise ValidationError({"__all__": "Not a channel of the maps or of a contact log: "
                                          f"{', '.join(unknown)}"})
    rows = ContactCost.objects.filter(organisation_id=organisation_id)
    before = {row.channel: str(row.cost_per_contact) for row in rows}
    for channel, cost in costs.items():
        if cost is None:
            rows.filter(channel=channel).delete()
            continue
        row = rows.filter(channel=channel).first() or ContactCost(
            organisation_id=organisation_id, channel=channel)
        row.cost_per_contact = cost
        row.full_clean()
        row.save()
    after = {row.channel: str(row.cost_per_contact)
             for row in ContactCost.objects.filter(organisation_id=organisation_id)}
    old, new = changed_fields({**{c: None for c in after}, **before},
                              {**{c: None for c in before}, **after})
    if new:
        record(actor=actor, action=Action.CHANGE, object_type="contact costs",
               object_id=organisation_id, object_label="Cost per contact by channel",
               organisation_id=organisation_id, before=old, after=new, context=context)
    return {channel: Decimal(cost) for channel, cost in after.items()}


# Evaluations --------------------------------------------------------------------------------

@transaction.atomic
def evaluation_schedule(*, actor: Actor, context: AuditContext, journey: Journey,
                        actions_taken_on: datetime.date, months: int = 12) -> Evaluation:
    """An evaluation of `journey` due `months` (6 to 24) after the actions were taken."""
    require(actor, Permission.EDIT, journey)
    try:
        due_on = due_date(actions_taken_on, months)
    except ValueError as error:
        raise ValidationError({"months": str(error)}) from None
    evaluation = Evaluation(organisation_id=journey.organisation_id, journey=journey,
                            actions_taken_on=actions_taken_on, months=months, due_on=due_on,
                            scheduled_by_label=actor.label[:150])
    evaluation.full_clean()
    evaluation.save()
    _audit(actor, context, action=Action.CREATE, obj=evaluation,
           label=f"Evaluation of {journey.title}",
           after={"actions_taken_on": actions_taken_on.isoformat(), "months": months,
                  "due_on": due_on.isoformat()})
    return evaluation


@transaction.atomic
def evaluation_perform(*, actor: Actor, context: AuditContext, evaluation: Evaluation,
                       baseline_map: JourneyMap, remap: JourneyMap,
                       dataset: Dataset | None = None,
                       before: tuple[datetime.date, datetime.date] | None = None,
                       after: tuple[datetime.date, datetime.date] | None = None) -> Evaluation:
    """Compare the re-map with the baseline map (both of the evaluation's journey), their
    citizens' ratings, and optionally a dataset in a period `before` and one `after` (first
    and last days); price the contacts avoided at the organisation's costs. Performing again
    replaces the findings (the audit log keeps the earlier ones)."""
    require(actor, Permission.EDIT, evaluation, baseline_map, remap, dataset)
    journey = evaluation.journey
    _same_journey(journey, baseline_map, remap)
    if baseline_map.pk == remap.pk:
        raise ValidationError({"remap": "Choose a re-map other than the baseline map."})
    periods = None
    if dataset is not None:
        if before is None or after is None:
            raise ValidationError({"dataset": "Give the period before and the period after."})
        before_result, before_label = _dataset_figures(dataset, *before)
        after_result, after_label = _dataset_figures(dataset, *after)
        periods = DatasetPeriods(before=before_result, after=after_result,
                                 before_label=before_label, after_label=after_label)
    maps = [baseline_map, remap]
    ratings = [selectors.overall_ratings(journey=journey, maps=[journey_map])[0]
               for journey_map in maps]
    _, threshold = selectors.overall_ratings(journey=journey, maps=maps)
    findings = evaluate(baseline=_map_schema(baseline_map), remap=_map_schema(remap),
                        baseline_ratings=ratings[0], remap_ratings=ratings[1],
                        rating_threshold=threshold, datasets=periods,
                        costs=selectors.contact_costs(organisation=evaluation.organisation))
    previous = evaluation.findings
    evaluation.baseline_map, evaluation.remap, evaluation.dataset = baseline_map, remap, dataset
    evaluation.before_from, evaluation.before_to = before or (None, None)
    evaluation.after_from, evaluation.after_to = after or (None, None)
    evaluation.findings = findings.as_record()
    evaluation.performed_at = timezone.now()
    evaluation.performed_by_label = actor.label[:150]
    evaluation.full_clean()
    evaluation.save()
    _audit(actor, context, action=Action.CHANGE, obj=evaluation,
           label=f"Evaluation of {journey.title}", before={"findings": previous},
           after={"baseline_map": baseline_map.pk, "remap": remap.pk,
                  "dataset": dataset.pk if dataset else None,
                  "findings": evaluation.findings})
    return evaluation
