"""The timeout warning in a real browser, keyboard only, and what happens to a form sent after
the session ended.

The live server's idle timeout is 2 minutes, so the warning comes 1 minute before the end.
The page's clock is Playwright's: the test moves it on rather than waiting. The server's
clock is real, so where the session must look idle to the server, its row is set back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from learning.accounts.models import UserSession
from learning.core.clock import today, utcnow
from learning.core.security import token_hash
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission
from learning.feedback.safeguarding import screen
from learning.feedback.terms import FormKind
from tests.browser.conftest import (
    SESSION_COOKIE,
    LiveServer,
    assert_accessible,
    demo_sign_in,
)
from tests.browser.demo_links import new_poster
from tests.conftest import make_settings

pytestmark = pytest.mark.browser

LEAD = "Helen Pascoe"
NOTE = "Spoke to the school's designated lead; a home visit is booked for 4pm."


@pytest.fixture(scope="module")
def live(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    return start_live_server(session_idle_minutes=2)


def session_row(live: LiveServer, context: BrowserContext) -> UserSession:
    raw = next(c["value"] for c in context.cookies() if c["name"] == SESSION_COOKIE)
    with live.database.session() as db:
        row = db.get(UserSession, token_hash(raw))
        assert row is not None
        return row


def set_last_seen(live: LiveServer, context: BrowserContext, ago: timedelta) -> None:
    """The server's record of the last request, moved back by ``ago``."""
    row_id = session_row(live, context).id
    with live.database.transaction() as db:
        row = db.get(UserSession, row_id)
        assert row is not None
        row.last_seen_at = utcnow() - ago


def settled(page: Page) -> None:
    """The page's scripts have run: session-timeout.js is fetched after the page loads, and
    reads the clock when it runs."""
    page.wait_for_load_state("networkidle")


def focus_is_in(dialog: Locator) -> bool:
    return bool(dialog.evaluate("d => d.contains(document.activeElement)"))


def test_the_warning_comes_before_the_end_and_stay_signed_in_keeps_the_session(
    page: Page, context: BrowserContext, live: LiveServer
) -> None:
    page.clock.install()
    demo_sign_in(page, live, LEAD, "safeguarding_lead")
    expect(page.get_by_role("banner")).to_contain_text(LEAD)
    settled(page)
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_hidden()

    # The page's clock also goes on by itself: the margins leave it 10 seconds.
    page.clock.run_for("00:50")
    expect(dialog).to_be_hidden()
    page.clock.run_for("00:11")  # a minute before the end

    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_name("You will be signed out soon")
    expect(dialog).to_have_accessible_description(
        re.compile(
            r"^Nothing has happened for a while, so to keep people's information safe you will "
            r"be signed out in \d\d seconds\.$"
        )
    )
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    assert_accessible(page)

    # The focus stays in the dialog, whichever way the person tabs.
    for key in ["Tab"] * 4 + ["Shift+Tab"] * 4:
        page.keyboard.press(key)
        assert focus_is_in(dialog), f"{key} took the focus out of the dialog"
    stay.focus()

    set_last_seen(live, context, timedelta(seconds=50))  # what a touch would not move
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    assert utcnow() - session_row(live, context).last_seen_at < timedelta(seconds=10)
    page.clock.run_for("00:50")
    expect(dialog).to_be_hidden()  # two minutes again from "Stay signed in"
    page.clock.run_for("00:11")
    expect(dialog).to_be_visible()

    # Escape is "Stay signed in" too.
    set_last_seen(live, context, timedelta(seconds=50))
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert utcnow() - session_row(live, context).last_seen_at < timedelta(seconds=10)
    page.reload()
    expect(page.get_by_role("banner")).to_contain_text(LEAD)  # still signed in
    settled(page)

    # "Sign out", by keyboard.
    page.clock.run_for("01:01")
    expect(stay).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Sign out")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_at_the_end_the_dialog_says_so_and_leaves_what_was_typed_on_the_page(
    page: Page, live: LiveServer
) -> None:
    page.clock.install()
    demo_sign_in(page, live, LEAD, "safeguarding_lead")
    settled(page)
    dialog = page.get_by_role("alertdialog")
    page.clock.run_for("02:01")

    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_name("You have been signed out")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_hidden()
    close = dialog.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()  # still on the page


def raise_an_alert(live: LiveServer) -> int:
    settings = make_settings(base_url=live.base_url)
    words = "My mums boyfriend hits me and I am scared to go home"
    with live.database.transaction() as db:
        link = new_poster(db, "Our centre").link
        found = screen(words)
        submission = FeedbackSubmission(
            council_id=link.council_id,
            team_id=link.team_id,
            link_id=link.id,  # type: ignore[arg-type]
            form_kind=FormKind.CHILD_8_12,
            answers=json.dumps({"anything_else": words}),
            flagged=True,
            screen_categories=json.dumps([c.value for c in found.categories]),
            receipt_hash="c" * 64,
            delete_after=today() + timedelta(days=730),
        )
        alert = alerts.raise_alert(db, settings, submission, found.categories, False)
        assert alert.id is not None
        return alert.id


def test_an_outcome_sent_after_the_session_ended_comes_back_after_signing_in_again(
    new_context: Callable[..., BrowserContext], live: LiveServer
) -> None:
    """Without JavaScript (no warning at all): typed, away too long, sent, signed in again,
    and the outcome and note are on the alert's page to send again."""
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    alert_id = raise_an_alert(live)
    demo_sign_in(page, live, LEAD, "safeguarding_lead")
    page.goto(live.url(f"/safeguarding/alerts/{alert_id}"))
    page.get_by_label("Advice given").check()
    page.get_by_label("What you did and why").fill(NOTE)
    set_last_seen(live, context, timedelta(minutes=3))

    page.get_by_role("button", name="Record the outcome and close the alert").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("What you typed is kept.")).to_be_visible()
    page.get_by_role("link", name="Sign in as a demo person").click()
    page.locator("#role-safeguarding_lead + ul").get_by_role(
        "button", name=f"Sign in as {LEAD}", exact=True
    ).click()

    assert page.url == live.url(f"/safeguarding/alerts/{alert_id}")
    expect(page.get_by_role("alert")).to_contain_text(
        "You were signed out because nothing happened for 2 minutes. "
        "What you typed is below: check it, then send it again."
    )
    expect(page.get_by_label("Advice given")).to_be_checked()
    expect(page.get_by_label("What you did and why")).to_have_value(NOTE)
    page.get_by_role("button", name="Record the outcome and close the alert").click()
    expect(page.get_by_text("Outcome recorded: Advice given.")).to_be_visible()
