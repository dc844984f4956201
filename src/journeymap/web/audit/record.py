"""The one way to write to the audit log. Domain services call `record` inside their transaction."""

from typing import Any

from django.http import HttpRequest

from journeymap.web.audit.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client address Django saw (a proxy count, if any, is handled by the proxy settings)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: object = "",
    object_label: str = "",
    organisation_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event. `before`/`after` are JSON-ready snapshots of what changed."""
    actor_is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=actor if actor_is_user else None,
        actor_label=(actor.get_username() if actor_is_user else str(actor or "system"))[:150],
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        object_label=object_label[:300],
        before=before,
        after=after,
        ip_address=client_ip(request),
    )


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, so an audit row shows what actually changed."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
