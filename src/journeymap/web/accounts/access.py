"""The one gate to an organisation's pages.

Every organisation URL carries the organisation's slug; `organisation_view` resolves it against the
signed-in user's memberships. Not a member answers 404 (the same as "no such organisation", so
slugs cannot be probed); a member without the role answers 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from journeymap.web.accounts.models import Membership, Role


def membership_get(*, user, organisation_slug: str) -> Membership:
    """The user's membership of the organisation, or 404 whether it is missing or not theirs."""
    try:
        return Membership.objects.select_related("organisation").get(
            user=user, organisation__slug=organisation_slug
        )
    except Membership.DoesNotExist:
        raise Http404("No such organisation.") from None


def two_factor_outstanding(request: HttpRequest, membership: Membership) -> bool:
    """True when the organisation requires admins to use two-factor sign-in and this one has not."""
    return (
        membership.role == Role.ADMIN
        and membership.organisation.require_admin_two_factor
        and not request.user.is_verified()
    )


def organisation_view(minimum_role: str = Role.VIEWER) -> Callable:
    """Decorate a view taking `organisation_slug`; it receives `request.membership`."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, organisation_slug: str, **kwargs) -> HttpResponse:
            membership = membership_get(user=request.user, organisation_slug=organisation_slug)
            if not membership.has_role(minimum_role):
                raise PermissionDenied("Your role in this organisation does not allow this.")
            if two_factor_outstanding(request, membership):
                return redirect("accounts:two_factor")
            request.membership = membership
            request.organisation = membership.organisation
            return view(request, **kwargs)

        wrapped.minimum_role = minimum_role
        return wrapped

    return decorator
