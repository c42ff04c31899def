"""The public feedback forms in a real browser at a phone's size (360 by 640): a child opens a
poster link, answers with the faces, sends and sees the receipt, with JavaScript on and off;
by keyboard alone; the safety button with nothing filled in; errors in Arabic, right to left;
every form, easy read and notice passes axe and fits the screen."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from learning.feedback.terms import FORMS, FormKind
from tests.browser.conftest import (
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_no_horizontal_scrolling,
)
from tests.browser.demo_links import poster_link

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
THANKS = "Thank you. We have your feedback."
YOUNG_THANKS = "Thank you for telling us"  # a child under 8
ALERTED = "We have told someone who can help"


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    """A server of this module's own (its links and feedback stay here); people here answer
    faster than the service's minimum fill time, which only holds submissions for a check."""
    return start_live_server(feedback_min_fill_seconds=0)


def new_link(server: LiveServer, form_kind: FormKind | None) -> str:
    """A poster link of the demo council's first team; returns its address."""
    return poster_link(server, "Your review", form_kind)


def phone(new_context: Callable[..., BrowserContext], javascript: bool = True) -> Page:
    return new_context(viewport=PHONE, java_script_enabled=javascript).new_page()


def check_page(page: Page, javascript: bool = True) -> None:
    assert_no_horizontal_scrolling(page)
    if javascript:
        assert_accessible(page)
    else:
        assert_accessible_without_javascript(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_a_child_on_a_phone_answers_with_faces_sends_and_sees_the_receipt(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    page = phone(new_context, javascript)
    page.goto(new_link(server, FormKind.CHILD_8_12))
    expect(page).to_have_url(server.url("/give-feedback"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    check_page(page, javascript)

    page.get_by_role("group", name="Did someone listen to you?").get_by_text("Yes").click()
    page.get_by_label("What is going well?").fill("My worker always explains things to me")
    page.get_by_role("button", name="Send my feedback").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    code = page.locator(".app-code").inner_text()
    assert code not in page.url
    expect(page.get_by_role("link", name="0800 1111").first).to_be_visible()
    check_page(page, javascript)

    page.get_by_role("link", name="Find out what happened with your feedback").click()
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Find my feedback").click()
    expect(page.get_by_text("We have it. The team has not read it yet.")).to_be_visible()
    assert_no_horizontal_scrolling(page)
    if javascript:
        assert_accessible(page)


@pytest.mark.page_only
def test_the_form_works_by_keyboard_alone_and_enter_sends_it_not_the_alarm(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    page = phone(new_context)
    page.goto(new_link(server, FormKind.CHILD_UNDER_8))
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "space":
            break
    else:
        pytest.fail("the first face could not be reached with the Tab key")
    label = page.locator("label[for=space]")
    outline = label.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the focused face shows no focus"
    page.keyboard.press("Space")
    expect(page.locator("#space")).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#space-2")).to_be_checked()

    page.get_by_label("Your name").focus()
    page.keyboard.type("Sam")
    page.get_by_label("Email address").focus()
    page.keyboard.type("sam@example.com")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(YOUNG_THANKS)
    expect(page.get_by_text(ALERTED)).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_the_safety_button_with_nothing_filled_in_goes_through_and_shows_999(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    page = phone(new_context, javascript)
    page.goto(new_link(server, FormKind.YOUNG_PERSON))
    press_the_safety_button(page, javascript)


def press_the_safety_button(page: Page, javascript: bool) -> None:
    """Press it as someone frightened would, from the link at the top of the page, and see
    that someone was told, with 999 and Childline, on a page that passes axe and fits."""
    page.get_by_role("link", name="Worried about your safety? Go to the help button").click()
    button = page.get_by_role("button", name="I am worried about my safety")
    expect(button).to_be_in_viewport()
    button.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ALERTED)
    expect(page.get_by_role("alert")).to_contain_text("999")
    expect(page.get_by_role("alert")).to_contain_text("0800 1111")
    check_page(page, javascript)


@pytest.mark.page_only
def test_errors_in_arabic_sit_beside_their_fields_right_to_left(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    page = phone(new_context)
    page.goto(new_link(server, FormKind.PARENT_CARER))
    page.goto(server.url("/give-feedback?lang=ar"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_label("البريد الإلكتروني").fill("not-an-email")
    page.get_by_role("button", name="أرسل رأيي").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("اكتب عنوان بريد إلكتروني")
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # read first, with no script
    expect(page.locator("#contact_email-error")).to_be_visible()
    page.locator(".govuk-error-summary a[href='#contact_email']").click()
    expect(page.get_by_label("البريد الإلكتروني")).to_be_focused()
    # The field's question and its error stay in sight above it.
    expect(page.locator("label[for=contact_email]")).to_be_in_viewport()
    expect(page.locator("#contact_email-error")).to_be_in_viewport()
    expect(page.get_by_label("البريد الإلكتروني")).to_have_value("not-an-email")
    # One red border, on the reading side, marks the contact details in error, as in
    # English: none on the field's own group inside them.
    borders = page.evaluate(
        """() => [".app-contact", ".app-contact .govuk-form-group--error"].map(s => {
            const style = getComputedStyle(document.querySelector(s));
            return [style.borderRightWidth, style.borderLeftWidth];
        })"""
    )
    assert borders[0][0] != "0px" and borders[0][1] == "0px"
    assert borders[1] == ["0px", "0px"]
    check_page(page)


@pytest.mark.page_only
def test_every_form_and_its_easy_read_fit_a_phone_and_pass_axe(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    page = phone(new_context)
    page.goto(new_link(server, None))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who are you?")
    check_page(page)
    for kind in FORMS:
        for query in (f"form={kind.value}", f"form={kind.value}&easy=1&lang=cy"):
            page.goto(server.url(f"/give-feedback?{query}"))
            expect(page.locator("form.app-feedback-form")).to_be_visible()
            if "easy=1" in query:  # the pictures are drawn, not left to an emoji font
                picture = page.locator("svg.app-picture").first
                expect(picture).to_be_visible()
                box = picture.bounding_box()
                assert box and box["width"] >= 36 and box["height"] >= 36
            check_page(page)


@pytest.mark.page_only
def test_the_privacy_notices_and_saving_for_later_fit_a_phone_and_pass_axe(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    page = phone(new_context)
    page.goto(new_link(server, FormKind.FOSTER_CARER))
    page.get_by_role("link", name="How we use what you tell us").first.click()
    expect(page.get_by_text("We cannot keep this confidential.")).to_be_visible()
    check_page(page)
    page.get_by_role("link", name="Read the version for children and young people").click()
    expect(page.get_by_role("heading", name="If you are not safe")).to_be_visible()
    check_page(page)

    page.goto(server.url("/give-feedback"))
    page.get_by_label("What has worked well?").fill("Regular visits")
    page.get_by_role("button", name="Save and finish later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers are saved")
    check_page(page)
    code = page.locator(".app-code").inner_text()
    page.goto(server.url("/give-feedback/resume"))
    check_page(page)
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("What has worked well?")).to_have_value("Regular visits")


@pytest.mark.page_only
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_switching_language_or_to_easy_read_keeps_what_was_typed(
    new_context: Callable[..., BrowserContext], server: LiveServer, javascript: bool
) -> None:
    page = phone(new_context, javascript)
    page.goto(new_link(server, FormKind.CHILD_8_12))
    page.get_by_label("What is going well?").fill("My worker comes when she says")

    page.get_by_role("button", name="Easy read").click()
    expect(page.locator("html")).to_have_class(re.compile("app-public--easy"))
    expect(page.get_by_role("textbox").first).to_have_value("My worker comes when she says")

    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("textbox").first).to_have_value("My worker comes when she says")
    check_page(page, javascript)


@pytest.mark.page_only
def test_enter_in_a_box_sends_the_feedback_not_a_switch(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    """The switches come first on the page and send the form too: Enter still sends it."""
    page = phone(new_context, javascript=False)
    page.goto(new_link(server, FormKind.CHILD_8_12))
    page.get_by_label("What is going well?").fill("My worker comes when she says")
    with page.expect_navigation():
        page.get_by_label("Your name").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Thank you"))


@pytest.mark.page_only
def test_on_the_narrowest_phone_the_large_faces_fit_side_by_side_without_overlapping(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    """WCAG 1.4.10: at 320 CSS pixels the under-8 form's three large tiles overlapped by
    6 px and the last ran 16 px past the page; in Arabic the first began off the screen,
    where it could not be scrolled to, and its neighbour painted over a focused tile's
    ring. Each tile could not shrink below its 72 px face and its padding."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto(new_link(server, FormKind.CHILD_UNDER_8))
    for query in ("lang=en", "lang=ar", "lang=cy"):
        page.goto(server.url(f"/give-feedback?{query}"))
        tiles = page.locator(".app-choices--large").first.locator(".app-choice__label")
        boxes = [tiles.nth(n).bounding_box() for n in range(tiles.count())]
        assert len(boxes) == 3 and all(boxes), query
        edges = sorted((box["x"], box["x"] + box["width"], box["y"]) for box in boxes if box)
        assert len({top for _, _, top in edges}) == 1, f"{query}: not side by side: {edges}"
        for (_, right, _), (left, _, _) in itertools.pairwise(edges):
            assert right <= left, f"{query}: tiles overlap: {edges}"
        assert edges[0][0] >= 0 and edges[-1][1] <= 320, f"{query}: off the screen: {edges}"
        assert_no_horizontal_scrolling(page)


@pytest.mark.page_only
def test_with_the_text_twice_as_large_the_faces_go_one_under_another_on_a_phone(
    new_context: Callable[..., BrowserContext], server: LiveServer
) -> None:
    """WCAG 1.4.4: text made twice as large (as a phone's text-size setting does) still
    fits. The three face tiles stayed on one row, overlapping and cutting their words
    ("Troc", "Ta"), and a long easy-read word pushed the page sideways."""
    page = new_context(viewport=PHONE, bypass_csp=True).new_page()
    page.goto(new_link(server, FormKind.CHILD_UNDER_8))
    for query in ("lang=pl&easy=1", "lang=ar", "lang=cy&easy=1"):
        page.goto(server.url(f"/give-feedback?{query}"))
        page.add_style_tag(content="html { font-size: 200% !important; }")
        tiles = page.locator(".app-choices--row").first.locator(".app-choice")
        boxes = [tiles.nth(n).bounding_box() for n in range(tiles.count())]
        assert len(boxes) == 3 and all(boxes), query
        tops = [box["y"] for box in boxes if box]
        assert tops == sorted(set(tops)), f"{query}: faces side by side at {tops}"
        assert_no_horizontal_scrolling(page)
