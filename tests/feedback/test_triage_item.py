"""One feedback item: reading it (audited, marks it read), another team's item answered as
missing, tags, replies by email or phone, closing, and held items let in or kept as spam."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import forms
from learning.feedback.models import (
    FeedbackReply,
    FeedbackSubmission,
    FeedbackTag,
    SafeguardingAlert,
)
from learning.feedback.terms import SubmissionStatus
from learning.mail.models import OutboxMessage
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.triage_helpers import an_action, given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, heading, page, value_of


def _audits(db: Session, action: str, item_id: int | None) -> list[AuditEvent]:
    query = select(AuditEvent).where(
        AuditEvent.action == action, AuditEvent.record_id == str(item_id)
    )
    return list(db.exec(query).all())


def test_reading_an_item_shows_the_answers_is_audited_and_marks_it_read(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    response = supervisor.get(f"/feedback/queue/{item.id}")
    assert response.status_code == 200
    assert heading(response) == "Feedback from a child aged 8 to 12"
    answers = page(response).select_one("#answers")
    assert answers is not None and "My worker listens to me" in answers.text
    db.refresh(item)
    assert item.status is SubmissionStatus.READ and item.read_by_id == supervisor.person.id
    events = _audits(db, "feedback.item.read", item.id)
    assert [e.actor_id for e in events] == [supervisor.person.id]


@pytest.mark.parametrize("form", ["tags", "reply", "actions"])
def test_a_form_sent_back_with_its_error_is_a_read_of_the_item_and_is_audited(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn, form: str
) -> None:
    """The page with the error shows the child's words (and how to reach them) again."""
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")
    response = supervisor.post(f"/feedback/queue/{wanting.id}/{form}", {})
    assert response.status_code == 422
    assert "sam@example.test" in response.text
    db.refresh(wanting)
    assert wanting.status is SubmissionStatus.READ and wanting.read_by_id == supervisor.person.id
    events = _audits(db, "feedback.item.read", wanting.id)
    assert [e.actor_id for e in events] == [supervisor.person.id]


def test_reading_again_keeps_the_first_reader_and_audits_again(
    client: TestClient,
    db: Session,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    item: FeedbackSubmission,
) -> None:
    supervisor.get(f"/feedback/queue/{item.id}")
    colleague = staff(client, factory, team, Role.SUPERVISOR)
    colleague.get(f"/feedback/queue/{item.id}")
    db.refresh(item)
    assert item.read_by_id == supervisor.person.id
    assert len(_audits(db, "feedback.item.read", item.id)) == 2


def test_another_team_s_item_is_not_found(
    client: TestClient, db: Session, settings: Settings, factory: Factory, supervisor: SignedIn
) -> None:
    other = given(db, settings, poster_for(factory, factory.make_team(name="South")))
    for url in (
        f"/feedback/queue/{other.id}",
        f"/feedback/queue/{other.id}/tags",
        f"/feedback/queue/{other.id}/close",
    ):
        call = supervisor.get if url.endswith(str(other.id)) else supervisor.post
        assert call(url).status_code == 404, url
    assert item_status(db, other) is SubmissionStatus.NEW
    assert _audits(db, "feedback.item.read", other.id) == []


def item_status(db: Session, submission: FeedbackSubmission) -> SubmissionStatus:
    db.refresh(submission)
    return submission.status


def test_a_tag_is_added_and_removed(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    added = supervisor.post(f"/feedback/queue/{item.id}/tags", {"tag": "  waiting   times "})
    assert flash(supervisor.follow(added)) == "Tagged 'waiting times'"
    tag = db.exec(select(FeedbackTag).where(FeedbackTag.submission_id == item.id)).one()
    assert tag.name == "waiting times" and tag.created_by_id == supervisor.person.id
    removed = supervisor.post(f"/feedback/queue/{item.id}/tags/{tag.id}/remove")
    assert removed.status_code == 303
    assert db.exec(select(FeedbackTag).where(FeedbackTag.submission_id == item.id)).all() == []
    assert len(_audits(db, "feedback.tag.removed", item.id)) == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a tag, like 'waiting times'"),
        ("x" * 61, "A tag must be 60 characters or fewer"),
    ],
)
def test_a_bad_tag_shows_the_error_beside_the_field_and_keeps_what_was_typed(
    supervisor: SignedIn, item: FeedbackSubmission, typed: str, message: str
) -> None:
    response = supervisor.post(f"/feedback/queue/{item.id}/tags", {"tag": typed})
    assert response.status_code == 422
    assert field_error(response, "tag") == message
    assert error_summary(response) == [message]
    assert value_of(response, "tag") == typed
    assert page(response).title is not None and page(response).title.text.startswith("Error:")


def test_the_same_tag_twice_is_refused_beside_the_field(
    supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    supervisor.post(f"/feedback/queue/{item.id}/tags", {"tag": "Waiting times"})
    again = supervisor.post(f"/feedback/queue/{item.id}/tags", {"tag": "waiting TIMES"})
    assert again.status_code == 422
    assert field_error(again, "tag") == "This feedback is already tagged 'waiting TIMES'"


def test_a_tag_of_another_item_cannot_be_removed_through_this_one(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    item: FeedbackSubmission,
) -> None:
    other = given(db, settings, poster_for(factory, team))
    supervisor.post(f"/feedback/queue/{other.id}/tags", {"tag": "keep me"})
    tag = db.exec(select(FeedbackTag).where(FeedbackTag.submission_id == other.id)).one()
    assert supervisor.post(f"/feedback/queue/{item.id}/tags/{tag.id}/remove").status_code == 404
    assert db.get(FeedbackTag, tag.id) is not None


def asking_for_contact(
    db: Session, settings: Settings, factory: Factory, team: Team, detail: str, **more: str
) -> FeedbackSubmission:
    """Feedback from someone who asked to be contacted, giving ``detail``."""
    link = poster_for(factory, team)
    return given(db, settings, link, wants_contact=True, contact_detail=detail, **more)


def the_reply(db: Session, submission: FeedbackSubmission) -> FeedbackReply:
    return db.exec(select(FeedbackReply).where(FeedbackReply.submission_id == submission.id)).one()


def test_a_reply_by_email_goes_through_the_outbox(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(
        db, settings, factory, team, "sam@example.test", contact_name="Sam"
    )
    page_before = supervisor.get(f"/feedback/queue/{wanting.id}")
    assert "sam@example.test" in page_before.text
    sent = supervisor.post(f"/feedback/queue/{wanting.id}/reply", {"body": "Thank you, Sam."})
    assert flash(supervisor.follow(sent)) == "Your reply is on its way by email"
    reply = the_reply(db, wanting)
    message = db.get(OutboxMessage, reply.outbox_id)
    assert message is not None and message.to_address == "sam@example.test"
    assert message.kind == "feedback_reply" and "Thank you, Sam." in message.body
    assert "Childline" in message.body


@pytest.mark.parametrize(
    ("detail", "address"),
    [
        ("07700 900123 / sam@example.test", "sam@example.test"),
        ("sam@example.test / 07700 900123", "sam@example.test"),
        ("sam@", None),  # typed with a safety worry, never checked: a person rings or reads
    ],
)
def test_an_email_reply_goes_only_to_a_valid_address_among_the_details(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    detail: str,
    address: str | None,
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, detail)
    supervisor.post(f"/feedback/queue/{wanting.id}/reply", {"body": "Thank you."})
    reply = the_reply(db, wanting)
    if address is None:
        assert reply.outbox_id is None
    else:
        message = db.get(OutboxMessage, reply.outbox_id)
        assert message is not None and message.to_address == address


def test_a_phone_call_is_noted_without_an_email(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "07700 900123")
    noted = supervisor.post(f"/feedback/queue/{wanting.id}/reply", {"body": "Talked it over."})
    assert flash(supervisor.follow(noted)) == "Your phone call is noted"
    reply = the_reply(db, wanting)
    assert reply.outbox_id is None and reply.body == "Talked it over."
    assert len(_audits(db, "feedback.reply.phoned", wanting.id)) == 1


def test_an_empty_reply_shows_the_error_beside_the_field_and_stores_nothing(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")
    response = supervisor.post(f"/feedback/queue/{wanting.id}/reply", {"body": "   "})
    assert response.status_code == 422
    assert field_error(response, "body") == "Enter your reply"
    assert db.exec(select(FeedbackReply)).all() == []
    assert db.exec(select(OutboxMessage).where(OutboxMessage.kind == "feedback_reply")).all() == []


def test_no_reply_where_no_contact_was_asked_for(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    response = supervisor.get(f"/feedback/queue/{item.id}")
    assert "They did not ask to be contacted." in response.text
    assert page(response).find(attrs={"name": "body"}) is None
    assert supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": "Hi"}).status_code == 409


def test_close_and_open_again(db: Session, supervisor: SignedIn, item: FeedbackSubmission) -> None:
    supervisor.get(f"/feedback/queue/{item.id}")
    closed = supervisor.post(f"/feedback/queue/{item.id}/close")
    assert flash(supervisor.follow(closed)) == "Feedback closed"
    assert item_status(db, item) is SubmissionStatus.CLOSED
    supervisor.post(f"/feedback/queue/{item.id}/reopen")
    assert item_status(db, item) is SubmissionStatus.READ


def test_a_held_item_is_let_in(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    held = given(db, settings, poster_for(factory, team), nonce="forged")
    response = supervisor.get(f"/feedback/queue/{held.id}")
    assert "The form was old, changed or not one we gave out" in response.text
    supervisor.post(f"/feedback/queue/{held.id}/release")
    db.refresh(held)
    assert held.released_at is not None and held.released_by_id == supervisor.person.id
    assert held.quarantine_reason is not None  # why it was held stays on record
    assert "Held for checking" not in supervisor.get(f"/feedback/queue/{held.id}").text


def test_a_held_item_kept_as_spam_is_closed_not_deleted(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    held = given(db, settings, poster_for(factory, team), honeypot="http://spam.example")
    supervisor.post(f"/feedback/queue/{held.id}/spam")
    assert db.get(FeedbackSubmission, held.id) is not None
    assert item_status(db, held) is SubmissionStatus.CLOSED
    assert len(_audits(db, "feedback.item.kept_as_spam", held.id)) == 1
    assert "(kept as spam)" in supervisor.get(f"/feedback/queue/{held.id}").text


def test_a_flagged_item_says_its_alert_was_raised(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    flagged = given(db, settings, poster_for(factory, team), answers={"worries": DISCLOSURE})
    response = supervisor.get(f"/feedback/queue/{flagged.id}")
    warning = page(response).select_one(".govuk-warning-text")
    assert warning is not None and "raised a safeguarding alert" in warning.text
    assert "kept out of themes" in warning.text


def test_a_flagged_item_marks_the_words_that_raised_the_alert(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    flagged = given(db, settings, poster_for(factory, team), answers={"worries": DISCLOSURE})
    answers = page(supervisor.get(f"/feedback/queue/{flagged.id}")).select_one("#answers")
    assert answers is not None
    assert [m.get_text() for m in answers.select("mark.app-flagged")] == ["hits me", "scared"]
    assert "Physical abuse" in answers.select_one(".app-why").get_text()


def test_an_item_without_an_alert_marks_nothing(
    db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    answers = page(supervisor.get(f"/feedback/queue/{item.id}")).select_one("#answers")
    assert answers is not None and answers.get_text(strip=True)
    assert answers.select("mark") == [] and answers.select(".app-why") == []


def test_forms_on_the_item_need_the_csrf_token(
    client: TestClient, db: Session, supervisor: SignedIn, item: FeedbackSubmission
) -> None:
    response = client.post(f"/feedback/queue/{item.id}/tags", data={"tag": "sneaky"})
    assert response.status_code == 403
    assert db.exec(select(FeedbackTag).where(col(FeedbackTag.name) == "sneaky")).all() == []


def test_a_safeguarding_lead_gets_a_link_to_the_alert_and_a_supervisor_does_not(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
) -> None:
    flagged = given(db, settings, poster_for(factory, team), worried_about_safety=True)
    alert = db.exec(select(SafeguardingAlert)).one()
    plain = supervisor.get(f"/feedback/queue/{flagged.id}")
    assert f"/safeguarding/alerts/{alert.id}" not in plain.text
    lead = staff(client, factory, None, Role.SAFEGUARDING_LEAD)
    linked = lead.get(f"/feedback/queue/{flagged.id}")
    anchor = page(linked).select_one(".govuk-warning-text a")
    assert anchor is not None and anchor["href"].endswith(f"/safeguarding/alerts/{alert.id}")


def test_a_number_to_ring_is_a_link_that_rings_it(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "07700 900 918")
    shown = page(supervisor.get(f"/feedback/queue/{wanting.id}"))
    ring = shown.select_one("main a[href^='tel:']")
    assert ring is not None and ring["href"] == "tel:07700900918"
    assert ring.get_text(strip=True) == "07700 900 918"


@pytest.mark.parametrize(
    ("detail", "href"),
    [
        ("07700 900918", "tel:07700900918"),
        ("+44 (0)7700 900918 / sam@example.test", "tel:+4407700900918"),
        ("sam@example.test", ""),
        ("ring my nan", ""),
        ("12", ""),
    ],
)
def test_the_number_to_ring_is_read_from_what_was_given(detail: str, href: str) -> None:
    assert forms.contact_phone_href(detail) == href


# Every button on the item's page sends the page's one form: what was typed for the other
# buttons comes back on the page, without JavaScript too (non-negotiable: nothing typed is
# lost to another button).


def _buttons_outside_the_work_form(response: object) -> list[str]:
    soup = page(response)  # type: ignore[arg-type]
    form = soup.select_one("form#item-work")
    assert form is not None
    inside = set(map(id, form.select("button")))
    return [
        b.get_text(" ", strip=True)
        for b in soup.select("main button")
        if id(b) not in inside and b.get("form") != "item-work"
    ]


def test_every_button_on_the_item_sends_the_one_form_with_everything_typed(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")
    an_action(db, team)
    supervisor.post(f"/feedback/queue/{wanting.id}/tags", {"tag": "waiting"})
    response = supervisor.get(f"/feedback/queue/{wanting.id}")

    assert _buttons_outside_the_work_form(response) == []
    soup = page(response)
    formactions = {b.get_text(" ", strip=True): b.get("formaction") for b in soup.select("button")}
    assert formactions["Send reply"] == f"https://testserver/feedback/queue/{wanting.id}/reply"
    assert formactions["Add tag"] == f"https://testserver/feedback/queue/{wanting.id}/tags"
    assert formactions["Link"] == f"https://testserver/feedback/queue/{wanting.id}/actions"
    assert "Remove tag waiting" in formactions and "Close this feedback" in formactions
    # Enter in the tag box presses the form's first button: adding the tag, never a reply.
    first = next(
        b
        for b in soup.select("button")
        if b.get("form") == "item-work" or b.find_parent("form", id="item-work")
    )
    assert first.get("formaction", "").endswith("/tags") and first.get("aria-hidden") == "true"


@pytest.mark.parametrize(
    ("button", "used"),
    [("tags", "tag"), ("actions", "action_id"), ("close", ""), ("reply", "body")],
)
def test_what_was_typed_for_the_other_buttons_comes_back_once(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    button: str,
    used: str,
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")
    action = an_action(db, team)
    typed = {"body": "Thank you, Sam. I am half way through", "tag": "contact", "action_id": ""}
    if button == "actions":
        typed["action_id"] = str(action.id)

    sent = supervisor.post(f"/feedback/queue/{wanting.id}/{button}", typed)

    assert sent.status_code == 303
    shown = supervisor.follow(sent)
    for field in ("body", "tag"):
        assert value_of(shown, field) == ("" if field == used else typed[field])
    again = supervisor.get(f"/feedback/queue/{wanting.id}")
    assert value_of(again, "body") == "" and value_of(again, "tag") == ""


def test_a_reply_typed_is_shown_again_beside_another_field_s_error(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")
    typed = {"body": "Thank you, Sam.", "tag": ""}

    response = supervisor.post(f"/feedback/queue/{wanting.id}/tags", typed)

    assert response.status_code == 422
    assert field_error(response, "tag") == "Enter a tag, like 'waiting times'"
    assert value_of(response, "body") == "Thank you, Sam."
    assert db.exec(select(FeedbackReply)).all() == []


def test_a_tag_typed_is_shown_again_beside_the_reply_s_error(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    wanting = asking_for_contact(db, settings, factory, team, "sam@example.test")

    response = supervisor.post(f"/feedback/queue/{wanting.id}/reply", {"body": "", "tag": "later"})

    assert response.status_code == 422
    assert value_of(response, "tag") == "later"
    assert db.exec(select(FeedbackTag)).all() == []


def test_the_answers_are_marked_in_the_language_they_were_written_in(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    """A screen reader reads a child's Arabic words with an Arabic voice, right to left."""
    from learning.feedback.terms import Language

    arabic = given(
        db, settings, poster_for(factory, team), language=Language.ARABIC,
        answers={"good": "الأخصائي يستمع إلي"},
    )
    answers = page(supervisor.get(f"/feedback/queue/{arabic.id}")).select("#answers dd")
    assert [(dd.get("lang"), dd.get("dir")) for dd in answers] == [("ar", "auto")]
    assert answers[0].get_text(strip=True) == "الأخصائي يستمع إلي"
