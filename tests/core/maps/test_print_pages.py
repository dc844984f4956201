"""The map's printed pages for a longer document (the evidence pack): the same pages the map's
PDF prints, on named A3 pages, every step there and escaped."""

import html
import re

from journeymap.core.maps import PRINT_PAGE_CSS, render_print_pages
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.render.raster import STEPS_PER_PAGE


def _printed_text(pages: str) -> str:
    """The pages' text with the markup and white space taken out: a name wrapped over two
    lines is still found whole."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", pages))


def test_every_step_is_on_the_printed_pages_escaped():
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.steps[0].name = "<script>alert('x')</script> & co"
    pages = render_print_pages(doc)
    assert "<script>" not in pages
    printed = _printed_text(pages)
    for step in doc.map.steps:
        assert re.sub(r"\s+", "", html.escape(step.name)) in printed, step.name


def test_the_pages_are_named_a3_pages_one_band_of_steps_each():
    doc = load_demo_documents()[0]
    pages = render_print_pages(doc)
    bands = -(-len(doc.map.steps) // STEPS_PER_PAGE)
    assert pages.count('<section class="page"') >= bands
    assert "@page map-a3 { size: 420mm 297mm;" in PRINT_PAGE_CSS
    assert ".page { page: map-a3;" in PRINT_PAGE_CSS
