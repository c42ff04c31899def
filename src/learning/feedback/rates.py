"""Rate limits in fixed windows, counted in the database (``RateCounter``) so that every worker
and both databases agree.

A client is known only by a keyed hash of its address under the day's key: a random key made
on the UTC day's first use and kept in the database (``DailyKey``), so that every worker
shares it. Counters and keys older than 48 hours are deleted (``purge_counters``,
``purge_keys``); after that no one can tell which address a count was about, not even with
the service's secret.

The per-client limit is generous because a family centre's waiting room shares one address.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import run_on_driver, table_of
from learning.core.security import keyed_hash
from learning.feedback.models import DailyKey, RateCounter


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


#: The keys this process has seen stored, by database and day (so the hot path reads none).
_known: dict[tuple[int, date], str] = {}


def daily_key(db: Session, now: datetime) -> str:
    """The key of ``now``'s UTC day, made if there is none yet."""
    key = _stored_key(db, now, create=True)
    assert key is not None
    return key


def known_daily_key(db: Session, now: datetime) -> str | None:
    """The key of ``now``'s UTC day if there is one: a request that only reads makes none
    (with no key yet, nothing can have been counted under it)."""
    return _stored_key(db, now, create=False)


def _stored_key(db: Session, now: datetime, create: bool) -> str | None:
    day = now.astimezone(UTC).date()
    bind = db.get_bind()
    remembered = (id(getattr(bind, "engine", bind)), day)
    if remembered in _known:
        return _known[remembered]
    table = table_of(DailyKey)
    query = select(table.c.key).where(table.c.day == day)
    found = db.connection().execute(query).scalar()
    if found is not None:  # stored before this transaction: every worker has the same
        for old in [k for k in _known if k[1] < day - timedelta(days=1)]:
            _known.pop(old, None)
        _known[remembered] = str(found)
        return str(found)
    if not create:
        return None
    insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.connection().execute(
        insert(table)
        .values(day=day, key=secrets.token_hex(32), created_at=utcnow())
        .on_conflict_do_nothing(index_elements=[table.c.day])
    )
    # Not remembered until it is seen again: this transaction may yet roll back.
    return str(db.connection().execute(query).scalar_one())


def forget_keys() -> None:
    """Forget the keys this process remembers (they are read again when next needed)."""
    _known.clear()


def client_key(db: Session, client_address: str, now: datetime, what: str = "client") -> str:
    """The client's key for counting ``what`` (sending, unless said)."""
    return keyed_hash(daily_key(db, now), f"{what}:{counted_as(client_address)}")


@lru_cache(maxsize=4096)
def counted_as(client_address: str) -> str:
    """What a client's limits are counted under: an IPv4 address as it is, and an IPv6
    address by its /64 network. One home or phone is given a whole /64, so counting each of
    its addresses apart would give whoever holds it 2**64 budgets of guesses. An IPv4 address
    written as IPv6 counts as the IPv4 address; anything else as written."""
    try:
        address = ipaddress.ip_address(client_address)
    except ValueError:
        return client_address
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


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
    table = table_of(RateCounter)
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


def purge_keys(db: Session, now: datetime | None = None) -> int:
    """Delete the keys of the days before yesterday (UTC): none is kept 48 hours."""
    yesterday = (now or utcnow()).astimezone(UTC).date() - timedelta(days=1)
    table = table_of(DailyKey)
    return db.connection().execute(delete(table).where(table.c.day < yesterday)).rowcount


def purge_counters(db: Session, now: datetime | None = None) -> int:
    """Delete counters whose window started more than 48 hours ago."""
    cutoff = (now or utcnow()) - COUNTER_KEEP
    table = table_of(RateCounter)
    return db.connection().execute(delete(table).where(table.c.window_start < cutoff)).rowcount
