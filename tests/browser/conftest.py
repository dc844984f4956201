"""Real-browser fixtures: Playwright driving Debian's Chromium, with axe-core on every page.

Every page a test lands on must be checked with `page_check(page)` (or visited with `visit`),
which runs axe-core for WCAG 2.x A and AA and fails on any violation; a test that navigates
somewhere and forgets the check fails at teardown. Console errors (a CSP violation, a script
error) fail the test too.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
# still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("JOURNEYMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if connection.vendor == "sqlite":
                item.add_marker(pytest.mark.skip(reason=SQLITE_CANNOT_RESET))


# The live server needs the database emptied between tests. PostgreSQL does it with TRUNCATE;
# SQLite has none, and the DELETE it uses instead is refused by the audit log's append-only
# triggers. scripts/test.sh runs these tests on PostgreSQL.
SQLITE_CANNOT_RESET = ("on SQLite the audit log's append-only triggers refuse the DELETE that "
                       "empties the database between browser tests; run them on PostgreSQL")


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def axe_violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                     "resultTypes": ["violations"]})
    return [f"{violation['id']}: {violation['help']} "
            f"({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
            for violation in results.response["violations"]]


class CheckedPages:
    """Tracks which URLs a test reached and which of them axe has checked."""

    def __init__(self):
        self.reached: set[str] = set()
        self.checked: set[str] = set()
        self.console_errors: list[str] = []
        self.without_javascript: list = []


@pytest.fixture
def checked_pages():
    return CheckedPages()


def _make_page(chromium, checked_pages, **context_options):
    context = chromium.new_context(**{"viewport": {"width": 1280, "height": 900},
                                      **context_options})
    page = context.new_page()
    page.set_default_timeout(15_000)
    def on_navigation(frame):
        if frame == page.main_frame:
            checked_pages.reached.add(frame.url.split("#")[0])

    page.on("framenavigated", on_navigation)
    page._jm_navigation_listener = on_navigation
    def on_console(message):
        # Chromium logs a page's own error status (a 404 page under test) as a failed load;
        # that is the test's intent, not a fault on the page.
        own_status = (message.text.startswith("Failed to load resource")
                      and message.location.get("url") == page.url)
        if message.type == "error" and not own_status:
            checked_pages.console_errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: checked_pages.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def page(chromium, checked_pages, live_server):
    context, page = _make_page(chromium, checked_pages)
    yield page
    context.close()
    unchecked = checked_pages.reached - checked_pages.checked
    assert not unchecked, f"pages reached without an axe check: {sorted(unchecked)}"
    assert not checked_pages.console_errors, checked_pages.console_errors


@pytest.fixture
def page_factory(chromium, checked_pages, live_server):
    """More pages (a second person, a browser without JavaScript), all held to the same rules."""
    contexts = []

    def make(**context_options):
        context, page = _make_page(chromium, checked_pages, **context_options)
        if context_options.get("java_script_enabled") is False:
            # axe-core is JavaScript and cannot run here; the same pages are axe-checked by the
            # JavaScript-enabled tests, so this page's URLs are excused from the guard.
            page.remove_listener("framenavigated", page._jm_navigation_listener)
            checked_pages.without_javascript.append(page)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()
    unchecked = checked_pages.reached - checked_pages.checked
    assert not unchecked, f"pages reached without an axe check: {sorted(unchecked)}"
    assert not checked_pages.console_errors, checked_pages.console_errors


@pytest.fixture
def page_check(checked_pages):
    def check(page):
        page.wait_for_load_state("load")
        if page in checked_pages.without_javascript:
            return
        violations = axe_violations(page)
        assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)
        checked_pages.checked.add(page.url.split("#")[0])

    return check


@pytest.fixture
def visit(live_server, page_check):
    def go(page, path):
        page.goto(live_server.url + path)
        page_check(page)
        return page

    return go


@pytest.fixture
def sign_in_as(live_server, page_check):
    """Sign in through the real sign-in page, by keyboard-reachable fields."""

    def sign_in(page, username, password=PASSWORD):
        page.goto(live_server.url + "/accounts/sign-in/")
        page_check(page)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page_check(page)
        return page

    return sign_in
