"""Records reaching the themes on arrival: a feedback submission once it is stored, a
supervision record once it is signed off (or its supervisee changes what it shares, or it is
amended and so no longer signed off).

``take_in(database, [(kind, record_id), ...])`` asks each record's source what it shares now
(:class:`~learning.themes.sources.RecordShare`: de-identified, held items without text),
encodes the new texts with the current model while no write is open, then in one short
transaction stores each new or changed item and places it in a current theme, and takes out
what the record no longer shares. A record of which nothing is stored yet (every feedback
submission) has its items made and placed while no write is open too, and the transaction
only checks that this is still so and inserts them: on SQLite the transaction is the one
writer, and feedback being sent waits for it. An item stored as it is already is left
alone, so taking a record in twice changes nothing, and the 15-minute intake (the safety net)
adds nothing twice.
While a council's themes are being worked out again its records wait for that intake.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from learning.core.db import Database, table_of
from learning.themes import runs
from learning.themes.intake import Current, arrive, current_model, new_row
from learning.themes.lookups import once, one_look_per_council
from learning.themes.models import ThemeItem
from learning.themes.sources import Arrival, RecordShare, RecordSource, arrival
from learning.themes.text import is_set_aside

log = logging.getLogger(__name__)

FEEDBACK = "feedback"
SUPERVISION = "supervision"

#: kind -> the function ``(db, record_id) -> RecordShare | None``, imported on first use.
RECORD_SOURCES: dict[str, str] = {
    FEEDBACK: "learning.feedback.learning:submission_share",
    SUPERVISION: "learning.supervision.learning:session_share",
}

#: kind -> the function ``(db, record_ids) -> {record_id: RecordShare}`` that reads a whole
#: batch in one go, for the sources that have one; a record it does not return has gone.
BATCH_SOURCES: dict[str, str] = {
    FEEDBACK: "learning.feedback.learning:submission_shares",
}

Encoded = dict[tuple[str, str], tuple[bytes, str]]
BatchSource = Callable[[Session, Sequence[int]], dict[int, RecordShare]]

#: Records stored in one transaction. On SQLite a transaction is the one writer, and feedback
#: being sent waits for it: a big batch is stored some records at a time. New records come
#: planned (``plan_new``), so storing 64 is one insert; 16 at a time cost 3% more CPU under
#: load for the same p99 (measured with benchmarks/feedback_load.py).
STORE_TOGETHER = 64


@dataclass(frozen=True)
class Prepared:
    """One record's items as they arrive, with their vectors when a model is there."""

    council_id: int
    arrivals: tuple[Arrival, ...]
    refs: frozenset[str]
    encoded: Encoded
    #: Its items' rows, made and placed as new ones while no write was open (``plan_new``);
    #: None when something of the record was stored already, or not yet planned.
    new_rows: tuple[dict[str, Any], ...] | None = None
    #: The council's current model and live themes they were placed with.
    placed_with: Current = None


def record_source(kind: str) -> RecordSource:
    module, _, function = RECORD_SOURCES[kind].partition(":")
    found: RecordSource = getattr(importlib.import_module(module), function)
    return found


def batch_source(kind: str) -> BatchSource | None:
    if kind not in BATCH_SOURCES:
        return None
    module, _, function = BATCH_SOURCES[kind].partition(":")
    found: BatchSource = getattr(importlib.import_module(module), function)
    return found


def prepare(db: Session, kind: str, record_id: int) -> Prepared | None:
    share = record_source(kind)(db, record_id)
    return None if share is None else prepared(db, share)


def prepare_batch(db: Session, kind: str, record_ids: Sequence[int]) -> list[Prepared]:
    """The records of one kind, read in one go where the source can; else, or if that
    fails, a record at a time, so that one record that fails holds up no other."""
    read_all = batch_source(kind)
    if read_all is not None:
        try:
            return [prepared(db, share) for share in read_all(db, record_ids).values()]
        except Exception:  # noqa: BLE001 - read them one by one: the failing one is logged
            log.warning("themes: reading %s %s records together failed", len(record_ids), kind)
    found = []
    for record_id in record_ids:
        try:
            one = prepare(db, kind, record_id)
        except Exception:  # noqa: BLE001 - the intake takes it in later; the log has it
            log.exception("themes: could not read %s record %s on arrival", kind, record_id)
            continue
        if one is not None:
            found.append(one)
    return found


def prepared(db: Session, share: RecordShare) -> Prepared:
    arrivals = tuple(arrival(item) for item in share.items)
    refs = share.refs | {a.source_ref for a in arrivals}
    return Prepared(share.council_id, arrivals, refs, encode(db, share.council_id, arrivals))


def encode(db: Session, council_id: int, arrivals: Sequence[Arrival]) -> Encoded:
    """The vectors of the items to place, in the current model's space ({} with no model)."""
    live = [a for a in arrivals if a.text and not is_set_aside(a.text)]
    current = current_model(db, council_id) if live else None
    encoder = current[0].encoder if current is not None else None
    if encoder is None:
        return {}
    space = str(getattr(encoder, "fingerprint", ""))
    return {
        (a.text, a.question): (
            np.asarray(encoder.encode_one(a.text, a.question), np.float32).tobytes(),
            space,
        )
        for a in live
    }


def plan_new(db: Session, batch: Sequence[Prepared]) -> list[Prepared]:
    """``batch``, each record of which nothing is stored yet with its items' rows made and
    placed (``new_rows``), reading only: ``db`` writes nothing."""
    stored_refs = {row.source_ref for row in _stored_rows(db, batch)}
    planned = []
    for one in batch:
        if one.refs & stored_refs:
            planned.append(one)
            continue
        rows = tuple(
            new_row(db, one.council_id, item, one.encoded.get((item.text, item.question)))
            for item in one.arrivals
        )
        placed_with = current_model(db, one.council_id)
        planned.append(replace(one, new_rows=rows, placed_with=placed_with))
    return planned


def _still_new(db: Session, one: Prepared, stored: dict[str, ThemeItem]) -> bool:
    """Whether ``one``'s planned rows can be inserted as they are: nothing of the record is
    stored, and the council's themes are the ones they were placed in."""
    if one.new_rows is None or stored:
        return False
    now, then = current_model(db, one.council_id), one.placed_with
    if now is None or then is None:
        return now is then
    return now[0] is then[0] and now[1] == then[1]


def store(db: Session, batch: Sequence[Prepared]) -> int:
    """Store the records' items, in the caller's transaction; how many were added, changed or
    taken out. What is stored of them already is read in one query per council, what was
    planned as new (``plan_new``) is inserted in one statement if still nothing of its record
    is stored, and what changed is written in one flush, so that a batch costs little more
    than its rows."""
    # While a council's run goes on, the run (or the intake after it) takes its records in;
    # but words to be held (an alert reopened, say) are held at once, whatever is going on:
    # the run then finds the item changed since it began and places it again, held.
    waiting = [
        one for one in batch
        if any(item.held for item in one.arrivals) or not _run_going(db, one.council_id)
    ]  # fmt: skip
    stored = _stored_rows(db, waiting)
    changed, gone = 0, []
    new_rows: list[dict[str, Any]] = []
    for one in waiting:
        rows = {row.key: row for row in stored if row.source_ref in one.refs}
        if _still_new(db, one, rows):
            new_rows += one.new_rows or ()
            continue
        for item in one.arrivals:
            vector = one.encoded.get((item.text, item.question))
            if arrive(db, one.council_id, item, rows.get(item.key), vector) is not None:
                changed += 1
        keys = {item.key for item in one.arrivals}
        gone += [row.id for key, row in rows.items() if key not in keys]
    if new_rows:
        db.connection().execute(insert(table_of(ThemeItem)), new_rows)
    if gone:
        db.execute(delete(ThemeItem).where(col(ThemeItem.id).in_(gone)))
    db.flush()
    return changed + len(new_rows) + len(gone)


def _run_going(db: Session, council_id: int) -> bool:
    return once("active run", council_id, lambda: runs.active_run(db, council_id)) is not None


def _stored_rows(db: Session, batch: Sequence[Prepared]) -> list[ThemeItem]:
    refs: dict[int, set[str]] = {}
    for one in batch:
        refs.setdefault(one.council_id, set()).update(one.refs)
    return [
        row
        for council_id, council_refs in refs.items()
        for row in db.exec(
            select(ThemeItem).where(
                ThemeItem.council_id == council_id,
                col(ThemeItem.source_ref).in_(sorted(council_refs)),
            )
        )
    ]


def take_in(database: Database, records: Sequence[tuple[str, int]]) -> int:
    """Take the records in (see the module's description); how many items changed. A record
    that fails is logged and left to the intake; it never holds up the others."""
    by_kind: dict[str, list[int]] = {}
    for kind, record_id in dict.fromkeys(records):
        by_kind.setdefault(kind, []).append(record_id)
    ready: list[Prepared] = []
    with database.session() as db, one_look_per_council():
        for kind, record_ids in by_kind.items():
            ready += prepare_batch(db, kind, record_ids)
        ready = plan_new(db, ready)
    return sum(
        _store_together(database, ready[start : start + STORE_TOGETHER])
        for start in range(0, len(ready), STORE_TOGETHER)
    )


def _store_together(database: Database, prepared: Sequence[Prepared]) -> int:
    try:
        with database.transaction() as db, one_look_per_council():
            return store(db, prepared)
    except Exception:  # noqa: BLE001 - try each record on its own
        if len(prepared) == 1:
            log.exception("themes: could not store a record's items on arrival")
            return 0
    return sum(_store_alone(database, one) for one in prepared)


def _store_alone(database: Database, prepared: Prepared) -> int:
    try:
        with database.transaction() as db:
            return store(db, [prepared])
    except Exception:  # noqa: BLE001 - the intake takes it in later; the log has it
        log.exception("themes: could not store a record's items on arrival")
        return 0
