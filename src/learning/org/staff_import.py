"""Importing staff from a CSV: the dry run and the real thing, planned the same way.

:mod:`learning.org.csv_import` plans against a snapshot of the council (the directory);
here the snapshot is read, and a plan with no errors is applied in one savepoint: every row
or none. Each person created or updated, and each supervisory relationship added, writes
its own audit event, and the import as a whole writes ``staff.imported`` with its counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from learning.accounts.sessions import revoke_sessions_for
from learning.audit.service import Actor, record
from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.org.csv_import import (
    Action,
    Directory,
    ImportPlan,
    KnownPerson,
    PlannedRow,
    StaffRecord,
    plan_import,
)
from learning.org.models import Council, Person, RoleAssignment, SupervisoryRelationship, Team

CHANGED_ELSEWHERE = (
    "Someone changed the staff list while this file was being imported, so nothing was "
    "imported. Upload the file again to check it against the list as it is now."
)


def directory_for(db: Session, council_id: int, importer_id: int | None = None) -> Directory:
    teams = db.exec(select(Team).where(Team.council_id == council_id)).all()
    people = db.exec(select(Person).where(Person.council_id == council_id)).all()
    by_id = {p.id: p for p in people}
    roles: dict[int, set[Role]] = {}
    assigned = select(RoleAssignment).join(Person, col(Person.id) == RoleAssignment.person_id)
    for assignment in db.exec(assigned.where(Person.council_id == council_id)):
        roles.setdefault(assignment.person_id, set()).add(Role(assignment.role))
    supervisors: dict[int, set[str]] = {}
    for link in _current_links(db, council_id):
        supervisor = by_id.get(link.supervisor_id)
        if supervisor is not None:
            supervisors.setdefault(link.supervisee_id, set()).add(supervisor.email.lower())
    known = {
        p.email.lower(): KnownPerson(
            id=p.id, email=p.email.lower(), given_name=p.given_name, family_name=p.family_name,
            job_title=p.job_title, team_id=p.team_id, career_stage=p.career_stage, fte=p.fte,
            object_id=p.oidc_oid, active=p.active,
            roles=frozenset(roles.get(p.id, set())),
            supervisor_emails=frozenset(supervisors.get(p.id, set())),
        )
        for p in people if p.id is not None
    }
    names = {" ".join(t.name.split()).casefold(): t.id for t in teams if t.id is not None}
    return Directory(teams=names, people=known, importer_id=importer_id)


def _current_links(db: Session, council_id: int) -> Sequence[SupervisoryRelationship]:
    on = today()
    return db.exec(select(SupervisoryRelationship).where(
        SupervisoryRelationship.council_id == council_id,
        SupervisoryRelationship.starts_on <= on,
        or_(col(SupervisoryRelationship.ends_on).is_(None),
            col(SupervisoryRelationship.ends_on) >= on),
    )).all()


def preview(db: Session, council_id: int, importer_id: int | None, data: bytes) -> ImportPlan:
    """The dry run: what importing ``data`` would do. Writes nothing."""
    return plan_import(data, directory_for(db, council_id, importer_id))


def apply(db: Session, actor: Actor, council: Council, data: bytes) -> tuple[ImportPlan, bool]:
    """Plan again from the database as it is now; apply only if every row is valid.

    Returns the plan and whether it was applied."""
    plan = preview(db, council.id or 0, actor.person_id, data)
    if not plan.ok:
        return plan, False
    try:
        with db.begin_nested():
            _apply_rows(db, actor, council, plan)
            db.flush()
    except IntegrityError:
        plan = preview(db, council.id or 0, actor.person_id, data)
        plan.problems.append(CHANGED_ELSEWHERE)
        return plan, False
    return plan, True


def _apply_rows(db: Session, actor: Actor, council: Council, plan: ImportPlan) -> None:
    assert council.id is not None
    creates = [row for row in plan.rows if row.action is Action.CREATE]
    ids = _insert_people(db, council, creates)
    roles = [{"person_id": ids[row.email], "role": role}
             for row in creates if row.record for role in sorted(row.record.roles)]
    if roles:
        db.exec(insert(RoleAssignment), params=roles)
    for row in creates:
        assert row.record is not None
        record(db, actor, "person.created", "person", ids[row.email], source="staff_import",
               roles=sorted(row.record.roles), linked=bool(row.record.object_id))
    for row in plan.rows:
        if row.action is Action.UPDATE and row.changes:
            _update_person(db, actor, council, row)
    links = _add_supervisors(db, actor, council.id, plan)
    counts = plan.counts
    record(db, actor, "staff.imported", "council", council.id, rows=len(plan.rows),
           created=counts[Action.CREATE], updated=counts[Action.UPDATE],
           unchanged=counts[Action.UNCHANGED], supervisions_added=links)


def _insert_people(db: Session, council: Council, rows: list[PlannedRow]) -> dict[str, int]:
    """Add the new people in one statement (thousands of ORM objects are slow to build)."""
    if not rows:
        return {}
    now = utcnow()
    values = [_new_person(council, row.record, now) for row in rows if row.record]
    statement = insert(Person).returning(
        col(Person.id), col(Person.email), sort_by_parameter_order=True)
    return {email: person_id for person_id, email in db.exec(statement, params=values)}


def _new_person(council: Council, staff: StaffRecord, now: datetime) -> dict[str, object]:
    return {
        "council_id": council.id, "given_name": staff.given_name,
        "family_name": staff.family_name, "email": staff.email, "job_title": staff.job_title,
        "team_id": staff.team_id, "career_stage": staff.career_stage, "fte": staff.fte or 1.0,
        "active": True, "oidc_oid": staff.object_id,
        "oidc_tid": council.tenant_id if staff.object_id else None,
        "created_at": now, "updated_at": now,
    }


def _update_person(db: Session, actor: Actor, council: Council, row: PlannedRow) -> None:
    staff, existing = row.record, row.existing
    assert staff is not None and existing is not None
    person = db.get(Person, existing.id)
    assert person is not None and person.id is not None
    old_oid = person.oidc_oid
    person.given_name, person.family_name = staff.given_name, staff.family_name
    person.job_title, person.team_id = staff.job_title, staff.team_id
    person.career_stage = staff.career_stage
    person.fte = staff.fte if staff.fte is not None else person.fte
    if staff.object_id is not None and staff.object_id != person.oidc_oid:
        person.oidc_oid, person.oidc_tid = staff.object_id, council.tenant_id
    person.updated_at = utcnow()
    added, removed = sorted(staff.roles - existing.roles), sorted(existing.roles - staff.roles)
    for role in added:
        db.add(RoleAssignment(person_id=person.id, role=role))
    if removed:
        db.exec(delete(RoleAssignment).where(
            col(RoleAssignment.person_id) == person.id, col(RoleAssignment.role).in_(removed)))
    ended = revoke_sessions_for(db, person.id) if old_oid and old_oid != person.oidc_oid else 0
    record(db, actor, "person.updated", "person", person.id, source="staff_import",
           changed=[c for c in row.changes if c != "roles"], roles_added=added,
           roles_removed=removed, sessions_ended=ended)


def _add_supervisors(db: Session, actor: Actor, council_id: int, plan: ImportPlan) -> int:
    """A current supervisory relationship from today for each row that names a new one."""
    wanted = [row for row in plan.rows if row.new_supervisor and row.record]
    if not wanted:
        return 0
    db.flush()
    ids: dict[str, int] = {email.lower(): person_id for person_id, email in db.exec(
        select(Person.id, Person.email).where(Person.council_id == council_id))
        if person_id is not None}
    starts_on = today()
    for row in wanted:
        assert row.record is not None and row.record.supervisor_email is not None
        supervisor_id, supervisee_id = ids[row.record.supervisor_email], ids[row.email]
        link = SupervisoryRelationship(council_id=council_id, supervisor_id=supervisor_id,
                                       supervisee_id=supervisee_id, starts_on=starts_on)
        db.add(link)
        db.flush()
        record(db, actor, "supervision_link.created", "supervisory_relationship", link.id,
               source="staff_import", supervisor_id=supervisor_id, supervisee_id=supervisee_id,
               starts_on=starts_on)
    return len(wanted)
