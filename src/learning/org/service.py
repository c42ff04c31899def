"""Reading and changing the organisation. Services never commit; views' requests do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from learning.accounts.sessions import revoke_sessions_for
from learning.audit.service import Actor, record
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.core.text_search import LIKE_ESCAPE, contains_pattern
from learning.org.forms import PersonInput
from learning.org.models import (
    BY_NAME,
    Council,
    Person,
    RoleAssignment,
    SupervisoryRelationship,
    Team,
)


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


def name_or_email_contains(text: str) -> ColumnElement[bool]:
    """People whose name or email contains ``text`` as typed (any case)."""
    pattern = contains_pattern(text)
    full_name = func.lower(Person.given_name + " " + Person.family_name)
    return or_(
        full_name.like(pattern, escape=LIKE_ESCAPE),
        func.lower(Person.email).like(pattern, escape=LIKE_ESCAPE),
    )


def search_people(db: Session, council_id: int, text: str, limit: int = 50) -> Sequence[Person]:
    query = (
        select(Person)
        .where(Person.council_id == council_id, name_or_email_contains(text))
        .order_by(*BY_NAME)
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
        .order_by(*BY_NAME)
        .limit(limit)
    )
    return [PersonSummary(p, name or "") for p, name in db.exec(query).all()]


def demo_showcase(db: Session, council_id: int) -> list[tuple[Role, list[PersonSummary]]]:
    """A few people for each role: who to sign in as to see each role's journeys.

    The demo council's named people come first in their roles."""
    from learning.org.demo import ANCHORS, email_for

    named = {email_for(a.given, a.family) for a in ANCHORS}
    showcase = []
    for role in Role:
        people = people_with_role(db, council_id, role, limit=50)
        people.sort(key=lambda s: s.person.email not in named)
        showcase.append((role, people[:3]))
    return showcase


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
    return db.exec(query.order_by(col(SupervisoryRelationship.starts_on),
                                  col(SupervisoryRelationship.id))).all()


def supervisees_of(db: Session, supervisor_id: int, on: date | None = None) -> list[Person]:
    links = current_relationships(db, supervisor_id=supervisor_id, on=on)
    people = [db.get(Person, link.supervisee_id) for link in links]
    return sorted((p for p in people if p and p.active), key=_by_name)


def _by_name(person: Person) -> tuple[str, str, int]:
    """:data:`BY_NAME` for people already read."""
    return person.family_name, person.given_name, person.id or 0


def supervisors_of(db: Session, supervisee_id: int, on: date | None = None) -> list[Person]:
    links = current_relationships(db, supervisee_id=supervisee_id, on=on)
    people = [db.get(Person, link.supervisor_id) for link in links]
    return sorted((p for p in people if p is not None), key=_by_name)


def is_current_supervisor(db: Session, supervisor_id: int, supervisee_id: int) -> bool:
    links = current_relationships(db, supervisor_id=supervisor_id, supervisee_id=supervisee_id)
    return bool(links)


# Changing the organisation ------------------------------------------------------------
# Each change writes its audit event in the caller's transaction. Rules that a form cannot
# check alone raise InvalidInput (field id -> message); unique-constraint races are caught
# in a savepoint and become the same field errors.


class InvalidInput(ValueError):
    """The input breaks a rule; ``errors`` maps each field's id to a plain message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class NotAllowed(ValueError):
    """The change is refused as a whole (for instance, disabling yourself)."""


def require_council(db: Session, council_id: int) -> Council:
    council = db.get(Council, council_id)
    if council is None:
        raise NotFound(f"council {council_id}")
    return council


def saved(db: Session, work: Callable[[], object], conflicts: dict[str, tuple[str, str]]) -> None:
    """Run ``work`` and flush inside a savepoint; a unique clash becomes a field error."""
    try:
        with db.begin_nested():
            work()
            db.flush()
    except IntegrityError as exc:
        message = str(exc.orig).lower()
        for needle, (field, text) in conflicts.items():
            if needle in message:
                raise InvalidInput({field: text}) from exc
        raise


# People: listing ------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""
    team_id: int | None = None
    role: Role | None = None


@dataclass(frozen=True)
class PersonRow:
    person: Person
    team_name: str
    roles: list[Role]


@dataclass(frozen=True)
class PeoplePage:
    rows: list[PersonRow]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def list_people(
    db: Session, council_id: int, wanted: PeopleFilter, page: int = 1, per_page: int = 50
) -> PeoplePage:
    query = select(Person).where(Person.council_id == council_id)
    if wanted.text.strip():
        query = query.where(name_or_email_contains(wanted.text))
    if wanted.team_id is not None:
        query = query.where(Person.team_id == wanted.team_id)
    if wanted.role is not None:
        holders = select(RoleAssignment.person_id).where(RoleAssignment.role == wanted.role)
        query = query.where(col(Person.id).in_(holders))
    total = db.exec(select(func.count()).select_from(query.subquery())).one()
    page = min(max(page, 1), max(1, -(-total // per_page)))
    people = db.exec(
        query.order_by(*BY_NAME)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    team_names = {t.id: t.name for t in list_teams(db, council_id)}
    roles = _roles_by_person(db, [p.id for p in people if p.id is not None])
    rows = [PersonRow(p, team_names.get(p.team_id, ""), roles.get(p.id or 0, [])) for p in people]
    return PeoplePage(rows, int(total), page, per_page)


def _roles_by_person(db: Session, person_ids: list[int]) -> dict[int, list[Role]]:
    found: dict[int, list[Role]] = {}
    if not person_ids:
        return found
    query = select(RoleAssignment).where(col(RoleAssignment.person_id).in_(person_ids))
    for assignment in db.exec(query):
        found.setdefault(assignment.person_id, []).append(Role(assignment.role))
    return {pid: sorted(roles) for pid, roles in found.items()}


def possible_supervisors(db: Session, council_id: int, person_id: int) -> Sequence[Person]:
    """Everyone active in the council but the person themselves, by name."""
    return db.exec(
        select(Person)
        .where(Person.council_id == council_id, Person.active, Person.id != person_id)
        .order_by(*BY_NAME)
    ).all()


# People: one person --------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionLine:
    link: SupervisoryRelationship
    other: Person

    def status(self, on: date) -> str:
        if self.link.starts_on > on:
            return "Starts later"
        return "Current" if self.link.is_current(on) else "Ended"

    def can_end(self, on: date) -> bool:
        return self.link.ends_on is None or self.link.ends_on >= on


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    team: Team | None
    roles: list[Role]
    supervisors: list[SupervisionLine]
    supervisees: list[SupervisionLine]


def view_person(db: Session, actor: Actor, person: Person) -> PersonRecord:
    """A person's record, as an administrator or manager sees it: the read is audited."""
    assert person.id is not None
    note_person_read(db, actor, person)
    return PersonRecord(
        person=person,
        team=get_team(db, person.council_id, person.team_id) if person.team_id else None,
        roles=roles_of(db, person.id),
        supervisors=_lines(db, SupervisoryRelationship.supervisee_id, person.id, "supervisor_id"),
        supervisees=_lines(db, SupervisoryRelationship.supervisor_id, person.id, "supervisee_id"),
    )


def note_person_read(db: Session, actor: Actor, person: Person, **detail: Any) -> None:
    """A person's record is sensitive: every page that shows it writes ``person.viewed``."""
    record(db, actor, "person.viewed", "person", person.id, **detail)


def _lines(db: Session, column: Any, person_id: int, other: str) -> list[SupervisionLine]:
    query = select(SupervisoryRelationship).where(column == person_id).order_by(
        col(SupervisoryRelationship.starts_on).desc(), col(SupervisoryRelationship.id).desc()
    )
    lines = []
    for link in db.exec(query):
        person = db.get(Person, getattr(link, other))
        if person is not None:
            lines.append(SupervisionLine(link, person))
    return lines


# People: changes -------------------------------------------------------------------------

PERSON_CONFLICTS = {
    "email": ("email", "Someone else already has this email address"),
    "oidc": ("object_id", "This Entra object ID is already linked to another person"),
}


def create_person(db: Session, actor: Actor, council: Council, data: PersonInput) -> Person:
    assert council.id is not None
    _check_person(db, council, None, data)
    person = Person(council_id=council.id, given_name=data.given_name,
                    family_name=data.family_name, email=data.email)
    _apply_person(person, council, data)
    saved(db, lambda: db.add(person), PERSON_CONFLICTS)
    assert person.id is not None
    for role in sorted(data.roles):
        db.add(RoleAssignment(person_id=person.id, role=role))
    record(db, actor, "person.created", "person", person.id,
           roles=sorted(data.roles), linked=bool(data.object_id))
    return person


def update_person(
    db: Session, actor: Actor, council: Council, person: Person, data: PersonInput
) -> list[str]:
    """Change a person; returns the names of the fields that changed (empty: nothing did)."""
    assert person.id is not None
    _check_person(db, council, person, data)
    held = set(roles_of(db, person.id))
    if person.id == actor.person_id and Role.ADMINISTRATOR in held - data.roles:
        raise InvalidInput({"roles": "You cannot remove your own Administrator role"})
    old_oid = person.oidc_oid
    before = _person_fields(person)
    saved(db, lambda: _apply_person(person, council, data), PERSON_CONFLICTS)
    changed = [name for name, value in _person_fields(person).items() if before[name] != value]
    added, removed = sorted(data.roles - held), sorted(held - data.roles)
    _set_roles(db, person.id, added, removed)
    if not changed and not added and not removed:
        return []
    person.updated_at = utcnow()
    ended = revoke_sessions_for(db, person.id) if old_oid and old_oid != person.oidc_oid else 0
    record(db, actor, "person.updated", "person", person.id, changed=changed,
           roles_added=added, roles_removed=removed, sessions_ended=ended)
    return changed + (["roles"] if added or removed else [])


def _check_person(db: Session, council: Council, person: Person | None, data: PersonInput) -> None:
    assert council.id is not None
    errors: dict[str, str] = {}
    own_id = person.id if person else None
    if email_holder(db, council.id, data.email) not in (None, own_id):
        errors["email"] = "Someone else already has this email address"
    if data.team_id is not None and get_team(db, council.id, data.team_id) is None:
        errors["team_id"] = "Select a team from the list"
    if data.object_id and object_id_holder(db, council.tenant_id, data.object_id) not in (
        None, own_id,
    ):
        errors["object_id"] = "This Entra object ID is already linked to another person"
    if errors:
        raise InvalidInput(errors)


def email_holder(db: Session, council_id: int, email: str) -> int | None:
    """The id of the council's person with this email (in any case), if any."""
    return db.exec(select(Person.id).where(
        Person.council_id == council_id, func.lower(Person.email) == email)).first()


def object_id_holder(db: Session, tenant_id: str, object_id: str) -> int | None:
    """The id of the person linked to this Entra object id in the tenant, if any."""
    return db.exec(select(Person.id).where(
        Person.oidc_tid == tenant_id, Person.oidc_oid == object_id)).first()


def _apply_person(person: Person, council: Council, data: PersonInput) -> None:
    person.given_name, person.family_name = data.given_name, data.family_name
    person.email, person.job_title = data.email, data.job_title
    person.team_id, person.career_stage, person.fte = data.team_id, data.career_stage, data.fte
    if data.object_id != person.oidc_oid:  # an unchanged link keeps the tenant it came with
        person.oidc_oid = data.object_id
        person.oidc_tid = council.tenant_id if data.object_id else None


def _person_fields(person: Person) -> dict[str, object]:
    return {
        "given_name": person.given_name, "family_name": person.family_name,
        "email": person.email, "job_title": person.job_title, "team_id": person.team_id,
        "career_stage": person.career_stage, "fte": person.fte, "object_id": person.oidc_oid,
    }


def _set_roles(db: Session, person_id: int, added: list[Role], removed: list[Role]) -> None:
    for role in added:
        db.add(RoleAssignment(person_id=person_id, role=role))
    if removed:
        db.exec(delete(RoleAssignment).where(
            col(RoleAssignment.person_id) == person_id, col(RoleAssignment.role).in_(removed)))


def disable_person(db: Session, actor: Actor, person: Person) -> int:
    """Disable a person and end every session they have; returns how many ended."""
    if person.id == actor.person_id:
        raise NotAllowed("You cannot disable your own account.")
    assert person.id is not None
    if not person.active:
        return 0
    person.active, person.updated_at = False, utcnow()
    ended = revoke_sessions_for(db, person.id)
    record(db, actor, "person.disabled", "person", person.id, sessions_ended=ended)
    return ended


def enable_person(db: Session, actor: Actor, person: Person) -> None:
    if person.active:
        return
    person.active, person.updated_at = True, utcnow()
    record(db, actor, "person.enabled", "person", person.id)


def revoke_sessions(db: Session, actor: Actor, person: Person) -> int:
    assert person.id is not None
    ended = revoke_sessions_for(db, person.id)
    record(db, actor, "person.sessions_revoked", "person", person.id, sessions_ended=ended)
    return ended

