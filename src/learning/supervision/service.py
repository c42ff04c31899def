"""Recording supervision: start a session, keep a draft as it is typed, record it, add
case discussions and actions, have the supervisee sign it off, and amend a signed record
into a new version. This module is the service other code calls; the rules of drafts,
case discussions and actions live in :mod:`.drafts` and :mod:`.discussions` and are
offered from here too.

Every function checks object-level access first (:mod:`learning.supervision.access`,
raising ``NotYourRecord``), never commits (the request does), and writes an audit event
in the caller's transaction for every change and every read of a record. The states a
session passes through are described in :mod:`.lifecycle`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.models import REFUSED
from learning.audit.service import Actor, add_event, record
from learning.core.clock import today, utcnow
from learning.org.models import Person, Team
from learning.supervision import access, forms, frameworks, records
from learning.supervision.access import NotYourRecord
from learning.supervision.case_drafts import drafts_in
from learning.supervision.discussions import (
    add_action,
    add_case_discussion,
    remove_case_discussion,
    require_case_discussion,
    set_action_status,
    update_case_discussion,
)
from learning.supervision.drafts import (
    DraftSaved,
    apply_answers,
    draft_errors,
    form_token,
    form_values,
    require_current,
    save_draft,
)
from learning.supervision.forms import Fields
from learning.supervision.lifecycle import (
    RECORD_TYPE,
    CannotChangeNow,
    ChangedSinceOpened,
    Draft,
    InvalidInput,
    RecordChanged,
    awaiting_sign_off,
    being_amended,
    discardable,
    draft_of,
    ever_recorded_clause,
    is_recorded,
    keep_draft,
    lock_session,
    needs_sign_off,
    require_editable_session,
)
from learning.supervision.models import (
    CaseDiscussion,
    CaseDiscussionDraft,
    SafetyRating,
    SessionAttendee,
    SessionVersion,
    SupervisionAction,
    SupervisionSession,
    WorkloadSnapshot,
)
from learning.supervision.terms import ActionStatus, SessionStatus, SessionType

__all__ = [
    "CannotChangeNow", "ChangedSinceOpened", "DraftSaved", "InvalidInput", "NotYourRecord",
    "RecordChanged",
    "Cancellation", "add_action", "add_case_discussion", "amend_session", "awaiting_sign_off",
    "being_amended", "cancel_amendment", "require_cancellable_amendment",
    "case_framework", "create_session", "discard_draft", "discardable", "draft_errors",
    "form_token", "form_values", "get_session", "is_recorded", "needs_sign_off",
    "require_discardable",
    "sign_off_fingerprint", "list_open_actions_for", "list_open_actions_owned_by",
    "list_sessions_for",
    "read_session", "read_version", "record_session", "remove_case_discussion",
    "require_case_discussion", "require_editable_session", "require_readable_session",
    "save_draft", "set_action_status", "set_sharing", "sign_off", "update_case_discussion",
]


# Reading ----------------------------------------------------------------------------------


def get_session(db: Session, session_id: int) -> SupervisionSession | None:
    """The session with this id, without any access check: for code that has checked."""
    return db.get(SupervisionSession, session_id)


def require_readable_session(
    db: Session, principal: Principal, session_id: int
) -> SupervisionSession:
    return access.require_session(db, principal, session_id)


def read_session(
    db: Session, principal: Principal, actor: Actor, session_id: int, *, purpose: str = "read"
) -> records.SessionRecord:
    """The whole record, for someone who may read it; the reading is audited."""
    session = require_readable_session(db, principal, session_id)
    record(db, actor, "supervision.session.viewed", RECORD_TYPE, session.id,
           purpose=purpose, version=session.version,
           personal=access.sees_personal_section(principal, session))
    return records.load_record(db, session)


def read_version(
    db: Session, principal: Principal, actor: Actor, session_id: int, version: int
) -> records.SessionRecord:
    """An earlier, signed version of the record, as it was; the reading is audited."""
    session = require_readable_session(db, principal, session_id)
    kept = next((v for v in records.versions_of(db, session_id) if v.version == version), None)
    if kept is None:
        raise NotYourRecord(f"session {session_id} version {version}")
    record(db, actor, "supervision.session.version_viewed", RECORD_TYPE, session.id,
           version=version, personal=access.sees_personal_section(principal, session))
    return records.from_snapshot(json.loads(kept.snapshot))


def list_sessions_for(db: Session, supervisee_id: int) -> Sequence[SupervisionSession]:
    """A supervisee's sessions, newest first (the caller has checked access)."""
    query = select(SupervisionSession).where(SupervisionSession.supervisee_id == supervisee_id)
    order = (col(SupervisionSession.planned_for).desc(), col(SupervisionSession.id).desc())
    return db.exec(query.order_by(*order)).all()


def list_open_actions_for(
    db: Session, supervisee_id: int, *, excluding_session_id: int | None = None
) -> Sequence[SupervisionAction]:
    """A supervisee's open actions, soonest due first: they carry into the next session
    (the caller has checked access). Only actions of records that were recorded: a draft's
    are its supervisor's until then."""
    query = select(SupervisionAction).join(
        SupervisionSession, col(SupervisionSession.id) == SupervisionAction.session_id
    ).where(
        SupervisionAction.supervisee_id == supervisee_id,
        SupervisionAction.status == ActionStatus.OPEN,
        ever_recorded_clause(),
    )
    if excluding_session_id is not None:
        query = query.where(SupervisionAction.session_id != excluding_session_id)
    return db.exec(query.order_by(col(SupervisionAction.due_on), col(SupervisionAction.id))).all()


def list_open_actions_owned_by(db: Session, person_id: int) -> Sequence[SupervisionAction]:
    """Open actions a person owns, or that came from their own supervision (of records
    that were recorded)."""
    query = select(SupervisionAction).join(
        SupervisionSession, col(SupervisionSession.id) == SupervisionAction.session_id
    ).where(
        SupervisionAction.status == ActionStatus.OPEN,
        ever_recorded_clause(),
        (col(SupervisionAction.owner_id) == person_id)
        | (col(SupervisionAction.supervisee_id) == person_id),
    )
    return db.exec(query.order_by(col(SupervisionAction.due_on), col(SupervisionAction.id))).all()


def case_framework(db: Session, session: SupervisionSession) -> frameworks.CaseFramework:
    """The case-discussion labels of the supervisee's service (their team's kind)."""
    person = db.get(Person, session.supervisee_id)
    team = db.get(Team, person.team_id) if person and person.team_id else None
    return frameworks.framework_for(team.kind.value if team else None)


# Starting and recording -------------------------------------------------------------------


def create_session(
    db: Session, principal: Principal, actor: Actor, supervisee_id: int,
    planned_for: date | None = None,
) -> tuple[SupervisionSession, bool]:
    """A new draft session with a current supervisee, planned for today unless given.
    A first draft this supervisor started and has not recorded is carried on instead, so
    a second click does not leave an empty record behind. Returns (session, created)."""
    supervisee = access.require_supervisee(db, principal, supervisee_id)
    existing = db.exec(select(SupervisionSession).where(
        SupervisionSession.supervisee_id == supervisee_id,
        SupervisionSession.supervisor_id == principal.person_id,
        SupervisionSession.status == SessionStatus.DRAFT,
        SupervisionSession.version == 1,
        col(SupervisionSession.first_recorded_at).is_(None),  # not a record being changed
    ).order_by(col(SupervisionSession.id))).first()
    if existing is not None:
        return existing, False
    session = SupervisionSession(
        council_id=supervisee.council_id,
        supervisee_id=supervisee_id,
        supervisor_id=principal.person_id,
        planned_for=planned_for or today(),
        reflective_model=frameworks.default_reflective_model(),
    )
    db.add(session)
    db.flush()
    record(db, actor, "supervision.session.started", RECORD_TYPE, session.id,
           supervisee_id=supervisee_id)
    return session, True


def record_session(
    db: Session, principal: Principal, actor: Actor, session_id: int,
    fields: Fields | None = None, *, on: date | None = None,
) -> SupervisionSession:
    """Keep everything sent as the draft, then check the whole record and, if complete,
    record it. Raises InvalidInput with every problem (the draft stays, as typed), and
    ChangedSinceOpened, saving nothing, if the form was opened before the record last
    changed and would change it."""
    lock_session(db, session_id)
    session = require_editable_session(db, principal, session_id)
    if fields is not None:
        require_current(db, actor, session, fields)
        apply_answers(db, actor, session, forms.parse_session(fields))
    draft = draft_of(session)
    errors = {**forms.completeness_errors(_would_say(db, session, draft), on or today()),
              **draft_errors(session), **_unsaved_case_discussions(db, session)}
    if errors or draft.outcome is None:
        raise InvalidInput(forms.in_order(errors, forms.SESSION_ORDER))
    _finish(db, session, SessionStatus(draft.outcome))
    record(db, actor, "supervision.session.recorded", RECORD_TYPE, session.id,
           status=session.status.value, version=session.version)
    return session


#: Recording waits for case discussions typed and not saved: once the record is signed off,
#: what was typed for them is gone (see case_drafts).
UNSAVED_CASE_DISCUSSION = (
    "A case discussion you typed is not saved yet: save it, or discard what was not saved, "
    "before you record the session"
)


def _unsaved_case_discussions(db: Session, session: SupervisionSession) -> forms.Errors:
    assert session.id is not None
    return {"case-discussions": UNSAVED_CASE_DISCUSSION} if drafts_in(db, session.id) else {}


def _would_say(db: Session, session: SupervisionSession, draft: Draft) -> forms.SessionState:
    assert session.id is not None
    return forms.SessionState(
        planned_for=session.planned_for,
        outcome=draft.outcome,
        status_reason=session.status_reason,
        held_on=session.held_on,
        duration_minutes=session.duration_minutes,
        session_type=session.session_type,
        attendees=len(records.attendee_ids_of(db, session.id)),
        functions=tuple(session.functions.split()),
    )


def _finish(db: Session, session: SupervisionSession, outcome: SessionStatus) -> None:
    """Recorded: keep what applies to the outcome, and the chosen model's reflections."""
    session.status = outcome
    if outcome == SessionStatus.HELD:
        session.status_reason = ""
        session.recorded_held_on = session.held_on or session.planned_for
    else:
        session.held_on, session.duration_minutes = None, None
        session.recorded_held_on = None
    if session.session_type != SessionType.GROUP:
        for attendee in db.exec(select(SessionAttendee).where(
                SessionAttendee.session_id == session.id)).all():
            db.delete(attendee)
    stages = {s.key for s in frameworks.reflective_model(session.reflective_model).stages}
    reflections = json.loads(session.reflections or "{}")
    session.reflections = json.dumps(
        {k: v for k, v in reflections.items() if k in stages and v}, sort_keys=True)
    session.draft = "{}"
    session.updated_at = utcnow()
    session.first_recorded_at = session.first_recorded_at or session.updated_at
    for case in records.load_record(db, session).cases:
        for rating in case.ratings:
            rating.rated_on = session.held_on or session.planned_for
    db.flush()


# Sign-off, sharing and amendments -------------------------------------------------------


def _require_own_record(db: Session, principal: Principal, session_id: int) -> SupervisionSession:
    session = require_readable_session(db, principal, session_id)
    if session.supervisee_id != principal.person_id:
        raise NotYourRecord(f"session {session_id}: only its supervisee signs it off")
    return session


def sign_off_fingerprint(db: Session, session: SupervisionSession) -> str:
    """What the sign-off form carries: the record as the supervisee was shown it."""
    return records.fingerprint(records.load_record(db, session))


def sign_off(
    db: Session, principal: Principal, actor: Actor, session_id: int, data: forms.SignOffInput
) -> SupervisionSession:
    """The supervisee agrees (or says what they do not agree with) and decides what may
    feed organisational learning. Signing locks the record. It is refused (RecordChanged)
    unless the record says what it said when the form was shown (``data.seen``)."""
    session = _require_own_record(db, principal, session_id)
    if not awaiting_sign_off(session):
        raise CannotChangeNow("This record is not waiting for you to sign it off.")
    if data.seen != sign_off_fingerprint(db, session):
        add_event(db, actor, "supervision.session.sign_off_refused", REFUSED, RECORD_TYPE,
                  session.id, {"version": session.version, "why": "changed since read"})
        raise RecordChanged(f"session {session_id}")
    session.signed_off_at = utcnow()
    session.supervisee_agreed = data.agreed
    session.supervisee_comment = data.comment
    session.share_personal_for_learning = data.sharing.personal
    session.share_case_learning = data.sharing.case_learning
    db.flush()
    record(db, actor, "supervision.session.signed_off", RECORD_TYPE, session.id,
           agreed=data.agreed, version=session.version, share_personal=data.sharing.personal,
           share_case_learning=data.sharing.case_learning)
    return session


def set_sharing(
    db: Session, principal: Principal, actor: Actor, session_id: int, sharing: forms.Sharing
) -> SupervisionSession:
    """The supervisee changes their mind about what may feed organisational learning."""
    session = _require_own_record(db, principal, session_id)
    if not is_recorded(session) and session.version == 1:
        raise CannotChangeNow("You can choose what to share once the record is recorded.")
    session.share_personal_for_learning = sharing.personal
    session.share_case_learning = sharing.case_learning
    db.flush()
    record(db, actor, "supervision.session.sharing_changed", RECORD_TYPE, session.id,
           share_personal=sharing.personal, share_case_learning=sharing.case_learning)
    return session


def amend_session(
    db: Session, principal: Principal, actor: Actor, session_id: int, reason: str
) -> SupervisionSession:
    """Keep the signed record as a version, and open the record for changes again."""
    session = access.require_editable_session(db, principal, session_id)
    if not session.locked:
        raise CannotChangeNow("This record is not signed off yet, so it can be changed "
                              "without an amendment.")
    assert session.id is not None
    kept = records.snapshot(records.load_record(db, session))
    db.add(SessionVersion(session_id=session.id, version=session.version,
                          snapshot=json.dumps(kept, sort_keys=True),
                          amended_by_id=principal.person_id, reason=reason))
    outcome = session.status.value
    session.version += 1
    session.signed_off_at, session.supervisee_agreed, session.supervisee_comment = None, None, ""
    session.status = SessionStatus.DRAFT
    keep_draft(session, Draft(outcome, {}))
    session.updated_at = utcnow()
    db.flush()
    record(db, actor, "supervision.session.amended", RECORD_TYPE, session.id,
           version=session.version, reason=reason)
    return session


# Cancelling an amendment --------------------------------------------------------------

#: What a cancelled amendment leaves as it is: the supervisee's choices about sharing (they
#: may have changed them since) and when the record was first recorded.
_KEPT_ON_CANCEL = {"id", "draft", "share_personal_for_learning", "share_case_learning",
                   "first_recorded_at", "created_at", "updated_at", "recorded_held_on"}


@dataclass(frozen=True)
class Cancellation:
    """What cancelling an amendment would restore and undo."""

    session: SupervisionSession
    restored: SessionVersion
    #: Actions and case discussions added in the amendment, removed with it.
    added_actions: int
    added_cases: int


def require_cancellable_amendment(
    db: Session, principal: Principal, session_id: int
) -> Cancellation:
    """An amendment not yet signed off (a draft again, or recorded and waiting for
    sign-off) that ``principal`` may cancel: the record's supervisor, the supervisee's
    current supervisor, or a manager who oversees the supervisee (anyone who may read the
    record but the supervisee, whose say is the sign-off). So an amendment is never stuck
    when the supervision link behind it ends."""
    session = require_readable_session(db, principal, session_id)
    if session.supervisee_id == principal.person_id:
        raise NotYourRecord(f"session {session_id}: its supervisee does not cancel amendments")
    if not being_amended(session):
        raise CannotChangeNow("This record is not being amended, so there is no amendment "
                              "to cancel.")
    assert session.id is not None
    restored = next((v for v in records.versions_of(db, session.id)
                     if v.version == session.version - 1), None)
    if restored is None:
        raise CannotChangeNow("The signed version before this amendment is not in the "
                              "record's history, so the amendment cannot be cancelled.")
    earlier = records.from_snapshot(json.loads(restored.snapshot))
    kept_cases = {case.discussion.id for case in earlier.cases}
    kept_actions = {item.action.id for item in earlier.actions}
    return Cancellation(
        session, restored,
        added_actions=sum(1 for a in records.actions_of(db, session.id)
                          if a.id not in kept_actions),
        added_cases=sum(1 for d in records.case_discussions_of(db, session.id)
                        if d.id not in kept_cases),
    )


def cancel_amendment(
    db: Session, principal: Principal, actor: Actor, session_id: int, reason: str
) -> SupervisionSession:
    """Put the record back as its last signed version, from the version history: what it
    said, its sign-off, case discussions (with their ratings), actions and attendees.
    Actions keep how they have been followed up since; actions and case discussions added
    in the amendment go, as does anything typed for it and not saved. The version kept
    for the amendment leaves the history (the record is that version again); the audit
    trail keeps who cancelled it, why, and who had started it."""
    cancellation = require_cancellable_amendment(db, principal, session_id)
    session, restored = cancellation.session, cancellation.restored
    assert session.id is not None
    earlier = records.from_snapshot(json.loads(restored.snapshot))
    cancelled_version = session.version
    _restore_session(session, earlier.session)
    ids = _restore_cases(db, session, earlier.cases)
    _restore_actions(db, session, earlier.actions, ids)
    if earlier.attendee_ids is not None:
        db.exec(delete(SessionAttendee).where(col(SessionAttendee.session_id) == session.id))
        for person_id in earlier.attendee_ids:
            db.add(SessionAttendee(session_id=session.id, person_id=person_id))
    db.exec(delete(CaseDiscussionDraft)
            .where(col(CaseDiscussionDraft.session_id) == session.id))
    db.delete(restored)
    db.flush()
    record(db, actor, "supervision.session.amendment_cancelled", RECORD_TYPE, session.id,
           cancelled_version=cancelled_version, restored_version=session.version,
           reason=reason, amended_by_id=restored.amended_by_id,
           amended_at=restored.amended_at.isoformat(), amendment_reason=restored.reason,
           removed_actions=cancellation.added_actions,
           removed_case_discussions=cancellation.added_cases)
    return session


def _restore_session(session: SupervisionSession, earlier: SupervisionSession) -> None:
    for name, value in earlier.model_dump().items():
        if name not in _KEPT_ON_CANCEL:
            setattr(session, name, value)
    session.draft = "{}"
    session.recorded_held_on = (session.held_on or session.planned_for
                                if session.status == SessionStatus.HELD else None)
    session.updated_at = utcnow()


def _restore_cases(
    db: Session, session: SupervisionSession, cases: Sequence[records.CaseRecord]
) -> dict[int | None, int | None]:
    """The case discussions as they were, with their ratings; returns each earlier id's
    id now (the same, unless a discussion removed in the amendment had its id taken)."""
    assert session.id is not None
    current = {d.id: d for d in records.case_discussions_of(db, session.id)}
    wanted = {case.discussion.id for case in cases}
    db.exec(delete(SafetyRating).where(col(SafetyRating.case_discussion_id).in_(
        [i for i in current if i is not None])))
    for case_id, discussion in current.items():
        if case_id not in wanted:
            db.exec(update(SupervisionAction)
                    .where(col(SupervisionAction.case_discussion_id) == case_id)
                    .values(case_discussion_id=None))
            db.delete(discussion)
    db.flush()
    ids: dict[int | None, int | None] = {}
    for case in cases:
        values = case.discussion.model_dump(exclude={"id"})
        found = current.get(case.discussion.id)
        if found is None:
            discussion = CaseDiscussion(**values)
            earlier_id = case.discussion.id
            if earlier_id is not None and db.get(CaseDiscussion, earlier_id) is None:
                discussion.id = earlier_id  # removed in the amendment: back as it was
            db.add(discussion)
        else:
            discussion = found
            for name, value in values.items():
                setattr(discussion, name, value)
        discussion.session_id = session.id
        db.flush()
        ids[case.discussion.id] = discussion.id
        assert discussion.id is not None
        for rating in case.ratings:
            db.add(SafetyRating(**rating.model_dump(exclude={"id", "case_discussion_id"}),
                                case_discussion_id=discussion.id))
    return ids


def _restore_actions(
    db: Session, session: SupervisionSession, actions: Sequence[records.ActionRecord],
    case_ids: dict[int | None, int | None],
) -> None:
    assert session.id is not None
    current = {a.id: a for a in records.actions_of(db, session.id)}
    wanted = {item.action.id for item in actions}
    for action_id, action in current.items():
        if action_id not in wanted:
            db.delete(action)
    for item in actions:
        found = current.get(item.action.id)
        if found is None:  # never removed by hand; kept as it was if it ever is
            action = SupervisionAction(**item.action.model_dump(exclude={"id"}))
            db.add(action)
        else:
            action = found
        action.description, action.owner_id = item.action.description, item.action.owner_id
        action.due_on = item.action.due_on
        action.case_discussion_id = case_ids.get(item.action.case_discussion_id,
                                                 item.action.case_discussion_id)
    db.flush()


# Discarding a draft never recorded -------------------------------------------------------


def require_discardable(
    db: Session, principal: Principal, session_id: int
) -> SupervisionSession:
    """A draft ``principal`` started and never recorded (CannotChangeNow otherwise)."""
    session = require_editable_session(db, principal, session_id)
    if not discardable(session):
        raise CannotChangeNow("This record has been recorded, so it cannot be discarded. "
                              "Change or amend it instead.")
    return session


def discard_draft(
    db: Session, principal: Principal, actor: Actor, session_id: int
) -> SupervisionSession:
    """Delete a draft never recorded, with everything typed into it: its case discussions
    and their ratings and drafts, its actions and attendees. A workload snapshot taken with
    it is the practitioner's and stays, no longer linked to it."""
    session = require_discardable(db, principal, session_id)
    assert session.id is not None
    cases = select(col(CaseDiscussion.id)).where(col(CaseDiscussion.session_id) == session.id)
    counts = {"case_discussions": len(db.exec(cases).all()),
              "actions": len(records.actions_of(db, session.id))}
    db.exec(delete(SafetyRating).where(col(SafetyRating.case_discussion_id).in_(cases)))
    db.exec(delete(SupervisionAction).where(col(SupervisionAction.session_id) == session.id))
    db.exec(delete(CaseDiscussion).where(col(CaseDiscussion.session_id) == session.id))
    db.exec(delete(CaseDiscussionDraft)
            .where(col(CaseDiscussionDraft.session_id) == session.id))
    db.exec(delete(SessionAttendee).where(col(SessionAttendee.session_id) == session.id))
    db.exec(update(WorkloadSnapshot).where(col(WorkloadSnapshot.session_id) == session.id)
            .values(session_id=None))
    record(db, actor, "supervision.session.discarded", RECORD_TYPE, session.id,
           supervisee_id=session.supervisee_id, planned_for=session.planned_for, **counts)
    db.delete(session)
    db.flush()
    return session
