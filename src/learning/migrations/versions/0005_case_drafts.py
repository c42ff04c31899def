"""Supervision: drafts of case discussions, kept as they are typed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_discussion_draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("case_key", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["saved_by_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["supervision_session.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "case_key"),
    )
    with op.batch_alter_table("case_discussion_draft", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_discussion_draft_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_discussion_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_discussion_draft_session_id"))
    op.drop_table("case_discussion_draft")
