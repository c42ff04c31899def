"""The "Who are you?" page has the safety button too: whoever is frightened before choosing a form
presses "I am worried about my safety" right there. It raises the alert as a form's button
does (the same checks, which hold a press for a person to check and never refuse it) and
shows the same "We have told someone who can help". Nothing was written and no form chosen,
so it does not use up a single-use link: the person can still give their feedback."""

from __future__ import annotations

import json

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import i18n, links
from learning.feedback.alert_words import decode_categories
from learning.feedback.form_definitions import Audience
from learning.feedback.models import FeedbackLink, SafeguardingAlert
from learning.feedback.public_form import CHOOSER_WORRY_TEXT, FORM_WORDS
from learning.feedback.terms import FormKind, Language, LinkKind, QuarantineReason, ScreenCategory
from learning.mail.models import OutboxMessage
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import main_text, open_link, send, submissions
from tests.feedback.triage_helpers import staff
from tests.org.pages import heading, page

TOLD = "We have told someone who can help"
NOBODY_TOLD = "Nobody has been told about your worry yet."
BUTTON = "I am worried about my safety"


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    """People here press faster than the minimum fill time, unless a test sets one
    (``indirect`` parametrisation with the seconds)."""
    return make_settings(feedback_min_fill_seconds=getattr(request, "param", 0))


def worried_form(response: Response) -> Tag:
    """The form on "Who are you?" that holds the safety button."""
    button = page(response).select_one("main form button[name=worried]")
    assert isinstance(button, Tag), "no safety button on the page"
    form = button.find_parent("form")
    assert isinstance(form, Tag)
    return form


def press(client: TestClient, chooser: Response, **headers: str) -> Response:
    """Press the safety button on ``chooser`` as a browser does: its form's fields (the
    hidden ones and the empty honeypot) and the button's own name and value."""
    form = worried_form(chooser)
    fields = {str(box["name"]): str(box.get("value", "")) for box in form.select("input")}
    button = form.select_one("button[name=worried]")
    assert isinstance(button, Tag)
    fields[str(button["name"])] = str(button["value"])
    return client.post(str(form["action"]), data=fields, headers=headers)


def chooser(client: TestClient, **params: str) -> Response:
    response = client.get("/give-feedback", params=params)
    assert response.status_code == 200
    return response


def alerts(db: Session) -> list[SafeguardingAlert]:
    db.expire_all()
    return list(db.exec(select(SafeguardingAlert)).all())


def emails_about(db: Session, alert: SafeguardingAlert) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.safeguarding_alert_id == alert.id)
    return list(db.exec(query).all())


def link_of(db: Session, link_id: int) -> FeedbackLink:
    db.expire_all()
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    return link


# The button on the page -----------------------------------------------------------------


def test_who_are_you_has_the_safety_button_in_a_form_that_posts_on_its_own(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, None)
    shown = chooser(client)
    assert heading(shown) == "Who are you?"
    form = worried_form(shown)
    assert form["method"] == "post" and form["action"] == "/give-feedback"
    button = form.select_one("button[name=worried]")
    assert isinstance(button, Tag)
    assert button["type"] == "submit" and button["value"] == "yes"
    assert button.get_text(strip=True) == BUTTON
    hidden = {str(box["name"]) for box in form.select("input[type=hidden]")}
    assert {"csrf_token", "form_nonce", "form_link", "lang", "easy"} <= hidden
    assert "form_kind" not in hidden  # no form chosen
    # Not inside the chooser's own form (a GET): Continue does not carry its fields.
    choose_form = page(shown).select_one("main form[method=get]")
    assert choose_form is not None and choose_form.select_one("[name=worried]") is None
    assert choose_form.select_one("[name=form_nonce], [name=csrf_token]") is None


def test_the_button_is_reached_from_the_top_and_says_what_it_does_in_words(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, None)
    soup = page(chooser(client))
    jump = soup.select_one("main a.app-worried-jump__link")
    assert jump is not None and jump["href"] == "#worried-section"
    assert jump.get_text(strip=True) == "Worried about your safety? Go to the help button"
    section = soup.select_one("#worried-section")
    assert section is not None and section.name == "section"
    labelled_by = soup.find(id=str(section["aria-labelledby"]))
    assert isinstance(labelled_by, Tag)
    assert labelled_by.get_text(strip=True) == "Are you worried about your safety?"
    text = section.get_text(" ", strip=True)
    assert "If you tell us you are not safe, we tell someone who can help." in text
    # the numbers to call stay on the page, as before
    assert soup.select_one("main a[href='tel:999']") is not None
    assert soup.select_one("main a[href='tel:08001111']") is not None


@pytest.mark.parametrize("language", list(Language))
def test_the_button_and_its_words_are_in_the_pages_language(
    client: TestClient, ff: FeedbackFactory, language: Language
) -> None:
    open_link(client, ff, None)
    words = FORM_WORDS[Audience.CHILD]
    say = i18n.translations(language).gettext
    for easy in ("", "1"):
        shown = chooser(client, lang=language.value, easy=easy)
        section = page(shown).select_one("#worried-section")
        assert section is not None
        button = section.select_one("button[name=worried]")
        assert button is not None and button.get_text(strip=True) == say(words.worried_button)
        text = section.get_text(" ", strip=True)
        assert say(words.worried_heading) in text and say(CHOOSER_WORRY_TEXT) in text
        if language is not Language.ENGLISH:
            assert BUTTON not in main_text(shown)


# Pressing it --------------------------------------------------------------------------


def test_pressing_it_raises_one_alert_for_the_links_team_and_says_someone_was_told(
    client: TestClient, ff: FeedbackFactory, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team(name="Children in Care south")
    other = factory.make_team(name="Somebody else's team")
    link_id = open_link(client, ff, None, team_id=team.id)
    ff.make_link(LinkKind.POSTER, team_id=other.id)

    sent = press(client, chooser(client))

    assert sent.status_code == 303, main_text(sent)
    [stored] = submissions(db)
    assert stored.link_id == link_id and stored.team_id == team.id
    assert stored.worried_about_safety and json.loads(stored.answers) == {}
    assert stored.quarantine_reason is None
    [alert] = alerts(db)
    assert alert.submission_id == stored.id and alert.team_id == team.id
    assert alert.self_reported
    assert ScreenCategory.ASKED_FOR_HELP in decode_categories(alert.categories)
    [email] = emails_about(db, alert)
    assert email.to_address == settings.safeguarding_email
    thanks = client.get(sent.headers["location"])
    assert heading(thanks) == TOLD
    assert page(thanks).select_one(".app-safety--alert[role=alert]") is not None
    assert "0800 1111" in main_text(thanks) and "999" in main_text(thanks)


@pytest.mark.parametrize("settings", [3], indirect=True)
def test_pressing_it_at_once_is_held_for_a_check_but_never_blocked(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Faster than the minimum fill time: held, as a form's button pressed at once is, and
    the alert raised all the same."""
    open_link(client, ff, None)

    sent = press(client, chooser(client))

    assert sent.status_code == 303
    [stored] = submissions(db)
    assert stored.quarantine_reason is QuarantineReason.TOO_FAST
    [alert] = alerts(db)
    assert alert.submission_id == stored.id and alert.self_reported
    assert heading(client.get(sent.headers["location"])) == TOLD


def test_pressing_it_in_welsh_easy_read_says_so_in_welsh(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, None)

    sent = press(client, chooser(client, lang="cy", easy="1"))

    [stored] = submissions(db)
    assert stored.language is Language.WELSH and stored.easy_read
    thanks = client.get(sent.headers["location"])
    assert heading(thanks) == i18n.translations(Language.WELSH).gettext(TOLD)
    assert page(thanks).select_one("html[lang=cy]") is not None


def test_a_press_after_the_link_cookie_ran_out_still_reaches_a_person(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, None)
    shown = chooser(client)
    client.cookies.clear()

    sent = press(client, shown)

    assert sent.status_code == 303
    [stored] = submissions(db)
    assert stored.link_id == link_id
    assert len(alerts(db)) == 1


def test_a_press_with_no_link_that_can_be_verified_says_nobody_was_told(
    client: TestClient, db: Session
) -> None:
    response = client.post("/give-feedback", data={"lang": "en", "worried": "yes"})

    assert response.status_code == 200
    text = main_text(response)
    assert NOBODY_TOLD in text
    assert text.index(NOBODY_TOLD) < text.index("Open your link again")
    assert page(response).select_one("main a[href='tel:999']") is not None
    assert page(response).select_one("main a[href='tel:08001111']") is not None
    assert submissions(db) == [] and alerts(db) == []


def test_a_cross_site_press_is_refused(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, None)

    response = press(client, chooser(client), **{"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403
    assert submissions(db) == [] and alerts(db) == []


def test_a_press_on_a_phone_signed_in_as_staff_carries_the_sessions_token(
    client: TestClient, ff: FeedbackFactory, db: Session, factory: Factory, team: Team
) -> None:
    """A practitioner's own phone, signed in, handed to a child: the check for a session's
    token must not turn the press away."""
    staff(client, factory, team, Role.PRACTITIONER)
    open_link(client, ff, None)

    sent = press(client, chooser(client))

    assert sent.status_code == 303
    assert len(alerts(db)) == 1


# A single-use personal link -----------------------------------------------------------


def test_a_press_does_not_use_up_a_personal_link_so_the_feedback_can_still_be_given(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, None, kind=LinkKind.PERSONAL)

    sent = press(client, chooser(client))

    assert sent.status_code == 303
    assert link_of(db, link_id).use_count == 0
    [pressed] = submissions(db)
    assert pressed.quarantine_reason is None
    assert len(alerts(db)) == 1

    again = chooser(client)  # still open: the person can go on to give their feedback
    assert heading(again) == "Who are you?"
    form = client.get("/give-feedback", params={"form": FormKind.YOUNG_PERSON.value})
    given = send(client, form, good="My worker listens")
    assert given.status_code == 303
    assert link_of(db, link_id).use_count == 1
    _, feedback = submissions(db)
    assert feedback.quarantine_reason is None
    assert heading(client.get("/give-feedback")) == "Open your link again"


def test_a_press_after_the_personal_link_was_used_is_held_and_still_alerts(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Used up in another tab since "Who are you?" was shown: held as such, as a form's
    button is, and the alert raised all the same."""
    link_id = open_link(client, ff, None, kind=LinkKind.PERSONAL)
    shown = chooser(client)
    assert links.consume(db, link_of(db, link_id))
    db.commit()

    sent = press(client, shown)

    assert sent.status_code == 303
    [stored] = submissions(db)
    assert stored.quarantine_reason is QuarantineReason.LINK_USED
    [alert] = alerts(db)
    assert alert.submission_id == stored.id and alert.self_reported
    assert heading(client.get(sent.headers["location"])) == TOLD
    assert link_of(db, link_id).use_count == 1  # not counted twice


# The page budget ----------------------------------------------------------------------


def test_who_are_you_weighs_at_most_50_kb_as_a_phone_fetches_it(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """The form pages' budget: the HTML and every stylesheet, script and image it links, as
    transferred to a browser that accepts gzip."""
    open_link(client, ff, None)
    gzip = {"Accept-Encoding": "gzip"}
    response = client.get("/give-feedback", headers=gzip)
    assert heading(response) == "Who are you?"
    sizes = {"page": response.num_bytes_downloaded}
    soup = page(response)
    assets = [str(tag["href"]) for tag in soup.select("link[href]")]
    assets += [str(tag["src"]) for tag in soup.select("script[src], img[src]")]
    assert not soup.select("script")  # no script: the button works without one
    for href in assets:
        asset = client.get(href, headers=gzip)
        assert asset.status_code == 200, href
        sizes[href] = asset.num_bytes_downloaded
    assert sum(sizes.values()) <= 50_000, sizes


def test_a_press_says_on_the_staff_pages_that_nobody_said_who_they_are(
    client: TestClient, ff: FeedbackFactory, db: Session, factory: Factory
) -> None:
    """No form was chosen, so the alert and the item do not call the person "a child aged 8
    to 12" (or any other form's person): that would send whoever responds the wrong way."""
    team = factory.make_team(name="Children in Care south")
    open_link(client, ff, None, team_id=team.id)
    assert press(client, chooser(client)).status_code == 303
    [stored] = submissions(db)
    [alert] = alerts(db)
    assert stored.form_kind is FormKind.NOT_CHOSEN

    lead = staff(client, factory, team, Role.SAFEGUARDING_LEAD)
    alert_page = main_text(lead.get(f"/safeguarding/alerts/{alert.id}"))
    item_page = lead.get(f"/feedback/queue/{stored.id}")

    assert "Not known: the safety button was pressed before choosing a form" in alert_page
    assert heading(item_page) == (
        "Feedback from someone who pressed the safety button before choosing a form"
    )
    assert "aged 8 to 12" not in alert_page + main_text(item_page)


def test_no_form_to_fill_in_is_offered_or_taken_for_a_press_before_choosing(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """The kind that records such a press is not a form: asking for it shows "Who are you?",
    and sending it is read as no form chosen."""
    open_link(client, ff, None)
    asked = client.get("/give-feedback", params={"form": FormKind.NOT_CHOSEN.value})
    assert heading(asked) == "Who are you?"
    assert FormKind.NOT_CHOSEN.value not in asked.text
    sent = client.post("/give-feedback", data={"form_kind": FormKind.NOT_CHOSEN.value})
    assert sent.status_code != 500 and submissions(db) == []
