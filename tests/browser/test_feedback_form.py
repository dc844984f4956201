"""The citizen's feedback form in a real browser: by keyboard alone, without JavaScript, on a
phone-sized screen, with every page of the form (errors and the closed link too) axe-checked."""

import pytest
from playwright.sync_api import expect

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services
from journeymap.web.feedback.models import FeedbackResponse, StepAnswer
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def feedback(edinburgh, erin, settings):
    settings.FEEDBACK_MIN_SECONDS = 0  # the browser answers faster than a person
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=2)
    link, token = services.feedback_link_create(
        actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], label="Browser",
        segment_questions=["first_time"])
    return {**made, "link": link, "path": f"/f/{token}/"}


def tab_to(page, locator, *, presses: int = 60):
    """Press Tab until `locator` has the focus: it is reachable by keyboard, in order."""
    for _ in range(presses):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} cannot be reached with the Tab key")


def submit_by_keyboard(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_citizen_fills_the_form_with_the_keyboard_only(page, feedback, visit, page_check):
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    visit(page, feedback["path"])
    expect(page.locator("main h1")).to_have_text("Tell us about your journey")
    tab_to(page, page.get_by_role("button", name="Start"))
    submit_by_keyboard(page)
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Step 1")

    # Step 1: into the faces with Tab, down to "Happy" with the arrow keys, then type.
    tab_to(page, page.get_by_label("Very unhappy"))
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Happy", exact=True)).to_be_checked()
    tab_to(page, page.get_by_label("What happened?"))
    page.keyboard.type("An email told me what to bring")
    tab_to(page, page.get_by_label("Face to face"))  # a radio group is one Tab stop
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Email")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Continue"))
    submit_by_keyboard(page)
    page_check(page)

    # Step 2: a text too long shows the error summary, which links to the field.
    expect(page.locator("main h1")).to_have_text("Step 2")
    tab_to(page, page.get_by_label("How did it make you feel?"))
    page.keyboard.insert_text("x" * 1001)
    tab_to(page, page.get_by_role("button", name="Continue"))
    submit_by_keyboard(page)
    page_check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Keep this to 1000 characters or fewer")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("How did it make you feel?")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Relieved")
    tab_to(page, page.get_by_role("button", name="Continue"))
    submit_by_keyboard(page)
    page_check(page)

    expect(page.locator("main h1")).to_have_text("Your whole journey")
    tab_to(page, page.get_by_label("Very unhappy"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # "Unhappy"
    tab_to(page, page.get_by_label("Yes", exact=True))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("No", exact=True)).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Send your answers"))
    submit_by_keyboard(page)
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Your answers have been sent")

    response = FeedbackResponse.objects.get()
    assert (response.overall_rating, response.segment_answers) == (2, {"first_time": "no"})
    answers = {row.step.name: row for row in StepAnswer.objects.select_related("step")}
    assert (answers["Step 1"].rating, answers["Step 1"].channel,
            answers["Step 1"].what_happened) == (4, "email", "An email told me what to bring")
    assert answers["Step 2"].how_they_felt == "Relieved"


def test_the_form_works_without_javascript(page_factory, feedback, live_server):
    page = page_factory(java_script_enabled=False)
    page.goto(live_server.url + feedback["path"])
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Very unhappy").check()
    page.get_by_label("What happened?").fill("Nobody called back")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Very happy").check()
    page.get_by_role("button", name="Continue").click()
    # Back, and forward again: the answer given is still there.
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Very happy")).to_be_checked()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Neither happy nor unhappy").check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator("main h1")).to_have_text("Your answers have been sent")
    ratings = sorted(StepAnswer.objects.values_list("rating", flat=True))
    assert ratings == [1, 5]
    assert FeedbackResponse.objects.get().overall_rating == 3


def test_a_closed_link_and_an_unknown_link_are_polite_and_accessible(page, feedback, visit):
    services.feedback_link_close(actor=feedback["actor"], context=NO_CLIENT,
                                 link=feedback["link"])
    visit(page, feedback["path"])
    expect(page.locator("main h1")).to_have_text("This survey is not taking answers")
    visit(page, "/f/not-a-link/")
    expect(page.locator("main h1")).to_have_text("This link does not work")
