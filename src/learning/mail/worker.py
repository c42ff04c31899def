"""The background sender: every ``mail_poll_seconds``, escalate overdue safeguarding alerts
and deliver what is due in the outbox.

It runs inside the web service (started by the app's lifespan unless
``mail_sender_enabled`` is off) and as ``learning mail send``. Several may run at once (one
per server process, plus the command): claims keep them from sending a message twice. A
round that fails is logged and the loop carries on: the next round tries again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import datetime

from fastapi import FastAPI

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback.alert_jobs import (
    deployment_council_id,
    escalate_overdue,
    record_delivery,
)
from learning.feedback.triage_work import reply_headers
from learning.mail.sender import send_due

log = logging.getLogger(__name__)

#: No council has this id: without its own council in the database, a sender sends only
#: the email of no council.
NO_COUNCIL = 0


@dataclass(frozen=True)
class Round:
    escalated: int
    sent: int


def run_once(database: Database, settings: Settings, now: datetime | None = None) -> Round:
    """One round: escalations first (their emails go out in the same round), then sending.

    Only the deployment's own council (``settings.council_slug``): its alerts escalate and
    its email goes (with email of no council). A database without that council escalates
    nothing. ``now`` fixes the time (tests, simulations); otherwise each step reads the
    clock, so that a long round never claims an email with a time already past."""
    with database.transaction() as db:
        council_id = deployment_council_id(db, settings)
        escalated = 0
        if council_id is not None:
            escalated = len(escalate_overdue(db, settings, now or utcnow(), council_id))
    only = council_id if council_id is not None else NO_COUNCIL
    sent = send_due(
        database, settings, now, observer=record_delivery, council_id=only, headers=reply_headers
    )
    return Round(escalated=escalated, sent=sent)


def run_safely(database: Database, settings: Settings) -> Round | None:
    """A round that never raises: a failure is logged, and the next round tries again."""
    try:
        done = run_once(database, settings)
    except Exception:
        log.exception("The mail sender's round failed; trying again next round")
        return None
    if done.escalated or done.sent:
        log.info("Mail sender: %d alert(s) escalated, %d email(s) sent", done.escalated, done.sent)
    return done


async def run_until(stop: asyncio.Event, database: Database, settings: Settings) -> None:
    """Rounds every ``mail_poll_seconds`` until ``stop`` is set (each in a worker thread: the
    database and SMTP calls block)."""
    while not stop.is_set():
        await asyncio.to_thread(run_safely, database, settings)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.mail_poll_seconds)


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[None]:
    """For the web service's lifespan: runs the sender alongside it when enabled."""
    settings: Settings = app.state.settings
    if not settings.mail_sender_enabled:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(run_until(stop, app.state.db, settings), name="mail-sender")
    try:
        yield
    finally:
        stop.set()
        await task
