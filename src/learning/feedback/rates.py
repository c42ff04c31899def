"""Rate limits in fixed windows, counted in the database (``RateCounter``) so that every worker
and both databases agree.

A client is known only by a keyed hash of its address under a key derived from the secret
and the UTC date: the key changes every day, and yesterday's hashes cannot be recomputed
from what is stored. Counters older than 48 hours are deleted (``purge_counters``).

The per-client limit is generous because a family centre's waiting room shares one address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import run_on_driver
from learning.core.security import keyed_hash
from learning.feedback.models import RateCounter


@dataclass(frozen=True)
class Limit:
    name: str
    allowed: int
    window: timedelta


CLIENT_WINDOW = timedelta(minutes=10)
LINK_WINDOW = timedelta(hours=1)
COUNTER_KEEP = timedelta(hours=48)


def client_limit(settings: Settings) -> Limit:
    """Submissions one address may send in ten minutes (``LEARNING_FEEDBACK_CLIENT_LIMIT``)."""
    return Limit("client", settings.feedback_client_limit, CLIENT_WINDOW)


def link_limit(settings: Settings) -> Limit:
    """Submissions one link may take in an hour (``LEARNING_FEEDBACK_LINK_LIMIT``)."""
    return Limit("link", settings.feedback_link_limit, LINK_WINDOW)


def daily_key(settings: Settings, now: datetime) -> str:
    day = now.astimezone(UTC).date().isoformat()
    return keyed_hash(settings.effective_secret, f"feedback-rate-key:{day}")


def client_key(settings: Settings, client_address: str, now: datetime) -> str:
    return keyed_hash(daily_key(settings, now), f"client:{client_address}")


def link_key(link_id: int) -> str:
    return f"link:{link_id}"


def window_start(now: datetime, window: timedelta) -> datetime:
    """The start of the fixed window holding ``now`` (windows are aligned to the epoch)."""
    seconds = int(window.total_seconds())
    stamp = int(now.astimezone(UTC).timestamp())
    return datetime.fromtimestamp(stamp - stamp % seconds, UTC)


def hit(db: Session, key: str, limit: Limit, now: datetime | None = None) -> bool:
    """Count one more use under ``key``; True while within the limit, False once over it."""
    return count_up(db, key, window_start(now or utcnow(), limit.window)) <= limit.allowed


def count_up(db: Session, key: str, start: datetime) -> int:
    """INSERT ... ON CONFLICT DO UPDATE count = count + 1, returning the new count: one
    atomic statement, so racing requests never lose a count."""
    statement = _count_up_statement(db.get_bind().dialect.name)
    return int(run_on_driver(db, statement, {"key": key, "start": start}).rows[0][0])


@cache
def _count_up_statement(dialect: str) -> Executable:
    """Built once per database dialect: every submission counts twice."""
    table = RateCounter.__table__  # type: ignore[attr-defined]
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(
        key=bindparam("key", type_=table.c.key.type),
        window_start=bindparam("start", type_=table.c.window_start.type),
        count=1,
    )
    return statement.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start],
        set_={"count": table.c.count + 1},
    ).returning(table.c.count)


def current_count(db: Session, key: str, limit: Limit, now: datetime | None = None) -> int:
    table = RateCounter.__table__  # type: ignore[attr-defined]
    start = window_start(now or utcnow(), limit.window)
    row = (
        db.connection()
        .execute(table.select().where(table.c.key == key, table.c.window_start == start))
        .first()
    )
    return int(row._mapping["count"]) if row is not None else 0


def purge_counters(db: Session, now: datetime | None = None) -> int:
    """Delete counters whose window started more than 48 hours ago."""
    cutoff = (now or utcnow()) - COUNTER_KEEP
    table = RateCounter.__table__  # type: ignore[attr-defined]
    return db.connection().execute(delete(table).where(table.c.window_start < cutoff)).rowcount
