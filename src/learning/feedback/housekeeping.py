"""Feedback's housekeeping: nothing is kept longer than the privacy notices and the limits say.

Every hour (in the web service, and as ``learning feedback sweep``), in one transaction:

- Feedback past its link's retention (the day after ``delete_after``, the last day it may be
  kept) is deleted with everything about it: its tags, the replies sent to the person and
  their emails, its links to actions, its answers in the theme engine, and its safeguarding
  alert with the alert's trail and emails. The alert's outcome (a referral, the police) is
  recorded where the child's case is; here it goes with the words it was about. Feedback
  whose alert is still open waits until the alert is closed: a worry is never deleted
  before a person has dealt with it.
- Rate-limit counters and the days' keys that hashed addresses for them older than 48
  hours, spent form nonces, and saved forms past their expiry.

A sweep that deleted feedback is recorded in the audit log, with how much and never what.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.core.clock import to_london, utcnow
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
from learning.feedback.terms import AlertStatus
from learning.mail.models import OutboxMessage
from learning.themes.models import ThemeItem

log = logging.getLogger(__name__)

EVERY = timedelta(hours=1)
#: Deleted in batches, so that one sweep never holds the database's write turn for long.
BATCH = 500
#: Who the audit log says deleted feedback past its retention.
ACTOR_LABEL = "feedback housekeeping"


@dataclass(frozen=True)
class Swept:
    submissions: int = 0
    counters: int = 0
    keys: int = 0
    nonces: int = 0
    drafts: int = 0


def expired(db: Session, today: date, limit: int = BATCH) -> list[tuple[int, int]]:
    """(id, council id) of feedback past its retention on ``today`` (UK date), oldest first,
    but for feedback whose safeguarding alert is still open."""
    open_alert = (
        select(SafeguardingAlert.id)
        .where(SafeguardingAlert.submission_id == FeedbackSubmission.id)
        .where(SafeguardingAlert.status != AlertStatus.CLOSED)
        .exists()
    )
    query = (
        select(FeedbackSubmission.id, FeedbackSubmission.council_id)
        .where(FeedbackSubmission.delete_after < today)
        .where(~open_alert)
        .order_by(col(FeedbackSubmission.delete_after), col(FeedbackSubmission.id))
        .limit(limit)
    )
    return [(int(i), int(c)) for i, c in db.exec(query).all() if i is not None]


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
    counters, nonces = abuse.purge(db, now)
    keys = rates.purge_keys(db, now)
    return Swept(deleted, counters, keys, nonces, drafts.purge_expired(db, now))


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
