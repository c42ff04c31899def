"""Feedback links: creating, finding and consuming them.

A link's token is 256 random bits; only its SHA-256 hash is stored. Each link also has a
short code (8 characters from an alphabet without look-alikes) that can be typed at ``/s``.
A personal link is single use: it is consumed atomically when the form is submitted, not
when it is opened, so twenty simultaneous submits give exactly one success.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.security import new_token, token_hash
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind, LinkSubject

#: No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read aloud or from paper is typed right first time.
SHORT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
SHORT_CODE_LENGTH = 8
PERSONAL_LINK_DAYS = 28
TIMED_LINK_DAYS = 14


@dataclass(frozen=True)
class NewLink:
    link: FeedbackLink
    token: str  # shown once, in the link's URL; never stored


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalise_short_code(text: str) -> str:
    """What a person typed, as stored: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def default_expiry(kind: LinkKind, now: datetime | None = None) -> datetime | None:
    now = now or utcnow()
    if kind is LinkKind.PERSONAL:
        return now + timedelta(days=PERSONAL_LINK_DAYS)
    if kind is LinkKind.TIMED:
        return now + timedelta(days=TIMED_LINK_DAYS)
    return None


def create_link(
    db: Session,
    *,
    council_id: int,
    team_id: int,
    kind: LinkKind,
    title: str,
    subject: LinkSubject = LinkSubject.TEAM,
    worker_id: int | None = None,
    form_kind: FormKind | None = None,
    expires_at: datetime | None = None,
    retention_days: int = 730,
    created_by_id: int | None = None,
) -> NewLink:
    token = new_token()
    link = FeedbackLink(
        council_id=council_id,
        team_id=team_id,
        kind=kind,
        subject=subject,
        worker_id=worker_id,
        title=title,
        form_kind=form_kind,
        token_hash=token_hash(token),
        short_code=_unused_short_code(db),
        expires_at=expires_at if expires_at is not None else default_expiry(kind),
        retention_days=retention_days,
        created_by_id=created_by_id,
    )
    db.add(link)
    db.flush()
    return NewLink(link=link, token=token)


def _unused_short_code(db: Session) -> str:
    while True:
        code = new_short_code()
        if db.exec(select(FeedbackLink.id).where(FeedbackLink.short_code == code)).first() is None:
            return code


def is_open(link: FeedbackLink, now: datetime | None = None) -> bool:
    """Whether the link still takes feedback: not revoked, not expired, not used up."""
    now = now or utcnow()
    if link.revoked_at is not None:
        return False
    if link.expires_at is not None and link.expires_at <= now:
        return False
    return not (link.kind is LinkKind.PERSONAL and link.used_at is not None)


def find_by_token(db: Session, token: str) -> FeedbackLink | None:
    """The open link with this token, or None (unknown, revoked, expired or used alike)."""
    link = db.exec(select(FeedbackLink).where(FeedbackLink.token_hash == token_hash(token))).first()
    return link if link is not None and is_open(link) else None


def find_by_short_code(db: Session, code: str) -> FeedbackLink | None:
    code = normalise_short_code(code)
    if len(code) != SHORT_CODE_LENGTH:
        return None
    link = db.exec(select(FeedbackLink).where(FeedbackLink.short_code == code)).first()
    return link if link is not None and is_open(link) else None


def consume(db: Session, link: FeedbackLink, now: datetime | None = None) -> bool:
    """Count one use of the link, atomically. For a single-use link only the first caller
    gets True; every caller after it (or racing it) gets False. Also False for a link that
    was revoked or expired since it was opened."""
    now = now or utcnow()
    table = FeedbackLink.__table__  # type: ignore[attr-defined]
    conditions = [
        table.c.id == link.id,
        table.c.revoked_at.is_(None),
        or_(table.c.expires_at.is_(None), table.c.expires_at > now),
    ]
    values: dict[str, object] = {"use_count": table.c.use_count + 1}
    if link.kind is LinkKind.PERSONAL:
        conditions.append(table.c.used_at.is_(None))
        values["used_at"] = now
    result = db.connection().execute(update(table).where(*conditions).values(**values))
    return result.rowcount == 1


def revoke(db: Session, link: FeedbackLink, by_id: int | None) -> None:
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        link.revoked_by_id = by_id
        db.add(link)
        db.flush()
