"""The pack as a PDF: WeasyPrint lays out the pack's print template, fetching nothing.

The HTML it is given was escaped by the templates; the only things it may load are the data: URLs
of the pictures the pack itself embeds, so a name or a note holding a URL can never make the
server fetch anything (no network, no file system).
"""

from typing import Any

import weasyprint
from django.template.loader import render_to_string

from journeymap.core.maps import PRINT_PAGE_CSS
from journeymap.web.packs.services import EvidencePack


class PackFetchRefusedError(RuntimeError):
    """Raised for any URL but data:, which only the pack's own pictures use."""


def embedded_only(url: str, *args: Any, **kwargs: Any) -> dict:
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    raise PackFetchRefusedError(f"the evidence pack fetches nothing; refused {url!r}")


def pack_print_html(pack: EvidencePack) -> str:
    """The pack's print document: its sections, with the maps on their own A3 pages."""
    return render_to_string("packs/pack_print.html",
                            {"pack": pack, "map_page_css": PRINT_PAGE_CSS})


def pack_pdf(pack: EvidencePack) -> bytes:
    """The pack as tagged PDF bytes: A4 pages, and each map on A3 landscape pages."""
    document = pack_print_html(pack)
    pdf = weasyprint.HTML(string=document, url_fetcher=embedded_only).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf
