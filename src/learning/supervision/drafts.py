"""Drafts of the session form: every answer kept as it is typed, even before it is valid.

An autosave, "Save draft" and "Record" all send the whole form, with the token of the
record as the page showed it; a form opened before the record last changed is refused
rather than saved over it (:mod:`.conflicts`). Each answer is parsed on its own: one that
passes is stored in its column, one that does not is kept as typed in the session's draft
and shown again, with its error, until it is fixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col

from learning.accounts.dependencies import Principal
from learning.audit.models import REFUSED
from learning.audit.service import Actor, add_event, record
from learning.core.clock import utcnow
from learning.supervision import conflicts, forms, frameworks, records
from learning.supervision.forms import Errors, Fields
from learning.supervision.lifecycle import (
    RECORD_TYPE,
    ChangedSinceOpened,
    Draft,
    changed,
    draft_of,
    is_recorded,
    keep_draft,
    lock_session,
    require_editable_session,
)
from learning.supervision.models import SessionAttendee, SupervisionSession
from learning.supervision.terms import SessionType


@dataclass(frozen=True)
class DraftSaved:
    saved_at: datetime
    errors: Errors  # answers kept as typed because they need checking
    changed: bool
    model_changed: bool


def save_draft(
    db: Session, principal: Principal, actor: Actor, session_id: int, fields: Fields
) -> DraftSaved:
    """Store the answers sent, leniently: each that passes is stored, each that does not
    is kept as typed. Answers not sent are left as they were. Refused (ChangedSinceOpened)
    if the form was opened before the record last changed and would change it."""
    lock_session(db, session_id)
    session = require_editable_session(db, principal, session_id)
    require_current(db, actor, session, fields)
    return apply_answers(db, actor, session, forms.parse_session(fields))


def form_token(db: Session, session: SupervisionSession) -> str:
    """The token the session form carries: the record as the page shows it now."""
    return conflicts.form_token(session, form_values(db, session))


def require_current(
    db: Session, actor: Actor, session: SupervisionSession, fields: Fields
) -> None:
    """Refuse a form opened before the record last changed, if it would change it
    (``conflicts.require_current``); the refusal is audited, with the answers it held back."""
    try:
        conflicts.require_current(session, form_values(db, session), fields)
    except ChangedSinceOpened as refused:
        add_event(db, actor, "supervision.session.save_refused", REFUSED, RECORD_TYPE,
                  session.id, {"version": session.version, "why": str(refused),
                               "answers": list(refused.differing)})
        raise


def draft_errors(session: SupervisionSession) -> Errors:
    """Why each answer kept as typed did not pass (shown beside it)."""
    draft = draft_of(session)
    errors = dict(forms.parse_session(Fields(draft.raw)).errors)
    for spec in forms.SESSION_FIELDS:
        if spec.name not in errors and any(name in draft.raw for name in spec.inputs):
            errors[spec.name] = (
                "Select attendees from the list" if spec.name == "attendees"
                else "Check this answer"
            )
    return forms.in_order(errors, forms.SESSION_ORDER)


def form_values(db: Session, session: SupervisionSession) -> dict[str, forms.Raw]:
    """What the session form shows: the stored answers, then those kept as typed."""
    assert session.id is not None
    draft = draft_of(session)
    reflections = json.loads(session.reflections or "{}")
    values: dict[str, forms.Raw] = {
        **forms.date_values(session.planned_for, "planned_for"),
        **forms.date_values(session.held_on, "held_on"),
        "outcome": draft.outcome or "",
        "status_reason": session.status_reason,
        "duration_minutes": str(session.duration_minutes or ""),
        "session_type": session.session_type.value,
        "attendees": [str(i) for i in records.attendee_ids_of(db, session.id)],
        "functions": session.functions.split(),
        "reflective_model": session.reflective_model,
        **{f"reflection-{key}": reflections.get(key, "") for key in frameworks.stage_keys()},
        "wellbeing": "" if session.wellbeing is None else str(session.wellbeing),
        "support_needs": session.support_needs,
        "learning_and_cpd": session.learning_and_cpd,
        "career_goals": session.career_goals,
    }
    return {**values, **draft.raw}


def apply_answers(
    db: Session, actor: Actor, session: SupervisionSession, answers: forms.SessionAnswers
) -> DraftSaved:
    """Store ``answers`` on ``session`` (access already checked); audited if anything changed."""
    assert session.id is not None
    before = _state(db, session)
    draft = draft_of(session)
    _check_attendees(db, session, answers)
    draft.raw = {k: v for k, v in draft.raw.items() if k not in answers.inputs_sent}
    draft.raw.update(answers.raw)
    reflections = json.loads(session.reflections or "{}")
    for name, value in answers.values.items():
        if name == "outcome":
            draft.outcome = value
        elif name.startswith("reflection-"):
            reflections[name.removeprefix("reflection-")] = value
        else:
            _set_answer(db, session, name, value)
    session.reflections = json.dumps({k: v for k, v in reflections.items() if v}, sort_keys=True)
    differs = _state(db, session, draft) != before
    if differs:
        changed(session)
        if not is_recorded(session):
            keep_draft(session, draft)
        record(db, actor, "supervision.session.draft_saved", RECORD_TYPE, session.id,
               answers=sorted(answers.values), kept_as_typed=sorted(answers.errors))
    db.flush()
    model_changed = before["reflective_model"] != session.reflective_model
    return DraftSaved(utcnow(), draft_errors(session), differs, model_changed)


def _check_attendees(
    db: Session, session: SupervisionSession, answers: forms.SessionAnswers
) -> None:
    """Attendees are other people of the council, besides the supervisor and supervisee."""
    chosen = answers.values.get("attendees")
    if not chosen:
        return
    people = {p.id for p in records.people_to_choose(db, session.council_id)}
    if not set(chosen) <= people - {session.supervisor_id, session.supervisee_id}:
        answers.fail(forms.spec_named("attendees"),
                     Fields({"attendees": [str(i) for i in chosen]}),
                     "Select attendees from the list")


def _set_answer(db: Session, session: SupervisionSession, name: str, value: Any) -> None:
    assert session.id is not None
    if name == "attendees":
        db.exec(delete(SessionAttendee).where(col(SessionAttendee.session_id) == session.id))
        db.add_all(SessionAttendee(session_id=session.id, person_id=i) for i in value)
    elif name == "functions":
        session.functions = " ".join(value)
    elif name == "session_type":
        session.session_type = SessionType(value) if value else SessionType.ONE_TO_ONE
    elif name == "reflective_model":
        session.reflective_model = value or frameworks.default_reflective_model()
    else:
        setattr(session, name, value)


def _state(db: Session, session: SupervisionSession, draft: Draft | None = None) -> dict[str, Any]:
    """Everything an answer can change, to tell whether anything did."""
    assert session.id is not None
    db.flush()
    kept = draft or draft_of(session)
    return {
        **session.model_dump(exclude={"draft", "updated_at", "status"}),
        "outcome": kept.outcome,
        "raw": dict(kept.raw),
        "attendees": records.attendee_ids_of(db, session.id),
    }
