"""The map canvas in a real browser: zoom, pan, fit, full screen, editing from the picture,
keyboard reorder that keeps focus (three places, three presses), and the 1280 px view. Every
page reached is checked with axe."""

import pytest
from playwright.sync_api import expect

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services
from journeymap.web.journeys.models import Step
from tests.browser.test_map_editor import open_picture_cell, picture_cell
from tests.web.journeys.builders import journey_with_maps


def map_path(journey_map) -> str:
    return f"/o/edinburgh/journeys/{journey_map.journey_id}/maps/{journey_map.pk}/"


@pytest.fixture
def staged(edinburgh, erin):
    """Six steps in three stages, with a persona: the map of the issue's 1280 px complaint."""
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=6)
    journey_map, actor = made["as_is"], made["actor"]
    services.map_set_persona(actor=actor, context=NO_CLIENT, journey_map=journey_map, data={
        "name": "Sam", "description": "New to the council's pension scheme",
        "needs": ["To know they are in the scheme"]})
    keys = [step.key for step in journey_map.steps.order_by("position")]
    services.map_set_stages(
        actor=actor, context=NO_CLIENT, journey_map=journey_map,
        stages=[{"id": "aware", "name": "Aware"}, {"id": "apply", "name": "Apply"},
                {"id": "wait", "name": "Wait"}],
        step_stages=dict(zip(keys, ["aware", "aware", "apply", "apply", "wait", "wait"],
                             strict=True)))
    return made


def sizer_width(page) -> float:
    return page.locator("[data-canvas-sizer]").bounding_box()["width"]


def test_zoom_pan_fit_and_full_screen_by_keyboard(page, erin, staged, sign_in_as, visit,
                                                   page_check):
    sign_in_as(page, "erin")
    visit(page, map_path(staged["as_is"]))
    viewport = page.locator("#map-viewport")
    natural = int(page.locator("[data-canvas-picture]").get_attribute("width"))
    # Fitted to the page's width on arrival.
    fitted = sizer_width(page)
    assert fitted <= viewport.bounding_box()["width"]

    page.get_by_role("button", name="Actual size").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-canvas-status]")).to_have_text("Zoom 100%")
    assert sizer_width(page) == pytest.approx(natural, abs=1)
    page.get_by_role("button", name="Zoom in").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-canvas-status]")).to_have_text("Zoom 125%")
    assert sizer_width(page) == pytest.approx(natural * 1.25, abs=1)

    # Arrow keys pan when the picture has focus.
    viewport.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert viewport.evaluate("el => [el.scrollLeft, el.scrollTop]") == [160, 80]
    page.keyboard.press("ArrowLeft")
    assert viewport.evaluate("el => el.scrollLeft") == 80

    page.get_by_role("button", name="Zoom out").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator("[data-canvas-status]")).to_have_text("Zoom 85%")

    page.get_by_role("button", name="Fit to screen").focus()
    page.keyboard.press("Enter")
    assert sizer_width(page) == pytest.approx(fitted, abs=1)
    assert viewport.evaluate("el => el.scrollLeft") == 0

    full = page.get_by_role("button", name="Full screen")
    full.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Leave full screen")).to_have_attribute(
        "aria-pressed", "true")
    assert page.evaluate("document.fullscreenElement && document.fullscreenElement.id") == (
        "map-picture")
    # The key stays in view in full screen.
    expect(page.locator("#map-key")).to_be_in_viewport()
    page_check(page)
    page.get_by_role("button", name="Leave full screen").click()
    expect(page.get_by_role("button", name="Full screen")).to_have_attribute(
        "aria-pressed", "false")
    assert page.evaluate("document.fullscreenElement") is None


def test_a_cell_of_the_picture_opens_its_editor_and_focus_comes_back(page, erin, staged,
                                                                     sign_in_as, visit,
                                                                     page_check):
    sign_in_as(page, "erin")
    visit(page, map_path(staged["as_is"]))
    open_picture_cell(page, "Edit pain points of step 3, Step 3")
    field = page.get_by_label("Pain points")
    expect(field).to_be_focused()
    page_check(page)
    field.fill("Nobody answers\nThe form is long")
    page.get_by_role("button", name="Save pain points of step 3").click()
    expect(page.locator("table.jm-grid")).to_contain_text("The form is long")
    expect(picture_cell(page, "Edit pain points of step 3, Step 3")).to_be_focused()
    page_check(page)
    step = Step.objects.get(journey_map=staged["as_is"], name="Step 3")
    assert step.pain_points == ["Nobody answers", "The form is long"]


def test_moving_a_step_three_places_takes_three_key_presses(page, erin, staged, sign_in_as,
                                                            visit, page_check):
    sign_in_as(page, "erin")
    visit(page, map_path(staged["as_is"]))
    page.get_by_role("button", name="Move Step 1 right").focus()
    presses = 0
    for place in (2, 3, 4):
        page.keyboard.press("Enter")
        presses += 1
        expect(page.locator("#move-status")).to_have_text(f"Step “Step 1” is now step {place} "
                                                          "of 6.")
        expect(page.get_by_role("button", name="Move Step 1 right")).to_be_focused()
    assert presses == 3
    names = list(staged["as_is"].steps.order_by("position").values_list("name", flat=True))
    assert names == ["Step 2", "Step 3", "Step 4", "Step 1", "Step 5", "Step 6"]
    page_check(page)


def test_at_1280_pixels_the_first_stage_and_the_key_are_in_view(page, erin, staged,
                                                                 sign_in_as, visit, tmp_path):
    sign_in_as(page, "erin")
    visit(page, map_path(staged["as_is"]))
    width = page.viewport_size["width"]
    assert width == 1280
    page.locator("#map-picture").scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "map-at-1280.png", full_page=False)
    assert (tmp_path / "map-at-1280.png").stat().st_size > 0
    # Nothing makes the page scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    key = page.locator("#map-key").bounding_box()
    assert key["x"] >= 0 and key["x"] + key["width"] <= width
    # The first stage ("Aware", steps 1 and 2) is drawn whole inside the page's width: its
    # right edge is that of step 2's cell in the picture, scaled as shown.
    right = page.evaluate("""() => {
        const picture = document.querySelector('[data-canvas-picture]');
        const box = picture.getBoundingClientRect();
        const scale = box.width / Number(picture.getAttribute('width'));
        const area = document.querySelector('area[alt="Edit the stages (of step 2, Step 2)"]');
        const coords = area.coords.split(',').map(Number);
        return [box.left + coords[0] * scale, box.left + coords[2] * scale];
    }""")
    assert 0 <= right[0] < right[1] <= width


def test_a_very_long_word_wraps_inside_its_cell(page, erin, edinburgh, sign_in_as, visit):
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=2)
    step = made["as_is"].steps.order_by("position").first()
    services.step_update(actor=made["actor"], context=NO_CLIENT, step=step,
                         data={"name": "W" * 20_000}, expected_version=step.version)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    table = page.locator("table.jm-grid").bounding_box()
    assert table["width"] <= page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
