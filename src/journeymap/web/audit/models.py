"""The append-only audit log.

The audit app imports no domain app: events name their organisation and object by id and type,
so any domain can record into it. Rows are never updated or deleted: database triggers (added in
the migrations, for SQLite and PostgreSQL) refuse it, so not even a bug or a shell can rewrite
history through Django.
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change made by a member of staff: who, when, what, and the state before and after."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        LOGIN = "login", "Signed in"
        LOGIN_FAILED = "login_failed", "Failed sign-in"
        LOGOUT = "logout", "Signed out"
        SECURITY = "security", "Security setting"
        EXPORT = "export", "Exported"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    # No database constraint and no cascade: deleting a person must not rewrite their history,
    # and `actor_label` keeps their name.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"
