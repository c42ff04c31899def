"""Reading and changing the organisation. Services never commit; views' requests do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import Person, RoleAssignment, SupervisoryRelationship, Team


class NotFound(LookupError):
    """No such record in this council."""


def get_person(db: Session, council_id: int, person_id: int) -> Person | None:
    person = db.get(Person, person_id)
    if person is None or person.council_id != council_id:
        return None
    return person


def require_person(db: Session, council_id: int, person_id: int) -> Person:
    person = get_person(db, council_id, person_id)
    if person is None:
        raise NotFound(f"person {person_id}")
    return person


def get_team(db: Session, council_id: int, team_id: int) -> Team | None:
    team = db.get(Team, team_id)
    if team is None or team.council_id != council_id:
        return None
    return team


def list_teams(db: Session, council_id: int) -> Sequence[Team]:
    return db.exec(select(Team).where(Team.council_id == council_id).order_by(Team.name)).all()


def roles_of(db: Session, person_id: int) -> list[Role]:
    rows = db.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == person_id))
    return sorted(Role(r) for r in rows)


def search_people(db: Session, council_id: int, text: str, limit: int = 50) -> Sequence[Person]:
    pattern = f"%{text.strip().lower()}%"
    query = (
        select(Person)
        .where(Person.council_id == council_id)
        .where(
            or_(
                func.lower(Person.given_name + " " + Person.family_name).like(pattern),
                col(Person.email).like(pattern),
            )
        )
        .order_by(Person.family_name, Person.given_name)
        .limit(limit)
    )
    return db.exec(query).all()


@dataclass(frozen=True)
class PersonSummary:
    person: Person
    team_name: str


def people_with_role(db: Session, council_id: int, role: Role, limit: int) -> list[PersonSummary]:
    query = (
        select(Person, Team.name)
        .join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
        .outerjoin(Team, col(Team.id) == Person.team_id)
        .where(Person.council_id == council_id, RoleAssignment.role == role, Person.active)
        .order_by(Person.family_name, Person.given_name)
        .limit(limit)
    )
    return [PersonSummary(p, name or "") for p, name in db.exec(query).all()]


def demo_showcase(db: Session, council_id: int) -> list[tuple[Role, list[PersonSummary]]]:
    """A few people for each role: who to sign in as to see each role's journeys."""
    return [(role, people_with_role(db, council_id, role, limit=3)) for role in Role]


def current_relationships(
    db: Session, *, supervisor_id: int | None = None, supervisee_id: int | None = None,
    on: date | None = None,
) -> Sequence[SupervisoryRelationship]:
    on = on or today()
    query = select(SupervisoryRelationship).where(
        SupervisoryRelationship.starts_on <= on,
        or_(
            col(SupervisoryRelationship.ends_on).is_(None),
            col(SupervisoryRelationship.ends_on) >= on,
        ),
    )
    if supervisor_id is not None:
        query = query.where(SupervisoryRelationship.supervisor_id == supervisor_id)
    if supervisee_id is not None:
        query = query.where(SupervisoryRelationship.supervisee_id == supervisee_id)
    return db.exec(query).all()


def supervisees_of(db: Session, supervisor_id: int, on: date | None = None) -> list[Person]:
    links = current_relationships(db, supervisor_id=supervisor_id, on=on)
    people = [db.get(Person, link.supervisee_id) for link in links]
    return sorted((p for p in people if p and p.active), key=lambda p: (p.family_name, p.given_name))


def supervisors_of(db: Session, supervisee_id: int, on: date | None = None) -> list[Person]:
    links = current_relationships(db, supervisee_id=supervisee_id, on=on)
    people = [db.get(Person, link.supervisor_id) for link in links]
    return [p for p in people if p is not None]


def is_current_supervisor(db: Session, supervisor_id: int, supervisee_id: int) -> bool:
    links = current_relationships(db, supervisor_id=supervisor_id, supervisee_id=supervisee_id)
    return bool(links)
