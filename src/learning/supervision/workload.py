"""Balanced workload: a practitioner's weighted caseload, reviewed in supervision, and the
escalation recorded when it crosses a threshold.

The weighing is :func:`learning.supervision.policy.weigh`, with the council's current policy.
A snapshot that is amber or red raises an escalation in the same transaction, unless one at
that level or higher is already open for the person; a new red escalation needs a
contingency action ("What will happen now?"). Team managers see the open escalations of
people they oversee and resolve them with a note.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import today, utcnow
from learning.core.permissions import Permission
from learning.org.models import CareerStage, Person
from learning.supervision import policy_store
from learning.supervision.access import NotYourRecord, can_oversee
from learning.supervision.models import (
    SupervisionSession,
    WorkloadEscalation,
    WorkloadSnapshot,
)
from learning.supervision.policy import Workload, weigh
from learning.supervision.policy_store import StoredWorkload
from learning.supervision.terms import Rag

RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
RAG_WORDS = {
    Rag.GREEN: "Green: within capacity",
    Rag.AMBER: "Amber: close to capacity",
    Rag.RED: "Red: over capacity",
}
RAG_TAGS = {Rag.GREEN: "govuk-tag--green", Rag.AMBER: "govuk-tag--orange",
            Rag.RED: "govuk-tag--red"}


@dataclass(frozen=True)
class WorkloadInput:
    cases: Mapping[str, int]
    extra_points: int
    hours_over_contract: float
    contingency_action: str


class ContingencyNeeded(ValueError):
    """A red workload is being escalated, and nobody has said what will happen now."""

    def __init__(self, result: Workload) -> None:
        super().__init__("a contingency action is needed")
        self.result = result


# Reading ---------------------------------------------------------------------------------


def latest_snapshot(db: Session, person_id: int) -> WorkloadSnapshot | None:
    query = (
        select(WorkloadSnapshot)
        .where(WorkloadSnapshot.person_id == person_id)
        .order_by(col(WorkloadSnapshot.taken_on).desc(), col(WorkloadSnapshot.id).desc())
        .limit(1)
    )
    return db.exec(query).first()


def session_snapshot(db: Session, session_id: int) -> WorkloadSnapshot | None:
    """The latest snapshot reviewed in a session."""
    query = (
        select(WorkloadSnapshot)
        .where(WorkloadSnapshot.session_id == session_id)
        .order_by(col(WorkloadSnapshot.id).desc())
        .limit(1)
    )
    return db.exec(query).first()


def cases_of(snapshot: WorkloadSnapshot) -> dict[str, int]:
    cases: dict[str, int] = json.loads(snapshot.cases or "{}")
    return cases


def open_escalations_of(db: Session, person_id: int) -> list[WorkloadEscalation]:
    query = (
        select(WorkloadEscalation)
        .where(WorkloadEscalation.person_id == person_id,
               col(WorkloadEscalation.resolved_at).is_(None))
        .order_by(col(WorkloadEscalation.raised_at).desc(), col(WorkloadEscalation.id).desc())
    )
    return list(db.exec(query).all())


def weigh_for(stored: StoredWorkload, person: Person, data: WorkloadInput) -> Workload:
    """``person``'s workload under the stored policy (ValueError for unknown categories)."""
    return weigh(stored.policy, dict(data.cases), fte=person.fte,
                 asye=person.career_stage == CareerStage.ASYE, extra_points=data.extra_points)


def capacity_of(stored: StoredWorkload, person: Person) -> float:
    """``person``'s capacity in points: pro rata to FTE, capped for ASYE."""
    return weigh_for(stored, person, WorkloadInput({}, 0, 0, "")).capacity


def will_escalate(db: Session, person_id: int, rag: Rag) -> bool:
    """Amber or red escalates, unless an escalation at that level or higher is open."""
    if rag == Rag.GREEN:
        return False
    return all(RANK[e.rag] < RANK[rag] for e in open_escalations_of(db, person_id))


# Recording a snapshot --------------------------------------------------------------------


def record_snapshot(
    db: Session, actor: Actor, session: SupervisionSession, person: Person,
    data: WorkloadInput, *, raised_by_id: int, taken_on: date | None = None,
) -> tuple[WorkloadSnapshot, WorkloadEscalation | None]:
    """Weighs and stores ``person``'s workload as reviewed in ``session``; escalates it if it
    crossed a threshold. Raises ValueError (bad numbers, unknown categories) or
    ContingencyNeeded before anything is stored."""
    assert person.id is not None and session.id is not None
    result = weigh_for(policy_store.current_workload(db, session.council_id), person, data)
    escalate = will_escalate(db, person.id, result.rag)
    if escalate and result.rag == Rag.RED and not data.contingency_action.strip():
        raise ContingencyNeeded(result)
    stored = policy_store.ensure_workload_row(db, actor, session.council_id)
    assert stored.row is not None and stored.row.id is not None
    snapshot = WorkloadSnapshot(
        council_id=session.council_id, person_id=person.id, session_id=session.id,
        policy_id=stored.row.id, taken_on=taken_on or today(),
        cases=json.dumps({k: n for k, n in data.cases.items() if n}, sort_keys=True),
        extra_points=data.extra_points, hours_over_contract=data.hours_over_contract,
        points=result.points, capacity=result.capacity, rag=result.rag,
    )
    db.add(snapshot)
    db.flush()
    record(db, actor, "workload.snapshot.created", "workload_snapshot", snapshot.id,
           person_id=person.id, session_id=session.id, policy_version=stored.row.version,
           points=result.points, capacity=result.capacity, rag=result.rag.value)
    if not escalate:
        return snapshot, None
    assert snapshot.id is not None
    escalation = WorkloadEscalation(
        council_id=session.council_id, snapshot_id=snapshot.id, person_id=person.id,
        rag=result.rag, raised_by_id=raised_by_id,
        contingency_action=data.contingency_action.strip(),
    )
    db.add(escalation)
    db.flush()
    record(db, actor, "workload.escalated", "workload_escalation", escalation.id,
           person_id=person.id, snapshot_id=snapshot.id, rag=result.rag.value)
    return snapshot, escalation


# Escalations, for leaders ----------------------------------------------------------------


@dataclass(frozen=True)
class EscalationLine:
    escalation: WorkloadEscalation
    person: Person
    snapshot: WorkloadSnapshot
    raised_by: Person
    resolved_by: Person | None = None

    @property
    def percent(self) -> int:
        capacity = self.snapshot.capacity
        return round(100 * self.snapshot.points / capacity) if capacity else 0


def _escalation_lines(
    db: Session, principal: Principal, *, resolved: bool, limit: int = 200
) -> list[EscalationLine]:
    if not principal.can(Permission.SUPERVISION_OVERSEE):
        return []
    resolved_at = col(WorkloadEscalation.resolved_at)
    state = resolved_at.is_not(None) if resolved else resolved_at.is_(None)
    escalation_id = col(WorkloadEscalation.id)
    order = ((resolved_at.desc(), escalation_id.desc()) if resolved
             else (col(WorkloadEscalation.raised_at).asc(), escalation_id.asc()))
    rows = db.exec(
        select(WorkloadEscalation, Person, WorkloadSnapshot)
        .join(Person, col(Person.id) == WorkloadEscalation.person_id)
        .join(WorkloadSnapshot, col(WorkloadSnapshot.id) == WorkloadEscalation.snapshot_id)
        .where(WorkloadEscalation.council_id == principal.council_id, state)
        .order_by(*order)
        .limit(limit)
    ).all()
    lines = [(e, p, s) for e, p, s in rows if can_oversee(db, principal, p)]
    people = _people(db, {e.raised_by_id for e, _, _ in lines}
                     | {e.resolved_by_id for e, _, _ in lines if e.resolved_by_id})
    return [EscalationLine(e, p, s, people[e.raised_by_id],
                           people.get(e.resolved_by_id) if e.resolved_by_id else None)
            for e, p, s in lines]


def _people(db: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    people = db.exec(select(Person).where(col(Person.id).in_(ids))).all()
    return {p.id: p for p in people if p.id is not None}


def list_open_escalations(db: Session, principal: Principal) -> list[EscalationLine]:
    """Open escalations of the people ``principal`` oversees, oldest first."""
    return _escalation_lines(db, principal, resolved=False)


def list_resolved_escalations(
    db: Session, principal: Principal, limit: int = 20
) -> list[EscalationLine]:
    return _escalation_lines(db, principal, resolved=True, limit=limit)


def require_escalation(
    db: Session, principal: Principal, escalation_id: int
) -> WorkloadEscalation:
    """An escalation of someone ``principal`` oversees; otherwise NotYourRecord."""
    escalation = db.get(WorkloadEscalation, escalation_id)
    person = db.get(Person, escalation.person_id) if escalation else None
    if (escalation is None or person is None or escalation.council_id != principal.council_id
            or not principal.can(Permission.SUPERVISION_OVERSEE)
            or not can_oversee(db, principal, person)):
        raise NotYourRecord(f"workload_escalation {escalation_id}")
    return escalation


def resolve_escalation(
    db: Session, actor: Actor, principal: Principal, escalation_id: int, note: str
) -> tuple[WorkloadEscalation, bool]:
    """Closes an escalation with a note. Returns it and whether this closed it (False: it
    was already resolved). NotYourRecord if ``principal`` does not oversee the person."""
    escalation = require_escalation(db, principal, escalation_id)
    if escalation.resolved_at is not None:
        return escalation, False
    escalation.resolved_at = utcnow()
    escalation.resolved_by_id = principal.person_id
    escalation.resolution_note = note
    db.add(escalation)
    db.flush()
    record(db, actor, "workload.escalation.resolved", "workload_escalation", escalation.id,
           person_id=escalation.person_id)
    return escalation, True
