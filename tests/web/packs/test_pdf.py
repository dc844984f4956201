"""The evidence pack as a PDF, for the demo journey: its pages parse, hold the cover, the
segment and every step of both maps, and hostile text prints whole; nothing is fetched."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from journeymap.core.maps.demo import load_demo_documents
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.demo_data import demo_journeys_load
from journeymap.web.journeys import selectors
from journeymap.web.journeys import services as journey_services
from journeymap.web.packs.pdf import pack_print_html
from journeymap.web.packs.services import PackFormat, pack_generate
from journeymap.web.segments import services as segment_services
from tests.web.journeys.builders import actor_of
from tests.web.segments.builders import pension_segments

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return _BIDI_MARKS.sub("", text).split("\f")[:-1]


def squeezed(text: str) -> str:
    """Without white space: a name wrapped over two lines is still found whole."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_journey(edinburgh, erin):
    actor = actor_of(erin, edinburgh)
    demo_journeys_load(actor=actor)
    document = load_demo_documents()[0]
    journey = selectors.journeys_of(organisation=edinburgh).get(title=document.journey.title)
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    segment_services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=journey,
                                         segment=segment)
    return journey


def download(client, journey) -> bytes:
    response = client.get(reverse("packs:pdf", kwargs={
        "organisation_slug": journey.organisation.slug, "journey_id": journey.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.slow
def test_the_demo_journeys_pack_prints_its_cover_segment_and_every_step(client, erin,
                                                                       demo_journey, tmp_path):
    client.force_login(erin)
    pages = pdf_pages(download(client, demo_journey), tmp_path)
    assert len(pages) > 4
    cover = squeezed(pages[0])
    for expected in ("Evidence pack", demo_journey.title, "City of Edinburgh Council", "erin"):
        assert squeezed(expected) in cover
    printed = squeezed("".join(pages))
    assert squeezed("New scheme members") in printed  # the segment, from the register
    assert squeezed("To understand what the scheme gives them") in printed
    maps = [document for document in load_demo_documents()
            if document.journey.title == demo_journey.title]
    assert len(maps) == 2  # as is and to be
    for document in maps:
        assert squeezed(document.map.title) in printed
        for step in document.map.steps:
            assert squeezed(step.name) in printed, step.name
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.after["format"] == "pdf"


HOSTILE = ("<script>alert('x')</script> Tom & Jerry שלום עולם "
           "Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters")


@pytest.mark.slow
def test_hostile_text_prints_whole_and_as_text(client, erin, edinburgh, tmp_path):
    actor = actor_of(erin, edinburgh)
    journey = journey_services.journey_create(actor=actor, context=NO_CLIENT, data={
        "title": HOSTILE, "service": '<img src="http://192.0.2.1/x.png"> services'})
    client.force_login(erin)
    pages = pdf_pages(download(client, journey), tmp_path)
    cover = re.sub(r"[ \t]+", " ", pages[0])
    assert "שלום עולם" in cover  # right to left, in reading order
    assert squeezed(HOSTILE.replace("שלום עולם", "")) in squeezed(cover.replace("שלום עולם", ""))
    assert squeezed('<img src="http://192.0.2.1/x.png"> services') in squeezed(cover)
    assert "None recorded" in "".join(pages)


def test_the_print_document_holds_its_pictures_inline_and_names_nothing_to_fetch(
        erin, edinburgh, demo_journey):
    pack = pack_generate(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                         journey=demo_journey, pack_format=PackFormat.PDF)
    document = pack_print_html(pack)
    assert document.count("<svg") >= 4  # each map's emotion curve and its printed pages
    for fetchable in ("src=", "href=\"http", "url(", "@import"):
        assert fetchable not in document
