"""Editors open feedback links to a map, print them as QR codes, close and reopen them."""

import base64

import segno
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.feedback import selectors, services
from journeymap.web.feedback.forms import FeedbackLinkForm
from journeymap.web.feedback.models import translation_languages
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.view_helpers import service_call


def _map(request, journey_id: int, map_id: int):
    return journey_selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                                     map_id=map_id)


def qr_code_data_uri(url: str) -> str:
    """The link as a QR code, an SVG drawn on the server, ready for an <img> (strict CSP)."""
    svg = segno.make(url, error="m").svg_inline(scale=8, border=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@organisation_view(Permission.EDIT)
def feedback_links(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    form = FeedbackLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = service_call(form, services.feedback_link_create, **acting(request),
                            journey_map=journey_map, label=form.cleaned_data["label"],
                            closes_at=form.closes_at(),
                            response_cap=form.cleaned_data["response_cap"],
                            segment_questions=form.cleaned_data["segment_questions"],
                            suppress_below=form.cleaned_data["suppress_below"])
        if made:
            link, token = made
            # Shown once, on this response only: the token is not stored, so it cannot be
            # shown again. The page prints as a poster for a reception desk or a letter.
            url = request.build_absolute_uri(reverse("feedback:form", kwargs={"token": token}))
            return render(request, "feedback/link_made.html", {
                "journey": journey_map.journey, "journey_map": journey_map, "link": link,
                "url": url, "qr_code": qr_code_data_uri(url)})
    translations = selectors.translations_of(journey_map=journey_map)
    return render(request, "feedback/links.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "form": form,
        "links": selectors.links_of(journey_map=journey_map),
        "languages": [(code, name, translations.get(code))
                      for code, name in translation_languages()]})


def _change_link(request, journey_id: int, map_id: int, link_id: int, service, message: str):
    journey_map = _map(request, journey_id, map_id)
    link = selectors.link_get(journey_map=journey_map, link_id=link_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service(**acting(request), link=link)
    messages.success(request, message)
    return redirect("feedback:links", organisation_slug=request.organisation.slug,
                    journey_id=journey_id, map_id=map_id)


@organisation_view(Permission.EDIT)
def link_close(request, journey_id: int, map_id: int, link_id: int):
    return _change_link(request, journey_id, map_id, link_id, services.feedback_link_close,
                        "The link is closed: it takes no more answers.")


@organisation_view(Permission.EDIT)
def link_reopen(request, journey_id: int, map_id: int, link_id: int):
    return _change_link(request, journey_id, map_id, link_id, services.feedback_link_reopen,
                        "The link is open again.")
