"""Reads of research evidence, always within one organisation; "missing" and "not yours" are the
same 404."""

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from journeymap.web.accounts.models import Organisation
from journeymap.web.evidence.models import Observation, ProposedStep, ResearchActivity
from journeymap.web.journeys.models import JourneyMap, Step


def organisations_with_expired_research(*, today) -> QuerySet[Organisation]:
    """The organisations holding research kept past its date: what the retention task visits
    (across organisations, so only the installation's own task calls it)."""
    expired = ResearchActivity.objects.filter(retain_until__lt=today).values("organisation_id")
    return Organisation.objects.filter(pk__in=expired).order_by("name")


def activities_of(*, organisation: Organisation) -> QuerySet[ResearchActivity]:
    return (ResearchActivity.objects.for_organisation(organisation).select_related("segment")
            .annotate(observation_count=Count("observations")))


def activity_get(*, organisation: Organisation, activity_id: int) -> ResearchActivity:
    return get_object_or_404(
        ResearchActivity.objects.for_organisation(organisation).select_related("segment"),
        pk=activity_id)


def observations_of(*, activity: ResearchActivity) -> QuerySet[Observation]:
    return (Observation.objects.for_organisation(activity.organisation)
            .filter(activity=activity)
            .select_related("step__journey_map__journey"))


def observation_get(*, activity: ResearchActivity, observation_id: int) -> Observation:
    return get_object_or_404(observations_of(activity=activity), pk=observation_id)


def steps_to_observe(*, organisation: Organisation) -> QuerySet[Step]:
    """Every step of the organisation's maps, grouped by map, for choosing where a finding fits."""
    return (Step.objects.for_organisation(organisation)
            .select_related("journey_map__journey")
            .order_by("journey_map__journey__title", "journey_map__created_at",
                      "journey_map_id", "position"))


def step_of_organisation(*, organisation: Organisation, step_id: int) -> Step:
    return get_object_or_404(steps_to_observe(organisation=organisation), pk=step_id)


def evidence_for_step(*, step: Step) -> QuerySet[Observation]:
    """All observations behind one step, with their activities."""
    return (Observation.objects.for_organisation(step.organisation).filter(step=step)
            .select_related("activity").order_by("activity__held_on", "pk"))


def evidence_counts(*, journey_map) -> list[tuple[Step, int]]:
    """Each step of a map with how many observations support it, in the map's order."""
    steps = (Step.objects.for_organisation(journey_map.organisation)
             .filter(journey_map=journey_map).annotate(observation_count=Count("observations"))
             .order_by("position"))
    return [(step, step.observation_count) for step in steps]


def proposals_of(*, activity: ResearchActivity) -> QuerySet[ProposedStep]:
    return (ProposedStep.objects.for_organisation(activity.organisation)
            .filter(activity=activity)
            .select_related("journey_map__journey", "after_step", "accepted_step__journey_map"))


def proposal_get(*, activity: ResearchActivity, proposal_id: int) -> ProposedStep:
    return get_object_or_404(proposals_of(activity=activity), pk=proposal_id)


def maps_of_journey(*, journey_map: JourneyMap) -> QuerySet[JourneyMap]:
    """The maps a proposed step for `journey_map` can be accepted into: its journey's."""
    return (JourneyMap.objects.for_organisation(journey_map.organisation)
            .filter(journey_id=journey_map.journey_id).order_by("created_at", "pk"))


def map_of_organisation(*, organisation, map_id: int) -> JourneyMap:
    return get_object_or_404(JourneyMap.objects.for_organisation(organisation), pk=map_id)
