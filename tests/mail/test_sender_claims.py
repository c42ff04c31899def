"""Two senders at once never send one message twice, even when a round runs longer than a
claim lasts (a slow mail server, many messages): each claim is made with the time at that
claim, not the time the round began. On a database of the test's own, with a slow SMTP
server and a clock that runs SPEED times faster than the wall clock.

The margins are wide, so that a busy machine cannot make a claim lapse while its message is
being sent (which would be a sound second delivery, not the fault this test looks for): a
claim lasts CLAIM_SECONDS / SPEED = 2.1 s of wall clock, a message takes SMTP_DELAY = 0.3 s,
and a round of COUNT messages at least COUNT * SMTP_DELAY = 3 s, well past a claim."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from learning.core.db import Database
from learning.mail import sender
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from tests.mail.test_sender import queue, settings_for
from tests.support.smtp import Inbox, free_port

START = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
SPEED = 200  # simulated seconds a wall-clock second
SMTP_DELAY = 0.3  # wall-clock seconds a message: 60 simulated seconds
COUNT = 10
CLAIM_WALL = sender.CLAIM_SECONDS / SPEED  # 2.1 wall-clock seconds


class _Slow:
    """Takes SMTP_DELAY to accept each message, then keeps it in ``inbox``."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        await asyncio.sleep(SMTP_DELAY)
        return await self.inbox.handle_DATA(server, session, envelope)


def test_a_slow_round_keeps_its_claims_and_nothing_is_sent_twice(
    own_database: tuple[str, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    _url, database = own_database
    began = time.monotonic()
    monkeypatch.setattr(
        sender, "utcnow", lambda: START + timedelta(seconds=(time.monotonic() - began) * SPEED)
    )
    inbox = Inbox()
    server = Controller(_Slow(inbox), hostname="127.0.0.1", port=free_port())
    server.start()
    try:
        queue(database, count=COUNT, now=START)
        settings = settings_for(server.port)
        counts: list[int] = []

        def send(after: float) -> None:
            time.sleep(after)
            counts.append(sender.send_due(database, settings))

        # The others start once the first has been at it longer than a claim lasts: had its
        # claims been made with the time its round began, the message it is sending then (and
        # each it had claimed) would be due for them again.
        starts = (0.0, CLAIM_WALL + 0.2, CLAIM_WALL + 0.4)
        threads = [threading.Thread(target=send, args=(after,)) for after in starts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.stop()

    subjects = Counter(m["Subject"] for m in inbox.messages)
    assert {s: n for s, n in subjects.items() if n > 1} == {}, "sent twice"
    assert sorted(subjects) == sorted(f"Message {n}" for n in range(COUNT))
    assert sum(counts) == COUNT
    with database.session() as db:
        assert {m.status for m in db.exec(select(OutboxMessage))} == {OutboxStatus.SENT}
