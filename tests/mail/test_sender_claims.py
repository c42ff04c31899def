"""Two senders at once never send one message twice, even when a round runs longer than a
claim lasts (a slow mail server, many messages): each claim is made with the time at that
claim, not the time the round began. On a database of the test's own, with a slow SMTP
server and a clock that runs 300 times faster than the wall clock."""

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
SPEED = 300  # simulated seconds a wall-clock second
SMTP_DELAY = 0.3  # wall-clock seconds a message: 90 simulated seconds


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
        queue(database, count=8, now=START)
        settings = settings_for(server.port)
        counts: list[int] = []

        def send(after: float) -> None:
            time.sleep(after)
            counts.append(sender.send_due(database, settings))

        # The second sender starts when the first has been at it ~180 simulated seconds: past
        # the 120 a claim lasted from the start of the first one's round.
        threads = [threading.Thread(target=send, args=(after,)) for after in (0.0, 0.6, 1.2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        server.stop()

    subjects = Counter(m["Subject"] for m in inbox.messages)
    assert {s: n for s, n in subjects.items() if n > 1} == {}, "sent twice"
    assert sorted(subjects) == sorted(f"Message {n}" for n in range(8))
    assert sum(counts) == 8
    with database.session() as db:
        assert {m.status for m in db.exec(select(OutboxMessage))} == {OutboxStatus.SENT}
