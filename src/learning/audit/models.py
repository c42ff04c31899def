"""An audit event is written in the same transaction as the change it records.

The table is append-only: database triggers refuse UPDATE and DELETE. Each event is then
sealed into a hash chain (``AuditSeal``, ``learning.audit.sealing``), so that an event changed
or removed by someone who can get past the triggers is found by ``learning audit verify``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow

SUCCEEDED = "succeeded"
REFUSED = "refused"
FAILED = "failed"


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_council_time", "council_id", "occurred_at"),
        Index("ix_audit_event_record", "record_type", "record_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow)
    council_id: int | None = Field(default=None, foreign_key="council.id")
    actor_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    actor_label: str = Field(default="", max_length=200)
    action: str = Field(max_length=80, index=True)
    record_type: str = Field(default="", max_length=60)
    record_id: str = Field(default="", max_length=64)
    request_id: str = Field(default="", max_length=64)
    #: Where a signed-in person acted from: their network address and browser. Never a
    #: visitor's (someone giving feedback without an account): that would tie feedback to
    #: an address, which the service keeps nowhere.
    source_address: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", max_length=300)
    #: The roles the person acted with, by name, comma-separated ("" for anyone not signed
    #: in, and for a sign-in itself: its detail names the roles the sign-in brought).
    roles: str = Field(default="", max_length=200)
    #: What came of it: ``SUCCEEDED``, ``REFUSED`` (a record or step that was not the
    #: person's) or ``FAILED`` (a sign-in that did not complete). Events from before results
    #: were kept have "".
    result: str = Field(default=SUCCEEDED, max_length=20)
    detail: str = Field(default="{}", sa_type=Text)


class AuditSeal(SQLModel, table=True):
    """One audit event's link in the hash chain: its digest is a keyed hash (with the service's
    secret, which the database does not hold) of the seal before it and of every field of the
    event. ``previous`` is unique, so the chain cannot fork; ``position`` is the chain's order
    (the order events were sealed in, close to the order they were written). Append-only,
    like the events."""

    __tablename__ = "audit_seal"

    position: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="audit_event.id", unique=True)
    previous: str = Field(max_length=64, unique=True)
    digest: str = Field(max_length=64)
    #: Which key made the digest (a hash of it, never the key): a changed secret is told
    #: apart from a changed event.
    key_id: str = Field(max_length=16)
    sealed_at: datetime = Field(default_factory=utcnow)
