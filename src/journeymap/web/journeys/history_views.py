"""A map's history: every saved state, each viewable read-only and restorable."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import render

from journeymap.core.maps import schema
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys import selectors, services
from journeymap.web.journeys.map_pages import earlier_map_of, map_view_of
from journeymap.web.journeys.view_helpers import redirect_to_map

REVISIONS_PER_PAGE = 50


def _map(request, journey_id: int, map_id: int):
    return selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                             map_id=map_id)


@organisation_view()
def map_history(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    return render(request, "journeys/map_history.html", {
        "journey": journey_map.journey, "journey_map": journey_map,
        "page": Paginator(selectors.revisions_of(journey_map=journey_map),
                          REVISIONS_PER_PAGE).get_page(request.GET.get("page")),
        "can_edit": request.actor.can(Permission.EDIT)})


@organisation_view()
def revision_detail(request, journey_id: int, map_id: int, revision_id: int):
    journey_map = _map(request, journey_id, map_id)
    revision = selectors.revision_get(journey_map=journey_map, revision_id=revision_id)
    document = schema.MapDocument.model_validate(revision.document)
    return render(request, "journeys/revision_detail.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "revision": revision,
        "view": map_view_of(document, earlier=earlier_map_of(journey_map)),
        "can_edit": request.actor.can(Permission.EDIT),
        "is_current": revision.number == journey_map.revision})


@organisation_view(Permission.EDIT)
def revision_restore(request, journey_id: int, map_id: int, revision_id: int):
    journey_map = _map(request, journey_id, map_id)
    revision = selectors.revision_get(journey_map=journey_map, revision_id=revision_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.map_restore(**acting(request), journey_map=journey_map,
                         revision=revision)
    messages.success(request, f"Restored the map as it was at revision {revision.number}. "
                     "The state before the restore stays in the history.")
    return redirect_to_map(journey_map)
