"""Feedback's housekeeping: nothing is kept longer than the privacy notices and the limits say.

Every hour (in the web service, and as ``learning feedback sweep``), in one transaction:

- Feedback past its link's retention (the day after ``delete_after``, the last day it may be
  kept) is deleted with everything about it: its tags, the replies sent to the person and
  their emails, its links to actions, its answers in the theme engine, and its safeguarding
  alert with the alert's trail and emails. The alert's outcome (a referral, the police) is
  recorded where the child's case is; here it goes with the words it was about.
- Feedback a person has still to deal with is kept past its retention until someone has:
  while its alert is not closed (a worry is never deleted before a person has dealt with
  it), while it is held and unchecked (neither let in nor kept as spam), and while nobody in
  its team has read it. Feedback is never silently dropped.
- Rate-limit counters and the days' keys that hashed addresses for them older than 48
  hours, spent form nonces, and saved forms past their expiry.

A sweep that deleted feedback is recorded in the audit log, with how much and never what;
so is feedback kept back past its retention, with how much and why (on the day's first sweep,
and again when the figures change), never what.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import ColumnElement, and_, case, delete, func, or_
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor, record
from learning.core.clock import LONDON, to_london, utcnow
from learning.core.db import Database
from learning.feedback import abuse, drafts, rates
from learning.feedback.learning import ITEM_PREFIX
from learning.feedback.models import (
    FeedbackActionLink,
    FeedbackReply,
    FeedbackSubmission,
    FeedbackTag,
    SafeguardingAlert,
    SafeguardingAlertEvent,
)
from learning.feedback.terms import AlertStatus, SubmissionStatus
from learning.mail.models import OutboxMessage
from learning.themes.models import ThemeItem

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)
#: Deleted in batches, so that one sweep never holds the database's write turn for long.
BATCH = 500
#: Who the audit log says deleted feedback past its retention.
ACTOR_LABEL = "feedback housekeeping"
KEPT_BACK = "feedback.retention.kept_back"
#: Why feedback past its retention is kept back, as the audit log counts it.
ALERT_NOT_CLOSED, HELD_UNCHECKED, UNREAD = "alert_not_closed", "held_unchecked", "unread"
REASONS = (ALERT_NOT_CLOSED, HELD_UNCHECKED, UNREAD)


@dataclass(frozen=True)
class Swept:
    submissions: int = 0
    counters: int = 0
    keys: int = 0
    nonces: int = 0
    drafts: int = 0
    kept_back: int = 0  # past their retention, kept until a person has dealt with them


def _waiting_for_a_person() -> list[tuple[str, ColumnElement[bool]]]:
    """Why feedback past its retention is kept: each reason, in the order an item is counted
    under (the first that holds)."""
    open_alert = (
        select(SafeguardingAlert.id)
        .where(SafeguardingAlert.submission_id == FeedbackSubmission.id)
        .where(SafeguardingAlert.status != AlertStatus.CLOSED)
        .exists()
    )
    held_unchecked = and_(
        col(FeedbackSubmission.quarantine_reason).is_not(None),
        col(FeedbackSubmission.released_at).is_(None),
        col(FeedbackSubmission.status) != SubmissionStatus.CLOSED,  # kept as spam: checked
    )
    unread = col(FeedbackSubmission.status) == SubmissionStatus.NEW
    return [(ALERT_NOT_CLOSED, open_alert), (HELD_UNCHECKED, held_unchecked), (UNREAD, unread)]


def expired(db: Session, today: date, limit: int = BATCH) -> list[tuple[int, int]]:
    """(id, council id) of feedback past its retention on ``today`` (UK date), oldest first,
    but for feedback a person has still to deal with (see ``kept_back``)."""
    waiting = or_(*(condition for _, condition in _waiting_for_a_person()))
    query = (
        select(FeedbackSubmission.id, FeedbackSubmission.council_id)
        .where(FeedbackSubmission.delete_after < today)
        .where(~waiting)
        .order_by(col(FeedbackSubmission.delete_after), col(FeedbackSubmission.id))
        .limit(limit)
    )
    return [(int(i), int(c)) for i, c in db.exec(query).all() if i is not None]


def kept_back(db: Session, today: date) -> dict[int, dict[str, int]]:
    """Council id -> how many items past their retention on ``today`` are kept because a
    person has still to deal with them, by why: an alert not closed, held and unchecked, or
    unread. Counts only."""
    reasons = _waiting_for_a_person()
    why = case(*((condition, name) for name, condition in reasons[:-1]), else_=reasons[-1][0])
    query = (
        select(FeedbackSubmission.council_id, why, func.count())
        .where(FeedbackSubmission.delete_after < today)
        .where(or_(*(condition for _, condition in reasons)))
        .group_by(col(FeedbackSubmission.council_id), why)
    )
    found: dict[int, dict[str, int]] = {}
    for council_id, reason, count in db.exec(query).all():
        counts = found.setdefault(int(council_id), dict.fromkeys(REASONS, 0))
        counts[str(reason)] = int(count)
    return found


def _note_kept_back(db: Session, kept: dict[int, dict[str, int]], today: date) -> None:
    """The audit event for what is kept back: on the day's first sweep, and again when the
    figures change (not every hour)."""
    since = datetime.combine(today, time.min, tzinfo=LONDON).astimezone(UTC)
    for council_id, counts in sorted(kept.items()):
        last = db.exec(
            select(AuditEvent.detail)
            .where(AuditEvent.council_id == council_id, AuditEvent.action == KEPT_BACK)
            .where(col(AuditEvent.occurred_at) >= since)
            .order_by(col(AuditEvent.occurred_at).desc(), col(AuditEvent.id).desc())
            .limit(1)
        ).first()
        if last is not None and json.loads(last) == counts:
            continue  # noted already today, as it is
        actor = Actor(None, ACTOR_LABEL, council_id)
        record(
            db,
            actor,
            KEPT_BACK,
            alert_not_closed=counts[ALERT_NOT_CLOSED],
            held_unchecked=counts[HELD_UNCHECKED],
            unread=counts[UNREAD],
        )


def forget(db: Session, submission_ids: Sequence[int]) -> int:
    """Delete the feedback and everything about it; how many were deleted."""
    if not submission_ids:
        return 0
    ids = list(submission_ids)
    alert_ids = list(
        db.exec(
            select(SafeguardingAlert.id).where(col(SafeguardingAlert.submission_id).in_(ids))
        ).all()
    )
    reply_mail = list(
        db.exec(
            select(FeedbackReply.outbox_id)
            .where(col(FeedbackReply.submission_id).in_(ids))
            .where(col(FeedbackReply.outbox_id).is_not(None))
        ).all()
    )
    run: list[Any] = [
        delete(FeedbackTag).where(col(FeedbackTag.submission_id).in_(ids)),
        delete(FeedbackReply).where(col(FeedbackReply.submission_id).in_(ids)),
        delete(FeedbackActionLink).where(col(FeedbackActionLink.submission_id).in_(ids)),
        delete(ThemeItem).where(
            or_(*(col(ThemeItem.source_ref).startswith(f"{ITEM_PREFIX}{i}:") for i in ids))
        ),
    ]
    if reply_mail:
        run.append(delete(OutboxMessage).where(col(OutboxMessage.id).in_(reply_mail)))
    if alert_ids:
        run += [
            delete(SafeguardingAlertEvent).where(
                col(SafeguardingAlertEvent.alert_id).in_(alert_ids)
            ),
            delete(OutboxMessage).where(col(OutboxMessage.safeguarding_alert_id).in_(alert_ids)),
            delete(SafeguardingAlert).where(col(SafeguardingAlert.id).in_(alert_ids)),
        ]
    run.append(delete(FeedbackSubmission).where(col(FeedbackSubmission.id).in_(ids)))
    for statement in run:
        db.exec(statement)
    return len(ids)


def sweep(db: Session, now: datetime | None = None) -> Swept:
    """One sweep, in the caller's transaction."""
    now = now or utcnow()
    today = to_london(now).date()
    deleted = 0
    by_council: dict[int, int] = {}
    while batch := expired(db, today):
        deleted += forget(db, [submission_id for submission_id, _ in batch])
        for _, council_id in batch:
            by_council[council_id] = by_council.get(council_id, 0) + 1
    for council_id, count in sorted(by_council.items()):
        actor = Actor(None, ACTOR_LABEL, council_id)
        record(db, actor, "feedback.retention.deleted", submissions=count)
    kept = kept_back(db, today)
    _note_kept_back(db, kept, today)
    counters, nonces = abuse.purge(db, now)
    keys = rates.purge_keys(db, now)
    waiting = sum(sum(counts.values()) for counts in kept.values())
    return Swept(deleted, counters, keys, nonces, drafts.purge_expired(db, now), waiting)


def run_once(database: Database, now: datetime | None = None) -> Swept:
    with database.transaction() as db:
        return sweep(db, now)


def run_safely(database: Database) -> Swept | None:
    """A sweep that never raises: a failure is logged, and the next sweep tries again."""
    try:
        done = run_once(database)
    except Exception:
        log.exception("Feedback housekeeping failed; trying again next hour")
        return None
    if done.submissions:
        log.info("Feedback housekeeping: %d submission(s) past retention deleted", done.submissions)
    return done


async def run_until(stop: asyncio.Event, database: Database, every: timedelta = EVERY) -> None:
    while not stop.is_set():
        await asyncio.to_thread(run_safely, database)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every.total_seconds())


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[None]:
    """For the web service's lifespan: sweeps hourly alongside it (not on a database bound to
    one connection, the tests', whose tests sweep by hand)."""
    database: Database = app.state.db
    if database.connection is not None:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(run_until(stop, database), name="feedback-housekeeping")
    try:
        yield
    finally:
        stop.set()
        await task
