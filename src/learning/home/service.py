"""What each role sees first: drawn from the organisation's real records."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.models import AuditEvent
from learning.core.clock import utcnow
from learning.core.permissions import Permission, Role
from learning.feedback.alert_queries import open_counts
from learning.org import service as org
from learning.org.models import BY_NAME, CareerStage, Person, Team


@dataclass
class Home:
    person: Person
    team: Team | None
    supervisors: list[Person]
    supervisees: list[Person] = field(default_factory=list)
    team_members: list[tuple[Person, list[Person]]] = field(default_factory=list)
    career_stages: list[tuple[str, int]] = field(default_factory=list)
    supervision_coverage: tuple[int, int] | None = None
    unsupervised: list[Person] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    recent_events: list[AuditEvent] = field(default_factory=list)
    #: Safeguarding leads: (alerts not yet closed, of which overdue).
    safeguarding_alerts: tuple[int, int] | None = None


def home_for(db: Session, principal: Principal) -> Home:
    person = org.require_person(db, principal.council_id, principal.person_id)
    team = org.get_team(db, principal.council_id, person.team_id) if person.team_id else None
    home = Home(person=person, team=team, supervisors=org.supervisors_of(db, principal.person_id))
    if principal.roles & {Role.SUPERVISOR, Role.TEAM_MANAGER}:
        home.supervisees = org.supervisees_of(db, principal.person_id)
    if Role.TEAM_MANAGER in principal.roles and team is not None:
        home.team_members = _team_with_supervisors(db, team)
    if principal.roles & {Role.WORKFORCE_LEAD, Role.PRINCIPAL_SOCIAL_WORKER}:
        _add_workforce(db, principal.council_id, home)
    if Role.ADMINISTRATOR in principal.roles:
        _add_administration(db, principal.council_id, home)
    if principal.can(Permission.SAFEGUARDING_ALERTS):
        home.safeguarding_alerts = open_counts(db, principal.council_id, utcnow())
    return home


def _active_staff(db: Session, council_id: int) -> list[Person]:
    query = select(Person).where(Person.council_id == council_id, Person.active)
    return list(db.exec(query.order_by(*BY_NAME)).all())


def _team_with_supervisors(db: Session, team: Team) -> list[tuple[Person, list[Person]]]:
    members = db.exec(
        select(Person)
        .where(Person.team_id == team.id, Person.active)
        .order_by(*BY_NAME)
    ).all()
    return [(m, org.supervisors_of(db, m.id or 0)) for m in members]


def _add_workforce(db: Session, council_id: int, home: Home) -> None:
    staff = _active_staff(db, council_id)
    stages = Counter(p.career_stage for p in staff)
    home.career_stages = [(s.label, stages[s]) for s in CareerStage if stages[s]]
    supervised_ids = {link.supervisee_id for link in org.current_relationships(db)}
    practitioners = [p for p in staff if p.career_stage in _SUPERVISED_STAGES]
    covered = sum(1 for p in practitioners if p.id in supervised_ids)
    home.supervision_coverage = (covered, len(practitioners))
    home.unsupervised = [p for p in practitioners if p.id not in supervised_ids][:20]


_SUPERVISED_STAGES = frozenset(
    {
        CareerStage.ASYE,
        CareerStage.SOCIAL_WORKER,
        CareerStage.SENIOR_PRACTITIONER,
        CareerStage.ADVANCED_PRACTITIONER,
        CareerStage.FAMILY_SUPPORT,
        CareerStage.STUDENT,
    }
)


def _add_administration(db: Session, council_id: int, home: Home) -> None:
    def count(model: type, *where: object) -> int:
        query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int(db.exec(query).one())

    home.counts = {
        "people": count(Person, Person.council_id == council_id, col(Person.active)),
        "disabled": count(Person, Person.council_id == council_id, ~col(Person.active)),
        "teams": count(Team, Team.council_id == council_id),
        "not_linked": count(
            Person, Person.council_id == council_id, col(Person.oidc_oid).is_(None)
        ),
    }
    home.recent_events = list(
        db.exec(
            select(AuditEvent)
            .where(AuditEvent.council_id == council_id)
            .order_by(col(AuditEvent.id).desc())
            .limit(5)
        ).all()
    )
