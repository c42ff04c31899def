"""The public feedback pages' languages: every word translated into every language, the
language chosen from the browser or the page's switch, Arabic right to left."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.feedback import i18n
from learning.feedback.models import FeedbackAction, FeedbackActionLink
from learning.feedback.terms import FormKind, Language
from tests.conftest import ROOT
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import hidden_fields, main_text, open_link, send, submissions
from tests.org.pages import checked, heading, page, value_of

CODE = ROOT / "src" / "learning" / "feedback"
TEMPLATES = ROOT / "web" / "templates" / "feedback" / "public"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted() -> dict[str, str]:
    """Every message the public pages can show: ``N_("...")`` in the feedback code and
    ``_("...")`` in the public templates, with where it was found."""
    found: dict[str, str] = {}
    for path in sorted(CODE.glob("*.py")):
        for line, message, _, _ in extract_from_file("python", str(path), keywords={"N_": None}):
            found.setdefault(str(message), f"{path.name}:{line}")
    for path in sorted(TEMPLATES.glob("*.html")):
        for line, message, _, _ in extract_from_file("jinja2.ext:babel_extract", str(path)):
            if isinstance(message, str):
                found.setdefault(message, f"{path.name}:{line}")
    return found


MESSAGES = _extracted()


def test_the_extraction_finds_the_words_of_the_forms_and_the_pages() -> None:
    assert "I am worried about my safety" in MESSAGES  # the words around a form
    assert "If you are in danger now, call" in MESSAGES  # a template
    assert "House of worries" in MESSAGES  # a form definition
    assert "Enter an email address, like name@example.com" in MESSAGES  # validation
    assert len(MESSAGES) > 150


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_message_is_translated_into_every_language(language: Language) -> None:
    messages = i18n.read_messages(language)
    missing = [
        f"{where}: {message}"
        for message, where in MESSAGES.items()
        if not messages.get(message, "").strip()
    ]
    assert missing == [], f"{language.value} lacks {len(missing)} translation(s)"


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_no_catalogue_keeps_words_the_pages_no_longer_use(language: Language) -> None:
    assert sorted(set(i18n.read_messages(language)) - set(MESSAGES)) == []


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_translations_keep_their_placeholders_and_hold_no_markup(language: Language) -> None:
    for message, translation in i18n.read_messages(language).items():
        assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(message)), (
            translation
        )
        assert "<" not in translation and ">" not in translation, translation
        names = dict.fromkeys(PLACEHOLDER.findall(message), "x")
        translation % names  # noqa: B018 - a stray % would break the page


def test_the_catalogues_are_packaged_with_the_code() -> None:
    for language in i18n.TRANSLATED:
        path = i18n.catalogue_path(language)
        assert path.is_file() and Path(path).is_relative_to(CODE)


# Choosing the language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("cy-GB,cy;q=0.9,en;q=0.8", Language.WELSH),
        ("en-GB,en;q=0.9,pl;q=0.8", Language.ENGLISH),
        ("de-DE,de;q=0.9,ro;q=0.5", Language.ROMANIAN),
        ("fr;q=0.9,ar-SA;q=0.95", Language.ARABIC),
        ("pl;q=0,cy;q=0.1", Language.WELSH),
        ("de, fr", None),
        ("*", None),
        ("", None),
        ("pl;q=banana", None),
        (None, None),
    ],
)
def test_the_browsers_most_wanted_language_we_have_is_chosen(
    header: str | None, expected: Language | None
) -> None:
    assert i18n.from_accept_language(header) is expected


def test_a_language_chosen_on_the_page_beats_the_browsers() -> None:
    assert i18n.choose_language("ar", "cy,en") is Language.ARABIC
    assert i18n.choose_language("xx", "cy,en") is Language.WELSH
    assert i18n.choose_language(None, None) is Language.ENGLISH


def test_the_page_speaks_the_browsers_language(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    response = client.get("/give-feedback", headers={"Accept-Language": "cy-GB,cy;q=0.9"})
    assert page(response).find("html")["lang"] == "cy"  # type: ignore[index]
    assert heading(response) == "Dywedwch wrthym beth rydych chi'n ei feddwl"


def test_arabic_pages_read_right_to_left(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    response = client.get("/give-feedback", params={"lang": "ar"})
    html = page(response).find("html")
    assert isinstance(html, Tag) and html["lang"] == "ar" and html["dir"] == "rtl"
    assert heading(response) == "أخبرنا عن تجربتك"
    button = page(response).select_one("button[name=worried]")
    assert isinstance(button, Tag) and button.get_text(strip=True) == "أنا قلق على سلامتي"


def test_the_switch_offers_each_language_in_its_own_words_and_keeps_easy_read(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """On the form, the switches are buttons that send it (so what was typed comes along);
    switching shows the same form again in the language chosen, easy read kept."""
    open_link(client, ff, None)
    response = client.get("/give-feedback", params={"form": "three_houses", "easy": "1"})
    switch = page(response).select("nav.app-switches button[name=switch_lang]")
    assert [b.get_text(strip=True) for b in switch] == [lang.native_name for lang in Language]
    assert [b["lang"] for b in switch] == [b["value"] for b in switch]
    assert [b["value"] for b in switch] == [lang.value for lang in Language]
    assert [b["value"] for b in switch if b.has_attr("aria-current")] == ["en"]
    assert all(b["form"] == "feedback-form" for b in switch)

    in_polish = send(client, response, switch_lang="pl", worries="Nikt mnie nie słucha")

    assert in_polish.status_code == 200
    assert heading(in_polish) == "Trzy Domy"
    hidden = hidden_fields(in_polish)
    assert (hidden["lang"], hidden["easy"], hidden["form_kind"]) == ("pl", "1", "three_houses")
    assert value_of(in_polish, "worries") == "Nikt mnie nie słucha"


def test_switching_to_easy_read_and_back_keeps_what_was_typed_and_sends_nothing(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    form = client.get("/give-feedback")
    typed = {"good": "My worker listens", "contact_name": "Sam"}

    easy = send(client, form, switch_easy="1", **typed)
    assert "app-public--easy" in page(easy).find("html")["class"]  # type: ignore[index]
    assert value_of(easy, "good") == "My worker listens"
    assert value_of(easy, "contact_name") == "Sam"

    standard = send(client, easy, switch_easy="0", good="My worker listens to me")
    assert "app-public--easy" not in page(standard).find("html")["class"]  # type: ignore[index]
    assert value_of(standard, "good") == "My worker listens to me"
    assert submissions(ff.db) == []


def test_scale_answers_come_along_to_easy_read_and_back_as_they_were(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """Easy read answers on three points where the standard version has five: an answer
    became nothing there (and stayed lost on the way back)."""
    open_link(client, ff, FormKind.YOUNG_PERSON)
    form = client.get("/give-feedback")
    easy = send(client, form, switch_easy="1", space="mostly", voice="never", respect="sometimes")
    assert (checked(easy, "space"), checked(easy, "voice"), checked(easy, "respect")) == (
        ["yes"], ["no"], ["a_bit"])

    back = send(client, easy, switch_easy="0", space="yes", voice="yes", respect="a_bit")
    # Unchanged in easy read: the answer as it was. Changed there: the one in the same words.
    assert checked(back, "space") == ["mostly"]
    assert checked(back, "voice") == ["always"]
    assert checked(back, "respect") == ["sometimes"]
    assert submissions(ff.db) == []


def test_agreement_answers_come_along_to_easy_read_and_into_another_language(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    easy = send(client, client.get("/give-feedback"), switch_easy="1", space="strongly_disagree")
    assert checked(easy, "space") == ["no"]
    in_welsh = send(client, easy, switch_lang="cy", space="no")
    assert page(in_welsh).find("html")["lang"] == "cy"  # type: ignore[index]
    assert checked(in_welsh, "space") == ["no"]
    back = send(client, in_welsh, switch_easy="0", space="no")
    assert checked(back, "space") == ["strongly_disagree"]


def test_switching_language_on_a_resumed_form_keeps_its_resume_code(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.YOUNG_PERSON)
    saved = send(client, client.get("/give-feedback"), save="yes", good="Kept for later")
    code = page(saved).select_one(".app-code")
    assert isinstance(code, Tag)
    resumed = client.post("/give-feedback/resume", data={"code": code.get_text(strip=True)})
    draft = hidden_fields(resumed)["draft"]
    assert draft
    in_polish = send(client, resumed, switch_lang="pl", good="Kept for later")
    assert hidden_fields(in_polish)["draft"] == draft
    assert value_of(in_polish, "good") == "Kept for later"


def test_a_page_whose_link_closed_switches_language_with_what_was_typed(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """The page that says to copy what was written is where someone may most need their
    own language; its switches were links, which lost every word."""
    typed = {"form_kind": "child_8_12", "lang": "en", "good": "Nobody listens"}
    closed = client.post("/give-feedback", data=typed)  # no link it can be sent for
    assert "Copy what you wrote" in closed.text
    assert page(closed).select("nav.app-switches button[name=switch_lang]")
    in_arabic = client.post(
        "/give-feedback", data={**hidden_fields(closed), "good": "Nobody listens",
                                "switch_lang": "ar"})
    assert page(in_arabic).find("html")["lang"] == "ar"  # type: ignore[index]
    assert value_of(in_arabic, "good") == "Nobody listens"
    assert submissions(ff.db) == []


def test_pages_without_a_form_switch_by_links(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    response = client.get("/give-feedback/privacy")
    links = page(response).select("nav.app-switches a[hreflang]")
    assert [a["hreflang"] for a in links] == [lang.value for lang in Language]
    assert page(response).select("nav.app-switches button") == []


def test_no_cookie_remembers_the_language(client: TestClient, ff: FeedbackFactory) -> None:
    open_link(client, ff)
    response = client.get("/give-feedback", params={"lang": "ro"})
    assert "set-cookie" not in response.headers


def test_easy_read_shows_pictures_that_say_what_they_are(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.FOSTER_CARER)
    response = client.get("/give-feedback", params={"easy": "1", "lang": "ro"})
    assert "app-public--easy" in page(response).find("html")["class"]  # type: ignore[index]
    pictures = page(response).select(".app-picture[role=img]")
    assert pictures and all(p["aria-label"] for p in pictures)
    assert pictures[0]["aria-label"] == "Balon de vorbire"
    faces = page(response).select(".app-choices--faces")
    assert faces, "easy read answers with faces"


def test_numbers_on_arabic_pages_keep_their_order_and_staff_words_are_marked_english(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """Right to left, "0800 1111" would show as "1111 0800": numbers are set left to right.
    The link's title is written by staff, in English, and is read as English."""
    open_link(client, ff, FormKind.PARENT_CARER, title="Your review meeting")
    response = client.get("/give-feedback", params={"lang": "ar"})

    numbers = page(response).select('a[href^="tel:"]')
    assert {a.get_text(strip=True) for a in numbers} >= {"999", "0800 1111"}
    assert all(a.get("dir") == "ltr" for a in numbers)
    title = page(response).select_one("#link-title")
    assert title is not None and title.get_text(strip=True) == "Your review meeting"
    assert (title.get("lang"), title.get("dir")) == ("en", "auto")


def test_names_in_a_translated_sentence_are_read_as_english_and_addresses_typed_left_to_right(
    client: TestClient, ff: FeedbackFactory, factory: Factory
) -> None:
    """A Polish or Arabic voice read "Front Door and MASH" as Polish or Arabic; in an Arabic
    email box, "bad@" showed as "@bad"; the footer's 999 could not be tapped."""
    team = factory.make_team(name="Front Door and MASH")
    open_link(client, ff, FormKind.PARENT_CARER, team_id=team.id)
    form = client.get("/give-feedback", params={"lang": "ar"})
    for box in ("contact_email", "contact_phone"):
        field = page(form).select_one(f"input#{box}")
        assert field is not None and field.get("dir") == "ltr", box
    footer = page(form).select_one("footer a[href='tel:999']")
    assert footer is not None and footer.get("dir") == "ltr"
    header = page(form).select_one(".app-header__name")
    assert header is not None and header.get("lang") == "en"

    notice = client.get("/give-feedback/privacy", params={"lang": "pl", "form": "parent_carer"})
    names = {span.get_text(strip=True) for span in page(notice).select('main span[lang="en"]')}
    assert names >= {"Front Door and MASH", factory.council.name}


def test_what_a_person_types_runs_in_its_own_direction(
    client: TestClient, ff: FeedbackFactory
) -> None:
    """English typed on the Arabic form showed as ".The worker was kind", Arabic on an
    English form ran left to right: each box now follows what is typed in it."""
    open_link(client, ff, FormKind.PARENT_CARER)
    for lang in ("ar", "en"):
        form = page(client.get("/give-feedback", params={"lang": lang}))
        boxes = form.select("main textarea") + form.select("main input#contact_name")
        assert len(boxes) >= 3 and all(box.get("dir") == "auto" for box in boxes), lang


def test_a_receipt_in_another_language_says_the_team_writes_in_english(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff)
    thanks = client.get(send(client, client.get("/give-feedback"), space="yes").headers["location"])
    code = page(thanks).select_one(".app-code").get_text(strip=True)  # type: ignore[union-attr]
    [sent] = submissions(db)
    action = FeedbackAction(council_id=sent.council_id, team_id=sent.team_id, title="Waits",
                            public_summary="We now tell you a week before we visit.")
    db.add(action)
    db.flush()
    db.add(FeedbackActionLink(action_id=action.id, submission_id=sent.id))
    db.commit()
    note = "Zespół opisuje, co robi, po angielsku."
    in_polish = client.post("/give-feedback/receipt", data={"code": code, "lang": "pl"})
    assert note in main_text(in_polish)
    assert "We now tell you a week before we visit." in main_text(in_polish)
    in_english = client.post("/give-feedback/receipt", data={"code": code, "lang": "en"})
    assert "The team writes what it is doing in English." not in main_text(in_english)


def test_the_example_phone_number_in_arabic_is_isolated_left_to_right() -> None:
    from learning.feedback.forms import ERROR_PHONE

    said = i18n.translations(Language.ARABIC).gettext(ERROR_PHONE)
    assert "\u206607700 900 982\u2069" in said
