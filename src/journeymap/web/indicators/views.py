"""A journey's indicators and evaluations, and the organisation's contact costs: thin views over
the selectors and services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from journeymap.core.measures.catalogue import CATALOGUE, Kind
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.indicators import selectors, services
from journeymap.web.indicators.forms import (
    ComputeForm,
    ContactCostsForm,
    IndicatorForm,
    MeasurementForm,
    PerformForm,
    ScheduleForm,
    TargetForm,
)
from journeymap.web.journeys.selectors import journey_get, maps_of


def _journey(request, journey_id: int):
    return journey_get(organisation=request.organisation, journey_id=journey_id)


def _saved(form, call) -> object | None:
    """Run a service; its ValidationError becomes the form's errors (None is returned)."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error.messages if hasattr(error, "error_dict") else error)
        return None


def _compute_form(request, indicator, data=None):
    if Kind(indicator.kind) not in CATALOGUE or not CATALOGUE[Kind(indicator.kind)].computed_from:
        return None
    return ComputeForm(data, kind=indicator.kind, maps=maps_of(journey=indicator.journey),
                       datasets=selectors.ready_datasets(organisation=request.organisation))


@organisation_view()
def indicator_list(request, journey_id: int):
    journey = _journey(request, journey_id)
    return render(request, "indicators/indicator_list.html", {
        "journey": journey, "evaluations": selectors.evaluations_for_journey(
            organisation=request.organisation, journey=journey),
        "summaries": selectors.indicators_for_journey(organisation=request.organisation,
                                                      journey=journey)})


@organisation_view(Permission.EDIT)
def indicator_create(request, journey_id: int):
    journey = _journey(request, journey_id)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = _saved(form, lambda: services.indicator_create(
            **acting(request), journey=journey, kind=form.cleaned_data["kind"],
            data=form.indicator_data()))
        if indicator:
            return redirect("indicators:detail", request.organisation.slug, journey.pk,
                            indicator.pk)
    return render(request, "indicators/indicator_form.html", {
        "journey": journey, "form": form, "catalogue": CATALOGUE.values()})


def _detail(request, indicator, **forms):
    return render(request, "indicators/indicator_detail.html", {
        "journey": indicator.journey, "indicator": indicator,
        "summary": selectors.indicator_summary(indicator),
        "measurement_form": forms.get("measurement_form") or MeasurementForm(),
        "compute_form": forms.get("compute_form") or _compute_form(request, indicator)})


@organisation_view()
def indicator_detail(request, journey_id: int, indicator_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    return _detail(request, indicator)


@organisation_view(Permission.EDIT)
def indicator_edit(request, journey_id: int, indicator_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    form = TargetForm(request.POST or None, initial={
        name: getattr(indicator, name) for name in ("baseline_value", "baseline_on",
                                                    "target_value")})
    if request.method == "POST" and form.is_valid() and _saved(
            form, lambda: services.indicator_update(**acting(request), indicator=indicator,
                                                    data=form.cleaned_data)):
        return redirect("indicators:detail", request.organisation.slug, journey_id, indicator.pk)
    return render(request, "indicators/target_form.html", {
        "journey": indicator.journey, "indicator": indicator, "form": form})


@organisation_view(Permission.EDIT)
def measurement_add(request, journey_id: int, indicator_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    form = MeasurementForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _saved(
            form, lambda: services.measurement_record(**acting(request), indicator=indicator,
                                                      **form.cleaned_data)):
        return redirect("indicators:detail", request.organisation.slug, journey_id, indicator.pk)
    return _detail(request, indicator, measurement_form=form)


@organisation_view(Permission.EDIT)
def indicator_delete(request, journey_id: int, indicator_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    if request.method == "POST":
        services.indicator_delete(**acting(request), indicator=indicator)
        messages.success(request, f"Indicator “{indicator.name}” deleted.")
        return redirect("indicators:list", request.organisation.slug, journey_id)
    return render(request, "indicators/delete.html", {
        "journey": indicator.journey, "indicator": indicator, "measurement": None})


@organisation_view(Permission.EDIT)
def measurement_delete(request, journey_id: int, indicator_id: int, measurement_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    measurement = selectors.measurement_get(indicator=indicator, measurement_id=measurement_id)
    if request.method == "POST":
        services.measurement_delete(**acting(request), measurement=measurement)
        messages.success(request, f"The figure of {measurement.measured_on:%-d %B %Y} deleted.")
        return redirect("indicators:detail", request.organisation.slug, journey_id, indicator.pk)
    return render(request, "indicators/delete.html", {
        "journey": indicator.journey, "indicator": indicator, "measurement": measurement})


@organisation_view(Permission.EDIT)
def measurement_compute(request, journey_id: int, indicator_id: int):
    indicator = selectors.indicator_get(journey=_journey(request, journey_id),
                                        indicator_id=indicator_id)
    form = _compute_form(request, indicator, request.POST or None)
    if form is None:
        return redirect("indicators:detail", request.organisation.slug, journey_id, indicator.pk)
    if request.method == "POST" and form.is_valid() and _saved(
            form, lambda: services.measurement_compute(**acting(request), indicator=indicator,
                                                       **form.cleaned_data)):
        return redirect("indicators:detail", request.organisation.slug, journey_id, indicator.pk)
    return _detail(request, indicator, compute_form=form)


@organisation_view(Permission.EDIT)
def evaluation_schedule(request, journey_id: int):
    journey = _journey(request, journey_id)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        evaluation = _saved(form, lambda: services.evaluation_schedule(
            **acting(request), journey=journey, **form.cleaned_data))
        if evaluation:
            return redirect("indicators:evaluation", request.organisation.slug, journey.pk,
                            evaluation.pk)
    return render(request, "indicators/schedule_form.html", {"journey": journey, "form": form})


def _perform_form(request, journey, data=None):
    return PerformForm(data, maps=maps_of(journey=journey),
                       datasets=selectors.ready_datasets(organisation=request.organisation))


def _evaluation_page(request, evaluation, form=None):
    return render(request, "indicators/evaluation_detail.html", {
        "journey": evaluation.journey, "evaluation": evaluation,
        "form": form or _perform_form(request, evaluation.journey)})


@organisation_view()
def evaluation_detail(request, journey_id: int, evaluation_id: int):
    evaluation = selectors.evaluation_get(journey=_journey(request, journey_id),
                                          evaluation_id=evaluation_id)
    return _evaluation_page(request, evaluation)


@organisation_view(Permission.EDIT)
def evaluation_perform(request, journey_id: int, evaluation_id: int):
    evaluation = selectors.evaluation_get(journey=_journey(request, journey_id),
                                          evaluation_id=evaluation_id)
    form = _perform_form(request, evaluation.journey, request.POST or None)
    if request.method == "POST" and form.is_valid() and _saved(
            form, lambda: services.evaluation_perform(
                **acting(request), evaluation=evaluation, **form.periods(),
                baseline_map=form.cleaned_data["baseline_map"],
                remap=form.cleaned_data["remap"], dataset=form.cleaned_data["dataset"])):
        return redirect("indicators:evaluation", request.organisation.slug, journey_id,
                        evaluation.pk)
    return _evaluation_page(request, evaluation, form)


@organisation_view(Permission.ADMINISTER)
def contact_costs(request):
    form = ContactCostsForm(
        request.POST or None, initial=selectors.contact_costs(organisation=request.organisation),
        log_channels=selectors.log_channels(organisation_id=request.organisation.pk))
    if request.method == "POST" and form.is_valid() and _saved(
            form, lambda: services.contact_costs_set(**acting(request), costs=form.costs())):
        return redirect("indicators:costs", request.organisation.slug)
    return render(request, "indicators/contact_costs.html", {"form": form})
