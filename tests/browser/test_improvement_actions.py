"""Improvement actions in a real browser: on the demo's benefits claim, add an action that
removes a step from the journey's board, mark it done, and draft the to-be map without that step.
Every page reached is checked with axe."""

from playwright.sync_api import expect

from journeymap.web.demo_data import demo_journeys_load
from tests.web.journeys.builders import actor_of


def test_an_action_removing_a_demo_step_is_done_and_drafts_the_to_be_map(page, erin, edinburgh,
                                                                         visit, sign_in_as,
                                                                         page_check):
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    sign_in_as(page, "erin")
    visit(page, "/o/edinburgh/")
    page.get_by_role("link", name="Actions", exact=True).click()
    page_check(page)
    expect(page.locator("main")).to_contain_text("No actions yet")
    page.get_by_role("link", name="Journeys", exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Claiming Housing Benefit and Council Tax Benefit",
                      exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Improvement actions for this journey").click()
    page_check(page)
    page.get_by_role("link", name="Add an action").click()
    page_check(page)
    page.get_by_label("Action", exact=True).fill("Check claim forms at reception")
    page.get_by_label("Category").select_option(label="Staff training")
    page.get_by_label("Claiming benefits – as is: 6. Query errors in the claim").check()
    page.get_by_label("Status").select_option(label="Accepted")
    page.get_by_label("Impact", exact=True).select_option(label="High")
    page.get_by_label("Effort", exact=True).select_option(label="Low")
    page.get_by_label("Effect on the map").select_option(label="Remove the step(s)")
    page.get_by_role("button", name="Add the action").click()
    page_check(page)
    row = page.locator("main table tbody tr").filter(has_text="Check claim forms at reception")
    expect(row).to_contain_text("Benefits Operations Manager")  # the step owner, by default
    expect(row).to_contain_text("Accepted")
    row.get_by_role("button", name="Mark done").click()
    page_check(page)
    expect(row).to_contain_text("Done on")
    page.get_by_role("link", name="Impact and effort matrix").click()
    page_check(page)
    expect(page.locator("main table tbody tr").first).to_contain_text(
        "Check claim forms at reception")
    page.get_by_role("link", name="List", exact=True).click()
    page_check(page)
    page.get_by_label("Start from the map").select_option(label="Claiming benefits – as is")
    page.get_by_label("Title of the new map").fill("Claiming – to be, from the actions")
    page.get_by_role("button", name="Draft the to-be map").click()
    page_check(page)
    expect(page.locator("main h1")).to_contain_text("Claiming – to be, from the actions")
    headings = page.locator("table.jm-grid thead th")
    expect(headings.filter(has_text="Fill in and submit the application")).to_have_count(1)
    expect(headings.filter(has_text="Query errors in the claim")).to_have_count(0)
