"""Every change to improvement actions, and the to-be map drafted from them: permission and
tenancy check, validation, transaction, audit. Views call these; nothing else writes actions.

An action hangs off a journey; every step, observation and member it is linked to must be
within the actor's reach and belong to that journey (or organisation), or the change is refused
before anything is written.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from journeymap.core.actions.to_be import EffectKind, StepEffect, ToBeError, to_be_map
from journeymap.core.maps.schema import MapKind
from journeymap.web.accounts.actors import Actor, Permission, require
from journeymap.web.accounts.models import Membership
from journeymap.web.actions.models import ACCEPTED_STATUSES, ImprovementAction, Status
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.evidence.models import Observation
from journeymap.web.indicators import services as indicator_services
from journeymap.web.indicators.models import Evaluation, Indicator
from journeymap.web.journeys import documents
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import Journey, JourneyMap, Step

Action = AuditEvent.Action
ACTION_FIELDS = ("title", "description", "category", "pain_points", "owner", "due_on",
                 "status", "done_on", "impact", "effort", "indicator_name", "ticket_url",
                 "effect", "effect_step_name")


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def action_snapshot(action: ImprovementAction) -> dict:
    """The action's fields and links, JSON-ready, for the audit log and the edit form."""
    return {**{name: _json(getattr(action, name)) for name in ACTION_FIELDS},
            "steps": sorted(step.pk for step in action.steps.all()),
            "observations": sorted(row.pk for row in action.observations.all()),
            "owner_member": action.owner_member_id, "indicator": action.indicator_id}


def _audit(actor: Actor, context: AuditContext, *, action: Action, obj, label: str,
           before=None, after=None) -> None:
    record(actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk,
           object_label=label[:300], organisation_id=obj.organisation_id, before=before,
           after=after, context=context)


def _check_links(journey: Journey, steps: list[Step], observations: list[Observation],
                 pain_points: list[str], indicator: Indicator | None) -> None:
    """Every linked step is on one of the journey's maps; every observation is about such a
    step; every pain point is written on a linked step; the indicator is the journey's."""
    if indicator is not None and indicator.journey_id != journey.pk:
        raise ValidationError({"indicator": f"The indicator “{indicator.name}” is another "
                                            "journey's."})
    for step in steps:
        if step.journey_map.journey_id != journey.pk:
            raise ValidationError({"steps": f"The step “{step.name}” is on another journey's "
                                            "map."})
    for observation in observations:
        if observation.step is None or observation.step.journey_map.journey_id != journey.pk:
            raise ValidationError({"observations": "An observation chosen is not about a step "
                                                   "of this journey."})
    written = {text for step in steps for text in step.pain_points}
    for text in pain_points:
        if text not in written:
            raise ValidationError({"pain_points": f"“{text}” is not a pain point of the steps "
                                                  "chosen."})


def _check_effect(action: ImprovementAction, steps: list[Step]) -> None:
    """The effect needs steps of one map: two or more to merge, one to add after."""
    effect = EffectKind(action.effect)
    if effect is EffectKind.NONE:
        return
    if not steps:
        raise ValidationError({"effect": f"“{effect.label}” needs the step(s) it changes."})
    if len({step.journey_map_id for step in steps}) > 1:
        raise ValidationError({"effect": "The steps it changes must all be on one map."})
    if effect is EffectKind.MERGE and len(steps) < 2:
        raise ValidationError({"effect": "Choose two or more steps to merge."})
    if effect is EffectKind.ADD_AFTER:
        if len(steps) != 1:
            raise ValidationError({"effect": "Choose the one step the new step comes after."})
        if not action.effect_step_name.strip():
            raise ValidationError({"effect_step_name": "Name the new step."})


def _apply(action: ImprovementAction, data: dict, *, steps: list[Step]) -> None:
    unknown = set(data) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(action, name, value)
    if not action.owner.strip() and steps:
        # The guide's default: the person who owns the step owns what is done about it.
        action.owner = min(steps, key=lambda step: (step.journey_map_id, step.position)).owner
    if action.status == Status.DONE:
        action.done_on = action.done_on or timezone.localdate()
    else:
        action.done_on = None
    action.full_clean(exclude=["organisation", "journey", "owner_member", "indicator"])
    _check_effect(action, steps)


def _save_links(action: ImprovementAction, steps: list[Step],
                observations: list[Observation], owner_member: Membership | None,
                indicator: Indicator | None) -> None:
    action.owner_member, action.indicator = owner_member, indicator
    action.save()
    action.steps.set(steps)
    action.observations.set(observations)


@transaction.atomic
def action_create(*, actor: Actor, context: AuditContext, journey: Journey, data: dict,
                  steps: list[Step] = (), observations: list[Observation] = (),
                  owner_member: Membership | None = None,
                  indicator: Indicator | None = None) -> ImprovementAction:
    """A new action on `journey`, answering `steps` (and pain points written on them) and
    research `observations`; owned by the first step's owner unless `data` names one."""
    steps, observations = list(steps), list(observations)
    require(actor, Permission.EDIT, journey, owner_member, indicator, *steps, *observations)
    _check_links(journey, steps, observations, data.get("pain_points", []), indicator)
    action = ImprovementAction(organisation_id=journey.organisation_id, journey=journey)
    _apply(action, data, steps=steps)
    _save_links(action, steps, observations, owner_member, indicator)
    _audit(actor, context, action=Action.CREATE, obj=action, label=action.title,
           after=action_snapshot(action))
    return action


@transaction.atomic
def action_update(*, actor: Actor, context: AuditContext, action: ImprovementAction,
                  data: dict, steps: list[Step], observations: list[Observation],
                  owner_member: Membership | None = None,
                  indicator: Indicator | None = None) -> ImprovementAction:
    """Change an action's fields and links (all of them: the form shows every one)."""
    steps, observations = list(steps), list(observations)
    require(actor, Permission.EDIT, action, owner_member, indicator, *steps, *observations)
    before = action_snapshot(action)
    _check_links(action.journey, steps, observations,
                 data.get("pain_points", action.pain_points), indicator)
    _apply(action, data, steps=steps)
    _save_links(action, steps, observations, owner_member, indicator)
    old, new = changed_fields(before, action_snapshot(action))
    if new:
        _audit(actor, context, action=Action.CHANGE, obj=action, label=action.title,
               before=old, after=new)
    return action


@transaction.atomic
def action_set_status(*, actor: Actor, context: AuditContext, action: ImprovementAction,
                      status: str) -> ImprovementAction:
    """Move an action on (e.g. mark it done, dated today); the board's one-click change."""
    require(actor, Permission.EDIT, action)
    if status == action.status:
        return action
    before = {"status": action.status, "done_on": _json(action.done_on)}
    _apply(action, {"status": status, "done_on": None}, steps=list(action.steps.all()))
    action.save(update_fields=["status", "done_on", "updated_at"])
    _audit(actor, context, action=Action.CHANGE, obj=action, label=action.title, before=before,
           after={"status": action.status, "done_on": _json(action.done_on)})
    if action.status == Status.DONE:
        _schedule_evaluation(actor, context, action)
    return action


EVALUATION_AFTER_MONTHS = 12


def _schedule_evaluation(actor: Actor, context: AuditContext, action: ImprovementAction) -> None:
    """The guide's Step 5: once actions are taken, the journey is re-mapped 6 to 24 months
    later. The first action done schedules the evaluation (a year on, which people can move);
    further actions done before it is performed join that same evaluation."""
    pending = Evaluation.objects.filter(organisation_id=action.organisation_id,
                                        journey_id=action.journey_id, performed_at__isnull=True)
    if not pending.exists():
        indicator_services.evaluation_schedule(actor=actor, context=context,
                                               journey=action.journey,
                                               actions_taken_on=action.done_on,
                                               months=EVALUATION_AFTER_MONTHS)


@transaction.atomic
def action_delete(*, actor: Actor, context: AuditContext, action: ImprovementAction) -> None:
    require(actor, Permission.EDIT, action)
    _audit(actor, context, action=Action.DELETE, obj=action, label=action.title,
           before=action_snapshot(action))
    action.delete()


def _effects_on(source: JourneyMap) -> tuple[list[StepEffect], list[ImprovementAction]]:
    """The accepted actions whose effect changes steps of `source`, as core effects."""
    accepted = (ImprovementAction.objects.for_organisation(source.organisation)
                .filter(journey_id=source.journey_id, status__in=ACCEPTED_STATUSES)
                .exclude(effect=EffectKind.NONE.value).order_by("pk")
                .prefetch_related("steps"))
    effects, applied = [], []
    for action in accepted:
        on_map = sorted((step for step in action.steps.all()
                         if step.journey_map_id == source.pk), key=lambda step: step.position)
        if on_map:
            effects.append(StepEffect(EffectKind(action.effect),
                                      tuple(step.key for step in on_map),
                                      action=action.title, name=action.effect_step_name))
            applied.append(action)
    return effects, applied


@transaction.atomic
def to_be_generate(*, actor: Actor, context: AuditContext, source: JourneyMap, title: str,
                   kind: str = MapKind.TO_BE_GOLD.value) -> JourneyMap:
    """A new map of the journey drafted from `source` and the accepted actions that change its
    steps (removed, merged, added), based on `source`, for people to edit as any other map."""
    require(actor, Permission.EDIT, source)
    if MapKind(kind) is MapKind.AS_IS:
        raise ValidationError({"kind": "A map drafted from actions is a to-be map."})
    effects, applied = _effects_on(source)
    reserved = Step.objects.for_organisation(source.organisation).filter(
        journey_map__journey_id=source.journey_id).values_list("key", flat=True)
    try:
        drafted = to_be_map(source=documents.map_to_schema(source), effects=effects,
                            title=title, kind=MapKind(kind), reserved_ids=set(reserved))
    except ToBeError as error:
        raise ValidationError(str(error)) from None
    journey_map = journey_services.map_create(actor=actor, context=context,
                                              journey=source.journey, based_on=source,
                                              data=drafted.model_dump(mode="json"))
    _audit(actor, context, action=Action.CREATE, obj=journey_map, label=journey_map.title,
           after={"drafted_from_map": source.pk,
                  "actions": [action.pk for action in applied]})
    return journey_map
