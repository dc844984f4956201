"""The map's own parts beyond its steps (schema v2): its persona, its stages and its lanes.

Each is a plain form page that works without JavaScript; the services validate the whole map.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
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
    lanes_from_formset,
    stages_from_formset,
)
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
