"""Themes in a real browser: the principal social worker opens the themes page from the menu,
reads a theme's quotes, drills down to one team's, and renames the theme (first with no name,
which is refused beside the field). Every page visited is scanned with axe.

The module has its own live server: its demo council gets a year of supervision and a themes
run over the learning points supervisees shared, and the rename changes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from learning.org.demo import DEMO_SLUG
from learning.org.models import Council
from learning.supervision.demo import create_demo_supervision
from learning.themes.demo import create_demo_themes
from learning.themes.terms import RunStatus
from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    demo_sign_in,
)

pytestmark = pytest.mark.browser

ANALYST = "Morwenna Tregear"  # the demo council's principal social worker


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    live = start_live_server()
    with live.database.transaction() as db:
        council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
        create_demo_supervision(db, council)
        council_id = council.id
    assert council_id is not None
    run = create_demo_themes(live.database, council_id)
    assert run is not None and run.status is RunStatus.FINISHED and run.themes > 0
    return live


def open_themes(page: Page, server: LiveServer) -> None:
    demo_sign_in(page, server, ANALYST, "principal_social_worker")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Themes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes")


def test_the_themes_page_accounts_for_every_item_and_passes_axe(
    page: Page, server: LiveServer
) -> None:
    open_themes(page, server)

    expect(page.locator("#accounting")).to_contain_text("Held back until a person releases them")
    expect(page.locator("#themes tbody tr").first).to_be_visible()
    expect(page.locator("#voices")).to_be_visible()
    expect(page.get_by_role("button", name="Work out the themes again now")).to_be_visible()
    assert_accessible(page)
    assert_accessible_without_javascript(page)


def test_a_theme_drills_down_to_one_teams_quotes(page: Page, server: LiveServer) -> None:
    open_themes(page, server)
    page.locator("#themes tbody tr").first.get_by_role("link").click()
    expect(page.locator("#quotes blockquote").first).to_be_visible()
    assert_accessible(page)

    read = page.locator("#by-team tbody tr").filter(has=page.get_by_role("link")).first
    team = read.locator("th").inner_text().strip()
    read.get_by_role("link").click()

    expect(page.get_by_role("heading", name=f"Quotes from {team}")).to_be_visible()
    sources = page.locator("#quotes blockquote p:last-child").all_inner_texts()
    assert sources and all(f" · {team} · " in s for s in sources)
    assert_accessible(page)


def test_the_analyst_renames_a_theme_after_a_refused_empty_name(
    page: Page, server: LiveServer
) -> None:
    open_themes(page, server)
    page.locator("#themes tbody tr").first.get_by_role("link").click()
    key = page.locator(".govuk-caption-l").inner_text().split()[1]
    page.get_by_role("link", name="Rename it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rename a theme")
    assert_accessible(page)

    page.get_by_label("New name").fill("")
    page.get_by_role("button", name="Save the new name").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the theme")
    expect(page.locator("#label-error")).to_contain_text("Enter a name for the theme")
    assert_accessible(page)

    page.get_by_label("New name").fill("Planning with families early")
    page.get_by_role("button", name="Save the new name").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Planning with families early")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Theme {key} is now called 'Planning with families early'"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Themes", exact=True).first.click()
    expect(page.locator("#themes")).to_contain_text("Planning with families early")
    page.get_by_role("link", name=re.compile("The codebook")).click()
    expect(page.locator("#versions")).to_contain_text(f"Renamed {key}")
    assert_accessible(page)
