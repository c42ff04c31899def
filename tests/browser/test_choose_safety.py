"""The safety button on "Who are you?" in a real browser at a phone's size, with JavaScript
on and off: reached from the link at the top and by keyboard, with a visible focus, it
raises the alert before any form is chosen and says so, with 999 and Childline; the page
passes axe and fits the screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import LiveServer, assert_focus_visible, keyboard_to
from tests.browser.demo_links import poster_link
from tests.browser.test_feedback_forms import ALERTED, check_page, phone, press_the_safety_button

pytestmark = pytest.mark.browser

BUTTON = "I am worried about my safety"


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    """A server of this module's own, whose people press faster than the minimum fill time
    (which only holds a press for a person to check)."""
    return start_live_server(feedback_min_fill_seconds=0)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_a_frightened_child_presses_the_button_before_choosing_a_form(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    page = phone(new_context, javascript)
    page.goto(poster_link(server, "Your review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who are you?")
    check_page(page, javascript)

    press_the_safety_button(page, javascript)


@pytest.mark.page_only
def test_the_button_is_reached_by_keyboard_shows_its_focus_and_enter_presses_it(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    page = phone(new_context)
    page.goto(poster_link(server, "Your review"))
    button = page.get_by_role("button", name=BUTTON)
    keyboard_to(page, button)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(ALERTED)
