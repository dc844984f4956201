"""A journey's evidence pack, as a staff page and as a PDF download."""

from django.http import HttpResponse
from django.shortcuts import render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.journeys import selectors
from journeymap.web.journeys.map_files import safe_filename
from journeymap.web.packs.pdf import pack_pdf
from journeymap.web.packs.services import PackFormat, pack_generate


@organisation_view()
def pack_page(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    pack = pack_generate(**acting(request), journey=journey, pack_format=PackFormat.HTML)
    return render(request, "packs/pack_page.html", {"journey": journey, "pack": pack})


@organisation_view()
def pack_download(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    pack = pack_generate(**acting(request), journey=journey, pack_format=PackFormat.PDF)
    response = HttpResponse(pack_pdf(pack), content_type="application/pdf")
    filename = safe_filename(f"{journey.title} evidence pack", "pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
