"""Every change to the segment register: permission and tenancy check, validation,
transaction, audit. Views, the register import and the command line all call these.

A segment's figures are stored as given or as NULL (not known); nothing here fills a gap.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from journeymap.core.segments import COLUMNS, SegmentRow
from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record
from journeymap.web.journeys.models import Journey
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
