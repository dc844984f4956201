"""A map as files (SVG, PNG, PDF, Excel, JSON, Mermaid), and a map from a file (Excel or JSON)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render

from journeymap.core.maps import MapFileError
from journeymap.core.maps.excel import template_workbook
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.journeys import documents, selectors, services
from journeymap.web.journeys.forms import ImportForm
from journeymap.web.journeys.map_files import (
    FILE_FORMATS,
    MAX_UPLOAD_BYTES,
    PICTURE_CHOICES,
    XLSX,
    chosen_lanes_of,
    lane_choices,
    read_map_file,
    safe_filename,
)
from journeymap.web.journeys.view_helpers import redirect_to_map


def attachment(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@organisation_view()
def map_download(request, journey_id: int, map_id: int, file_format: str):
    journey_map = selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                                    map_id=map_id)
    chosen = FILE_FORMATS.get(file_format)
    if chosen is None:
        raise Http404("No such file format.")
    document = documents.document_for(journey_map)
    extra = {}
    if chosen.lanes_chosen:
        try:
            extra["lanes"] = chosen_lanes_of(document, request.GET.getlist("lanes"))
        except ValueError as error:
            return HttpResponseBadRequest(f"Cannot draw that picture: {error}.",
                                          content_type="text/plain; charset=utf-8")
    return attachment(chosen.write(document, **extra),
                      content_type=chosen.content_type,
                      filename=safe_filename(journey_map.title + chosen.name_suffix,
                                             chosen.extension))


@organisation_view()
def map_download_lanes(request, journey_id: int, map_id: int):
    """The lanes to draw in one picture download, chosen on their own page (GET, no script)."""
    journey_map = selectors.map_get(organisation=request.organisation, journey_id=journey_id,
                                    map_id=map_id)
    return render(request, "journeys/map_download_lanes.html", {
        "journey": journey_map.journey, "journey_map": journey_map,
        "lane_choices": lane_choices(documents.document_for(journey_map)),
        "picture_formats": PICTURE_CHOICES})


@organisation_view()
def excel_template(request):
    return attachment(template_workbook(), content_type=XLSX,
                      filename="journeymap-template.xlsx")


@organisation_view(Permission.EDIT)
def map_import(request):
    journeys = list(selectors.journeys_of(organisation=request.organisation))
    form = ImportForm(request.POST or None, request.FILES or None, journeys=journeys)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document = read_map_file(name=upload.name, data=upload.read(MAX_UPLOAD_BYTES + 1))
        except MapFileError as error:
            problems = error.problems
        else:
            journey = next((row for row in journeys if row.pk == form.cleaned_data["journey"]),
                           None)
            journey_map = services.document_import(**acting(request),
                                                   document=document, journey=journey)
            messages.success(request, f"Imported “{journey_map.title}” with "
                             f"{len(document.map.steps)} steps.")
            return redirect_to_map(journey_map)
    return render(request, "journeys/map_import.html", {"form": form, "problems": problems})
