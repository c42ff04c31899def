"""Factories for test data: each call makes a valid record, overridable by keyword."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.audit.models import AuditEvent
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.core.security import new_token, token_hash
from learning.org.models import (
    CareerStage,
    Council,
    Person,
    RoleAssignment,
    SupervisoryRelationship,
    Team,
    TeamKind,
)

_sequence = itertools.count(1)


class Factory:
    def __init__(self, db: Session) -> None:
        self.db = db
        self._council: Council | None = None

    @property
    def council(self) -> Council:
        if self._council is None:
            self._council = self.make_council(slug="testshire", name="Testshire Council")
        return self._council

    def make_council(self, **fields: Any) -> Council:
        n = next(_sequence)
        values = {"slug": f"council-{n}", "name": f"Council {n}", "tenant_id": f"tenant-{n}"}
        council = Council(**{**values, **fields})
        return self._save(council)

    def make_team(self, **fields: Any) -> Team:
        n = next(_sequence)
        kind = TeamKind.CHILD_IN_NEED
        values = {"council_id": self.council.id, "name": f"Team {n}", "kind": kind}
        return self._save(Team(**{**values, **fields}))

    def make_person(self, roles: tuple[Role, ...] = (), **fields: Any) -> Person:
        n = next(_sequence)
        values = {
            "council_id": self.council.id,
            "given_name": f"Given{n}",
            "family_name": f"Family{n}",
            "email": f"person{n}@example.test",
            "job_title": "Social Worker",
            "career_stage": CareerStage.SOCIAL_WORKER,
        }
        person = self._save(Person(**{**values, **fields}))
        for role in roles:
            self.db.add(RoleAssignment(person_id=person.id, role=role))
        self.db.flush()
        return person

    def make_relationship(
        self, supervisor: Person, supervisee: Person, starts_on: date | None = None,
        ends_on: date | None = None,
    ) -> SupervisoryRelationship:
        link = SupervisoryRelationship(
            council_id=supervisor.council_id,
            supervisor_id=supervisor.id,
            supervisee_id=supervisee.id,
            starts_on=starts_on or today() - timedelta(days=90),
            ends_on=ends_on,
        )
        return self._save(link)

    def make_session(self, person: Person) -> tuple[str, UserSession]:
        raw = new_token()
        row = UserSession(
            id=token_hash(raw), person_id=person.id, signed_in_at=utcnow(), csrf_token=new_token()
        )
        return raw, self._save(row)

    def sign_in(self, client: TestClient, person: Person) -> str:
        """Signs ``person`` in on ``client``; returns the session's CSRF token."""
        raw, row = self.make_session(person)
        client.cookies.set(SECURE_COOKIE, raw)
        return row.csrf_token

    def _save(self, record: Any) -> Any:
        self.db.add(record)
        self.db.flush()
        self.db.commit()
        return record


def audit_events(db: Session, action: str) -> list[AuditEvent]:
    """The audit log's events of one kind, in the order they were written (without an order,
    PostgreSQL may return them in any)."""
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))
    return list(db.exec(query).all())
