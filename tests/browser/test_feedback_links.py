"""Feedback links in a real browser: a supervisor makes a poster link from the menu and
gets its address, QR code and poster once; a phone opens the link (with JavaScript off
too) and lands on the clean form address; the closed page and the code box fit a phone.
Every page passes axe."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_no_horizontal_scrolling,
    demo_sign_in,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    """A server of this module's own: these tests make links in its demo council."""
    return start_live_server()


def make_poster_link(page: Page, server: LiveServer) -> str:
    """Ruth Penrose makes a poster link from the menu; returns the address shown once."""
    demo_sign_in(page, server, "Ruth Penrose")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Feedback links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback links")
    assert_accessible(page)
    page.get_by_role("link", name="Make a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a feedback link")
    assert_accessible(page)

    page.get_by_role("button", name="Make the link").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the kind of link")
    assert_accessible(page)
    page.get_by_label("Poster (many uses, QR code)").check()
    page.get_by_label("What the feedback is for").fill("Our family centre")
    page.get_by_role("button", name="Make the link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your link is ready")
    expect(page.get_by_role("img", name="QR code of the feedback link")).to_be_visible()
    assert_accessible(page)
    return page.get_by_label("Address of the link").input_value()


def test_a_supervisor_makes_a_poster_link_and_gets_its_qr_code_and_poster_once(
    page: Page, server: LiveServer
) -> None:
    url = make_poster_link(page, server)
    issued = page.url

    assert url.startswith(server.url("/f/"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Poster to print (PDF, A4)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    page.get_by_role("link", name="Poster to print from your browser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    expect(page.get_by_text("If you or a child is in danger now, call 999.")).to_be_visible()
    assert_accessible(page)

    page.goto(issued.split("?")[0])  # the page again, without the sealed address
    expect(page.get_by_role("heading", level=1)).to_have_text("Our family centre")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("shown only once")
    assert url not in page.content()
    assert_accessible(page)


@pytest.mark.page_only
def test_a_page_shown_again_with_its_errors_asks_before_its_typing_is_left(
    page: Page, server: LiveServer
) -> None:
    """What was typed comes back beside the errors, not yet saved: leaving by a link asks."""
    demo_sign_in(page, server, "Ruth Penrose")
    page.goto(server.url("/feedback/links/new"))
    page.get_by_label("What the feedback is for").fill("Our family centre")
    page.get_by_role("button", name="Make the link").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the kind of link")
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    # Waited for, not given a while: on a busy machine the question can take longer to come.
    with page.expect_event("dialog"):
        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Feedback links"
        ).click()
    assert asked == ["beforeunload"]
    expect(page.get_by_label("What the feedback is for")).to_have_value("Our family centre")


@pytest.mark.page_only
def test_the_address_is_copied_with_one_press(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    url = make_poster_link(page, server)

    page.get_by_role("button", name="Copy the address").click()

    expect(page.get_by_role("status")).to_have_text("Copied. Paste it where you need it.")
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert_accessible(page)

    # Without JavaScript there is no button that would do nothing.
    no_script = new_context(java_script_enabled=False).new_page()
    demo_sign_in(no_script, server, "Ruth Penrose")
    no_script.goto(server.url("/feedback/links/new"))
    no_script.get_by_label("Poster (many uses, QR code)").check()
    no_script.get_by_label("What the feedback is for").fill("Our family centre")
    no_script.get_by_role("button", name="Make the link").click()
    expect(no_script.get_by_role("heading", level=1)).to_have_text("Your link is ready")
    expect(no_script.get_by_role("button", name="Copy the address")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_a_phone_opens_a_poster_link_and_lands_on_the_clean_form_address(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    staff = new_context().new_page()
    url = make_poster_link(staff, server)
    phone = new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    ).new_page()

    phone.goto(url)

    expect(phone).to_have_url(server.url("/give-feedback"))
    cookies = {cookie["name"] for cookie in phone.context.cookies()}
    assert "__Host-learning_feedback" in cookies
    assert url.rsplit("/", 1)[1] not in phone.url


@pytest.mark.page_only
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_on_a_phone_the_closed_page_and_the_code_box_fit_and_are_accessible(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    phone = new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    ).new_page()

    phone.goto(server.url("/f/not-a-real-token-at-all"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("This link does not work any more")
    assert_no_horizontal_scrolling(phone)
    if javascript:  # (axe cannot scan a page without scripts; the same page is scanned here)
        assert_accessible(phone)

    phone.get_by_role("link", name="type the code").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Type your code")
    if not javascript:
        assert_accessible_without_javascript(phone)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Type your code")
    expect(phone.locator("#code-error")).to_contain_text("Enter your code")
    assert_no_horizontal_scrolling(phone)
    if javascript:
        assert_accessible(phone)
    phone.get_by_label("Type your code").fill("acde fghj")
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_label("Type your code")).to_have_value("acde fghj")
    expect(phone.locator("#code-error")).to_contain_text("That code does not work")


@pytest.mark.page_only
def test_on_a_phone_a_link_whose_title_is_one_long_word_still_fits(
    page: Page, server: LiveServer
) -> None:
    """An address or reference pasted as the title, with no spaces, used to run the link's
    page off the side of a phone (WCAG 1.4.10)."""
    page.set_viewport_size(PHONE)
    title = "Familygroupconferencefeedback-autumnprogramme-" * 2 + "x" * 24
    demo_sign_in(page, server, "Ruth Penrose")
    page.goto(server.url("/feedback/links/new"))
    page.get_by_label("Poster (many uses, QR code)").check()
    page.get_by_label("What the feedback is for").fill(title)
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your link is ready")
    page.goto(page.url.split("?")[0])

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert_no_horizontal_scrolling(page)
