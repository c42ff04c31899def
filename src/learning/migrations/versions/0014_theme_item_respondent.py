"""Themes: each item's respondent (``theme_item.respondent``), so that small groups are
counted in people, not in items. A feedback answer's respondent is its submission
(``feedback:<submission id>``, already part of the item's reference); a supervision learning
point's is its supervisee (``person:<person id>``, never a name). Existing rows are filled
where that can be worked out; the others are filled when their source next shares them
(the nightly full sync), and are counted together (one respondent per source) until then.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import re

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_FEEDBACK = re.compile(r"^feedback:(\d+):")
_CASE = re.compile(r"^supervision:case:(\d+)$")
_SESSION = re.compile(r"^supervision:.+:(\d+)$")


def upgrade() -> None:
    with op.batch_alter_table("theme_item") as table:
        table.add_column(
            sa.Column(
                "respondent", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True
            )
        )
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, source, source_ref FROM theme_item")).all()
    cases: dict[int, int] = dict(
        bind.execute(
            sa.text(
                "SELECT c.id, s.supervisee_id FROM case_discussion c "
                "JOIN supervision_session s ON s.id = c.session_id"
            )
        ).all()
    )
    sessions: dict[int, int] = dict(
        bind.execute(sa.text("SELECT id, supervisee_id FROM supervision_session")).all()
    )
    found = []
    for item_id, source, ref in rows:
        respondent = None
        if match := _FEEDBACK.match(ref):
            respondent = f"feedback:{match.group(1)}"
        elif match := _CASE.match(ref):
            person = cases.get(int(match.group(1)))
            respondent = f"person:{person}" if person is not None else None
        elif match := _SESSION.match(ref):
            person = sessions.get(int(match.group(1)))
            respondent = f"person:{person}" if person is not None else None
        elif not ref.startswith("supervision:"):
            respondent = f"item:{source}:{ref}"[:80]
        if respondent is not None:
            found.append({"id": item_id, "respondent": respondent})
    if found:
        bind.execute(
            sa.text("UPDATE theme_item SET respondent = :respondent WHERE id = :id"), found
        )


def downgrade() -> None:
    with op.batch_alter_table("theme_item") as table:
        table.drop_column("respondent")
