"""The evidence pack in a real browser: from the demo journey's page to its pack, every section
there, the maps' pictures drawn, the PDF downloaded; every page checked with axe."""

from playwright.sync_api import expect

from journeymap.core.maps.demo import load_demo_documents
from journeymap.web.demo_data import demo_journeys_load
from tests.web.journeys.builders import actor_of


def test_open_the_demo_journeys_evidence_pack_and_download_its_pdf(page, erin, charlie,
                                                                   edinburgh, visit, sign_in_as,
                                                                   page_check):
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    title = load_demo_documents()[0].journey.title
    sign_in_as(page, "charlie")  # a viewer: any member may make the pack
    visit(page, "/o/edinburgh/journeys/")
    page.get_by_role("link", name=title, exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Evidence pack").click()
    page_check(page)
    expect(page.locator("main h1")).to_have_text(title)
    for heading in ("1. The customer segment", "2. The research done",
                    "3. The maps: as it is and as it should be", "4. Citizens' ratings"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("main")).to_contain_text("None recorded: the journey names no segment")
    pictures = page.locator("main img.jm-map-picture")
    expect(pictures).to_have_count(4)  # the as-is and to-be maps, each with its emotion curve
    for index in range(4):
        assert pictures.nth(index).evaluate("image => image.naturalWidth") > 0
    page.get_by_text(f"{load_demo_documents()[0].map.title} in words").click()
    expect(page.locator("main")).to_contain_text(load_demo_documents()[0].map.steps[0].name)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack as a PDF").click()
    assert download.value.suggested_filename.endswith("-evidence-pack.pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
