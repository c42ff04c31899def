"""Delivering the outbox over SMTP, with retries.

``send_due`` takes the messages whose time has come, claims each one (a conditional UPDATE,
so two senders running at once never both take a message), sends it, and records the result
in a short transaction of its own: the SMTP conversation never happens inside a database
transaction.

Claims: each claim is made with the time read at that claim (not when the round began), and
lasts CLAIM_SECONDS, longer than one message can take to send (opening the connection is a
few SMTP commands, each limited to SMTP_TIMEOUT_SECONDS; sending the message is four, each
limited to REPLY_TIMEOUT_SECONDS). A round stops taking new messages after ROUND_SECONDS,
so that a server slow to answer never holds off the escalations that run between rounds.
So however long a round runs (a slow server, many messages), a message being sent is never
due for another sender. A sender that dies between claiming and recording leaves the claim
to lapse, and the message is tried again (delivered at least once).

Failures: a transient one (the server unreachable, a 4xx reply) is kept with its error and
tried again later, each wait twice the last (``mail_retry_seconds``, doubling), at most an
hour, or URGENT_MAX_WAIT_SECONDS for a message about a safeguarding alert. A permanent
refusal (a 5xx reply to the message: no such mailbox, message rejected) is not retried: the
message is marked FAILED with the server's reply, and the observer is told.

Order: messages about the same safeguarding alert to the same address go in the order they
were queued. One is not sent while an earlier one about that alert to that address is still
pending, so an alert's own email is never overtaken by its escalations after an outage. An
escalation to another address (``LEARNING_SAFEGUARDING_ESCALATION_EMAIL``) never waits for
the inbox's email: when that inbox is the one failing, the escalation is how someone hears.

Councils: ``council_id`` limits a sender to one council's messages (and those of none), for
a database that holds more than one council.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from sqlalchemy import exists, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database, affected_rows
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus

#: The longest wait while sending one message's commands: MAIL, RCPT, DATA, the message's
#: end, and a RSET after a refusal (a message to several people has an RCPT each).
SEND_COMMANDS = 5
#: How long a round goes on taking new messages: a server slow to answer each command must
#: not hold the round (and the escalations run between rounds) for hours.
ROUND_SECONDS = 120
MAX_WAIT_SECONDS = 3600
#: The longest wait between attempts at an email about a safeguarding alert (the alert and
#: its escalations). Five minutes: once the server is back such an email goes within five
#: minutes (plus a poll), well inside the 30-minute acknowledgement window, while a server
#: that stays down costs at most twelve attempts an hour for each such message (and one
#: entry in the alert's trail, not one an attempt).
URGENT_MAX_WAIT_SECONDS = 300
SMTP_TIMEOUT_SECONDS = 10  # connecting, and each command while the connection opens
#: The wait for each reply while a message is sent, above all the one after its end: a
#: server that filters what it takes may answer only after many seconds (RFC 5321 allows it
#: ten minutes). Giving up sooner sent the same alert again at each try (five copies, while
#: the outbox said it had failed). A minute keeps a server that has hung from holding up the
#: alerts behind it for long.
REPLY_TIMEOUT_SECONDS = 60
#: Opening a connection: connect, the greeting, EHLO, STARTTLS, EHLO again, AUTH.
OPEN_COMMANDS = 6
#: A claim outlasts the longest one message can take to send, with a minute to spare.
CLAIM_SECONDS = (
    OPEN_COMMANDS * SMTP_TIMEOUT_SECONDS + SEND_COMMANDS * REPLY_TIMEOUT_SECONDS + 60
)
BATCH = 50
REPLY_LIMIT = 300

#: Told of each attempt, inside the transaction that records it: (db, message, error or None).
#: A message refused for good has the status FAILED when the observer is told.
Observer = Callable[[Session, OutboxMessage, str | None], None]
#: The headers one email has beyond the usual, or in their place (None takes one out), from
#: what it is: the capability that wrote it knows (a Reply-To on a reply a person wrote).
Headers = Callable[[Settings, OutboxMessage], Mapping[str, str | None]]
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Failure:
    """Why one message did not go; ``permanent`` when the server refused it for good."""

    error: str
    permanent: bool = False


def send_due(
    database: Database,
    settings: Settings,
    now: datetime | None = None,
    observer: Observer | None = None,
    *,
    clock: Clock | None = None,
    council_id: int | None = None,
    headers: Headers | None = None,
) -> int:
    """Send what is due. Returns how many messages were sent.

    The time is read from ``clock`` at each step (finding what is due, each claim, each
    result); by default the real time. ``now`` fixes the clock at that moment (for tests and
    simulations). ``council_id`` sends only that council's messages and those of no council.
    ``headers`` gives each email's own headers (see ``Headers``).
    """
    if clock is None:
        clock = (lambda: now) if now is not None else (lambda: utcnow())
    sent, tried = 0, set[int]()
    stop_at = time.monotonic() + ROUND_SECONDS
    with _Connection(settings) as smtp:
        while not smtp.broken and time.monotonic() < stop_at:
            # Again while sending made more due: the next email about the same alert.
            due = [i for i in _due_ids(database, clock(), council_id) if i not in tried]
            if not due:
                break
            for message_id in due:
                tried.add(message_id)
                message = _claim(database, message_id, clock())
                if message is None:
                    continue  # another sender has it, or an earlier email about its alert waits
                failure = smtp.send(_email(settings, message, headers))
                _record(database, settings, message_id, clock(), failure, observer)
                sent += failure is None
                if failure is not None and smtp.broken:
                    break  # the server is unreachable: the rest wait for the next round
                if time.monotonic() >= stop_at:
                    break  # a slow server: the rest wait, and escalations run in between
    return sent


def backoff(settings: Settings, attempts: int, urgent: bool = False) -> timedelta:
    """The wait after the ``attempts``-th failed attempt; ``urgent`` for an email about a
    safeguarding alert, which waits at most URGENT_MAX_WAIT_SECONDS."""
    seconds = settings.mail_retry_seconds * 2 ** min(max(attempts - 1, 0), 20)
    cap = URGENT_MAX_WAIT_SECONDS if urgent else MAX_WAIT_SECONDS
    return timedelta(seconds=min(seconds, cap))


def _not_overtaking() -> Any:
    """No earlier message about the same safeguarding alert to the same address is still
    pending."""
    earlier = aliased(OutboxMessage)
    return ~exists().where(
        col(earlier.safeguarding_alert_id) == col(OutboxMessage.safeguarding_alert_id),
        col(earlier.to_address) == col(OutboxMessage.to_address),
        col(earlier.status) == OutboxStatus.PENDING,
        col(earlier.id) < col(OutboxMessage.id),
    )


def _due_ids(database: Database, now: datetime, council_id: int | None) -> list[int]:
    with database.transaction() as db:
        query = (
            select(OutboxMessage.id)
            .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
            .where(col(OutboxMessage.next_attempt_at) <= now)
            .where(_not_overtaking())
            .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
            .limit(BATCH)
        )
        if council_id is not None:
            query = query.where(
                or_(
                    col(OutboxMessage.council_id).is_(None),
                    col(OutboxMessage.council_id) == council_id,
                )
            )
        return [i for i in db.exec(query) if i is not None]


def _claim(database: Database, message_id: int, now: datetime) -> OutboxMessage | None:
    """Take the message until ``now`` + CLAIM_SECONDS, ``now`` being the time of this claim."""
    with database.transaction() as db:
        claimed = db.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
            .where(col(OutboxMessage.next_attempt_at) <= now)
            .where(_not_overtaking())
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
    failure: Failure | None,
    observer: Observer | None,
) -> None:
    with database.transaction() as db:
        message = db.get(OutboxMessage, message_id)
        if message is None:
            return
        if failure is None:
            message.status, message.sent_at, message.last_error = OutboxStatus.SENT, now, ""
        elif message.status is OutboxStatus.PENDING:
            message.attempts += 1
            message.last_error = failure.error[:500]
            if failure.permanent:
                message.status = OutboxStatus.FAILED
            else:
                urgent = message.safeguarding_alert_id is not None
                message.next_attempt_at = now + backoff(settings, message.attempts, urgent)
        db.add(message)
        db.flush()
        if observer is not None:
            observer(db, message, None if failure is None else failure.error)


def _email(
    settings: Settings, message: OutboxMessage, headers: Headers | None = None
) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(utcnow())
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    email["Auto-Submitted"] = "auto-generated"
    for name, value in (headers(settings, message) if headers else {}).items():
        del email[name]
        if value is not None:
            email[name] = value
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

    def send(self, email: EmailMessage) -> Failure | None:
        """Send one email; None when sent, else what went wrong."""
        try:
            if self.smtp is None:
                self.smtp = self._open()
            self.smtp.send_message(email)
            return None
        except smtplib.SMTPRecipientsRefused as refused:
            replies = list(refused.recipients.values())
            code, text = replies[0] if replies else (0, b"")
            permanent = bool(replies) and all(500 <= c < 600 for c, _ in replies)
            self._note_if_closed()
            return _refusal(type(refused).__name__, code, text, permanent)
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as refused:
            reply_code, reply = refused.smtp_code, refused.smtp_error
            self._note_if_closed()
            return _refusal(type(refused).__name__, reply_code, reply, 500 <= reply_code < 600)
        except (smtplib.SMTPException, OSError) as failure:
            self.broken = True
            return Failure(f"{type(failure).__name__}: {failure}")

    def _note_if_closed(self) -> None:
        """After a reply that closed the connection (421: the server is going away, which
        smtplib answers by closing it), the round stops: the next message would be charged
        with a failure on a connection that no longer exists, before the server was asked."""
        if self.smtp is not None and self.smtp.sock is None:
            self.broken = True

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
        if smtp.sock is not None:
            smtp.sock.settimeout(REPLY_TIMEOUT_SECONDS)
        return smtp


def _refusal(name: str, code: int, text: bytes | str, permanent: bool) -> Failure:
    """The server's reply to one message, on one line: "550 No such mailbox here" when it is
    refused for good, with the exception's name before it when it may be tried again."""
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    reply = f"{code} {' '.join(said.split())}"[:REPLY_LIMIT]
    return Failure(reply if permanent else f"{name}: {reply}", permanent=permanent)


#: What a failure that will be tried again means, by the name of what was raised: staff
#: read the words; the name and message stay in the outbox row (``last_error``).
_WORDS_FOR = {
    "TimeoutError": "the mail server did not answer in time",
    "timeout": "the mail server did not answer in time",
    "SMTPAuthenticationError": "the service could not sign in to the mail server",
    "SMTPNotSupportedError": "the mail server would not take it the way it was sent",
}
_UNREACHABLE = "the mail server could not be reached"
#: Failures that carry the server's own reply ("451 Try again later").
_REPLIES = frozenset({"SMTPRecipientsRefused", "SMTPDataError", "SMTPSenderRefused"})


def in_plain_words(error: str) -> str:
    """A failure that will be tried again (as ``Failure.error`` words it), for staff: no
    Python exception names; the mail server's own reply, when it gave one."""
    name, _, detail = error.partition(": ")
    if name in _REPLIES and detail:
        return f"the mail server asked for it to be sent later (its reply: {detail})"
    if name in _WORDS_FOR:
        return _WORDS_FOR[name]
    if name.startswith("SMTP") and name not in ("SMTPConnectError", "SMTPServerDisconnected"):
        return "the mail server could not take it"
    return _UNREACHABLE
