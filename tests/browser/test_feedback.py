"""Feedback from children and families, end to end in a real browser, on a live server that
holds the demo council with its six months of feedback and runs its own background mail
sender, delivering to a real SMTP server started here.

A supervisor makes a poster link and gets its QR code and poster; a child on a phone
(360 by 640) opens it, answers and sees the receipt code, with JavaScript on and off, and
the team's review queue shows both. A child's disclosure shows 999 and Childline at once,
arrives by email (without the child's words) and appears in the safeguarding inbox of the
safeguarding lead, who signs in through the demo's "sign in as" page, and in the review
queue. The under-8 faces work by keyboard alone; the Arabic form reads right to left from
the question to the receipt; the demo's receipt code shows what changed. axe finds no
serious or critical problem on any page visited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlmodel import col, select

from learning.core.db import Database
from learning.feedback.demo import DemoFeedback, create_demo_feedback
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import Language
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council
from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_focus_visible,
    assert_no_horizontal_scrolling,
    demo_sign_in,
    keyboard_to,
    sign_out,
)
from tests.conftest import make_settings
from tests.support.smtp import Inbox, smtp_server

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
INBOX_ADDRESS = "duty@tamarside.example"
THANKS = "Thank you. We have your feedback."
YOUNG_THANKS = "Thank you for telling us"  # a child under 8
DISCLOSURE = "my dad hits me and I am scared to go home"
RECEIPT = re.compile(r"^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{4}$")


@dataclass(frozen=True)
class Demo:
    live: LiveServer
    feedback: DemoFeedback  # what `learning demo` prints for a visitor


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def demo(start_live_server: Callable[..., LiveServer], inbox: Inbox) -> Demo:
    """The demo council with its feedback; the app's own mail sender delivers to ``inbox``."""
    printed: list[DemoFeedback] = []

    def add_feedback(database: Database, base_url: str) -> None:
        settings = make_settings(base_url=base_url, safeguarding_email=INBOX_ADDRESS)
        with database.transaction() as db:
            council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
            printed.append(create_demo_feedback(db, council, settings))

    live = start_live_server(
        prepare=add_feedback,
        lifespan=True,
        mail_sender_enabled=True,
        mail_poll_seconds=0.2,
        smtp_host="127.0.0.1",
        smtp_port=inbox.port,
        safeguarding_email=INBOX_ADDRESS,
        # People here answer faster than the minimum fill time, which would hold their
        # feedback for a check (held items are tested elsewhere).
        feedback_min_fill_seconds=0,
    )
    return Demo(live, printed[0])


def phone(new_context: Callable[..., BrowserContext], javascript: bool = True) -> Page:
    return new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    ).new_page()


def check(page: Page, javascript: bool = True) -> None:
    assert_no_horizontal_scrolling(page)
    if javascript:
        assert_accessible(page)
    else:
        assert_accessible_without_javascript(page)


def short_address(demo: Demo, title: str) -> str:
    """The address behind one of the demo's posters, by its short code."""
    with demo.live.database.session() as db:
        link = db.exec(select(FeedbackLink).where(FeedbackLink.title == title)).one()
    return demo.live.url(f"/s/{link.short_code}")


def newest_submission(demo: Demo) -> FeedbackSubmission:
    with demo.live.database.session() as db:
        query = select(FeedbackSubmission).order_by(col(FeedbackSubmission.id).desc())
        newest = db.exec(query).first()
    assert newest is not None
    return newest


def send_the_childs_form(page: Page, address: str, words: str, javascript: bool) -> str:
    """On a phone: open the link, answer with a face and words, send; returns the receipt."""
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    assert "/f/" not in page.url and "/s/" not in page.url
    check(page, javascript)
    page.get_by_role("group", name="Did someone listen to you?").get_by_text("Yes").click()
    page.get_by_label("What is going well?").fill(words)
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    code = page.locator(".app-code").inner_text()
    assert RECEIPT.match(code) and code not in page.url
    check(page, javascript)
    return code


def make_a_poster_link(page: Page, demo: Demo) -> str:
    """Ruth Penrose makes a poster link for the child's form; returns its address."""
    demo_sign_in(page, demo.live, "Ruth Penrose")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Feedback links").click()
    expect(page.get_by_role("main")).to_contain_text("Child protection conferences this week")
    assert_accessible(page)
    page.get_by_role("link", name="Make a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a feedback link")
    assert_accessible(page)
    page.get_by_label("Poster (many uses, QR code)").check()
    page.get_by_label("What the feedback is for").fill("Our family room")
    page.get_by_label("Form", exact=True).select_option(label="Child aged 8 to 12")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your link is ready")
    expect(page.get_by_role("img", name="QR code of the feedback link")).to_be_visible()
    assert_accessible(page)
    address = page.get_by_label("Address of the link").input_value()

    page.get_by_role("link", name="Poster to print from your browser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    expect(page.get_by_text("Our family room")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    expect(page.get_by_text("If you or a child is in danger now, call 999.")).to_be_visible()
    assert_accessible(page)
    page.goto(demo.live.url("/"))
    sign_out(page)
    return address


def test_a_poster_link_made_by_staff_takes_a_childs_feedback_on_phones_and_lands_in_the_queue(
    page: Page, new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    address = make_a_poster_link(page, demo)
    assert address.startswith(demo.live.url("/f/"))

    codes = [
        send_the_childs_form(phone(new_context, javascript), address, words, javascript)
        for javascript, words in (
            (True, "My worker explains things and listens to me"),
            (False, "I like the family room but it is too small"),
        )
    ]
    assert len(set(codes)) == 2

    demo_sign_in(page, demo.live, "Ruth Penrose")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Feedback", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback")
    # Unread first, the oldest reading date first: the newest unread is the last of them.
    newest = page.locator("#queue tbody tr").filter(has_text="Unread").last
    expect(newest).to_contain_text("Unread")
    assert_accessible(page)
    newest.get_by_role("link").click()
    expect(page.locator("#answers")).to_contain_text("I like the family room but it is too small")
    assert_accessible(page)


def test_a_childs_disclosure_reaches_the_safeguarding_inbox_and_arrives_by_email(
    page: Page, new_context: Callable[..., BrowserContext], demo: Demo, inbox: Inbox
) -> None:
    child = phone(new_context)
    child.goto(demo.feedback.child_form_url)  # as `learning demo` prints it
    expect(child.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    check(child)
    child.get_by_label("What would make things better?").fill(DISCLOSURE)
    child.get_by_role("button", name="Send my feedback").click()
    expect(child.get_by_role("heading", level=1)).to_have_text("We have told someone who can help")
    expect(child.get_by_role("alert")).to_contain_text("999")
    expect(child.get_by_role("alert")).to_contain_text("0800 1111")
    expect(child.locator(".app-code")).to_have_text(RECEIPT)
    check(child)

    submission = newest_submission(demo)
    with demo.live.database.session() as db:
        alert = db.exec(
            select(SafeguardingAlert).where(SafeguardingAlert.submission_id == submission.id)
        ).one()
    email = inbox.wait_for_subject(f"Safeguarding alert {alert.id}: feedback needs a person now")
    assert email["To"] == INBOX_ADDRESS
    body = email.get_content()
    assert DISCLOSURE not in body and "dad" not in body  # the child's words stay in the app
    assert demo.live.url(f"/safeguarding/alerts/{alert.id}") in body

    demo_sign_in(page, demo.live, "Helen Pascoe", section="safeguarding_lead")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Safeguarding alerts"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding alerts")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Alert {alert.id}"))
    expect(row).to_contain_text("Not acknowledged")
    expect(row).to_contain_text("Physical abuse")
    expect(page.get_by_role("row").filter(has_text="Overdue")).not_to_have_count(0)  # the demo's
    assert_accessible(page)
    row.get_by_role("link", name=f"Alert {alert.id}").click()
    expect(page.get_by_text(DISCLOSURE)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Feedback", exact=True
    ).click()
    item = page.locator("#queue tbody tr").filter(
        has=page.locator(f"a[href$='/queue/{submission.id}']")
    )
    expect(item).to_contain_text("Safeguarding alert")
    expect(item).to_contain_text("Children in Care")
    assert_accessible(page)


def test_the_under_8_faces_work_by_keyboard_alone(
    new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    page = phone(new_context)
    page.goto(short_address(demo, "Short breaks centre"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    check(page)

    first_face = page.locator("#space")
    keyboard_to(page, first_face)
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(first_face).to_be_checked()
    keyboard_to(page, page.locator("#audience"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#audience-2")).to_be_checked()
    keyboard_to(page, page.get_by_label("Tell us more"))
    page.keyboard.type("I like the big slide")
    keyboard_to(page, page.get_by_role("button", name="Send my answers"))
    assert_focus_visible(page)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(YOUNG_THANKS)
    expect(page.get_by_role("heading", name="For the grown-up helping you")).to_be_visible()
    expect(page.locator(".app-code")).to_have_text(RECEIPT)
    check(page)
    sent = newest_submission(demo)
    assert sent.form_kind.value == "child_under_8" and '"audience": "a_bit"' in sent.answers


def test_the_arabic_form_reads_right_to_left_from_the_question_to_the_receipt(
    new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    page = phone(new_context)
    page.goto(short_address(demo, "Family hub waiting room"))
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("من أنت؟")
    check(page)
    page.get_by_text("أحد الوالدين أو مقدّم رعاية").click()
    page.get_by_role("button", name="متابعة").click()

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    page.get_by_label("ما الذي نجح بشكل جيد؟").fill("كانت الأخصائية لطيفة وشرحت كل شيء")
    check(page)
    page.get_by_role("button", name="أرسل رأيي").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا لك. وصلنا رأيك.")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".app-code")).to_have_attribute("dir", "ltr")
    check(page)
    sent = newest_submission(demo)
    assert sent.language is Language.ARABIC and "شرحت" in sent.answers


def test_the_demos_receipt_code_shows_what_the_team_changed(
    new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    page = phone(new_context)
    page.goto(demo.feedback.receipt_url)
    check(page)
    page.get_by_label("Your receipt code").fill(demo.feedback.receipt_code)
    page.get_by_role("button", name="Find my feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened to my feedback?")
    expect(page.locator(".app-actions")).to_contain_text("what the meeting is for")
    check(page)
