"""One supervisee's supervision history: sessions, actions, safety-scale movement per case,
wellbeing (only for those who may read the personal section), workload over time, and the
appreciative reviews of their supervision. Reading it is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_
from sqlalchemy import select as wide_select
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.org import service as org
from learning.org.models import Person, SupervisoryRelationship
from learning.supervision import access
from learning.supervision.ears import ReviewLine, reviews_of_supervisee
from learning.supervision.lifecycle import (
    counts_as_held,
    ever_recorded_clause,
    held_day,
    needs_sign_off,
)
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SupervisionAction,
    SupervisionSession,
    WorkloadSnapshot,
)
from learning.supervision.queries import SESSION_DAY, rows_of
from learning.supervision.terms import (
    FREQUENCY_TYPES,
    ActionStatus,
    Rag,
    RaterRole,
    SessionStatus,
    SessionType,
)

RECENT_DONE_ACTIONS = 20
RECENT_SNAPSHOTS = 24


@dataclass(frozen=True)
class Sparkline:
    """A small line chart drawn on the server: the values as SVG polyline points."""

    values: tuple[float, ...]
    low: float = 0
    high: float = 10
    width: int = 120
    height: int = 28
    pad: int = 4

    def _xy(self, index: int, value: float) -> tuple[float, float]:
        steps = max(len(self.values) - 1, 1)
        x = self.pad + index * (self.width - 2 * self.pad) / steps
        share = (value - self.low) / ((self.high - self.low) or 1)
        y = self.height - self.pad - share * (self.height - 2 * self.pad)
        return round(x, 1), round(y, 1)

    @property
    def points(self) -> str:
        return " ".join(f"{x},{y}" for x, y in (self._xy(i, v) for i, v in enumerate(self.values)))

    @property
    def last(self) -> tuple[float, float]:
        return self._xy(len(self.values) - 1, self.values[-1])


@dataclass(frozen=True)
class SessionLine:
    id: int
    day: date
    session_type: SessionType
    status: SessionStatus
    status_reason: str
    supervisor_name: str
    signed_off_at: datetime | None
    supervisee_agreed: bool | None
    case_discussions: int
    #: Recorded as held and a draft again: "amended" (version > 1) or "changed", else "".
    being: str = ""

    @property
    def awaiting_sign_off(self) -> bool:
        """The one rule of :func:`lifecycle.awaiting_sign_off`, for the history's line."""
        return needs_sign_off(self.status) and self.signed_off_at is None

    @property
    def counts_for_frequency(self) -> bool:
        """Whether it meets the agreement's frequency (ad hoc and group sessions do not)."""
        return self.session_type in FREQUENCY_TYPES


@dataclass(frozen=True)
class ActionLine:
    id: int
    session_id: int
    description: str
    owner_name: str
    due_on: date
    status: ActionStatus
    completed_on: date | None
    on: date
    status_reason: str = ""

    @property
    def days_overdue(self) -> int:
        return max((self.on - self.due_on).days, 0) if self.status == ActionStatus.OPEN else 0


@dataclass(frozen=True)
class ScaleSeries:
    """A case's safety scale as one rater judged it, session after session."""

    case_reference: str
    rater_role: RaterRole
    points: tuple[tuple[date, int], ...]

    @property
    def movement(self) -> int:
        return self.points[-1][1] - self.points[0][1]

    @property
    def sparkline(self) -> Sparkline:
        return Sparkline(tuple(float(score) for _, score in self.points))


@dataclass(frozen=True)
class WorkloadLine:
    taken_on: date
    points: float
    capacity: float
    rag: Rag

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.capacity) if self.capacity else 0


@dataclass
class History:
    person: Person
    team_name: str
    supervisors: list[str]
    sessions: list[SessionLine]
    overdue_actions: list[ActionLine]
    open_actions: list[ActionLine]
    done_actions: list[ActionLine]
    scales: list[ScaleSeries]
    #: None when the viewer may not read the personal section.
    wellbeing: list[tuple[date, int]] | None
    workloads: list[WorkloadLine]
    #: None when the viewer is the supervisee (the reviews are feedback to the supervisor).
    reviews: list[ReviewLine] | None

    @property
    def wellbeing_sparkline(self) -> Sparkline | None:
        if not self.wellbeing:
            return None
        return Sparkline(tuple(float(score) for _, score in reversed(self.wellbeing)))


def supervisee_history(
    db: Session, actor: Actor, principal: Principal, person_id: int, on: date
) -> History:
    """The history, if the principal may read it (own, supervised, or overseen); otherwise
    :class:`access.NotYourRecord`. The read is audited in the caller's transaction."""
    person = access.require_readable_person(db, principal, person_id)
    assert person.id is not None
    team = org.get_team(db, person.council_id, person.team_id) if person.team_id else None
    sessions, wellbeing = _sessions(db, principal, person)
    actions = _actions(db, person.id, on)
    own = principal.person_id == person.id
    supervisors = _current_supervisors(db, person.id, on)
    history = History(
        person=person,
        team_name=team.name if team else "",
        supervisors=sorted(supervisors.values()),
        sessions=sessions,
        overdue_actions=[a for a in actions if a.days_overdue > 0],
        open_actions=[a for a in actions if a.status == ActionStatus.OPEN and not a.days_overdue],
        done_actions=sorted((a for a in actions if a.status != ActionStatus.OPEN),
                            key=lambda a: (a.completed_on or a.due_on), reverse=True
                            )[:RECENT_DONE_ACTIONS],
        scales=_scales(db, person.id),
        wellbeing=wellbeing if own or principal.person_id in supervisors else None,
        workloads=_workloads(db, person.id),
        reviews=None if own else reviews_of_supervisee(db, person.id),
    )
    record(db, actor, "supervision.history.viewed", "person", person.id,
           sessions=len(sessions), personal_section=history.wellbeing is not None)
    return history


def _sessions(
    db: Session, principal: Principal, person: Person
) -> tuple[list[SessionLine], list[tuple[date, int]]]:
    """Sessions newest first, and the wellbeing scores the principal may read."""
    discussions = (
        select(func.count(col(CaseDiscussion.id)))
        .where(CaseDiscussion.session_id == SupervisionSession.id)
        .scalar_subquery()
    )
    rows = rows_of(db, wide_select(
        SupervisionSession, SESSION_DAY, col(Person.given_name), col(Person.family_name),
        discussions)
        .join(Person, col(Person.id) == SupervisionSession.supervisor_id)
        .where(col(SupervisionSession.supervisee_id) == person.id)
        .order_by(SESSION_DAY.desc(), col(SupervisionSession.id).desc()))
    lines, wellbeing = [], []
    for session, day, given, family, count in rows:
        assert session.id is not None
        again = session.status != SessionStatus.HELD and counts_as_held(session)
        lines.append(SessionLine(
            session.id, held_day(session) or day, session.session_type, session.status,
            session.status_reason, f"{given} {family}", session.signed_off_at,
            session.supervisee_agreed, int(count),
            ("amended" if session.version > 1 else "changed") if again else ""))
        if (session.status == SessionStatus.HELD and session.wellbeing is not None
                and access.sees_personal_section(principal, session)):
            wellbeing.append((day, session.wellbeing))
    return lines, wellbeing


def _current_supervisors(db: Session, person_id: int, on: date) -> dict[int, str]:
    """The supervisee's current supervisors, by id, with their names."""
    rows = db.exec(
        select(col(Person.id), col(Person.given_name), col(Person.family_name))
        .join(SupervisoryRelationship, col(SupervisoryRelationship.supervisor_id) == Person.id)
        .where(col(SupervisoryRelationship.supervisee_id) == person_id,
               col(SupervisoryRelationship.starts_on) <= on,
               or_(col(SupervisoryRelationship.ends_on).is_(None),
                   col(SupervisoryRelationship.ends_on) >= on))
    ).all()
    return {pid or 0: f"{given} {family}" for pid, given, family in rows}


def _actions(db: Session, person_id: int, on: date) -> list[ActionLine]:
    rows = db.exec(
        select(SupervisionAction, Person.given_name, Person.family_name)
        .join(Person, col(Person.id) == SupervisionAction.owner_id)
        .join(SupervisionSession, col(SupervisionSession.id) == SupervisionAction.session_id)
        .where(SupervisionAction.supervisee_id == person_id, ever_recorded_clause())
        .order_by(col(SupervisionAction.due_on), col(SupervisionAction.id))
    ).all()
    return [
        ActionLine(a.id or 0, a.session_id, a.description, f"{given} {family}", a.due_on,
                   a.status, a.completed_on, on, a.status_reason)
        for a, given, family in rows
    ]


def _scales(db: Session, person_id: int) -> list[ScaleSeries]:
    rows = db.exec(
        select(col(SafetyRating.case_reference), col(SafetyRating.rater_role),
               col(SafetyRating.rated_on), col(SafetyRating.score))
        .join(CaseDiscussion, col(CaseDiscussion.id) == SafetyRating.case_discussion_id)
        .join(SupervisionSession, col(SupervisionSession.id) == CaseDiscussion.session_id)
        .where(SupervisionSession.supervisee_id == person_id)
        .order_by(col(SafetyRating.case_reference), col(SafetyRating.rater_role),
                  col(SafetyRating.rated_on), col(SafetyRating.id))
    ).all()
    series: dict[tuple[str, RaterRole], list[tuple[date, int]]] = {}
    for reference, rater, rated_on, score in rows:
        series.setdefault((reference, RaterRole(rater)), []).append((rated_on, score))
    return [ScaleSeries(reference, rater, tuple(points))
            for (reference, rater), points in series.items()]


def _workloads(db: Session, person_id: int) -> list[WorkloadLine]:
    rows = db.exec(
        select(WorkloadSnapshot)
        .where(WorkloadSnapshot.person_id == person_id)
        .order_by(col(WorkloadSnapshot.taken_on).desc(), col(WorkloadSnapshot.id).desc())
        .limit(RECENT_SNAPSHOTS)
    ).all()
    return [WorkloadLine(s.taken_on, s.points, s.capacity, s.rag) for s in rows]
