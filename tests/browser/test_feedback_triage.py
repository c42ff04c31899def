"""The feedback review queue in a real browser: a supervisor opens Feedback from the menu,
reads a new item, tags it (an error first, beside the field), replies by email, makes an
action from it and closes it; a held item is let in. Every page passes axe, with and without
JavaScript."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, expect
from sqlmodel import select

from learning.core.clock import utcnow
from learning.feedback import links
from learning.feedback.submissions import submit
from learning.feedback.terms import LinkKind
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council, Team
from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    demo_sign_in,
)
from tests.conftest import make_settings
from tests.feedback.intake import incoming

pytestmark = pytest.mark.browser

TEAM = "Quality Assurance and Safeguarding"  # Ruth Penrose's team in the demo council
WORDS = "The family time room is too small for my brothers and me"


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    return start_live_server()


def arrive(server: LiveServer, answers: dict[str, str], **overrides: object) -> int:
    """Feedback for Ruth's team, through the real intake."""
    settings = make_settings(base_url=server.base_url)
    now = utcnow()
    with server.database.transaction() as db:
        council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
        team = db.exec(select(Team).where(Team.council_id == council.id, Team.name == TEAM)).one()
        assert council.id is not None and team.id is not None
        link = links.create_link(
            db, settings, council_id=council.id, team_id=team.id, kind=LinkKind.POSTER,
            title="Family time",
        ).link  # fmt: skip
        submission = incoming(settings, link, now, answers=answers, **overrides)
        outcome = submit(db, settings, submission, "192.0.2.7", now=now)
        assert outcome.submission.id is not None
        return outcome.submission.id


def test_a_supervisor_reads_tags_replies_acts_and_closes(page: Page, server: LiveServer) -> None:
    item = arrive(
        server,
        {"better": WORDS},
        wants_contact=True,
        contact_name="Jo",
        contact_detail="jo@example.test",
    )
    demo_sign_in(page, server, "Ruth Penrose")
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Feedback", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback")
    row = page.locator("#queue tbody tr").filter(has=page.locator(f"a[href$='/queue/{item}']"))
    expect(row).to_contain_text("Unread")
    assert_accessible(page)
    assert_accessible_without_javascript(page)

    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback from a child aged 8 to 12")
    expect(page.locator("#answers")).to_contain_text(WORDS)
    assert_accessible(page)
    assert_accessible_without_javascript(page)

    page.get_by_role("button", name="Add tag").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a tag")
    expect(page.locator("#tag-error")).to_contain_text("Enter a tag")
    assert_accessible(page)
    page.get_by_label("Add a tag").fill("family time")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Tagged 'family time'")

    page.get_by_label("Your reply").fill("Thank you, Jo. We are looking for a bigger room.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("on its way by email")

    page.get_by_role("link", name="Add a new action for this feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator("#title-error")).to_contain_text("Enter what the team will do")
    assert_accessible(page)
    page.get_by_label("What the team will do").fill("Book the large room for family time")
    page.get_by_label("What changed, in plain words").fill(
        "Family time now happens in the big room."
    )
    page.get_by_role("button", name="Save action").click()
    expect(page.locator("#linked-actions")).to_contain_text("Book the large room")

    page.get_by_role("button", name="Close this feedback").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Feedback closed")
    page.get_by_role("link", name="Back to feedback").click()
    page.get_by_role("link", name="Closed").click()
    expect(page.locator(f"#queue a[href$='/queue/{item}']")).to_be_visible()
    assert_accessible(page)


def test_a_held_item_is_checked_and_let_in(page: Page, server: LiveServer) -> None:
    held = arrive(server, {"good": "My worker came on time every week"}, nonce="forged")
    demo_sign_in(page, server, "Ruth Penrose")
    page.goto(server.url("/feedback/queue?tab=held"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback")
    assert_accessible(page)
    page.locator(f"#queue a[href$='/queue/{held}']").click()
    expect(page.locator("#held")).to_contain_text("not one we gave out")
    assert_accessible(page)
    page.get_by_role("button", name="Let it in").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Let into the team")
    expect(page.locator("#held")).to_have_count(0)


def test_words_typed_and_not_sent_are_not_lost_to_another_button(
    page: Page, server: LiveServer
) -> None:
    """Every button on the item sends its one form: a reply typed and not sent comes back
    after adding a tag (by the button or by Enter, which never sends the reply); leaving by
    a link, with words typed, asks first."""
    contact = {"wants_contact": True, "contact_name": "Jo", "contact_detail": "jo@ex.test"}
    item = arrive(server, {"better": WORDS}, **contact)
    demo_sign_in(page, server, "Ruth Penrose")
    page.goto(server.url(f"/feedback/queue/{item}"))
    reply = "Thank you, Jo. I will ring you on Monday."
    banner = page.locator(".govuk-notification-banner")
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_label("Your reply").fill(reply)
    page.get_by_label("Add a tag").fill("family time")
    page.get_by_role("button", name="Add tag").click()
    expect(banner).to_contain_text("Tagged 'family time'")
    expect(page.get_by_label("Your reply")).to_have_value(reply)

    page.get_by_label("Add a tag").fill("waiting")
    page.get_by_label("Add a tag").press("Enter")
    expect(banner).to_contain_text("Tagged 'waiting'")
    expect(page.get_by_label("Your reply")).to_have_value(reply)
    assert asked == []

    # Waited for, not given a while: on a busy machine the question can take longer to come.
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Back to feedback").click()
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Your reply")).to_have_value(reply)

    page.get_by_role("button", name="Send reply").click()
    expect(banner).to_contain_text("on its way by email")
    expect(page.get_by_label("Your reply")).to_have_value("")
    assert asked == ["beforeunload"]


def test_without_javascript_another_button_keeps_the_reply_typed(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    contact = {"wants_contact": True, "contact_name": "Jo", "contact_detail": "jo@ex.test"}
    item = arrive(server, {"better": WORDS}, **contact)
    page = new_context(java_script_enabled=False).new_page()
    demo_sign_in(page, server, "Ruth Penrose")
    page.goto(server.url(f"/feedback/queue/{item}"))
    reply = "Thank you, Jo. I will ring you on Monday."
    banner = page.locator(".govuk-notification-banner")

    page.get_by_label("Your reply").fill(reply)
    page.get_by_label("Add a tag").fill("family time")
    page.get_by_label("Add a tag").press("Enter")
    expect(banner).to_contain_text("Tagged 'family time'")
    expect(page.get_by_label("Your reply")).to_have_value(reply)

    page.get_by_role("button", name="Close this feedback").click()
    expect(banner).to_contain_text("Feedback closed")
    expect(page.get_by_label("Your reply")).to_have_value(reply)
    assert_accessible_without_javascript(page)
