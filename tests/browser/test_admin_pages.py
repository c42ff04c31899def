"""The administrator's pages, reached from the menu, pass axe."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.conftest import LiveServer, assert_accessible, demo_sign_in

pytestmark = pytest.mark.browser

ADMIN_PAGES = {
    "People": "/people",
    "Teams": "/teams",
    "Import staff": "/people/import",
    "Audit": "/audit",
}


@pytest.fixture(scope="module")
def administrator(browser: Browser, live_server: LiveServer) -> Iterator[dict[str, Any]]:
    """Priya Shah's signed-in browser state, made once for the module's tests."""
    context = browser.new_context()
    try:
        page = context.new_page()
        demo_sign_in(page, live_server, "Priya Shah", "administrator")
        expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
        yield dict(context.storage_state())
    finally:
        context.close()


@pytest.mark.parametrize(("link", "path"), ADMIN_PAGES.items(), ids=ADMIN_PAGES.keys())
def test_an_administrator_opens_each_admin_page_from_the_menu_and_it_is_accessible(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    administrator: dict[str, Any],
    link: str,
    path: str,
) -> None:
    page = new_context(storage_state=administrator).new_page()
    page.goto(live_server.url("/"))
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name=link, exact=True).click()

    expect(page).to_have_url(live_server.url(path))
    expect(menu.get_by_role("link", name=link, exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("megabytes", [3, 20])
def test_a_file_too_large_to_import_shows_the_error_beside_the_file_field(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    administrator: dict[str, Any],
    tmp_path: Path,
    megabytes: int,
) -> None:
    """Over 2 MB the file is read and refused; far over, it goes back to the form before
    it is read. Either way the browser shows the import page with the error, not a bare
    'Content Too Large'."""
    big = tmp_path / "staff.csv"
    big.write_bytes(b"given_name,family_name,email\n" + b"x" * (megabytes * 1024 * 1024))
    page = new_context(storage_state=administrator).new_page()
    page.goto(live_server.url("/people/import"))
    page.get_by_label("Upload a CSV file").set_input_files(big)
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import staff")
    expect(page.locator("#file-error")).to_contain_text(
        "The selected file must be smaller than 2 MB"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("smaller than 2 MB")
    assert_accessible(page)
