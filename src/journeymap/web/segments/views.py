"""The segment register: its list, one segment's page, adding, editing and removing segments,
and naming the journeys that map a segment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.view_helpers import service_call
from journeymap.web.segments import selectors, services
from journeymap.web.segments.forms import JourneyLinkForm, PersonaForm, SegmentForm


def _to_segment(segment):
    return redirect("segments:detail", organisation_slug=segment.organisation.slug,
                    segment_id=segment.pk)


@organisation_view()
def segment_list(request):
    return render(request, "segments/segment_list.html",
                  {"segments": selectors.segments_of(organisation=request.organisation)})


@organisation_view()
def segment_detail(request, segment_id: int):
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    journeys = selectors.journeys_without_segment(organisation=request.organisation)
    return render(request, "segments/segment_detail.html", {
        "segment": segment, "journeys": selectors.journeys_of_segment(segment=segment),
        "stale_years": selectors.STALE_AFTER_YEARS,
        "persona_lists": [(heading, (segment.persona or {}).get(name, [])) for heading, name in
                          (("Needs", "needs"), ("Goals", "goals"),
                           ("Frustrations", "frustrations"))],
        "link_form": JourneyLinkForm(journeys=journeys) if journeys else None})


@organisation_view(Permission.EDIT)
def segment_create(request):
    form = SegmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        segment = service_call(form, services.segment_create, **acting(request),
                               data=form.cleaned_data)
        if segment is not None:
            messages.success(request, f"Segment “{segment.name}” added.")
            return _to_segment(segment)
    return render(request, "segments/segment_form.html", {"form": form, "segment": None})


@organisation_view(Permission.EDIT)
def segment_edit(request, segment_id: int):
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    form = SegmentForm(request.POST or None, initial=services.snapshot(segment))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.segment_update, **acting(request), segment=segment,
            data=form.cleaned_data):
        messages.success(request, "Segment saved.")
        return _to_segment(segment)
    return render(request, "segments/segment_form.html", {"form": form, "segment": segment})


@organisation_view(Permission.EDIT)
def segment_delete(request, segment_id: int):
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    if request.method == "POST":
        services.segment_delete(**acting(request), segment=segment)
        messages.success(request, f"Segment “{segment.name}” removed.")
        return redirect("segments:list", organisation_slug=request.organisation.slug)
    return render(request, "segments/segment_delete.html", {"segment": segment})


@organisation_view(Permission.EDIT)
def journey_link(request, segment_id: int):
    """POST only: name this segment on a journey that names none yet."""
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    form = JourneyLinkForm(request.POST or None, journeys=selectors.journeys_without_segment(
        organisation=request.organisation))
    if request.method == "POST" and form.is_valid():
        journey = journey_selectors.journey_get(organisation=request.organisation,
                                                journey_id=form.cleaned_data["journey"])
        services.journey_set_segment(**acting(request), journey=journey, segment=segment)
        messages.success(request, f"“{journey.title}” now maps this segment.")
    return _to_segment(segment)


@organisation_view(Permission.EDIT)
def journey_unlink(request, segment_id: int, journey_id: int):
    """POST only: the journey no longer names this segment."""
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    journey = journey_selectors.journey_get(organisation=request.organisation,
                                            journey_id=journey_id)
    if request.method == "POST" and journey.mapped_segment_id == segment.pk:
        services.journey_set_segment(**acting(request), journey=journey, segment=None)
        messages.success(request, f"“{journey.title}” no longer names this segment.")
    return _to_segment(segment)


@organisation_view(Permission.EDIT)
def segment_persona(request, segment_id: int):
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    form = PersonaForm(request.POST or None, initial=PersonaForm.initial_from(segment.persona))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.segment_set_persona, **acting(request), segment=segment,
            persona=form.persona()):
        messages.success(request, "Persona saved." if segment.persona else "Persona removed.")
        return _to_segment(segment)
    return render(request, "segments/persona_form.html", {"form": form, "segment": segment})


@organisation_view(Permission.EDIT)
def map_take_persona(request, segment_id: int, map_id: int):
    """POST only: the map of one of this segment's journeys takes the segment's persona."""
    segment = selectors.segment_get(organisation=request.organisation, segment_id=segment_id)
    journey_map = selectors.segment_map_get(segment=segment, map_id=map_id)
    if request.method == "POST":
        try:
            services.map_take_segment_persona(**acting(request), journey_map=journey_map)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{journey_map.title}” now shows the segment's persona.")
    return _to_segment(segment)
