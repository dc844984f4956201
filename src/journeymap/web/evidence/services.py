"""Every change to research evidence: permission and tenancy check, validation, transaction,
audit. Views and scheduled tasks call these; nothing else writes evidence.

Retention: each activity carries the date its records may be kept until; `retention_sweep`
deletes what has passed it, for one organisation, and records in the audit log what it removed
(the activity's title, kind, dates and how many observations). What customers said never enters
the audit log, which is append-only and would otherwise keep it past its retention.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.evidence.models import Observation, ProposedStep, ResearchActivity
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import JourneyMap, Step
from journeymap.web.segments.models import Segment

Action = AuditEvent.Action
ACTIVITY_FIELDS = ("title", "kind", "objectives", "critical_questions", "held_on", "method",
                   "participants", "sample_make_up", "consent_recorded", "retain_until",
                   "notes")
OBSERVATION_FIELDS = ("participant", "note", "feeling", "channel", "pain_point", "suggestion",
                      "other_services")


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def activity_snapshot(activity: ResearchActivity) -> dict:
    """The activity's fields, JSON-ready, for the audit log and the edit form."""
    return {**{name: _json(getattr(activity, name)) for name in ACTIVITY_FIELDS},
            "segment": activity.segment_id}


def _audit(actor: Actor, context: AuditContext, *, action: Action, obj, label: str,
           before=None, after=None) -> None:
    record(actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk,
           object_label=label[:300], organisation_id=obj.organisation_id, before=before,
           after=after, context=context)


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(f"Not a field here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean(exclude=["organisation", "activity", "step", "segment"])


@transaction.atomic
def activity_create(*, actor: Actor, context: AuditContext, data: dict,
                    segment: Segment | None = None) -> ResearchActivity:
    """A research activity in the actor's own organisation, optionally about one segment."""
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    require(actor, Permission.EDIT, segment)
    activity = ResearchActivity(organisation_id=organisation_id, segment=segment)
    _apply(activity, data, ACTIVITY_FIELDS)
    activity.save()
    _audit(actor, context, action=Action.CREATE, obj=activity, label=activity.title,
           after=activity_snapshot(activity))
    return activity


@transaction.atomic
def activity_update(*, actor: Actor, context: AuditContext, activity: ResearchActivity,
                    data: dict, segment: Segment | None = None) -> ResearchActivity:
    require(actor, Permission.EDIT, activity, segment)
    before = activity_snapshot(activity)
    activity.segment = segment
    _apply(activity, data, ACTIVITY_FIELDS)
    most = activity.observations.exclude(participant=None).order_by("-participant").first()
    if activity.participants is not None and most and most.participant > activity.participants:
        raise ValidationError({"participants": f"An observation is from participant "
                                               f"{most.participant}; there were at least "
                                               "that many."})
    old, new = changed_fields(before, activity_snapshot(activity))
    if new:
        activity.save()
        _audit(actor, context, action=Action.CHANGE, obj=activity, label=activity.title,
               before=old, after=new)
    return activity


@transaction.atomic
def activity_delete(*, actor: Actor, context: AuditContext, activity: ResearchActivity) -> None:
    """Remove an activity and its observations."""
    require(actor, Permission.EDIT, activity)
    _audit(actor, context, action=Action.DELETE, obj=activity, label=activity.title,
           before={**activity_snapshot(activity),
                   "observations": activity.observations.count()})
    activity.delete()


def _observation_record(observation: Observation) -> dict:
    """What the append-only audit log keeps of an observation: never what the customer said
    (the quote, suggestion and links), which must go when the research's retention ends."""
    return {"participant": observation.participant, "feeling": observation.feeling,
            "channel": observation.channel, "pain_point": observation.pain_point}


@transaction.atomic
def observation_add(*, actor: Actor, context: AuditContext, activity: ResearchActivity,
                    step: Step, data: dict) -> Observation:
    """A finding of `activity`, at `step` of a map of the same organisation."""
    require(actor, Permission.EDIT, activity, step)
    observation = Observation(organisation_id=activity.organisation_id, activity=activity,
                              step=step)
    _apply(observation, data, OBSERVATION_FIELDS)
    if (observation.participant is not None and activity.participants is not None
            and observation.participant > activity.participants):
        raise ValidationError({"participant": f"This activity had {activity.participants} "
                                              "participant(s)."})
    observation.save()
    _audit(actor, context, action=Action.CREATE, obj=observation,
           label=f"Observation in {activity.title}",
           after={"step": step.pk, **_observation_record(observation)})
    return observation


@transaction.atomic
def observation_delete(*, actor: Actor, context: AuditContext,
                       observation: Observation) -> None:
    require(actor, Permission.EDIT, observation)
    _audit(actor, context, action=Action.DELETE, obj=observation,
           label=f"Observation in {observation.activity.title}",
           before={"step": observation.step_id, **_observation_record(observation)})
    observation.delete()


@transaction.atomic
def retention_sweep(*, actor: Actor, context: AuditContext,
                    today: datetime.date) -> list[str]:
    """Delete the actor's organisation's activities kept past their date, with their
    observations; each deletion is an audit row. Returns the titles removed.

    Meant for a scheduled task acting as `SystemActor(task="retention", ...)` for one
    organisation, with the EDIT permission.
    """
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    expired = (ResearchActivity.objects.filter(organisation_id=organisation_id,
                                               retain_until__lt=today).order_by("pk"))
    removed = []
    for activity in expired:
        _audit(actor, context, action=Action.DELETE, obj=activity, label=activity.title,
               before={"kind": activity.kind, "held_on": _json(activity.held_on),
                       "retain_until": _json(activity.retain_until),
                       "observations": activity.observations.count(),
                       "reason": "retention date passed"})
        removed.append(activity.title)
        activity.delete()
    return removed


# Proposed steps ------------------------------------------------------------------------------

def _proposal_audit(actor, context, proposal: ProposedStep, *, action: Action, before=None,
                    after=None) -> None:
    _audit(actor, context, action=action, obj=proposal, label=f"Proposed step: {proposal.name}",
           before=before, after=after)


@transaction.atomic
def proposed_step_add(*, actor: Actor, context: AuditContext, activity: ResearchActivity,
                      journey_map: JourneyMap, after_step: Step | None,
                      data: dict) -> ProposedStep:
    """A step customers described in `activity` that `journey_map` lacks, placed after
    `after_step` of that map (None: before its first step)."""
    require(actor, Permission.EDIT, activity, journey_map, after_step)
    if after_step is not None and after_step.journey_map_id != journey_map.pk:
        raise ValidationError({"after_step": "That step is on another map."})
    proposal = ProposedStep(organisation_id=activity.organisation_id, activity=activity,
                            journey_map=journey_map, after_step=after_step)
    _apply(proposal, data, ("name", "description"))
    proposal.save()
    _proposal_audit(actor, context, proposal, action=Action.CREATE, after={
        "map": journey_map.pk, "after_step": after_step.pk if after_step else None,
        "name": proposal.name})
    return proposal


def _position_in(into: JourneyMap, after: Step | None) -> int:
    """Where the proposed step goes in `into`: after the step that is (or replaces) the one
    customers named, else at the end; at the start when they named none."""
    if after is None:
        return 0
    for step in into.steps.order_by("position"):
        if step.key == after.key or after.key in (step.replaces or []):
            return step.position + 1
    return into.steps.count()


@transaction.atomic
def proposed_step_accept(*, actor: Actor, context: AuditContext, proposal: ProposedStep,
                         into: JourneyMap) -> Step:
    """Add the proposed step to `into` (a map of the same journey, usually the next version)
    as reported by customers, and mark the proposal accepted."""
    require(actor, Permission.EDIT, proposal, into)
    if proposal.status != ProposedStep.Status.PROPOSED:
        raise ValidationError(f"This step was already {proposal.get_status_display().lower()}.")
    if into.journey_id != proposal.journey_map.journey_id:
        raise ValidationError({"into": "Choose a map of the same journey."})
    step = journey_services.step_add(
        actor=actor, context=context, journey_map=into,
        position=_position_in(into, proposal.after_step),
        data={"name": proposal.name, "customer_does": proposal.description,
              "provenance": "reported"})
    proposal.status = ProposedStep.Status.ACCEPTED
    proposal.accepted_step = step
    proposal.save(update_fields=["status", "accepted_step"])
    _proposal_audit(actor, context, proposal, action=Action.CHANGE,
                    before={"status": "proposed"},
                    after={"status": "accepted", "map": into.pk, "step": step.pk})
    return step


@transaction.atomic
def proposed_step_decline(*, actor: Actor, context: AuditContext,
                          proposal: ProposedStep) -> ProposedStep:
    require(actor, Permission.EDIT, proposal)
    if proposal.status != ProposedStep.Status.PROPOSED:
        raise ValidationError(f"This step was already {proposal.get_status_display().lower()}.")
    proposal.status = ProposedStep.Status.DECLINED
    proposal.save(update_fields=["status"])
    _proposal_audit(actor, context, proposal, action=Action.CHANGE,
                    before={"status": "proposed"}, after={"status": "declined"})
    return proposal
