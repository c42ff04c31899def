"""Save and finish later: a long form kept part-way, for up to a week, behind a resume code.

The code (12 characters from the short-code alphabet, shown as ``ACDE-FGHJ-KMNP``, about
56 bits) is shown once; only its keyed hash is stored. The draft keeps every field as typed,
so resuming shows the form exactly as it was left. A draft is gone once its form is sent,
and expired drafts are deleted by the hourly sweep (``housekeeping``) and whenever another
is saved.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import table_of
from learning.core.security import keyed_hash
from learning.feedback.links import SHORT_CODE_ALPHABET, typed_code
from learning.feedback.models import FeedbackDraft
from learning.feedback.terms import FormKind, Language

DRAFT_DAYS = 7
CODE_LENGTH = 12
CODE_GROUP = 4


def new_code() -> str:
    """A fresh resume code, raw (``format_code`` shows it in groups)."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, len(raw), CODE_GROUP))


def normalise_code(text: str) -> str | None:
    """What a person typed, as the raw code; None when it cannot be a resume code."""
    return typed_code(text, CODE_LENGTH)


def code_hash(settings: Settings, raw: str) -> str:
    return keyed_hash(settings.effective_secret, f"feedback-draft:{raw}")


def find_draft(
    db: Session, settings: Settings, code: str, now: datetime | None = None
) -> FeedbackDraft | None:
    """The unexpired draft with this code, or None."""
    raw = normalise_code(code)
    if raw is None:
        return None
    draft = db.exec(
        select(FeedbackDraft).where(FeedbackDraft.code_hash == code_hash(settings, raw))
    ).first()
    if draft is None or draft.expires_at <= (now or utcnow()):
        return None
    return draft


def save_draft(
    db: Session,
    settings: Settings,
    *,
    link_id: int,
    form_kind: FormKind,
    language: Language,
    values: dict[str, str],
    code: str = "",
    now: datetime | None = None,
) -> str:
    """Keep the form as typed; returns the resume code. Saving again with the code of an
    unexpired draft for the same link updates that draft (and gives it a fresh week)."""
    now = now or utcnow()
    draft = find_draft(db, settings, code, now) if code else None
    raw = normalise_code(code) or ""
    if draft is None or draft.link_id != link_id:
        raw = new_code()
        purge_expired(db, now)
        draft = FeedbackDraft(
            link_id=link_id,
            code_hash=code_hash(settings, raw),
            form_kind=form_kind,
            answers="{}",
            expires_at=now,
        )
    draft.form_kind, draft.language = form_kind, language
    draft.answers = json.dumps(values, ensure_ascii=False)
    draft.saved_at, draft.expires_at = now, now + timedelta(days=DRAFT_DAYS)
    db.add(draft)
    db.flush()
    return format_code(raw)


def draft_values(draft: FeedbackDraft) -> dict[str, str]:
    loaded = json.loads(draft.answers or "{}")
    if not isinstance(loaded, dict):
        return {}
    return {str(key): str(value) for key, value in loaded.items()}


def discard(db: Session, settings: Settings, code: str) -> None:
    """Delete the draft behind this code (once its form has been sent)."""
    raw = normalise_code(code)
    if raw is not None:
        table = table_of(FeedbackDraft)
        db.connection().execute(delete(table).where(table.c.code_hash == code_hash(settings, raw)))


def purge_expired(db: Session, now: datetime | None = None) -> int:
    table = table_of(FeedbackDraft)
    result = db.connection().execute(delete(table).where(table.c.expires_at <= (now or utcnow())))
    return int(result.rowcount)
