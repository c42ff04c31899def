"""A real SMTP server for tests: aiosmtpd on 127.0.0.1 at a free port, keeping what it gets."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Inbox:
    """What the server received, in order; ``port`` is where it listens."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    received: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.received:
            self.messages.append(parsed)  # type: ignore[arg-type]
            self.received.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[EmailMessage]:
        """Wait until ``count`` messages have arrived (or fail after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        with self.received:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"expected {count} email(s), got {len(self.messages)}"
                self.received.wait(left)
            return list(self.messages)

    def wait_for_subject(self, subject: str, timeout: float = 30.0) -> EmailMessage:
        """Wait until an email with ``subject`` has arrived; return it."""
        deadline = time.monotonic() + timeout
        with self.received:
            while True:
                found = [m for m in self.messages if m["Subject"] == subject]
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                assert left > 0, f"no email with the subject {subject!r}"
                self.received.wait(left)


def free_port() -> int:
    """A port nothing listens on (bound and released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()


class Refuses:
    """An SMTP handler that refuses one recipient and delivers the rest to ``inbox``."""

    def __init__(self, address: str, inbox: Inbox, reply: str = "550 No such mailbox here") -> None:
        self.address, self.inbox, self.reply = address, inbox, reply

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # type: ignore[no-untyped-def] # noqa: N802
        if address == self.address:
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def] # noqa: N802
        return await self.inbox.handle_DATA(server, session, envelope)


@contextmanager
def refusing_server(
    address: str, inbox: Inbox, reply: str = "550 No such mailbox here"
) -> Iterator[int]:
    """An SMTP server on its own port (yielded) that refuses ``address`` with ``reply`` and
    delivers the rest to ``inbox``."""
    controller = Controller(Refuses(address, inbox, reply), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()
