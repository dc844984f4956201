"""Reads of improvement actions, always within one organisation; "missing" and "not yours" are
the same 404. The boards and the evidence pack read actions as `ActionOnBoard`: the action, the
steps it answers (with their maps) and whether it is overdue today."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journeymap.core.actions.board import is_overdue
from journeymap.web.accounts.models import Organisation
from journeymap.web.actions.models import FINISHED_STATUSES, ImprovementAction
from journeymap.web.evidence.models import Observation
from journeymap.web.journeys.models import Journey, Step


@dataclass(frozen=True)
class ActionOnBoard:
    """One action as a board or report shows it. `steps` are in map order, each with its
    `journey_map` loaded; `observations` with their `activity`."""

    action: ImprovementAction
    steps: tuple[Step, ...]
    observations: tuple[Observation, ...]
    overdue: bool


def _actions(organisation: Organisation) -> QuerySet[ImprovementAction]:
    steps = (Step.objects.for_organisation(organisation).select_related("journey_map")
             .order_by("journey_map__created_at", "journey_map_id", "position"))
    observations = (Observation.objects.for_organisation(organisation)
                    .select_related("activity").order_by("pk"))
    return (ImprovementAction.objects.for_organisation(organisation)
            .order_by(F("due_on").asc(nulls_last=True), "pk")
            .select_related("journey", "owner_member__user", "indicator")
            .prefetch_related(Prefetch("steps", queryset=steps),
                              Prefetch("observations", queryset=observations)))


def _on_board(actions, today) -> list[ActionOnBoard]:
    return [ActionOnBoard(
        action=action, steps=tuple(action.steps.all()),
        observations=tuple(action.observations.all()),
        overdue=is_overdue(due_on=action.due_on, today=today,
                           finished=action.status in FINISHED_STATUSES))
        for action in actions]


def _filtered(queryset, status: str | None, category: str | None):
    if status:
        queryset = queryset.filter(status=status)
    if category:
        queryset = queryset.filter(category=category)
    return queryset


def actions_for_journey(*, organisation: Organisation, journey: Journey, status: str | None = None,
                        category: str | None = None) -> list[ActionOnBoard]:
    """The journey's actions (optionally of one status and category) with their linked steps,
    soonest due first, undated last."""
    queryset = _filtered(_actions(organisation).filter(journey=journey), status, category)
    return _on_board(queryset, timezone.localdate())


def actions_of_organisation(*, organisation: Organisation, status: str | None = None,
                            category: str | None = None) -> list[ActionOnBoard]:
    """Every journey's actions, by journey and then as `actions_for_journey`."""
    queryset = _filtered(_actions(organisation), status, category).order_by(
        "journey__title", "journey_id", F("due_on").asc(nulls_last=True), "pk")
    return _on_board(queryset, timezone.localdate())


def action_get(*, journey: Journey, action_id: int) -> ImprovementAction:
    return get_object_or_404(_actions(journey.organisation).filter(journey=journey),
                             pk=action_id)


def steps_of_journey(*, journey: Journey) -> QuerySet[Step]:
    """Every step of the journey's maps, map by map, for choosing what an action answers."""
    return (Step.objects.for_organisation(journey.organisation)
            .filter(journey_map__journey=journey).select_related("journey_map")
            .order_by("journey_map__created_at", "journey_map_id", "position"))


def observations_of_journey(*, journey: Journey) -> QuerySet[Observation]:
    """The research observations made at the journey's steps."""
    return (Observation.objects.for_organisation(journey.organisation)
            .filter(step__journey_map__journey=journey)
            .select_related("activity", "step__journey_map").order_by("activity_id", "pk"))
