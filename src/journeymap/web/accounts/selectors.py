"""Reads of organisation membership, always within one organisation."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from journeymap.web.accounts.models import Membership, Organisation


def memberships_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")


def membership_in(*, organisation: Organisation, membership_id: int) -> Membership:
    """404 alike for a missing membership and one of another organisation."""
    return get_object_or_404(memberships_of(organisation=organisation), pk=membership_id)


def organisations_of(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(memberships__user=user).order_by("name")
