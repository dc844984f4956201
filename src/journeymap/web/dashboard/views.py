"""The public landing page and each organisation's dashboard."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import organisation_view
from journeymap.web.accounts.selectors import organisations_of
from journeymap.web.dashboard.selectors import dashboard_for
from journeymap.web.journeys.portfolio import portfolio_of


@login_not_required
def landing(request):
    return render(request, "dashboard/landing.html")


def home(request):
    """One organisation: straight to its dashboard; several: let the person choose."""
    organisations = list(organisations_of(user=request.user))
    if len(organisations) == 1:
        return redirect("dashboard:organisation", organisation_slug=organisations[0].slug)
    return render(request, "dashboard/choose_organisation.html", {"organisations": organisations})


@organisation_view()
def organisation(request):
    return render(request, "dashboard/organisation.html", {
        "dashboard": dashboard_for(actor=request.actor),
        "glances": portfolio_of(organisation=request.organisation, sort="review")})
