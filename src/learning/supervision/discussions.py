"""Case discussions (one per child or family, by the case system's reference only) with
their safety scale ratings, and actions with an owner and a due date.

Adding, changing or removing them changes the record, so only its supervisor may, only
until it is signed off, and never from a page opened before it was recorded (``stage``:
``conflicts.require_same_stage``). An action's status is follow-up rather than record: its
owner, the supervisee or their current supervisor may mark it done (or open again) at any
time, and open actions carry into the supervisee's next session. Dropping an agreed action
undoes what was agreed, so only the supervisee's current supervisor may, with a reason
that is kept and shown; they alone reopen a dropped action.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import format_date, today
from learning.core.permissions import Permission
from learning.org import service as org
from learning.supervision import case_forms, conflicts, forms, records
from learning.supervision.access import NotYourRecord
from learning.supervision.lifecycle import (
    InvalidInput,
    changed,
    lock_session,
    require_editable_session,
)
from learning.supervision.models import (
    CaseDiscussion,
    CaseDiscussionDraft,
    SafetyRating,
    SupervisionAction,
    SupervisionSession,
)
from learning.supervision.terms import ActionStatus, RaterRole

CASE_TYPE = "case_discussion"
ACTION_TYPE = "supervision_action"
#: The key of the draft of a case discussion not added yet (see case_drafts).
NEW_CASE = "new"


def require_case_discussion(
    db: Session, principal: Principal, case_id: int
) -> tuple[CaseDiscussion, SupervisionSession]:
    """A case discussion whose session ``principal`` may still change."""
    discussion = db.get(CaseDiscussion, case_id)
    if discussion is None:
        raise NotYourRecord(f"case discussion {case_id}")
    session = require_editable_session(db, principal, discussion.session_id)
    return discussion, session


def require_changeable_part(
    db: Session, principal: Principal, session_id: int, stage: str | None
) -> SupervisionSession:
    """The session one of whose parts is changed from a page that carried ``stage`` (None:
    from no page): held until the change is stored, so that recording it waits, and
    refused (RecordedSinceOpened) if it was recorded after the page was opened."""
    lock_session(db, session_id)
    session = require_editable_session(db, principal, session_id)
    conflicts.require_same_stage(session, stage)
    return session


def add_case_discussion(
    db: Session, principal: Principal, actor: Actor, session_id: int, data: case_forms.CaseInput,
    *, stage: str | None = None,
) -> CaseDiscussion:
    session = require_changeable_part(db, principal, session_id, stage)
    _check_one_per_case(db, session_id, data.case_reference, None)
    discussion = CaseDiscussion(session_id=session_id, case_reference=data.case_reference)
    for name, value in data.texts.items():
        setattr(discussion, name, value)
    db.add(discussion)
    db.flush()
    _rate(db, session, discussion, data.ratings)
    changed(session)
    forget_case_draft(db, session_id, None)
    db.flush()
    record(db, actor, "supervision.case_discussion.added", CASE_TYPE, discussion.id,
           session_id=session_id, case_reference=data.case_reference,
           ratings={r.value: s for r, s in data.ratings.items()})
    return discussion


def update_case_discussion(
    db: Session, principal: Principal, actor: Actor, case_id: int, data: case_forms.CaseInput,
    *, stage: str | None = None,
) -> CaseDiscussion:
    discussion, _ = require_case_discussion(db, principal, case_id)
    session = require_changeable_part(db, principal, discussion.session_id, stage)
    _check_one_per_case(db, discussion.session_id, data.case_reference, case_id)
    discussion.case_reference = data.case_reference
    for name, value in data.texts.items():
        setattr(discussion, name, value)
    db.exec(delete(SafetyRating).where(col(SafetyRating.case_discussion_id) == case_id))
    _rate(db, session, discussion, data.ratings)
    changed(session)
    forget_case_draft(db, discussion.session_id, case_id)
    db.flush()
    record(db, actor, "supervision.case_discussion.changed", CASE_TYPE, case_id,
           session_id=session.id, case_reference=data.case_reference,
           ratings={r.value: s for r, s in data.ratings.items()})
    return discussion


def _check_one_per_case(
    db: Session, session_id: int, case_reference: str, except_id: int | None
) -> None:
    """One discussion per child or family in a session: a second one for the same case
    reference is refused (the first is changed instead)."""
    query = select(CaseDiscussion.id).where(
        CaseDiscussion.session_id == session_id,
        func.upper(CaseDiscussion.case_reference) == case_reference.upper(),
    )
    if except_id is not None:
        query = query.where(CaseDiscussion.id != except_id)
    if db.exec(query).first() is not None:
        raise InvalidInput({"case_reference": (
            f"{case_reference} is already discussed in this session. Change that case "
            "discussion instead of adding another"
        )})


def remove_case_discussion(
    db: Session, principal: Principal, actor: Actor, case_id: int, *, stage: str | None = None
) -> SupervisionSession:
    """Remove it and its ratings; its actions stay, no longer linked to it."""
    discussion, _ = require_case_discussion(db, principal, case_id)
    session = require_changeable_part(db, principal, discussion.session_id, stage)
    db.exec(delete(SafetyRating).where(col(SafetyRating.case_discussion_id) == case_id))
    db.exec(update(SupervisionAction).where(col(SupervisionAction.case_discussion_id) == case_id)
            .values(case_discussion_id=None))
    forget_case_draft(db, discussion.session_id, case_id)
    db.delete(discussion)
    changed(session)
    db.flush()
    record(db, actor, "supervision.case_discussion.removed", CASE_TYPE, case_id,
           session_id=session.id, case_reference=discussion.case_reference)
    return session


def case_values_of(db: Session, discussion: CaseDiscussion) -> dict[str, Any]:
    """The discussion as its form shows it: each input's value, ratings as typed numbers."""
    values: dict[str, Any] = {"case_reference": discussion.case_reference}
    values |= {name: getattr(discussion, name) for name in case_forms.CASE_TEXT_FIELDS}
    ratings = records.ratings_by_discussion(db, [discussion.id or 0])[discussion.id or 0]
    values |= {f"rating-{r.rater_role.value}": str(r.score) for r in ratings}
    return values


def key_for(case_id: int | None) -> str:
    """The key of a case discussion's draft in its session: its id, or "new"."""
    return NEW_CASE if case_id is None else str(case_id)


def forget_case_draft(db: Session, session_id: int, case_id: int | None) -> bool:
    """Delete the draft of a discussion (saved, removed or discarded); whether there was one."""
    result = db.exec(
        delete(CaseDiscussionDraft).where(
            col(CaseDiscussionDraft.session_id) == session_id,
            col(CaseDiscussionDraft.case_key) == key_for(case_id),
        )
    )
    return bool(result.rowcount)


def _rate(
    db: Session, session: SupervisionSession, discussion: CaseDiscussion,
    ratings: dict[RaterRole, int],
) -> None:
    """One rating per rater, dated the session's date, so each case has a history."""
    assert discussion.id is not None
    for rater, score in ratings.items():
        db.add(SafetyRating(
            council_id=session.council_id,
            case_discussion_id=discussion.id,
            case_reference=discussion.case_reference,
            rater_role=rater,
            score=score,
            rated_on=session.held_on or session.planned_for,
        ))


def add_action(
    db: Session, principal: Principal, actor: Actor, session_id: int,
    data: case_forms.ActionInput, *, stage: str | None = None,
) -> SupervisionAction:
    session = require_changeable_part(db, principal, session_id, stage)
    _check_action(db, session, data)
    action = SupervisionAction(
        council_id=session.council_id,
        session_id=session_id,
        case_discussion_id=data.case_discussion_id,
        supervisee_id=session.supervisee_id,
        description=data.description,
        owner_id=data.owner_id,
        due_on=data.due_on,
    )
    db.add(action)
    changed(session)
    db.flush()
    record(db, actor, "supervision.action.added", ACTION_TYPE, action.id,
           session_id=session_id, owner_id=data.owner_id, due_on=data.due_on)
    return action


def _check_action(db: Session, session: SupervisionSession, data: case_forms.ActionInput) -> None:
    errors: forms.Errors = {}
    owner = org.get_person(db, session.council_id, data.owner_id)
    if owner is None or not owner.active:
        errors["owner_id"] = "Select who owns this action"
    latest = session.planned_for + timedelta(days=forms.ACTION_DUE_WITHIN_DAYS)
    if data.due_on < session.planned_for:
        errors["due_on"] = ("Due date must be the same as or after the session's planned "
                            f"date, {format_date(session.planned_for)}")
    elif data.due_on > latest:
        errors["due_on"] = ("Due date must be no more than two years after the session's "
                            f"planned date: {format_date(latest)} or earlier")
    if data.case_discussion_id is not None:
        discussion = db.get(CaseDiscussion, data.case_discussion_id)
        if discussion is None or discussion.session_id != session.id:
            errors["case_discussion_id"] = "Select a case discussion from the list"
    if errors:
        raise InvalidInput(forms.in_order(errors, case_forms.ACTION_ORDER))


#: The longest reason for dropping an action.
MAX_DROP_REASON = 500


def _require_action(db: Session, principal: Principal, action_id: int) -> SupervisionAction:
    action = db.get(SupervisionAction, action_id)
    if action is None or action.council_id != principal.council_id:
        raise NotYourRecord(f"action {action_id}")
    return action


def supervises_now(db: Session, principal: Principal, action: SupervisionAction) -> bool:
    """Whether ``principal`` is the supervisee's current supervisor (who may drop it)."""
    return principal.can(Permission.SUPERVISION_RECORD) and org.is_current_supervisor(
        db, principal.person_id, action.supervisee_id)


def require_droppable(db: Session, principal: Principal, action_id: int) -> SupervisionAction:
    """An action ``principal`` may drop: they supervise its supervisee now."""
    action = _require_action(db, principal, action_id)
    if not supervises_now(db, principal, action):
        raise NotYourRecord(
            f"action {action_id}: only the supervisee's current supervisor drops an action")
    return action


def set_action_status(
    db: Session, principal: Principal, actor: Actor, action_id: int, status: ActionStatus,
    *, on: date | None = None, reason: str = "",
) -> SupervisionAction:
    """Done or open again: by the action's owner, the supervisee or their current
    supervisor. Dropped (with a reason), or a dropped one opened again: by their current
    supervisor only. Anyone else is refused (NotYourRecord); a drop without a reason is
    InvalidInput."""
    action = _require_action(db, principal, action_id)
    if status == ActionStatus.DROPPED or action.status == ActionStatus.DROPPED:
        require_droppable(db, principal, action_id)
    elif principal.person_id not in (action.owner_id, action.supervisee_id) \
            and not supervises_now(db, principal, action):
        raise NotYourRecord(f"action {action_id}")
    reason = reason.strip()
    if status == ActionStatus.DROPPED:
        if not reason:
            raise InvalidInput({"reason": "Enter why the action is being dropped"})
        if len(reason) > MAX_DROP_REASON:
            raise InvalidInput({"reason": (
                f"The reason must be {MAX_DROP_REASON} characters or fewer")})
    previous = action.status
    action.status = status
    action.completed_on = None if status == ActionStatus.OPEN else (on or today())
    action.status_reason = reason if status == ActionStatus.DROPPED else ""
    action.status_changed_by_id = principal.person_id
    db.flush()
    record(db, actor, "supervision.action.status_changed", ACTION_TYPE, action.id,
           session_id=action.session_id, previous=previous.value, status=status.value,
           reason=action.status_reason)
    return action
