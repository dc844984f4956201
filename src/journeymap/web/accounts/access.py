"""The one gate to an organisation's pages.

Every organisation URL carries the organisation's slug; `organisation_view` resolves it against the
signed-in user's memberships (through `selectors.member_actor_get`, as the command line does). Not
a member answers 404 (the same as "no such organisation", so slugs cannot be probed); a member
without the permission answers 403. Signing in itself is required of every page by
`LoginRequiredMiddleware` (settings), unless the view is marked `login_not_required`.
The services check the same things again themselves: this gate is for the page, not the data.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from journeymap.web.accounts.actors import MemberActor, Permission
from journeymap.web.accounts.models import Role
from journeymap.web.accounts.selectors import MembershipNotFound, member_actor_get
from journeymap.web.audit.context import AuditContext


def two_factor_outstanding(request: HttpRequest, actor: MemberActor) -> bool:
    """True when the organisation requires admins to use two-factor sign-in and this one has not."""
    return (
        actor.role == Role.ADMIN
        and actor.organisation.require_admin_two_factor
        and not request.user.is_verified()
    )


def organisation_view(permission: Permission = Permission.VIEW) -> Callable:
    """Decorate a view taking `organisation_slug`; it receives `request.actor` (a MemberActor),
    `request.organisation` and `request.audit_context` to hand to the services."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, organisation_slug: str, **kwargs) -> HttpResponse:
            try:
                actor = member_actor_get(user=request.user, organisation_slug=organisation_slug)
            except MembershipNotFound:
                raise Http404("No such organisation.") from None
            if not actor.can(permission):
                raise PermissionDenied("Your role in this organisation does not allow this.")
            if two_factor_outstanding(request, actor):
                return redirect("accounts:two_factor")
            request.actor = actor
            request.organisation = actor.organisation
            request.audit_context = AuditContext.from_request(request)
            return view(request, **kwargs)

        wrapped.permission = permission
        return wrapped

    return decorator


def acting(request: HttpRequest) -> dict:
    """What every service call from an organisation view passes: `services.x(**acting(request),
    ...)` gives it the actor and the audit context, and never the request."""
    return {"actor": request.actor, "context": request.audit_context}
