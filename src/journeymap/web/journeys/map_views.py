"""A map's page (picture and grid), its details, and starting its next version."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.datasets.map_figures import linked_figures
from journeymap.web.evidence import selectors as evidence_selectors
from journeymap.web.feedback import selectors as feedback_selectors
from journeymap.web.feedback.questions import SEGMENT_QUESTION_CHOICES
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.forms import MapCopyForm, MapDetailsForm
from journeymap.web.journeys.map_files import DOWNLOAD_CHOICES
from journeymap.web.journeys.map_pages import lines_by, moved_step, stored_map_view
from journeymap.web.journeys.view_helpers import redirect_to_map, service_call


def _map(request, journey_id: int, map_id: int):
    return selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                             map_id=map_id)


@organisation_view()
def map_detail(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    can_edit = request.actor.can(Permission.EDIT)
    by = lines_by(request)
    view = stored_map_view(journey_map, editable=can_edit, citizen=feedback_selectors
                           .citizen_lines(journey_map=journey_map, by=by))
    return render(request, "journeys/map_detail.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "can_edit": can_edit,
        "view": view, **moved_step(view, request.GET),
        "dataset_figures": linked_figures(journey_map=journey_map, document=view.document),
        "download_formats": DOWNLOAD_CHOICES,
        "evidence_counts": evidence_selectors.evidence_counts(journey_map=journey_map),
        "feedback": feedback_selectors.map_summary(journey_map=journey_map),
        "segment_questions": SEGMENT_QUESTION_CHOICES, "lines_by": by,
    })


@organisation_view(Permission.EDIT)
def map_details(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    current = documents.map_to_schema(journey_map).model_dump(mode="python", exclude={"steps"})
    form = MapDetailsForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.map_update_details, **acting(request),
            journey_map=journey_map, data=form.to_data()):
        messages.success(request, "Map details saved.")
        return redirect_to_map(journey_map)
    return render(request, "journeys/map_details.html", {
        "form": form, "journey": journey_map.journey, "journey_map": journey_map})


@organisation_view(Permission.EDIT)
def map_copy(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    form = MapCopyForm(request.POST or None, initial={
        "title": f"{journey_map.journey.title} – to be"})
    if request.method == "POST" and form.is_valid():
        copied = services.map_copy(**acting(request), source=journey_map, **form.cleaned_data)
        messages.success(request, f"Started “{copied.title}” from “{journey_map.title}”. "
                         "Change its steps, and mark which earlier steps each one replaces.")
        return redirect_to_map(copied)
    return render(request, "journeys/map_copy.html", {
        "form": form, "journey": journey_map.journey, "journey_map": journey_map})


@organisation_view(Permission.EDIT)
def map_delete(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    if request.method == "GET":
        return render(request, "journeys/map_delete.html", {
            "journey": journey_map.journey, "journey_map": journey_map})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    services.map_delete(**acting(request), journey_map=journey_map)
    messages.success(request, f"Deleted “{journey_map.title}”.")
    return redirect("journeys:detail", organisation_slug=request.organisation.slug,
                    journey_id=journey_id)
