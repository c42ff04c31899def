"""Writing and reading audit events.

``record`` adds the event to the caller's session, so it commits (or rolls back) with the
change it records. Security events that must survive a refused request use
``record_now``, which writes in its own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.db import Database


@dataclass(frozen=True)
class Actor:
    person_id: int | None
    label: str
    council_id: int | None
    request_id: str = ""


def actor_from(request: Request) -> Actor:
    principal = getattr(request.state, "principal", None)
    request_id = str(getattr(request.state, "request_id", ""))
    if principal is None:
        return Actor(None, "anonymous", None, request_id)
    return Actor(principal.person_id, principal.name, principal.council_id, request_id)


def record(
    db: Session,
    actor: Actor,
    action: str,
    record_type: str = "",
    record_id: object = "",
    **detail: Any,
) -> AuditEvent:
    event = AuditEvent(
        council_id=actor.council_id,
        actor_id=actor.person_id,
        actor_label=actor.label,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        request_id=actor.request_id,
        detail=json.dumps(detail, sort_keys=True, default=str),
    )
    db.add(event)
    return event


def record_now(database: Database, actor: Actor, action: str, **detail: Any) -> None:
    with database.transaction() as db:
        record(db, actor, action, **detail)


@dataclass(frozen=True)
class AuditFilter:
    council_id: int
    action: str = ""
    actor_id: int | None = None
    record_type: str = ""
    record_id: str = ""
    since: date | None = None
    until: date | None = None


def _filtered(query: Any, f: AuditFilter) -> Any:
    query = query.where(AuditEvent.council_id == f.council_id)
    if f.action:
        query = query.where(col(AuditEvent.action).startswith(f.action))
    if f.actor_id is not None:
        query = query.where(AuditEvent.actor_id == f.actor_id)
    if f.record_type:
        query = query.where(AuditEvent.record_type == f.record_type)
    if f.record_id:
        query = query.where(AuditEvent.record_id == f.record_id)
    if f.since:
        query = query.where(AuditEvent.occurred_at >= datetime.combine(f.since, time.min))
    if f.until:
        end = datetime.combine(f.until + timedelta(days=1), time.min)
        query = query.where(AuditEvent.occurred_at < end)
    return query


def list_events(db: Session, f: AuditFilter, *, limit: int = 50, offset: int = 0) -> Sequence[AuditEvent]:
    query = _filtered(select(AuditEvent), f)
    query = query.order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id).desc())
    return db.exec(query.limit(limit).offset(offset)).all()


def count_events(db: Session, f: AuditFilter) -> int:
    return int(db.exec(_filtered(select(func.count()).select_from(AuditEvent), f)).one())


def list_actions(db: Session, council_id: int) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.council_id == council_id).distinct()
    return sorted(db.exec(query).all())
