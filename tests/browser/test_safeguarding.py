"""Safeguarding in a real browser. A child on a phone writes a disclosure in the feedback form
and is shown 999 and Childline at once; the alert is emailed by the sender (here `learning
mail send`, running as its own process beside the live server) to a real SMTP server, without
the child's words, and appears in the safeguarding inbox. The safeguarding lead follows the
email's link, reads the feedback, acknowledges it and records the outcome (an error first,
beside the field). Every page passes axe, with and without JavaScript."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlmodel import col, select

from learning.core.clock import today
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.safeguarding import screen
from learning.feedback.terms import FormKind
from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_no_horizontal_scrolling,
    demo_sign_in,
)
from tests.browser.demo_links import new_poster, poster_link
from tests.conftest import make_settings
from tests.support.smtp import Inbox, smtp_server

pytestmark = pytest.mark.browser

WORDS = "My mums boyfriend hits me and I am scared to go home"
INBOX_ADDRESS = "mash@tamarside.example"


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer], inbox: Inbox) -> Iterator[LiveServer]:
    """The live server, and `learning mail send` delivering its outbox to ``inbox``."""
    # People here answer faster than the minimum fill time (which only holds a form for a check).
    live = start_live_server(safeguarding_email=INBOX_ADDRESS, feedback_min_fill_seconds=0)
    environment = {
        **os.environ,
        "LEARNING_DATABASE_URL": live.database.engine.url.render_as_string(hide_password=False),
        "LEARNING_SMTP_HOST": "127.0.0.1",
        "LEARNING_SMTP_PORT": str(inbox.port),
        "LEARNING_MAIL_POLL_SECONDS": "0.2",
    }
    sender = subprocess.Popen(
        [sys.executable, "-m", "learning.cli", "mail", "send"],
        env=environment,
        stderr=subprocess.PIPE,
    )
    try:
        yield live
    finally:
        sender.send_signal(signal.SIGINT)
        _, errors = sender.communicate(timeout=60)
        assert sender.returncode == 0, errors.decode()


def raise_an_alert(server: LiveServer) -> int:
    """A child's feedback with a disclosure, stored as the intake stores it."""
    settings = make_settings(base_url=server.base_url, safeguarding_email=INBOX_ADDRESS)
    with server.database.transaction() as db:
        link = new_poster(db, "Our centre").link
        found = screen(WORDS)
        submission = FeedbackSubmission(
            council_id=link.council_id,
            team_id=link.team_id,
            link_id=link.id,  # type: ignore[arg-type]
            form_kind=FormKind.CHILD_8_12,
            answers=json.dumps({"anything_else": WORDS}),
            flagged=True,
            screen_categories=json.dumps([c.value for c in found.categories]),
            receipt_hash="b" * 64,
            delete_after=today() + timedelta(days=730),
        )
        alert = alerts.raise_alert(db, settings, submission, found.categories, False)
        assert alert.id is not None
        return alert.id


def test_an_alert_is_emailed_and_the_lead_handles_it_in_the_inbox(
    page: Page, server: LiveServer, inbox: Inbox
) -> None:
    alert_id = raise_an_alert(server)
    email = inbox.wait_for_subject(f"Safeguarding alert {alert_id}: feedback needs a person now")
    assert email["To"] == INBOX_ADDRESS
    body = email.get_content()
    assert WORDS not in body and "boyfriend" not in body
    address = re.search(r"http://\S+/safeguarding/alerts/\d+", body)
    assert address is not None and address.group(0) == server.url(
        f"/safeguarding/alerts/{alert_id}"
    )

    demo_sign_in(page, server, "Helen Pascoe")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Safeguarding alerts"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding alerts")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Alert {alert_id}"))
    expect(row).to_contain_text("Not acknowledged")
    expect(row).to_contain_text("Physical abuse")
    assert_accessible(page)

    page.goto(address.group(0))  # the link in the email
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Alert {alert_id}")
    expect(page.get_by_text(WORDS)).to_be_visible()
    assert_accessible(page)
    assert_accessible_without_javascript(page)

    page.get_by_role("button", name="Record the outcome and close the alert").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what was done")
    expect(page.locator("#note-error")).to_contain_text("Say what you did and why")
    assert_accessible(page)

    page.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have acknowledged")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acknowledged")

    page.get_by_label("Referral to the front door").check()
    page.get_by_label("What you did and why").fill("Referred to the front door; MASH checking.")
    page.get_by_role("button", name="Record the outcome and close the alert").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The alert is closed")
    trail = page.get_by_role("region", name="What has happened")
    for step in ("Alert raised", "Email sent", "Acknowledged", "Outcome recorded"):
        expect(trail).to_contain_text(step)
    assert_accessible(page)


PHONE = {"width": 360, "height": 640}
DISCLOSURE = "Not good. My stepdad hits me when mum is out and I am scared to go home"


def test_a_childs_disclosure_on_a_phone_reaches_the_inbox_and_the_email(
    new_context: Callable[..., BrowserContext], page: Page, server: LiveServer, inbox: Inbox
) -> None:
    child = new_context(viewport=PHONE).new_page()
    child.goto(poster_link(server, "Waiting room", FormKind.CHILD_8_12))
    expect(child.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    child.get_by_label("What is going well?").fill(DISCLOSURE)
    child.get_by_role("button", name="Send my feedback").click()
    expect(child.get_by_role("alert")).to_contain_text("999")
    expect(child.get_by_role("alert")).to_contain_text("0800 1111")
    assert_no_horizontal_scrolling(child)
    assert_accessible(child)

    with server.database.session() as db:
        newest = select(SafeguardingAlert.id).order_by(col(SafeguardingAlert.id).desc())
        alert_id = db.exec(newest).first()
    email = inbox.wait_for_subject(f"Safeguarding alert {alert_id}: feedback needs a person now")
    assert email["To"] == INBOX_ADDRESS
    assert "stepdad" not in email.get_content() and "mum is out" not in email.get_content()

    demo_sign_in(page, server, "Helen Pascoe")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Safeguarding alerts"
    ).click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Alert {alert_id}"))
    expect(row).to_contain_text("Physical abuse")
    expect(row).to_contain_text("Fear")
    row.get_by_role("link", name=f"Alert {alert_id}").click()
    expect(page.get_by_text(DISCLOSURE)).to_be_visible()
    expect(page.locator("mark.app-flagged")).to_have_text(["stepdad hits me when mum", "scared"])
    expect(page.locator(".app-why")).to_contain_text("Physical abuse: “hits me”")
    assert_accessible(page)
