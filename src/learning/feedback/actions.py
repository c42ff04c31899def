"""The team's actions: what it is doing because of what it heard (the "we did" of "you said,
we did"), and the feedback items linked to each. The public summary says what changed, in
plain words; it is what a person sees with their receipt code. Services flush only."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.terms import ActionStatus
from learning.feedback.triage import NotYours, Scope
from learning.feedback.triage_forms import ActionInput
from learning.org.models import Team


def actions_in(db: Session, scope: Scope, team_id: int | None = None) -> list[FeedbackAction]:
    query = select(FeedbackAction).where(FeedbackAction.council_id == scope.council_id)
    if scope.team_ids is not None:
        query = query.where(col(FeedbackAction.team_id).in_(scope.team_ids))
    if team_id is not None:
        query = query.where(FeedbackAction.team_id == team_id)
    order = (col(FeedbackAction.status) == ActionStatus.DONE, col(FeedbackAction.created_at).desc())
    return list(db.exec(query.order_by(*order)).all())


def require_action(db: Session, scope: Scope, action_id: int) -> FeedbackAction:
    action = db.get(FeedbackAction, action_id)
    if (
        action is None
        or action.council_id != scope.council_id
        or (scope.team_ids is not None and action.team_id not in scope.team_ids)
    ):
        raise NotYours(
            f"action {action_id} is not this person's to see", "feedback_action", action_id
        )
    return action


#: An action with the same title for the same team, added by the same person this recently,
#: is the same form sent twice (a double click, or Back and send again): one action.
REPEAT_WINDOW = timedelta(minutes=10)


class AlreadyAdded(ValueError):
    """The action was added a moment ago; ``action`` is the one that was."""

    def __init__(self, action: FeedbackAction) -> None:
        super().__init__(action.title)
        self.action = action


def create_action(
    db: Session, actor: Actor, council_id: int, team_id: int, data: ActionInput
) -> FeedbackAction:
    """A new action, unless the same one was added a moment ago (``AlreadyAdded``). The
    team's row is locked first, so two sends at the same moment are told apart on
    PostgreSQL as well as on SQLite (whose writers take turns)."""
    db.exec(select(Team.id).where(Team.id == team_id).with_for_update()).first()
    repeated = db.exec(
        select(FeedbackAction).where(
            FeedbackAction.team_id == team_id,
            FeedbackAction.created_by_id == actor.person_id,
            FeedbackAction.title == data.title,
            FeedbackAction.created_at > utcnow() - REPEAT_WINDOW,
        )
    ).first()
    if repeated is not None:
        raise AlreadyAdded(repeated)
    action = FeedbackAction(
        council_id=council_id,
        team_id=team_id,
        title=data.title,
        owner_id=actor.person_id,
        created_by_id=actor.person_id,
    )
    _apply(action, data)
    db.add(action)
    db.flush()
    record(db, actor, "feedback.action.created", "feedback_action", action.id, team_id=team_id)
    return action


def update_action(db: Session, actor: Actor, action: FeedbackAction, data: ActionInput) -> None:
    _apply(action, data)
    db.add(action)
    record(db, actor, "feedback.action.updated", "feedback_action", action.id)
    db.flush()


def _apply(action: FeedbackAction, data: ActionInput) -> None:
    action.title = data.title
    action.public_summary = data.public_summary
    action.due_on = data.due_on
    if data.status is ActionStatus.DONE and action.status is not ActionStatus.DONE:
        action.completed_at = utcnow()
    elif data.status is not ActionStatus.DONE:
        action.completed_at = None
    action.status = data.status


def items_of(db: Session, action_id: int) -> list[FeedbackSubmission]:
    query = (
        select(FeedbackSubmission)
        .join(FeedbackActionLink, col(FeedbackActionLink.submission_id) == FeedbackSubmission.id)
        .where(FeedbackActionLink.action_id == action_id)
        .order_by(col(FeedbackSubmission.submitted_at).desc())
    )
    return list(db.exec(query).all())


def actions_of(db: Session, submission_id: int) -> list[FeedbackAction]:
    query = (
        select(FeedbackAction)
        .join(FeedbackActionLink, col(FeedbackActionLink.action_id) == FeedbackAction.id)
        .where(FeedbackActionLink.submission_id == submission_id)
        .order_by(col(FeedbackAction.created_at))
    )
    return list(db.exec(query).all())


def link_item(
    db: Session, actor: Actor, action: FeedbackAction, submission: FeedbackSubmission
) -> None:
    """Links an item to one of its own team's actions (once)."""
    if action.team_id != submission.team_id or action.council_id != submission.council_id:
        raise NotYours(f"action {action.id} belongs to another team", "feedback_action", action.id)
    assert action.id is not None and submission.id is not None
    if db.get(FeedbackActionLink, (action.id, submission.id)) is None:
        db.add(FeedbackActionLink(action_id=action.id, submission_id=submission.id))
        record(
            db,
            actor,
            "feedback.action.linked",
            "feedback_submission",
            submission.id,
            action_id=action.id,
        )
        db.flush()


def unlink_item(
    db: Session, actor: Actor, action: FeedbackAction, submission: FeedbackSubmission
) -> None:
    row = db.get(FeedbackActionLink, (action.id, submission.id))
    if row is not None:
        db.delete(row)
        record(
            db,
            actor,
            "feedback.action.unlinked",
            "feedback_submission",
            submission.id,
            action_id=action.id,
        )
        db.flush()
