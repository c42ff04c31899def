"""Putting an email in the outbox.

An email is a row first, written in the same transaction as the thing that needs it: if that
transaction rolls back, no email goes; if it commits, the sender delivers it (retrying until
it is sent). Nothing here talks to an SMTP server.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from learning.core.clock import utcnow
from learning.mail.models import OutboxMessage

SUBJECT_LIMIT = 200


def enqueue(
    db: Session,
    *,
    to_address: str,
    subject: str,
    body: str,
    kind: str,
    council_id: int | None = None,
    safeguarding_alert_id: int | None = None,
    now: datetime | None = None,
) -> OutboxMessage:
    """Add an email to the outbox, due at once. Flushes; never commits."""
    to_address = to_address.strip()
    if not to_address or "\n" in to_address or "\r" in to_address:
        raise ValueError("An email needs one address on one line")
    message = OutboxMessage(
        council_id=council_id,
        kind=kind,
        to_address=to_address,
        subject=_one_line(subject)[:SUBJECT_LIMIT],
        body=body,
        safeguarding_alert_id=safeguarding_alert_id,
        next_attempt_at=now or utcnow(),
        created_at=now or utcnow(),
    )
    db.add(message)
    db.flush()
    return message


def _one_line(text: str) -> str:
    """Headers are one line: a newline in a subject could inject headers."""
    return " ".join(text.split())
