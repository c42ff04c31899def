"""Who does what in the demo council's feedback: each team's manager (who makes its links
and reads its feedback), its practitioners (whose visits get personal links), the
safeguarding lead (who handles alerts), the head of service who reads the quality team's
feedback herself (the supervisor a visitor signs in as) and the principal social worker
(who reads any team's). Also: dating the audit trail of past demo events.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.org.demo import email_for
from learning.org.models import Council, Person, Team

QUALITY_TEAM = "Quality Assurance and Safeguarding"
SAFEGUARDING_LEAD = ("Helen", "Pascoe")
SUPERVISOR = ("Ruth", "Penrose")  # head of service, in the quality team
PRINCIPAL_SOCIAL_WORKER = ("Morwenna", "Tregear")  # in workforce development
CONFERENCE_CHAIR = "Child Protection Conference Chair"
LEAD_TITLES = ("Team Manager", CONFERENCE_CHAIR)
CASEWORK_TITLES = (
    "Social Worker",
    "Senior Practitioner",
    "Advanced Practitioner",
    "Independent Reviewing Officer",
)


@dataclass(frozen=True)
class DemoStaff:
    council_id: int
    teams: dict[str, Team]
    leads: dict[int, Person]  # team id -> who manages its links and reads its feedback
    workers: dict[int, list[Person]]  # team id -> its caseworkers, by id
    safeguarding_lead: Person
    supervisor: Person  # reads the quality team's feedback, one of the team
    principal_social_worker: Person  # reads any team's, and belongs to none of them

    def team(self, name: str) -> Team:
        return self.teams[name]

    def lead(self, team_id: int) -> Person:
        return self.leads[team_id]

    def actor(self, person: Person) -> Actor:
        return Actor(person.id, person.name, self.council_id)


def find_staff(db: Session, council: Council) -> DemoStaff:
    assert council.id is not None
    teams = {t.name: t for t in db.exec(select(Team).where(Team.council_id == council.id))}
    people = db.exec(
        select(Person)
        .where(Person.council_id == council.id, col(Person.active))
        .order_by(col(Person.id))
    ).all()
    leads: dict[int, Person] = {}
    workers: dict[int, list[Person]] = {}
    for person in people:
        if person.team_id is None:
            continue
        if person.job_title in LEAD_TITLES:
            leads.setdefault(person.team_id, person)
        if person.job_title in CASEWORK_TITLES:
            workers.setdefault(person.team_id, []).append(person)
    return DemoStaff(
        council.id,
        teams,
        leads,
        workers,
        safeguarding_lead=_named(db, council.id, *SAFEGUARDING_LEAD),
        supervisor=_named(db, council.id, *SUPERVISOR),
        principal_social_worker=_named(db, council.id, *PRINCIPAL_SOCIAL_WORKER),
    )


def _named(db: Session, council_id: int, given: str, family: str) -> Person:
    """One of the people a visitor signs in as (``learning.org.demo.ANCHORS``)."""
    query = select(Person).where(
        Person.council_id == council_id, Person.email == email_for(given, family)
    )
    return db.exec(query).one()


@contextmanager
def dated(db: Session, moment: datetime) -> Iterator[None]:
    """Audit events recorded inside the block are dated ``moment`` (the demo writes past
    events now; their audit trail should say when they happened). The audit log is
    append-only, so each event is dated as it is written."""

    def date_new_events(session: Session, *_args: object) -> None:
        for row in session.new:
            if isinstance(row, AuditEvent):
                row.occurred_at = moment

    db.flush()
    event.listen(db, "before_flush", date_new_events)
    try:
        yield
        db.flush()
    finally:
        event.remove(db, "before_flush", date_new_events)
