"""The audit log's hash chain: sealing events as they come, and checking the chain.

Triggers keep the audit log append-only, but someone with the database's owner rights can
drop them. So every event is also sealed: its ``AuditSeal`` holds a keyed hash (HMAC-SHA256
with a key made from the service's secret, which lives in the service's settings and not in
the database) of the seal before it and of every field of the event. Changing an event,
removing one, or re-ordering the chain then shows in ``verify``; forging the chain again
needs the secret. What the secret cannot show is a chain cut back and sealed again (the
newest seals removed, their events changed, and sealed afresh): for that ``learning audit
verify`` prints the chain's head for the council's security monitoring to keep (SECURITY.md
section 6: "copied to a separate store"), and ``verify --expect POSITION:DIGEST`` checks
that heads kept before are still in the chain, unchanged.

Events are sealed by the web service every minute (``running``), and by ``learning audit
seal``. Sealing takes the events not sealed yet, oldest first, a batch at a time, in a
transaction of its own; two sealers at once cannot both extend the chain (``previous`` is
unique), so the later one fails and its events are sealed at the next turn. A chain sealed
with another key (the secret changed, or a command run with the wrong one) is not extended
(``OtherKey``) until ``learning audit seal --new-key`` says the key changed on purpose.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import exists, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent, AuditSeal
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database

log = logging.getLogger(__name__)

GENESIS = "0" * 64  # what the first seal follows
BATCH = 500
EVERY = timedelta(minutes=1)
#: Events are sealed in the order of their ids, from a little before the newest sealed one:
#: on PostgreSQL an event can be committed after one with a higher id (its transaction was
#: longer), and such an event is still found. An event further behind than this is not
#: sealed, and ``verify`` names it.
LOOK_BACK_IDS = 10_000
#: How old an unsealed event must be for ``verify`` to name it (newer ones wait their turn).
SEALED_WITHIN = timedelta(minutes=10)


def chain_key(settings: Settings) -> bytes:
    """The key the chain is hashed with: made from the service's secret, for this use only."""
    secret = settings.effective_secret.encode()
    return hmac.new(secret, b"learning audit seal", hashlib.sha256).digest()


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def canonical(event: AuditEvent) -> bytes:
    """Every field of the event, in a fixed order and form."""
    occurred = event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds")
    fields = [
        event.id, occurred, event.council_id, event.actor_id, event.actor_label,
        event.action, event.record_type, event.record_id, event.request_id,
        event.source_address, event.user_agent, event.roles, event.result, event.detail,
    ]  # fmt: skip
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def digest_of(key: bytes, previous: str, event: AuditEvent) -> str:
    return hmac.new(key, previous.encode() + b"\n" + canonical(event), hashlib.sha256).hexdigest()


# Sealing ----------------------------------------------------------------------------------


class OtherKey(Exception):
    """The chain's newest seal was made with another key than this service's."""


def head(db: Session) -> AuditSeal | None:
    """The newest seal, or None before the first."""
    return db.exec(select(AuditSeal).order_by(col(AuditSeal.position).desc()).limit(1)).first()


def unsealed(db: Session, after_id: int, limit: int) -> Sequence[AuditEvent]:
    """Events with no seal and an id above ``after_id``, oldest first."""
    sealed = exists().where(col(AuditSeal.event_id) == col(AuditEvent.id))
    query = (
        select(AuditEvent)
        .where(col(AuditEvent.id) > after_id, ~sealed)
        .order_by(col(AuditEvent.id))
        .limit(limit)
    )
    return db.exec(query).all()


def seal(
    db: Session,
    settings: Settings,
    batch: int = BATCH,
    now: datetime | None = None,
    *,
    every_event: bool = False,
    new_key: bool = False,
) -> int:
    """Seal up to ``batch`` events not sealed yet, in the caller's transaction; how many.
    Only events from LOOK_BACK_IDS before the newest sealed one, unless ``every_event``.
    Raises OtherKey when the chain was sealed with another key, unless ``new_key``."""
    key = chain_key(settings)
    last = head(db)
    if last is not None and last.key_id != key_id(key) and not new_key:
        raise OtherKey(f"seal {last.position} was made with another key")
    previous = last.digest if last else GENESIS
    newest = 0 if every_event else db.exec(select(func.max(AuditSeal.event_id))).one() or 0
    events = unsealed(db, max(newest - LOOK_BACK_IDS, 0), batch)
    when = now or utcnow()
    for event in events:
        assert event.id is not None
        digest = digest_of(key, previous, event)
        db.add(AuditSeal(event_id=event.id, previous=previous, digest=digest,
                         key_id=key_id(key), sealed_at=when))  # fmt: skip
        previous = digest
    db.flush()
    return len(events)


def seal_all(
    database: Database, settings: Settings, *, every_event: bool = False, new_key: bool = False
) -> int:
    """Seal every event not sealed yet, a batch to a transaction; how many."""
    total = 0
    while True:
        with database.transaction() as db:
            done = seal(db, settings, every_event=every_event, new_key=new_key and not total)
        total += done
        if done < BATCH:
            return total


def seal_safely(database: Database, settings: Settings) -> int:
    """``seal_all`` that never raises: a failure (another sealer was first) is logged, and the
    next turn seals what is left."""
    try:
        return seal_all(database, settings)
    except IntegrityError:
        log.info("Audit sealing: another sealer extended the chain first; sealing next turn")
    except OtherKey:
        log.error(
            "Audit sealing stopped: the chain was sealed with another key. If the secret "
            "changed on purpose, run 'learning audit seal --new-key'."
        )
    except Exception:
        log.exception("Audit sealing failed; trying again next turn")
    return 0


async def run_until(
    stop: asyncio.Event, database: Database, settings: Settings, every: timedelta = EVERY
) -> None:
    while not stop.is_set():
        await asyncio.to_thread(seal_safely, database, settings)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every.total_seconds())


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[None]:
    """For the web service's lifespan: seals every minute alongside it (not on a database
    bound to one connection, the tests', whose tests seal by hand)."""
    database: Database = app.state.db
    if database.connection is not None:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_until(stop, database, app.state.settings), name="audit-sealing"
    )
    try:
        yield
    finally:
        stop.set()
        await task


# Checking ---------------------------------------------------------------------------------


@dataclass
class Verified:
    """What ``verify`` found: how many seals it checked, the chain's head, and every problem."""

    checked: int = 0
    head_position: int = 0
    head_digest: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def _seals_with_events(db: Session, batch: int) -> Iterator[tuple[AuditSeal, AuditEvent | None]]:
    after = 0
    while True:
        query = (
            select(AuditSeal, AuditEvent)
            .join(AuditEvent, col(AuditEvent.id) == AuditSeal.event_id, isouter=True)
            .where(col(AuditSeal.position) > after)
            .order_by(col(AuditSeal.position))
            .limit(batch)
        )
        rows = db.exec(query).all()
        if not rows:
            return
        yield from rows
        after = rows[-1][0].position or 0


def verify(
    db: Session,
    settings: Settings,
    now: datetime | None = None,
    batch: int = 1000,
    expected: Mapping[int, str] | None = None,
) -> Verified:
    """Walk the chain from its start: each seal must follow the one before, and its event
    must still hash to its digest. ``expected``: heads kept before (position to digest),
    each of which must still be in the chain. Also names events older than SEALED_WITHIN
    not sealed."""
    key = chain_key(settings)
    ours = key_id(key)
    found = Verified()
    previous = GENESIS
    kept = dict(expected or {})
    for seal_row, event in _seals_with_events(db, batch):
        found.checked += 1
        if seal_row.position in kept and kept.pop(seal_row.position) != seal_row.digest:
            found.problems.append(
                f"seal {seal_row.position}: not the seal kept as the head then (the chain was "
                "cut back and sealed again)"
            )
        where = f"seal {seal_row.position} (event {seal_row.event_id})"
        if seal_row.previous != previous:
            found.problems.append(f"{where}: does not follow the seal before it")
        if event is None:
            found.problems.append(f"{where}: its event has been removed")
        elif seal_row.key_id != ours:
            found.problems.append(f"{where}: sealed with another key (was the secret changed?)")
        elif not hmac.compare_digest(digest_of(key, seal_row.previous, event), seal_row.digest):
            found.problems.append(f"{where}: the event has been changed since it was sealed")
        previous = seal_row.digest
        found.head_position, found.head_digest = seal_row.position or 0, seal_row.digest
    found.problems += [
        f"seal {position}: kept as the head then, but no longer in the chain" for position in kept
    ]
    if db.exec(select(func.count()).select_from(AuditEvent)).one() == found.checked:
        return found  # every event has its seal: no need to look for the ones without
    cutoff = (now or utcnow()) - SEALED_WITHIN
    sealed = exists().where(col(AuditSeal.event_id) == col(AuditEvent.id))
    late = db.exec(
        select(AuditEvent.id).where(~sealed, col(AuditEvent.occurred_at) < cutoff)
        .order_by(col(AuditEvent.id)).limit(20)
    ).all()  # fmt: skip
    found.problems += [
        f"event {event_id}: not sealed (run 'learning audit seal')" for event_id in late
    ]
    return found
