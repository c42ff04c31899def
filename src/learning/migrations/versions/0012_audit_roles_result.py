"""Audit: each event keeps the roles the person acted with and what came of it (succeeded,
refused or failed), as SECURITY.md section 6 lists. Events before this have "" for both:
what they were refused or failed is in their action's name.

Columns are added in place, as in 0011, so the table keeps its append-only triggers.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "audit_event",
        sa.Column("roles", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "audit_event",
        sa.Column("result", sa.String(length=20), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # In place, keeping the append-only triggers (see 0011's downgrade).
    op.execute("ALTER TABLE audit_event DROP COLUMN result")
    op.execute("ALTER TABLE audit_event DROP COLUMN roles")
