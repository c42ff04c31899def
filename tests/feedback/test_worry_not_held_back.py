"""A worry in the words is never held back: not by a mistake elsewhere in the form, and not
by "Save and finish later". Either way it is stored and alerted at once, nothing typed is
lost, and the person is told in their language, with 999 and Childline."""

from __future__ import annotations

import json

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import abuse, forms, i18n, safeguarding
from learning.feedback.models import (
    FeedbackDraft,
    FeedbackLink,
    FeedbackSubmission,
    SafeguardingAlert,
)
from learning.feedback.terms import FormKind, Language, LinkKind
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.public import main_text, open_link, send, submissions
from tests.feedback.triage_helpers import staff
from tests.org.pages import heading, page, value_of

TOLD = (
    "Because of what you wrote, we have told someone whose job is to keep children safe. They "
    "will read what you have written so far. Your answers are still saved, so you can finish later."
)


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def alerts_of(db: Session) -> list[SafeguardingAlert]:
    db.expire_all()
    return list(db.exec(select(SafeguardingAlert)).all())


def drafts_of(db: Session) -> list[FeedbackDraft]:
    db.expire_all()
    return list(db.exec(select(FeedbackDraft)).all())


def saved_code(response: object) -> str:
    code = page(response).select_one(".app-code")  # type: ignore[arg-type]
    assert isinstance(code, Tag)
    return code.get_text(strip=True)


def sent_by_child(
    client: TestClient, ff: FeedbackFactory, db: Session, **contact: str
) -> tuple[Response, FeedbackSubmission]:
    """A child's form sent with an ordinary answer and asking to be contacted with
    ``contact``; the response and the one item stored."""
    open_link(client, ff, FormKind.CHILD_8_12)
    response = send(client, client.get("/give-feedback"), good="ok", wants_contact="yes", **contact)
    assert response.status_code == 303
    [stored] = submissions(db)
    return response, stored


def as_the_safeguarding_lead(
    client: TestClient, factory: Factory, team: Team, db: Session
) -> list[tuple[str, Response]]:
    """The one item stored and its alert, each as the team's safeguarding lead opens it."""
    [stored] = submissions(db)
    [alert] = alerts_of(db)
    lead = staff(client, factory, team, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
    urls = (f"/feedback/queue/{stored.id}", f"/safeguarding/alerts/{alert.id}")
    return [(url, lead.get(url)) for url in urls]


# Flagged words with a mistake elsewhere -----------------------------------------------


def test_flagged_words_with_a_bad_email_are_stored_and_alerted_at_once(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    response = send(
        client,
        client.get("/give-feedback"),
        space="mostly",
        better=DISCLOSURE,
        contact_name="  Sam  ",
        contact_phone="07700 9009",
        contact_email="sam@",
    )
    assert response.status_code == 303
    [stored] = submissions(db)
    assert json.loads(stored.answers) == {"space": "mostly", "better": DISCLOSURE}
    assert stored.flagged and not stored.worried_about_safety
    assert stored.wants_contact
    assert (stored.contact_name, stored.contact_detail) == ("Sam", "07700 9009 / sam@")
    [alert] = alerts_of(db)
    assert alert.submission_id == stored.id and not alert.self_reported
    thanks = client.get(response.headers["location"])
    assert heading(thanks) == "We have told someone who can help"
    assert page(thanks).select_one(".app-code") is not None
    assert "999" in main_text(thanks) and "0800 1111" in main_text(thanks)


def test_a_worry_written_in_the_name_box_is_screened_and_alerted(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """The name box is the one box a child may think reaches a person. Before, it was never
    screened: with a phone number the worry was stored with no alert."""
    response, stored = sent_by_child(
        client, ff, db, contact_name="help my dad hits me", contact_phone="07700 900123"
    )
    assert stored.flagged and stored.contact_name == "help my dad hits me"
    [alert] = alerts_of(db)
    assert alert.submission_id == stored.id and not alert.self_reported
    assert heading(client.get(response.headers["location"])) == "We have told someone who can help"


def test_a_worry_in_the_name_box_is_not_held_back_by_a_missing_phone_or_email(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """Without a way to reach them the form used to come back with an error, storing
    nothing: a child who then left was never heard."""
    open_link(client, ff, FormKind.CHILD_8_12)
    response = send(
        client, client.get("/give-feedback"), good="ok", contact_name="my dad hits me please help"
    )
    assert response.status_code == 303
    [stored] = submissions(db)
    assert stored.flagged and stored.contact_name == "my dad hits me please help"
    assert len(alerts_of(db)) == 1


def test_staff_read_a_worry_written_in_the_name_box_marked_with_the_answers(
    client: TestClient, ff: FeedbackFactory, factory: Factory, db: Session
) -> None:
    """The item page showed the name only beside a phone or email: with neither, staff saw a
    flagged item whose answers said "ok", and nothing marked."""
    team = factory.make_team(name="Children in need north")
    open_link(client, ff, FormKind.CHILD_8_12, team_id=team.id)
    send(client, client.get("/give-feedback"), good="ok", contact_name="my dad hits me please help")

    for url, shown in as_the_safeguarding_lead(client, factory, team, db):
        assert shown.status_code == 200, url
        assert "Written in the box for their name" in main_text(shown), url
        marked = [m.get_text(" ", strip=True) for m in page(shown).select("mark")]
        assert any("hits" in m for m in marked), (url, marked)
    [(_, item_page), _] = as_the_safeguarding_lead(client, factory, team, db)
    item = page(item_page).select_one("#contact-name-only")
    assert isinstance(item, Tag) and "my dad hits me please help" in item.get_text()


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("Sam Gunn", False),
        ("Tom Stabb", False),
        ("Lily Beat", False),
        ("Mary-Jane O'Brien", False),
        ("J. Smith", False),
        ("my dad hits me please help", True),
        ("Help me", True),
        ("HELP", True),
        ("Help Me Please Now Dad", True),
        ("سارة تساعدني", True),  # no capitals in Arabic: always read
    ],
)
def test_the_name_box_is_read_unless_it_looks_like_a_name(name: str, read: bool) -> None:
    """Surnames that are words ("Gunn", "Stabb", "Beat") raised an alert for every form
    their owners sent."""
    assert (safeguarding.screened_name(name) == name) is read


def test_a_person_whose_surname_is_a_word_is_not_taken_for_a_worry(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    _, stored = sent_by_child(
        client, ff, db, contact_name="Sam Gunn", contact_phone="07700 900123"
    )
    assert not stored.flagged and alerts_of(db) == []


def test_a_phone_number_with_999_in_it_is_no_emergency(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    """The phone and email are not screened: only the words people write."""
    _, stored = sent_by_child(client, ff, db, contact_name="Sam", contact_phone="07999 123456")
    assert not stored.flagged and alerts_of(db) == []


def test_flagged_words_keep_every_answer_as_typed_and_contact_details_within_limits(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    long_answer = "I like my school. " * 150
    response = send(
        client,
        client.get("/give-feedback"),
        space="not-a-choice",
        good=long_answer,
        better=DISCLOSURE,
        contact_name="N" * 300,
        contact_email="e" * 400,
    )
    assert response.status_code == 303
    [stored] = submissions(db)
    answers = json.loads(stored.answers)
    assert answers["better"] == DISCLOSURE and answers["space"] == "not-a-choice"
    assert answers["good"] == long_answer.strip()
    assert stored.contact_name == "N" * abuse.MAX_CONTACT_NAME_CHARS
    assert stored.contact_detail == "e" * abuse.MAX_CONTACT_DETAIL_CHARS
    assert len(alerts_of(db)) == 1


def test_a_mistake_without_flagged_words_still_comes_back_to_be_put_right(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    response = send(
        client, client.get("/give-feedback"), good="Kind and on time", contact_email="sam@"
    )
    assert response.status_code == 422
    assert value_of(response, "contact_email") == "sam@"
    assert submissions(db) == [] and alerts_of(db) == []


def test_staff_see_that_contact_details_sent_with_a_worry_were_not_checked(
    client: TestClient, ff: FeedbackFactory, factory: Factory, db: Session
) -> None:
    team = factory.make_team(name="Children in need north")
    open_link(client, ff, FormKind.PARENT_CARER, team_id=team.id)
    send(
        client,
        client.get("/give-feedback"),
        better=DISCLOSURE,
        contact_name="Sam",
        contact_email="sam@",
    )
    for url, shown in as_the_safeguarding_lead(client, factory, team, db):
        assert shown.status_code == 200, url
        note = page(shown).select_one("#contact-unchecked")
        assert isinstance(note, Tag), url
        assert "Not checked" in note.get_text()
        assert "sam@" in main_text(shown)


@pytest.mark.parametrize(
    ("name", "detail", "checked"),
    [
        ("Sam", "07700 900982", True),
        ("Sam", "sam@example.com", True),
        ("Sam", "07700 900982 / sam@example.com", True),
        ("Sam", "07700 9009 / sam@example.com", False),
        ("Sam", "sam@", False),
        ("Sam", "ring me", False),
        ("", "07700 900982", False),
        ("Sam", "", False),
    ],
)
def test_contact_checked_asks_what_the_form_asks(name: str, detail: str, checked: bool) -> None:
    assert forms.contact_checked(name, detail) is checked


# Save and finish later with a worry -----------------------------------------------------


def test_saving_a_disclosure_sends_it_now_and_keeps_the_draft(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, FormKind.YOUNG_PERSON)
    saved = send(client, client.get("/give-feedback"), save="yes", space="no", better=DISCLOSURE)
    assert saved.status_code == 200
    [stored] = submissions(db)
    assert stored.link_id == link_id and stored.flagged
    assert json.loads(stored.answers) == {"space": "no", "better": DISCLOSURE}
    [alert] = alerts_of(db)
    assert alert.submission_id == stored.id
    [draft] = drafts_of(db)
    assert draft.link_id == link_id
    assert heading(saved) == "We have told someone who can help"
    text = main_text(saved)
    assert TOLD in text and "999" in text and "0800 1111" in text
    assert page(saved).select_one(".app-safety--alert[role=alert]") is not None
    assert saved_code(saved)  # the resume code is still shown


def test_the_saved_page_says_so_in_the_persons_language(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    form = client.get("/give-feedback", params={"lang": "ro"})
    saved = send(client, form, save="yes", better=DISCLOSURE)
    told = i18n.read_messages(Language.ROMANIAN)[TOLD]
    assert told in main_text(saved)
    assert page(saved).find("html")["lang"] == "ro"  # type: ignore[index]


def test_saving_ordinary_words_sends_nothing(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.YOUNG_PERSON)
    saved = send(client, client.get("/give-feedback"), save="yes", good="My worker listens")
    assert heading(saved) == "Your answers are saved"
    assert TOLD not in main_text(saved)
    assert submissions(db) == [] and alerts_of(db) == []


def test_a_saved_disclosure_on_a_personal_link_can_still_be_finished_and_sent(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    link_id = open_link(client, ff, FormKind.PARENT_CARER, kind=LinkKind.PERSONAL)
    saved = send(
        client,
        client.get("/give-feedback"),
        save="yes",
        better=DISCLOSURE,
        contact_email="sam@",
    )
    link = db.get(FeedbackLink, link_id)
    assert link is not None
    db.refresh(link)
    assert link.use_count == 0  # the part-way submission does not use the link up
    [part_way] = submissions(db)
    assert part_way.quarantine_reason is None

    client.cookies.clear()  # later, in another browser
    resumed = client.post("/give-feedback/resume", data={"code": saved_code(saved)})
    assert resumed.status_code == 200
    assert value_of(resumed, "better") == DISCLOSURE
    sent = send(
        client,
        resumed,
        better=DISCLOSURE + " and he took my phone",
        good="My worker",
        contact_name="Sam",
        contact_email="sam@example.com",
    )
    assert sent.status_code == 303
    first, finished = submissions(db)
    assert first.id == part_way.id
    assert finished.quarantine_reason is None
    assert json.loads(finished.answers)["good"] == "My worker"
    assert finished.contact_detail == "sam@example.com"
    assert len(alerts_of(db)) == 2
    assert drafts_of(db) == []


def test_saving_a_disclosure_again_unchanged_is_held_as_a_duplicate_not_lost(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARTNER)
    first = send(client, client.get("/give-feedback"), save="yes", better=DISCLOSURE)
    resumed = client.post("/give-feedback/resume", data={"code": saved_code(first)})
    again = send(client, resumed, save="yes", better=DISCLOSURE)
    assert saved_code(again) == saved_code(first)
    assert len(drafts_of(db)) == 1
    one, two = submissions(db)
    assert one.quarantine_reason is None
    assert two.quarantine_reason is not None  # held for a person to check, and still alerted
    assert len(alerts_of(db)) == 2
