"""The demo's review queue journeys after the quality team's week of child protection
conferences (``demo_journeys``), as the people a visitor signs in as see them: an alert Ruth
Penrose raised on words the screen did not flag, and Helen Pascoe's outcome; a reply email
the mail server refused and the phone call after it; one refused this afternoon, marked in
the queue; feedback the principal social worker read, still unread for the team; feedback
marked unread again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.db import Database
from learning.feedback import alert_queries, alerts, triage_work
from learning.feedback.demo_journeys import (
    LATE_REPORT_REPLY,
    MAILBOX_FULL,
    NO_SUCH_MAILBOX,
    PHONED_INSTEAD,
    WORRY,
)
from learning.feedback.demo_moments import (
    PLAN_NOT_SENT,
    READ_ELSEWHERE,
    REPORT_LATE,
    UNREAD_AGAIN,
    WEEKENDS,
    Moment,
)
from learning.feedback.models import FeedbackSubmission
from learning.feedback.safeguarding import screen_all
from learning.feedback.terms import AlertOutcome, AlertStatus, ScreenCategory, SubmissionStatus
from learning.org.models import Person
from tests.conftest import rolled_back
from tests.factories import Factory
from tests.feedback.public import main_text
from tests.feedback.test_demo import NOW, Demo, make_demo
from tests.org.pages import page

RUTH = "ruth.penrose@tamarside.example"
HELEN = "helen.pascoe@tamarside.example"
MORWENNA = "morwenna.tregear@tamarside.example"


@pytest.fixture(scope="module")
def demo(fresh_database_url: Callable[[], str]) -> Iterator[Demo]:
    made = make_demo(fresh_database_url)
    yield made
    made.database.engine.dispose()


@pytest.fixture
def database(demo: Demo) -> Iterator[Database]:
    """This module's tests run against the demo database, each in a transaction rolled back."""
    yield from rolled_back(demo.database)


def person(db: Session, email: str) -> Person:
    return db.exec(select(Person).where(Person.email == email)).one()


def item_of(db: Session, moment: Moment) -> FeedbackSubmission:
    """The feedback the moment sent (by its words)."""
    said = moment.texts["better"]
    found = [
        s
        for s in db.exec(select(FeedbackSubmission)).all()
        if said in json.loads(s.answers).values()
    ]
    assert len(found) == 1, moment.name
    return found[0]


def trail_of(
    db: Session, item: FeedbackSubmission
) -> list[tuple[str, int | None, dict[str, object]]]:
    """The item's audit trail: what was done, by whom, with what detail, in order."""
    events = db.exec(
        select(AuditEvent)
        .where(
            AuditEvent.record_type == "feedback_submission", AuditEvent.record_id == str(item.id)
        )
        .order_by(col(AuditEvent.occurred_at), col(AuditEvent.id))
    ).all()
    assert all(item.submitted_at < e.occurred_at <= NOW for e in events)
    return [(e.action, e.actor_id, json.loads(e.detail)) for e in events]


def signed_in(client: TestClient, db: Session, email: str) -> TestClient:
    Factory(db).sign_in(client, person(db, email))
    return client


def queue_status(client: TestClient, item: FeedbackSubmission) -> str:
    """The Status cell of the item's line in the review queue's To do tab."""
    for row in page(client.get("/feedback/queue")).select("#queue tbody tr"):
        link = row.find("a")
        if isinstance(link, Tag) and str(link["href"]).endswith(f"/feedback/queue/{item.id}"):
            cell = row.select_one("[data-label=Status]")
            return cell.get_text(" ", strip=True) if cell else ""
    raise AssertionError(f"item {item.id} is not in the queue")


# A worry the screen missed ------------------------------------------------------------------


def test_the_screen_does_not_flag_the_words_a_reader_raised_an_alert_about(db: Session) -> None:
    assert not screen_all(WEEKENDS.texts.values()).flagged
    item = item_of(db, WEEKENDS)
    assert json.loads(item.screen_categories) == []
    assert item.flagged  # by the reader: held out of themes as a disclosure is


def test_ruth_penrose_read_it_raised_an_alert_and_helen_pascoe_closed_it(db: Session) -> None:
    ruth, helen = person(db, RUTH), person(db, HELEN)
    item = item_of(db, WEEKENDS)
    assert item.status is SubmissionStatus.READ and item.read_by_id == ruth.id
    alert = alerts.alert_for(db, item.id)  # type: ignore[arg-type]
    assert alert is not None
    assert json.loads(alert.categories) == [ScreenCategory.RAISED_BY_STAFF.value]
    raiser = alert_queries.raised_by(db, alert)
    assert raiser is not None and (raiser.name, raiser.why) == (ruth.name, WORRY)
    assert [e.kind for e in alerts.events(db, alert)] == [
        "raised", "email_sent", "acknowledged", "outcome",
    ]  # fmt: skip
    assert alert.status is AlertStatus.CLOSED and alert.closed_by_id == helen.id
    assert alert.outcome is AlertOutcome.EXISTING_WORKER_INFORMED
    assert alert.closed_at is not None and alert.closed_at < alert.respond_by
    trail = trail_of(db, item)
    assert [(action, actor) for action, actor, _ in trail] == [
        ("feedback.item.read", ruth.id),
        ("feedback.item.alert_raised", ruth.id),
        ("feedback.tag.added", ruth.id),
    ]
    assert trail[1][2] == {"alert_id": alert.id}


def test_the_alert_shows_who_raised_it_and_why_to_the_safeguarding_lead(
    client: TestClient, db: Session
) -> None:
    alert = alerts.alert_for(db, item_of(db, WEEKENDS).id)  # type: ignore[arg-type]
    assert alert is not None
    shown = page(signed_in(client, db, HELEN).get(f"/safeguarding/alerts/{alert.id}"))
    raised_by, because = shown.select_one("#raised-by"), shown.select_one("#raised-because")
    assert raised_by is not None and because is not None
    assert raised_by.get_text(" ", strip=True) == "Ruth Penrose, on reading the feedback"
    assert because.get_text(" ", strip=True) == WORRY


def test_the_item_says_ruth_penrose_raised_the_alert_on_reading_it(
    client: TestClient, db: Session
) -> None:
    item = item_of(db, WEEKENDS)
    shown = main_text(signed_in(client, db, RUTH).get(f"/feedback/queue/{item.id}"))
    assert "Ruth Penrose raised a safeguarding alert about this feedback on reading it" in shown
    assert "Read by Ruth Penrose" in shown


# A reply the mail server refused -------------------------------------------------------------


def test_a_refused_reply_email_is_followed_by_a_phone_call(db: Session) -> None:
    item = item_of(db, REPORT_LATE)
    email, call = triage_work.replies_shown(db, item)
    assert email.way is triage_work.Way.EMAIL and email.reply.body == LATE_REPORT_REPLY
    assert email.delivery is not None and email.delivery.state == "refused"
    assert email.delivery.words == (
        f"Not delivered: the mail server refused it ({NO_SUCH_MAILBOX}). Contact them another way."
    )
    assert call.way is triage_work.Way.PHONE and call.reply.body == PHONED_INSTEAD
    assert email.reply.author_id == call.reply.author_id == person(db, RUTH).id
    assert email.reply.created_at < call.reply.created_at < NOW
    actions = [action for action, _, _ in trail_of(db, item)]
    assert actions[-2:] == ["feedback.reply.emailed", "feedback.reply.phoned"]


def test_the_queue_marks_the_reply_refused_this_afternoon_and_not_the_one_followed_up(
    client: TestClient, db: Session
) -> None:
    refused, followed_up = item_of(db, PLAN_NOT_SENT), item_of(db, REPORT_LATE)
    [email] = triage_work.replies_shown(db, refused)
    assert email.delivery is not None and f"({MAILBOX_FULL})" in email.delivery.words
    both = {refused.id, followed_up.id}
    assert triage_work.undelivered_among(db, both) == {refused.id}  # type: ignore[arg-type]
    ruth = signed_in(client, db, RUTH)
    assert "Reply not delivered" in queue_status(ruth, refused)
    assert "Reply not delivered" not in queue_status(ruth, followed_up)

    shown = main_text(ruth.get(f"/feedback/queue/{followed_up.id}"))
    assert f"Not delivered: the mail server refused it ({NO_SUCH_MAILBOX})" in shown
    assert "Phone call noted" in shown and PHONED_INSTEAD in shown


# Read, and unread for the team -----------------------------------------------------------------


def test_feedback_the_principal_social_worker_read_is_still_unread_for_the_team(
    db: Session,
) -> None:
    item = item_of(db, READ_ELSEWHERE)
    assert item.status is SubmissionStatus.NEW and item.read_at is None
    psw = person(db, MORWENNA)
    assert psw.team_id != item.team_id
    assert trail_of(db, item) == [
        ("feedback.item.read", psw.id, {"of_the_team": False, "team_id": item.team_id})
    ]


def test_feedback_ruth_penrose_read_and_marked_unread_is_unread_again(
    client: TestClient, db: Session
) -> None:
    item = item_of(db, UNREAD_AGAIN)
    assert item.status is SubmissionStatus.NEW and item.read_at is None
    ruth = person(db, RUTH)
    assert trail_of(db, item) == [
        ("feedback.item.read", ruth.id, {"of_the_team": True, "team_id": item.team_id}),
        ("feedback.item.marked_unread", ruth.id, {"team_id": item.team_id}),
    ]
    assert "Unread" in queue_status(signed_in(client, db, RUTH), item)
