"""Signing in and out in a real browser, as each role's demo person."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from learning.app import NAVIGATION
from learning.core.permissions import Role, permissions_for
from tests.browser.conftest import (
    SESSION_COOKIE,
    LiveServer,
    assert_accessible,
    assert_no_horizontal_scrolling,
    choose_demo_person,
    demo_sign_in,
    sign_out,
)

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Journey:
    section: str | None  # the demo page's role section (a Role value), or None to search
    person: str | None  # a named anchor, or None for the section's first person
    roles: tuple[Role, ...]  # what the demo council gives them
    must_see: tuple[str, ...] = ("Home",)
    must_not_see: tuple[str, ...] = ()

    def navigation(self) -> list[str]:
        """The menu's items, in order: exactly those their roles' permissions allow."""
        granted = permissions_for(self.roles)
        return [item.label for item in NAVIGATION if item.permission in granted]


ADMIN_ONLY = ("Teams", "Import staff", "Audit")

JOURNEYS = {
    "administrator": Journey(
        "administrator",
        "Priya Shah",
        (Role.ADMINISTRATOR,),
        must_see=("Home", "People", "Teams", "Import staff", "Audit"),
    ),
    "workforce lead": Journey(
        "workforce_lead",
        "Daniel Okafor",
        (Role.WORKFORCE_LEAD,),
        must_see=("Home", "People"),
        must_not_see=ADMIN_ONLY,
    ),
    "safeguarding lead": Journey(
        "safeguarding_lead",
        "Helen Pascoe",
        (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR),
        must_not_see=ADMIN_ONLY,
    ),
    "principal social worker": Journey(
        "principal_social_worker",
        "Morwenna Tregear",
        (Role.PRINCIPAL_SOCIAL_WORKER, Role.SUPERVISOR),
        must_see=("Home", "People"),
        must_not_see=ADMIN_ONLY,
    ),
    # Ruth heads the service and supervises. The demo page's Supervisor section lists only
    # its first three by family name, so she is found by searching for her.
    "head of service and supervisor": Journey(
        None, "Ruth Penrose", (Role.SUPERVISOR,), must_not_see=("People", *ADMIN_ONLY)
    ),
    "team manager": Journey(
        "team_manager",
        None,
        (Role.SUPERVISOR, Role.TEAM_MANAGER),
        must_see=("Home", "People"),
        must_not_see=ADMIN_ONLY,
    ),
    "practitioner": Journey(
        "practitioner", None, (Role.PRACTITIONER,), must_not_see=("People", *ADMIN_ONLY)
    ),
}


def _first_person_in_section(page: Page, role: str) -> str:
    button = page.locator(f"#role-{role} + ul").get_by_role("button").first
    label = button.inner_text().strip()
    assert label.startswith("Sign in as "), label
    return label.removeprefix("Sign in as ")


@pytest.mark.parametrize("journey", JOURNEYS.values(), ids=JOURNEYS.keys())
def test_each_role_signs_in_as_a_demo_person_sees_their_home_page_and_signs_out(
    page: Page, live_server: LiveServer, journey: Journey
) -> None:
    # The sign-in, demo and signed-out pages are the same for everyone: axe scans them once,
    # in test_the_pages_around_signing_in_are_accessible. Each role's home page differs.
    page.goto(live_server.url("/"))
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    page.get_by_role("link", name="Sign in as a demo person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")

    if journey.person is None:
        assert journey.section is not None
        name = _first_person_in_section(page, journey.section)
    else:
        name = journey.person
    choose_demo_person(page, name, journey.section)

    expect(page).to_have_url(live_server.url("/"))
    given = name.split()[0]
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {given}")
    role_cell = page.locator(".govuk-summary-list__row", has_text="Role").locator("dd")
    for role in journey.roles:
        expect(role_cell).to_contain_text(role.label)
    expect(page.get_by_role("banner")).to_contain_text(name)
    menu = page.get_by_role("navigation", name="Menu")
    navigation = journey.navigation()
    assert set(journey.must_see) <= set(navigation)
    assert not set(journey.must_not_see) & set(navigation)
    expect(menu.get_by_role("link")).to_have_text(navigation)
    expect(menu.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    sign_out(page)

    page.goto(live_server.url("/"))
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


@pytest.mark.page_only
def test_the_pages_around_signing_in_are_accessible(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    page.goto(live_server.url("/sign-in?ended=idle"))
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "had not done anything for a while"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Sign in as a demo person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    assert_accessible(page)

    choose_demo_person(page, "Helen Pascoe", "safeguarding_lead")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Helen")
    sign_out(page)
    assert_accessible(page)


@pytest.mark.page_only
def test_chromium_keeps_the_secure_host_prefixed_session_cookie_on_loopback(
    context: BrowserContext, page: Page, live_server: LiveServer
) -> None:
    demo_sign_in(page, live_server, "Ruth Penrose")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")

    cookies = {c["name"]: c for c in context.cookies(live_server.base_url)}
    assert set(cookies) == {SESSION_COOKIE}
    cookie = cookies[SESSION_COOKIE]
    assert cookie["secure"] is True
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == "127.0.0.1"

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")
    sign_out(page)
    assert context.cookies(live_server.base_url) == []


@pytest.mark.page_only
def test_a_page_that_does_not_exist_says_so_accessibly(page: Page, live_server: LiveServer) -> None:
    demo_sign_in(page, live_server, "Ruth Penrose")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")

    response = page.goto(live_server.url("/no-such-page"))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_the_demo_page_finds_a_person_by_name(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url("/demo/sign-in-as"))
    page.get_by_label("Find a person by name").fill("okafor")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="People matching “okafor”")).to_be_visible()
    assert_accessible(page)
    results = page.locator("h2:has-text('People matching') + ul")
    results.get_by_role("button", name="Sign in as Daniel Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Daniel")


@pytest.mark.page_only
def test_on_a_phone_the_menu_folds_behind_a_button_and_without_javascript_stays_open(
    new_context: Callable[..., BrowserContext], live_server: LiveServer
) -> None:
    """Nine links no longer push the page's heading off a phone's first screen."""
    phone = {"width": 360, "height": 640}
    page = new_context(viewport=phone).new_page()
    demo_sign_in(page, live_server, "Helen Pascoe")
    menu = page.get_by_role("button", name="Menu")
    links = page.locator("#navigation")
    expect(menu).to_be_visible()
    expect(links).to_be_hidden()
    assert (page.get_by_role("heading", level=1).bounding_box() or {"y": 999})["y"] < 320
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(links.get_by_role("link", name="Safeguarding alerts")).to_be_visible()
    assert_accessible(page)

    without = new_context(viewport=phone, java_script_enabled=False).new_page()
    demo_sign_in(without, live_server, "Helen Pascoe")
    expect(without.locator("#navigation")).to_be_visible()
    expect(without.get_by_role("button", name="Menu")).to_be_hidden()


@pytest.mark.parametrize(
    ("person", "paths"),
    [
        ("Priya Shah", ("/people", "/teams", "/audit", "/people/import")),
        ("Vince Friggens", ("/", "/supervision", "/supervision/mine")),
    ],
)
@pytest.mark.page_only
def test_on_a_phone_staff_pages_do_not_scroll_sideways_and_their_tables_do(
    new_context: Callable[..., BrowserContext], live_server: LiveServer, person: str,
    paths: tuple[str, ...],
) -> None:
    """WCAG 1.4.10: a data table may scroll sideways; the page must not."""
    page = new_context(viewport={"width": 360, "height": 640}).new_page()
    demo_sign_in(page, live_server, person)
    for path in paths:
        page.goto(live_server.url(path))
        assert_no_horizontal_scrolling(page)
        for table in page.locator("main table.govuk-table").all():
            region = table.locator("xpath=..")
            assert region.get_attribute("class") == "app-table-scroll", path
            assert region.get_attribute("tabindex") == "0"
        assert_accessible(page)
