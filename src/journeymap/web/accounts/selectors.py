"""Reads of organisations and memberships, always within one organisation.

`member_actor_get` is the one way from a person and an organisation's slug to an actor: the web's
gate (`access.organisation_view`) and the command line both use it, so they cannot disagree on
who is a member.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from journeymap.web.accounts.actors import MemberActor
from journeymap.web.accounts.models import Membership, Organisation


class MembershipNotFound(Exception):
    """No such organisation, no such person, or the person is not a member of it.

    The web answers all three with the same 404; the command line says which, to its operator.
    """


def organisation_get(*, organisation_slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise MembershipNotFound(f"there is no organisation {organisation_slug!r}")
    return organisation


def member_actor_get(*, organisation_slug: str, user=None, username: str | None = None
                     ) -> MemberActor:
    """The actor for a person (a user, or a username) in the organisation with this slug."""
    if user is None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise MembershipNotFound(f"there is no user {username!r}")
    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(user=user, organisation__slug=organisation_slug).first())
    if membership is None:
        organisation_get(organisation_slug=organisation_slug)
        raise MembershipNotFound(
            f"{user.get_username()!r} is not a member of {organisation_slug!r}")
    return MemberActor.of(membership)


def memberships_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def membership_in(*, organisation: Organisation, membership_id: int) -> Membership:
    """404 alike for a missing membership and one of another organisation."""
    return get_object_or_404(memberships_of(organisation=organisation), pk=membership_id)


def organisations_of(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("name")
