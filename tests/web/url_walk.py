"""Every URL pattern of the site, with how to fill its arguments for a tenant-isolation test.

A new URL argument must be added to `ARGUMENT_FILLERS` (how to find an object of the victim
organisation for it), and a new URL that is not organisation-scoped must be listed in
`NOT_ORGANISATION_SCOPED` with the reason; otherwise the walk test fails. That is on purpose.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Pages about the signed-in person or public pages: they take no organisation.
NOT_ORGANISATION_SCOPED = {
    "dashboard:landing": "public landing page",
    "dashboard:home": "lists only the person's own organisations",
    "accounts:login": "public sign-in page",
    "accounts:logout": "ends the person's own session",
    "accounts:two_factor": "the person's own sign-in settings",
    "journeys:shared_map": "public read-only map behind an unguessable, revocable share token "
                           "(tested in tests/web/journeys/test_share_links.py)",
    "feedback:form": "public citizens' form behind an unguessable, closable feedback-link token "
                     "(tested in tests/web/feedback/test_public_form.py)",
}


@dataclass(frozen=True)
class Route:
    name: str
    arguments: tuple[str, ...]
    view: Callable


def _walk(patterns, namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(f"{namespace}{entry.name}", tuple(entry.pattern.converters),
                        entry.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


# argument name -> function(victim organisation) -> a value naming one of its objects
ARGUMENT_FILLERS: dict[str, Callable] = {}


def argument_filler(name: str):
    def register(function: Callable) -> Callable:
        ARGUMENT_FILLERS[name] = function
        return function

    return register


@argument_filler("membership_id")
def _membership(organisation):
    return organisation.memberships.order_by("pk").first().pk


def _journeys_models():
    from journeymap.web.journeys import models

    return models


@argument_filler("journey_id")
def _journey(organisation):
    return _journeys_models().Journey.objects.filter(organisation=organisation).order_by(
        "pk").first().pk


@argument_filler("map_id")
def _map(organisation):
    return _journeys_models().JourneyMap.objects.filter(organisation=organisation).order_by(
        "pk").first().pk


@argument_filler("step_id")
def _step(organisation):
    first_map = _map(organisation)
    return _journeys_models().Step.objects.filter(journey_map_id=first_map).order_by(
        "pk").first().pk


@argument_filler("revision_id")
def _revision(organisation):
    first_map = _map(organisation)
    return _journeys_models().MapRevision.objects.filter(journey_map_id=first_map).order_by(
        "pk").first().pk


@argument_filler("share_id")
def _share(organisation):
    first_map = _map(organisation)
    return _journeys_models().ShareLink.objects.filter(journey_map_id=first_map).order_by(
        "pk").first().pk


@argument_filler("segment_id")
def _segment(organisation):
    from journeymap.web.segments.models import Segment

    return Segment.objects.filter(organisation=organisation).order_by("pk").first().pk


def _evidence_models():
    from journeymap.web.evidence import models

    return models


@argument_filler("activity_id")
def _activity(organisation):
    return _evidence_models().ResearchActivity.objects.filter(
        organisation=organisation).order_by("pk").first().pk


@argument_filler("observation_id")
def _observation(organisation):
    return _evidence_models().Observation.objects.filter(
        activity_id=_activity(organisation)).order_by("pk").first().pk


@argument_filler("proposal_id")
def _proposal(organisation):
    return _evidence_models().ProposedStep.objects.filter(
        activity_id=_activity(organisation)).order_by("pk").first().pk


@argument_filler("field")
def _lane_field(organisation):
    return "customer_does"


@argument_filler("file_format")
def _file_format(organisation):
    return "json"


@argument_filler("link_id")
def _feedback_link(organisation):
    from journeymap.web.feedback.models import FeedbackLink

    first_map = _map(organisation)
    return FeedbackLink.objects.filter(journey_map_id=first_map).order_by("pk").first().pk


@argument_filler("language")
def _language(organisation):
    return "cy"  # a language the form's words may be translated into


@argument_filler("dataset_id")
def _dataset(organisation):
    from journeymap.web.datasets.models import Dataset

    return Dataset.objects.filter(organisation=organisation).order_by("pk").first().pk


def _indicators_models():
    from journeymap.web.indicators import models

    return models


@argument_filler("indicator_id")
def _indicator(organisation):
    return _indicators_models().Indicator.objects.filter(organisation=organisation).order_by(
        "pk").first().pk


@argument_filler("measurement_id")
def _measurement(organisation):
    return _indicators_models().Measurement.objects.filter(
        indicator_id=_indicator(organisation)).order_by("pk").first().pk


@argument_filler("evaluation_id")
def _evaluation(organisation):
    return _indicators_models().Evaluation.objects.filter(organisation=organisation).order_by(
        "pk").first().pk


@argument_filler("action_id")
def _action(organisation):
    from journeymap.web.actions.models import ImprovementAction

    return ImprovementAction.objects.filter(journey_id=_journey(organisation)).order_by(
        "pk").first().pk
