"""Feedback tables.

Links are stored by the SHA-256 hash of their token, never the token. Submissions keep the
answers as JSON and, where the person asked to be contacted, their contact details; nothing
else identifies them. A safeguarding alert is written in the same transaction as the
submission that raised it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow
from learning.core.models import EnumString
from learning.feedback.terms import (
    ActionStatus,
    AlertOutcome,
    AlertStatus,
    FormKind,
    Language,
    LinkKind,
    LinkSubject,
    QuarantineReason,
    SubmissionStatus,
)


class FeedbackLink(SQLModel, table=True):
    __tablename__ = "feedback_link"

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True, description="The owning team")
    kind: LinkKind = Field(sa_type=EnumString(LinkKind))
    subject: LinkSubject = Field(default=LinkSubject.TEAM, sa_type=EnumString(LinkSubject))
    worker_id: int | None = Field(default=None, foreign_key="person.id")
    title: str = Field(max_length=120, description="What the feedback is for, in plain words")
    form_kind: FormKind | None = Field(
        default=None,
        sa_type=EnumString(FormKind),
        description="The form this link opens; none lets the person choose",
    )
    token_hash: str = Field(max_length=64, unique=True, description="SHA-256 of the token, hex")
    short_code: str = Field(
        max_length=64,
        unique=True,
        description="A poster's or time-limited link's code as it is; a personal link's only as "
        "a keyed hash (hex), as it opens that one person's link",
    )
    expires_at: datetime | None = None
    used_at: datetime | None = Field(default=None, description="Single-use links: when consumed")
    use_count: int = 0
    revoked_at: datetime | None = None
    revoked_by_id: int | None = Field(default=None, foreign_key="person.id")
    retention_days: int = Field(default=730, ge=30, le=3650)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")


class FeedbackSubmission(SQLModel, table=True):
    __tablename__ = "feedback_submission"
    __table_args__ = (
        Index("ix_feedback_submission_team_status", "team_id", "status"),
        Index("ix_feedback_submission_council_date", "council_id", "submitted_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    team_id: int = Field(foreign_key="team.id")
    link_id: int = Field(foreign_key="feedback_link.id", index=True)
    form_kind: FormKind = Field(sa_type=EnumString(FormKind))
    language: Language = Field(default=Language.ENGLISH, sa_type=EnumString(Language))
    easy_read: bool = False
    answers: str = Field(sa_type=Text, description="JSON object: question key to answer")
    worried_about_safety: bool = Field(default=False, description="The person pressed for help")
    wants_contact: bool = False
    contact_name: str = Field(default="", max_length=120)
    contact_detail: str = Field(default="", max_length=254, description="Phone or email")
    flagged: bool = Field(
        default=False, description="The safeguarding screen flagged it, or a reader raised an alert"
    )
    screen_categories: str = Field(default="[]", max_length=500, description="JSON list")
    quarantine_reason: QuarantineReason | None = Field(
        default=None, sa_type=EnumString(QuarantineReason)
    )
    released_at: datetime | None = Field(default=None, description="Let out of quarantine")
    released_by_id: int | None = Field(default=None, foreign_key="person.id")
    status: SubmissionStatus = Field(
        default=SubmissionStatus.NEW, sa_type=EnumString(SubmissionStatus)
    )
    read_at: datetime | None = None
    read_by_id: int | None = Field(default=None, foreign_key="person.id")
    receipt_hash: str = Field(max_length=64, unique=True, description="Keyed hash of the receipt")
    text_hash: str = Field(default="", max_length=64, index=True, description="For duplicates")
    submitted_at: datetime = Field(default_factory=utcnow)
    delete_after: date


class FeedbackTag(SQLModel, table=True):
    __tablename__ = "feedback_tag"
    __table_args__ = (UniqueConstraint("submission_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="feedback_submission.id", index=True)
    name: str = Field(max_length=60)
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackReply(SQLModel, table=True):
    __tablename__ = "feedback_reply"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="feedback_submission.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    body: str = Field(sa_type=Text)
    outbox_id: int | None = Field(default=None, foreign_key="mail_outbox.id")
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackAction(SQLModel, table=True):
    """Something a team is doing because of what it heard: the "we did" of "you said, we did"."""

    __tablename__ = "feedback_action"

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    title: str = Field(max_length=200)
    public_summary: str = Field(
        default="", sa_type=Text, description="What changed, in plain words for the public"
    )
    status: ActionStatus = Field(default=ActionStatus.PLANNED, sa_type=EnumString(ActionStatus))
    owner_id: int | None = Field(default=None, foreign_key="person.id")
    due_on: date | None = None
    completed_at: datetime | None = None
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackActionLink(SQLModel, table=True):
    __tablename__ = "feedback_action_link"

    action_id: int = Field(foreign_key="feedback_action.id", primary_key=True)
    submission_id: int = Field(foreign_key="feedback_submission.id", primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackDraft(SQLModel, table=True):
    """A long form saved part-way, to be resumed with its code (hashed)."""

    __tablename__ = "feedback_draft"

    id: int | None = Field(default=None, primary_key=True)
    link_id: int = Field(foreign_key="feedback_link.id", index=True)
    code_hash: str = Field(max_length=64, unique=True)
    form_kind: FormKind = Field(sa_type=EnumString(FormKind))
    language: Language = Field(default=Language.ENGLISH, sa_type=EnumString(Language))
    answers: str = Field(sa_type=Text)
    saved_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class DailyKey(SQLModel, table=True):
    """The day's random key that client addresses are hashed under for the limits. Made on
    the day's first use and deleted 48 hours later: after that, nothing anywhere can tell
    which address a counter was about, not even with the service's secret."""

    __tablename__ = "feedback_daily_key"

    day: date = Field(primary_key=True, description="The UTC date it hashes addresses for")
    key: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow)


class RateCounter(SQLModel, table=True):
    """Fixed-window counters for rate limits. Keys are keyed hashes (the client address under
    the day's random key, ``DailyKey``); rows older than 48 hours are deleted."""

    __tablename__ = "feedback_rate_counter"

    key: str = Field(max_length=64, primary_key=True)
    window_start: datetime = Field(primary_key=True)
    count: int = 0


class UsedNonce(SQLModel, table=True):
    """Form nonces already spent (each rendered form may be submitted once)."""

    __tablename__ = "feedback_used_nonce"

    nonce_hash: str = Field(max_length=64, primary_key=True)
    used_at: datetime = Field(default_factory=utcnow, index=True)


class SafeguardingAlert(SQLModel, table=True):
    __tablename__ = "safeguarding_alert"
    __table_args__ = (Index("ix_safeguarding_alert_council_status", "council_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    team_id: int = Field(foreign_key="team.id")
    submission_id: int = Field(foreign_key="feedback_submission.id", unique=True)
    categories: str = Field(default="[]", max_length=500, description="JSON list")
    self_reported: bool = Field(default=False, description='"I am worried about my safety"')
    status: AlertStatus = Field(default=AlertStatus.OPEN, sa_type=EnumString(AlertStatus))
    raised_at: datetime = Field(default_factory=utcnow)
    respond_by: datetime
    escalation_level: int = 0
    acknowledged_at: datetime | None = None
    acknowledged_by_id: int | None = Field(default=None, foreign_key="person.id")
    outcome: AlertOutcome | None = Field(default=None, sa_type=EnumString(AlertOutcome))
    outcome_note: str = Field(default="", sa_type=Text)
    closed_at: datetime | None = None
    closed_by_id: int | None = Field(default=None, foreign_key="person.id")


class SafeguardingAlertEvent(SQLModel, table=True):
    """The alert's own trail: raised, emailed, escalated, acknowledged, outcome recorded."""

    __tablename__ = "safeguarding_alert_event"

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="safeguarding_alert.id", index=True)
    kind: str = Field(max_length=40)
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    note: str = Field(default="", sa_type=Text)
    at: datetime = Field(default_factory=utcnow)
