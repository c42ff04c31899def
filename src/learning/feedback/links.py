"""Feedback links: creating, finding and consuming them.

A link's token is 256 random bits; only its SHA-256 hash is stored. Each link also has a
short code (8 characters from an alphabet without look-alikes) that can be typed at ``/s``.
A poster's or time-limited link's code is public (printed, shown on the link's page) and is
stored as it is. A personal link's code opens one person's link as surely as its address,
so, like the receipt codes, only a keyed hash of it is stored (:func:`short_code_hash`): it
is shown once, when the link is made (:class:`NewLink`), and the database alone cannot open
the link.

A personal link is single use: it is consumed atomically when the form is submitted, not
when it is opened, so twenty simultaneous submits give exactly one success.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache

from sqlalchemy import and_, bindparam, or_, update
from sqlalchemy.sql.expression import ColumnElement, Executable
from sqlmodel import Session, col, select

from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.core.db import run_on_driver, table_of
from learning.core.security import keyed_hash, new_token, token_hash
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind, LinkSubject

#: No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read aloud or from paper is typed right first time.
SHORT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
SHORT_CODE_LENGTH = 8
PERSONAL_LINK_DAYS = 28
TIMED_LINK_DAYS = 14


@dataclass(frozen=True)
class NewLink:
    """A link just made or re-issued, with what opens it, for the one response that shows
    them (carried on sealed: :mod:`learning.feedback.link_reveal`)."""

    link: FeedbackLink
    token: str  # shown once, in the link's URL; never stored
    short_code: str  # as typed; a personal link's is shown once too (only its hash is stored)


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalise_short_code(text: str) -> str:
    """What a person typed, as a code: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def short_code_hash(settings: Settings, code: str) -> str:
    """How a personal link's code is stored: a keyed hash (64 hex characters), so that
    someone who can read the database or a backup cannot open the link with it."""
    return keyed_hash(settings.effective_secret, f"feedback-link-code:{normalise_short_code(code)}")


def stored_short_code(settings: Settings, kind: LinkKind, code: str) -> str:
    """How the code of a link of this kind is stored: hashed for a personal link (for one
    person only); as it is for a poster or time-limited link (public: printed and shown)."""
    if kind is LinkKind.PERSONAL:
        return short_code_hash(settings, code)
    return normalise_short_code(code)


def shown_short_code(link: FeedbackLink) -> str | None:
    """The link's code, if it may be shown again (a poster's or time-limited link's); None
    for a personal link, whose code is shown only when it is made."""
    return None if link.kind is LinkKind.PERSONAL else link.short_code


def typed_code(text: str, length: int) -> str | None:
    """What a person typed, as a raw code of ``length`` characters from the codes' alphabet;
    None when it cannot be such a code."""
    raw = normalise_short_code(text)
    if len(raw) != length or any(ch not in SHORT_CODE_ALPHABET for ch in raw):
        return None
    return raw


def default_expiry(kind: LinkKind, now: datetime | None = None) -> datetime | None:
    now = now or utcnow()
    if kind is LinkKind.PERSONAL:
        return now + timedelta(days=PERSONAL_LINK_DAYS)
    if kind is LinkKind.TIMED:
        return now + timedelta(days=TIMED_LINK_DAYS)
    return None


def create_link(
    db: Session,
    settings: Settings,
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
    """A new link, with its token and short code (only the token's hash is stored, and a
    personal link's code only as a hash too). ``settings`` gives the secret the codes of
    personal links are hashed with."""
    token, code = new_token(), _unused_short_code(db, settings)
    link = FeedbackLink(
        council_id=council_id,
        team_id=team_id,
        kind=kind,
        subject=subject,
        worker_id=worker_id,
        title=title,
        form_kind=form_kind,
        token_hash=token_hash(token),
        short_code=stored_short_code(settings, kind, code),
        expires_at=expires_at if expires_at is not None else default_expiry(kind),
        retention_days=retention_days,
        created_by_id=created_by_id,
    )
    db.add(link)
    db.flush()
    return NewLink(link=link, token=token, short_code=code)


def _unused_short_code(db: Session, settings: Settings) -> str:
    """A code no link has, stored in either form: a poster's code must not be a personal
    link's code (kept hashed), nor the other way round."""
    while True:
        code = new_short_code()
        forms = (code, short_code_hash(settings, code))
        taken = select(FeedbackLink.id).where(col(FeedbackLink.short_code).in_(forms))
        if db.exec(taken).first() is None:
            return code


def is_open(link: FeedbackLink, now: datetime | None = None) -> bool:
    """Whether the link still takes feedback: not revoked, not expired, not used up."""
    return status_of(link, now) is LinkStatus.OPEN


def still_open(db: Session, link: FeedbackLink, now: datetime | None = None) -> bool:
    """Whether the link is open now, as the database has it (``link`` may be a copy read a
    few seconds ago)."""
    fresh = db.get(FeedbackLink, link.id, populate_existing=True)
    return fresh is not None and is_open(fresh, now)


def find_by_token(db: Session, token: str) -> FeedbackLink | None:
    """The open link with this token, or None (unknown, revoked, expired or used alike)."""
    link = known_by_token(db, token)
    return link if link is not None and is_open(link) else None


def known_by_token(db: Session, token: str) -> FeedbackLink | None:
    """The link with this token, open or not; None when there is none."""
    return db.exec(select(FeedbackLink).where(FeedbackLink.token_hash == token_hash(token))).first()


def find_by_short_code(db: Session, settings: Settings, code: str) -> FeedbackLink | None:
    """The open link with this code (typed in any case, with spaces or dashes), or None."""
    link = known_by_short_code(db, settings, code)
    return link if link is not None and is_open(link) else None


def known_by_short_code(db: Session, settings: Settings, code: str) -> FeedbackLink | None:
    """The link with this code, open or not; None when there is none. One query finds it in
    either form: a poster's or time-limited link's code as it is, a personal link's by its
    keyed hash."""
    code = normalise_short_code(code)
    if len(code) != SHORT_CODE_LENGTH:
        return None
    return db.exec(select(FeedbackLink).where(_has_short_code(settings, code))).first()


def _has_short_code(settings: Settings, code: str) -> ColumnElement[bool]:
    personal = col(FeedbackLink.kind) == LinkKind.PERSONAL
    return or_(
        and_(personal, col(FeedbackLink.short_code) == short_code_hash(settings, code)),
        and_(~personal, col(FeedbackLink.short_code) == code),
    )


def consume(db: Session, link: FeedbackLink, now: datetime | None = None) -> bool:
    """Count one use of the link, atomically. For a single-use link only the first caller
    gets True; every caller after it (or racing it) gets False. Also False for a link that
    was revoked or expired since it was opened."""
    statement = _consume_statement(single_use=link.kind is LinkKind.PERSONAL)
    values = {"link_id": link.id, "now": now or utcnow()}
    return run_on_driver(db, statement, values).rowcount == 1


@cache
def _consume_statement(single_use: bool) -> Executable:
    """Built once: every submission consumes its link."""
    table = table_of(FeedbackLink)
    now = bindparam("now", type_=table.c.expires_at.type)
    conditions = [
        table.c.id == bindparam("link_id"),
        table.c.revoked_at.is_(None),
        or_(table.c.expires_at.is_(None), table.c.expires_at > now),
    ]
    values: dict[str, object] = {"use_count": table.c.use_count + 1}
    if single_use:
        conditions.append(table.c.used_at.is_(None))
        values["used_at"] = now
    return update(table).where(*conditions).values(**values)


def revoke(db: Session, link: FeedbackLink, by_id: int | None) -> None:
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        link.revoked_by_id = by_id
        db.add(link)
        db.flush()


def reissue(db: Session, settings: Settings, link: FeedbackLink) -> NewLink:
    """A new token and short code for the link; the old ones stop working at once.

    Only the hash is stored, so a lost address cannot be shown again: this is how a poster
    is printed again. Both change, so that no old poster half works (its code but not its QR).
    """
    token, code = new_token(), _unused_short_code(db, settings)
    link.token_hash = token_hash(token)
    link.short_code = stored_short_code(settings, link.kind, code)
    db.add(link)
    db.flush()
    return NewLink(link=link, token=token, short_code=code)


class LinkStatus(StrEnum):
    OPEN = "open"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {"open": "Open", "used": "Used", "expired": "Expired", "revoked": "Switched off"}[
            self.value
        ]


def status_of(link: FeedbackLink, now: datetime | None = None) -> LinkStatus:
    """Why a link is closed (for staff only: the public page never says)."""
    now = now or utcnow()
    if link.revoked_at is not None:
        return LinkStatus.REVOKED
    if link.kind is LinkKind.PERSONAL and link.used_at is not None:
        return LinkStatus.USED
    if link.expires_at is not None and link.expires_at <= now:
        return LinkStatus.EXPIRED
    return LinkStatus.OPEN


def last_day(link: FeedbackLink) -> date | None:
    """The last day (UK time) the link works, if it expires."""
    if link.expires_at is None:
        return None
    return to_london(link.expires_at - timedelta(microseconds=1)).date()


def grouped_short_code(code: str) -> str:
    """A code as printed, in two groups for reading aloud: ``ACDE-FGHJ``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def link_url(base_url: str, token: str) -> str:
    """The full address of a link: the only place its token appears."""
    return f"{base_url.rstrip('/')}/f/{token}"


def short_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/s/{grouped_short_code(code)}"


def short_code_page(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/s"
