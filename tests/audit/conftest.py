"""Audit events made directly, at chosen times, for the audit page's tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlmodel import Session

from learning.audit.models import AuditEvent
from learning.core.clock import utcnow
from learning.core.permissions import Role
from learning.org.models import Council, Person
from tests.factories import Factory

MakeEvent = Callable[..., AuditEvent]


@pytest.fixture
def make_event(db: Session, factory: Factory) -> MakeEvent:
    def make(
        action: str = "person.updated",
        *,
        actor: Person | None = None,
        label: str | None = None,
        council: Council | None = None,
        occurred_at: datetime | None = None,
        record_type: str = "person",
        record_id: str = "1",
        request_id: str = "request-1",
        roles: str = "",
        result: str = "succeeded",
        **detail: Any,
    ) -> AuditEvent:
        event = AuditEvent(
            council_id=(council or factory.council).id,
            actor_id=actor.id if actor else None,
            actor_label=label if label is not None else (actor.name if actor else "system"),
            action=action,
            record_type=record_type,
            record_id=record_id,
            request_id=request_id,
            roles=roles,
            result=result,
            occurred_at=occurred_at or utcnow(),
            detail=json.dumps(detail, sort_keys=True),
        )
        db.add(event)
        db.flush()
        return event

    return make


@pytest.fixture
def administrator(factory: Factory) -> Person:
    return factory.make_person(
        roles=(Role.ADMINISTRATOR,),
        given_name="Ada",
        family_name="Lovelace",
        email="ada.lovelace@example.test",
    )
