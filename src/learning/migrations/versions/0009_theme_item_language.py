"""Themes: each item keeps the language its words were written in ("cy"; "" for English), so
that a quote is marked with it and read in its own voice.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("theme_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=10), nullable=False, server_default="")
        )
    _feedback_languages(op.get_bind())


def _feedback_languages(connection: sa.Connection) -> None:
    """Feedback items already taken in get the language of the submission they came from
    (their reference is "feedback:<submission id>:<question>"); English stays ""."""
    languages: dict[int, str] = dict(connection.execute(sa.text(
        "SELECT id, language FROM feedback_submission WHERE language <> 'en'"
    )).all())
    if not languages:
        return
    items = connection.execute(sa.text(
        "SELECT id, source_ref FROM theme_item WHERE source_ref LIKE 'feedback:%'"
    )).all()
    changes = [
        {"id": item_id, "language": languages[submission]}
        for item_id, ref in items
        if (submission := _submission_of(ref)) in languages
    ]
    if changes:
        connection.execute(
            sa.text("UPDATE theme_item SET language = :language WHERE id = :id"), changes
        )


def _submission_of(ref: str) -> int | None:
    parts = ref.split(":")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None


def downgrade() -> None:
    with op.batch_alter_table("theme_item", schema=None) as batch_op:
        batch_op.drop_column("language")
