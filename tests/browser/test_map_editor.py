"""The map editor in a real browser: build a map, edit in place, reorder by keyboard and by
drag and drop, start a to-be map and compare, two people at once, restore, share links.
Every page reached is checked with axe."""

import base64
import re

from playwright.sync_api import expect

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services
from journeymap.web.journeys.models import Step
from tests.web.journeys.builders import journey_with_maps


def step_names(journey_map) -> list[str]:
    return list(journey_map.steps.order_by("position").values_list("name", flat=True))


def map_path(journey_map) -> str:
    return f"/o/edinburgh/journeys/{journey_map.journey_id}/maps/{journey_map.pk}/"


def picture_cell(page, name: str):
    """A cell of the map's picture: an <area> of its image map, named by its alt text.

    Playwright's role queries pass over areas (they have no box of their own), so they are
    found by their accessible name directly; the keyboard reaches them like any link.
    """
    return page.locator(f'area[alt^="{name}"]')


def open_picture_cell(page, name: str) -> None:
    picture_cell(page, name).focus()
    page.keyboard.press("Enter")


def column_headings(page) -> list[str]:
    """Each step heading's first line (an editor's heading also holds its Edit link)."""
    return [text.strip().splitlines()[0]
            for text in page.locator("table.jm-grid thead th").all_inner_texts()]


def test_create_a_journey_and_map_add_steps_edit_a_cell_and_reorder_by_keyboard(
        page, erin, visit, sign_in_as, page_check):
    sign_in_as(page, "erin")
    page.get_by_role("link", name="Journeys", exact=True).click()
    page_check(page)
    page.get_by_role("link", name="Create a journey").click()
    page_check(page)
    page.get_by_label("Title").fill("Joining the pension scheme")
    page.get_by_label("Service").fill("Lothian Pension Fund")
    page.get_by_role("button", name="Create the journey").click()
    page_check(page)
    page.get_by_role("button", name="Create the map").click()
    page_check(page)
    for name, emotion in [("Get the letter", "Neutral"), ("Fill in the form", "Unhappy (-1)")]:
        page.get_by_label("Step", exact=True).fill(name)
        page.get_by_label("Emotion").select_option(label=emotion)
        page.get_by_role("button", name="Add the step").click()
        page_check(page)
        if name == "Get the letter":
            page.get_by_role("link", name="Add a step", exact=True).click()
            page_check(page)
    expect(page.locator("table.jm-grid caption")).to_contain_text("2 steps")
    assert column_headings(page) == ["Step", "1. Get the letter", "2. Fill in the form"]
    expect(page.locator("table.jm-grid")).to_contain_text("Unhappy")

    # Edit one cell in place, from the picture: htmx swaps the table's cell for a form.
    open_picture_cell(page, "Edit what the customer does of step 2")
    field = page.get_by_label("What the customer does")
    expect(field).to_be_focused()
    page_check(page)
    field.fill("Fills in eleven pages")
    picture_before = page.locator("[data-canvas-picture]").get_attribute("src")
    page.get_by_role("button", name="Save what the customer does of step 2").click()
    expect(page.locator("table.jm-grid")).to_contain_text("Fills in eleven pages")
    # The picture above the table is redrawn with the saved text, without a reload.
    expect(page.locator("[data-canvas-picture]")).not_to_have_attribute("src", picture_before)
    picture = base64.b64decode(
        page.locator("[data-canvas-picture]").get_attribute("src").split(",", 1)[1]).decode()
    assert "Fills in eleven pages" in picture
    expect(picture_cell(page, "Edit what the customer does of step 2")).to_be_focused()
    page_check(page)
    assert Step.objects.get(name="Fill in the form").customer_does == "Fills in eleven pages"

    # Reorder by keyboard alone: focus the button, press Enter; focus stays on the step's
    # move control (now "right", as it is first).
    page.get_by_role("button", name="Move Fill in the form left").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Move Fill in the form right")).to_be_focused()
    page_check(page)
    assert column_headings(page) == ["Step", "1. Fill in the form", "2. Get the letter"]


def test_reorder_by_drag_and_drop(page, erin, edinburgh, visit, sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    headings = page.locator("table.jm-grid thead th[draggable=true]")
    with page.expect_navigation():
        headings.nth(0).drag_to(headings.nth(2))
    page_check(page)
    assert step_names(made["as_is"]) == ["Step 2", "Step 3", "Step 1"]


def test_make_a_to_be_map_mark_replacements_and_compare(page, erin, edinburgh, visit,
                                                        sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    page.get_by_role("link", name="Start a to-be map or re-map").click()
    page_check(page)
    page.get_by_label("Kind of map").select_option(label="To be – gold standard")
    page.get_by_label("Title").fill("Joining – gold standard")
    page.get_by_role("button", name="Start the map").click()
    page_check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Joining – gold standard")
    # Step 1 of the to-be map replaces as-is steps 1 and 2; its step 2 is deleted.
    page.get_by_role("link", name="Edit step 1, Step 1", exact=True).click()
    page_check(page)
    page.get_by_label("Step", exact=True).fill("Join online")
    page.get_by_label("2. Step 2").check()
    page.get_by_role("button", name="Save the step").click()
    page_check(page)
    page.get_by_role("link", name="Delete step 3, Step 3").click()
    page_check(page)
    page.get_by_role("button", name="Delete the step").click()
    page_check(page)
    expect(page.locator(".jm-removed")).to_have_text("Step 3")

    page.get_by_role("link", name="Compare with another map of the journey").click()
    page_check(page)
    page.get_by_label("Earlier map").select_option(label="Joining – as is (As is)")
    page.get_by_label("Later map").select_option(label="Joining – gold standard (To be – gold "
                                                 "standard)")
    page.get_by_role("button", name="Compare").click()
    page_check(page)
    expect(page.locator("#compare-removed")).to_have_text("Step 3")
    expect(page.get_by_text("Join online replaces Step 1; Step 2")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("removed steps struck through"))).to_be_visible()


def test_two_people_editing_one_step_the_second_is_told_and_sees_the_newer_text(
        page_factory, erin, alice, edinburgh, visit, sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    first, second = page_factory(), page_factory()
    sign_in_as(first, "erin")
    sign_in_as(second, "alice")
    for person in (first, second):
        visit(person, map_path(made["as_is"]))
        open_picture_cell(person, "Edit thoughts and feelings of step 1")
        expect(person.get_by_label("Thoughts and feelings")).to_be_focused()
    first.get_by_label("Thoughts and feelings").fill("Relieved it arrived")
    first.get_by_role("button", name="Save thoughts and feelings of step 1").click()
    expect(first.locator("table.jm-grid")).to_contain_text("Relieved it arrived")
    second.get_by_label("Thoughts and feelings").fill("Confused by the jargon")
    second.get_by_role("button", name="Save thoughts and feelings of step 1").click()
    conflict = second.locator(".jm-conflict")
    expect(conflict).to_contain_text("Someone else changed this step")
    expect(conflict).to_contain_text("Relieved it arrived")
    expect(conflict).to_be_focused()
    page_check(second)
    assert Step.objects.get(journey_map=made["as_is"], key="s1").thoughts_feelings == (
        "Relieved it arrived")


def test_restore_an_earlier_state(page, erin, edinburgh, visit, sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    first_step = made["as_is"].steps.order_by("position").first()
    services.step_update(actor=made["actor"], context=NO_CLIENT, step=first_step,
                         data={"name": "A mistaken name"}, expected_version=1)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    page.get_by_role("link", name="History of this map").click()
    page_check(page)
    page.get_by_role("link", name="Revision 1", exact=True).click()
    page_check(page)
    expect(page.locator("table.jm-grid thead")).to_contain_text("1. Step 1")
    page.get_by_role("button", name="Restore revision 1").click()
    page_check(page)
    expect(page.locator("table.jm-grid thead")).to_contain_text("1. Step 1")
    assert step_names(made["as_is"])[0] == "Step 1"


def test_a_share_link_is_seen_logged_out_and_refused_after_revocation(
        page, page_factory, erin, edinburgh, visit, sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    page.get_by_role("link", name="Share").click()
    page_check(page)
    page.get_by_label("Who is it for?").fill("Pension board")
    page.get_by_role("button", name="Make a share link").click()
    page_check(page)
    link = page.locator("#new-share-link").inner_text()

    stranger = page_factory()
    response = stranger.goto(link)
    assert response.status == 200
    page_check(stranger)
    expect(stranger.locator("table.jm-grid")).to_contain_text("Step 1")
    expect(stranger.get_by_role("link", name="Journeys", exact=True)).to_have_count(0)

    page.get_by_role("button", name="Revoke the link for Pension board").click()
    page_check(page)
    response = stranger.goto(link)
    assert response.status == 410
    page_check(stranger)
    expect(stranger.locator("main h1")).to_have_text("This link has been switched off")
    expect(stranger.locator("table.jm-grid")).to_have_count(0)


def test_the_editor_works_without_javascript(page_factory, erin, edinburgh, sign_in_as,
                                             live_server):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    page = page_factory(java_script_enabled=False)
    sign_in_as(page, "erin")
    page.goto(live_server.url + map_path(made["as_is"]))
    open_picture_cell(page, "Edit what the customer does of step 1")
    page.get_by_label("What the customer does").fill("Opens the letter")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table.jm-grid")).to_contain_text("Opens the letter")
    page.get_by_role("button", name="Move Step 1 right").click()
    assert step_names(made["as_is"]) == ["Step 2", "Step 1", "Step 3"]
    # The page comes back focused on the moved step's own control, its new place in words.
    expect(page.get_by_role("button", name="Move Step 1 right")).to_be_focused()
    expect(page.locator("#move-status")).to_have_text("Step “Step 1” is now step 2 of 3.")


def test_a_60_step_map_is_axe_clean_for_viewers(page, charlie, erin, edinburgh, visit,
                                                sign_in_as):
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=60)
    sign_in_as(page, "charlie")
    visit(page, map_path(made["as_is"]))
    expect(page.locator("table.jm-grid thead th")).to_have_count(61)


def test_the_other_editor_pages_pass_axe_and_fit_320_pixels(page_factory, erin, edinburgh,
                                                             visit, sign_in_as, page_check):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    step = made["to_be"].steps.order_by("position").first()
    for number in range(55):  # a history long enough to be paged
        step = services.step_update(actor=made["actor"], context=NO_CLIENT, step=step,
                                    data={"owner": f"Owner {number}"},
                                    expected_version=step.version)
    page = page_factory(viewport={"width": 320, "height": 640})
    sign_in_as(page, "erin")
    journey = f"/o/edinburgh/journeys/{made['journey'].pk}/"
    for path in ["/o/edinburgh/", "/o/edinburgh/journeys/", journey, journey + "edit/",
                 map_path(made["as_is"]), map_path(made["as_is"]) + "details/",
                 map_path(made["as_is"]) + "delete/", map_path(made["as_is"]) + "share/",
                 map_path(made["to_be"]) + "history/", map_path(made["to_be"]) + "history/?page=2",
                 "/o/edinburgh/journeys/import/"]:
        visit(page, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


def test_an_import_with_mistakes_lists_them_accessibly(page, erin, edinburgh, visit,
                                                       sign_in_as, page_check, tmp_path):
    sign_in_as(page, "erin")
    visit(page, "/o/edinburgh/journeys/import/")
    bad = tmp_path / "map.json"
    bad.write_text('{"schema": "journeymap.map", "schema_version": 1, "journey": {}, '
                   '"map": {"title": "", "kind": "sideways"}}')
    page.get_by_label("Map file (Excel .xlsx or JSON)").set_input_files(str(bad))
    page.get_by_role("button", name="Import the map").click()
    page_check(page)
    problems = page.locator("table.jm-import-problems")
    expect(problems).to_contain_text("map.kind")
    expect(problems).to_contain_text("journey.service")


def test_saving_a_cell_of_a_step_deleted_meanwhile_reloads_the_map(
        page, erin, edinburgh, visit, sign_in_as, page_check, checked_pages):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    sign_in_as(page, "erin")
    visit(page, map_path(made["as_is"]))
    open_picture_cell(page, "Edit thoughts and feelings of step 1")
    page.get_by_label("Thoughts and feelings").fill("Typed while the step was deleted")
    step = Step.objects.get(journey_map=made["as_is"], key="s1")
    services.step_delete(actor=made["actor"], context=NO_CLIENT, step=step)
    with page.expect_navigation():
        page.get_by_role("button", name="Save thoughts and feelings of step 1").click()
    page_check(page)
    remaining = step_names(made["as_is"])
    assert step.name not in remaining
    assert column_headings(page) == ["Step"] + [f"{number}. {name}" for number, name
                                                in enumerate(remaining, start=1)]
    # The refused save itself is the one expected console error (a 404 for the deleted step).
    assert all("404" in error for error in checked_pages.console_errors)
    checked_pages.console_errors.clear()
