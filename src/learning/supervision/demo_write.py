"""Writing the planned demo supervision in bulk: one INSERT per table (ids come back in
order), then the few amended records, whose earlier versions are kept the way the service
keeps them (:func:`learning.supervision.records.snapshot`). Used by
:mod:`learning.supervision.demo`.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel

from learning.supervision import demo_text, records
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SessionAttendee,
    SessionVersion,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionAudit,
    SupervisionSession,
    WorkloadEscalation,
    WorkloadSnapshot,
)
from learning.supervision.policy_store import StoredWorkload
from learning.supervision.terms import Rag

RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


@dataclass
class Planned:
    """One session and everything recorded in it, before it has ids."""

    values: dict[str, Any]
    #: (case discussion, its safety ratings)
    cases: list[tuple[dict[str, Any], list[dict[str, Any]]]] = field(default_factory=list)
    #: (action, index of its case discussion in ``cases`` or None)
    actions: list[tuple[dict[str, Any], int | None]] = field(default_factory=list)
    attendees: list[int] = field(default_factory=list)
    snapshot: dict[str, Any] | None = None
    amend_reason: str = ""
    id: int = 0

    @property
    def day(self) -> date:
        held: date | None = self.values["held_on"]
        return held or self.values["planned_for"]


@dataclass
class PlannedAudit:
    values: dict[str, Any]
    session: Planned


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour`` o'clock, UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def case_reference(rng: random.Random, used: set[str], on: date) -> str:
    """A fake case system reference like CS-2025-01234, unique in the demo."""
    while True:
        reference = f"CS-{rng.randint(on.year - 6, on.year)}-{rng.randint(1, 99999):05d}"
        if reference not in used:
            used.add(reference)
            return reference


class Writer:
    def __init__(self, db: Session, council_id: int, rng: random.Random, on: date,
                 workload: StoredWorkload) -> None:
        self.db, self.council_id, self.rng, self.on = db, council_id, rng, on
        self.workload = workload

    def write(self, agreements: list[dict[str, Any]], sessions: list[Planned],
              audits: list[PlannedAudit]) -> dict[str, int]:
        self._many(SupervisionAgreement, agreements)
        for planned, new_id in zip(sessions, self._insert(SupervisionSession,
                                                          [p.values for p in sessions]),
                                   strict=True):
            planned.id = new_id
        self._many(SessionAttendee, [{"session_id": p.id, "person_id": person}
                                     for p in sessions for person in p.attendees])
        discussions = self._cases(sessions)
        actions = [{**action, "session_id": p.id,
                    "case_discussion_id": discussions[(p.id, index)] if index is not None else None}
                   for p in sessions for action, index in p.actions]
        self._many(SupervisionAction, actions)
        snapshots, escalations = self._workloads(sessions)
        self._many(SupervisionAudit, [{**a.values, "session_id": a.session.id} for a in audits])
        amended = [p for p in sessions if p.amend_reason]
        for planned in amended:
            self._amend(planned)
        return {"sessions": len(sessions), "agreements": len(agreements),
                "case_discussions": len(discussions), "actions": len(actions),
                "snapshots": snapshots, "escalations": escalations, "audits": len(audits),
                "amended": len(amended)}

    def _insert(self, model: type[SQLModel], rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows``; their new ids, in the same order."""
        if not rows:
            return []
        table = _table(model)
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [row[0] for row in self.db.connection().execute(statement, rows)]

    def _many(self, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
        if rows:
            self.db.connection().execute(insert(_table(model)), rows)

    def _cases(self, sessions: list[Planned]) -> dict[tuple[int, int], int]:
        keys = [(p.id, index) for p in sessions for index in range(len(p.cases))]
        rows = [{**discussion, "session_id": p.id} for p in sessions for discussion, _ in p.cases]
        ids = dict(zip(keys, self._insert(CaseDiscussion, rows), strict=True))
        self._many(SafetyRating, [
            {**rating, "case_discussion_id": ids[(p.id, index)]}
            for p in sessions for index, (_, ratings) in enumerate(p.cases) for rating in ratings])
        return ids

    def _workloads(self, sessions: list[Planned]) -> tuple[int, int]:
        """Snapshots, and an escalation each time one goes amber or red (unless one at that
        level or higher is open); back to green resolves the open ones."""
        taken = [p for p in sessions if p.snapshot]
        rows = [{**(p.snapshot or {}), "session_id": p.id,
                 "policy_id": self.workload.row.id if self.workload.row else None} for p in taken]
        ids = self._insert(WorkloadSnapshot, rows)
        escalations: list[dict[str, Any]] = []
        open_by_person: dict[int, list[dict[str, Any]]] = {}
        order = sorted(zip(taken, ids, strict=True), key=lambda pair: (pair[0].day, pair[1]))
        for planned, snapshot_id in order:
            snapshot, person = planned.snapshot or {}, planned.values["supervisee_id"]
            rag, opened = snapshot["rag"], open_by_person.setdefault(person, [])
            if rag == Rag.GREEN:
                for escalation in opened:
                    escalation.update(resolved_at=at(planned.day, 16),
                                      resolved_by_id=planned.values["supervisor_id"],
                                      resolution_note=self.rng.choice(demo_text.RESOLVED))
                opened.clear()
            elif not any(RANK[e["rag"]] >= RANK[rag] for e in opened):
                escalation = {
                    "council_id": self.council_id, "snapshot_id": snapshot_id,
                    "person_id": person, "rag": rag,
                    "raised_by_id": planned.values["supervisor_id"],
                    "raised_at": at(planned.day, 15),
                    "contingency_action": self.rng.choice(demo_text.CONTINGENCY)
                    if rag == Rag.RED or self.rng.random() < 0.5 else "",
                    "resolved_at": None, "resolved_by_id": None, "resolution_note": "",
                }
                opened.append(escalation)
                escalations.append(escalation)
        self._many(WorkloadEscalation, escalations)
        return len(rows), len(escalations)

    def _amend(self, planned: Planned) -> None:
        """Signed, then amended by the supervisor and signed again: version 2, with
        version 1 kept as it was."""
        session = self.db.get(SupervisionSession, planned.id)
        assert session is not None and session.signed_off_at is not None
        kept = records.snapshot(records.load_record(self.db, session))
        first = session.signed_off_at
        amended_at = first + timedelta(days=self.rng.randint(2, 6), hours=1)
        resigned = amended_at + timedelta(days=self.rng.randint(1, 3))
        earlier = kept["session"]
        earlier["version"] = 1
        if planned.amend_reason.startswith("Corrected the due date") and kept["actions"]:
            action = kept["actions"][0]["action"]
            action["due_on"] = (date.fromisoformat(action["due_on"])
                                - timedelta(days=7)).isoformat()
        elif kept["cases"]:
            kept["cases"][0]["discussion"]["rationale"] = ""
        self.db.add(SessionVersion(session_id=planned.id, version=1,
                                   snapshot=json.dumps(kept, sort_keys=True),
                                   amended_by_id=session.supervisor_id, amended_at=amended_at,
                                   reason=planned.amend_reason))
        session.version, session.signed_off_at, session.updated_at = 2, resigned, resigned
        self.db.add(session)
        self.db.flush()
