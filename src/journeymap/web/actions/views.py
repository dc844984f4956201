"""Improvement actions: the boards (a journey's and the organisation's, as a list or an impact
and effort matrix), adding and changing an action, moving it on, and drafting a to-be map."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from journeymap.core.actions.board import impact_effort_matrix
from journeymap.web.accounts import selectors as account_selectors
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.actions import selectors, services
from journeymap.web.actions.forms import ActionForm, DraftForm, FilterForm, StatusForm
from journeymap.web.indicators import selectors as indicator_selectors
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.view_helpers import redirect_to_map, service_call


def _journey(request, journey_id: int):
    return journey_selectors.journey_get(organisation=request.organisation, journey_id=journey_id)


def _to_board(journey):
    return redirect("actions:journey_board", organisation_slug=journey.organisation.slug,
                    journey_id=journey.pk)


def _board(request, template: str, *, journey=None, **extra):
    filters = FilterForm(request.GET or None)
    chosen = filters.chosen()
    actions = (selectors.actions_for_journey(organisation=request.organisation, journey=journey,
                                             **chosen) if journey else
               selectors.actions_of_organisation(organisation=request.organisation, **chosen))
    matrix = impact_effort_matrix(actions, impact=lambda row: row.action.impact,
                                  effort=lambda row: row.action.effort)
    return render(request, template, {
        "journey": journey, "actions": actions, "filters": filters, "filtered": any(
            chosen.values()), "matrix": matrix, "overdue": sum(row.overdue for row in actions),
        "can_edit": request.actor.can(Permission.EDIT), **extra})


@organisation_view()
def organisation_board(request):
    return _board(request, "actions/board.html")


@organisation_view()
def organisation_matrix(request):
    return _board(request, "actions/matrix.html")


@organisation_view()
def journey_board(request, journey_id: int):
    journey = _journey(request, journey_id)
    maps = list(journey_selectors.maps_of(journey=journey))
    draft = DraftForm(maps=maps, initial={"source": maps[0].pk if maps else None,
                                          "title": f"{journey.title} – to be"})
    return _board(request, "actions/board.html", journey=journey, draft_form=draft)


@organisation_view()
def journey_matrix(request, journey_id: int):
    return _board(request, "actions/matrix.html", journey=_journey(request, journey_id))


def _action_form(request, journey, action=None):
    steps = list(selectors.steps_of_journey(journey=journey))
    initial = services.action_snapshot(action) if action else {
        "status": "proposed", "effect": "none", "steps": [request.GET.get("step")]}
    form = ActionForm(request.POST or None, initial=initial, steps=steps,
                      observations=selectors.observations_of_journey(journey=journey),
                      members=account_selectors.memberships_of(organisation=request.organisation),
                      indicators=indicator_selectors.indicators_of(journey=journey))
    return form, steps


def _links(request, form, journey, steps) -> dict:
    """The form's chosen steps, observations, member and indicator, fetched within the
    organisation (the indicator within the journey)."""
    step_ids, observation_ids = form.chosen_ids("steps"), form.chosen_ids("observations")
    member_id, indicator_id = form.cleaned_data["owner_member"], form.cleaned_data["indicator"]
    return {
        "steps": [step for step in steps if step.pk in step_ids],
        "observations": list(selectors.observations_of_journey(journey=journey).filter(
            pk__in=observation_ids)),
        "owner_member": None if member_id is None else account_selectors.membership_in(
            organisation=request.organisation, membership_id=member_id),
        "indicator": None if indicator_id is None else indicator_selectors.indicator_get(
            journey=journey, indicator_id=indicator_id)}


@organisation_view(Permission.EDIT)
def action_create(request, journey_id: int):
    journey = _journey(request, journey_id)
    form, steps = _action_form(request, journey)
    if request.method == "POST" and form.is_valid():
        action = service_call(form, services.action_create, **acting(request), journey=journey,
                              data=form.to_data(), **_links(request, form, journey, steps))
        if action is not None:
            messages.success(request, f"Action “{action.title}” added.")
            return _to_board(journey)
    return render(request, "actions/action_form.html",
                  {"form": form, "journey": journey, "action": None})


@organisation_view(Permission.EDIT)
def action_edit(request, journey_id: int, action_id: int):
    journey = _journey(request, journey_id)
    action = selectors.action_get(journey=journey, action_id=action_id)
    form, steps = _action_form(request, journey, action)
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.action_update, **acting(request), action=action,
            data=form.to_data(), **_links(request, form, journey, steps)):
        messages.success(request, "Action saved.")
        return _to_board(journey)
    return render(request, "actions/action_form.html",
                  {"form": form, "journey": journey, "action": action})


@organisation_view(Permission.EDIT)
def action_status(request, journey_id: int, action_id: int):
    """POST only: move the action on (the board's "Mark done")."""
    journey = _journey(request, journey_id)
    action = selectors.action_get(journey=journey, action_id=action_id)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_set_status(**acting(request), action=action,
                                       status=form.cleaned_data["status"])
            messages.success(request, f"“{action.title}” is now {action.get_status_display()}.")
        except ValidationError as error:
            # E.g. a step it merges was deleted since: the action must be changed first.
            messages.error(request, f"“{action.title}”: {' '.join(error.messages)}")
    return _to_board(journey)


@organisation_view(Permission.EDIT)
def action_delete(request, journey_id: int, action_id: int):
    journey = _journey(request, journey_id)
    action = selectors.action_get(journey=journey, action_id=action_id)
    if request.method == "POST":
        services.action_delete(**acting(request), action=action)
        messages.success(request, f"Action “{action.title}” deleted.")
        return _to_board(journey)
    return render(request, "actions/action_delete.html", {"journey": journey, "action": action})


@organisation_view(Permission.EDIT)
def to_be_draft(request, journey_id: int):
    """POST only: a new to-be map from one map and the accepted actions, opened for editing."""
    journey = _journey(request, journey_id)
    form = DraftForm(request.POST or None, maps=journey_selectors.maps_of(journey=journey))
    if request.method == "POST" and form.is_valid():
        source = journey_selectors.map_get(organisation=request.organisation,
                                           journey_id=journey.pk,
                                           map_id=form.cleaned_data["source"])
        journey_map = service_call(form, services.to_be_generate, **acting(request),
                                   source=source, title=form.cleaned_data["title"],
                                   kind=form.cleaned_data["kind"])
        if journey_map is not None:
            messages.success(request, "To-be map drafted from the accepted actions. Edit it "
                                      "as you would any map.")
            return redirect_to_map(journey_map)
        messages.error(request, " ".join(str(error) for errors in form.errors.values()
                                         for error in errors))
    return _to_board(journey)
