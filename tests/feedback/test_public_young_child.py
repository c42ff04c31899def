"""The under-8 journey speaks to a child of 4 to 7, who usually has a grown-up beside them:
short words around the questions, on the form, its errors, the thank-you page and the
privacy notice; what only the grown-up needs (the receipt code, how long answers are kept)
is headed "For the grown-up helping you". The 8 to 12 form keeps the child's words."""

from __future__ import annotations

import re
from dataclasses import astuple
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response

from learning.core.config import Settings
from learning.feedback import i18n, privacy
from learning.feedback.form_definitions import Audience, definition_for
from learning.feedback.public_form import FORM_WORDS
from learning.feedback.public_page import SAFETY_WORDS
from learning.feedback.public_receipt_views import THANKS_WORDS
from learning.feedback.terms import FormKind, Language
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import main_text, open_link, send
from tests.feedback.test_i18n import MESSAGES
from tests.org.pages import error_summary, field_error, heading, page

YOUNG_SENTENCES = (
    "Are you scared, or is someone hurting you?",
    "Press the red button. We will tell a grown-up whose job is to keep children safe. "
    "They will see what you wrote too.",
    "Do you want someone to talk to you?",
    "Yes, I want someone to talk to me",
)
OLDER_SENTENCES = (
    "Are you worried about your safety?",
    "Press the red button. We will tell someone whose job is to keep children safe. It "
    "sends what you have written too.",
    "Do you want someone to contact you?",
    "I want someone to contact me",
)
GROWN_UP = "For the grown-up helping you"


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def button_texts(response: Response) -> list[str]:
    """The buttons a person can see and press (not the hidden default one)."""
    return [
        b.get_text(strip=True)
        for b in page(response).select("main button")
        if b.get("aria-hidden") != "true"
    ]


def every_button_text(response: Response) -> set[str]:
    return {b.get_text(strip=True) for b in page(response).select("button")}


def grown_up_part(response: Response, headed: str = GROWN_UP) -> str:
    section = page(response).select_one("section.app-grown-up")
    assert isinstance(section, Tag), "no part for the grown-up"
    heading_tag = section.find(["h2", "h3"])
    assert isinstance(heading_tag, Tag) and heading_tag.get_text(strip=True) == headed
    return section.get_text(" ", strip=True)


# The form ------------------------------------------------------------------------------


def test_the_under_8_form_speaks_to_a_young_child_not_as_to_an_older_one(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    form = client.get("/give-feedback")
    text = main_text(form)
    for sentence in YOUNG_SENTENCES:
        assert sentence in text
    for sentence in OLDER_SENTENCES:
        assert sentence not in text
    assert button_texts(form) == ["Send my answers", "I do not feel safe"]
    assert "Send my feedback" not in every_button_text(form)  # nor the hidden default one
    jump = page(form).select_one(".app-worried-jump__link")
    assert jump is not None
    assert jump.get_text(strip=True) == "Scared, or is someone hurting you? Go to the red button"


def test_the_under_8_form_still_shows_999_and_childline(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    form = page(client.get("/give-feedback"))
    worried = form.select_one("#worried-section")
    assert worried is not None and worried.select_one('a[href="tel:999"]') is not None
    numbers = {a.get_text(strip=True) for a in form.select('a[href^="tel:"]')}
    assert numbers >= {"999", "0800 1111"}


def test_the_under_8_form_in_welsh_speaks_to_a_young_child(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    form = client.get("/give-feedback", params={"lang": "cy"})
    text = main_text(form)
    assert "Oes ofn arnoch chi, neu ydy rhywun yn eich brifo chi?" in text
    assert "Ydych chi eisiau i rywun siarad â chi?" in text
    assert "Ydych chi'n poeni am eich diogelwch?" not in text
    assert button_texts(form) == ["Anfon fy atebion", "Dydw i ddim yn teimlo'n ddiogel"]


def test_the_8_to_12_form_keeps_the_childs_words(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    form = client.get("/give-feedback")
    text = main_text(form)
    for sentence in OLDER_SENTENCES:
        assert sentence in text
    for sentence in YOUNG_SENTENCES:
        assert sentence not in text
    assert button_texts(form) == ["Send my feedback", "I am worried about my safety"]
    assert GROWN_UP not in text


def test_the_three_houses_keep_the_childs_words_for_children_of_any_age(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.THREE_HOUSES)
    text = main_text(client.get("/give-feedback"))
    assert "Are you worried about your safety?" in text
    assert "Are you scared, or is someone hurting you?" not in text


def test_an_empty_under_8_form_says_what_to_do_in_a_young_childs_words(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    response = send(client, client.get("/give-feedback"))
    assert response.status_code == 422
    assert error_summary(response) == [
        "Pick a face or write something. Or press the red button if you do not feel safe."
    ]


def test_asking_to_be_contacted_without_a_name_is_explained_to_a_young_child(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    response = send(client, client.get("/give-feedback"), space="yes", wants_contact="yes")
    assert field_error(response, "contact_name") == "Write your name, so we know who to talk to"
    assert field_error(response, "contact_phone") == (
        "Ask a grown-up to write a phone number or an email, so we can talk to you"
    )
    in_polish = send(
        client, client.get("/give-feedback", params={"lang": "pl"}), wants_contact="yes"
    )
    assert field_error(in_polish, "contact_name").endswith(  # after "Błąd:", hidden
        "Napisz swoje imię, żebyśmy wiedzieli, z kim porozmawiać"
    )


def test_the_8_to_12_forms_errors_are_unchanged(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    response = send(client, client.get("/give-feedback"), wants_contact="yes")
    assert field_error(response, "contact_name") == "Tell us your name, so we know who to ask for"


# The thank-you page ---------------------------------------------------------------------


def thanks_after(client: TestClient, lang: str = "", **answers: str) -> Response:
    form = client.get("/give-feedback", params={"lang": lang} if lang else {})
    sent = send(client, form, **answers)
    assert sent.status_code == 303, sent.text
    # Which form was sent rides in the receipt cookie with the code, not in the address,
    # where access logs would record that a young child had just sent something.
    assert "form" not in parse_qs(urlsplit(sent.headers["location"]).query)
    return client.get(sent.headers["location"])


def test_a_young_child_is_thanked_and_the_receipt_code_is_for_the_grown_up(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    thanks = thanks_after(client, space="yes")
    assert heading(thanks) == "Thank you for telling us"
    panel = page(thanks).select_one(".govuk-panel")
    assert panel is not None and panel.select_one(".app-code") is None
    assert "We will read what you told us soon." in panel.get_text(" ", strip=True)
    grown_up = grown_up_part(thanks)
    code = page(thanks).select_one(".app-code")
    assert code is not None and code.get_text(strip=True) in grown_up
    assert "Write the code down or take a photo of it." in grown_up
    assert "Someone in the team will read what you wrote within 2 working days." in grown_up
    assert "Thank you. We have your feedback." not in main_text(thanks)
    safety = page(thanks).select_one(".app-safety")
    assert safety is not None
    said = safety.get_text(" ", strip=True)
    assert "999" in said and "0800 1111" in said
    assert "Childline helps children. You can call them any time, for free:" in said


def test_a_young_childs_thank_you_page_in_arabic_reads_right_to_left(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    thanks = thanks_after(client, lang="ar", space="yes")
    html = page(thanks).find("html")
    assert isinstance(html, Tag) and (html["lang"], html["dir"]) == ("ar", "rtl")
    assert heading(thanks) == "شكرًا لأنك أخبرتنا"
    grown_up_part(thanks, headed="للشخص الكبير الذي يساعدك")


def test_after_a_young_childs_worry_the_page_says_who_was_told_with_999_and_childline(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    thanks = thanks_after(client, worried="yes")
    assert heading(thanks) == "We have told someone who can help"
    alert = page(thanks).select_one("[role=alert]")
    assert alert is not None
    said = alert.get_text(" ", strip=True)
    assert (
        "A grown-up whose job is to keep children safe will read what you told us very soon."
        in said
    )
    assert "999" in said and "0800 1111" in said
    assert "What happens next" not in main_text(thanks)


def test_the_8_to_12_thank_you_page_is_unchanged(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    thanks = thanks_after(client, space="yes")
    assert heading(thanks) == "Thank you. We have your feedback."
    panel = page(thanks).select_one(".govuk-panel")
    assert panel is not None and panel.select_one(".app-code") is not None
    text = main_text(thanks)
    assert GROWN_UP not in text and "Thank you for telling us" not in text
    assert "You can talk to Childline any time, for free:" in text


# The privacy notice ---------------------------------------------------------------------


def test_the_under_8_privacy_notice_is_short_for_the_child_and_full_for_the_grown_up(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8, retention_days=365)
    response = client.get("/give-feedback/privacy", params={"form": "child_under_8"})
    text = main_text(response)
    assert "We read what you tell us." in text
    assert "If you tell us you are not safe, we tell someone who can help." in text
    assert "we will tell people whose job is to keep children safe" not in text  # 8 and over
    grown_up = grown_up_part(response)
    assert "We keep it for 365 days (about 1 year), then we delete it." in grown_up
    assert "data controller" in grown_up and "We cannot keep this confidential." in grown_up
    child_part = text.split(GROWN_UP)[1]  # between the link to the grown-up's part and it
    for word in ("privacy", "data", "cookie", "retention", "receipt", "safeguarding"):
        assert word not in child_part.lower(), word
    [to_grown_up] = page(response).select("main p a[href='#grown-up']")
    assert to_grown_up.get_text(strip=True) == GROWN_UP


def test_the_under_8_privacy_notice_in_romanian(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_UNDER_8)
    response = client.get("/give-feedback/privacy", params={"lang": "ro"})
    text = main_text(response)
    assert "Dacă ne spui că nu ești în siguranță, îi spunem cuiva care poate ajuta." in text
    assert "Cât timp" in grown_up_part(response, headed="Pentru adultul care te ajută")


def test_the_childs_privacy_notice_has_no_part_for_a_grown_up(client: TestClient) -> None:
    response = client.get("/give-feedback/privacy", params={"form": "child_8_12"})
    assert page(response).select("section.app-grown-up") == []
    assert "Read the version for adults" in main_text(response)


def test_every_notice_says_that_worries_are_passed_on() -> None:
    for audience in Audience:
        said = " ".join(
            paragraph
            for section in privacy.notice(audience, has_team=False)
            + privacy.for_the_grown_up(audience, has_team=False)
            for paragraph in section.paragraphs
        )
        assert "safe" in said, audience


# The words, in every language -----------------------------------------------------------


def young_childs_words() -> list[str]:
    form = FORM_WORDS[Audience.YOUNG_CHILD]
    notice = privacy.notice(Audience.YOUNG_CHILD, has_team=True)
    return [
        *(words for words in astuple(form) if isinstance(words, str)),
        *form.errors.values(),
        *astuple(SAFETY_WORDS[Audience.YOUNG_CHILD]),
        *astuple(THANKS_WORDS[Audience.YOUNG_CHILD]),
        *(paragraph for section in notice for paragraph in section.paragraphs),
        "For the grown-up helping you",
    ]


def test_the_under_8_form_is_the_only_one_for_young_children() -> None:
    young = [kind for kind in FormKind if definition_for(kind).audience is Audience.YOUNG_CHILD]
    assert young == [FormKind.CHILD_UNDER_8]


def test_the_catalogue_check_covers_every_word_for_a_young_child() -> None:
    """The extraction that ``test_i18n`` checks every catalogue against finds them all."""
    missing = [words for words in young_childs_words() if words not in MESSAGES]
    assert missing == []


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_word_for_a_young_child_is_translated(language: Language) -> None:
    messages = i18n.read_messages(language)
    untranslated = [w for w in young_childs_words() if not messages.get(w, "").strip()]
    assert untranslated == []


def test_the_welsh_words_for_a_young_child_say_chi_as_the_rest_do() -> None:
    welsh = i18n.read_messages(Language.WELSH)
    familiar = re.compile(r"\b(ti|dy|di|wyt|dithau)\b", re.IGNORECASE)
    said = [welsh[words] for words in young_childs_words()]
    assert [words for words in said if familiar.search(words)] == []
    assert sum("chi" in words for words in said) >= 10
