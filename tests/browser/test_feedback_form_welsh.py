"""The citizen's form in Welsh in a real browser: chosen on the start page, then every page in
Welsh (with `lang="cy"` on the page), by keyboard alone, axe-checked; and without JavaScript."""

import pytest
from playwright.sync_api import expect

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services
from journeymap.web.feedback.models import FeedbackResponse, StepAnswer
from journeymap.web.feedback.services import StepWords
from tests.browser.test_feedback_form import submit_by_keyboard, tab_to
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def welsh_feedback(edinburgh, erin, settings):
    settings.FEEDBACK_MIN_SECONDS = 0  # the browser answers faster than a person
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=2)
    steps = list(made["as_is"].steps.order_by("position"))
    services.map_translation_save(
        actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], language="cy",
        journey_title="Ymuno â’r cynllun pensiwn",
        steps={steps[0].pk: StepWords("Ffonio’r swyddfa bensiynau"),
               steps[1].pk: StepWords("Llenwi’r ffurflen")})
    link, token = services.feedback_link_create(
        actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"], label="Welsh",
        segment_questions=["first_time"])
    return {**made, "link": link, "path": f"/f/{token}/"}


def test_a_citizen_fills_the_form_in_welsh_with_the_keyboard_only(page, welsh_feedback, visit,
                                                                   page_check):
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    visit(page, welsh_feedback["path"])
    expect(page.locator("main h1")).to_have_text("Tell us about your journey")
    tab_to(page, page.get_by_role("link", name="Cymraeg"))
    submit_by_keyboard(page)
    page_check(page)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("main h1")).to_have_text("Dywedwch wrthym am eich taith")
    expect(page.locator("main")).to_contain_text("Ymuno â’r cynllun pensiwn")
    tab_to(page, page.get_by_role("button", name="Dechrau"))
    submit_by_keyboard(page)
    page_check(page)

    expect(page.locator("main h1")).to_have_text("Ffonio’r swyddfa bensiynau")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    tab_to(page, page.get_by_label("Anhapus iawn"))
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Hapus", exact=True)).to_be_checked()
    tab_to(page, page.get_by_label("Beth ddigwyddodd?"))
    page.keyboard.type("Atebodd rhywun yn syth")
    tab_to(page, page.get_by_role("button", name="Parhau"))
    submit_by_keyboard(page)
    page_check(page)

    # Too long an answer: the error summary is in Welsh too, and leads to the field.
    expect(page.locator("main h1")).to_have_text("Llenwi’r ffurflen")
    tab_to(page, page.get_by_label("Sut wnaeth hyn i chi deimlo?"))
    page.keyboard.insert_text("x" * 1001)
    tab_to(page, page.get_by_role("button", name="Parhau"))
    submit_by_keyboard(page)
    page_check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Mae problem")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Sut wnaeth hyn i chi deimlo?")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Rhyddhad")
    tab_to(page, page.get_by_role("button", name="Parhau"))
    submit_by_keyboard(page)
    page_check(page)

    expect(page.locator("main h1")).to_have_text("Eich taith gyfan")
    tab_to(page, page.get_by_label("Anhapus iawn"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Ie", exact=True))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Anfon eich atebion"))
    submit_by_keyboard(page)
    page_check(page)
    expect(page.locator("main h1")).to_have_text("Mae eich atebion wedi’u hanfon")

    response = FeedbackResponse.objects.get()
    assert (response.overall_rating, response.segment_answers) == (1, {"first_time": "yes"})
    ratings = {row.step.name: (row.rating, row.what_happened, row.how_they_felt)
               for row in StepAnswer.objects.select_related("step")}
    assert ratings == {"Step 1": (4, "Atebodd rhywun yn syth", ""),
                       "Step 2": (None, "", "Rhyddhad")}


def test_the_welsh_form_works_without_javascript(page_factory, welsh_feedback, live_server):
    page = page_factory(java_script_enabled=False)
    page.goto(live_server.url + welsh_feedback["path"])
    page.get_by_role("link", name="Cymraeg").click()
    page.get_by_role("button", name="Dechrau").click()
    page.get_by_label("Hapus iawn", exact=True).check()
    page.get_by_role("button", name="Parhau").click()
    page.get_by_role("button", name="Yn ôl").click()
    expect(page.get_by_label("Hapus iawn", exact=True)).to_be_checked()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Parhau").click()
    page.get_by_role("button", name="Parhau").click()
    page.get_by_role("button", name="Anfon eich atebion").click()
    expect(page.locator("main h1")).to_have_text("Mae eich atebion wedi’u hanfon")
    assert list(StepAnswer.objects.exclude(rating=None).values_list("rating", flat=True)) == [5]
