"""A session's life, and what may change at each step.

DRAFT (or PLANNED) -> recorded as HELD, CANCELLED or RESCHEDULED -> signed off by the
supervisee, which locks it -> amended by its supervisor, which keeps the signed version;
the record is then a draft again until it is recorded and signed once more.

While a session is a draft, the outcome chosen and any answer that did not pass
validation are kept in its ``draft`` column (JSON), exactly as typed. A recorded record
that changes while it waits for sign-off becomes a draft again, so nobody signs off a
record half-changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.core.clock import utcnow
from learning.supervision import access
from learning.supervision.forms import Errors, Raw
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus

NOT_RECORDED = frozenset({SessionStatus.DRAFT, SessionStatus.PLANNED})
RECORD_TYPE = "supervision_session"


class InvalidInput(ValueError):
    """The input breaks a rule; ``errors`` maps each field's id to a plain message."""

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class CannotChangeNow(Exception):
    """The record is not in a state that allows this (say, it is signed off and locked)."""


def is_recorded(session: SupervisionSession) -> bool:
    return session.status not in NOT_RECORDED


def awaiting_sign_off(session: SupervisionSession) -> bool:
    return is_recorded(session) and not session.locked


def require_editable_session(
    db: Session, principal: Principal, session_id: int
) -> SupervisionSession:
    """A session ``principal`` records and may still change (it is not signed off)."""
    session = access.require_editable_session(db, principal, session_id)
    if session.locked:
        raise CannotChangeNow(
            "This record has been signed off, so it cannot be changed. Amend it instead."
        )
    return session


@dataclass
class Draft:
    """The outcome chosen while drafting, and answers kept as typed (input name -> raw)."""

    outcome: str | None = None
    raw: dict[str, Raw] = field(default_factory=dict)


def draft_of(session: SupervisionSession) -> Draft:
    data = json.loads(session.draft or "{}")
    outcome = session.status.value if is_recorded(session) else data.get("outcome")
    return Draft(outcome or None, dict(data.get("raw") or {}))


def keep_draft(session: SupervisionSession, draft: Draft) -> None:
    data: dict[str, Any] = {"outcome": draft.outcome, "raw": draft.raw}
    session.draft = json.dumps({k: v for k, v in data.items() if v}, sort_keys=True)


def reopen(session: SupervisionSession) -> None:
    """A recorded record that changes is a draft again until it is recorded again."""
    if awaiting_sign_off(session):
        keep_draft(session, Draft(session.status.value, {}))
        session.status = SessionStatus.DRAFT


def changed(session: SupervisionSession) -> None:
    """Something in the record changed: reopen it if it was waiting, and note when."""
    reopen(session)
    session.updated_at = utcnow()
