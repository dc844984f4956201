"""Segments and research in a real browser: add a segment and choose where to focus; record an
interview with three observations on a map, see them behind its steps, and accept a step the
customers described into the to-be map. Every page reached is checked with axe."""

from playwright.sync_api import expect

from tests.web.journeys.builders import journey_with_maps
from tests.web.segments.builders import pension_segments


def test_add_a_segment_and_rank_the_register_by_a_quick_target(page, erin, edinburgh, visit,
                                                               sign_in_as, page_check):
    pension_segments(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, "/o/edinburgh/")
    page.get_by_role("link", name="Segments", exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Add a segment").click()
    page_check(page)
    page.get_by_label("Segment", exact=True).fill("Deferred members")
    page.get_by_label("Complaints a year").fill("0")
    page.get_by_role("button", name="Add the segment").click()
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Deferred members")
    expect(page.locator("main")).to_contain_text("not known")
    page.get_by_role("link", name="Segments", exact=True).first.click()
    page_check(page)
    page.get_by_role("link", name="Choose where to focus").click()
    page_check(page)
    page.get_by_role("link", name="Greatest need").click()
    page_check(page)
    first = page.locator("main table tbody tr").first
    expect(first).to_contain_text("Members approaching retirement")
    page.get_by_label("Journeys a year").fill("3")
    page.get_by_role("button", name="Rank the segments").click()
    page_check(page)
    expect(page.locator("main")).to_contain_text("Ranked without Journeys a year (not known)")


def test_record_an_interview_with_three_observations_on_a_map(page, erin, edinburgh, visit,
                                                               sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, "/o/edinburgh/")
    page.get_by_role("link", name="Research", exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Record a research activity").click()
    page_check(page)
    page.get_by_label("Title").fill("Interviews with new members")
    page.get_by_label("Kind of research").select_option(label="One-to-one interview")
    page.get_by_label("Objectives").fill("Why do new members ring us?")
    page.get_by_label("Number of participants").fill("6")
    page.get_by_label("Make-up of the sample").fill("6 members, 3 women and 3 men")
    page.get_by_label("Participants' consent is recorded").check()
    page.get_by_role("button", name="Record the activity").click()
    page_check(page)
    for number in (1, 2, 3):
        page.get_by_label("Step of a map").select_option(label=f"{number}. Step {number}")
        page.get_by_label("Participant number").fill(str(number))
        page.get_by_label("Quote or note").fill(f"What participant {number} said")
        page.get_by_label("Feeling expressed").select_option(label="Unhappy (-1)")
        if number == 2:
            page.get_by_label("This is a pain point").check()
        page.get_by_role("button", name="Add the observation").click()
        page_check(page)
    expect(page.locator("main table tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Step 2", exact=True).click()
    page_check(page)
    expect(page.locator("main")).to_contain_text("1 observation from research supports")
    expect(page.locator("main")).to_contain_text("Pain point")
    page.get_by_role("link", name=made["as_is"].title).click()
    page_check(page)
    expect(page.locator("#evidence + div tbody tr td.govuk-table__cell--numeric")).to_have_text(
        ["1", "1", "1"])
    first_step = made["as_is"].steps.order_by("position").first()
    page.get_by_role("link", name="Research", exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Interviews with new members").click()
    page_check(page)
    page.get_by_label("Where customers put it").select_option(value=f"s{first_step.pk}")
    page.get_by_label("What the customer does").fill("Ring to check the form arrived")
    page.get_by_role("button", name="Propose the step").click()
    page_check(page)
    page.get_by_role("link", name="Accept Ring to check the form arrived into a map").click()
    page_check(page)
    expect(page.get_by_label("Add it to the map")).to_have_value(str(made["to_be"].pk))
    page.get_by_role("button", name="Add the step to the map").click()
    page_check(page)
    expect(page.locator("table.jm-grid thead th").nth(2)).to_contain_text(
        "Ring to check the form arrived")
