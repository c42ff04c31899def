"""The review queue: who sees which team's feedback, the queue itself, and the item's life
(read, closed, reopened; let out of quarantine or kept as spam - never deleted by hand:
like all feedback, an item goes only when its link's retention ends, see ``housekeeping``).

Every item lands in the queue of the team that owns its link. People see their own team's
queue; team managers, safeguarding leads and principal social workers see every team in
their council and filter by team. Anything outside what a person may see is answered as if
it did not exist. Services here flush; the request commits.

"Read" is the team's: an item becomes read when one of its team opens it (``belongs_to_team``:
their team is the item's, a team manager of that team included), and one of them may mark it
unread again. Anyone else who may see it (a manager of another team, a safeguarding lead, the
principal social worker) reads it without changing what the team has still to read; every
read is audited. Working on an item (tagging, replying, closing, checking a held item) is for
its team and for the council-wide roles (``COUNCIL_WIDE_ROLES``); the others who see every
team read another team's feedback only (see ``may_work_on``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, func, update
from sqlmodel import Session, col, select
from sqlmodel.sql.sqltypes import UTCDateTime

from learning.accounts.dependencies import Principal
from learning.audit.models import AuditEvent
from learning.audit.service import Actor, record
from learning.core.clock import LONDON, utcnow
from learning.core.db import affected_rows
from learning.core.permissions import Role
from learning.feedback.models import FeedbackAction, FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import AlertStatus, SubmissionStatus
from learning.feedback.working_days import READ_WITHIN_WORKING_DAYS, add_working_days
from learning.org.models import Person, Team

ALL_TEAMS_ROLES = frozenset(
    {Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD, Role.PRINCIPAL_SOCIAL_WORKER}
)
#: Roles that act for the whole council: they may work on every team's feedback. The others
#: who see every team (a team manager, a safeguarding lead) only read another team's; an
#: administrator has no review queue at all.
COUNCIL_WIDE_ROLES = frozenset({Role.PRINCIPAL_SOCIAL_WORKER})


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


def belongs_to_team(db: Session, person_id: int | None, team_id: int) -> bool:
    """Whether a person is one of the team: their team (``Person.team_id``, the one place the
    organisation records it) is this one. Its team manager is the person with that role in
    it, so belongs too; a manager of another team, or anyone whose role shows them every
    team, does not."""
    person = db.get(Person, person_id) if person_id is not None else None
    return person is not None and person.team_id == team_id


def may_work_on(principal: Principal, team_id: int) -> bool:
    """Whether a person may change a team's feedback (tag it, reply, close it, check a held
    item, link it to an action): one of the team, or someone whose role is council-wide."""
    return principal.team_id == team_id or bool(principal.roles & COUNCIL_WIDE_ROLES)


def team_of_item(db: Session, scope: Scope, submission_id: int) -> int | None:
    """The team whose item this is, or None when this scope does not see it."""
    submission = db.get(FeedbackSubmission, submission_id)
    return submission.team_id if submission is not None and scope.allows(submission) else None


def team_of_action(db: Session, scope: Scope, action_id: int) -> int | None:
    """The team whose action this is, or None when this scope does not see it."""
    action = db.get(FeedbackAction, action_id)
    if action is None or action.council_id != scope.council_id:
        return None
    seen = scope.team_ids is None or action.team_id in scope.team_ids
    return action.team_id if seen else None


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


def is_kept_as_spam(submission: FeedbackSubmission) -> bool:
    """Checked by a person and judged spam: held, never let in, and closed. Only "Keep as
    spam" leaves an item so (closing a held item lets it in first: see ``set_closed``)."""
    return (
        submission.quarantine_reason is not None
        and submission.released_at is None
        and submission.status is SubmissionStatus.CLOSED
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


class Show(StrEnum):
    """What the To do tab shows: everything, or only what is overdue, what asks for contact,
    or what raised a safeguarding alert."""

    ALL = "all"
    OVERDUE = "overdue"
    CONTACT = "contact"
    ALERT = "alert"

    @property
    def label(self) -> str:
        return {
            "all": "All",
            "overdue": "Overdue",
            "contact": "Want contact",
            "alert": "Raised an alert",
        }[self.value]


def overdue_before(today: date) -> datetime:
    """The moment (UTC) before which feedback still unread is overdue on ``today``: it came on
    a day whose read-by day (two working days on, see ``working_days``) has passed."""
    last_overdue_day = today
    while add_working_days(last_overdue_day, READ_WITHIN_WORKING_DAYS) >= today:
        last_overdue_day -= timedelta(days=1)
    next_day = datetime.combine(last_overdue_day + timedelta(days=1), time.min, tzinfo=LONDON)
    return next_day.astimezone(UTC)


#: The audit event of an item moved to another team (``triage_move``): its time is when the
#: item came to the team it is in now, so its read-by day runs from there.
MOVED = "feedback.item.moved"
ITEM = "feedback_submission"


def in_team_since() -> ColumnElement[datetime]:
    """When each item came to its team, as a query expression: when it was last moved (its
    latest ``MOVED`` event), else when it arrived."""
    moved = (
        select(func.max(AuditEvent.occurred_at))
        .where(
            AuditEvent.record_type == ITEM,
            AuditEvent.record_id == cast(col(FeedbackSubmission.id), String),
            AuditEvent.action == MOVED,
        )
        .scalar_subquery()
    )
    return func.coalesce(moved, col(FeedbackSubmission.submitted_at), type_=UTCDateTime())


def moved_in_at(db: Session, submission_ids: list[int]) -> dict[int, datetime]:
    """When each of these items was last moved to another team (those never moved left out)."""
    if not submission_ids:
        return {}
    rows = db.exec(
        select(AuditEvent.record_id, func.max(AuditEvent.occurred_at))
        .where(
            AuditEvent.record_type == ITEM,
            AuditEvent.action == MOVED,
            col(AuditEvent.record_id).in_([str(i) for i in submission_ids]),
        )
        .group_by(col(AuditEvent.record_id))
    ).all()
    return {int(record_id): at for record_id, at in rows if at is not None}


def arrived_in_team(db: Session, submission: FeedbackSubmission) -> datetime:
    """When the item came to its team: when it was last moved, else when it arrived."""
    assert submission.id is not None
    return moved_in_at(db, [submission.id]).get(submission.id, submission.submitted_at)


def overdue(today: date) -> ColumnElement[bool]:
    return and_(
        col(FeedbackSubmission.status) == SubmissionStatus.NEW,
        in_team_since() < overdue_before(today),
    )


def _showing(show: Show, today: date) -> list[ColumnElement[bool]]:
    if show is Show.OVERDUE:
        return [overdue(today)]
    if show is Show.CONTACT:
        return [col(FeedbackSubmission.wants_contact).is_(True)]
    if show is Show.ALERT:
        raised = select(SafeguardingAlert.id).where(
            SafeguardingAlert.submission_id == FeedbackSubmission.id
        )
        return [raised.exists()]
    return []


def _order(tab: Tab) -> tuple[ColumnElement[Any], ...]:
    """To do: unread first, the oldest (whose read-by day came first, so the overdue) at the
    top, an item moved to the team counting from the move (it is new to them); the other
    tabs newest first."""
    arrived, number = col(FeedbackSubmission.submitted_at), col(FeedbackSubmission.id)
    if tab is Tab.OPEN:
        unread_first = case((col(FeedbackSubmission.status) == SubmissionStatus.NEW, 0), else_=1)
        return unread_first, in_team_since().asc(), number.asc()
    return arrived.desc(), number.desc()


def page_of(
    db: Session,
    scope: Scope,
    tab: Tab,
    team_id: int | None,
    page: int,
    per_page: int,
    show: Show,
    today: date,
) -> tuple[list[FeedbackSubmission], int]:
    """One page of the tab (of what ``show`` picks, in the To do tab), and how many items
    that is in all."""
    picked = _showing(show, today) if tab is Tab.OPEN else []
    where = [*visible(scope, team_id), in_tab(tab), *picked]
    total = db.exec(select(func.count()).select_from(FeedbackSubmission).where(*where)).one()
    rows = db.exec(
        select(FeedbackSubmission)
        .where(*where)
        .order_by(*_order(tab))
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(rows), int(total)


def overdue_count(db: Session, scope: Scope, team_id: int | None, today: date) -> int:
    """How many items to do are unread past their read-by day."""
    query = select(func.count()).select_from(FeedbackSubmission)
    where = [*visible(scope, team_id), in_tab(Tab.OPEN), overdue(today)]
    return int(db.exec(query.where(*where)).one())


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
    db: Session,
    actor: Actor,
    submission: FeedbackSubmission,
    now: datetime | None = None,
    scope: Scope | None = None,
) -> bool:
    """Someone read the item: recorded in the audit log. A new item becomes read when one of
    its team reads it; anyone else who may see it reads it without changing what the team has
    still to read (the audit event says which it was).

    Marking it read is one conditional UPDATE (still new, still in the team the reader is
    in): an item moved to another team at the same moment is never marked read for its new
    team by someone of the old one. False, recording nothing, when the item was moved out of
    ``scope`` (what the reader sees) meanwhile: the reader has not read it."""
    of_the_team = belongs_to_team(db, actor.person_id, submission.team_id)
    if of_the_team and submission.status is SubmissionStatus.NEW:
        db.flush()
        marking = db.execute(
            update(FeedbackSubmission)
            .where(col(FeedbackSubmission.id) == submission.id)
            .where(col(FeedbackSubmission.team_id) == submission.team_id)
            .where(col(FeedbackSubmission.status) == SubmissionStatus.NEW)
            .values(
                status=SubmissionStatus.READ,
                read_at=now or utcnow(),
                read_by_id=actor.person_id,
            )
        )
        db.refresh(submission)
        if affected_rows(marking) != 1:  # read by another of the team, or moved, meanwhile
            of_the_team = belongs_to_team(db, actor.person_id, submission.team_id)
    if scope is not None and not scope.allows(submission):
        return False
    record(
        db,
        actor,
        "feedback.item.read",
        "feedback_submission",
        submission.id,
        team_id=submission.team_id,
        of_the_team=of_the_team,
    )
    db.flush()
    return True


class NotOfTheTeam(PermissionError):
    """Only one of the item's team may do this."""


def mark_unread(db: Session, actor: Actor, submission: FeedbackSubmission) -> bool:
    """One of the team puts a read item back among what the team has still to read (it is
    counted again, against the same read-by day). False, changing nothing, when the item is
    not read (unread already, or closed)."""
    if not belongs_to_team(db, actor.person_id, submission.team_id):
        raise NotOfTheTeam(f"feedback item {submission.id} is not this person's team's")
    if submission.status is not SubmissionStatus.READ:
        return False
    submission.status = SubmissionStatus.NEW
    submission.read_at = None
    submission.read_by_id = None
    db.add(submission)
    record(
        db,
        actor,
        "feedback.item.marked_unread",
        "feedback_submission",
        submission.id,
        team_id=submission.team_id,
    )
    db.flush()
    return True


def reader_of(db: Session, submission: FeedbackSubmission) -> str:
    """The name of the person of the team who read the item first ("" if nobody has, or
    their record has gone)."""
    reader = db.get(Person, submission.read_by_id) if submission.read_by_id else None
    return reader.name if reader is not None else ""


def item_standing(
    db: Session, principal: Principal, submission: FeedbackSubmission
) -> dict[str, object]:
    """Where the item stands, for its page as this person sees it: who of the team read it,
    whether this person is of its team (so may mark it unread) or may work on it at all,
    whether it was kept as spam, and whether its live alert keeps it from being so."""
    return {
        "reader": reader_of(db, submission),
        "of_the_team": belongs_to_team(db, principal.person_id, submission.team_id),
        "may_work": may_work_on(principal, submission.team_id),
        "kept_as_spam": is_kept_as_spam(submission),
        "alert_not_closed": live_alert(db, submission) is not None,
    }


def set_closed(db: Session, actor: Actor, submission: FeedbackSubmission, closed: bool) -> None:
    """Closed (the team has finished with it), or opened again. A held item closed is let in
    first: the person who read it and closed it judged it feedback, not spam (only
    ``keep_as_spam`` says that), and the audit log says both."""
    if closed and is_held(submission):
        release(db, actor, submission)
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


ALERT_NOT_CLOSED = (
    "This feedback raised a safeguarding alert that is not closed: "
    "the safeguarding lead decides first"
)


class AlertNotClosed(ValueError):
    """Not now: the item's safeguarding alert is not closed (see ``keep_as_spam``)."""


def live_alert(db: Session, submission: FeedbackSubmission) -> SafeguardingAlert | None:
    """The item's safeguarding alert while it is not closed, if it raised one."""
    query = select(SafeguardingAlert).where(
        SafeguardingAlert.submission_id == submission.id,
        SafeguardingAlert.status != AlertStatus.CLOSED,
    )
    return db.exec(query).first()


def keep_as_spam(db: Session, actor: Actor, submission: FeedbackSubmission) -> None:
    """A person checked a held item and judged it spam: closed and kept (until its link's
    retention ends, like all feedback). Refused (``AlertNotClosed``) while the safeguarding
    alert it raised is not closed: the safeguarding lead decides about a worry first, and the
    person's receipt must not say the team has finished with it meanwhile. An item no longer
    held (let in, or kept as spam already) is left as it is."""
    if live_alert(db, submission) is not None:
        raise AlertNotClosed(ALERT_NOT_CLOSED)
    if not is_held(submission):
        return
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
