"""Journeys: the list, creating and editing one, and its page listing its maps."""

from django.contrib import messages
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys import portfolio, selectors, services
from journeymap.web.journeys.documents import journey_to_schema
from journeymap.web.journeys.forms import (
    CompareForm,
    JourneyForm,
    MapCreateForm,
    PortfolioFilterForm,
)
from journeymap.web.journeys.view_helpers import service_call
from journeymap.web.segments import selectors as segment_selectors


@organisation_view()
def journey_list(request):
    organisation = request.organisation
    form = PortfolioFilterForm(request.GET or None, sorts=portfolio.SORTS,
                               services=portfolio.services_of(organisation=organisation),
                               segments=segment_selectors.segments_of(organisation=organisation))
    return render(request, "journeys/journey_list.html", {
        "form": form, "glances": portfolio.portfolio_of(organisation=organisation,
                                                        **form.filters())})


@organisation_view(Permission.EDIT)
def journey_create(request):
    form = JourneyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        journey = service_call(form, services.journey_create, **acting(request),
                               data=form.cleaned_data)
        if journey is not None:
            messages.success(request, f"Journey “{journey.title}” created. Now map it as it is.")
            return redirect("journeys:map_create", organisation_slug=request.organisation.slug,
                            journey_id=journey.pk)
    return render(request, "journeys/journey_form.html", {"form": form, "journey": None})


@organisation_view(Permission.EDIT)
def journey_edit(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    form = JourneyForm(request.POST or None,
                       initial=journey_to_schema(journey).model_dump(mode="json"))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.journey_update, **acting(request), journey=journey,
            data=form.cleaned_data):
        messages.success(request, "Journey saved.")
        return redirect("journeys:detail", organisation_slug=request.organisation.slug,
                        journey_id=journey.pk)
    return render(request, "journeys/journey_form.html", {"form": form, "journey": journey})


@organisation_view()
def journey_detail(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    maps = list(selectors.maps_of(journey=journey))
    return render(request, "journeys/journey_detail.html", {
        "journey": journey, "maps": maps,
        "compare_form": CompareForm(maps=maps, initial={
            "before": maps[0].pk if maps else None, "after": maps[-1].pk if maps else None}),
    })


@organisation_view(Permission.EDIT)
def map_create(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    form = MapCreateForm(request.POST or None, initial={"title": f"{journey.title} – as is"})
    if request.method == "POST" and form.is_valid():
        journey_map = service_call(form, services.map_create, **acting(request),
                                   journey=journey, data=form.to_data())
        if journey_map is not None:
            messages.success(request, "Map created. Add its first step.")
            return redirect("journeys:step_add", organisation_slug=request.organisation.slug,
                            journey_id=journey.pk, map_id=journey_map.pk)
    return render(request, "journeys/map_create.html", {"form": form, "journey": journey})
