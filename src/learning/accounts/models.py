"""Server-side sessions: the cookie holds only an opaque id; its hash keys this table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow


class UserSession(SQLModel, table=True):
    __tablename__ = "user_session"

    id: str = Field(primary_key=True, max_length=64, description="SHA-256 of the cookie value")
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    signed_in_at: datetime | None = None
    revoked_at: datetime | None = None
    csrf_token: str = Field(max_length=64)
    idp_roles: str = Field(default="", max_length=400, description="Roles from the ID token")
    data: str = Field(default="{}", sa_type=Text, description="Sign-in state (JSON)")
