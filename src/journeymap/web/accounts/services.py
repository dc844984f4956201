"""Every change to organisations, members and sign-in settings: permission and tenancy check,
transaction, audit.

Each service is given an `actor` and an `AuditContext` and checks, itself, that the actor may
make the change and that every object it is handed is within the actor's reach.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from journeymap.web.accounts.actors import Actor, Permission, require, require_in_organisation
from journeymap.web.accounts.models import Membership, Organisation, Role
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import changed_fields, record

User = get_user_model()
Action = AuditEvent.Action


def _membership_snapshot(membership: Membership) -> dict:
    return {"user": membership.user.get_username(), "role": membership.role}


def _user_add(*, actor: Actor, context: AuditContext, username: str, email: str,
              password: str | None, organisation_id: int | None = None):
    password = password or secrets.token_urlsafe(12)
    user = User(username=username.strip(), email=email.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    record(actor=actor, action=Action.CREATE, object_type="user", object_id=user.pk,
           object_label=user.get_username(), organisation_id=organisation_id,
           after={"username": user.get_username(), "email": user.email}, context=context)
    return user, password


def _membership_add(*, actor: Actor, context: AuditContext, organisation: Organisation, user,
                    role: str) -> Membership:
    membership = Membership(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    record(actor=actor, action=Action.CREATE, object_type="membership", object_id=membership.pk,
           object_label=user.get_username(), organisation_id=organisation.pk,
           after=_membership_snapshot(membership), context=context)
    return membership


# Setting up the installation (the command line and the demo: a SystemActor) ------------------

@transaction.atomic
def organisation_create(*, actor: Actor, context: AuditContext, name: str,
                        slug: str = "") -> Organisation:
    require(actor, Permission.SET_UP)
    organisation = Organisation(name=name.strip(), slug=slug or slugify(name)[:60])
    organisation.full_clean()
    organisation.save()
    record(actor=actor, action=Action.CREATE, object_type="organisation",
           object_id=organisation.pk, object_label=organisation.name,
           organisation_id=organisation.pk,
           after={"name": organisation.name, "slug": organisation.slug}, context=context)
    return organisation


@transaction.atomic
def user_create(*, actor: Actor, context: AuditContext, username: str, email: str = "",
                password: str | None = None):
    """Create a person's account; returns (user, password). A password is generated if not given."""
    require(actor, Permission.SET_UP)
    return _user_add(actor=actor, context=context, username=username, email=email,
                     password=password)


@transaction.atomic
def membership_create(*, actor: Actor, context: AuditContext, organisation: Organisation, user,
                      role: str) -> Membership:
    require(actor, Permission.SET_UP)
    return _membership_add(actor=actor, context=context, organisation=organisation, user=user,
                           role=role)


@transaction.atomic
def admin_create(*, actor: Actor, context: AuditContext, organisation_name: str, username: str,
                 email: str, password: str) -> Membership:
    """The first admin of an organisation (and the organisation, if it is new)."""
    require(actor, Permission.SET_UP)
    organisation = Organisation.objects.filter(name=organisation_name.strip()).first()
    if organisation is None:
        organisation = organisation_create(actor=actor, context=context, name=organisation_name)
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError(f"The username {username!r} is already taken.")
    user, _ = _user_add(actor=actor, context=context, username=username, email=email,
                        password=password, organisation_id=organisation.pk)
    return _membership_add(actor=actor, context=context, organisation=organisation, user=user,
                           role=Role.ADMIN)


# An organisation's own administration (its admins) -------------------------------------------

@transaction.atomic
def member_invite(*, actor: Actor, context: AuditContext, username: str, email: str,
                  role: str) -> tuple[Membership, str]:
    """An admin adds a new person, to the admin's own organisation, with a one-time password to
    pass on to them."""
    organisation = Organisation.objects.get(
        pk=require_in_organisation(actor, Permission.ADMINISTER))
    if User.objects.filter(username__iexact=username.strip()).exists():
        raise ValidationError({"username": "That username is already taken."})
    user, password = _user_add(actor=actor, context=context, username=username, email=email,
                               password=None, organisation_id=organisation.pk)
    membership = _membership_add(actor=actor, context=context, organisation=organisation,
                                 user=user, role=role)
    return membership, password


def _admins_left_after(membership: Membership, *, new_role: str | None) -> int:
    others = (
        Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .count()
    )
    return others + (1 if new_role == Role.ADMIN else 0)


@transaction.atomic
def membership_change_role(*, actor: Actor, context: AuditContext, membership: Membership,
                           role: str) -> Membership:
    require(actor, Permission.ADMINISTER, membership)
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    if membership.role == Role.ADMIN and _admins_left_after(membership, new_role=role) == 0:
        raise ValidationError("An organisation needs at least one admin.")
    before = _membership_snapshot(membership)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    old, new = changed_fields(before, _membership_snapshot(membership))
    record(actor=actor, action=Action.CHANGE, object_type="membership", object_id=membership.pk,
           object_label=membership.user.get_username(), organisation_id=membership.organisation_id,
           before=old, after=new, context=context)
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor, context: AuditContext, membership: Membership) -> None:
    require(actor, Permission.ADMINISTER, membership)
    if membership.role == Role.ADMIN and _admins_left_after(membership, new_role=None) == 0:
        raise ValidationError("An organisation needs at least one admin.")
    before = _membership_snapshot(membership)
    membership_id, organisation_id = membership.pk, membership.organisation_id
    membership.delete()
    record(actor=actor, action=Action.DELETE, object_type="membership", object_id=membership_id,
           object_label=before["user"], organisation_id=organisation_id, before=before,
           context=context)


@transaction.atomic
def organisation_settings_update(*, actor: Actor, context: AuditContext,
                                 organisation: Organisation,
                                 require_admin_two_factor: bool) -> Organisation:
    require(actor, Permission.ADMINISTER, organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {"require_admin_two_factor": organisation.require_admin_two_factor}
    organisation.require_admin_two_factor = require_admin_two_factor
    organisation.save(update_fields=["require_admin_two_factor"])
    old, new = changed_fields(before, {"require_admin_two_factor": require_admin_two_factor})
    if new:
        record(actor=actor, action=Action.CHANGE, object_type="organisation",
               object_id=organisation.pk, object_label=organisation.name,
               organisation_id=organisation.pk, before=old, after=new, context=context)
    return organisation
