"""Supervision: when a record was first recorded (a draft never recorded may be discarded,
and its actions are not counted), and why an action was dropped, and by whom.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True)
        )
    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status_reason", sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False, server_default="",
            )
        )
        batch_op.add_column(sa.Column("status_changed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_supervision_action_status_changed_by_id_person",
            "person", ["status_changed_by_id"], ["id"],
        )
    # Records recorded before: any outcome, any amended record, and any record whose
    # recording is in the audit trail (one recorded, then changed while it waited).
    op.execute(
        "UPDATE supervision_session SET first_recorded_at = updated_at "
        "WHERE status NOT IN ('draft', 'planned') OR version > 1 "
        "OR CAST(id AS VARCHAR(64)) IN (SELECT record_id FROM audit_event "
        "WHERE action = 'supervision.session.recorded' "
        "AND record_type = 'supervision_session')"
    )


def downgrade() -> None:
    with op.batch_alter_table("supervision_action", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_supervision_action_status_changed_by_id_person", type_="foreignkey"
        )
        batch_op.drop_column("status_changed_by_id")
        batch_op.drop_column("status_reason")
    with op.batch_alter_table("supervision_session", schema=None) as batch_op:
        batch_op.drop_column("first_recorded_at")
