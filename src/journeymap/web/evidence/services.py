"""Every change to research evidence: permission and tenancy check, validation, transaction,
audit. Views and scheduled tasks call these; nothing else writes evidence.

Retention: each activity carries the date its records may be kept until; `retention_sweep`
deletes what has passed it, for one organisation, and records in the audit log what it removed
(the activity's title, kind, dates and how many observations), never the findings themselves.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.evidence.models import Observation, ResearchActivity
from journeymap.web.journeys.models import Step
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
           after={"step": step.pk,
                  **{name: getattr(observation, name) for name in OBSERVATION_FIELDS}})
    return observation


@transaction.atomic
def observation_delete(*, actor: Actor, context: AuditContext,
                       observation: Observation) -> None:
    require(actor, Permission.EDIT, observation)
    _audit(actor, context, action=Action.DELETE, obj=observation,
           label=f"Observation in {observation.activity.title}",
           before={"step": observation.step_id, "note": observation.note})
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
