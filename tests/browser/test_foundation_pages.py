"""The foundation in a real browser: sign in, reach the dashboard, every page accessible."""

import pytest
from playwright.sync_api import expect

ADMIN_PAGES = ["/o/edinburgh/", "/o/edinburgh/members/", "/o/edinburgh/settings/",
               "/o/edinburgh/audit/", "/accounts/two-factor/"]


def test_sign_in_through_the_login_page_reaches_the_dashboard(page, alice, visit, sign_in_as):
    visit(page, "/")
    sign_in_as(page, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text("City of Edinburgh Council")
    expect(page.get_by_text("Your role: Admin")).to_be_visible()


def test_every_admin_page_passes_axe(page, alice, charlie, visit, sign_in_as):
    sign_in_as(page, "alice")
    for path in ADMIN_PAGES:
        visit(page, path)
        expect(page.locator("main h1")).to_be_visible()


def test_a_wrong_password_shows_an_accessible_error(page, alice, sign_in_as, page_check):
    sign_in_as(page, "alice", password="not the password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("not right")


def test_error_pages_pass_axe(page, charlie, visit, sign_in_as):
    for path, heading in [("/no-such-page/", "Page not found"),
                          ("/share/not-a-link/", "This link does not work")]:
        visit(page, path)
        expect(page.locator("main h1")).to_have_text(heading)
    sign_in_as(page, "charlie")
    visit(page, "/o/edinburgh/audit/")
    expect(page.locator("main h1")).to_have_text("You do not have permission to do this")


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/"])
def test_public_pages_fit_320_pixels_without_sideways_scrolling(page_factory, visit, path):
    page = page_factory(viewport={"width": 320, "height": 640})
    visit(page, path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_staff_pages_fit_320_pixels(page_factory, alice, visit, sign_in_as):
    page = page_factory(viewport={"width": 320, "height": 640})
    sign_in_as(page, "alice")
    for path in ADMIN_PAGES:
        visit(page, path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(page, visit):
    visit(page, "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle + getComputedStyle(el)"
                            ".backgroundColor")
    assert outline != "none" + "rgba(0, 0, 0, 0)"
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_sign_in_by_keyboard_alone(page, alice, visit, page_check):
    visit(page, "/accounts/sign-in/")
    page.get_by_label("Username").focus()
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/o/edinburgh/")
    page_check(page)


def test_sign_in_works_without_javascript(page_factory, alice, sign_in_as):
    page = page_factory(java_script_enabled=False)
    sign_in_as(page, "alice")
    expect(page.get_by_role("heading", level=1)).to_have_text("City of Edinburgh Council")
