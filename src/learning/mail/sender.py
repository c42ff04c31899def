"""Delivering the outbox over SMTP, with retries.

``send_due`` takes the messages whose time has come, claims each one (a conditional UPDATE,
so two senders running at once never both take a message), sends it, and records the result
in a short transaction of its own: the SMTP conversation never happens inside a database
transaction. A failure is kept with its error and tried again later, each wait twice the
last (``mail_retry_seconds``, doubling, at most an hour). Nothing is ever dropped. A sender
that dies between claiming and recording leaves the claim to lapse after CLAIM_SECONDS, and
the message is tried again (delivered at least once).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import update
from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database, affected_rows
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus

CLAIM_SECONDS = 120
MAX_WAIT_SECONDS = 3600
SMTP_TIMEOUT_SECONDS = 10
BATCH = 50

#: Told of each attempt, inside the transaction that records it: (db, message, error or None).
Observer = Callable[[Session, OutboxMessage, str | None], None]


def send_due(
    database: Database,
    settings: Settings,
    now: datetime | None = None,
    observer: Observer | None = None,
) -> int:
    """Send what is due now. Returns how many messages were sent."""
    now = now or utcnow()
    sent = 0
    with _Connection(settings) as smtp:
        for message_id in _due_ids(database, now):
            message = _claim(database, message_id, now)
            if message is None:
                continue  # another sender has it
            error = smtp.send(_email(settings, message))
            _record(database, settings, message.id, now, error, observer)  # type: ignore[arg-type]
            sent += error is None
            if error is not None and smtp.broken:
                break  # the server is unreachable: the rest wait for the next round
    return sent


def backoff(settings: Settings, attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    seconds = settings.mail_retry_seconds * 2 ** min(max(attempts - 1, 0), 20)
    return timedelta(seconds=min(seconds, MAX_WAIT_SECONDS))


def _due_ids(database: Database, now: datetime) -> list[int]:
    with database.transaction() as db:
        query = (
            select(OutboxMessage.id)
            .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
            .where(col(OutboxMessage.next_attempt_at) <= now)
            .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
            .limit(BATCH)
        )
        return [i for i in db.exec(query) if i is not None]


def _claim(database: Database, message_id: int, now: datetime) -> OutboxMessage | None:
    with database.transaction() as db:
        claimed = db.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
            .where(col(OutboxMessage.next_attempt_at) <= now)
            .values(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
        )
        if affected_rows(claimed) != 1:
            return None
        return db.get(OutboxMessage, message_id)


def _record(
    database: Database,
    settings: Settings,
    message_id: int,
    now: datetime,
    error: str | None,
    observer: Observer | None,
) -> None:
    with database.transaction() as db:
        message = db.get(OutboxMessage, message_id)
        if message is None:
            return
        if error is None:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT, now, ""
        elif message.status is OutboxStatus.PENDING:
            message.attempts += 1
            message.last_error = error[:500]
            message.next_attempt_at = now + backoff(settings, message.attempts)
        db.add(message)
        db.flush()
        if observer is not None:
            observer(db, message, error)


def _email(settings: Settings, message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(utcnow())
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    return email


class _Connection:
    """One SMTP connection for a round, opened when the first message needs it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.broken = False

    def __enter__(self) -> _Connection:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (smtplib.SMTPException, OSError):
                self.smtp.close()

    def send(self, email: EmailMessage) -> str | None:
        """Send one email; None when sent, else what went wrong."""
        try:
            if self.smtp is None:
                self.smtp = self._open()
            self.smtp.send_message(email)
            return None
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as refused:
            return f"{type(refused).__name__}: {refused}"
        except (smtplib.SMTPException, OSError) as failure:
            self.broken = True
            return f"{type(failure).__name__}: {failure}"

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
        try:
            if s.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password)
        except BaseException:
            smtp.close()
            raise
        return smtp
