"""Reads of indicators and evaluations, always within one organisation ("missing" and "not
yours" are the same 404), and the figures the services compute measurements from.

`indicators_for_journey` and `evaluations_for_journey` are also what the evidence pack reads.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journeymap.core.measures.chart import Point, indicator_chart
from journeymap.web.accounts.models import Organisation
from journeymap.web.datasets.models import Dataset
from journeymap.web.datasets.selectors import dataset_result, datasets_of, filter_choices
from journeymap.web.feedback.models import FeedbackResponse
from journeymap.web.feedback.selectors import suppression_threshold
from journeymap.web.indicators.models import ContactCost, Evaluation, Indicator, Measurement
from journeymap.web.journeys.models import Journey, JourneyMap

#: How far ahead the dashboard looks for evaluations coming due.
COMING_DUE_DAYS = 60


def indicators_of(*, journey: Journey) -> QuerySet[Indicator]:
    return (Indicator.objects.for_organisation(journey.organisation).filter(journey=journey)
            .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by(
                "measured_on", "pk"))))


def indicator_get(*, journey: Journey, indicator_id: int) -> Indicator:
    return get_object_or_404(indicators_of(journey=journey), pk=indicator_id)


def measurement_get(*, indicator: Indicator, measurement_id: int) -> Measurement:
    return get_object_or_404(Measurement.objects.for_organisation(indicator.organisation)
                             .filter(indicator=indicator), pk=measurement_id)


def evaluations_of(*, journey: Journey) -> QuerySet[Evaluation]:
    return (Evaluation.objects.for_organisation(journey.organisation).filter(journey=journey)
            .select_related("baseline_map", "remap", "dataset"))


def evaluation_get(*, journey: Journey, evaluation_id: int) -> Evaluation:
    return get_object_or_404(evaluations_of(journey=journey), pk=evaluation_id)


def evaluations_due(*, organisation: Organisation,
                    today: datetime.date | None = None) -> dict[str, list[Evaluation]]:
    """Evaluations not yet performed: those overdue, and those due in the next 60 days."""
    today = today or timezone.localdate()
    waiting = (Evaluation.objects.for_organisation(organisation)
               .filter(performed_at__isnull=True).select_related("journey").order_by("due_on"))
    return {
        "overdue": list(waiting.filter(due_on__lt=today)),
        "coming": list(waiting.filter(
            due_on__gte=today, due_on__lte=today + datetime.timedelta(days=COMING_DUE_DAYS))),
    }


def log_channels(*, organisation_id: int) -> list[str]:
    """The channels the organisation's contact logs name, as their reports show them (a channel
    used by fewer cases than a dataset's threshold is not offered), so that contacts avoided in
    a dataset can be priced under the log's own channel names."""
    names: set[str] = set()
    for dataset in Dataset.objects.filter(organisation_id=organisation_id,
                                          status=Dataset.Status.READY).order_by("pk"):
        names.update(filter_choices(dataset_result(dataset=dataset))["channels"])
    return sorted(names)


def contact_costs(*, organisation: Organisation) -> dict[str, Decimal]:
    """The organisation's cost per contact by channel; a channel with no cost is absent."""
    return {row.channel: row.cost_per_contact
            for row in ContactCost.objects.for_organisation(organisation)}


def overall_ratings(*, journey: Journey, maps: list[JourneyMap],
                    period: tuple[datetime.datetime, datetime.datetime] | None = None
                    ) -> tuple[dict[int, int], int]:
    """How many citizens gave each overall rating to `maps` (of `journey`), received in
    `period` if given; with the threshold below which the figure is withheld: the strictest
    promised by any of the maps' links."""
    responses = FeedbackResponse.objects.for_organisation(journey.organisation).filter(
        journey_map__in=[journey_map.pk for journey_map in maps if journey_map.journey_id ==
                         journey.pk], overall_rating__isnull=False)
    if period is not None:
        responses = responses.filter(received_at__gte=period[0], received_at__lt=period[1])
    histogram = {row["overall_rating"]: row["count"] for row in
                 responses.values("overall_rating").annotate(count=Count("pk")).order_by()}
    threshold = max([suppression_threshold(journey_map=journey_map) for journey_map in maps],
                    default=settings.FEEDBACK_SUPPRESS_BELOW)
    return histogram, threshold


@dataclass(frozen=True)
class IndicatorSummary:
    """One indicator as the evidence pack and the journey's page show it."""

    indicator: Indicator
    baseline: float | None
    baseline_on: datetime.date | None
    target: float | None
    latest: Measurement | None
    measurements: list[Measurement]

    @property
    def latest_source(self) -> str:
        return self.latest.source_label if self.latest else ""

    def chart_svg(self) -> str:
        indicator = self.indicator
        return indicator_chart(
            title=indicator.name, unit=indicator.unit,
            points=[Point(row.measured_on, row.value) for row in self.measurements],
            baseline=(Point(self.baseline_on, self.baseline)
                      if self.baseline is not None and self.baseline_on else None),
            target=self.target)


def indicator_summary(indicator: Indicator) -> IndicatorSummary:
    measurements = list(indicator.measurements.all())
    return IndicatorSummary(indicator=indicator, baseline=indicator.baseline_value,
                            baseline_on=indicator.baseline_on, target=indicator.target_value,
                            latest=measurements[-1] if measurements else None,
                            measurements=measurements)


def indicators_for_journey(*, organisation: Organisation,
                           journey: Journey) -> list[IndicatorSummary]:
    """Each indicator of the journey with its baseline, target, measurements and the latest
    one's source; empty for a journey of another organisation."""
    if journey.organisation_id != organisation.pk:
        return []
    return [indicator_summary(indicator) for indicator in indicators_of(journey=journey)]


def evaluations_for_journey(*, organisation: Organisation, journey: Journey) -> list[Evaluation]:
    """The journey's evaluations by due date; `findings` holds a performed one's figures."""
    if journey.organisation_id != organisation.pk:
        return []
    return list(evaluations_of(journey=journey))


def ready_datasets(*, organisation: Organisation) -> QuerySet[Dataset]:
    """The organisation's datasets that have figures, for choosing a measurement's source."""
    return datasets_of(organisation=organisation).filter(status=Dataset.Status.READY)
