"""Moving an item to another team: feedback that landed in the wrong team's queue (a poster in
a building two teams share, a link made for the wrong team, words really about another team's
worker) goes to the team that can act on it.

Who may move it is who may work on it (``triage.may_work_on``): its team, and the council-wide
roles. What moves is the item's team. "Read" is the team's, so the new team has not read it:
it is unread again, and its read-by day (two working days) runs from the move
(``triage.in_team_since``). Its links to the old team's actions go (an action belongs to one
team); its tags and the replies already sent stay with it. A safeguarding alert it raised
stays in the safeguarding inbox, open or closed as it was, but names the new team from then
on (in the inbox, on its page and in its later emails): whoever acts on it needs the team
that now holds the child. Its trail says where the feedback went, from where, and why.

The move is kept in the audit log (``triage.MOVED``, from and to which team, and why), which
is also where the item's page reads "Moved from ... by ... on ...: why" for later readers:
no column of its own.

Moving is one conditional UPDATE (the item still in the team the mover saw it in, and not
closed): of two people moving it at once exactly one does, and the other is told who moved it
where (``MovedMeanwhile``); someone of the old team opening it at that moment never marks it
read for the new one (``triage.open_item``). Services flush; the request commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.core.db import affected_rows
from learning.feedback import alerts
from learning.feedback.models import FeedbackAction, FeedbackActionLink, FeedbackSubmission
from learning.feedback.terms import SubmissionStatus
from learning.feedback.triage import ITEM, MOVED
from learning.org.models import Team

#: The kind of the event a move adds to the trail of the item's safeguarding alert.
ALERT_EVENT = "feedback_moved"
CLOSED = "Closed feedback is not moved: open it again first, then move it"


@dataclass(frozen=True)
class Move:
    """One move of an item, as its audit event keeps it."""

    at: datetime
    by: str  # the mover's name when they moved it
    from_team_id: int
    from_team: str
    to_team_id: int
    to_team: str
    reason: str
    unlinked: tuple[str, ...]  # the titles of the old team's actions it was linked to

    def said(self) -> str:
        """For a page: "Moved from Front Door and MASH to Children in Care by Sam Okafor"."""
        return f"Moved from {self.from_team} to {self.to_team} by {self.by or 'someone'}"


class NotMovable(ValueError):
    """Not now: the item is closed (``CLOSED``)."""


class MovedMeanwhile(LookupError):
    """Someone moved the item out of the team the mover saw it in, a moment before; ``move`` is
    that move (None when the trail has none: the page was older still)."""

    def __init__(self, move: Move | None) -> None:
        super().__init__(move.said() if move else "no longer in the team shown")
        self.move = move


def teams_to_move_to(db: Session, submission: FeedbackSubmission) -> list[Team]:
    """The council's other active teams, by name."""
    query = select(Team).where(
        Team.council_id == submission.council_id,
        col(Team.active).is_(True),
        Team.id != submission.team_id,
    )
    return list(db.exec(query.order_by(col(Team.name))).all())


def moves_of(db: Session, submission_id: int) -> list[Move]:
    """The item's moves, oldest first."""
    events = db.exec(
        select(AuditEvent)
        .where(
            AuditEvent.record_type == ITEM,
            AuditEvent.record_id == str(submission_id),
            AuditEvent.action == MOVED,
        )
        .order_by(col(AuditEvent.occurred_at), col(AuditEvent.id))
    ).all()
    return [_move(event) for event in events]


def last_move_out_of(db: Session, submission_id: int, team_id: int) -> Move | None:
    """The item's latest move out of ``team_id``, if it was ever moved out of it."""
    out = [move for move in moves_of(db, submission_id) if move.from_team_id == team_id]
    return out[-1] if out else None


def _move(event: AuditEvent) -> Move:
    detail = json.loads(event.detail or "{}")
    return Move(
        at=event.occurred_at,
        by=event.actor_label,
        from_team_id=int(detail.get("from_team_id") or 0),
        from_team=str(detail.get("from_team") or ""),
        to_team_id=int(detail.get("to_team_id") or 0),
        to_team=str(detail.get("to_team") or ""),
        reason=str(detail.get("reason") or ""),
        unlinked=tuple(str(title) for title in detail.get("unlinked_actions") or ()),
    )


def move(
    db: Session,
    actor: Actor,
    submission: FeedbackSubmission,
    from_team_id: int,
    to_team: Team,
    reason: str,
    now: datetime | None = None,
) -> Move:
    """Moves the item from ``from_team_id`` (the team the mover saw it in) to ``to_team``.

    Raises ``MovedMeanwhile`` when it is no longer in ``from_team_id`` (moved a moment ago),
    and ``NotMovable`` when it is closed; nothing of this move is stored then."""
    assert submission.id is not None and to_team.id is not None
    if to_team.council_id != submission.council_id or not to_team.active:
        raise ValueError(f"team {to_team.id} is not one of the council's active teams")
    if to_team.id == from_team_id:
        raise ValueError("the item is in that team already")
    when = now or utcnow()
    was = submission.status
    db.flush()
    moving = db.execute(
        update(FeedbackSubmission)
        .where(col(FeedbackSubmission.id) == submission.id)
        .where(col(FeedbackSubmission.team_id) == from_team_id)
        .where(col(FeedbackSubmission.status) != SubmissionStatus.CLOSED)
        .values(team_id=to_team.id, status=SubmissionStatus.NEW, read_at=None, read_by_id=None)
    )
    db.refresh(submission)
    if affected_rows(moving) != 1:
        if submission.team_id != from_team_id:
            raise MovedMeanwhile(last_move_out_of(db, submission.id, from_team_id))
        raise NotMovable(CLOSED)
    unlinked = _unlink_other_teams_actions(db, actor, submission)
    from_team = db.get(Team, from_team_id)
    from_name = from_team.name if from_team else ""
    event = record(
        db,
        actor,
        MOVED,
        ITEM,
        submission.id,
        from_team_id=from_team_id,
        from_team=from_name,
        to_team_id=to_team.id,
        to_team=to_team.name,
        reason=reason,
        was=was.value,
        unlinked_action_ids=[action.id for action in unlinked],
        unlinked_actions=[action.title for action in unlinked],
    )
    event.occurred_at = when
    alert = alerts.alert_for(db, submission.id)
    if alert is not None:  # it stays the safeguarding inbox's; its trail says where it went
        alert.team_id = to_team.id
        db.add(alert)
        note = f"From {from_name} to {to_team.name}: {reason}"
        alerts.add_event(db, alert, ALERT_EVENT, actor_id=actor.person_id, note=note, now=when)
    db.flush()
    return _move(event)


def _unlink_other_teams_actions(
    db: Session, actor: Actor, submission: FeedbackSubmission
) -> list[FeedbackAction]:
    """Its links to actions of any team but its own now (the old team's), gone, each
    audited as an unlinking is."""
    linked = db.exec(
        select(FeedbackAction)
        .join(FeedbackActionLink, col(FeedbackActionLink.action_id) == col(FeedbackAction.id))
        .where(FeedbackActionLink.submission_id == submission.id)
        .where(FeedbackAction.team_id != submission.team_id)
        .order_by(col(FeedbackAction.created_at), col(FeedbackAction.id))
    ).all()
    if not linked:
        return []
    ids = [action.id for action in linked]
    db.execute(
        delete(FeedbackActionLink)
        .where(col(FeedbackActionLink.submission_id) == submission.id)
        .where(col(FeedbackActionLink.action_id).in_(ids))
    )
    for action in linked:
        record(
            db,
            actor,
            "feedback.action.unlinked",
            ITEM,
            submission.id,
            action_id=action.id,
            because="moved to another team",
        )
    return list(linked)
