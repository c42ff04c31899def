"""Read-only queries for the oversight pages: my supervisees, the team overview and overdue
actions. Few round trips: each figure is counted or ranked in SQL for everyone at once, and
only the frequency rules (policy.py) run in Python.

The people a page covers are given as a *scope*: a SELECT of person ids, used as a subquery,
so a council of any size costs the same number of queries as a team.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Executable, Select, case, func, or_
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.core.clock import to_london
from learning.core.permissions import Permission, Role
from learning.org.models import BY_NAME, CareerStage, Person, SupervisoryRelationship, Team
from learning.supervision import policy
from learning.supervision.lifecycle import COUNTS_AS_HELD, HELD_DAY, ever_recorded_clause
from learning.supervision.models import (
    SupervisionAction,
    SupervisionAgreement,
    SupervisionPolicy,
    SupervisionSession,
    WorkloadSnapshot,
)
from learning.supervision.terms import FREQUENCY_TYPES, ActionStatus, Rag, SessionStatus

COUNCIL_WIDE = frozenset({Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD})
#: When a session happened: the day it was held, or the day it was planned for.
SESSION_DAY = func.coalesce(col(SupervisionSession.held_on), col(SupervisionSession.planned_for))
#: A session that meets the agreement's frequency: held (``lifecycle.COUNTS_AS_HELD``: a
#: record recorded as held still counts while it is changed or amended), and of a type
#: that counts (``terms.FREQUENCY_TYPES``: not ad hoc, not group). Only these set when
#: supervision is next due, and only these are counted as held against expected, on the
#: day they were held (``lifecycle.HELD_DAY``).
MEETS_FREQUENCY = (
    COUNTS_AS_HELD & col(SupervisionSession.session_type).in_(sorted(FREQUENCY_TYPES))
)


# People and their supervision schedule --------------------------------------------------


@dataclass(frozen=True)
class PersonLine:
    id: int
    name: str
    team_name: str
    career_stage: CareerStage
    added_on: date


@dataclass(frozen=True)
class Schedule:
    """How often someone is to be supervised: their stage, since when, any agreed override."""

    stage: str
    started: date
    override: int | None = None
    supervisors: tuple[str, ...] = ()

    @property
    def supervised(self) -> bool:
        return bool(self.supervisors)

    def due_after(self, rules: policy.FrequencyPolicy, last_held: date | None) -> date:
        return policy.next_due(rules, self.stage, self.started, last_held, self.override)

    def expected(self, rules: policy.FrequencyPolicy, start: date, end: date) -> int:
        return policy.expected_sessions(rules, self.stage, self.started, start, end, self.override)


def rows_of(db: Session, statement: Executable) -> Sequence[Any]:
    """The rows of a SELECT of more columns than SQLModel's ``select`` has types for."""
    return db.exec(statement).all()  # type: ignore[call-overload, no-any-return]


def frequency_policy(db: Session, council_id: int) -> policy.FrequencyPolicy:
    """The council's latest frequency policy, or the default if none (or unreadable)."""
    body = db.exec(
        select(SupervisionPolicy.body)
        .where(SupervisionPolicy.council_id == council_id, SupervisionPolicy.kind == "frequency")
        .order_by(col(SupervisionPolicy.version).desc())
        .limit(1)
    ).first()
    if body is None:
        return policy.FrequencyPolicy()
    try:
        return policy.FrequencyPolicy.from_data(json.loads(body))
    except (ValueError, KeyError, TypeError):
        return policy.FrequencyPolicy()


def people_in(db: Session, scope: Select[Any]) -> list[PersonLine]:
    rows = rows_of(db, wide_select(
        col(Person.id), col(Person.given_name), col(Person.family_name), col(Team.name),
        col(Person.career_stage), col(Person.created_at))
        .outerjoin(Team, col(Team.id) == Person.team_id)
        .where(col(Person.id).in_(scope))
        .order_by(*BY_NAME))
    return [PersonLine(pid, f"{given} {family}", team or "", CareerStage(stage),
                       to_london(created).date())
            for pid, given, family, team, stage, created in rows]


def schedules(
    db: Session, scope: Select[Any], people: Iterable[PersonLine], on: date
) -> dict[int, Schedule]:
    """Each person's schedule, by the same rules as their supervision agreement page: the
    agreement in force (its start, or the ASYE start for a newly qualified worker, and any
    agreed interval); without one, the start of their current supervision; without that,
    the day they were added."""
    first_start: dict[int, date] = {}
    supervisors: dict[int, list[str]] = {}
    links = rows_of(db, wide_select(
        col(SupervisoryRelationship.supervisee_id), col(SupervisoryRelationship.starts_on),
        col(Person.given_name), col(Person.family_name))
        .join(Person, col(Person.id) == SupervisoryRelationship.supervisor_id)
        .where(col(SupervisoryRelationship.supervisee_id).in_(scope),
               col(SupervisoryRelationship.starts_on) <= on,
               or_(col(SupervisoryRelationship.ends_on).is_(None),
                   col(SupervisoryRelationship.ends_on) >= on)))
    for supervisee_id, starts_on, given, family in links:
        first_start[supervisee_id] = min(starts_on, first_start.get(supervisee_id, starts_on))
        supervisors.setdefault(supervisee_id, []).append(f"{given} {family}")
    agreements = {a.supervisee_id: a for a in db.exec(
        select(SupervisionAgreement)
        .where(col(SupervisionAgreement.supervisee_id).in_(scope),
               col(SupervisionAgreement.ended_on).is_(None))
        .order_by(col(SupervisionAgreement.id))
    )}
    found = {}
    for person in people:
        agreement = agreements.get(person.id)
        started = first_start.get(person.id, person.added_on)
        override = None
        if agreement is not None:
            started, override = agreement.starts_on, agreement.frequency_days_override
            if person.career_stage == CareerStage.ASYE and agreement.asye_started_on:
                started = agreement.asye_started_on
        found[person.id] = Schedule(person.career_stage.value, started, override,
                                    tuple(sorted(supervisors.get(person.id, []))))
    return found


# Figures counted for everyone in a scope at once ----------------------------------------


@dataclass(frozen=True)
class Workload:
    rag: Rag
    points: float
    capacity: float
    taken_on: date

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.capacity) if self.capacity else 0


def latest_workloads(db: Session, scope: Select[Any]) -> dict[int, Workload]:
    """Each person's latest workload snapshot."""
    ranked = wide_select(
        col(WorkloadSnapshot.person_id), col(WorkloadSnapshot.rag), col(WorkloadSnapshot.points),
        col(WorkloadSnapshot.capacity), col(WorkloadSnapshot.taken_on),
        func.row_number().over(
            partition_by=col(WorkloadSnapshot.person_id),
            order_by=(col(WorkloadSnapshot.taken_on).desc(), col(WorkloadSnapshot.id).desc()),
        ).label("n"),
    ).where(col(WorkloadSnapshot.person_id).in_(scope)).subquery()
    rows = rows_of(db, wide_select(ranked.c.person_id, ranked.c.rag, ranked.c.points,
                                   ranked.c.capacity, ranked.c.taken_on).where(ranked.c.n == 1))
    return {pid: Workload(Rag(rag), points, capacity, taken_on)
            for pid, rag, points, capacity, taken_on in rows}


def last_held(db: Session, scope: Select[Any]) -> dict[int, date]:
    """Each person's latest session that meets the frequency (:data:`MEETS_FREQUENCY`)."""
    rows = db.exec(
        select(col(SupervisionSession.supervisee_id), func.max(HELD_DAY))
        .where(col(SupervisionSession.supervisee_id).in_(scope), MEETS_FREQUENCY)
        .group_by(col(SupervisionSession.supervisee_id))
    ).all()
    return dict(rows)


def records_started(db: Session, scope: Select[Any], supervisor_id: int) -> dict[int, date]:
    """For each supervisee in ``scope`` with a first record ``supervisor_id`` started and has
    not recorded yet, the day it was planned for ("Start a session" carries on with it)."""
    rows = db.exec(
        select(col(SupervisionSession.supervisee_id), func.min(SupervisionSession.planned_for))
        .where(col(SupervisionSession.supervisee_id).in_(scope),
               SupervisionSession.supervisor_id == supervisor_id,
               SupervisionSession.status == SessionStatus.DRAFT,
               SupervisionSession.version == 1,
               col(SupervisionSession.first_recorded_at).is_(None))
        .group_by(col(SupervisionSession.supervisee_id))
    ).all()
    return dict(rows)


def last_wellbeing(db: Session, scope: Select[Any], recorded_by: int) -> dict[int, int]:
    """The latest wellbeing score in sessions ``recorded_by`` held: the personal section is
    read only by the supervisee and the session's own supervisor."""
    ranked = select(
        col(SupervisionSession.supervisee_id), col(SupervisionSession.wellbeing),
        func.row_number().over(
            partition_by=col(SupervisionSession.supervisee_id),
            order_by=(SESSION_DAY.desc(), col(SupervisionSession.id).desc()),
        ).label("n"),
    ).where(
        col(SupervisionSession.supervisee_id).in_(scope),
        col(SupervisionSession.supervisor_id) == recorded_by,
        col(SupervisionSession.status) == SessionStatus.HELD,
        col(SupervisionSession.wellbeing).is_not(None),
    ).subquery()
    rows = db.exec(select(ranked.c.supervisee_id, ranked.c.wellbeing).where(ranked.c.n == 1))
    return dict(rows.all())


def action_counts(
    db: Session, council_id: int, scope: Select[Any], on: date
) -> dict[int, tuple[int, int]]:
    """Open and overdue action counts for each supervisee (of records that were recorded:
    a draft's actions are not anyone's to follow yet; a record being changed or amended
    was recorded before, so its actions still count)."""
    overdue = func.sum(case((col(SupervisionAction.due_on) < on, 1), else_=0))
    rows = db.exec(
        select(col(SupervisionAction.supervisee_id), func.count(), overdue)
        .join(SupervisionSession, col(SupervisionSession.id) == SupervisionAction.session_id)
        .where(col(SupervisionAction.council_id) == council_id, ever_recorded_clause(),
               col(SupervisionAction.status) == ActionStatus.OPEN,
               col(SupervisionAction.supervisee_id).in_(scope))
        .group_by(col(SupervisionAction.supervisee_id))
    ).all()
    return {pid: (int(open_), int(late or 0)) for pid, open_, late in rows}


# My supervisees ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SuperviseeRow:
    person: PersonLine
    last_held: date | None
    next_due: date
    wellbeing: int | None
    workload: Workload | None
    open_actions: int
    overdue_actions: int
    on: date
    started: date | None = None  # a record started and not recorded yet: planned for

    @property
    def days_overdue(self) -> int:
        return max((self.on - self.next_due).days, 0)


def current_supervisees(supervisor_id: int, on: date) -> Select[Any]:
    return select(col(SupervisoryRelationship.supervisee_id)).join(
        Person, col(Person.id) == SupervisoryRelationship.supervisee_id
    ).where(
        SupervisoryRelationship.supervisor_id == supervisor_id,
        SupervisoryRelationship.starts_on <= on,
        or_(col(SupervisoryRelationship.ends_on).is_(None),
            col(SupervisoryRelationship.ends_on) >= on),
        Person.active,
    )


def list_supervisees(db: Session, principal: Principal, on: date) -> list[SuperviseeRow]:
    """The principal's current supervisees, each with when supervision is next due."""
    scope = current_supervisees(principal.person_id, on)
    people = people_in(db, scope)
    rules = frequency_policy(db, principal.council_id)
    plans = schedules(db, scope, people, on)
    held, wellbeing = last_held(db, scope), last_wellbeing(db, scope, principal.person_id)
    started = records_started(db, scope, principal.person_id)
    workloads, actions = latest_workloads(db, scope), action_counts(
        db, principal.council_id, scope, on)
    return [
        SuperviseeRow(
            person=p, last_held=held.get(p.id),
            next_due=plans[p.id].due_after(rules, held.get(p.id)),
            wellbeing=wellbeing.get(p.id), workload=workloads.get(p.id),
            open_actions=actions.get(p.id, (0, 0))[0], overdue_actions=actions.get(p.id, (0, 0))[1],
            on=on, started=started.get(p.id),
        )
        for p in people
    ]


# Overdue actions ------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueAction:
    id: int
    session_id: int
    description: str
    supervisee_id: int
    supervisee_name: str
    owner_name: str
    due_on: date
    on: date

    @property
    def days_overdue(self) -> int:
        return (self.on - self.due_on).days


def _overdue_query(council_id: int, on: date) -> Select[*tuple[Any, ...]]:
    owner, supervisee = aliased(Person), aliased(Person)
    return (
        wide_select(col(SupervisionAction.id), col(SupervisionAction.session_id),
                    col(SupervisionAction.description), col(SupervisionAction.supervisee_id),
                    col(supervisee.given_name), col(supervisee.family_name),
                    col(owner.given_name), col(owner.family_name), col(SupervisionAction.due_on))
        .join(owner, col(owner.id) == SupervisionAction.owner_id)
        .join(supervisee, col(supervisee.id) == SupervisionAction.supervisee_id)
        .join(SupervisionSession, col(SupervisionSession.id) == SupervisionAction.session_id)
        .where(col(SupervisionAction.council_id) == council_id, ever_recorded_clause(),
               col(SupervisionAction.status) == ActionStatus.OPEN,
               col(SupervisionAction.due_on) < on)
        .order_by(col(SupervisionAction.due_on), col(SupervisionAction.id))
    )


def _overdue_lines(rows: Sequence[Any], on: date) -> list[OverdueAction]:
    return [OverdueAction(aid, sid, text, pid, f"{sg} {sf}", f"{og} {of}", due, on)
            for aid, sid, text, pid, sg, sf, og, of, due in rows]


def overdue_actions(
    db: Session, council_id: int, scope: Select[Any], on: date, limit: int | None = None
) -> list[OverdueAction]:
    query = _overdue_query(council_id, on).where(col(SupervisionAction.supervisee_id).in_(scope))
    return _overdue_lines(rows_of(db, query.limit(limit)), on)


def overdue_actions_for(
    db: Session, principal: Principal, on: date, limit: int = 200
) -> list[OverdueAction]:
    """Overdue actions the principal follows: their own (as supervisee or owner), their
    supervisees' (if they supervise) and their team's or council's (if they oversee)."""
    me = principal.person_id
    followed: list[ColumnElement[bool]] = [
        col(SupervisionAction.supervisee_id) == me, col(SupervisionAction.owner_id) == me]
    if principal.can(Permission.SUPERVISION_RECORD):
        followed.append(col(SupervisionAction.supervisee_id).in_(current_supervisees(me, on)))
    oversight = oversight_scope(principal, None)
    if oversight is not None:
        followed.append(col(SupervisionAction.supervisee_id).in_(oversight.people()))
    query = _overdue_query(principal.council_id, on).where(or_(*followed))
    return _overdue_lines(rows_of(db, query.limit(limit)), on)


# Whose supervision a manager oversees --------------------------------------------------


@dataclass(frozen=True)
class OversightScope:
    """Whose supervision a manager oversees: a list of teams, or the whole council."""

    council_id: int
    team_ids: tuple[int, ...] | None

    def people(self) -> Select[Any]:
        query = select(col(Person.id)).where(col(Person.council_id) == self.council_id,
                                             col(Person.active))
        if self.team_ids is not None:
            return query.where(col(Person.team_id).in_(self.team_ids))
        supervised = select(col(SupervisoryRelationship.supervisee_id)).where(
            col(SupervisoryRelationship.council_id) == self.council_id)
        return query.where(or_(col(Person.team_id).is_not(None), col(Person.id).in_(supervised)))


def oversight_scope(principal: Principal, team_id: int | None) -> OversightScope | None:
    """Team managers oversee their own team; the principal social worker and workforce
    leads the whole council (or one team of it). None: the principal oversees no one."""
    if not principal.can(Permission.SUPERVISION_OVERSEE):
        return None
    if principal.roles & COUNCIL_WIDE:
        return OversightScope(principal.council_id, (team_id,) if team_id else None)
    if Role.TEAM_MANAGER in principal.roles and principal.team_id is not None:
        return OversightScope(principal.council_id, (principal.team_id,))
    return OversightScope(principal.council_id, ())


# The words shown for each value ------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "session_type": {
        "one_to_one": "One-to-one", "case": "Case supervision",
        "personal_reflective": "Personal and reflective", "group": "Group", "ad_hoc": "Ad hoc",
    },
    "status": {
        "draft": "Draft", "planned": "Planned", "held": "Held", "cancelled": "Cancelled",
        "rescheduled": "Rescheduled",
    },
    "action_status": {"open": "Open", "done": "Done", "dropped": "Dropped"},
    "rag": {"green": "Green", "amber": "Amber", "red": "Red"},
    "rag_tag": {"green": "app-rag--green", "amber": "app-rag--amber", "red": "app-rag--red"},
    "rater": {
        "practitioner": "Practitioner", "supervisor": "Supervisor", "parent": "Parent",
        "child": "Child", "network": "Family network",
    },
    "function": {
        "management": "Management", "development": "Development", "support": "Support",
        "mediation": "Mediation",
    },
}
