"""Writing and reading audit events.

``record`` adds the event to the caller's session, so it commits (or rolls back) with the
change it records. Security events that must survive a refused request use
``record_now``, which writes in its own transaction.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from learning.audit.models import REFUSED, SUCCEEDED, AuditEvent
from learning.core.clock import LONDON
from learning.core.db import Database
from learning.core.text_search import LIKE_ESCAPE, contains_pattern
from learning.org.models import Person

USER_AGENT_CHARS = 300
#: Events written before results were kept (migration 0012) have result "". The log is
#: never rewritten to say otherwise (it is sealed: ``learning.audit.sealing``), so they are
#: chosen by this value of the result filter, and shown and exported in these words.
NOT_RECORDED = "not_recorded"
NOT_RECORDED_WORDS = "not recorded"


@dataclass(frozen=True)
class Actor:
    person_id: int | None
    label: str
    council_id: int | None
    request_id: str = ""
    address: str = ""  # a signed-in person's network address; "" for anyone else
    user_agent: str = ""
    roles: str = ""  # the signed-in person's roles, by name, comma-separated


def actor_from(request: Request) -> Actor:
    """Who is acting: the signed-in person, with where they act from (their address, as the
    trusted proxy passed it on, and their browser), or "anonymous" with neither."""
    principal = getattr(request.state, "principal", None)
    request_id = str(getattr(request.state, "request_id", ""))
    if principal is None:
        return Actor(None, "anonymous", None, request_id)
    address = request.client.host if request.client else ""
    agent = request.headers.get("user-agent", "")[:USER_AGENT_CHARS]
    roles = ",".join(sorted(role.value for role in principal.roles))
    return Actor(
        principal.person_id, principal.name, principal.council_id, request_id, address, agent, roles
    )


def record(
    db: Session,
    actor: Actor,
    action: str,
    record_type: str = "",
    record_id: object = "",
    **detail: Any,
) -> AuditEvent:
    """The event of an action that was done, added to ``db``. ``detail`` says what was done,
    never what anyone wrote."""
    return add_event(db, actor, action, SUCCEEDED, record_type, record_id, detail)


def add_event(
    db: Session,
    actor: Actor,
    action: str,
    result: str,
    record_type: str = "",
    record_id: object = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """The event, with what came of the action (``result``: SUCCEEDED, REFUSED, FAILED)."""
    event = AuditEvent(
        council_id=actor.council_id,
        actor_id=actor.person_id,
        actor_label=actor.label,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        request_id=actor.request_id,
        source_address=actor.address[:45],
        user_agent=actor.user_agent,
        roles=actor.roles,
        result=result,
        detail=json.dumps(dict(detail or {}), sort_keys=True, default=str),
    )
    db.add(event)
    return event


def record_now(
    database: Database,
    actor: Actor,
    action: str,
    result: str = SUCCEEDED,
    record_type: str = "",
    record_id: object = "",
    **detail: Any,
) -> None:
    """The event, written in a transaction of its own (kept when the request fails)."""
    with database.transaction() as db:
        add_event(db, actor, action, result, record_type, record_id, detail)


def record_refusal(
    request: Request, db: Session, action: str, record_type: str, record_id: object, reason: str
) -> None:
    """A request refused a record that is not the person's (it answers 404, as if the record
    did not exist): the request's own work is rolled back, then the refusal is kept in the
    audit log in a transaction of its own, so it is kept although the request fails."""
    db.rollback()
    record_now(
        request.app.state.db,
        actor_from(request),
        action,
        REFUSED,
        record_type,
        record_id,
        path=request.url.path,
        method=request.method,
        reason=reason,
    )


@dataclass(frozen=True)
class AuditFilter:
    council_id: int
    action: str = ""
    actor_id: int | None = None
    record_type: str = ""
    record_id: str = ""
    result: str = ""  # SUCCEEDED, REFUSED, FAILED or NOT_RECORDED (""); "" for any
    since: date | None = None
    until: date | None = None
    #: Part of the actor's name or email address (their name now, or when they acted).
    actor_name: str = ""

    def describe(self) -> dict[str, str]:
        """The filters in use, as recorded in the detail of ``audit.viewed``/``audit.exported``."""
        return {
            key: str(value)
            for key, value in asdict(self).items()
            if key != "council_id" and value not in (None, "")
        }


def _filtered(query: Any, f: AuditFilter) -> Any:
    """Only the council's events; ``since`` and ``until`` are whole days in UK time."""
    query = query.where(AuditEvent.council_id == f.council_id)
    if f.action:
        query = query.where(col(AuditEvent.action).startswith(f.action, autoescape=True))
    if f.actor_id is not None:
        query = query.where(AuditEvent.actor_id == f.actor_id)
    if f.actor_name:
        query = query.where(_actor_matches(f.council_id, f.actor_name))
    if f.record_type:
        query = query.where(AuditEvent.record_type == f.record_type)
    if f.record_id:
        query = query.where(AuditEvent.record_id == f.record_id)
    if f.result:
        query = query.where(AuditEvent.result == ("" if f.result == NOT_RECORDED else f.result))
    if f.since:
        query = query.where(col(AuditEvent.occurred_at) >= start_of_day(f.since))
    if f.until:
        query = query.where(col(AuditEvent.occurred_at) < start_of_day(f.until + timedelta(days=1)))
    return query


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the UK, as a UTC moment."""
    return datetime.combine(day, time.min, tzinfo=LONDON).astimezone(UTC)


def _actor_matches(council_id: int, text: str) -> Any:
    pattern = contains_pattern(text)
    full_name = func.lower(col(Person.given_name) + " " + col(Person.family_name))
    people = select(Person.id).where(
        Person.council_id == council_id,
        or_(
            full_name.like(pattern, escape=LIKE_ESCAPE),
            func.lower(Person.email).like(pattern, escape=LIKE_ESCAPE),
        ),
    )
    return or_(
        col(AuditEvent.actor_id).in_(people),
        func.lower(AuditEvent.actor_label).like(pattern, escape=LIKE_ESCAPE),
    )


def list_events(
    db: Session, f: AuditFilter, *, limit: int = 50, offset: int = 0
) -> Sequence[AuditEvent]:
    query = _filtered(select(AuditEvent), f)
    query = query.order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id).desc())
    events: Sequence[AuditEvent] = db.exec(query.limit(limit).offset(offset)).all()
    return events


def count_events(db: Session, f: AuditFilter) -> int:
    return int(db.exec(_filtered(select(func.count()).select_from(AuditEvent), f)).one())


def list_actions(db: Session, council_id: int) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.council_id == council_id).distinct()
    return sorted(db.exec(query).all())


def list_record_types(db: Session, council_id: int) -> list[str]:
    query = (
        select(AuditEvent.record_type)
        .where(AuditEvent.council_id == council_id, AuditEvent.record_type != "")
        .distinct()
    )
    return sorted(db.exec(query).all())


def iter_events(db: Session, f: AuditFilter, *, batch: int = 500) -> Iterator[AuditEvent]:
    """Every matching event, newest first, fetched ``batch`` rows at a time."""
    query = _filtered(select(AuditEvent), f)
    query = query.order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id).desc())
    yield from db.exec(query.execution_options(yield_per=batch))


def detail_of(event: AuditEvent) -> dict[str, Any]:
    """The event's detail as a mapping (an unreadable detail is shown as it is stored)."""
    try:
        detail = json.loads(event.detail or "{}")
    except ValueError:
        return {"detail": event.detail}
    return detail if isinstance(detail, dict) else {"detail": detail}


CSV_COLUMNS = (
    "occurred_at",
    "actor",
    "action",
    "record_type",
    "record_id",
    "roles",
    "result",
    "request_id",
    "source_address",
    "user_agent",
    "detail",
)
#: A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """The value as text, with a leading apostrophe if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_row(event: AuditEvent) -> list[str]:
    occurred = event.occurred_at.astimezone(UTC).isoformat(timespec="seconds")
    values = (
        occurred,
        event.actor_label,
        event.action,
        event.record_type,
        event.record_id,
        event.roles,
        event.result or NOT_RECORDED_WORDS,
        event.request_id,
        event.source_address,
        event.user_agent,
        event.detail,
    )
    return [csv_cell(value) for value in values]


def csv_lines(events: Iterable[AuditEvent], *, rows_per_chunk: int = 200) -> Iterator[str]:
    """The header, then the events as CSV text, a chunk of rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, event in enumerate(events, start=1):
        writer.writerow(csv_row(event))
        if n % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
