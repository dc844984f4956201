"""The journeys at a glance (dashboard and journeys list): each journey's latest map in a line.

A fixed number of queries however many journeys there are: the journeys, their maps and those
maps' steps, each fetched once; the rest is worked out here. Figures are shown only where the
map records them: a worst step needs a recorded feeling, an avoidable count a recorded answer.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from journeymap.core.maps.schema import EMOTION_LABELS, Avoidable
from journeymap.core.maps.sparkline import Sparkline, sparkline
from journeymap.web.accounts.models import Organisation
from journeymap.web.journeys.models import Journey, JourneyMap, Step

#: (value, label) of the orders the list offers; the first is the default.
SORTS = [
    ("title", "Journey title"), ("service", "Service"), ("worst", "Unhappiest step first"),
    ("avoidable", "Most avoidable steps first"), ("mapped", "Most recently mapped first"),
    ("review", "Review due soonest first"),
]


@dataclass(frozen=True)
class WorstStep:
    number: int
    name: str
    emotion: int

    @property
    def emotion_label(self) -> str:
        return EMOTION_LABELS[self.emotion]


@dataclass(frozen=True)
class Glance:
    journey: Journey
    latest_map: JourneyMap | None
    heartbeat: Sparkline | None
    worst_step: WorstStep | None
    #: None when no step of the map records whether it was avoidable.
    avoidable_steps: int | None
    owner: str
    mapped_on: datetime.date | None
    review_by: datetime.date | None


def _latest(maps: list[JourneyMap]) -> JourneyMap | None:
    """The map most recently mapped; maps with no date count as mapped when created."""
    return max(maps, key=lambda row: (row.mapped_on or row.created_at.date(), row.created_at,
                                      row.pk), default=None)


def _glance(journey: Journey, maps: list[JourneyMap]) -> Glance:
    latest = _latest(maps)
    if latest is None:
        return Glance(journey, None, None, None, None, "", None, None)
    steps = list(latest.steps.all())
    known = [(number, step) for number, step in enumerate(steps, start=1)
             if step.emotion is not None]
    worst = min(known, key=lambda pair: pair[1].emotion, default=None)
    answered = [step for step in steps if step.avoidable]
    return Glance(
        journey=journey, latest_map=latest,
        heartbeat=sparkline([step.emotion for step in steps]) if steps else None,
        worst_step=WorstStep(worst[0], worst[1].name, worst[1].emotion) if worst else None,
        avoidable_steps=(sum(step.avoidable == Avoidable.YES.value for step in answered)
                         if answered else None),
        owner=latest.owner, mapped_on=latest.mapped_on, review_by=latest.review_by)


def _unknown_last(value, *, reverse: bool = False):
    if value is None:
        return (1, 0)
    if reverse:
        return (0, -value.toordinal() if isinstance(value, datetime.date) else -value)
    return (0, value.toordinal() if isinstance(value, datetime.date) else value)


_SORT_KEYS = {
    "title": lambda glance: glance.journey.title.casefold(),
    "service": lambda glance: (glance.journey.service.casefold(),
                               glance.journey.title.casefold()),
    "worst": lambda glance: _unknown_last(glance.worst_step.emotion if glance.worst_step
                                          else None),
    "avoidable": lambda glance: _unknown_last(glance.avoidable_steps, reverse=True),
    "mapped": lambda glance: _unknown_last(glance.mapped_on, reverse=True),
    "review": lambda glance: _unknown_last(glance.review_by),
}


def portfolio_of(*, organisation: Organisation, service: str = "", segment_id: int | None = None,
                 sort: str = "title") -> list[Glance]:
    """The organisation's journeys, filtered by service and register segment, in `sort` order."""
    journeys = Journey.objects.for_organisation(organisation).select_related("mapped_segment")
    if service:
        journeys = journeys.filter(service=service)
    if segment_id is not None:
        journeys = journeys.filter(mapped_segment_id=segment_id)
    journeys = list(journeys)
    steps = Step.objects.for_organisation(organisation).order_by("position").only(
        "journey_map_id", "position", "name", "emotion", "avoidable")
    maps = (JourneyMap.objects.for_organisation(organisation)
            .filter(journey__in=[journey.pk for journey in journeys])
            .only("journey_id", "title", "kind", "owner", "mapped_on", "review_by",
                  "created_at")
            .prefetch_related(Prefetch("steps", queryset=steps)))
    by_journey: dict[int, list[JourneyMap]] = {}
    for row in maps:
        by_journey.setdefault(row.journey_id, []).append(row)
    glances = [_glance(journey, by_journey.get(journey.pk, [])) for journey in journeys]
    key = _SORT_KEYS.get(sort, _SORT_KEYS["title"])
    return sorted(glances, key=lambda glance: (key(glance), glance.journey.title.casefold()))


def services_of(*, organisation: Organisation) -> list[str]:
    return list(Journey.objects.for_organisation(organisation).order_by("service")
                .values_list("service", flat=True).distinct())
