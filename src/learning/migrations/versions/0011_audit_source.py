"""Audit: each event keeps where a signed-in person acted from, their network address and
browser (SECURITY.md section 6: IP and user agent). Events before this have neither.

Columns are added in place (``ALTER TABLE ... ADD COLUMN``, on SQLite too), so the table and
its append-only triggers stay as they are; a default fills the events already there, which
the triggers would refuse to update.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "audit_event",
        sa.Column("source_address", sa.String(length=45), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_event",
        sa.Column("user_agent", sa.String(length=300), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # In place as well, keeping the append-only triggers: SQLite drops a column without
    # copying the table from 3.35 (2021; Debian 12 has 3.40). An older SQLite refuses this
    # downgrade with an error and changes nothing.
    op.execute("ALTER TABLE audit_event DROP COLUMN user_agent")
    op.execute("ALTER TABLE audit_event DROP COLUMN source_address")
