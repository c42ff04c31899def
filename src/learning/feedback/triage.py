"""The review queue: who sees which team's feedback, the queue itself, and the item's life
(read, closed, reopened; let out of quarantine or kept as spam - never deleted by hand:
like all feedback, an item goes only when its link's retention ends, see ``housekeeping``).

Every item lands in the queue of the team that owns its link. People see their own team's
queue; team managers, safeguarding leads and principal social workers see every team in
their council and filter by team. Anything outside what a person may see is answered as if
it did not exist. Services here flush; the request commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.core.permissions import Role
from learning.feedback.models import FeedbackSubmission
from learning.feedback.terms import SubmissionStatus
from learning.org.models import Team

ALL_TEAMS_ROLES = frozenset(
    {Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD, Role.PRINCIPAL_SOCIAL_WORKER}
)


class NotYours(LookupError):
    """No such item, or one this person may not see: the same answer either way. It names
    the record asked for, so that the refusal can be audited (``triage_refusals``)."""

    def __init__(self, message: str, record_type: str = "", record_id: object = "") -> None:
        super().__init__(message)
        self.record_type = record_type
        self.record_id = record_id


class Tab(StrEnum):
    OPEN = "open"  # to read and work on
    HELD = "held"  # quarantined, waiting for a person to check
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "To do", "held": "Held for checking", "closed": "Closed"}[self.value]


@dataclass(frozen=True)
class Scope:
    council_id: int
    team_ids: frozenset[int] | None  # None: every team in the council

    def allows(self, submission: FeedbackSubmission) -> bool:
        if submission.council_id != self.council_id:
            return False
        return self.team_ids is None or submission.team_id in self.team_ids


def sees_all_teams(principal: Principal) -> bool:
    return bool(principal.roles & ALL_TEAMS_ROLES)


def scope_of(principal: Principal) -> Scope:
    if sees_all_teams(principal):
        return Scope(principal.council_id, None)
    own = frozenset({principal.team_id}) if principal.team_id is not None else frozenset()
    return Scope(principal.council_id, own)


def teams_in(db: Session, scope: Scope) -> list[Team]:
    query = select(Team).where(Team.council_id == scope.council_id)
    if scope.team_ids is not None:
        query = query.where(col(Team.id).in_(scope.team_ids))
    return list(db.exec(query.order_by(col(Team.name))).all())


def is_held(submission: FeedbackSubmission) -> bool:
    return (
        submission.quarantine_reason is not None
        and submission.released_at is None
        and submission.status is not SubmissionStatus.CLOSED
    )


def in_tab(tab: Tab) -> ColumnElement[bool]:
    held = and_(
        col(FeedbackSubmission.quarantine_reason).is_not(None),
        col(FeedbackSubmission.released_at).is_(None),
    )
    closed = col(FeedbackSubmission.status) == SubmissionStatus.CLOSED
    if tab is Tab.CLOSED:
        return closed
    if tab is Tab.HELD:
        return and_(held, ~closed)
    return and_(~held, ~closed)


def visible(scope: Scope, team_id: int | None = None) -> list[ColumnElement[bool]]:
    """Conditions for the items this scope sees, narrowed to one team when asked."""
    conditions = [col(FeedbackSubmission.council_id) == scope.council_id]
    if scope.team_ids is not None:
        conditions.append(col(FeedbackSubmission.team_id).in_(scope.team_ids))
    if team_id is not None:
        conditions.append(col(FeedbackSubmission.team_id) == team_id)
    return conditions


def page_of(
    db: Session, scope: Scope, tab: Tab, team_id: int | None, page: int, per_page: int
) -> tuple[list[FeedbackSubmission], int]:
    """One page of the tab, newest first, and how many items the tab holds."""
    where = [*visible(scope, team_id), in_tab(tab)]
    total = db.exec(select(func.count()).select_from(FeedbackSubmission).where(*where)).one()
    rows = db.exec(
        select(FeedbackSubmission)
        .where(*where)
        .order_by(col(FeedbackSubmission.submitted_at).desc(), col(FeedbackSubmission.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(rows), int(total)


def tab_counts(db: Session, scope: Scope, team_id: int | None) -> dict[Tab, int]:
    """Unread items to do, and every item held for checking."""
    unread = col(FeedbackSubmission.status) == SubmissionStatus.NEW
    wanted = {Tab.OPEN: [in_tab(Tab.OPEN), unread], Tab.HELD: [in_tab(Tab.HELD)]}
    return {
        tab: int(
            db.exec(
                select(func.count())
                .select_from(FeedbackSubmission)
                .where(*visible(scope, team_id), *conditions)
            ).one()
        )
        for tab, conditions in wanted.items()
    }


def require_item(db: Session, scope: Scope, submission_id: int) -> FeedbackSubmission:
    submission = db.get(FeedbackSubmission, submission_id)
    if submission is None or not scope.allows(submission):
        raise NotYours(
            f"feedback item {submission_id} is not in this person's queue",
            "feedback_submission",
            submission_id,
        )
    return submission


def open_item(
    db: Session, actor: Actor, submission: FeedbackSubmission, now: datetime | None = None
) -> None:
    """Someone read the item: recorded in the audit log; a new item becomes read."""
    if submission.status is SubmissionStatus.NEW:
        submission.status = SubmissionStatus.READ
        submission.read_at = now or utcnow()
        submission.read_by_id = actor.person_id
        db.add(submission)
    record(
        db,
        actor,
        "feedback.item.read",
        "feedback_submission",
        submission.id,
        team_id=submission.team_id,
    )
    db.flush()


def set_closed(db: Session, actor: Actor, submission: FeedbackSubmission, closed: bool) -> None:
    if closed:
        submission.status = SubmissionStatus.CLOSED
    elif submission.status is SubmissionStatus.CLOSED:
        submission.status = SubmissionStatus.READ
    db.add(submission)
    action = "feedback.item.closed" if closed else "feedback.item.reopened"
    record(db, actor, action, "feedback_submission", submission.id)
    db.flush()


def release(
    db: Session, actor: Actor, submission: FeedbackSubmission, now: datetime | None = None
) -> None:
    """A person checked a held item and let it into the team's queue."""
    submission.released_at = now or utcnow()
    submission.released_by_id = actor.person_id
    if submission.status is SubmissionStatus.CLOSED:
        submission.status = SubmissionStatus.READ
    db.add(submission)
    record(
        db,
        actor,
        "feedback.item.released",
        "feedback_submission",
        submission.id,
        reason=str(submission.quarantine_reason),
    )
    db.flush()


def keep_as_spam(db: Session, actor: Actor, submission: FeedbackSubmission) -> None:
    """A person checked a held item and judged it spam: closed and kept (until its link's
    retention ends, like all feedback)."""
    submission.status = SubmissionStatus.CLOSED
    db.add(submission)
    record(
        db,
        actor,
        "feedback.item.kept_as_spam",
        "feedback_submission",
        submission.id,
        reason=str(submission.quarantine_reason),
    )
    db.flush()
