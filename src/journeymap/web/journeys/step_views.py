"""Steps of a map: add, edit (the whole step, or one cell in place with htmx), move, delete.

Every page here works as a plain form; with htmx, editing one cell swaps just that cell.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render

from journeymap.core.maps import schema
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.feedback.selectors import citizen_lines
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.forms import MoveForm, StepForm
from journeymap.web.journeys.grid import ROW_LABELS, cell_for, editable_in_place, lane_field
from journeymap.web.journeys.map_pages import earlier_map_of, lines_by, stored_map_view
from journeymap.web.journeys.view_helpers import redirect_to_map, service_call

SPARE_TOUCHPOINT_ROWS = 2


def _map_and_step(request, journey_id: int, map_id: int, step_id: int | None = None):
    journey_map = selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                                    map_id=map_id)
    step = None if step_id is None else selectors.step_get(journey_map=journey_map,
                                                           step_id=step_id)
    return journey_map, step


def _earlier_steps(journey_map):
    earlier = earlier_map_of(journey_map)
    return None if earlier is None else earlier.steps


@organisation_view(Permission.EDIT)
def step_add(request, journey_id: int, map_id: int):
    journey_map, _ = _map_and_step(request, journey_id, map_id)
    form = StepForm(request.POST or None, earlier_steps=_earlier_steps(journey_map),
                    touchpoint_rows=SPARE_TOUCHPOINT_ROWS,
                    custom_lanes=_custom_lanes(journey_map))
    position = request.GET.get("position", "")
    if request.method == "POST" and form.is_valid():
        step = service_call(form, services.step_add, **acting(request),
                            journey_map=journey_map, data=form.to_data(),
                            position=int(position) if position.isdigit() else None)
        if step is not None:
            messages.success(request, f"Step “{step.name}” added.")
            return redirect_to_map(journey_map, anchor=f"step-{step.pk}")
    return render(request, "journeys/step_form.html", {
        "form": form, "journey": journey_map.journey, "journey_map": journey_map, "step": None,
        "position": int(position) + 1 if position.isdigit() else None})


def _custom_lanes(journey_map) -> list[schema.CustomLane]:
    return [schema.CustomLane.model_validate(lane) for lane in journey_map.lanes]


def _labels(journey_map) -> dict[str, str]:
    return ROW_LABELS | {lane_field(lane.id): lane.name for lane in _custom_lanes(journey_map)}


def _cell_context(journey_map, step, field: str, form=None, conflict=None) -> dict:
    schema_step = documents.step_to_schema(step)
    labels = _labels(journey_map)
    shown = [name for name in (form.fields if form else ()) if name in labels]
    return {
        "journey": journey_map.journey, "journey_map": journey_map, "step": step,
        "field": field, "label": labels.get(field, field), "form": form,
        "conflict": conflict,
        "conflict_cells": [(labels[name], cell_for(conflict.current, name, names_by_id={}))
                           for name in shown] if conflict else [],
        "cell": cell_for(schema_step, field, names_by_id={}, editable=True, step_id=step.pk,
                         number=step.position + 1),
        "number": step.position + 1,
    }


@organisation_view(Permission.EDIT)
def step_edit(request, journey_id: int, map_id: int, step_id: int):
    """The whole step, or with `?field=` one cell; a stale save shows the other person's text."""
    journey_map, step = _map_and_step(request, journey_id, map_id, step_id)
    field = request.GET.get("field")
    custom_lanes = _custom_lanes(journey_map)
    if field is not None and not editable_in_place(field, custom_lanes):
        raise Http404("That cell cannot be edited on its own.")
    if field and request.GET.get("show"):
        # "Cancel": htmx puts the cell back; without JavaScript, back to the map.
        if not request.htmx:
            return redirect_to_map(journey_map, anchor=f"step-{step.pk}")
        return render(request, "journeys/cell.html", _cell_context(journey_map, step, field))
    options = ({"only": (field,)} if field else {
        "earlier_steps": _earlier_steps(journey_map),
        "touchpoint_rows": step.touchpoints.count() + SPARE_TOUCHPOINT_ROWS})
    current = documents.step_to_schema(step)
    options.update(custom_lanes=custom_lanes, current_lanes=current.lanes)
    if field and request.htmx:
        # Several cells can be open at once: their fields need ids of their own.
        options["auto_id"] = f"edit-{step.pk}-%s"
    form = StepForm(request.POST or None, **options,
                    initial=StepForm.initial_for(current, version=step.version))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = service_call(form, services.step_update, **acting(request),
                                 step=step, data=form.to_data(),
                                 expected_version=form.cleaned_data["version"] or 0)
        except services.EditConflict as error:
            conflict = error
            step = selectors.step_get(journey_map=journey_map, step_id=step.pk)
            form = StepForm(request.POST.copy(), **options)
            form.data["version"] = step.version
        else:
            if saved is not None and field and request.htmx:
                # The cell, and the picture above the table redrawn out of band, so the
                # heartbeat, badges and the chosen citizen lines follow the edit.
                fresh = selectors.map_get(organisation=request.organisation,
                                          journey_id=journey_id, map_id=map_id)
                view = stored_map_view(fresh, editable=True, citizen=citizen_lines(
                    journey_map=fresh, by=lines_by(request)))
                return render(request, "journeys/cell_saved.html",
                              {**_cell_context(journey_map, saved, field), "view": view})
            if saved is not None:
                messages.success(request, f"Step “{saved.name}” saved.")
                return redirect_to_map(journey_map, anchor=f"step-{saved.pk}")
    context = _cell_context(journey_map, step, field or "name", form=form, conflict=conflict)
    if field and request.htmx:
        return render(request, "journeys/cell_form.html", context)
    return render(request, "journeys/step_form.html", {**context, "one_field": field})


@organisation_view(Permission.EDIT)
def step_move(request, journey_id: int, map_id: int, step_id: int):
    journey_map, step = _map_and_step(request, journey_id, map_id, step_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose where to move the step.")
        return redirect_to_map(journey_map, anchor=f"step-{step.pk}")
    moved = services.step_move(**acting(request), step=step,
                               position=form.cleaned_data["position"])
    # Back on the same step's same move control, so moving it again is one more key press.
    direction = form.cleaned_data["direction"] or "right"
    return redirect_to_map(journey_map, anchor=f"move-{moved.pk}-{direction}",
                           query={"moved": moved.pk, "direction": direction})


@organisation_view(Permission.EDIT)
def step_delete(request, journey_id: int, map_id: int, step_id: int):
    journey_map, step = _map_and_step(request, journey_id, map_id, step_id)
    if request.method == "GET":
        return render(request, "journeys/step_delete.html", {
            "journey": journey_map.journey, "journey_map": journey_map, "step": step})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    services.step_delete(**acting(request), step=step)
    messages.success(request, f"Step “{step.name}” deleted. Its earlier states are in the "
                     "map's history.")
    return redirect_to_map(journey_map)
