"""Supervision records.

A session belongs to a supervisee and is recorded by their supervisor. Case discussions refer
to a child or family by the case system's reference only: no child's name is stored.
A signed-off session is locked; amendments create versions that keep the history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow
from learning.core.models import EnumString
from learning.supervision.terms import (
    ActionStatus,
    Rag,
    RaterRole,
    SessionStatus,
    SessionType,
)


class SupervisionPolicy(SQLModel, table=True):
    """Versioned policy as data: supervision frequency rules and workload weighting."""

    __tablename__ = "supervision_policy"
    __table_args__ = (UniqueConstraint("council_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    kind: str = Field(max_length=20, description="frequency or workload")
    version: int = 1
    body: str = Field(sa_type=Text, description="The policy as JSON")
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")


class SupervisionAgreement(SQLModel, table=True):
    __tablename__ = "supervision_agreement"

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    supervisee_id: int = Field(foreign_key="person.id", index=True)
    supervisor_id: int = Field(foreign_key="person.id", index=True)
    starts_on: date
    asye_started_on: date | None = None
    frequency_days_override: int | None = Field(default=None, ge=1, le=92)
    usual_duration_minutes: int = Field(default=90, ge=15, le=240)
    venue: str = Field(default="", max_length=200)
    confidentiality_terms: str = Field(default="", sa_type=Text)
    recording_terms: str = Field(default="", sa_type=Text)
    supervisor_agreed_at: datetime | None = None
    supervisee_agreed_at: datetime | None = None
    ended_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SupervisionSession(SQLModel, table=True):
    __tablename__ = "supervision_session"
    __table_args__ = (
        Index("ix_supervision_session_supervisee_date", "supervisee_id", "planned_for"),
        Index("ix_supervision_session_council_date", "council_id", "planned_for"),
        CheckConstraint("wellbeing IS NULL OR (wellbeing >= 0 AND wellbeing <= 10)",
                        name="ck_session_wellbeing"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0",
                        name="ck_session_duration"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    supervisee_id: int = Field(foreign_key="person.id")
    supervisor_id: int = Field(foreign_key="person.id", index=True)
    status: SessionStatus = Field(default=SessionStatus.DRAFT, sa_type=EnumString(SessionStatus))
    status_reason: str = Field(default="", max_length=500)
    planned_for: date
    held_on: date | None = None
    duration_minutes: int | None = None
    session_type: SessionType = Field(
        default=SessionType.ONE_TO_ONE, sa_type=EnumString(SessionType)
    )
    functions: str = Field(
        default="", max_length=100, description="4x4x4 functions, space-separated"
    )
    reflective_model: str = Field(default="morrison", max_length=40)
    reflections: str = Field(default="{}", sa_type=Text, description="Stage -> text, as JSON")
    wellbeing: int | None = None
    support_needs: str = Field(default="", sa_type=Text)
    learning_and_cpd: str = Field(default="", sa_type=Text)
    career_goals: str = Field(default="", sa_type=Text)
    share_personal_for_learning: bool = False
    share_case_learning: bool = True
    signed_off_at: datetime | None = None
    supervisee_agreed: bool | None = None
    supervisee_comment: str = Field(default="", sa_type=Text)
    first_recorded_at: datetime | None = Field(
        default=None,
        description="When the record was first recorded: a draft without it was never "
        "recorded, so it may be discarded and its actions are not yet anyone's to follow",
    )
    recorded_held_on: date | None = Field(
        default=None,
        description="The day it was held, as last recorded: kept while a record recorded as "
        "held is a draft again (changed before sign-off, or amended), so that it still counts "
        "as held on that day until it is recorded again",
    )
    draft: str = Field(
        default="{}", sa_type=Text,
        description="While drafting: the chosen outcome and answers kept exactly as typed "
        "because they did not yet pass validation, as JSON",
    )
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def locked(self) -> bool:
        return self.signed_off_at is not None


class SessionAttendee(SQLModel, table=True):
    """Everyone present at a group session besides the supervisor."""

    __tablename__ = "session_attendee"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    person_id: int = Field(foreign_key="person.id")


class SessionVersion(SQLModel, table=True):
    """A signed record's earlier state, kept when it is amended."""

    __tablename__ = "session_version"
    __table_args__ = (UniqueConstraint("session_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    version: int
    snapshot: str = Field(sa_type=Text, description="The whole record as JSON")
    amended_by_id: int = Field(foreign_key="person.id")
    amended_at: datetime = Field(default_factory=utcnow)
    reason: str = Field(default="", max_length=500)


class CaseDiscussion(SQLModel, table=True):
    """One child or family discussed in a session, in the Signs of Safety structure."""

    __tablename__ = "case_discussion"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    case_reference: str = Field(max_length=40, index=True)
    harm: str = Field(default="", sa_type=Text)
    danger_statement: str = Field(default="", sa_type=Text)
    complicating_factors: str = Field(default="", sa_type=Text)
    existing_strengths: str = Field(default="", sa_type=Text)
    existing_safety: str = Field(default="", sa_type=Text)
    safety_goal: str = Field(default="", sa_type=Text)
    next_steps: str = Field(default="", sa_type=Text)
    child_voice: str = Field(default="", sa_type=Text, description="What has the child told us?")
    decision: str = Field(default="", sa_type=Text)
    rationale: str = Field(default="", sa_type=Text)
    learning_point: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)


class CaseDiscussionDraft(SQLModel, table=True):
    """A case discussion's form as it is being typed, before it is saved: kept so that
    nothing typed is lost to a closed tab, a dropped connection or a sign-in that ran out.
    ``case_key`` is the discussion's id, or "new" for one not yet added. Gone once the
    discussion is saved or removed, or the draft discarded."""

    __tablename__ = "case_discussion_draft"
    __table_args__ = (UniqueConstraint("session_id", "case_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    case_key: str = Field(max_length=20)
    fields: str = Field(default="{}", sa_type=Text)  # JSON: each answer as typed
    saved_by_id: int = Field(foreign_key="person.id")
    saved_at: datetime = Field(default_factory=utcnow)


class SafetyRating(SQLModel, table=True):
    """A 0-10 safety scale judgement by one rater, kept over time for the case."""

    __tablename__ = "safety_rating"
    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 10", name="ck_safety_rating_score"),
        Index("ix_safety_rating_case", "council_id", "case_reference", "rated_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    case_discussion_id: int = Field(foreign_key="case_discussion.id", index=True)
    case_reference: str = Field(max_length=40)
    rater_role: RaterRole = Field(sa_type=EnumString(RaterRole))
    score: int
    rated_on: date


class SupervisionAction(SQLModel, table=True):
    __tablename__ = "supervision_action"
    __table_args__ = (Index("ix_supervision_action_open", "council_id", "status", "due_on"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    case_discussion_id: int | None = Field(default=None, foreign_key="case_discussion.id")
    supervisee_id: int = Field(foreign_key="person.id", index=True)
    description: str = Field(max_length=1000)
    owner_id: int = Field(foreign_key="person.id", index=True)
    due_on: date
    status: ActionStatus = Field(default=ActionStatus.OPEN, sa_type=EnumString(ActionStatus))
    completed_on: date | None = None
    status_reason: str = Field(default="", max_length=500, description="Why it was dropped")
    status_changed_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)


class WorkloadSnapshot(SQLModel, table=True):
    """A practitioner's weighted workload, reviewed in a session."""

    __tablename__ = "workload_snapshot"
    __table_args__ = (Index("ix_workload_snapshot_person_date", "person_id", "taken_on"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    person_id: int = Field(foreign_key="person.id")
    session_id: int | None = Field(default=None, foreign_key="supervision_session.id")
    policy_id: int = Field(foreign_key="supervision_policy.id")
    taken_on: date
    cases: str = Field(default="{}", sa_type=Text, description="Category -> number, as JSON")
    extra_points: int = 0
    hours_over_contract: float = 0
    points: float
    capacity: float
    rag: Rag = Field(sa_type=EnumString(Rag))


class WorkloadEscalation(SQLModel, table=True):
    """Recorded when a snapshot crosses a threshold: contingency action, reported to leaders."""

    __tablename__ = "workload_escalation"

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    snapshot_id: int = Field(foreign_key="workload_snapshot.id")
    person_id: int = Field(foreign_key="person.id", index=True)
    rag: Rag = Field(sa_type=EnumString(Rag))
    raised_by_id: int = Field(foreign_key="person.id")
    raised_at: datetime = Field(default_factory=utcnow)
    contingency_action: str = Field(default="", sa_type=Text)
    resolved_at: datetime | None = None
    resolved_by_id: int | None = Field(default=None, foreign_key="person.id")
    resolution_note: str = Field(default="", sa_type=Text, description="What was done")


class SupervisionAudit(SQLModel, table=True):
    """Supervision of supervisors: an appreciative-inquiry review of a record (EARS)."""

    __tablename__ = "supervision_audit"

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    session_id: int = Field(foreign_key="supervision_session.id", index=True)
    auditor_id: int = Field(foreign_key="person.id")
    elicit: str = Field(default="", sa_type=Text, description="What was done well?")
    amplify: str = Field(default="", sa_type=Text, description="How did it make a difference?")
    reflect: str = Field(default="", sa_type=Text, description="What does it tell us?")
    start_over: str = Field(
        default="", sa_type=Text, description="What would make it better still?"
    )
    child_voice_evident: bool = False
    created_at: datetime = Field(default_factory=utcnow)
