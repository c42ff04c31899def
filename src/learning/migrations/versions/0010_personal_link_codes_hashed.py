"""Feedback: a personal link's short code is kept only as a keyed hash, as receipt codes are.

A personal link (single use, sent to one family) is opened by its short code as surely as
by its address, so a code kept in clear let anyone who can read the database or a backup
give feedback in that family's name, or use the link up. ``feedback_link.short_code`` is
widened to 64 characters, and the code of every personal link already made is replaced by
HMAC-SHA256(secret, "feedback-link-code:" + code) in hex, as
``learning.feedback.links.short_code_hash`` makes and looks up: each keeps working as typed.
Poster and time-limited links' codes are public (printed on posters, shown on the link's
page) and stay as they are.

The secret is read as the service reads it, ``Settings().effective_secret`` (from
``LEARNING_SECRET_KEY``; in demo mode, with no real key, the fixed demo secret, so a demo
database migrated now opens its codes later too). The migration runs with the service's own
environment (``learning migrate``, ``learning demo``), so the hashes it writes are the ones
the service looks up; a secret kept in the database or passed to the migration some other
way could differ from the service's and silently break every code. Outside demo mode, with
personal links to hash, a missing or placeholder secret is refused (the service would not
start with it either), as codes hashed with it would stop working once the real secret is
set. Hashing cannot be undone: a personal link's code hashed with the wrong secret no longer
opens the link (its address still does).

On SQLite the column is widened by rebuilding the table, as batch mode would; but batch mode
drops the old table before renaming the new one into its place, which feedback already sent
on a link (``feedback_submission.link_id``, ``feedback_draft.link_id``) forbids while foreign
keys are enforced, and ``PRAGMA foreign_keys`` cannot be switched off inside the migration's
transaction. So the rows are copied aside, the table is dropped with that check deferred to
the end of the transaction, then made again and filled again under its own name, which
satisfies the check before the transaction ends (``PRAGMA foreign_key_check`` stays clean).

Downgrading cannot give the codes back: each personal link gets a placeholder that no typed
code can match ("-" and its id), so the link opens only by its address, and nobody, reading
the database or not, can open it by a code.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from learning.core.config import MIN_SECRET_LENGTH, PLACEHOLDER_SECRETS, Settings

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

WIDE, NARROW = 64, 12
CODE_PREFIX = "feedback-link-code:"


def upgrade() -> None:
    connection = op.get_bind()
    _resize(connection, NARROW, WIDE)
    _hash_personal_codes(connection)


def _hash_personal_codes(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text("SELECT id, short_code FROM feedback_link WHERE kind = 'personal'")
    ).all()
    if not rows:
        return
    secret = _service_secret()
    connection.execute(
        sa.text("UPDATE feedback_link SET short_code = :code WHERE id = :id"),
        [{"id": link_id, "code": _hashed(secret, code)} for link_id, code in rows],
    )


def _service_secret() -> str:
    """The secret the service hashes codes with; refused where the service would refuse it."""
    secret = Settings().effective_secret
    if secret.strip().lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
        raise RuntimeError(
            "Personal feedback links' short codes are now kept hashed with the service's "
            "secret, and LEARNING_SECRET_KEY is missing or a placeholder: run the migration "
            "with the service's own settings."
        )
    return secret


def _hashed(secret: str, code: str) -> str:
    """As ``learning.feedback.links.short_code_hash`` makes it (a stored code is normalised)."""
    value = f"{CODE_PREFIX}{code}".encode()
    return hmac.new(secret.encode(), value, hashlib.sha256).hexdigest()


def _resize(connection: sa.Connection, was: int, width: int) -> None:
    """The short code column ``width`` characters wide instead of ``was``."""
    if connection.dialect.name == "sqlite":
        _rebuild_on_sqlite(connection, width)
        return
    with op.batch_alter_table("feedback_link", schema=None) as batch_op:
        batch_op.alter_column(
            "short_code",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=was),
            type_=sqlmodel.sql.sqltypes.AutoString(length=width),
            existing_nullable=False,
        )


def _rebuild_on_sqlite(connection: sa.Connection, width: int) -> None:
    """The table made again as it is but for the column's width (see the docstring above)."""
    table = sa.Table("feedback_link", sa.MetaData(), autoload_with=connection)
    aside = sa.Table(
        "_feedback_link_aside",
        sa.MetaData(),
        *(sa.Column(column.name, column.type) for column in table.columns),
        prefixes=["TEMPORARY"],
    )
    names = [column.name for column in table.columns]
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    aside.create(connection)
    connection.execute(aside.insert().from_select(names, sa.select(*table.columns)))
    table.drop(connection)
    table.c.short_code.type = sqlmodel.sql.sqltypes.AutoString(length=width)
    table.create(connection)
    connection.execute(table.insert().from_select(names, sa.select(*aside.columns)))
    aside.drop(connection)
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = OFF")


def downgrade() -> None:
    connection = op.get_bind()
    connection.execute(
        sa.text(
            "UPDATE feedback_link SET short_code = '-' || CAST(id AS VARCHAR(11)) "
            "WHERE kind = 'personal'"
        )
    )
    _resize(connection, WIDE, NARROW)
