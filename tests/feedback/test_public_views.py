"""The public feedback pages: choosing a form, filling it in, errors beside fields, the
safety button, privacy notices, the receipt, and what happens without a link."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.app import PUBLIC_ROUTES
from learning.core.clock import to_london
from learning.core.config import Settings
from learning.feedback import nonces, public_views
from learning.feedback.models import FeedbackLink, SafeguardingAlert
from learning.feedback.receipt_cookie import RECEIPT_COOKIE_SECONDS, receipt_cookie_name
from learning.feedback.terms import FORMS, FormKind, Language, LinkKind, SubmissionStatus
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import hidden_fields, main_text, open_link, send, submissions
from tests.org.pages import error_summary, field_error, heading, page, value_of
from tests.test_templates import PAYLOAD, assert_escaped

ROUTES = {
    "feedback_form",
    "feedback_submit",
    "feedback_thanks",
    "feedback_receipt",
    "feedback_receipt_lookup",
    "feedback_privacy",
    "feedback_resume",
    "feedback_resume_submit",
    "feedback_saved",
}


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def test_every_public_page_is_listed_as_public() -> None:
    assert public_views.PUBLIC_ROUTES == ROUTES
    assert ROUTES <= PUBLIC_ROUTES


# Choosing and showing a form ----------------------------------------------------------


def test_a_link_that_fixes_the_form_shows_it_at_once(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    response = client.get("/give-feedback")
    assert response.status_code == 200
    assert heading(response) == "Tell us what you think"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_a_link_without_a_form_asks_who_you_are(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, None)
    response = client.get("/give-feedback")
    assert heading(response) == "Who are you?"
    labels = [label.get_text(strip=True) for label in page(response).select("label")]
    assert "A child under 8" in labels and "A foster carer" in labels
    chosen = client.get("/give-feedback", params={"form": "foster_carer"})
    assert heading(chosen) == "Tell us about your experience as a foster carer"


def test_who_are_you_gives_the_numbers_to_call_before_any_form_is_chosen(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, None)
    choose = page(client.get("/give-feedback"))
    assert choose.select_one("main a[href='tel:999']") is not None
    assert choose.select_one("main a[href='tel:08001111']") is not None


def test_choosing_nobody_says_so_beside_the_choice(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, None)
    shown = client.get("/give-feedback")
    form = page(shown).select_one("main form")
    assert form is not None
    # what a browser sends for Continue with no answer chosen: the hidden fields, no "form"
    sent = {str(i["name"]): str(i["value"]) for i in form.select("input[type=hidden]")}
    for response in (
        client.get("/give-feedback", params=sent),
        client.get("/give-feedback", params={"form": ""}),
    ):
        assert response.status_code == 422
        assert error_summary(response) == ["Choose who you are"]
        assert field_error(response, "form") == "Choose who you are"


@pytest.mark.parametrize("kind", FORMS)
@pytest.mark.parametrize("language", list(Language))
def test_each_form_is_shown_in_each_language(
    client: TestClient, ff: FeedbackFactory, kind: FormKind, language: Language
) -> None:
    open_link(client, ff, None)
    response = client.get("/give-feedback", params={"form": kind.value, "lang": language.value})
    assert response.status_code == 200
    html = page(response).find("html")
    assert isinstance(html, Tag) and html["lang"] == language.value
    assert html["dir"] == ("rtl" if language is Language.ARABIC else "ltr")
    assert page(response).select_one("form.app-feedback-form") is not None


def test_the_under_eight_form_answers_with_large_faces_that_say_what_they_mean(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    soup = page(client.get("/give-feedback"))
    faces = soup.select(".app-choices--large .app-choice")
    assert len(faces) == 9
    first = faces[0]
    assert first.select_one("input[type=radio]")["id"] == "space"  # type: ignore[index]
    assert first.select_one("svg[aria-hidden=true]") is not None
    assert first.get_text(strip=True) == "Yes"
    # Sized without the stylesheet too (a slow connection may never fetch it): not as wide
    # as the phone, and not black discs of the screen's width.
    assert all(face["width"] == face["height"] == "40" for face in soup.select("svg.app-face"))


def test_the_form_has_a_nonce_a_hidden_honeypot_and_no_scripts(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    link_id = open_link(client, ff)
    response = client.get("/give-feedback")
    soup = page(response)
    nonce = soup.select_one("input[name=form_nonce]")
    assert isinstance(nonce, Tag) and nonce["type"] == "hidden"
    assert nonces.issued_at(settings, str(nonce["value"]), link_id) is not None
    trap = soup.select_one("input[name=website]")
    assert isinstance(trap, Tag)
    assert trap["type"] == "text" and trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    wrapper = trap.find_parent("div")
    assert isinstance(wrapper, Tag) and wrapper["aria-hidden"] == "true"
    assert wrapper.has_attr("hidden")  # hidden without the stylesheet too
    assert "app-honeypot" in wrapper["class"]
    assert wrapper.get_text(strip=True) == "Leave this empty"
    assert soup.find("script") is None
    sheets = [str(tag["href"]) for tag in soup.select("link[rel=stylesheet]")]
    assert len(sheets) == 1 and sheets[0].startswith("/static/build/app.css?v=")


def test_contact_fields_say_what_they_are_to_the_browser(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    soup = page(client.get("/give-feedback"))
    fields = {str(box["name"]): box for box in soup.select("input[name^=contact_]")}
    assert fields["contact_name"]["autocomplete"] == "name"
    assert fields["contact_phone"]["autocomplete"] == "tel"
    assert fields["contact_phone"]["type"] == "tel"
    assert fields["contact_email"]["autocomplete"] == "email"
    assert fields["contact_email"]["type"] == "email"


# Sending ------------------------------------------------------------------------------


def test_sending_the_form_stores_it_and_shows_a_receipt_without_the_code_in_the_address(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff)
    form = client.get("/give-feedback")
    response = send(client, form, space="yes", audience="a_bit", good="My worker listens")
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/give-feedback/thank-you")
    [stored] = submissions(db)
    assert stored.link_id == link_id and stored.quarantine_reason is None
    assert json.loads(stored.answers) == {
        "space": "yes",
        "audience": "a_bit",
        "good": "My worker listens",
    }
    thanks = client.get(location)
    code = page(thanks).select_one(".app-code")
    assert isinstance(code, Tag)
    assert code.get_text(strip=True) not in location
    assert "Thank you. We have your feedback." in main_text(thanks)
    assert "0800 1111" in main_text(thanks) and "999" in main_text(thanks)


def test_a_problem_is_shown_beside_its_field_and_nothing_typed_is_lost(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    long_text = "I want to say " * 200
    response = send(
        client,
        client.get("/give-feedback"),
        space="no",
        good=long_text,
        better="More time",
        contact_email="sam@",
        wants_contact="yes",
    )
    assert response.status_code == 422
    assert error_summary(response) == [
        f"Your answer is too long. Make it 2,000 characters or fewer (you wrote "
        f"{len(long_text.strip())}).",
        "Tell us your name, so we know who to ask for",
        "Enter an email address, like name@example.com",
    ]
    assert field_error(response, "contact_email") == "Enter an email address, like name@example.com"
    assert value_of(response, "good") == long_text
    assert value_of(response, "better") == "More time"
    assert value_of(response, "contact_email") == "sam@"
    checked = page(response).select_one("input[name=space][checked]")
    assert isinstance(checked, Tag) and checked["value"] == "no"
    assert submissions(db) == []


HIDDEN_ERROR = (
    "Your answer had hidden characters in it that we cannot keep. We have taken them out: "
    "check your answer, then send it again."
)


def test_hidden_characters_are_refused_beside_their_field_and_taken_out_of_what_is_shown(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Control characters and text-direction overrides: nobody types them and nothing
    visible is lost by taking them out; the marks right-to-left text uses are kept."""
    open_link(client, ff)
    response = send(
        client,
        client.get("/give-feedback"),
        good="fine\x1b[2J\x07 words\u202eevil",
        better="\u0634\u0643\u0631\u0627\u200f ok",
        contact_name="Sam\x00",
    )
    assert response.status_code == 422
    assert field_error(response, "good") == HIDDEN_ERROR
    assert field_error(response, "contact_name") == HIDDEN_ERROR
    assert not field_error(response, "better")
    assert value_of(response, "good") == "fine[2J wordsevil"
    assert value_of(response, "better") == "\u0634\u0643\u0631\u0627\u200f ok"
    assert value_of(response, "contact_name") == "Sam"
    assert submissions(db) == []

    again = send(client, response, good=value_of(response, "good"), contact_name="")
    assert again.status_code == 303
    assert json.loads(submissions(db)[0].answers)["good"] == "fine[2J wordsevil"


def test_a_worry_with_hidden_characters_is_sent_at_once_without_them(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    response = send(client, client.get("/give-feedback"), good="my dad hits me\u202e\x1b")
    assert response.status_code == 303
    (sent,) = submissions(db)
    assert sent.flagged and "my dad hits me" in str(sent.answers)
    assert "\u202e" not in str(sent.answers) and "\x1b" not in str(sent.answers)


def test_an_empty_form_asks_for_one_answer(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff)
    response = send(client, client.get("/give-feedback"))
    assert response.status_code == 422
    assert field_error(response, "space").startswith("Answer at least one question")


def test_the_worried_button_with_nothing_filled_in_still_sends_and_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    response = send(client, client.get("/give-feedback"), worried="yes")
    assert response.status_code == 303
    [stored] = submissions(db)
    assert stored.worried_about_safety is True
    alert = db.exec(select(SafeguardingAlert)).one()
    assert alert.submission_id == stored.id and alert.self_reported
    thanks = client.get(response.headers["location"])
    assert heading(thanks) == "We have told someone who can help"
    assert page(thanks).select_one(".app-safety--alert[role=alert]") is not None


def test_the_worried_button_sends_answers_that_have_errors_too(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    response = send(
        client,
        client.get("/give-feedback"),
        worried="yes",
        good="x" * 2500,
        contact_phone="ring me",
    )
    assert response.status_code == 303
    [stored] = submissions(db)
    assert json.loads(stored.answers) == {"good": "x" * 2500}
    assert stored.wants_contact and stored.contact_detail == "ring me"


def test_a_disclosure_in_the_words_shows_the_safety_message_first(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff)
    response = send(
        client,
        client.get("/give-feedback"),
        better="my step dad hits me and I am scared to go home",
    )
    thanks = client.get(response.headers["location"])
    assert heading(thanks) == "We have told someone who can help"
    # one message about what happens: not also "within 2 working days", nor a promise to
    # get in touch with someone who left no way to
    text = main_text(thanks)
    assert "as soon as possible" in text and "working days" not in text
    assert "get in touch" not in text


def test_after_ordinary_feedback_the_thank_you_page_says_what_happens_next(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff)
    response = send(client, client.get("/give-feedback"), space="yes")
    text = main_text(client.get(response.headers["location"]))
    assert "within 2 working days" in text and "as soon as possible" not in text
    # The code is shown once: the page says so before the person moves on without it.
    # As long as its cookie lasts (a reload shows it again until then).
    assert f"This page shows the code for {RECEIPT_COOKIE_SECONDS // 60} minutes only." in text


def test_a_cross_site_post_is_refused(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff)
    fields = hidden_fields(client.get("/give-feedback"))
    response = client.post(
        "/give-feedback", data={**fields, "space": "yes"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_a_used_personal_link_does_not_show_the_form_again(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, kind=LinkKind.PERSONAL)
    send(client, client.get("/give-feedback"), space="yes")
    again = client.get("/give-feedback")
    assert heading(again) == "Open your link again"


# The thank-you page and the receipt ---------------------------------------------------


def test_the_thank_you_page_without_its_cookie_says_the_feedback_is_safe(
    client: TestClient,
) -> None:
    response = client.get("/give-feedback/thank-you")
    assert response.status_code == 200
    assert "If you sent feedback, we have it." in main_text(response)


def test_the_receipt_cookie_is_short_lived_and_signed(
    client: TestClient, ff: FeedbackFactory, settings: Settings
) -> None:
    open_link(client, ff)
    response = send(client, client.get("/give-feedback"), space="yes")
    cookie = response.headers["set-cookie"]
    assert receipt_cookie_name(settings) in cookie
    assert "HttpOnly" in cookie and "Max-Age=900" in cookie
    client.cookies.set(receipt_cookie_name(settings), "tampered", domain="testserver.local")
    assert "If you sent feedback" in main_text(client.get("/give-feedback/thank-you"))


def test_a_receipt_code_shows_what_is_happening(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff)
    thanks = client.get(send(client, client.get("/give-feedback"), space="yes").headers["location"])
    code = page(thanks).select_one(".app-code").get_text(strip=True)  # type: ignore[union-attr]
    response = client.post("/give-feedback/receipt", data={"code": code.lower(), "lang": "en"})
    assert response.status_code == 200
    text = main_text(response)
    assert "We have it. The team has not read it yet." in text
    assert "Nothing has changed yet." in text


@pytest.mark.parametrize("kind", [LinkKind.POSTER, LinkKind.PERSONAL])
def test_a_form_sent_twice_shows_the_receipt_of_the_first(
    client: TestClient, ff: FeedbackFactory, db: Session, kind: LinkKind
) -> None:
    """A double tap on a slow connection sends the form twice, and the browser shows only the
    second answer: its receipt is the first one's, which shows what the team does with it
    (the second is kept, held, for a person to check, under a code nobody is shown)."""
    open_link(client, ff, kind=kind)
    form = client.get("/give-feedback")
    codes = []
    for _ in range(2):
        sent = send(client, form, space="yes", good="My worker listens")
        assert sent.status_code == 303
        thanks = page(client.get(sent.headers["location"])).select_one(".app-code")
        assert isinstance(thanks, Tag)
        codes.append(thanks.get_text(strip=True))

    first, second = submissions(db)
    assert first.quarantine_reason is None and second.quarantine_reason is not None
    assert codes[0] == codes[1]
    found = client.post("/give-feedback/receipt", data={"code": codes[1], "lang": "en"})
    assert found.status_code == 200
    assert "We have it. The team has not read it yet." in main_text(found)
    first.status = SubmissionStatus.READ
    db.add(first)
    db.commit()
    found = client.post("/give-feedback/receipt", data={"code": codes[1], "lang": "en"})
    assert "The team has read it." in main_text(found)


def test_two_forms_sent_get_two_receipts(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff)
    codes = set()
    for answer in ("My worker listens", "The room was cold"):
        sent = send(client, client.get("/give-feedback"), good=answer)
        thanks = page(client.get(sent.headers["location"])).select_one(".app-code")
        codes.add(thanks.get_text(strip=True))  # type: ignore[union-attr]
    assert len(codes) == 2


def test_a_receipt_code_in_welsh_gives_the_date_in_welsh(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff)
    thanks = client.get(send(client, client.get("/give-feedback"), space="yes").headers["location"])
    code = page(thanks).select_one(".app-code").get_text(strip=True)  # type: ignore[union-attr]
    response = client.post("/give-feedback/receipt", data={"code": code, "lang": "cy"})
    months = (
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    )
    assert any(month in main_text(response) for month in months)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter your receipt code"),
        ("ACD-EFG-HJKM", "We cannot find feedback with that code. Check it and try again."),
        ("not a code", "We cannot find feedback with that code. Check it and try again."),
    ],
)
def test_a_receipt_lookup_problem_is_shown_beside_the_code(
    client: TestClient, code: str, message: str
) -> None:
    response = client.post("/give-feedback/receipt", data={"code": code})
    assert response.status_code == 422
    assert field_error(response, "code") == message
    assert value_of(response, "code") == code


# Without a link -----------------------------------------------------------------------


def test_without_a_link_the_page_says_how_to_open_it_again(client: TestClient) -> None:
    response = client.get("/give-feedback")
    assert response.status_code == 200
    assert heading(response) == "Open your link again"
    hrefs = [str(a["href"]) for a in page(response).select("main a")]
    assert "/s" in hrefs and "/give-feedback/resume" in hrefs
    assert "999" in main_text(response)


def test_a_form_sent_after_its_link_cookie_ran_out_is_still_sent(
    client: TestClient, ff: FeedbackFactory, db: Session, settings: Settings
) -> None:
    open_link(client, ff)
    form = client.get("/give-feedback")
    client.cookies.clear()
    response = send(client, form, space="yes")
    assert response.status_code == 303
    assert len(submissions(db)) == 1


def test_a_form_goes_to_its_own_link_when_another_link_was_opened_since(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """A parent opens their own link, then their child's on the same phone (the cookie now
    names the child's), and sends the form of the first tab: it is the parent's feedback,
    on the parent's link and form, and the child's single-use link is still unused."""
    parents = open_link(client, ff, FormKind.PARENT_CARER, kind=LinkKind.PERSONAL)
    parent_form = client.get("/give-feedback")
    childs = open_link(client, ff, FormKind.YOUNG_PERSON, kind=LinkKind.PERSONAL)

    response = send(client, parent_form, **parent_answers(parent_form))

    assert response.status_code == 303, main_text(response)
    (stored,) = submissions(db)
    assert (stored.link_id, stored.form_kind, stored.quarantine_reason) == (
        parents, FormKind.PARENT_CARER, None
    )
    child_link = db.get(FeedbackLink, childs)
    assert child_link is not None and child_link.use_count == 0


def parent_answers(form_page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The first choice of every question on the page, and words in every text box."""
    answers: dict[str, str] = {}
    for choice in page(form_page).select("form.app-feedback-form input[type=radio]"):
        answers.setdefault(str(choice["name"]), str(choice["value"]))
    for box in page(form_page).select("form.app-feedback-form textarea"):
        answers[str(box["name"])] = "You listened to us."
    return answers


def test_a_form_sent_with_no_link_at_all_comes_back_with_what_was_typed(
    client: TestClient, db: Session
) -> None:
    data = {"form_kind": "child_8_12", "lang": "en", "good": "The food is nice", "worried": "yes"}
    response = client.post("/give-feedback", data=data)
    assert response.status_code == 200
    assert "We could not send this yet" in main_text(response)
    assert value_of(response, "good") == "The food is nice"
    assert "0800 1111" in main_text(response)
    assert page(response).select_one("button[name=send]") is None
    assert submissions(db) == []


# The page budget ----------------------------------------------------------------------


def test_the_childs_form_page_weighs_at_most_50_kb_as_a_phone_fetches_it(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """The HTML and every stylesheet, script and image it links, as transferred to a
    browser that accepts gzip (the service compresses its static files, not its pages)."""
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    gzip = {"Accept-Encoding": "gzip"}
    response = client.get("/give-feedback", headers=gzip)
    sizes = {"page": response.num_bytes_downloaded}
    soup = page(response)
    assets = [str(tag["href"]) for tag in soup.select("link[href]")]
    assets += [str(tag["src"]) for tag in soup.select("script[src], img[src]")]
    assert any(href.startswith("/static/build/app.css?v=") for href in assets)
    for href in assets:
        asset = client.get(href, headers=gzip)
        assert asset.status_code == 200, href
        sizes[href] = asset.num_bytes_downloaded
    assert sum(sizes.values()) <= 50_000, sizes


# Escaping -----------------------------------------------------------------------------


def test_what_people_type_and_the_councils_words_come_back_escaped(
    client: TestClient, ff: FeedbackFactory, factory: Factory, db: Session
) -> None:
    factory.council.name = PAYLOAD
    db.add(factory.council)
    db.commit()
    team = factory.make_team(name=PAYLOAD[:80])
    open_link(client, ff, team_id=team.id)
    form = client.get("/give-feedback")
    assert_escaped(form.text)
    typed = send(client, form, good=PAYLOAD, contact_name=PAYLOAD, contact_email=PAYLOAD)
    assert typed.status_code == 422
    assert_escaped(typed.text)
    notice = client.get("/give-feedback/privacy")
    assert_escaped(notice.text, PAYLOAD[:80])
    lookup = client.post("/give-feedback/receipt", data={"code": PAYLOAD[:40]})
    assert_escaped(lookup.text, PAYLOAD[:40])


def test_fields_the_form_does_not_have_change_nothing(
    client: TestClient, ff: FeedbackFactory, db: Session, factory: Factory
) -> None:
    """Mass assignment (ASVS 15.3.3): the team, council, screen and status of feedback come
    from its link and the service, never from what is posted."""
    link_id = open_link(client, ff)
    other = factory.make_team(council_id=factory.make_council().id)
    theirs = ff.make_link(council_id=other.council_id, team_id=other.id, retention_days=30).link
    assert theirs.id != link_id
    response = send(
        client,
        client.get("/give-feedback"),
        good="my dad hits me",
        team_id=str(other.id),
        council_id=str(other.council_id),
        link_id=str(theirs.id),
        flagged="false",
        screen_categories="[]",
        status="closed",
        quarantine_reason="honeypot",
        delete_after="2099-01-01",
    )
    assert response.status_code == 303
    (sent,) = submissions(db)
    link = db.get(FeedbackLink, link_id)
    assert link is not None and link.team_id != other.id and link.retention_days == 730
    assert (sent.link_id, sent.team_id, sent.council_id) == (
        link_id, link.team_id, factory.council.id)
    assert sent.flagged and json.loads(sent.screen_categories) == ["physical_abuse"]
    assert (sent.status, sent.quarantine_reason) == (SubmissionStatus.NEW, None)
    assert sent.delete_after == to_london(sent.submitted_at).date() + timedelta(days=730)


def test_the_links_title_says_what_the_feedback_is_about(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """The make-a-link page promises: "People see this when they open the link"."""
    title = "Your review meeting on 3 December"
    open_link(client, ff, None, title=title)
    chooser = page(client.get("/give-feedback")).select_one("#link-title")
    assert chooser is not None and chooser.get_text(strip=True) == title
    form = page(client.get("/give-feedback", params={"form": "parent_carer"}))
    caption = form.select_one("#link-title")
    assert caption is not None and caption.get_text(strip=True) == title
    assert caption.find_next_sibling("h1") is not None

    other = TestClient(client.app, base_url="https://testserver", follow_redirects=False)
    with other:  # another link's visitors see their own link's title on the kept page
        open_link(other, ff, FormKind.PARENT_CARER, title="Drop-in at the family centre")
        shown = page(other.get("/give-feedback")).select_one("#link-title")
        assert shown is not None and shown.get_text(strip=True) == "Drop-in at the family centre"


@pytest.mark.parametrize("path", ["/give-feedback/receipt", "/give-feedback/resume"])
def test_the_code_box_is_described_by_what_a_code_looks_like(
    client: TestClient, path: str
) -> None:
    shown = page(client.get(path))
    box = shown.select_one("input#code")
    assert box is not None and "code-hint" in str(box.get("aria-describedby", "")).split()
    hint = shown.select_one("#code-hint")
    assert hint is not None and "It looks like" in hint.get_text()


def test_a_file_sent_in_place_of_an_answer_is_not_taken_as_one(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """No browser sends one; a script can. It was stored as Python's description of the file."""
    open_link(client, ff)
    fields = hidden_fields(client.get("/give-feedback"))
    response = client.post(
        "/give-feedback",
        data={**fields, "good": "Being listened to."},
        files={"better": ("notes.txt", b"More time with my worker.", "text/plain")},
    )
    assert response.status_code == 303, response.text[:500]
    (sent,) = submissions(db)
    assert json.loads(sent.answers) == {"good": "Being listened to."}
