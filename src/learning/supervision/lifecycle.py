"""A session's life, and what may change at each step.

DRAFT (or PLANNED) -> recorded as HELD, CANCELLED or RESCHEDULED -> a HELD record is
signed off by the supervisee, which locks it -> amended by its supervisor, which keeps the
signed version; the record is then a draft again until it is recorded and signed once more.
A cancelled or rescheduled session records that supervision did not happen: there is
nothing for the supervisee to agree, so it needs no sign-off (:func:`needs_sign_off`, the
one rule the pages, the sign-off queue and the history share).

A record recorded as held still happened while it is a draft again (changed before
sign-off, or amended): it counts as held, on the day it was held as recorded
(``recorded_held_on``), until it is recorded again (:func:`counts_as_held`,
:data:`COUNTS_AS_HELD` and :data:`HELD_DAY`, the one rule for when supervision was last
held, when it is next due and the overview). An amendment may be cancelled, which
restores the last signed version (``service.cancel_amendment``).

A draft never recorded (``first_recorded_at`` empty) is the supervisor's alone: its
actions are not followed up yet, and it may be discarded. Once recorded, a record is
never discarded, and its actions count while it is changed or amended.

While a session is a draft, the outcome chosen and any answer that did not pass
validation are kept in its ``draft`` column (JSON), exactly as typed. A recorded record
that changes while it waits for sign-off becomes a draft again, so nobody signs off a
record half-changed: but only when changed from a page that showed it recorded (and said
so), never from one opened before it was recorded (:class:`ChangedSinceOpened`, and
:mod:`.conflicts`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.core.clock import utcnow
from learning.supervision import access
from learning.supervision.forms import Errors, Raw
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus

NOT_RECORDED = frozenset({SessionStatus.DRAFT, SessionStatus.PLANNED})
#: The outcomes the supervisee signs off: only a session that was held has a record to agree.
SIGNED_OFF = frozenset({SessionStatus.HELD})
RECORD_TYPE = "supervision_session"


class InvalidInput(ValueError):
    """The input breaks a rule; ``errors`` maps each field's id to a plain message."""

    def __init__(self, errors: Errors) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class CannotChangeNow(Exception):
    """The record is not in a state that allows this (say, it is signed off and locked)."""


class RecordChanged(Exception):
    """The record changed after the person read it: they must read it again first."""


class RecordedSinceOpened(CannotChangeNow):
    """A page of one of the record's parts (a case discussion, an action) was opened before
    the record was recorded: changing the part would make it a draft again unasked."""


class ChangedSinceOpened(Exception):
    """The session form was sent from a page opened before the record last changed (in
    another window, by someone else, or a page gone back to), and saving it would undo that
    change unseen or make a record recorded since into a draft again: nothing was saved.

    ``recorded_at`` is when the record was recorded, if it is recorded now; ``differing``
    names the answers sent that say something other than the record now."""

    def __init__(self, recorded_at: datetime | None, differing: Sequence[str]) -> None:
        super().__init__("recorded since the form was opened" if recorded_at
                         else "changed since the form was opened")
        self.recorded_at = recorded_at
        self.differing = tuple(differing)


#: A record recorded as held, whether it is held now or a draft again since (SQL).
COUNTS_AS_HELD: ColumnElement[bool] = or_(
    col(SupervisionSession.status) == SessionStatus.HELD,
    and_(col(SupervisionSession.status).in_(NOT_RECORDED),
         col(SupervisionSession.recorded_held_on).is_not(None)),
)
#: The day such a record was held: as recorded now, or as last recorded while it is a
#: draft again (a change in progress does not move it).
HELD_DAY: ColumnElement[Any] = case(
    (col(SupervisionSession.status) == SessionStatus.HELD,
     func.coalesce(col(SupervisionSession.held_on), col(SupervisionSession.planned_for))),
    else_=col(SupervisionSession.recorded_held_on),
)


def counts_as_held(session: SupervisionSession) -> bool:
    """:data:`COUNTS_AS_HELD` for one record."""
    if session.status == SessionStatus.HELD:
        return True
    return session.status in NOT_RECORDED and session.recorded_held_on is not None


def held_day(session: SupervisionSession) -> date | None:
    """:data:`HELD_DAY` for one record (None if it does not count as held)."""
    if session.status == SessionStatus.HELD:
        return session.held_on or session.planned_for
    return session.recorded_held_on if counts_as_held(session) else None


def being_amended(session: SupervisionSession) -> bool:
    """Amended and not yet signed off again: its last signed version is in the history."""
    return session.version > 1 and not session.locked


def is_recorded(session: SupervisionSession) -> bool:
    return session.status not in NOT_RECORDED


def needs_sign_off(status: SessionStatus | str) -> bool:
    """Whether a record with this outcome is signed off by its supervisee."""
    return status in SIGNED_OFF


def awaiting_sign_off(session: SupervisionSession) -> bool:
    return needs_sign_off(session.status) and not session.locked


def ever_recorded(session: SupervisionSession) -> bool:
    """Recorded now, or at some time before (amended, or changed after it was recorded)."""
    return is_recorded(session) or session.version > 1 or session.first_recorded_at is not None


def ever_recorded_clause() -> ColumnElement[bool]:
    """:func:`ever_recorded` in SQL, for queries of sessions (and of their actions)."""
    return or_(col(SupervisionSession.status).not_in(NOT_RECORDED),
               col(SupervisionSession.version) > 1,
               col(SupervisionSession.first_recorded_at).is_not(None))


def discardable(session: SupervisionSession) -> bool:
    """A draft that was never recorded: its supervisor may throw it away."""
    return not ever_recorded(session) and not session.locked


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


def lock_session(db: Session, session_id: int) -> None:
    """Hold the session's row until the transaction ends, and read it afresh, so that two
    saves of one record arriving together are checked and applied one after the other, the
    second seeing what the first stored (PostgreSQL; SQLite writers take turns anyway).
    ``FOR NO KEY UPDATE``: rows that only refer to the session (a case discussion added in
    another window, an audit event) are not held up."""
    db.exec(select(SupervisionSession).where(col(SupervisionSession.id) == session_id)
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)).first()


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
    if is_recorded(session) and not session.locked:
        keep_draft(session, Draft(session.status.value, {}))
        session.status = SessionStatus.DRAFT


def changed(session: SupervisionSession) -> None:
    """Something in the record changed: reopen it if it was waiting, and note when."""
    reopen(session)
    session.updated_at = utcnow()
