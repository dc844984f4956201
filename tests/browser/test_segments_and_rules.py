"""An analyst filters a dataset's report to one segment, and an administrator changes the
avoidable-contact rules and sees the report count with them; every page axe-checked."""

import re

from playwright.sync_api import expect

from journeymap.web.datasets.models import Dataset
from tests.web.datasets.builders import (
    SEGMENT_MAPPING,
    imported,
    private_data_dir,
    segmented_csv,
)


def test_filter_by_segment_then_change_the_avoidable_contact_rules(
        page, alice, erin, edinburgh, settings, tmp_path, visit, sign_in_as, page_check):
    private_data_dir(settings, tmp_path)
    dataset = imported(organisation=edinburgh, user=erin, content=segmented_csv(),
                       mapping=SEGMENT_MAPPING)
    assert dataset.status == Dataset.Status.READY
    sign_in_as(page, "alice")
    visit(page, f"/o/edinburgh/datasets/{dataset.pk}/")

    segment = page.get_by_label("In the segment")
    expect(segment.locator("option")).to_have_text(["Any segment", "Over 65", "Working age"])
    segment.select_option("Working age")
    page.get_by_role("button", name="Show these cases").click()
    page_check(page)
    expect(page).to_have_url(re.compile(r"segment=Working\+age"))
    expect(page.get_by_text("Only the cases chosen above are counted")).to_be_visible()

    page.get_by_role("link", name="Change the rules").click()
    page_check(page)
    rules = page.get_by_label("Activities that are avoidable contacts")
    rules.fill("chasing: phone call")
    page.get_by_role("button", name="Save the rules").click()
    page_check(page)
    expect(page.get_by_text("Activities, line 1: “chasing” is not an NI14 category")
           .first).to_be_visible()

    page.get_by_label("Activities that are avoidable contacts").fill(
        "progress_chasing: phone call")
    page.get_by_role("button", name="Save the rules").click()
    page_check(page)
    expect(page.get_by_text("Saved the avoidable-contact rules")).to_be_visible()
    expect(page.get_by_text("version 1")).to_be_visible()

    visit(page, f"/o/edinburgh/datasets/{dataset.pk}/")
    expect(page.get_by_text("your organisation's rules (version 1")).to_be_visible()
    expect(page.get_by_text("activity name matches /phone call/").first).to_be_visible()
