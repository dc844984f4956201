"""The map's own parts beyond its steps (schema v2): its persona, its stages and its lanes,
and one lane of every step at once.

Each is a plain form page that works without JavaScript; the services validate the whole map.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from journeymap.core.maps import schema
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.forms import (
    LaneFormSet,
    PersonaForm,
    ShownLanesForm,
    StageFormSet,
    StepForm,
    lanes_from_formset,
    stages_from_formset,
)
from journeymap.web.journeys.grid import ROW_LABELS, editable_in_place, lane_field
from journeymap.web.journeys.view_helpers import redirect_to_map, service_call
from journeymap.web.segments import selectors as segment_selectors


def _map(request, journey_id: int, map_id: int):
    return selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                             map_id=map_id)


def _page(request, template: str, journey_map, **context):
    return render(request, f"journeys/{template}", {
        "journey": journey_map.journey, "journey_map": journey_map, **context})


@organisation_view(Permission.EDIT)
def map_persona(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    form = PersonaForm(request.POST or None, initial=journey_map.persona or {},
                       segments=segment_selectors.segments_of(organisation=request.organisation))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.map_set_persona, **acting(request), journey_map=journey_map,
            data=form.to_data()):
        messages.success(request, "Persona saved.")
        return redirect_to_map(journey_map, anchor="persona")
    return _page(request, "map_persona.html", journey_map, form=form)


@organisation_view(Permission.EDIT)
def map_stages(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    steps = documents.map_to_schema(journey_map).steps
    firsts = {}
    for step in steps:
        firsts.setdefault(step.stage, step.id)
    initial = [{**stage, "first_step": firsts.get(stage["id"], "")}
               for stage in journey_map.stages]
    formset = StageFormSet(request.POST or None, initial=initial, prefix="stages",
                           form_kwargs={"steps": steps})
    if request.method == "POST" and formset.is_valid():
        try:
            stages, step_stages = stages_from_formset(formset, steps)
            services.map_set_stages(**acting(request), journey_map=journey_map, stages=stages,
                                    step_stages=step_stages)
        except ValidationError as error:
            formset_errors = error.messages
        else:
            messages.success(request, "Stages saved.")
            return redirect_to_map(journey_map)
    else:
        formset_errors = []
    return _page(request, "map_stages.html", journey_map, formset=formset,
                 formset_errors=formset_errors)


def _lane_choices(journey_map) -> list[tuple[str, str]]:
    return [*schema.BUILT_IN_LANES.items(),
            *((lane["id"], lane["name"]) for lane in journey_map.lanes)]


@organisation_view(Permission.EDIT)
def map_lanes(request, journey_id: int, map_id: int):
    journey_map = _map(request, journey_id, map_id)
    formset = LaneFormSet(request.POST or None, initial=journey_map.lanes, prefix="lanes")
    choices = _lane_choices(journey_map)
    shown = ShownLanesForm(request.POST or None, lanes=choices, initial={
        "shown": [key for key, _label in choices if key not in journey_map.hidden_lanes]})
    if request.method == "POST" and formset.is_valid() and shown.is_valid():
        lanes = lanes_from_formset(formset)
        # A lane added now is shown; one removed can no longer be hidden.
        known = [key for key, _label in choices if key in schema.BUILT_IN_LANES
                 or key in {lane["id"] for lane in lanes}]
        if service_call(shown, services.map_set_lanes, **acting(request),
                        journey_map=journey_map, lanes=lanes,
                        hidden_lanes=shown.hidden_lanes(known)):
            messages.success(request, "Lanes saved.")
            return redirect_to_map(journey_map)
    return _page(request, "map_lanes.html", journey_map, formset=formset, shown=shown)


@organisation_view(Permission.EDIT)
def map_row(request, journey_id: int, map_id: int, field: str):
    """One lane of the table (e.g. every step's pain points) edited for all steps at once."""
    journey_map = _map(request, journey_id, map_id)
    custom_lanes = [schema.CustomLane.model_validate(lane) for lane in journey_map.lanes]
    if not editable_in_place(field, custom_lanes):
        raise Http404("That lane cannot be edited on its own.")
    rows = list(journey_map.steps.all())
    forms = []
    for row in rows:
        current = documents.step_to_schema(row)
        forms.append(StepForm(request.POST or None, only=(field,), prefix=f"step-{row.pk}",
                              custom_lanes=custom_lanes, current_lanes=current.lanes,
                              initial=StepForm.initial_for(current, version=row.version)))
    label = ROW_LABELS.get(field) or next(
        lane.name for lane in custom_lanes if lane_field(lane.id) == field)
    problem = ""
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            services.steps_update(**acting(request), journey_map=journey_map, changes=[
                (row, form.to_data(), form.cleaned_data["version"] or 0)
                for row, form in zip(rows, forms, strict=True)])
        except services.EditConflict:
            problem = ("Someone else changed a step of this map while you were editing. "
                       "Nothing was saved; open this page again to see their changes.")
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, f"“{label}” saved for every step.")
            return redirect_to_map(journey_map)
    return _page(request, "map_row.html", journey_map, label=label, problem=problem,
                 steps=list(zip(rows, forms, strict=True)))
