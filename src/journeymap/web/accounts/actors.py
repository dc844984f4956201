"""Who is acting: the one thing every service is given about its caller.

A service asks an actor two questions and nothing else: may you do this (`can`), and is this
object within your reach (`reaches`). Today the actors are a signed-in member acting in one
organisation, a person acting on their own account, an anonymous visitor (a failed sign-in) and
the system (the command line). A citizen's feedback link, a partner organisation's grant and a
scheduled task become further kinds that answer the same two questions, so services do not change
when they arrive (docs/adr/0007-actor-and-tenancy.md).
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from django.core.exceptions import PermissionDenied

from journeymap.web.accounts.models import Membership, Organisation, Role


class Permission(StrEnum):
    VIEW = "view"  # read an organisation's journeys and maps
    EDIT = "edit"  # change journeys, maps, steps and share links
    ADMINISTER = "administer"  # members, roles, sign-in rules, the audit log
    SET_UP = "set up"  # create organisations, accounts and first admins: the installation's own
    SUBMIT_FEEDBACK = "submit feedback"  # a citizen's response through a feedback link, only


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.EDITOR: frozenset({Permission.VIEW, Permission.EDIT}),
    Role.ADMIN: frozenset({Permission.VIEW, Permission.EDIT, Permission.ADMINISTER}),
}


def owning_organisation_id(obj) -> int | None:
    """The organisation an object belongs to; an organisation belongs to itself."""
    return obj.pk if isinstance(obj, Organisation) else obj.organisation_id


class Actor(Protocol):
    @property
    def organisation_id(self) -> int | None: ...

    @property
    def user_id(self) -> int | None: ...

    @property
    def label(self) -> str: ...

    def can(self, permission: Permission) -> bool: ...

    def reaches(self, obj) -> bool: ...


@dataclass(frozen=True)
class MemberActor:
    """A signed-in person acting in one organisation, with the role they hold there."""

    user: object
    organisation: Organisation
    role: Role

    @classmethod
    def of(cls, membership: Membership) -> "MemberActor":
        return cls(user=membership.user, organisation=membership.organisation,
                   role=Role(membership.role))

    @property
    def organisation_id(self) -> int:
        return self.organisation.pk

    @property
    def user_id(self) -> int:
        return self.user.pk

    @property
    def label(self) -> str:
        return self.user.get_username()

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def reaches(self, obj) -> bool:
        return owning_organisation_id(obj) == self.organisation_id


@dataclass(frozen=True)
class PersonActor:
    """A signed-in person acting on their own account (sign-in, two-factor), in no organisation."""

    user_id: int
    label: str
    organisation_id: None = None

    @classmethod
    def of(cls, user) -> "PersonActor":
        return cls(user_id=user.pk, label=user.get_username())

    def can(self, permission: Permission) -> bool:
        return False

    def reaches(self, obj) -> bool:
        return False


@dataclass(frozen=True)
class AnonymousActor:
    """Someone not signed in, e.g. a failed sign-in: they can do nothing and reach nothing."""

    label: str = "anonymous visitor"
    user_id: None = None
    organisation_id: None = None

    def can(self, permission: Permission) -> bool:
        return False

    def reaches(self, obj) -> bool:
        return False


@dataclass(frozen=True)
class SystemActor:
    """The installation acting for itself: the command line, and later scheduled tasks.

    It holds only the permissions it is given, and reaches only its one organisation (none when
    `organisation_id` is None), so a task scoped to one council cannot touch another's data.
    """

    task: str
    permissions: frozenset[Permission] = frozenset()
    organisation_id: int | None = None
    user_id: None = None

    @property
    def label(self) -> str:
        return f"system ({self.task})"

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def reaches(self, obj) -> bool:
        return (self.organisation_id is not None
                and owning_organisation_id(obj) == self.organisation_id)


def require(actor: Actor, permission: Permission, *objects) -> None:
    """The check at the top of every service: the permission, and every object within reach.

    Fails closed with PermissionDenied; the service has changed nothing yet.
    """
    if not actor.can(permission):
        raise PermissionDenied(f"{actor.label} may not {permission} here.")
    for obj in objects:
        if obj is not None and not actor.reaches(obj):
            raise PermissionDenied("That belongs to another organisation.")


def require_in_organisation(actor: Actor, permission: Permission) -> int:
    """The check of a service that creates something in the actor's own organisation: the
    permission, and an organisation to act in. Returns that organisation's id."""
    require(actor, permission)
    if actor.organisation_id is None:
        raise PermissionDenied(f"{actor.label} acts for no organisation.")
    return actor.organisation_id
