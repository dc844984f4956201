"""Every change to the segment register: permission and tenancy check, validation,
transaction, audit. Views, the register import and the command line all call these.

A segment's figures are stored as given or as NULL (not known); nothing here fills a gap.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as SchemaError

from journeymap.core.maps import schema
from journeymap.core.maps.validation_errors import problems_from_validation_error
from journeymap.core.segments import COLUMNS, SegmentRow
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import Journey, JourneyMap
from journeymap.web.segments.models import Segment

Action = AuditEvent.Action
CENTS = Decimal("0.01")
FIELDS = tuple(column.field for column in COLUMNS)


def snapshot(segment: Segment) -> dict:
    """The segment's register fields, JSON-ready, for the audit log."""
    values = {}
    for name in FIELDS:
        value = getattr(segment, name)
        # Two places, as stored: Decimal("20") and the database's 20.00 are the same figure.
        values[name] = str(value.quantize(CENTS)) if isinstance(value, Decimal) else value
    return values


def _audit(actor: Actor, context: AuditContext, *, action: Action, obj, label: str,
           before=None, after=None) -> None:
    record(actor=actor, action=action, object_type=obj._meta.model_name, object_id=obj.pk,
           object_label=label[:300], organisation_id=obj.organisation_id, before=before,
           after=after, context=context)


def _check_name_free(segment: Segment) -> None:
    clash = (Segment.objects.filter(organisation_id=segment.organisation_id,
                                    name__iexact=segment.name.strip())
             .exclude(pk=segment.pk).exists())
    if clash:
        raise ValidationError({"name": f"There is already a segment called “{segment.name}”."})


def _apply(segment: Segment, data: dict) -> None:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of a segment: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(segment, name, value)
    segment.name = (segment.name or "").strip()
    segment.full_clean(exclude=["organisation"])
    _check_name_free(segment)


@transaction.atomic
def segment_create(*, actor: Actor, context: AuditContext, data: dict) -> Segment:
    """A new segment in the actor's own organisation."""
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    segment = Segment(organisation_id=organisation_id)
    _apply(segment, data)
    segment.save()
    _audit(actor, context, action=Action.CREATE, obj=segment, label=segment.name,
           after=snapshot(segment))
    return segment


@transaction.atomic
def segment_update(*, actor: Actor, context: AuditContext, segment: Segment,
                   data: dict) -> Segment:
    require(actor, Permission.EDIT, segment)
    before = snapshot(segment)
    _apply(segment, data)
    old, new = changed_fields(before, snapshot(segment))
    if new:
        segment.save()
        _audit(actor, context, action=Action.CHANGE, obj=segment, label=segment.name,
               before=old, after=new)
    return segment


@transaction.atomic
def segment_delete(*, actor: Actor, context: AuditContext, segment: Segment) -> None:
    """Remove a segment; its journeys stay, naming no segment."""
    require(actor, Permission.EDIT, segment)
    _audit(actor, context, action=Action.DELETE, obj=segment, label=segment.name,
           before=snapshot(segment))
    segment.delete()


@transaction.atomic
def register_import(*, actor: Actor, context: AuditContext,
                    rows: list[SegmentRow]) -> tuple[int, int]:
    """A register file's rows into the actor's organisation, all or nothing: a row whose name
    matches a segment (ignoring case) updates it, any other row adds one. Each segment's change
    is audited as if made by hand. Returns (added, updated)."""
    organisation_id = require_in_organisation(actor, Permission.EDIT)
    existing = {segment.name.casefold(): segment
                for segment in Segment.objects.filter(organisation_id=organisation_id)}
    added = updated = 0
    for number, row in enumerate(rows, start=2):
        data = {name: getattr(row, name) for name in FIELDS}
        try:
            match = existing.get(row.name.casefold())
            if match is None:
                segment_create(actor=actor, context=context, data=data)
                added += 1
            else:
                data["name"] = match.name
                segment_update(actor=actor, context=context, segment=match, data=data)
                updated += 1
        except ValidationError as error:
            raise ValidationError(f"Row {number} ({row.name}): " + "; ".join(
                error.messages)) from None
    return added, updated


@transaction.atomic
def journey_set_segment(*, actor: Actor, context: AuditContext, journey: Journey,
                        segment: Segment | None) -> Journey:
    """Name the register's segment a journey maps, or none. The actor must reach both, and an
    actor reaches one organisation only, so a journey never points at another's segment."""
    require(actor, Permission.EDIT, journey, segment)
    before = {"mapped_segment": journey.mapped_segment_id}
    journey.mapped_segment = segment
    journey.save(update_fields=["mapped_segment", "updated_at"])
    after = {"mapped_segment": journey.mapped_segment_id}
    if before != after:
        _audit(actor, context, action=Action.CHANGE, obj=journey, label=journey.title,
               before=before, after=after)
    return journey


def _persona_validated(data: dict) -> schema.Persona:
    try:
        return schema.Persona.model_validate(data)
    except SchemaError as error:
        messages: dict[str, list[str]] = {}
        for problem in problems_from_validation_error(error, data):
            field = (problem.field or "").split(".")[-1].split("[")[0] or "__all__"
            messages.setdefault(field, []).append(problem.message)
        raise ValidationError(messages) from None


@transaction.atomic
def segment_set_persona(*, actor: Actor, context: AuditContext, segment: Segment,
                        persona: dict | None) -> Segment:
    """Set (or, with None, remove) the persona that maps of this segment's journeys can take.

    It is validated as the map schema's `Persona`, so any map can take it as it is; its
    `segment_ref` is always this segment's id, whatever was given.
    """
    require(actor, Permission.EDIT, segment)
    before = {"persona": segment.persona}
    if persona is not None:
        persona = _persona_validated({**persona, "segment_ref": str(segment.pk)}).model_dump(
            mode="json")
    segment.persona = persona
    if before["persona"] != persona:
        segment.save(update_fields=["persona", "updated_at"])
        _audit(actor, context, action=Action.CHANGE, obj=segment, label=segment.name,
               before=before, after={"persona": persona})
    return segment


@transaction.atomic
def map_take_segment_persona(*, actor: Actor, context: AuditContext,
                             journey_map: JourneyMap) -> JourneyMap:
    """Copy the persona of the segment this map's journey names into the map ("use the
    segment's persona"), with `segment_ref` naming the segment. The map's change goes through
    the journeys' own write path, so it is a new revision and audited like any other edit."""
    require(actor, Permission.EDIT, journey_map)
    segment = journey_map.journey.mapped_segment
    if segment is None:
        raise ValidationError("This map's journey names no segment of the register.")
    require(actor, Permission.EDIT, segment)
    if segment.persona is None:
        raise ValidationError(f"The segment “{segment.name}” has no persona yet.")
    persona = {**segment.persona, "segment_ref": str(segment.pk)}
    return journey_services.map_update_details(actor=actor, context=context,
                                               journey_map=journey_map,
                                               data={"persona": persona})
