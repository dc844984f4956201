"""The improvement loop of issue 14 in one go, as a council team would walk it on the demo's
benefits claim: an action answering a step, marked done (which schedules the evaluation a year
on), a to-be map drafted from it, the evaluation performed against that re-map, then the evidence
pack holding the action and the evaluation. Every page reached is checked with axe."""

from playwright.sync_api import expect

from journeymap.web.demo_data import demo_journeys_load
from journeymap.web.journeys.selectors import journeys_of, maps_of
from tests.web.journeys.builders import actor_of

JOURNEY = "Claiming Housing Benefit and Council Tax Benefit"


def test_from_the_as_is_map_to_an_evaluation_and_the_evidence_pack(page, erin, edinburgh, visit,
                                                                   sign_in_as, page_check):
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    journey = journeys_of(organisation=edinburgh).get(title=JOURNEY)
    sign_in_as(page, "erin")
    visit(page, f"/o/edinburgh/journeys/{journey.pk}/")
    page.get_by_role("link", name="Improvement actions for this journey").click()
    page_check(page)
    page.get_by_role("link", name="Add an action").click()
    page_check(page)
    page.get_by_label("Action", exact=True).fill("Check claim forms at reception")
    page.get_by_label("Category").select_option(label="Staff training")
    page.get_by_label("Claiming benefits – as is: 6. Query errors in the claim").check()
    page.get_by_label("Status").select_option(label="Accepted")
    page.get_by_label("Effect on the map").select_option(label="Remove the step(s)")
    page.get_by_role("button", name="Add the action").click()
    page_check(page)
    row = page.locator("main table tbody tr").filter(has_text="Check claim forms at reception")
    row.get_by_role("button", name="Mark done").click()
    page_check(page)
    page.get_by_label("Start from the map").select_option(label="Claiming benefits – as is")
    page.get_by_label("Title of the new map").fill("Claiming – re-mapped")
    page.get_by_role("button", name="Draft the to-be map").click()
    page_check(page)
    maps = {row.title: row for row in maps_of(journey=journey)}

    visit(page, f"/o/edinburgh/journeys/{journey.pk}/")
    page.get_by_role("link", name="Indicators and evaluation").click()
    page_check(page)
    scheduled = page.locator("main li").filter(has_text="not performed yet")
    expect(scheduled).to_have_count(1)  # scheduled by marking the action done
    expect(scheduled).to_contain_text("12 months after the actions of")
    scheduled.get_by_role("link").click()
    page_check(page)
    page.get_by_label("Baseline map").select_option(str(maps["Claiming benefits – as is"].pk))
    page.get_by_label("Re-map").select_option(str(maps["Claiming – re-mapped"].pk))
    page.get_by_role("button", name="Compare and record").click()
    page_check(page)
    findings = page.locator("main")
    expect(findings).to_contain_text("1 fewer")  # the step the action removed

    visit(page, f"/o/edinburgh/journeys/{journey.pk}/")
    page.get_by_role("link", name="Evidence pack").click()
    page_check(page)
    actions = page.locator("section, div").filter(
        has=page.get_by_role("heading", name="Actions and their status")).last
    expect(actions).to_contain_text("Check claim forms at reception")
    expect(actions).to_contain_text("Done")
    expect(page.get_by_role("heading",
                            name="Indicators before and after, and evaluations")).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 fewer")
