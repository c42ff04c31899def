"""Who may see and do what with supervision records: checked once, in the service, first.

- A supervisor records sessions only for their current supervisees.
- A supervisee reads their own records and signs them off.
- Managers with oversight read the case sections and actions of people in their teams, and
  the principal social worker and workforce leads read across the council; nobody but the
  supervisee and the session's supervisor reads the personal section (wellbeing, support
  needs, career goals).
Refusals raise :class:`NotYourRecord`; views turn it into 404 and the refusal is audited.
"""

from __future__ import annotations

from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.core.permissions import Permission, Role
from learning.org import service as org
from learning.org.models import Person
from learning.supervision.models import SupervisionSession


class NotYourRecord(LookupError):
    """The record does not exist for this person (or they may not know it exists)."""


def require_supervisee(db: Session, principal: Principal, supervisee_id: int) -> Person:
    """The supervisee, if ``principal`` supervises them now; otherwise NotYourRecord."""
    person = org.get_person(db, principal.council_id, supervisee_id)
    if person is None or not principal.can(Permission.SUPERVISION_RECORD):
        raise NotYourRecord(f"person {supervisee_id}")
    if not org.is_current_supervisor(db, principal.person_id, supervisee_id):
        raise NotYourRecord(f"person {supervisee_id}")
    return person


def can_oversee(db: Session, principal: Principal, person: Person) -> bool:
    """Managers see their team; council-wide roles see everyone in the council."""
    if person.council_id != principal.council_id:
        return False
    if principal.roles & {Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD}:
        return True
    if Role.TEAM_MANAGER in principal.roles and person.team_id is not None:
        return person.team_id == principal.team_id
    return False


def require_readable_person(db: Session, principal: Principal, person_id: int) -> Person:
    """A supervisee whose history ``principal`` may read: own, supervised, or overseen."""
    person = org.get_person(db, principal.council_id, person_id)
    if person is None:
        raise NotYourRecord(f"person {person_id}")
    if person.id == principal.person_id:
        return person
    if org.is_current_supervisor(db, principal.person_id, person_id):
        return person
    if principal.can(Permission.SUPERVISION_OVERSEE) and can_oversee(db, principal, person):
        return person
    raise NotYourRecord(f"person {person_id}")


def require_session(db: Session, principal: Principal, session_id: int) -> SupervisionSession:
    """A session ``principal`` may read."""
    record = db.get(SupervisionSession, session_id)
    if record is None or record.council_id != principal.council_id:
        raise NotYourRecord(f"session {session_id}")
    if principal.person_id in (record.supervisee_id, record.supervisor_id):
        return record
    require_readable_person(db, principal, record.supervisee_id)
    return record


def require_editable_session(
    db: Session, principal: Principal, session_id: int
) -> SupervisionSession:
    """A session ``principal`` may change: they are its supervisor and still supervise."""
    record = require_session(db, principal, session_id)
    if record.supervisor_id != principal.person_id:
        raise NotYourRecord(f"session {session_id}")
    require_supervisee(db, principal, record.supervisee_id)
    return record


def sees_personal_section(principal: Principal, record: SupervisionSession) -> bool:
    return principal.person_id in (record.supervisee_id, record.supervisor_id)
