"""The outbox: an email is a row in the caller's transaction, due at once, one-line headers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from learning.mail.models import OutboxMessage
from learning.mail.outbox import enqueue
from learning.mail.terms import OutboxStatus

NOW = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)


def test_enqueue_adds_a_pending_message_due_now(db: Session) -> None:
    message = enqueue(
        db, to_address=" duty@example.test ", subject="Hello", body="Body", kind="test", now=NOW
    )
    assert message.id is not None
    assert message.to_address == "duty@example.test"
    assert message.status is OutboxStatus.PENDING and message.attempts == 0
    assert message.next_attempt_at == NOW


def test_enqueue_never_commits(db: Session) -> None:
    db.commit()
    enqueue(db, to_address="a@example.test", subject="S", body="B", kind="test")
    db.rollback()
    assert db.exec(select(OutboxMessage)).all() == []


def test_a_subject_is_one_line_and_not_too_long(db: Session) -> None:
    message = enqueue(
        db,
        to_address="a@example.test",
        subject="Line one\r\nBcc: someone@example.test\n" + "x" * 300,
        body="B",
        kind="test",
    )
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.startswith("Line one Bcc: someone@example.test x")
    assert len(message.subject) == 200


@pytest.mark.parametrize("address", ["", "   ", "a@example.test\nBcc: b@example.test"])
def test_an_address_must_be_one_address_on_one_line(db: Session, address: str) -> None:
    with pytest.raises(ValueError, match="one address"):
        enqueue(db, to_address=address, subject="S", body="B", kind="test")
