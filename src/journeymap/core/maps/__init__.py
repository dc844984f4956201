"""The journey map: its schema, its pictures (SVG, PNG, PDF) and its files (JSON, Excel, Mermaid).

Import the picture functions from here; the schema from `journeymap.core.maps.schema`; file
formats from `jsonio`, `excel` and `mermaid`.
"""

from journeymap.core.maps.errors import MapFileError, Problem
from journeymap.core.maps.pictures import (
    PRINT_PAGE_CSS,
    render_comparison_svg,
    render_pdf,
    render_png,
    render_print_pages,
    render_svg,
)
from journeymap.core.maps.text_alternative import text_alternative

__all__ = [
    "PRINT_PAGE_CSS",
    "MapFileError",
    "Problem",
    "render_comparison_svg",
    "render_pdf",
    "render_png",
    "render_print_pages",
    "render_svg",
    "text_alternative",
]
