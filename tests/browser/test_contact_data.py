"""Contact data in a real browser: upload the shared WABO log, confirm its columns, follow the
import, read the report; every page axe-checked."""

import pytest
from playwright.sync_api import expect

from tests.conftest import shared_data_dir
from tests.web.datasets.builders import private_data_dir, run_worker

WABO = shared_data_dir() / "wabo-receipt-phase.xes.gz"


@pytest.mark.slow
@pytest.mark.realdata
@pytest.mark.skipif(not WABO.exists(), reason="the shared WABO log is not present")
def test_upload_the_wabo_log_confirm_the_columns_and_read_the_report(
        page, erin, settings, tmp_path, visit, sign_in_as, page_check):
    private_data_dir(settings, tmp_path)
    sign_in_as(page, "erin")
    visit(page, "/o/edinburgh/datasets/")
    page.get_by_role("link", name="Upload a contact log").click()
    page_check(page)
    page.get_by_label("Name").fill("WABO receipt phase")
    page.get_by_label("Contact log").set_input_files(WABO)
    page.get_by_role("button", name="Upload and preview").click()
    # The upload goes by the progress bar's script, which then opens the columns page: wait for
    # it before checking it.
    expect(page.locator("main h1")).to_contain_text("Confirm the columns")
    page_check(page)
    expect(page.get_by_label("Case (one citizen's request or journey)")).to_have_value(
        "case:concept:name")
    expect(page.get_by_label("Activity")).to_have_value("concept:name")
    page.get_by_role("button", name="Import the log").click()
    page_check(page)
    expect(page.locator("#dataset-status")).to_contain_text("Waiting for the background worker")
    run_worker()
    # The page polls while the import runs, and reloads itself when it is done.
    expect(page.get_by_role("heading", name="WABO receipt phase")).to_be_visible()
    expect(page.locator(".jm-tiles")).to_be_visible(timeout=20_000)
    page_check(page)
    expect(page.locator(".jm-process-map svg")).to_be_visible()
    expect(page.get_by_role("link", name="Download the figures")).to_be_visible()
