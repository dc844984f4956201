"""The pack as a PDF: WeasyPrint lays out the pack's print template, fetching nothing.

The HTML it is given was escaped by the templates, and its pictures are inline SVG drawn by the
map renderer, so there is nothing to fetch: the map PDF's fetcher refuses every URL, so a name or
a note holding a URL can never make the server load anything (no network, no file system).
"""

import weasyprint
from django.template.loader import render_to_string

from journeymap.core.maps import PRINT_PAGE_CSS
from journeymap.core.maps.render.raster import refuse_fetch
from journeymap.web.packs.services import EvidencePack


def pack_print_html(pack: EvidencePack) -> str:
    """The pack's print document: its sections, with the maps on their own A3 pages."""
    return render_to_string("packs/pack_print.html",
                            {"pack": pack, "map_page_css": PRINT_PAGE_CSS})


def pack_pdf(pack: EvidencePack) -> bytes:
    """The pack as tagged PDF bytes: A4 pages, and each map on A3 landscape pages."""
    document = pack_print_html(pack)
    pdf = weasyprint.HTML(string=document, url_fetcher=refuse_fetch).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf
