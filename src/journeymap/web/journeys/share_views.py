"""Read-only share links: staff make and revoke them; anyone with a live link sees the map."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from journeymap.web.accounts.access import organisation_view
from journeymap.web.accounts.models import Role
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.forms import SHARE_DAYS_DEFAULT, ShareForm
from journeymap.web.journeys.map_pages import map_view_of


def _map(request, journey_id: int, map_id: int):
    return selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                             map_id=map_id)


@organisation_view(Role.EDITOR)
def share_links(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    form = ShareForm(request.POST or None, initial={
        "expires_on": timezone.localdate() + datetime.timedelta(days=SHARE_DAYS_DEFAULT)})
    new_link_url = None
    if request.method == "POST" and form.is_valid():
        _, token = services.share_create(
            membership=request.membership, journey_map=journey_map, request=request,
            label=form.cleaned_data["label"], expires_at=form.expires_at())
        # Shown once, on this response only: the token is not stored, so it cannot be shown again.
        new_link_url = request.build_absolute_uri(reverse("journeys:shared_map",
                                                          kwargs={"token": token}))
        form = ShareForm(initial=form.initial)
    return render(request, "journeys/share_links.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "form": form,
        "links": selectors.share_links_of(journey_map=journey_map), "now": timezone.now(),
        "new_link_url": new_link_url})


@organisation_view(Role.EDITOR)
def share_revoke(request, journey_id: int, map_id: int, share_id: int):
    journey_map = _map(request, journey_id, map_id)
    link = selectors.share_link_get(journey_map=journey_map, share_id=share_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.share_revoke(membership=request.membership, link=link, request=request)
    messages.success(request, "The link is revoked: it no longer shows the map.")
    return redirect("journeys:share_links", organisation_slug=request.organisation.slug,
                    journey_id=journey_id, map_id=map_id)


def shared_map(request, token: str):
    """Public: the map picture and table view, and nothing else of the organisation."""
    token_hash = services.share_token_hash(token)
    try:
        journey_map = selectors.shared_map_get(token_hash=token_hash)
    except Http404:
        response = _share_unavailable(request, selectors.share_link_by_token(token_hash=token_hash))
    else:
        response = render(request, "journeys/shared_map.html", {
            "journey_map": journey_map, "view": map_view_of(documents.document_for(journey_map))})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


def _share_unavailable(request, link):
    """Why a link shows no map. Only its holder can ask (the token is unguessable), so saying
    that it was revoked or has expired tells nobody anything new; it shows nothing of the map.
    410 Gone for a link that worked once, 404 for a token that never named a link."""
    if link is not None and link.revoked_at is not None:
        state, status = "revoked", 410
    elif link is not None and link.expires_at <= timezone.now():
        state, status = "expired", 410
    else:
        state, status = "unknown", 404
    return render(request, "journeys/share_unavailable.html",
                  {"state": state, "link": link if status == 410 else None}, status=status)
