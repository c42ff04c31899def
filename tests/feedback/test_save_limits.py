"""Save and finish later keeps what a form can send and no more, and only so often: a
draft holds its words for a week, so without limits anyone could store megabytes a request
("Save" had neither the form's lengths nor any rate limit). A worry in the words is still
sent at once when the draft cannot be kept."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.feedback.models import FeedbackDraft, SafeguardingAlert
from learning.feedback.terms import FormKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send, submissions
from tests.org.pages import error_summary, field_error, value_of

SAVES_ALLOWED = 2


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0, feedback_client_limit=SAVES_ALLOWED)


def drafts_kept(db: Session) -> int:
    db.expire_all()
    return len(db.exec(select(FeedbackDraft)).all())


def test_an_answer_too_long_to_send_is_not_saved_and_comes_back_beside_its_box(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    long = "a" * 2001
    response = send(
        client, client.get("/give-feedback"), save="yes", good=long, better="Kept as typed",
        contact_name="n" * 121,
    )
    assert response.status_code == 422
    assert field_error(response, "good") == (
        "Your answer is too long. Make it 2,000 characters or fewer (you wrote 2001)."
    )
    assert field_error(response, "contact_name") == "Your name must be 120 characters or fewer"
    assert value_of(response, "good") == long
    assert value_of(response, "better") == "Kept as typed"
    assert drafts_kept(db) == 0


@pytest.mark.usefixtures("one_rate_window")  # counted in one window, however long it takes
def test_saving_more_often_than_sending_is_allowed_is_refused_with_everything_typed(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    for n in range(SAVES_ALLOWED):
        saved = send(client, client.get("/give-feedback"), save="yes", good=f"Draft {n}")
        assert saved.status_code == 200, saved.text[:300]
    refused = send(client, client.get("/give-feedback"), save="yes", good="One too many")
    assert refused.status_code == 422
    message = (
        "You have saved this form many times in a few minutes. Send it now, or wait ten "
        "minutes and save it again."
    )
    assert error_summary(refused) == [message]
    assert field_error(refused, "space") == message
    assert value_of(refused, "good") == "One too many"
    assert drafts_kept(db) == SAVES_ALLOWED
    # Sending is counted apart: the form still goes.
    sent = send(client, refused, good="One too many")
    assert sent.status_code == 303
    assert len(submissions(db)) == 1


def test_a_worry_in_a_draft_that_cannot_be_kept_is_sent_at_once(
    client: TestClient, ff: FeedbackFactory, db: Session
) -> None:
    open_link(client, ff, FormKind.PARENT_CARER)
    worry = "My partner hits the children when he drinks. " + "x" * 2000
    response = send(client, client.get("/give-feedback"), save="yes", better=worry)
    assert response.status_code == 422
    assert "We have told someone who can help" in response.text
    assert drafts_kept(db) == 0
    [sent] = submissions(db)
    assert sent.flagged
    assert db.exec(select(SafeguardingAlert)).one().submission_id == sent.id


@pytest.mark.usefixtures("one_rate_window")
def test_saves_from_one_ipv6_network_share_one_budget(
    app: FastAPI, ff: FeedbackFactory, db: Session
) -> None:
    """A phone or home holds a whole /64: a new address in it is not a new budget of saves
    (each keeps a form's words for a week)."""
    statuses = []
    for n in range(SAVES_ALLOWED + 1):
        phone = TestClient(app, base_url="https://testserver", follow_redirects=False,
                           client=(f"2001:db8:5:5::{n + 1:x}", 50000))  # fmt: skip
        with phone:
            open_link(phone, ff, FormKind.PARENT_CARER)
            statuses.append(send(phone, phone.get("/give-feedback"), save="yes", good=f"D{n}"))
    assert [s.status_code for s in statuses] == [200] * SAVES_ALLOWED + [422]
    assert drafts_kept(db) == SAVES_ALLOWED
