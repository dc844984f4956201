"""Research activities: the list, one activity with its observations, recording and changing
them; and the evidence behind one step of a map."""

from django.contrib import messages
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.evidence import selectors, services
from journeymap.web.evidence.forms import (
    AcceptForm,
    ActivityForm,
    ObservationForm,
    ProposedStepForm,
    ProvenanceForm,
)
from journeymap.web.evidence.models import provenance_from
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.view_helpers import redirect_to_map, service_call
from journeymap.web.segments import selectors as segment_selectors


def _to_activity(activity):
    return redirect("evidence:detail", organisation_slug=activity.organisation.slug,
                    activity_id=activity.pk)


def _chosen_segment(request, form):
    segment_id = form.cleaned_data.get("segment")
    return None if segment_id is None else segment_selectors.segment_get(
        organisation=request.organisation, segment_id=segment_id)


@organisation_view()
def activity_list(request):
    return render(request, "evidence/activity_list.html",
                  {"activities": selectors.activities_of(organisation=request.organisation)})


@organisation_view()
def activity_detail(request, activity_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    steps = selectors.steps_to_observe(organisation=request.organisation)
    return render(request, "evidence/activity_detail.html", {
        "activity": activity, "observations": selectors.observations_of(activity=activity),
        "form": ObservationForm(steps=steps), "can_edit": request.actor.can(Permission.EDIT),
        "proposals": selectors.proposals_of(activity=activity),
        "proposal_form": ProposedStepForm(steps=steps)})


@organisation_view(Permission.EDIT)
def activity_create(request):
    segments = segment_selectors.segments_of(organisation=request.organisation)
    form = ActivityForm(request.POST or None, segments=segments)
    if request.method == "POST" and form.is_valid():
        activity = service_call(form, services.activity_create, **acting(request),
                                data=form.to_data(), segment=_chosen_segment(request, form))
        if activity is not None:
            messages.success(request, f"“{activity.title}” recorded. Add what it found.")
            return _to_activity(activity)
    return render(request, "evidence/activity_form.html", {"form": form, "activity": None})


@organisation_view(Permission.EDIT)
def activity_edit(request, activity_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    form = ActivityForm(request.POST or None, initial=services.activity_snapshot(activity),
                        segments=segment_selectors.segments_of(organisation=request.organisation))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.activity_update, **acting(request), activity=activity,
            data=form.to_data(), segment=_chosen_segment(request, form)):
        messages.success(request, "Activity saved.")
        return _to_activity(activity)
    return render(request, "evidence/activity_form.html", {"form": form, "activity": activity})


@organisation_view(Permission.EDIT)
def activity_delete(request, activity_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    if request.method == "POST":
        services.activity_delete(**acting(request), activity=activity)
        messages.success(request, f"“{activity.title}” and its observations deleted.")
        return redirect("evidence:list", organisation_slug=request.organisation.slug)
    return render(request, "evidence/activity_delete.html", {"activity": activity})


@organisation_view(Permission.EDIT)
def observation_add(request, activity_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    steps = selectors.steps_to_observe(organisation=request.organisation)
    form = ObservationForm(request.POST or None, steps=steps)
    if request.method == "POST" and form.is_valid():
        step = selectors.step_of_organisation(organisation=request.organisation,
                                              step_id=form.cleaned_data["step"])
        if service_call(form, services.observation_add, **acting(request), activity=activity,
                        step=step, data=form.to_data()):
            messages.success(request, "Observation added.")
            return _to_activity(activity)
    return render(request, "evidence/observation_form.html",
                  {"form": form, "activity": activity})


@organisation_view(Permission.EDIT)
def observation_delete(request, activity_id: int, observation_id: int):
    """POST only: remove one observation."""
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    observation = selectors.observation_get(activity=activity, observation_id=observation_id)
    if request.method == "POST":
        services.observation_delete(**acting(request), observation=observation)
        messages.success(request, "Observation removed.")
    return _to_activity(activity)


def _step(request, journey_id: int, map_id: int, step_id: int):
    journey_map = journey_selectors.map_get(organisation=request.organisation,
                                            journey_id=journey_id, map_id=map_id)
    return journey_map, journey_selectors.step_get(journey_map=journey_map, step_id=step_id)


@organisation_view()
def step_evidence(request, journey_id: int, map_id: int, step_id: int):
    journey_map, step = _step(request, journey_id, map_id, step_id)
    observations = list(selectors.evidence_for_step(step=step))
    suggested = provenance_from(observation.activity.kind for observation in observations)
    return render(request, "evidence/step_evidence.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "step": step,
        "observations": observations, "suggested": suggested,
        "form": ProvenanceForm(initial={"provenance": suggested, "version": step.version})
        if suggested and request.actor.can(Permission.EDIT) else None})


@organisation_view(Permission.EDIT)
def step_provenance(request, journey_id: int, map_id: int, step_id: int):
    """POST only: set the step's provenance to what its evidence shows."""
    _, step = _step(request, journey_id, map_id, step_id)
    form = ProvenanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            journey_services.step_update(
                **acting(request), step=step, expected_version=form.cleaned_data["version"],
                data={"provenance": form.cleaned_data["provenance"]})
            messages.success(request, "The step's provenance is set from its evidence.")
        except journey_services.EditConflict as conflict:
            messages.error(request, conflict.message)
    return redirect("evidence:step_evidence", organisation_slug=request.organisation.slug,
                    journey_id=journey_id, map_id=map_id, step_id=step.pk)


@organisation_view(Permission.EDIT)
def proposed_step_add(request, activity_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    form = ProposedStepForm(request.POST or None,
                            steps=selectors.steps_to_observe(organisation=request.organisation))
    if request.method == "POST" and form.is_valid():
        kind, place_id = form.chosen_place()
        after = (selectors.step_of_organisation(organisation=request.organisation,
                                                step_id=place_id) if kind == "step" else None)
        journey_map = after.journey_map if after else selectors.map_of_organisation(
            organisation=request.organisation, map_id=place_id)
        if service_call(form, services.proposed_step_add, **acting(request), activity=activity,
                        journey_map=journey_map, after_step=after,
                        data={"name": form.cleaned_data["name"],
                              "description": form.cleaned_data["description"]}):
            messages.success(request, "Step proposed. Accept it into the map's next version.")
            return _to_activity(activity)
    return render(request, "evidence/proposed_step_form.html",
                  {"form": form, "activity": activity})


@organisation_view(Permission.EDIT)
def proposed_step_accept(request, activity_id: int, proposal_id: int):
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    proposal = selectors.proposal_get(activity=activity, proposal_id=proposal_id)
    maps = list(selectors.maps_of_journey(journey_map=proposal.journey_map))
    form = AcceptForm(request.POST or None, maps=maps, initial={"into": maps[-1].pk})
    if request.method == "POST" and form.is_valid():
        into = next(row for row in maps if row.pk == form.cleaned_data["into"])
        step = service_call(form, services.proposed_step_accept, **acting(request),
                            proposal=proposal, into=into)
        if step is not None:
            messages.success(request, f"“{step.name}” added to {into.title}.")
            return redirect_to_map(into, anchor=f"step-{step.pk}")
    return render(request, "evidence/proposed_step_accept.html",
                  {"form": form, "activity": activity, "proposal": proposal})


@organisation_view(Permission.EDIT)
def proposed_step_decline(request, activity_id: int, proposal_id: int):
    """POST only: the proposal is kept, marked declined."""
    activity = selectors.activity_get(organisation=request.organisation, activity_id=activity_id)
    proposal = selectors.proposal_get(activity=activity, proposal_id=proposal_id)
    if request.method == "POST" and proposal.status == proposal.Status.PROPOSED:
        services.proposed_step_decline(**acting(request), proposal=proposal)
        messages.success(request, "Proposed step declined.")
    return _to_activity(activity)
