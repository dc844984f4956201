"""Reads of the segment register, always within one organisation; "missing" and "not yours"
are the same 404."""

import datetime

from django.db.models import Count, Max, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journeymap.core.segments import COLUMNS, SegmentRow
from journeymap.web.accounts.models import Organisation
from journeymap.web.journeys.models import Journey, JourneyMap
from journeymap.web.segments.models import Segment

#: A segment whose journeys were last mapped longer ago than this is flagged as stale.
STALE_AFTER_YEARS = 2


def stale_before(today: datetime.date) -> datetime.date:
    """The date before which a mapping is stale (29 February counts from the 28th)."""
    year = today.year - STALE_AFTER_YEARS
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def segments_of(*, organisation: Organisation) -> QuerySet[Segment]:
    return Segment.objects.for_organisation(organisation).annotate(
        journey_count=Count("journeys"))


def segment_get(*, organisation: Organisation, segment_id: int) -> Segment:
    return get_object_or_404(Segment.objects.for_organisation(organisation), pk=segment_id)


def journeys_of_segment(*, segment: Segment, today: datetime.date | None = None) -> list[Journey]:
    """The segment's journeys, each with `last_mapped` (the latest date a map of it was mapped
    on; None if no map records one), `map_count` and `stale`: never mapped, or last mapped
    before the stale line. Maps with no date are not called stale; the page says the date is
    not recorded."""
    line = stale_before(today or timezone.localdate())
    journeys = list(Journey.objects.for_organisation(segment.organisation)
                    .filter(mapped_segment=segment)
                    .annotate(last_mapped=Max("maps__mapped_on"), map_count=Count("maps"))
                    .prefetch_related("maps").order_by("title"))
    for journey in journeys:
        journey.stale = journey.map_count == 0 or (
            journey.last_mapped is not None and journey.last_mapped < line)
    return journeys


def segment_map_get(*, segment: Segment, map_id: int) -> JourneyMap:
    """A map of one of the segment's journeys; any other map is the same 404."""
    return get_object_or_404(
        JourneyMap.objects.for_organisation(segment.organisation)
        .select_related("journey__mapped_segment"),
        pk=map_id, journey__mapped_segment=segment)


def journeys_without_segment(*, organisation: Organisation) -> QuerySet[Journey]:
    """Journeys that name no segment of the register yet: the ones a segment can take on."""
    return Journey.objects.for_organisation(organisation).filter(
        mapped_segment__isnull=True).order_by("title")


def register_rows(*, organisation: Organisation) -> list[tuple[Segment, SegmentRow]]:
    """Each segment with its register row, as the ranking and the register's files take it."""
    return [(segment, SegmentRow(**{column.field: getattr(segment, column.field)
                                    for column in COLUMNS}))
            for segment in Segment.objects.for_organisation(organisation)]
