"""Every change to journeys and maps: permission and tenancy check, schema validation,
transaction, revision, audit.

Views, imports and the CLI all call these; nothing else writes journey data. Each service
is given an `actor` and an `AuditContext` and checks, itself, that the actor may edit and that
every object it is handed is within the actor's reach, before it changes anything. Each map
change bumps the map's `revision` and stores the whole map as a `MapRevision`, which is what the
history page shows and what `map_restore` puts back.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from pydantic import ValidationError as SchemaError

from journeymap.core.maps import schema
from journeymap.core.maps.copying import copy_map
from journeymap.core.maps.validation_errors import problems_from_validation_error
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.models import (
    Journey,
    JourneyMap,
    MapRevision,
    ShareLink,
    Step,
    Touchpoint,
)


@dataclass
class EditConflict(Exception):
    """Someone else saved this step since the editor loaded it; `current` is what they saved."""

    current: schema.Step
    message: str = ("Someone else changed this step while you were editing it. "
                    "Their version is shown; your changes were not saved.")


Action = AuditEvent.Action


def _validated(model: type, data: dict):
    """Validate with the schema, turning its errors into a Django ValidationError by field."""
    try:
        return model.model_validate(data)
    except SchemaError as error:
        messages: dict[str, list[str]] = {}
        for problem in problems_from_validation_error(error, data):
            field = (problem.field or "").split(".")[-1].split("[")[0] or "__all__"
            messages.setdefault(field, []).append(problem.message)
        raise ValidationError(messages) from None


def _audit(actor: Actor, context: AuditContext, *, action: Action, obj, label: str,
           before=None, after=None) -> None:
    record(actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk,
           object_label=label[:300], organisation_id=obj.organisation_id, before=before,
           after=after, context=context)


def _save_revision(journey_map: JourneyMap, *, actor: Actor, summary: str) -> MapRevision:
    fresh = selectors.map_get(organisation=journey_map.organisation,
                              journey_id=journey_map.journey_id, map_id=journey_map.pk)
    document = documents.document_for(fresh).model_dump(mode="json", by_alias=True)
    return MapRevision.objects.create(
        organisation=journey_map.organisation, journey_map=journey_map,
        number=journey_map.revision, document=document, summary=summary[:300],
        actor_label=actor.label)


def _bump(journey_map: JourneyMap, *, actor: Actor, summary: str) -> None:
    journey_map.revision += 1
    journey_map.save(update_fields=["revision", "updated_at"])
    _save_revision(journey_map, actor=actor, summary=summary)


def _write_touchpoints(step: Step, touchpoints: list[schema.Touchpoint]) -> None:
    step.touchpoints.all().delete()
    Touchpoint.objects.bulk_create(documents.touchpoint_rows(step, touchpoints))


def _write_steps(journey_map: JourneyMap, steps: list[schema.Step]) -> None:
    journey_map.steps.all().delete()
    created = Step.objects.bulk_create([
        Step(organisation_id=journey_map.organisation_id, journey_map=journey_map,
             position=index, **documents.step_columns(step))
        for index, step in enumerate(steps)
    ])
    Touchpoint.objects.bulk_create([
        touchpoint for row, step in zip(created, steps, strict=True)
        for touchpoint in documents.touchpoint_rows(row, step.touchpoints)
    ])


# Journeys -----------------------------------------------------------------------------------

@transaction.atomic
def journey_create(*, actor: Actor, context: AuditContext, data: dict) -> Journey:
    """A new journey in the actor's own organisation."""
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    validated = _validated(schema.Journey, data)
    journey = Journey.objects.create(organisation_id=organisation_id,
                                     **documents.journey_columns(validated))
    _audit(actor, context, action=Action.CREATE, obj=journey, label=journey.title,
           after=validated.model_dump(mode="json"))
    return journey


@transaction.atomic
def journey_update(*, actor: Actor, context: AuditContext, journey: Journey,
                   data: dict) -> Journey:
    require(actor, Permission.EDIT, journey)
    before = documents.journey_to_schema(journey).model_dump(mode="json")
    validated = _validated(schema.Journey, {**before, **data})
    for name, value in documents.journey_columns(validated).items():
        setattr(journey, name, value)
    journey.save()
    old, new = changed_fields(before, validated.model_dump(mode="json"))
    if new:
        _audit(actor, context, action=Action.CHANGE, obj=journey, label=journey.title, before=old,
               after=new)
    return journey


# Maps ---------------------------------------------------------------------------------------

@transaction.atomic
def map_create(*, actor: Actor, context: AuditContext, journey: Journey, data: dict,
               based_on: JourneyMap | None = None) -> JourneyMap:
    """A map from schema data (steps included); the first revision is stored with it."""
    require(actor, Permission.EDIT, journey, based_on)
    validated = _validated(schema.JourneyMap, data)
    journey_map = JourneyMap.objects.create(
        organisation_id=journey.organisation_id, journey=journey, based_on=based_on,
        **documents.map_columns(validated))
    _write_steps(journey_map, validated.steps)
    _save_revision(journey_map, actor=actor, summary="Map created")
    _audit(actor, context, action=Action.CREATE, obj=journey_map, label=journey_map.title,
           after={"title": validated.title, "kind": validated.kind.value,
                  "steps": len(validated.steps)})
    return journey_map


@transaction.atomic
def document_import(*, actor: Actor, context: AuditContext, document: schema.MapDocument,
                    journey: Journey | None = None) -> JourneyMap:
    """A whole map file into the database, all or nothing; a new journey unless one is given."""
    require(actor, Permission.EDIT, journey)
    if journey is None:
        journey = journey_create(actor=actor, context=context,
                                 data=document.journey.model_dump(mode="json"))
    return map_create(actor=actor, context=context, journey=journey,
                      data=document.map.model_dump(mode="json"))


@transaction.atomic
def map_copy(*, actor: Actor, context: AuditContext, source: JourneyMap, kind: str,
             title: str) -> JourneyMap:
    """Start the next version (to-be from as-is, re-map from to-be), steps linked by `replaces`."""
    require(actor, Permission.EDIT, source)
    copied = copy_map(source=documents.map_to_schema(source), kind=schema.MapKind(kind),
                      title=title)
    return map_create(actor=actor, context=context, journey=source.journey, based_on=source,
                      data=copied.model_dump(mode="json"))


@transaction.atomic
def map_update_details(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                       data: dict) -> JourneyMap:
    require(actor, Permission.EDIT, journey_map)
    current = documents.map_to_schema(journey_map)
    before = current.model_dump(mode="json", exclude={"steps"})
    validated = _validated(schema.JourneyMap, {**current.model_dump(mode="json"), **data})
    for name, value in documents.map_columns(validated).items():
        setattr(journey_map, name, value)
    journey_map.save()
    old, new = changed_fields(before, validated.model_dump(mode="json", exclude={"steps"}))
    if new:
        _bump(journey_map, actor=actor, summary="Map details changed")
        _audit(actor, context, action=Action.CHANGE, obj=journey_map, label=journey_map.title,
               before=old, after=new)
    return journey_map


@transaction.atomic
def map_delete(*, actor: Actor, context: AuditContext, journey_map: JourneyMap) -> None:
    require(actor, Permission.EDIT, journey_map)
    before = {"title": journey_map.title, "kind": journey_map.kind}
    _audit(actor, context, action=Action.DELETE, obj=journey_map, label=journey_map.title,
           before=before)
    journey_map.delete()


@transaction.atomic
def map_restore(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                revision: MapRevision) -> JourneyMap:
    """Put an earlier state back. The restore is itself a new revision, so nothing is lost."""
    require(actor, Permission.EDIT, journey_map, revision)
    if revision.journey_map_id != journey_map.pk:
        raise PermissionDenied("That revision is of another map.")
    document = schema.MapDocument.model_validate(revision.document)
    for name, value in documents.map_columns(document.map).items():
        setattr(journey_map, name, value)
    journey_map.save()
    _write_steps(journey_map, document.map.steps)
    _bump(journey_map, actor=actor, summary=f"Restored revision {revision.number}")
    _audit(actor, context, action=Action.CHANGE, obj=journey_map, label=journey_map.title,
           before={"revision": journey_map.revision - 1},
           after={"restored_revision": revision.number})
    return journey_map


# The map's v2 parts: persona, stages, lanes ---------------------------------------------------

def _map_changed(journey_map: JourneyMap, *, actor: Actor, context: AuditContext, summary: str,
                 before: dict, after: dict) -> None:
    """Bump the revision and audit a change of the map's own parts, if anything changed."""
    old, new = changed_fields(before, after)
    if new:
        _bump(journey_map, actor=actor, summary=summary)
        _audit(actor, context, action=Action.CHANGE, obj=journey_map, label=journey_map.title,
               before=old, after=new)


@transaction.atomic
def map_set_persona(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                    data: dict | None) -> JourneyMap:
    """Set the customer this map follows (`None` removes the persona)."""
    require(actor, Permission.EDIT, journey_map)
    persona = None if data is None else _validated(schema.Persona, data)
    before = {"persona": journey_map.persona}
    journey_map.persona = None if persona is None else persona.model_dump(mode="json")
    journey_map.save(update_fields=["persona", "updated_at"])
    _map_changed(journey_map, actor=actor, context=context, summary="Persona changed",
                 before=before, after={"persona": journey_map.persona})
    return journey_map


def _step_rows(journey_map: JourneyMap) -> list[Step]:
    # Fresh rows, not a prefetched cache: they are locked with the map and rewritten here.
    return list(Step.objects.for_organisation(journey_map.organisation)
                .filter(journey_map=journey_map).order_by("position")
                .prefetch_related("touchpoints"))


def _validated_map_parts(journey_map: JourneyMap, rows: list[Step], **parts) -> schema.JourneyMap:
    """The whole map with some parts replaced, validated (stage runs, lane kinds) by the schema."""
    current = documents.map_to_schema(journey_map, steps=rows)
    return _validated(schema.JourneyMap, {**current.model_dump(mode="json"), **parts})


@transaction.atomic
def map_set_stages(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                   stages: list[dict], step_stages: dict[str, str | None]) -> JourneyMap:
    """Replace the map's stages, and say which stage each step (by its key) is in.

    A step not named in `step_stages` is in no stage. The schema refuses stages whose steps are
    not consecutive or run out of order, naming the step.
    """
    require(actor, Permission.EDIT, journey_map)
    JourneyMap.objects.select_for_update().filter(pk=journey_map.pk).first()
    rows = _step_rows(journey_map)
    unknown = set(step_stages) - {row.key for row in rows}
    if unknown:
        raise ValidationError(f"No step of this map has the id {sorted(unknown)[0]!r}.")
    current = documents.map_to_schema(journey_map, steps=rows)
    steps = [{**step.model_dump(mode="json"), "stage": step_stages.get(step.id)}
             for step in current.steps]
    validated = _validated_map_parts(journey_map, rows, stages=stages, steps=steps)
    before = {"stages": journey_map.stages, "step_stages": {row.key: row.stage or None
                                                            for row in rows}}
    journey_map.stages = validated.model_dump(mode="json")["stages"]
    journey_map.save(update_fields=["stages", "updated_at"])
    for row, step in zip(rows, validated.steps, strict=True):
        if (row.stage or None) != step.stage:
            row.stage = step.stage or ""
            row.version += 1
            row.save(update_fields=["stage", "version"])
    _map_changed(journey_map, actor=actor, context=context, summary="Stages changed",
                 before=before, after={"stages": journey_map.stages,
                                       "step_stages": {step.id: step.stage
                                                       for step in validated.steps}})
    return journey_map


@transaction.atomic
def map_set_lanes(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                  lanes: list[dict], hidden_lanes: list[str]) -> JourneyMap:
    """Define the map's custom lanes and choose the lanes its picture hides.

    A lane left out of `lanes` is removed with every step's value in it; a lane whose kind
    changes must hold values of the new kind already (the schema names any that do not).
    """
    require(actor, Permission.EDIT, journey_map)
    JourneyMap.objects.select_for_update().filter(pk=journey_map.pk).first()
    rows = _step_rows(journey_map)
    kept = {lane.get("id") for lane in lanes}
    current = documents.map_to_schema(journey_map, steps=rows)
    steps = [{**step.model_dump(mode="json"),
              "lanes": {key: value for key, value in step.lanes.items() if key in kept}}
             for step in current.steps]
    validated = _validated_map_parts(journey_map, rows, lanes=lanes, hidden_lanes=hidden_lanes,
                                     steps=steps)
    before = {"lanes": journey_map.lanes, "hidden_lanes": journey_map.hidden_lanes}
    dumped = validated.model_dump(mode="json")
    journey_map.lanes, journey_map.hidden_lanes = dumped["lanes"], dumped["hidden_lanes"]
    journey_map.save(update_fields=["lanes", "hidden_lanes", "updated_at"])
    for row, step in zip(rows, validated.steps, strict=True):
        if row.lanes != step.lanes:
            row.lanes = step.model_dump(mode="json")["lanes"]
            row.version += 1
            row.save(update_fields=["lanes", "version"])
    _map_changed(journey_map, actor=actor, context=context, summary="Lanes changed",
                 before=before, after={"lanes": journey_map.lanes,
                                       "hidden_lanes": journey_map.hidden_lanes})
    return journey_map


# Steps --------------------------------------------------------------------------------------

def _locked_step(step: Step) -> Step:
    return Step.objects.select_for_update().get(pk=step.pk, organisation_id=step.organisation_id)


def _next_key(journey_map: JourneyMap) -> str:
    # Unique across the whole journey, not just this map: a step added to a to-be map must not
    # share an id with an as-is step, or the comparison would take it for that step changed.
    taken = set(Step.objects.for_organisation(journey_map.organisation)
                .filter(journey_map__journey_id=journey_map.journey_id)
                .values_list("key", flat=True))
    number = journey_map.steps.count() + 1
    while f"step-{number}" in taken:
        number += 1
    return f"step-{number}"


@transaction.atomic
def step_add(*, actor: Actor, context: AuditContext, journey_map: JourneyMap, data: dict,
             position: int | None = None) -> Step:
    require(actor, Permission.EDIT, journey_map)
    JourneyMap.objects.select_for_update().filter(pk=journey_map.pk).first()
    validated = _validated(schema.Step, {"id": _next_key(journey_map), **data})
    count = journey_map.steps.count()
    position = count if position is None else max(0, min(position, count))
    journey_map.steps.filter(position__gte=position).update(position=F("position") + 1)
    step = Step.objects.create(organisation_id=journey_map.organisation_id, journey_map=journey_map,
                               position=position, **documents.step_columns(validated))
    _write_touchpoints(step, validated.touchpoints)
    _bump(journey_map, actor=actor, summary=f"Step added: {step.name}")
    _audit(actor, context, action=Action.CREATE, obj=step, label=step.name,
           after=validated.model_dump(mode="json"))
    return step


def _check_lane_values(journey_map: JourneyMap, step: schema.Step) -> None:
    """A step's custom lane values must be of lanes the map defines, of the lane's kind."""
    kinds = {lane["id"]: lane["kind"] for lane in journey_map.lanes}
    for lane_id, value in step.lanes.items():
        if lane_id not in kinds:
            raise ValidationError({"lanes": f"The map has no lane with the id {lane_id!r}."})
        is_number = isinstance(value, float | int)
        if is_number != (kinds[lane_id] == schema.LaneKind.NUMBER.value):
            name = next(lane["name"] for lane in journey_map.lanes if lane["id"] == lane_id)
            wanted = "a number" if kinds[lane_id] == schema.LaneKind.NUMBER.value else "text"
            raise ValidationError({f"lane__{lane_id}": f"The lane “{name}” holds {wanted}; "
                                                      f"got {value!r}."})


@transaction.atomic
def step_update(*, actor: Actor, context: AuditContext, step: Step, data: dict,
                expected_version: int) -> Step:
    """Change some fields of a step. Refused with `EditConflict` if it changed meanwhile."""
    require(actor, Permission.EDIT, step)
    step = _locked_step(step)
    current = documents.step_to_schema(step)
    if step.version != expected_version:
        raise EditConflict(current=current)
    before = current.model_dump(mode="json")
    validated = _validated(schema.Step, {**before, **data, "id": step.key})
    after = validated.model_dump(mode="json")
    old, new = changed_fields(before, after)
    if not new:
        return step
    if "lanes" in new:
        _check_lane_values(step.journey_map, validated)
    for name, value in documents.step_columns(validated).items():
        setattr(step, name, value)
    step.version += 1
    step.save()
    if "touchpoints" in new:
        _write_touchpoints(step, validated.touchpoints)
    _bump(step.journey_map, actor=actor, summary=f"Step changed: {step.name}")
    _audit(actor, context, action=Action.CHANGE, obj=step, label=step.name, before=old,
           after=new)
    return step


@transaction.atomic
def steps_update(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                 changes: list[tuple[Step, dict, int]]) -> list[Step]:
    """Change several steps of one map at once (a lane edited across the map): each change is
    `(step, data, expected_version)`; all are saved or, on any conflict or error, none."""
    require(actor, Permission.EDIT, journey_map, *(step for step, _data, _version in changes))
    if any(step.journey_map_id != journey_map.pk for step, _data, _version in changes):
        raise PermissionDenied("Those steps are not all of this map.")
    return [step_update(actor=actor, context=context, step=step, data=data,
                        expected_version=version) for step, data, version in changes]


@transaction.atomic
def step_move(*, actor: Actor, context: AuditContext, step: Step, position: int) -> Step:
    """Move a step to `position` (0-based) and close the gap it left."""
    require(actor, Permission.EDIT, step)
    journey_map = step.journey_map
    ordered = list(journey_map.steps.select_for_update().order_by("position"))
    old_position = next(index for index, row in enumerate(ordered) if row.pk == step.pk)
    position = max(0, min(position, len(ordered) - 1))
    if position == old_position:
        return step
    moving = ordered.pop(old_position)
    ordered.insert(position, moving)
    for index, row in enumerate(ordered):
        row.position = index
    before, after = {"position": old_position + 1}, {"position": position + 1}
    stage = _stage_where_moved(ordered, position)
    if stage != moving.stage:
        before["stage"], after["stage"] = moving.stage or None, stage or None
        moving.stage = stage
        moving.version += 1
    Step.objects.bulk_update(ordered, ["position", "stage", "version"])
    _bump(journey_map, actor=actor, summary=f"Step moved: {moving.name}")
    _audit(actor, context, action=Action.CHANGE, obj=moving, label=moving.name,
           before=before, after=after)
    return moving


def _stage_where_moved(ordered: list[Step], position: int) -> str:
    """A moved step keeps its stage if a neighbour shares it, else joins the stage of the step
    before it (or after it, when first): a stage's steps stay consecutive and in order."""
    moving = ordered[position]
    left = ordered[position - 1].stage if position > 0 else None
    right = ordered[position + 1].stage if position + 1 < len(ordered) else None
    if moving.stage in {left, right}:
        return moving.stage
    return left if left is not None else right


@transaction.atomic
def step_delete(*, actor: Actor, context: AuditContext, step: Step) -> None:
    require(actor, Permission.EDIT, step)
    journey_map = step.journey_map
    before = documents.step_to_schema(step).model_dump(mode="json")
    _audit(actor, context, action=Action.DELETE, obj=step, label=step.name, before=before)
    step.delete()
    for index, row in enumerate(journey_map.steps.order_by("position")):
        if row.position != index:
            Step.objects.filter(pk=row.pk).update(position=index)
    _bump(journey_map, actor=actor, summary=f"Step deleted: {before['name']}")


# Share links ---------------------------------------------------------------------------------

def share_token_hash(token: str) -> str:
    """What is stored and looked up: the token itself is never kept."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def share_create(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                 expires_at: datetime, label: str = "") -> tuple[ShareLink, str]:
    """A new read-only link; returns it with the token, which is shown once and never again."""
    require(actor, Permission.EDIT, journey_map)
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    token = secrets.token_urlsafe(32)
    link = ShareLink.objects.create(
        organisation_id=journey_map.organisation_id, journey_map=journey_map,
        token_hash=share_token_hash(token), label=label, expires_at=expires_at,
        created_by_id=actor.user_id)
    _audit(actor, context, action=Action.CREATE, obj=link,
           label=f"Share link to {journey_map.title}",
           after={"map": journey_map.pk, "label": label, "expires_at": expires_at.isoformat()})
    return link, token


@transaction.atomic
def share_revoke(*, actor: Actor, context: AuditContext, link: ShareLink) -> ShareLink:
    """Stop a link working at once; revoking twice changes nothing."""
    require(actor, Permission.EDIT, link)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _audit(actor, context, action=Action.CHANGE, obj=link,
               label=f"Share link to {link.journey_map.title}", before={"revoked_at": None},
               after={"revoked_at": link.revoked_at.isoformat()})
    return link
