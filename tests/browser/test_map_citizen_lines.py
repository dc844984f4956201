"""Citizens' lines on the map canvas in a real browser: chosen with the form above the picture,
then the picture, its key and the table alternative, axe-checked."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_map_canvas import map_path
from tests.web.feedback.test_statistics import respond
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def answered(edinburgh, erin):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    link = made["feedback_link"]
    link.segment_questions = ["first_time"]
    link.save()
    steps = list(made["as_is"].steps.order_by("position"))
    for rating in (4, 4, 4, 5, 5):
        respond(link, steps, ratings={0: rating, 1: 3}, segments={"first_time": "yes"})
    respond(link, steps, ratings={0: 1}, segments={"first_time": "no"})
    return made


def test_an_analyst_draws_a_line_per_answer_on_the_map(page, answered, sign_in_as, visit,
                                                       page_check):
    sign_in_as(page, "erin")
    visit(page, map_path(answered["as_is"]))
    page.get_by_label("Draw citizens’ feeling on the heartbeat lane").select_option(
        label="Was this the first time you used this service?")
    with page.expect_navigation():
        page.get_by_role("button", name="Show on the map").click()
    page_check(page)
    table = page.get_by_role("table", name="Mean rating at each step, by answer")


    def row(answer):
        return table.locator("tr", has=page.get_by_role("rowheader", name=answer, exact=True))

    expect(row("Yes")).to_contain_text("4.4")
    expect(row("No")).to_contain_text("Not shown: fewer than 5 ratings")
    expect(page.locator(".jm-citizen-lines")).to_contain_text("Yes: solid line with circles")
