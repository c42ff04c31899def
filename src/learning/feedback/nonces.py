"""The signed form nonce: proof that a submission comes from a form we rendered, not long ago
and not too quickly, and only once.

The nonce is signed with itsdangerous and carries the link id, a random part and the time it
was issued. It is not a secret and not an identity: it is anti-automation. Spending it
inserts a hash of its signed random part into ``UsedNonce``; a second use finds the row and
counts as a duplicate. The hash is of the signed content, never of the string as sent: the
signature's base64 decoding skips characters outside its alphabet, so one nonce can be sent
in many spellings that all check.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import run_on_driver, table_of
from learning.core.security import token_hash
from learning.core.signing import serializer
from learning.feedback.models import UsedNonce
from learning.feedback.terms import QuarantineReason

NONCE_FIELD = "form_nonce"
NONCE_SALT = "feedback-form-nonce"
NONCE_MAX_AGE = timedelta(hours=2)
#: What checking a nonce found, and the key it is spent under (None when not spent).
NonceCheck = tuple[QuarantineReason | None, str | None]


def min_fill_time(settings: Settings) -> timedelta:
    """Faster than this from page to submit is a script, not a person
    (``LEARNING_FEEDBACK_MIN_FILL_SECONDS``, 3 seconds unless changed)."""
    return timedelta(seconds=settings.feedback_min_fill_seconds)


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return serializer(settings.effective_secret, NONCE_SALT)


def issue_nonce(settings: Settings, link_id: int, now: datetime | None = None) -> str:
    """A fresh nonce for one rendering of the form for this link."""
    issued = (now or utcnow()).timestamp()
    return _serializer(settings).dumps({"l": link_id, "r": secrets.token_urlsafe(12), "t": issued})


def issued_at(settings: Settings, nonce: str, link_id: int) -> datetime | None:
    """When a genuine nonce for this link was issued; None when forged, mangled or for
    another link."""
    read = _read(settings, nonce, link_id)
    return read[0] if read else None


def _read(settings: Settings, nonce: str, link_id: int) -> tuple[datetime, str] | None:
    """When a genuine nonce for this link was issued, and the key it is spent under (its
    link and random part, as signed); None when forged, mangled or for another link."""
    try:
        payload = _serializer(settings).loads(nonce)
    except BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("l") != link_id:
        return None
    stamp, random_part = payload.get("t"), payload.get("r")
    if not isinstance(stamp, int | float) or not isinstance(random_part, str):
        return None
    return datetime.fromtimestamp(stamp, UTC), f"{link_id}:{random_part}"


def check_nonce(
    db: Session, settings: Settings, nonce: str, link_id: int, now: datetime | None = None
) -> QuarantineReason | None:
    """None for a genuine, fresh, first use after the minimum fill time. Spends the nonce
    whenever it is genuine, so it cannot be used again."""
    return check_and_spend(db, settings, nonce, link_id, now)[0]


def check_and_spend(
    db: Session, settings: Settings, nonce: str, link_id: int, now: datetime | None = None
) -> NonceCheck:
    """``check_nonce``'s answer, and the key the nonce is spent under (the same for every
    spelling of it) when it is genuine and young enough to be spent; else None. Read once:
    sending needs both, and checking the signature is most of the work."""
    now = now or utcnow()
    read = _read(settings, nonce, link_id)
    if read is None:
        return QuarantineReason.BAD_NONCE, None
    issued, key = read
    if issued > now + timedelta(seconds=5) or now - issued > NONCE_MAX_AGE:
        return QuarantineReason.BAD_NONCE, None
    if not spend(db, key, now):
        return QuarantineReason.DUPLICATE, key
    if now - issued < min_fill_time(settings):
        return QuarantineReason.TOO_FAST, key
    return None, key


def spend(db: Session, key: str, now: datetime) -> bool:
    """Mark the nonce spent under ``key`` used; False when it already was (even by a racing
    request)."""
    statement = _spend_statement(db.get_bind().dialect.name)
    values = {"nonce_hash": token_hash(key), "used_at": now}
    return bool(run_on_driver(db, statement, values).rows)


@cache
def _spend_statement(dialect: str) -> Executable:
    """Built once per database dialect: every submission spends a nonce."""
    table = table_of(UsedNonce)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(
        nonce_hash=bindparam("nonce_hash", type_=table.c.nonce_hash.type),
        used_at=bindparam("used_at", type_=table.c.used_at.type),
    )
    return statement.on_conflict_do_nothing().returning(table.c.nonce_hash)


def purge_used_nonces(db: Session, now: datetime | None = None) -> int:
    """Forget nonces too old to be accepted anyway."""
    cutoff = (now or utcnow()) - NONCE_MAX_AGE - timedelta(minutes=5)
    table = table_of(UsedNonce)
    return db.connection().execute(delete(table).where(table.c.used_at < cutoff)).rowcount
