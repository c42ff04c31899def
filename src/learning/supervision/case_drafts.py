"""Drafts of case discussions: the form kept as it is typed, before it is saved.

A case discussion is long (the Signs of Safety questions, the child's voice, a decision and
its rationale) and is written on a page of its own. While the supervisor types, the page
sends what is in the form every few seconds (HTMX), or when they press "Save draft" (no
JavaScript needed). The answers are kept exactly as typed, valid or not, one draft per
discussion (or one for a discussion not added yet), and shown again when the page is next
opened: after a closed tab, a lost connection, or a sign-in that ran out. Saving the
discussion, removing it, or discarding the draft deletes the draft. A record is not
recorded while a draft of one of its discussions is kept, and a record waiting for
sign-off goes back to its supervisor as soon as one is: nothing typed is signed away. Not
from a page opened before the record was recorded, though: that is refused
(``conflicts.require_same_stage``), and what was typed goes to the record's page to copy.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.supervision import case_forms, conflicts
from learning.supervision.discussions import (
    CASE_TYPE,
    case_values_of,
    forget_case_draft,
    key_for,
    require_case_discussion,
    require_changeable_part,
)
from learning.supervision.forms import Fields, Raw
from learning.supervision.lifecycle import reopen, require_editable_session
from learning.supervision.models import CaseDiscussion, CaseDiscussionDraft, SupervisionSession


def save_case_draft(
    db: Session,
    principal: Principal,
    actor: Actor,
    session_id: int,
    case_id: int | None,
    fields: Fields,
) -> datetime | None:
    """Keep the case form's answers as typed (access checked as for saving the discussion
    itself); audited when they differ from the draft kept before. Returns when, or None
    when they are what is saved already (and no draft is kept). Refused
    (RecordedSinceOpened) from a page opened before the record was recorded."""
    _editable(db, principal, session_id, case_id)
    session = require_changeable_part(db, principal, session_id,
                                      fields.one(conflicts.STAGE_FIELD))
    assert session.id is not None
    typed = _filled(case_forms.case_values(fields))
    draft = _draft(db, session.id, key_for(case_id))
    now = utcnow()
    if typed == _stored(db, case_id) or (case_id is None and typed in _saved_in(db, session.id)):
        # Nothing that is not saved: tabbing through, say, or the new discussion's last
        # autosave arriving after the discussion itself was saved (a slow connection).
        _forget(db, actor, session.id, case_id, same_as_saved=True)
        return None
    if draft is None:
        draft = CaseDiscussionDraft(
            session_id=session.id, case_key=key_for(case_id), saved_by_id=principal.person_id
        )
    elif json.loads(draft.fields) == typed:
        return draft.saved_at
    draft.fields = json.dumps(typed, sort_keys=True)
    draft.saved_by_id = principal.person_id
    draft.saved_at = now
    db.add(draft)
    reopen(session)  # being changed: no longer the supervisee's to sign off as it was
    db.flush()
    record(
        db,
        actor,
        "supervision.case_discussion.draft_saved",
        CASE_TYPE,
        key_for(case_id),
        session_id=session.id,
        answers=sorted(typed),
    )
    return now


def case_draft(
    db: Session, session_id: int, case_id: int | None
) -> tuple[dict[str, Raw], datetime] | None:
    """The answers kept as typed for this discussion's form, and when; None if none."""
    draft = _draft(db, session_id, key_for(case_id))
    if draft is None:
        return None
    return json.loads(draft.fields), draft.saved_at


def drafts_in(db: Session, session_id: int) -> dict[str, datetime]:
    """When each draft of the session's case discussions was kept, by key."""
    rows = db.exec(
        select(CaseDiscussionDraft.case_key, CaseDiscussionDraft.saved_at).where(
            CaseDiscussionDraft.session_id == session_id
        )
    )
    return dict(rows.all())


def discard_case_draft(
    db: Session, principal: Principal, actor: Actor, session_id: int, case_id: int | None
) -> None:
    """Forget what was typed and not saved (audited if there was anything)."""
    session = _editable(db, principal, session_id, case_id)
    assert session.id is not None
    _forget(db, actor, session.id, case_id)


def _forget(
    db: Session, actor: Actor, session_id: int, case_id: int | None, **detail: bool
) -> None:
    """Delete the draft, audited if there was one."""
    if forget_case_draft(db, session_id, case_id):
        record(
            db,
            actor,
            "supervision.case_discussion.draft_discarded",
            CASE_TYPE,
            key_for(case_id),
            session_id=session_id,
            **detail,
        )


def _filled(values: dict[str, Raw]) -> dict[str, Raw]:
    return {name: value for name, value in values.items() if value}


def _stored(db: Session, case_id: int | None) -> dict[str, Raw]:
    """What is saved for the discussion, as its form shows it (nothing for a new one)."""
    if case_id is None:
        return {}
    discussion = db.get(CaseDiscussion, case_id)
    return _filled(case_values_of(db, discussion)) if discussion else {}


def _saved_in(db: Session, session_id: int) -> list[dict[str, Raw]]:
    """Every discussion saved in the session, as its form shows it."""
    query = select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)
    return [_filled(case_values_of(db, discussion)) for discussion in db.exec(query)]


def _editable(
    db: Session, principal: Principal, session_id: int, case_id: int | None
) -> SupervisionSession:
    if case_id is None:
        return require_editable_session(db, principal, session_id)
    discussion, session = require_case_discussion(db, principal, case_id)
    if discussion.session_id != session_id:
        raise ValueError("the discussion is not of this session")
    return session


def _draft(db: Session, session_id: int, key: str) -> CaseDiscussionDraft | None:
    return db.exec(
        select(CaseDiscussionDraft).where(
            CaseDiscussionDraft.session_id == session_id, CaseDiscussionDraft.case_key == key
        )
    ).first()
