"""The administrator's pages, reached from the menu, pass axe."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, expect
from sqlmodel import select

from learning.audit.service import Actor, record
from learning.core.db import Database
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council
from tests.browser.conftest import LiveServer, assert_accessible, demo_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.page_only]

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


def _sixty_audit_events(database: Database, _base_url: str) -> None:
    """Enough events for a second page of the audit log (fifty a page)."""
    with database.transaction() as db:
        council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
        actor = Actor(person_id=None, label="a test", council_id=council.id)
        for n in range(60):
            record(db, actor, "test.event", "test", n)


def test_new_audit_results_take_the_focus_so_they_are_read_out(
    new_context: Callable[..., BrowserContext],
    start_live_server: Callable[..., LiveServer],
) -> None:
    """The results are swapped in by htmx: the focus moves to their summary, not to the top
    of the page (the "Next" link pressed has gone with the old results)."""
    server = start_live_server(prepare=_sixty_audit_events)
    page = new_context().new_page()
    demo_sign_in(page, server, "Priya Shah", "administrator")
    page.goto(server.url("/audit"))
    expect(page.locator("body")).to_have_class(re.compile("js-enabled"))

    page.get_by_role("button", name="Apply filters").click()
    summary = page.locator("#audit-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(re.compile(r"Showing 1 to 50 of \d+ events"))

    page.get_by_role("link", name=re.compile("^Next")).press("Enter")
    expect(summary).to_contain_text("Showing 51 to")
    expect(summary).to_be_focused()
