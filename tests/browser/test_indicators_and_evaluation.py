"""From map to measured improvement in a real browser: an indicator added to a demo journey and
computed from its as-is map, then an evaluation scheduled and performed comparing the demo's
as-is and to-be maps; every page axe-checked."""

from playwright.sync_api import expect

from journeymap.web.demo_data import demo_journeys_load
from journeymap.web.journeys.selectors import journeys_of, maps_of
from tests.web.journeys.builders import actor_of


def test_indicator_and_evaluation_on_the_demo_pension_journey(page, erin, edinburgh, visit,
                                                              sign_in_as, page_check):
    demo_journeys_load(actor=actor_of(erin, edinburgh))
    journey = journeys_of(organisation=edinburgh).get(title__startswith="Joining the pension")
    maps = {row.kind: row for row in maps_of(journey=journey)}
    sign_in_as(page, "erin")
    visit(page, f"/o/edinburgh/journeys/{journey.pk}/")
    page.get_by_role("link", name="Indicators and evaluation").click()
    page_check(page)
    page.get_by_role("link", name="Add an indicator").click()
    page_check(page)
    page.get_by_label("Indicator").select_option("steps")
    page.get_by_role("button", name="Add the indicator").click()
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Number of steps")
    page.get_by_label("Map").select_option(str(maps["as_is"].pk))
    page.get_by_role("button", name="Compute and record").click()
    page_check(page)
    table = page.get_by_role("table")
    expect(table).to_contain_text("map Joining the pension scheme – as is")
    expect(table.locator("td.govuk-table__cell--numeric")).to_have_text("5")
    page.get_by_label("Value").fill("4")
    page.get_by_label("Date it was measured").fill("2026-06-30")
    page.get_by_role("button", name="Record the figure").click()
    page_check(page)
    expect(page.get_by_role("table")).to_contain_text("entered by erin")

    page.get_by_role("link", name="Indicators and evaluation").click()
    page_check(page)
    page.get_by_role("link", name="Schedule an evaluation").click()
    page_check(page)
    page.get_by_label("When were the actions taken?").fill("2025-01-15")
    page.get_by_role("button", name="Schedule").click()
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Evaluation due 15 January 2026")
    page.get_by_label("Baseline map").select_option(str(maps["as_is"].pk))
    page.get_by_label("Re-map").select_option(str(maps["to_be_gold"].pk))
    page.get_by_role("button", name="Compare and record").click()
    page_check(page)
    findings = page.locator("main")
    expect(findings).to_contain_text("5 → 4: 1 fewer")
    expect(findings).to_contain_text("50 min less")
    expect(findings).to_contain_text("Not attributed to a channel")
    visit(page, "/o/edinburgh/")
    expect(page.get_by_role("heading", name="Evaluations")).to_be_visible()
