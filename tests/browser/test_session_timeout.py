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
from sqlmodel import select

from learning.accounts.models import UserSession
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.core.security import token_hash
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission
from learning.feedback.safeguarding import screen
from learning.feedback.terms import FormKind
from learning.org import service as org
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.browser.conftest import (
    SESSION_COOKIE,
    LiveServer,
    assert_accessible,
    choose_demo_person,
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


@pytest.mark.page_only
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


def manager_and_supervisee(live: LiveServer) -> tuple[str, str]:
    """A demo team manager and a practitioner they supervise with no draft session, each the
    only person of that name (the demo page finds people by name)."""
    with live.database.session() as db:
        council_id = db.exec(select(Council.id).where(Council.slug == DEMO_SLUG)).one()
        assert council_id is not None
        drafting = set(db.exec(select(SupervisionSession.supervisee_id).where(
            SupervisionSession.status == SessionStatus.DRAFT)).all())

        def unique(name: str) -> bool:
            return [p.name for p in org.search_people(db, council_id, name)].count(name) == 1

        for summary in org.people_with_role(db, council_id, Role.TEAM_MANAGER, limit=50):
            manager = summary.person
            if manager.id is None or not unique(manager.name):
                continue
            for person in org.supervisees_of(db, manager.id):
                if person.id not in drafting and unique(person.name):
                    return manager.name, person.name
    raise AssertionError("the demo council has no team manager with a supervisee to record")


MANAGEMENT = "Management: competent, accountable practice"
SUPPORT = "Support: wellbeing and the emotional impact of the work"
SUPPORT_NEEDS = "Time each week to think through the Ahmed case before court."


def test_words_an_autosave_carried_after_the_session_ended_come_back_after_signing_in_again(
    new_context: Callable[..., BrowserContext], live: LiveServer
) -> None:
    """With JavaScript the session form saves itself as it is typed. Its save sent after the
    session ended takes the browser to sign in (never a sign-in page in the status line), and
    after signing in again its words and ticks are on the page, saved as the draft."""
    manager, supervisee = manager_and_supervisee(live)
    context = new_context()
    page = context.new_page()
    demo_sign_in(page, live, manager)
    page.goto(live.url("/supervision"))
    start = rf"^(Start a session|Carry on with the session) with {re.escape(supervisee)}$"
    page.get_by_role("button", name=re.compile(start)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {supervisee}")
    edit_url = page.url
    status = page.locator("#save-status")
    page.get_by_label(MANAGEMENT).check()
    expect(status).to_have_text(re.compile(r"^\s*Draft saved at \d{2}:\d{2}\."))
    set_last_seen(live, context, timedelta(minutes=3))

    page.get_by_label("Support needs").click()
    page.keyboard.type(SUPPORT_NEEDS)
    # Leaving the box sends its change. (Two saves sent close together, the second arriving
    # after the first was answered, are tested over HTTP in test_kept_form_autosave: in a
    # browser which one lands first is a matter of milliseconds.)
    page.keyboard.press("Tab")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_text("You were signed out because you had not done")).to_be_visible()
    expect(page.get_by_text("What you typed is kept.")).to_be_visible()
    page.get_by_role("link", name="Sign in as a demo person").click()
    choose_demo_person(page, manager)

    expect(page).to_have_url(edit_url)
    expect(page.locator("#kept-form")).to_contain_text(
        "You were signed out because nothing happened for 2 minutes. "
        "What you typed is below: check it, then send it again."
    )
    expect(page.get_by_label("Support needs")).to_have_value(SUPPORT_NEEDS)
    expect(page.get_by_label(MANAGEMENT)).to_be_checked()
    expect(page.get_by_label(SUPPORT)).not_to_be_checked()
    # The page saves what came back as the draft as it loads: leaving it loses nothing.
    expect(status).to_have_text(re.compile(r"^\s*Draft saved at \d{2}:\d{2}\."))
    assert_accessible(page)

    page.reload()
    expect(page.locator("#kept-form")).to_have_count(0)
    expect(page.get_by_label("Support needs")).to_have_value(SUPPORT_NEEDS)
    expect(page.get_by_label(MANAGEMENT)).to_be_checked()
