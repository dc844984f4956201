"""The one way to write to the audit log. Domain services call `record` inside their transaction.

The audit app imports no domain app: who acted is anything with a `user_id` and a `label` (every
kind of actor has both), and the organisation and object are named by id, type and label.
"""

from typing import Protocol

from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent


class Recordable(Protocol):
    """What the log keeps of whoever acted: a person's id (None for the system or a visitor) and
    a label that outlives the person."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def label(self) -> str: ...


def record(
    *,
    actor: Recordable,
    action: AuditEvent.Action,
    object_type: str,
    context: AuditContext,
    object_id: object = "",
    object_label: str = "",
    organisation_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event. `before`/`after` are JSON-ready snapshots of what changed."""
    if not isinstance(action, AuditEvent.Action):
        # One enumeration of actions: a bare string would let the log's vocabulary drift.
        raise TypeError(f"action must be an AuditEvent.Action, got {action!r}")
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor_id=actor.user_id,
        actor_label=actor.label[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_label=object_label[:300],
        before=before,
        after=after,
        ip_address=context.client_address,
    )


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, so an audit row shows what actually changed."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
