"""The same journeys by keyboard alone, without JavaScript, and on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_focus_visible,
    choose_demo_person,
    sign_out,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.page_only]

PHONE = {"width": 360, "height": 640}


def test_someone_using_only_a_keyboard_skips_to_the_content_signs_in_uses_the_menu_and_signs_out(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    # The first Tab reaches the skip link, which shows where the focus is.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    assert_focus_visible(page)
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))

    # From the main content, the next Tab is the demo sign-in link: the header was skipped.
    page.keyboard.press("Tab")
    demo_link = page.get_by_role("link", name="Sign in as a demo person")
    expect(demo_link).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    assert_accessible(page)

    helen = page.locator("#role-safeguarding_lead + ul").get_by_role(
        "button", name="Sign in as Helen Pascoe"
    )
    tab_to(page, helen)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Helen")
    assert_accessible(page)

    home_link = page.get_by_role("navigation", name="Menu").get_by_role("link", name="Home")
    tab_to(page, home_link)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url("/"))
    expect(home_link).to_have_attribute("aria-current", "page")

    sign_out_button = page.get_by_role("button", name="Sign out")
    tab_to(page, sign_out_button)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    assert_accessible(page)


def test_without_javascript_someone_signs_in_sees_their_home_page_and_signs_out(
    new_context: Callable[..., BrowserContext], live_server: LiveServer
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible_without_javascript(page)
    page.get_by_role("link", name="Sign in as a demo person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    # The page's own script did not run: GOV.UK Frontend's marker class is absent.
    expect(page.locator("body")).not_to_have_class(re.compile("govuk-frontend-supported"))
    assert_accessible_without_javascript(page)

    page.get_by_label("Find a person by name").fill("Ruth Penrose")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="People matching “Ruth Penrose”")).to_be_visible()
    page.get_by_role("button", name="Sign in as Ruth Penrose").first.click()  # the search result

    expect(page).to_have_url(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")
    assert_accessible_without_javascript(page)

    sign_out(page)
    assert_accessible_without_javascript(page)
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def _no_horizontal_scrolling(page: Page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide at a {PHONE['width']}px viewport"


@pytest.mark.parametrize(
    ("name", "section", "given"),
    [
        ("Ruth Penrose", None, "Ruth"),
        (None, "team_manager", None),
        ("Priya Shah", "administrator", "Priya"),
    ],
    ids=["head of service", "team manager", "administrator"],
)
def test_on_a_phone_the_pages_fit_the_screen_without_scrolling_sideways(
    new_context: Callable[..., BrowserContext],
    live_server: LiveServer,
    name: str | None,
    section: str | None,
    given: str | None,
) -> None:
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    _no_horizontal_scrolling(page)
    page.get_by_role("link", name="Sign in as a demo person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    _no_horizontal_scrolling(page)

    if name is None:
        assert section is not None
        button = page.locator(f"#role-{section} + ul").get_by_role("button").first
        name = button.inner_text().removeprefix("Sign in as ").strip()
        given = name.split()[0]
    choose_demo_person(page, name, section)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {given}")
    _no_horizontal_scrolling(page)
    assert_accessible(page)
