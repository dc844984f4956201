"""The demo's contact data in a real browser: filter the report to one period, link a map's
steps to its activities, see the figures on the map and fill a step from them; every page
axe-checked."""

import re

from playwright.sync_api import expect

from journeymap.web.datasets.models import Dataset
from journeymap.web.demo_data import DEMO_DATASET, demo_dataset_load, demo_journeys_load
from tests.web.datasets.builders import private_data_dir
from tests.web.journeys.builders import actor_of


def test_filter_to_one_period_then_link_a_map_and_see_its_figures(
        page, erin, edinburgh, settings, tmp_path, visit, sign_in_as, page_check):
    private_data_dir(settings, tmp_path)
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    dataset = demo_dataset_load(actor=actor_of(erin, edinburgh))
    assert dataset.status == Dataset.Status.READY
    sign_in_as(page, "erin")
    visit(page, f"/o/edinburgh/datasets/{dataset.pk}/")
    expect(page.get_by_role("heading", name=DEMO_DATASET)).to_be_visible()

    # The synthetic log's cases start through 2025: keep those that started in March.
    page.get_by_label("Cases that started on or after").fill("2025-03-01")
    page.get_by_label("and before").fill("2025-04-01")
    page.get_by_role("button", name="Show these cases").click()
    page_check(page)
    expect(page).to_have_url(re.compile(r"started_from=2025-03-01"))
    expect(page.get_by_text("Only the cases chosen above are counted")).to_be_visible()

    page.get_by_role("link", name="Show these figures on a journey map").click()
    page_check(page)
    page.get_by_role("link", name="Claiming benefits – to be (interim)").click()
    page_check(page)
    page.get_by_label("Submit claim").select_option(label="2. Assisted application")
    page.get_by_label("Decide claim").select_option(label="3. Receive a clear decision letter")
    page.get_by_role("button", name="Save the links").click()
    page_check(page)

    figures = page.locator("#data-figures")
    expect(figures.get_by_role("heading", name=f"From the data: {DEMO_DATASET}")).to_be_visible()
    assisted = figures.get_by_role("row", name=re.compile("2. Assisted application"))
    expect(assisted).to_contain_text("Submit claim")
    expect(figures.get_by_role("img")).to_be_visible()
    expect(figures.get_by_role("row", name=re.compile("1. Check eligibility"))).to_contain_text(
        "No activity linked")

    assisted.get_by_role("button", name="Fill time and contacts from the data").click()
    page_check(page)
    expect(page.locator("#data-figures").get_by_role(
        "row", name=re.compile("2. Assisted application"))).to_contain_text(
            f"Supported by data: {DEMO_DATASET}")
