"""Every change to organisations, members and sign-in settings: role check, transaction, audit."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from journeymap.web.accounts.models import Membership, Organisation, Role
from journeymap.web.audit.record import changed_fields, record

User = get_user_model()


def _require_admin(actor_membership: Membership) -> None:
    if not actor_membership.has_role(Role.ADMIN):
        raise PermissionDenied("Only an organisation admin can do this.")


def _record_admin_action(actor_membership: Membership, **event) -> None:
    """An audit event by an admin, in their organisation."""
    record(actor=actor_membership.user, organisation_id=actor_membership.organisation_id,
           **event)


def _membership_snapshot(membership: Membership) -> dict:
    return {"user": membership.user.get_username(), "role": membership.role}


@transaction.atomic
def organisation_create(*, name: str, slug: str = "", actor=None) -> Organisation:
    organisation = Organisation(name=name.strip(), slug=slug or slugify(name)[:60])
    organisation.full_clean()
    organisation.save()
    record(
        actor=actor,
        action="create",
        object_type="organisation",
        object_id=organisation.pk,
        object_label=organisation.name,
        organisation_id=organisation.pk,
        after={"name": organisation.name, "slug": organisation.slug},
    )
    return organisation


@transaction.atomic
def user_create(*, username: str, email: str = "", password: str | None = None, actor=None):
    """Create a person's account; returns (user, password). A password is generated if not given."""
    password = password or secrets.token_urlsafe(12)
    user = User(username=username.strip(), email=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(
        actor=actor,
        action="create",
        object_type="user",
        object_id=user.pk,
        object_label=user.get_username(),
        after={"username": user.get_username(), "email": user.email},
    )
    return user, password


@transaction.atomic
def membership_create(*, organisation: Organisation, user, role: str, actor=None) -> Membership:
    membership = Membership(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    record(
        actor=actor,
        action="create",
        object_type="membership",
        object_id=membership.pk,
        object_label=user.get_username(),
        organisation_id=organisation.pk,
        after=_membership_snapshot(membership),
    )
    return membership


@transaction.atomic
def member_invite(
    *, actor_membership: Membership, username: str, email: str, role: str, request=None
) -> tuple[Membership, str]:
    """An admin adds a new person with a one-time password to pass on to them."""
    _require_admin(actor_membership)
    actor = actor_membership.user
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": "That username is already taken."})
    user, password = user_create(username=username, email=email, actor=actor)
    membership = membership_create(
        organisation=actor_membership.organisation, user=user, role=role, actor=actor
    )
    return membership, password


def _admins_left_after(membership: Membership, *, new_role: str | None) -> int:
    others = (
        Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )
    return others + (1 if new_role == Role.ADMIN else 0)


@transaction.atomic
def membership_change_role(
    *, actor_membership: Membership, membership: Membership, role: str, request=None
) -> Membership:
    _require_admin(actor_membership)
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if membership.role == Role.ADMIN and _admins_left_after(membership, new_role=role) == 0:
        raise ValidationError("An organisation needs at least one admin.")
    before = _membership_snapshot(membership)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    old, new = changed_fields(before, _membership_snapshot(membership))
    _record_admin_action(actor_membership, action="change", object_type="membership",
                         object_id=membership.pk, object_label=membership.user.get_username(),
                         before=old, after=new, request=request)
    return membership


@transaction.atomic
def membership_remove(*, actor_membership: Membership, membership: Membership, request=None):
    _require_admin(actor_membership)
    if membership.role == Role.ADMIN and _admins_left_after(membership, new_role=None) == 0:
        raise ValidationError("An organisation needs at least one admin.")
    before = _membership_snapshot(membership)
    membership_id = membership.pk
    membership.delete()
    _record_admin_action(actor_membership, action="delete", object_type="membership",
                         object_id=membership_id, object_label=before["user"], before=before,
                         request=request)


@transaction.atomic
def organisation_settings_update(
    *, actor_membership: Membership, require_admin_two_factor: bool, request=None
) -> Organisation:
    _require_admin(actor_membership)
    organisation = actor_membership.organisation
    before = {"require_admin_two_factor": organisation.require_admin_two_factor}
    organisation.require_admin_two_factor = require_admin_two_factor
    organisation.save(update_fields=["require_admin_two_factor"])
    old, new = changed_fields(before, {"require_admin_two_factor": require_admin_two_factor})
    if new:
        _record_admin_action(actor_membership, action="change", object_type="organisation",
                             object_id=organisation.pk, object_label=organisation.name,
                             before=old, after=new, request=request)
    return organisation


@transaction.atomic
def admin_create(*, organisation_name: str, username: str, email: str, password: str) -> Membership:
    """The first admin of an organisation, from the command line (the actor is the system)."""
    organisation = Organisation.objects.filter(name=organisation_name.strip()).first()
    if organisation is None:
        organisation = organisation_create(name=organisation_name)
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError(f"The username {username!r} is already taken.")
    user, _ = user_create(username=username, email=email, password=password)
    return membership_create(organisation=organisation, user=user, role=Role.ADMIN)
