"""Stopping one person flooding the feedback form, without ever losing a real message.

Each check returns a ``QuarantineReason`` or None. A submission that fails a check is still
stored, with the reason, for a person to check: a real disclosure must not be lost to a spam
filter. The checks: the honeypot field, the signed form nonce (minimum fill time, single
use), per-client and per-link rate limits, duplicates within a day, and length limits beyond
the form's own.

Old rate counters and spent nonces are deleted by the hourly sweep (``housekeeping``), which
keeps them within 48 hours. (Submissions no longer purge now and then as well: that made
one in a hundred of them slower, holding SQLite's one writer the while, for no gain.)
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import bindparam
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.db import run_on_driver, table_of
from learning.feedback import nonces, rates
from learning.feedback.models import FeedbackSubmission
from learning.feedback.nonces import NONCE_FIELD, issue_nonce
from learning.feedback.terms import QuarantineReason

__all__ = ["HONEYPOT_FIELD", "NONCE_FIELD", "issue_nonce"]

#: A hidden text input; people leave it empty, form-filling scripts do not.
HONEYPOT_FIELD = "website"
DUPLICATE_WINDOW = timedelta(hours=24)
#: Short answers ("good", "no") are often the same from different people: only a sentence
#: repeated word for word counts as a duplicate.
DUPLICATE_MIN_WORDS = 4
MAX_ANSWERS = 60
MAX_KEY_CHARS = 60
MAX_ANSWER_CHARS = 8000
MAX_CONTACT_NAME_CHARS = 120
MAX_CONTACT_DETAIL_CHARS = 254


def check_honeypot(value: str) -> QuarantineReason | None:
    return QuarantineReason.HONEYPOT if value.strip() else None


def check_nonce(
    db: Session, settings: Settings, nonce: str, link_id: int, now: datetime
) -> QuarantineReason | None:
    return nonces.check_nonce(db, settings, nonce, link_id, now)


def check_rates(
    db: Session, settings: Settings, client_address: str, link_id: int, now: datetime
) -> QuarantineReason | None:
    """Counts this submission against both limits (both are always counted)."""
    client_key = rates.client_key(db, client_address, now)
    client_ok = rates.hit(db, client_key, rates.client_limit(settings), now)
    link_ok = rates.hit(db, rates.link_key(link_id), rates.link_limit(settings), now)
    if not client_ok:
        return QuarantineReason.CLIENT_RATE
    return None if link_ok else QuarantineReason.LINK_RATE


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def text_hash(link_id: int, answers: dict[str, str]) -> str:
    """SHA-256 of the link id and the normalised text of every answer, in key order."""
    parts = [f"{key}={normalise(answers[key])}" for key in sorted(answers)]
    return hashlib.sha256("\n".join([f"link={link_id}", *parts]).encode()).hexdigest()


def worth_comparing(answers: dict[str, str]) -> bool:
    return any(len(normalise(value).split()) >= DUPLICATE_MIN_WORDS for value in answers.values())


def check_duplicate(
    db: Session, answers: dict[str, str], digest: str, now: datetime
) -> QuarantineReason | None:
    if not worth_comparing(answers):
        return None
    values = {"digest": digest, "since": now - DUPLICATE_WINDOW}
    earlier = run_on_driver(db, _earlier_statement(), values).rows
    return QuarantineReason.DUPLICATE if earlier else None


@cache
def _earlier_statement() -> Executable:
    """Built once: every submission is compared."""
    table = table_of(FeedbackSubmission)
    since = bindparam("since", type_=table.c.submitted_at.type)
    return (
        select(table.c.id)
        .where(table.c.text_hash == bindparam("digest"), table.c.submitted_at >= since)
        .limit(1)
    )


def check_lengths(
    answers: dict[str, str], contact_name: str, contact_detail: str
) -> QuarantineReason | None:
    too_long = (
        len(answers) > MAX_ANSWERS
        or any(len(k) > MAX_KEY_CHARS or len(v) > MAX_ANSWER_CHARS for k, v in answers.items())
        or len(contact_name) > MAX_CONTACT_NAME_CHARS
        or len(contact_detail) > MAX_CONTACT_DETAIL_CHARS
    )
    return QuarantineReason.TOO_LONG if too_long else None


def trim_answers(answers: dict[str, str]) -> dict[str, str]:
    """What is kept of an over-long submission: the first answers and characters, which is
    far beyond anything the form lets a person type."""
    kept = list(answers.items())[:MAX_ANSWERS]
    return {k[:MAX_KEY_CHARS]: v[:MAX_ANSWER_CHARS] for k, v in kept}


def purge(db: Session, now: datetime) -> tuple[int, int]:
    """Delete rate counters older than 48 hours and nonces too old to be accepted."""
    return rates.purge_counters(db, now), nonces.purge_used_nonces(db, now)
