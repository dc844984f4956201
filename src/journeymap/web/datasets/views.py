"""Contact datasets: upload, confirm the columns, follow the import, read the report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from journeymap.core.analytics import (
    AVOIDABLE_CATEGORIES,
    report_sections,
    suggest_step_links,
)
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.datasets import selectors, services
from journeymap.web.datasets.comparison import compared_rows
from journeymap.web.datasets.forms import (
    COLUMN_FIELDS,
    AvoidableRulesForm,
    MapLinkForm,
    MappingForm,
    PeriodComparisonForm,
    ReportFilterForm,
    UploadForm,
)
from journeymap.web.datasets.report_page import laid_out
from journeymap.web.datasets.upload_limit import limit_upload_size
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.view_helpers import redirect_to_map


def _to_detail(dataset):
    return redirect("datasets:detail", dataset.organisation.slug, dataset.pk)


@organisation_view()
def dataset_list(request):
    datasets = selectors.datasets_of(organisation=request.organisation)
    return render(request, "datasets/dataset_list.html", {"datasets": datasets})


@csrf_exempt  # checked by `csrf_protect` below, once the size limit is in place
def dataset_upload(request, **kwargs):
    """The size limit must stand before the body is read, which the CSRF check would do."""
    limit_upload_size(request)
    return _dataset_upload(request, **kwargs)


@csrf_protect
@organisation_view(Permission.EDIT)
def _dataset_upload(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None,
                      refused_name=getattr(request, "upload_refused_name", None))
    if posted and form.is_valid():
        try:
            dataset = services.dataset_upload(**acting(request), name=form.cleaned_data["name"],
                                              upload=form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("datasets:mapping", request.organisation.slug, dataset.pk)
    return render(request, "datasets/upload.html", {"form": form})


@organisation_view(Permission.EDIT)
def dataset_mapping(request, dataset_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    if dataset.status != dataset.Status.MAPPING:
        return _to_detail(dataset)
    form = MappingForm(request.POST or None, columns=dataset.source_columns,
                       initial=MappingForm.initial_for(dataset))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.dataset_import_request(
            **acting(request), dataset=dataset, mapping=form.mapping(), contacts=form.contacts(),
            timezone_name=data["timezone"], day_first=data["date_order"] == "day",
            retain_until=data["retain_until"],
            small_number_threshold=data["small_number_threshold"])
        return _to_detail(dataset)
    preview = selectors.dataset_preview(dataset=dataset)
    return render(request, "datasets/mapping.html", {
        "dataset": dataset, "form": form, "preview": preview,
        "preview_rows": zip(preview.row_labels, preview.rows, strict=True) if preview else (),
        "column_fields": COLUMN_FIELDS})


@organisation_view()
def dataset_detail(request, dataset_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    if request.htmx and request.GET.get("part") == "status":
        response = render(request, "datasets/status.html", {"dataset": dataset})
        if not dataset.in_progress:
            response["HX-Refresh"] = "true"  # the whole page changes: show the report
        return response
    form, result = _report_of(request, dataset)
    report = report_sections(result, title=dataset.name) if result else None
    return render(request, "datasets/dataset_detail.html", {
        "dataset": dataset, "report": report, "sections": laid_out(report) if report else (),
        "filter_form": form, "filtered": form.is_bound and form.is_valid(),
        "rule_set": selectors.avoidable_rule_set_of(organisation_id=dataset.organisation_id)})


def _report_of(request, dataset):
    """The report's filter form (from the query string) and the suppressed result it asks for:
    the whole dataset when there is no filter, or the filter is wrong (the form says why)."""
    whole = selectors.dataset_result(dataset=dataset)
    form = ReportFilterForm(request.GET or None, **selectors.filter_choices(whole),
                            segments=selectors.dataset_segments(dataset=dataset))
    where = form.case_filter(timezone_name=dataset.timezone) if form.is_valid() else None
    return form, (selectors.dataset_result(dataset=dataset, where=where) if where else whole)


@organisation_view()
def dataset_download(request, dataset_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    _, result = _report_of(request, dataset)
    if result is None:
        return _to_detail(dataset)
    response = HttpResponse(result.to_json(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="dataset-{dataset.pk}-figures.json"'
    return response


@organisation_view()
def dataset_compare(request, dataset_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    form = PeriodComparisonForm(request.GET or None,
                                segments=selectors.dataset_segments(dataset=dataset))
    rows = None
    if dataset.status == dataset.Status.READY and form.is_valid():
        before, after = (selectors.dataset_result(dataset=dataset, where=where)
                         for where in form.case_filters(timezone_name=dataset.timezone))
        rows = compared_rows(before, after) if before and after else None
    return render(request, "datasets/compare.html", {"dataset": dataset, "form": form,
                                                     "rows": rows})


@organisation_view(Permission.EDIT)
def dataset_maps(request, dataset_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    return render(request, "datasets/map_choice.html", {
        "dataset": dataset, "maps": selectors.maps_to_link(organisation=request.organisation)})


@organisation_view(Permission.EDIT)
def dataset_link(request, dataset_id: int, map_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    journey_map = journey_selectors.map_get_by_number(organisation=request.organisation,
                                                      map_id=map_id)
    link = selectors.map_link_get(organisation=request.organisation, dataset=dataset,
                                  journey_map=journey_map)
    activities = selectors.dataset_activity_names(dataset=dataset)
    steps = [(step.key, step.name) for step in journey_map.steps.all()]
    suggested = link is None
    links = suggest_step_links(activities, steps) if suggested else link.steps
    form = MapLinkForm(request.POST or None, activities=activities, steps=steps,
                       initial=MapLinkForm.initial_for(activities, links))
    if request.method == "POST" and form.is_valid():
        try:
            services.map_link_save(**acting(request), dataset=dataset, journey_map=journey_map,
                                   links=form.links())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved which activities of {dataset.name} happen at "
                             "which steps.")
            return redirect_to_map(journey_map, anchor="data-figures")
    return render(request, "datasets/map_link.html", {
        "dataset": dataset, "journey_map": journey_map, "form": form, "suggested": suggested})


@organisation_view(Permission.EDIT)
def step_fill(request, dataset_id: int, map_id: int, step_id: int):
    dataset = selectors.dataset_get(organisation=request.organisation, dataset_id=dataset_id)
    journey_map = journey_selectors.map_get_by_number(organisation=request.organisation,
                                                      map_id=map_id)
    step = journey_selectors.step_get(journey_map=journey_map, step_id=step_id)
    link = selectors.map_link_get(organisation=request.organisation, dataset=dataset,
                                  journey_map=journey_map)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if link is None:
        return redirect_to_map(journey_map)
    try:
        services.step_fill_from_data(**acting(request), link=link, step=step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"“{step.name}” is now supported by {dataset.name}.")
    return redirect_to_map(journey_map, anchor="data-figures")


@organisation_view(Permission.ADMINISTER)
def avoidable_rules(request):
    rule_set = selectors.avoidable_rule_set_of(organisation_id=request.organisation.pk)
    form = AvoidableRulesForm(request.POST or None, initial=AvoidableRulesForm.initial_for(
        selectors.avoidable_rules_of(rule_set)))
    if request.method == "POST" and form.is_valid():
        try:
            services.avoidable_rules_set(**acting(request), rules=form.rules())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved the avoidable-contact rules. Every dataset's "
                             "report and map figures now use them.")
            return redirect("datasets:avoidable_rules", request.organisation.slug)
    return render(request, "datasets/avoidable_rules.html", {
        "form": form, "rule_set": rule_set, "categories": AVOIDABLE_CATEGORIES.items()})
