"""Supervision: the day a record was held, as last recorded, kept while it is a draft again
(changed before sign-off, or amended), so it still counts as held on that day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_held_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE supervision_session SET recorded_held_on = COALESCE(held_on, planned_for) "
        "WHERE status = 'held'"
    )
    _drafts_again(op.get_bind())


def _drafts_again(connection: sa.Connection) -> None:
    """Records recorded as held that are drafts again: an amendment in progress was held
    on the day its last signed version says; a record changed before sign-off on the day
    it still says, if the outcome it keeps is "held"."""
    rows = connection.execute(sa.text(
        "SELECT id, version, held_on, planned_for, draft FROM supervision_session "
        "WHERE status IN ('draft', 'planned') "
        "AND (version > 1 OR first_recorded_at IS NOT NULL)"
    )).all()
    for session_id, version, held_on, planned_for, draft in rows:
        day: Any = None
        if version > 1:
            snapshot = connection.execute(sa.text(
                "SELECT snapshot FROM session_version WHERE session_id = :id "
                "ORDER BY version DESC LIMIT 1"), {"id": session_id}).scalar()
            earlier = json.loads(snapshot or "{}").get("session") or {}
            if earlier.get("status") == "held":
                day = earlier.get("held_on") or earlier.get("planned_for")
        elif (json.loads(draft or "{}") or {}).get("outcome") == "held":
            day = held_on or planned_for
        if day is not None:
            connection.execute(sa.text(
                "UPDATE supervision_session SET recorded_held_on = :day WHERE id = :id"
            ).bindparams(sa.bindparam("day", type_=sa.Date())),
                {"day": date.fromisoformat(day) if isinstance(day, str) else day,
                 "id": session_id})


def downgrade() -> None:
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.drop_column("recorded_held_on")
