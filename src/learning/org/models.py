"""Who works where, in which role, and who supervises whom."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel, col

from learning.core.clock import utcnow
from learning.core.models import EnumString
from learning.core.permissions import Role


class TeamKind(StrEnum):
    FRONT_DOOR = "front_door"
    EARLY_HELP = "early_help"
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION = "child_protection"
    CHILDREN_IN_CARE = "children_in_care"
    CARE_LEAVERS = "care_leavers"
    FOSTERING = "fostering"
    ADOPTION = "adoption"
    DISABLED_CHILDREN = "disabled_children"
    YOUTH_JUSTICE = "youth_justice"
    QUALITY_ASSURANCE = "quality_assurance"
    WORKFORCE = "workforce"
    OTHER = "other"

    @property
    def label(self) -> str:
        return TEAM_KIND_LABELS[self]


TEAM_KIND_LABELS = {
    TeamKind.FRONT_DOOR: "Front door / MASH",
    TeamKind.EARLY_HELP: "Early help",
    TeamKind.CHILD_IN_NEED: "Child in need",
    TeamKind.CHILD_PROTECTION: "Child protection",
    TeamKind.CHILDREN_IN_CARE: "Children in care",
    TeamKind.CARE_LEAVERS: "Care leavers",
    TeamKind.FOSTERING: "Fostering",
    TeamKind.ADOPTION: "Adoption",
    TeamKind.DISABLED_CHILDREN: "Disabled children",
    TeamKind.YOUTH_JUSTICE: "Youth justice",
    TeamKind.QUALITY_ASSURANCE: "Quality assurance",
    TeamKind.WORKFORCE: "Workforce development",
    TeamKind.OTHER: "Other",
}


class CareerStage(StrEnum):
    STUDENT = "student"
    ASYE = "asye"
    SOCIAL_WORKER = "social_worker"
    SENIOR_PRACTITIONER = "senior_practitioner"
    ADVANCED_PRACTITIONER = "advanced_practitioner"
    TEAM_MANAGER = "team_manager"
    SERVICE_MANAGER = "service_manager"
    HEAD_OF_SERVICE = "head_of_service"
    FAMILY_SUPPORT = "family_support"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CAREER_STAGE_LABELS[self]


CAREER_STAGE_LABELS = {
    CareerStage.STUDENT: "Student social worker",
    CareerStage.ASYE: "Newly qualified (ASYE)",
    CareerStage.SOCIAL_WORKER: "Social worker",
    CareerStage.SENIOR_PRACTITIONER: "Senior practitioner",
    CareerStage.ADVANCED_PRACTITIONER: "Advanced practitioner",
    CareerStage.TEAM_MANAGER: "Team manager",
    CareerStage.SERVICE_MANAGER: "Service manager",
    CareerStage.HEAD_OF_SERVICE: "Head of service",
    CareerStage.FAMILY_SUPPORT: "Family support worker",
    CareerStage.OTHER: "Other",
}


class Council(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=120)
    tenant_id: str = Field(default="", max_length=64)
    brand_colour: str = Field(default="#1d4f76", max_length=7)
    is_demo: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)


class ServiceArea(SQLModel, table=True):
    __tablename__ = "service_area"
    __table_args__ = (UniqueConstraint("council_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    name: str = Field(max_length=120)


class Team(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("council_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    service_area_id: int | None = Field(default=None, foreign_key="service_area.id")
    name: str = Field(max_length=120)
    kind: TeamKind = Field(default=TeamKind.OTHER, sa_type=EnumString(TeamKind))
    active: bool = Field(default=True)


class Person(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("council_id", "email"),
        UniqueConstraint("oidc_tid", "oidc_oid"),
        CheckConstraint("fte > 0 AND fte <= 1", name="ck_person_fte"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    given_name: str = Field(max_length=80)
    family_name: str = Field(max_length=80)
    email: str = Field(max_length=254)
    job_title: str = Field(default="", max_length=120)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    career_stage: CareerStage = Field(
        default=CareerStage.OTHER, sa_type=EnumString(CareerStage)
    )
    fte: float = Field(default=1.0)
    active: bool = Field(default=True)
    oidc_tid: str | None = Field(default=None, max_length=64)
    oidc_oid: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


#: The order lists of people are shown in: family name, then given name, then the id, as two
#: members of staff may share a name and must still come back in the same order every time.
BY_NAME = (col(Person.family_name), col(Person.given_name), col(Person.id))


class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: Role = Field(sa_type=EnumString(Role))


class SupervisoryRelationship(SQLModel, table=True):
    """A supervisor supervises a supervisee from ``starts_on`` until ``ends_on`` (inclusive)."""

    __tablename__ = "supervisory_relationship"
    __table_args__ = (
        CheckConstraint("supervisor_id <> supervisee_id", name="ck_supervision_not_self"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ck_supervision_dates"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    supervisor_id: int = Field(foreign_key="person.id", index=True)
    supervisee_id: int = Field(foreign_key="person.id", index=True)
    starts_on: date
    ends_on: date | None = None

    def is_current(self, on: date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on <= self.ends_on)
