"""The team's actions: what it is doing because of what it heard (the "we did" of "you said,
we did"), and the feedback items linked to each. The public summary says what changed, in
plain words; it is what a person sees with their receipt code. Services flush only.

Who may add, change, link and unlink a team's actions is who may work on its feedback
(``may_act_for``): its own team, and the council-wide roles. The others who see every team
read another team's actions only, as they read its feedback. An action past its due date and
not done is overdue (``is_overdue``): the list puts those first, or shows only them."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.terms import ActionStatus
from learning.feedback.triage import NotYours, Scope, may_work_on, scope_of, teams_in
from learning.feedback.triage_forms import ActionInput
from learning.org.models import Team


def may_act_for(principal: Principal, team_id: int) -> bool:
    """Whether a person may add, change, link or unlink the team's actions: the same people
    who may work on its feedback (``triage.may_work_on``), so that an action, which speaks
    for the team to the people who gave feedback, is only ever the team's own word (or the
    principal social worker's, for the whole council)."""
    return may_work_on(principal, team_id)


def teams_to_act_for(db: Session, principal: Principal) -> list[Team]:
    """The teams this person may add an action for, by name: of those they see, the ones
    they may work on (a manager of another team sees every team but adds only for their own)."""
    seen = teams_in(db, scope_of(principal))
    return [team for team in seen if team.id is not None and may_act_for(principal, team.id)]


def _visible(scope: Scope, team_id: int | None = None) -> list[ColumnElement[bool]]:
    """Conditions for the actions this scope sees, narrowed to one team when asked."""
    conditions = [col(FeedbackAction.council_id) == scope.council_id]
    if scope.team_ids is not None:
        conditions.append(col(FeedbackAction.team_id).in_(scope.team_ids))
    if team_id is not None:
        conditions.append(col(FeedbackAction.team_id) == team_id)
    return conditions


def actions_in(db: Session, scope: Scope, team_id: int | None = None) -> list[FeedbackAction]:
    query = select(FeedbackAction).where(*_visible(scope, team_id))
    order = (col(FeedbackAction.status) == ActionStatus.DONE, col(FeedbackAction.created_at).desc(),
             col(FeedbackAction.id).desc())
    return list(db.exec(query.order_by(*order)).all())


# Overdue ---------------------------------------------------------------------------------


class Show(StrEnum):
    """What the list of actions shows: every action, or only the overdue."""

    ALL = "all"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"all": "All", "overdue": "Overdue"}[self.value]


def is_overdue(action: FeedbackAction, today: date) -> bool:
    """Past its due date and not done: the team said when it would be done, and that day has
    gone (an action due today is not overdue until tomorrow). One with no due date never is."""
    return (
        action.due_on is not None
        and action.due_on < today
        and action.status is not ActionStatus.DONE
    )


def overdue(today: date) -> ColumnElement[bool]:
    """``is_overdue`` as a query condition."""
    return and_(
        col(FeedbackAction.due_on).is_not(None),
        col(FeedbackAction.due_on) < today,
        col(FeedbackAction.status) != ActionStatus.DONE,
    )


def _listed_order(today: date) -> tuple[ColumnElement[Any], ...]:
    """The overdue first, the longest overdue at the top; then the rest not done, newest
    first; then those done, newest first (as the queue's To do puts what is late first)."""
    late = overdue(today)
    return (
        col(FeedbackAction.status) == ActionStatus.DONE,
        case((late, 0), else_=1),
        case((late, col(FeedbackAction.due_on)), else_=None),
        col(FeedbackAction.created_at).desc(),
        col(FeedbackAction.id).desc(),
    )


def listed(db: Session, scope: Scope, today: date, show: Show = Show.ALL) -> list[FeedbackAction]:
    """The list of actions as ``show`` picks them, the overdue first."""
    picked = [overdue(today)] if show is Show.OVERDUE else []
    query = select(FeedbackAction).where(*_visible(scope), *picked)
    return list(db.exec(query.order_by(*_listed_order(today))).all())


def overdue_count(db: Session, scope: Scope, today: date) -> int:
    """How many of the actions this scope sees are overdue."""
    query = select(func.count()).select_from(FeedbackAction)
    return int(db.exec(query.where(*_visible(scope), overdue(today))).one())


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


def seen_of(action: FeedbackAction) -> str:
    """A digest of what the action's form changes, as a page showed it. The form carries it,
    so that a save from a page shown before someone else's save (another tab, a colleague)
    is refused instead of silently undoing theirs: the summary families read included."""
    due = action.due_on.isoformat() if action.due_on else ""
    shown = [action.title, action.public_summary, action.status.value, due]
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:16]


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
        .order_by(col(FeedbackSubmission.submitted_at).desc(), col(FeedbackSubmission.id).desc())
    )
    return list(db.exec(query).all())


def actions_of(db: Session, submission_id: int) -> list[FeedbackAction]:
    query = (
        select(FeedbackAction)
        .join(FeedbackActionLink, col(FeedbackActionLink.action_id) == FeedbackAction.id)
        .where(FeedbackActionLink.submission_id == submission_id)
        .order_by(col(FeedbackAction.created_at), col(FeedbackAction.id))
    )
    return list(db.exec(query).all())


def link_item(
    db: Session, actor: Actor, action: FeedbackAction, submission: FeedbackSubmission
) -> None:
    """Links an item to one of its own team's actions (once).

    The item's row is locked and its team read again first (on PostgreSQL): an item moved to
    another team a moment ago is never linked to its old team's action, which the move has
    just unlinked it from."""
    assert submission.id is not None
    db.exec(
        select(FeedbackSubmission)
        .where(col(FeedbackSubmission.id) == submission.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
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
