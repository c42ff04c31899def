"""The language of what a person wrote, on the staff pages that show one submission (WCAG
3.1.2): their own words (free text, the name they gave) are marked in their language, so a
screen reader reads them with that language's voice, Arabic right to left; the choices, shown
in English ("Yes", "Agree"), are not, and the language's own name ("العربية") is marked."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback.terms import Language
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.alert_helpers import make_alert
from tests.feedback.triage_helpers import given, poster_for
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import page

ARABIC_WORDS = "الأخصائي يستمع إلي"
ARABIC_NAME = "سارة"
#: A choice and a box written in, on the form for children aged 8 to 12.
ANSWERS = {"space": "yes", "good": ARABIC_WORDS}


def _answers(soup: BeautifulSoup, heading: str) -> dict[str, Tag]:
    """Each answer's <dd> by its question, in the list after ``heading``."""
    title = soup.find(["h2", "h3"], string=heading)
    assert isinstance(title, Tag), f"no heading {heading!r}"
    answers = title.find_next("dl")
    assert isinstance(answers, Tag)
    rows: dict[str, Tag] = {}
    for row in answers.select(".govuk-summary-list__row"):
        question, answer = row.select_one("dt"), row.select_one("dd")
        assert question is not None and answer is not None
        rows[question.get_text(strip=True)] = answer
    return rows


def _language_row(soup: BeautifulSoup) -> Tag:
    key = soup.find("dt", string="Language")
    assert isinstance(key, Tag)
    value = key.find_next_sibling("dd")
    assert isinstance(value, Tag)
    return value


def _marked(tag: Tag) -> tuple[object, object]:
    return tag.get("lang"), tag.get("dir")


def _item_page(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    language: Language,
    answers: dict[str, str],
) -> BeautifulSoup:
    submission = given(
        db,
        settings,
        poster_for(factory, team),
        language=language,
        answers=answers,
        wants_contact=True,
        contact_name=ARABIC_NAME,
        contact_detail="07700 900 982",
    )
    return page(supervisor.get(f"/feedback/queue/{submission.id}"))


def _alert_page(
    client: TestClient,
    db: Session,
    factory: Factory,
    settings: Settings,
    language: Language,
    answers: dict[str, str],
) -> BeautifulSoup:
    alert = make_alert(
        factory,
        settings,
        language=language,
        answers=json.dumps(answers),
        wants_contact=True,
        contact_name=ARABIC_NAME,
        contact_detail="07700 900 982",
    )
    db.commit()
    lead = sign_in_as(client, factory, Role.SAFEGUARDING_LEAD)
    return page(lead.get(f"/safeguarding/alerts/{alert.id}"))


def test_on_the_item_page_only_what_they_wrote_is_marked_in_their_language(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    soup = _item_page(db, settings, factory, team, supervisor, Language.ARABIC, ANSWERS)
    answers = _answers(soup, "What they said")
    choice = answers["Did you get the chance to say what you think?"]
    written = answers["What is going well?"]
    assert choice.get_text(strip=True) == "Yes" and _marked(choice) == (None, None)
    assert written.get_text(strip=True) == ARABIC_WORDS and _marked(written) == ("ar", "auto")


def test_on_the_item_page_the_language_s_own_name_and_the_name_they_gave_are_marked(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    soup = _item_page(db, settings, factory, team, supervisor, Language.ARABIC, ANSWERS)
    native = _language_row(soup).find("span", string="العربية")
    assert isinstance(native, Tag) and _marked(native) == ("ar", "rtl")
    contact = soup.select_one("#contact-heading + p")
    assert contact is not None and ARABIC_NAME in contact.get_text()
    name = contact.find("span", string=ARABIC_NAME)
    assert isinstance(name, Tag) and _marked(name) == ("ar", "auto")


def test_on_the_alert_page_only_what_they_wrote_is_marked_in_their_language(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    soup = _alert_page(client, db, factory, settings, Language.ARABIC, ANSWERS)
    answers = _answers(soup, "What they wrote")
    choice = answers["Did you get the chance to say what you think?"]
    written = answers["What is going well?"]
    assert choice.get_text(strip=True) == "Yes" and _marked(choice) == (None, None)
    assert written.get_text(strip=True) == ARABIC_WORDS and _marked(written) == ("ar", "auto")


def test_on_the_alert_page_the_language_s_own_name_and_the_name_they_gave_are_marked(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    soup = _alert_page(client, db, factory, settings, Language.ARABIC, ANSWERS)
    native = _language_row(soup).find("span", string="العربية")
    assert isinstance(native, Tag) and _marked(native) == ("ar", "rtl")
    name = _answers(soup, "Contact")["Name"]
    assert name.get_text(strip=True) == ARABIC_NAME and _marked(name) == ("ar", "auto")


def test_an_english_submission_s_answers_carry_no_language_of_their_own(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
) -> None:
    """The page is in English already: English words need no mark, and the choices none."""
    english = {"space": "a_bit", "good": "My worker listens to me"}
    item = _item_page(db, settings, factory, team, supervisor, Language.ENGLISH, english)
    alert = _alert_page(client, db, factory, settings, Language.ENGLISH, english)
    for answers in (_answers(item, "What they said"), _answers(alert, "What they wrote")):
        assert [dd.get_text(strip=True) for dd in answers.values()] == [
            "A bit",
            "My worker listens to me",
        ]
        assert [dd.get("lang") for dd in answers.values()] == [None, None]
        assert answers["What is going well?"].select("[lang]") == []
