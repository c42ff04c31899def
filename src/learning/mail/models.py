"""The outbox: every email the service sends is first a row here, written in the transaction
that needs it, so it cannot be lost between a commit and a send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow
from learning.core.models import EnumString
from learning.mail.terms import OutboxStatus


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int | None = Field(default=None, foreign_key="council.id")
    kind: str = Field(max_length=40, description="e.g. safeguarding_alert, feedback_reply")
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(sa_type=Text)
    safeguarding_alert_id: int | None = Field(
        default=None, foreign_key="safeguarding_alert.id", index=True
    )
    status: OutboxStatus = Field(default=OutboxStatus.PENDING, sa_type=EnumString(OutboxStatus))
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    last_error: str = Field(default="", max_length=500)
    sent_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
