"""Reads of journeys and maps, always within one organisation; "missing" and "not yours" are
the same 404."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journeymap.web.accounts.models import Organisation
from journeymap.web.journeys.models import (
    Journey,
    JourneyMap,
    MapRevision,
    ShareLink,
    Step,
    Touchpoint,
)


def journeys_of(*, organisation: Organisation) -> QuerySet[Journey]:
    return Journey.objects.for_organisation(organisation).annotate(map_count=Count("maps"))


def journey_get(*, organisation: Organisation, journey_id: int) -> Journey:
    return get_object_or_404(Journey.objects.for_organisation(organisation), pk=journey_id)


def maps_of(*, journey: Journey) -> QuerySet[JourneyMap]:
    return (JourneyMap.objects.for_organisation(journey.organisation).filter(journey=journey)
            .annotate(step_count=Count("steps")))


def _steps_with_touchpoints(organisation: Organisation) -> Prefetch:
    return Prefetch(
        "steps",
        queryset=Step.objects.for_organisation(organisation).order_by("position").prefetch_related(
            Prefetch("touchpoints", queryset=Touchpoint.objects.order_by("position"))),
    )


def _map_with_steps(queryset: QuerySet[JourneyMap], organisation: Organisation):
    return (queryset.select_related("journey", "based_on")
            .prefetch_related(_steps_with_touchpoints(organisation)))


def map_get(*, organisation: Organisation, journey_id: int, map_id: int) -> JourneyMap:
    """The map with its journey, steps and touchpoints in a fixed number of queries."""
    queryset = _map_with_steps(JourneyMap.objects.for_organisation(organisation), organisation)
    return get_object_or_404(queryset, pk=map_id, journey_id=journey_id)


def step_get(*, journey_map: JourneyMap, step_id: int) -> Step:
    queryset = (Step.objects.for_organisation(journey_map.organisation)
                .filter(journey_map=journey_map).prefetch_related("touchpoints"))
    return get_object_or_404(queryset, pk=step_id)


def revisions_of(*, journey_map: JourneyMap) -> QuerySet[MapRevision]:
    return MapRevision.objects.for_organisation(journey_map.organisation).filter(
        journey_map=journey_map).defer("document")


def revision_get(*, journey_map: JourneyMap, revision_id: int) -> MapRevision:
    return get_object_or_404(
        MapRevision.objects.for_organisation(journey_map.organisation).filter(
            journey_map=journey_map), pk=revision_id)


def maps_needing_attention(*, organisation: Organisation) -> dict[str, list[JourneyMap]]:
    """Living maps: those past their review-by date, and those nobody owns."""
    maps = JourneyMap.objects.for_organisation(organisation).select_related("journey")
    return {
        "overdue": list(maps.filter(review_by__lt=timezone.localdate()).order_by("review_by")),
        "unowned": list(maps.filter(Q(owner="") | Q(owner__isnull=True))),
    }


def maps_with_steps(*, journey: Journey, map_ids: list[int]) -> dict[int, JourneyMap]:
    """Several maps of one journey with their steps, in a fixed number of queries (compare)."""
    queryset = JourneyMap.objects.for_organisation(journey.organisation).filter(
        journey=journey, pk__in=map_ids)
    return {row.pk: row for row in _map_with_steps(queryset, journey.organisation)}


def share_links_of(*, journey_map: JourneyMap) -> QuerySet[ShareLink]:
    return ShareLink.objects.for_organisation(journey_map.organisation).filter(
        journey_map=journey_map).select_related("created_by")


def share_link_get(*, journey_map: JourneyMap, share_id: int) -> ShareLink:
    return get_object_or_404(share_links_of(journey_map=journey_map), pk=share_id)


def share_link_by_token(*, token_hash: str) -> ShareLink | None:
    """A share link whatever its state, so its holder can be told why it no longer works."""
    return ShareLink.objects.filter(token_hash=token_hash).first()


def shared_map_get(*, token_hash: str) -> JourneyMap:
    """The map behind a live share link: unknown, revoked and expired links are the same 404."""
    link = get_object_or_404(ShareLink.objects.select_related("organisation"),
                             token_hash=token_hash, revoked_at__isnull=True,
                             expires_at__gt=timezone.now())
    queryset = JourneyMap.objects.for_organisation(link.organisation)
    return get_object_or_404(_map_with_steps(queryset, link.organisation),
                             pk=link.journey_map_id)
