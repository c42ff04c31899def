"""The audit table is append-only: the database itself refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from learning.audit.models import AuditEvent
from tests.audit.conftest import MakeEvent


def action_of(db: Session, event: AuditEvent) -> str | None:
    query = text("SELECT action FROM audit_event WHERE id = :id")
    return db.connection().execute(query, {"id": event.id}).scalar_one_or_none()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET action = 'tampered' WHERE id = :id",
        "UPDATE audit_event SET detail = '{}'",
        "DELETE FROM audit_event WHERE id = :id",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_to_change_or_remove_an_audit_event(
    db: Session, make_event: MakeEvent, statement: str
) -> None:
    event = make_event("person.updated", note="original")

    with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
        db.connection().execute(text(statement), {"id": event.id})

    assert action_of(db, event) == "person.updated"


def test_changing_an_audit_event_through_the_orm_is_refused_too(
    db: Session, make_event: MakeEvent
) -> None:
    event = make_event("person.updated")

    with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
        event.action = "tampered"
        db.flush()

    db.expire_all()
    assert action_of(db, event) == "person.updated"


def test_new_audit_events_can_still_be_added(db: Session, make_event: MakeEvent) -> None:
    first, second = make_event("a.one"), make_event("a.two")

    assert action_of(db, first) == "a.one" and action_of(db, second) == "a.two"
