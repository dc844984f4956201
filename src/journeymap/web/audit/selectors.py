"""Reads of the audit log, always for one organisation."""

from django.db.models import QuerySet

from journeymap.web.audit.models import AuditEvent


def audit_events_for(*, organisation_id: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation_id=organisation_id).select_related("actor")
