"""Organisations (councils, agencies) and their members' roles.

Everything a council owns hangs off an `Organisation` and is reached through `OrganisationOwned`'s
`for_organisation` queryset, which is the only sanctioned way to read tenant data.
"""

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    require_admin_two_factor = models.BooleanField(
        default=False,
        help_text="Admins must sign in with a code from an authenticator app.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    EDITOR = "editor", "Editor"
    ADMIN = "admin", "Admin"


ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


class Membership(models.Model):
    """A person's role in one organisation. A person may belong to several organisations."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.organisation}"

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(minimum)]


class OrganisationOwnedQuerySet(models.QuerySet):
    def for_organisation(self, organisation: Organisation) -> "OrganisationOwnedQuerySet":
        return self.filter(organisation=organisation)


class OrganisationOwned(models.Model):
    """Base for every model that belongs to one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    objects = OrganisationOwnedQuerySet.as_manager()

    class Meta:
        abstract = True
