"""The demo council: a fictional council, its teams, 120 staff and their supervisory lines.

Deterministic (a fixed seed) and idempotent: running it again refreshes the same records
instead of duplicating them. Every name is made up from common first names and surnames.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import (
    CareerStage,
    Council,
    Person,
    RoleAssignment,
    ServiceArea,
    SupervisoryRelationship,
    Team,
    TeamKind,
)

DEMO_SLUG = "tamarside"
DEMO_NAME = "Tamarside Council"
DEMO_TENANT = "00000000-demo-4000-8000-tamarside000"
EMAIL_DOMAIN = "tamarside.example"
SEED = 2016

SERVICE_AREAS = {
    "Front door and early help": [
        ("Front Door and MASH", TeamKind.FRONT_DOOR),
        ("Early Help East", TeamKind.EARLY_HELP),
    ],
    "Children in need and protection": [
        ("Child in Need North", TeamKind.CHILD_IN_NEED),
        ("Child Protection South", TeamKind.CHILD_PROTECTION),
        ("Disabled Children's Team", TeamKind.DISABLED_CHILDREN),
    ],
    "Children in care and permanence": [
        ("Children in Care", TeamKind.CHILDREN_IN_CARE),
        ("Care Leavers (Moving On)", TeamKind.CARE_LEAVERS),
        ("Fostering", TeamKind.FOSTERING),
        ("Adoption and Permanence", TeamKind.ADOPTION),
    ],
    "Quality and workforce": [
        ("Quality Assurance and Safeguarding", TeamKind.QUALITY_ASSURANCE),
        ("Workforce Development", TeamKind.WORKFORCE),
    ],
}

FIRST_NAMES = (  # noqa: SIM905 - names read best as one string
    "Amara Beth Callum Demelza Elif Finn Gemma Hamza Isla Jago Keira Lowen Maya Nia Owen "
    "Petra Rhys Senara Tomasz Una Vikram Wren Yasmin Zofia Aaron Bryony Carys Dominic Esme "
    "Farah Gareth Hollie Imran Jess Kit Lena Mateo Nadia Oskar Poppy Quinn Rosa Sami Tegen "
    "Ursula Vince Wanda Xander Yusuf Zara Alys Bronwen Cerys Dylan Eilidh Fergus Greta Hari "
    "Ines Jonah Kezia Luca Meg Noor Olu"
).split()
SURNAMES = (  # noqa: SIM905
    "Angove Bolitho Chenoweth Dunstan Eddy Friggens Glasson Hocking Ivey Jory Kitto Lanyon "
    "Menheniot Nance Opie Pengelly Quiller Rowe Sandry Tonkin Uren Vosper Wearne Yelland "
    "Adeyemi Brennan Castell Dobrowski Ellery Fairweather Gallagher Hughes Iqbal Jennings "
    "Kowalski Lindqvist Mahmood Novak Okonjo Patel Quarshie Rahman Szabo Thorne Varga "
    "Whitfield Xu Yilmaz Zielinski"
).split()


@dataclass(frozen=True)
class Anchor:
    given: str
    family: str
    title: str
    stage: CareerStage
    roles: tuple[Role, ...]
    team: str


#: Named people to sign in as: one for each role's journeys.
ANCHORS = (
    Anchor("Ruth", "Penrose", "Head of Service", CareerStage.HEAD_OF_SERVICE,
           (Role.SUPERVISOR,), "Quality Assurance and Safeguarding"),
    Anchor("Morwenna", "Tregear", "Principal Social Worker", CareerStage.ADVANCED_PRACTITIONER,
           (Role.PRINCIPAL_SOCIAL_WORKER, Role.SUPERVISOR), "Workforce Development"),
    Anchor("Daniel", "Okafor", "Workforce Development Lead", CareerStage.SERVICE_MANAGER,
           (Role.WORKFORCE_LEAD,), "Workforce Development"),
    Anchor("Helen", "Pascoe", "Safeguarding Lead", CareerStage.SERVICE_MANAGER,
           (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR), "Quality Assurance and Safeguarding"),
    Anchor("Priya", "Shah", "Systems Administrator", CareerStage.OTHER,
           (Role.ADMINISTRATOR,), "Workforce Development"),
)

#: Staff outside the practice teams: (team, job title, index of their supervisor in ANCHORS).
CENTRAL_STAFF = (
    ("Quality Assurance and Safeguarding", "Independent Reviewing Officer", 3),
    ("Quality Assurance and Safeguarding", "Independent Reviewing Officer", 3),
    ("Quality Assurance and Safeguarding", "Child Protection Conference Chair", 3),
    ("Quality Assurance and Safeguarding", "Child Protection Conference Chair", 3),
    ("Workforce Development", "ASYE Programme Coordinator", 1),
    ("Workforce Development", "Practice Educator", 1),
    ("Workforce Development", "Learning and Development Officer", 2),
)
PRACTICE_TEAMS = 9
STAFF_PER_TEAM = 12


def email_for(given: str, family: str) -> str:
    return f"{given}.{family}@{EMAIL_DOMAIN}".lower()


def object_id_for(email: str) -> str:
    """A stable Entra-style object id, so the demo people can sign in through a test IdP."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"learning-demo:{email}"))


def create_demo_council(db: Session) -> Council:
    """Create the demo council, or refresh it in place. Never touches a non-demo council."""
    council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).first()
    if council is not None and not council.is_demo:
        raise ValueError(f"A real council already uses the slug {DEMO_SLUG!r}; not touching it.")
    if council is None:
        council = Council(slug=DEMO_SLUG, name=DEMO_NAME, tenant_id=DEMO_TENANT,
                          brand_colour="#00625e", is_demo=True)
        db.add(council)
        db.flush()
    assert council.id is not None
    teams = _teams(db, council.id)
    builder = _StaffBuilder(db, council.id, random.Random(SEED))  # noqa: S311 - demo data, not secret
    anchors = [builder.person(a.given, a.family, a.title, a.stage, teams[a.team], a.roles)
               for a in ANCHORS]
    head, psw = anchors[0], anchors[1]
    managers = _practice_teams(builder, teams, head, psw)
    builder.supervise(head, anchors[2], months_ago=30)
    builder.supervise(head, anchors[3], months_ago=30)
    builder.supervise(anchors[2], anchors[4], months_ago=18)
    for manager in managers:
        builder.supervise(head, manager, months_ago=builder.rng.randint(6, 40))
    for team_name, title, supervisor in CENTRAL_STAFF:
        worker = builder.generated(teams[team_name], title, CareerStage.ADVANCED_PRACTITIONER,
                                   (Role.PRACTITIONER,))
        builder.supervise(anchors[supervisor], worker, months_ago=builder.rng.randint(3, 36))
    db.flush()
    return council


def _teams(db: Session, council_id: int) -> dict[str, Team]:
    teams: dict[str, Team] = {}
    for area_name, team_specs in SERVICE_AREAS.items():
        area = db.exec(select(ServiceArea).where(
            ServiceArea.council_id == council_id, ServiceArea.name == area_name)).first()
        if area is None:
            area = ServiceArea(council_id=council_id, name=area_name)
            db.add(area)
            db.flush()
        for name, kind in team_specs:
            team = db.exec(select(Team).where(Team.council_id == council_id,
                                              Team.name == name)).first()
            if team is None:
                team = Team(council_id=council_id, name=name, kind=kind, service_area_id=area.id)
                db.add(team)
                db.flush()
            teams[name] = team
    return teams


def _practice_teams(builder: _StaffBuilder, teams: dict[str, Team], head: Person,
                    psw: Person) -> list[Person]:
    managers = []
    practice = [t for t in teams.values() if t.kind not in
                (TeamKind.QUALITY_ASSURANCE, TeamKind.WORKFORCE)][:PRACTICE_TEAMS]
    for team in practice:
        manager = builder.generated(team, "Team Manager", CareerStage.TEAM_MANAGER,
                                    (Role.TEAM_MANAGER, Role.SUPERVISOR))
        senior = builder.generated(team, "Senior Practitioner", CareerStage.SENIOR_PRACTITIONER,
                                   (Role.SUPERVISOR, Role.PRACTITIONER))
        managers.append(manager)
        builder.supervise(manager, senior, months_ago=builder.rng.randint(4, 30))
        for index in range(STAFF_PER_TEAM - 2):
            title, stage = builder.practitioner_stage(team, index)
            worker = builder.generated(team, title, stage, (Role.PRACTITIONER,))
            supervisor = senior if index % 3 == 2 else manager
            if stage is CareerStage.ASYE:
                supervisor = manager
            builder.supervise(supervisor, worker, months_ago=builder.rng.randint(1, 24),
                              previous=psw if index == 0 else None)
    return managers


class _StaffBuilder:
    def __init__(self, db: Session, council_id: int, rng: random.Random) -> None:
        self.db, self.council_id, self.rng = db, council_id, rng
        self.used: set[tuple[str, str]] = {(a.given, a.family) for a in ANCHORS}

    def practitioner_stage(self, team: Team, index: int) -> tuple[str, CareerStage]:
        if team.kind in (TeamKind.EARLY_HELP, TeamKind.FOSTERING) and index >= 6:
            return "Family Support Worker", CareerStage.FAMILY_SUPPORT
        if index < 2:
            return "Social Worker (ASYE)", CareerStage.ASYE
        if index == 9:
            return "Student Social Worker", CareerStage.STUDENT
        if index == 8:
            return "Advanced Practitioner", CareerStage.ADVANCED_PRACTITIONER
        return "Social Worker", CareerStage.SOCIAL_WORKER

    def generated(self, team: Team, title: str, stage: CareerStage,
                  roles: tuple[Role, ...]) -> Person:
        while True:
            given, family = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            if (given, family) not in self.used:
                self.used.add((given, family))
                break
        fte = 1.0 if self.rng.random() > 0.2 else self.rng.choice([0.6, 0.8])
        return self.person(given, family, title, stage, team, roles, fte)

    def person(self, given: str, family: str, title: str, stage: CareerStage, team: Team,
               roles: tuple[Role, ...], fte: float = 1.0) -> Person:
        email = email_for(given, family)
        person = self.db.exec(select(Person).where(Person.council_id == self.council_id,
                                                   Person.email == email)).first()
        if person is None:
            person = Person(council_id=self.council_id, given_name=given, family_name=family,
                            email=email)
        person.job_title, person.career_stage, person.team_id = title, stage, team.id
        person.fte, person.active = fte, True
        person.oidc_tid, person.oidc_oid = DEMO_TENANT, object_id_for(email)
        self.db.add(person)
        self.db.flush()
        assert person.id is not None
        held = set(self.db.exec(select(RoleAssignment.role)
                                .where(RoleAssignment.person_id == person.id)).all())
        for role in roles:
            if role not in held:
                self.db.add(RoleAssignment(person_id=person.id, role=role))
        return person

    def supervise(self, supervisor: Person, supervisee: Person, months_ago: int,
                  previous: Person | None = None) -> None:
        starts = today() - timedelta(days=30 * months_ago)
        if previous is not None and previous.id != supervisee.id:
            ended = starts - timedelta(days=1)
            self._link(previous, supervisee, starts - timedelta(days=365), ended)
        self._link(supervisor, supervisee, starts, None)

    def _link(self, supervisor: Person, supervisee: Person, starts: date,
              ends: date | None) -> None:
        exists = self.db.exec(select(SupervisoryRelationship).where(
            SupervisoryRelationship.supervisor_id == supervisor.id,
            SupervisoryRelationship.supervisee_id == supervisee.id,
        )).first()
        if exists is None:
            assert supervisor.id is not None and supervisee.id is not None
            self.db.add(SupervisoryRelationship(
                council_id=self.council_id, supervisor_id=supervisor.id,
                supervisee_id=supervisee.id, starts_on=starts, ends_on=ends))
