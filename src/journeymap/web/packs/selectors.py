"""Reads for the evidence pack, always within one organisation.

The research section counts what was found on the journey's maps and names no participant: an
activity is listed with its aggregate figures only, never its observations' participant numbers.
"""

from django.db.models import Count, Q, QuerySet

from journeymap.web.accounts.models import Organisation
from journeymap.web.evidence.models import ResearchActivity
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.models import Journey, JourneyMap


def research_for_journey(*, organisation: Organisation,
                         journey: Journey) -> QuerySet[ResearchActivity]:
    """Activities that found something on the journey's maps, or that studied its segment, each
    with `observation_count` and `pain_point_count` (found on this journey's maps only)."""
    on_journey = Q(observations__step__journey_map__journey=journey)
    about = on_journey
    if journey.mapped_segment_id is not None:
        about |= Q(segment_id=journey.mapped_segment_id)
    matching = (ResearchActivity.objects.for_organisation(organisation).filter(about)
                .values("pk"))
    return (ResearchActivity.objects.for_organisation(organisation).filter(pk__in=matching)
            .annotate(observation_count=Count("observations", filter=on_journey),
                      pain_point_count=Count("observations", filter=on_journey & Q(
                          observations__pain_point=True)))
            .order_by("held_on", "title", "pk"))


def maps_for_journey(*, journey: Journey) -> list[JourneyMap]:
    """The journey's maps with their steps, oldest first (the as-is before its to-be)."""
    ids = list(journey_selectors.maps_of(journey=journey).values_list("pk", flat=True))
    by_id = journey_selectors.maps_with_steps(journey=journey, map_ids=ids)
    return sorted(by_id.values(), key=lambda journey_map: (journey_map.created_at, journey_map.pk))
