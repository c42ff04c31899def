"""Items arriving: stored once (redacted), encoded once, placed in a current theme at once.

``assign_on_arrival(db, item)`` encodes a new item with the latest run's fitted model and
assigns it to the current themes (about a tenth of a millisecond once the model is loaded;
the model is loaded from the database once per run and kept in memory). ``sync_items`` brings
the stored items in line with what the sources share now: new items are received, changed
ones updated, released ones let in, and (on a full sync) withdrawn ones removed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import delete
from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.themes.lookups import once
from learning.themes.model_store import load_model
from learning.themes.models import ThemeItem, ThemeModelRecord, ThemeRecord
from learning.themes.pipeline import ThemeModel
from learning.themes.records import NOT_YET_THEMED, SET_ASIDE
from learning.themes.sources import Arrival, collect
from learning.themes.terms import ItemState
from learning.themes.text import is_set_aside

_cache: dict[int, tuple[tuple[object, ...], ThemeModel]] = {}
_cache_lock = threading.Lock()
Current = tuple[ThemeModel, dict[str, str]] | None


def current_model(db: Session, council_id: int) -> Current:
    """The latest run's model, and where each of its themes lives now (analysts may have
    merged some away since): theme key -> live theme key. Looked up once per council within
    ``lookups.one_look_per_council()`` (a batch of arrivals)."""
    return once("model", council_id, lambda: _current_model(db, council_id))


def _current_model(db: Session, council_id: int) -> Current:
    latest = (
        select(ThemeModelRecord.run_id, ThemeModelRecord.space, ThemeModelRecord.created_at)
        .where(ThemeModelRecord.council_id == council_id)
        .order_by(col(ThemeModelRecord.run_id).desc())
        .limit(1)
    )
    found = db.exec(latest).first()
    if found is None:
        return None
    cached = _cache.get(council_id)
    if cached is None or cached[0] != tuple(found):
        query = select(ThemeModelRecord.data).where(ThemeModelRecord.run_id == found[0])
        cached = (tuple(found), load_model(db.exec(query).one()))
        with _cache_lock:
            _cache[council_id] = cached
    return cached[1], live_keys(db, council_id)


def live_keys(db: Session, council_id: int) -> dict[str, str]:
    """Theme key -> the live theme it is now (itself, or the theme it was merged into)."""
    rows = db.exec(
        select(ThemeRecord.key, ThemeRecord.active, ThemeRecord.merged_into).where(
            ThemeRecord.council_id == council_id
        )
    ).all()
    merged = {key: into for key, _, into in rows if into}
    live = {key for key, active, _ in rows if active}
    out: dict[str, str] = {}
    for key, _, _ in rows:
        seen, at = set(), key
        while at in merged and at not in seen:
            seen.add(at)
            at = merged[at]
        if at in live:
            out[key] = at
    return out


@dataclass(frozen=True)
class Placement:
    """Where an item's words go: its state, its live theme if any, and its vector."""

    state: ItemState
    theme_key: str | None = None
    vector: bytes | None = None
    space: str = ""


def placement(
    db: Session, council_id: int, text: str, question: str, vector: bytes | None, space: str
) -> Placement:
    """Place words in the council's current themes: held without text, set aside without
    content, else the nearest live theme, or not yet themed. ``vector`` and ``space``: as
    encoded already, if so; encoded now with the current model when missing or of another
    space."""
    if not text:
        return Placement(ItemState.HELD)
    if is_set_aside(text):
        return Placement(ItemState.SET_ASIDE, None, vector, space)
    current = current_model(db, council_id)
    encoder = current[0].encoder if current is not None else None
    if current is None or encoder is None:
        return Placement(ItemState.NOT_YET_THEMED, None, vector, space)
    model, live = current
    model_space = str(getattr(encoder, "fingerprint", ""))
    if vector and space == model_space:
        found = np.frombuffer(vector, np.float32)
    else:
        found = encoder.encode_one(text, question)
        vector, space = found.astype(np.float32).tobytes(), model_space
    theme = model.assign_vectors(found[None, :])[0]
    if theme not in (NOT_YET_THEMED, SET_ASIDE) and theme in live:
        return Placement(ItemState.CLUSTERED, live[theme], vector, space)
    return Placement(ItemState.NOT_YET_THEMED, None, vector, space)


def assign_on_arrival(db: Session, item: ThemeItem) -> ThemeItem:
    """Encode ``item`` and place it in a current theme (or not yet themed, set aside, held)."""
    where = placement(db, item.council_id, item.text, item.question, item.vector, item.space)
    item.state, item.theme_key = where.state, where.theme_key
    item.vector, item.space = where.vector, where.space
    item.updated_at = utcnow()
    db.add(item)
    return item


def new_row(
    db: Session, council_id: int, arrival: Arrival, encoded: tuple[bytes, str] | None
) -> dict[str, Any]:
    """The columns of a new item for ``arrival``, placed as ``arrive`` would place it, without
    making a model object (every feedback answer passes here)."""
    vector, space = encoded or (None, "")
    where = placement(db, council_id, arrival.text, arrival.question, vector, space)
    now = utcnow()
    return {
        "council_id": council_id,
        "source": arrival.source,
        "source_ref": arrival.source_ref,
        "team": arrival.team,
        "happened_on": arrival.happened_on,
        "question": arrival.question,
        "text": arrival.text,
        "language": arrival.language,
        "respondent": arrival.respondent,
        "vector": where.vector,
        "space": where.space,
        "theme_key": where.theme_key,
        "state": where.state,
        "arrived_at": now,
        "updated_at": now,
    }


def receive(db: Session, council_id: int, arrival: Arrival, *, assign: bool = True) -> ThemeItem:
    """Store one item a source shares (or update it), and assign it if it is new or changed."""
    row = db.exec(
        select(ThemeItem).where(
            ThemeItem.council_id == council_id,
            ThemeItem.source == arrival.source,
            ThemeItem.source_ref == arrival.source_ref,
        )
    ).first()
    return _update(db, row or _new(council_id, arrival), arrival, assign=assign)


@dataclass(frozen=True)
class SyncCounts:
    received: int = 0
    changed: int = 0
    removed: int = 0


def sync_items(
    db: Session, council_id: int, since: object = None, *, assign: bool = True
) -> SyncCounts:
    """Bring the stored items in line with the sources (items dated ``since`` or later; a
    full sync, ``since=None``, also removes items the sources no longer share)."""
    arrivals = {a.key: a for a in collect(db, council_id, since)}  # type: ignore[arg-type]
    query = select(ThemeItem).where(ThemeItem.council_id == council_id)
    if since is not None:
        query = query.where(col(ThemeItem.happened_on) >= since)
    stored = {row.key: row for row in db.exec(query)}
    received = changed = 0
    for key, arrival in arrivals.items():
        row = stored.get(key)
        if row is None:
            received += 1
            _update(db, _new(council_id, arrival), arrival, assign=assign)
        elif _differs(row, arrival):
            changed += 1
            _update(db, row, arrival, assign=assign)
    gone = [row.id for key, row in stored.items() if key not in arrivals] if since is None else []
    if gone:
        db.execute(delete(ThemeItem).where(col(ThemeItem.id).in_(gone)))
    db.flush()
    return SyncCounts(received, changed, len(gone))


def _new(council_id: int, arrival: Arrival) -> ThemeItem:
    return ThemeItem(
        council_id=council_id,
        source=arrival.source,
        source_ref=arrival.source_ref,
        happened_on=arrival.happened_on,
    )


def _differs(row: ThemeItem, arrival: Arrival) -> bool:
    held = row.state == ItemState.HELD
    return (
        _shown_fields(row) != _arriving_fields(arrival)
        or held != arrival.held
        or row.respondent != arrival.respondent
    )


def _same_words(row: ThemeItem, arrival: Arrival) -> bool:
    """Whether the item is as stored but for who wrote it."""
    return not _shows_otherwise(row, arrival) and (row.state == ItemState.HELD) == arrival.held


def _shows_otherwise(row: ThemeItem, arrival: Arrival) -> bool:
    """Whether the pages would show a stored item differently once it is updated: released
    from being held, or its words, question, team, language or date changed. Being held is
    not: that takes the words out at once, however it shows."""
    if arrival.held:
        return False
    return row.state == ItemState.HELD or _shown_fields(row) != _arriving_fields(arrival)


def _shown_fields(row: ThemeItem) -> tuple[object, ...]:
    """What the pages show of a stored item (its state aside)."""
    return (row.text, row.team, row.question, row.happened_on, row.language)


def _arriving_fields(arrival: Arrival) -> tuple[object, ...]:
    return (arrival.text, arrival.team, arrival.question, arrival.happened_on, arrival.language)


def arrive(
    db: Session,
    council_id: int,
    arrival: Arrival,
    row: ThemeItem | None,
    encoded: tuple[bytes, str] | None = None,
) -> ThemeItem | None:
    """Store one item of a record that arrived (``row``: as stored so far) and place it, if it
    is new or changed; None if it is stored as it is already. ``encoded``: its vector and
    space, if encoded ahead (used while the current model's space is still that one)."""
    if row is not None and not _differs(row, arrival):
        return None
    return _update(db, row or _new(council_id, arrival), arrival, assign=True, encoded=encoded)


def _update(
    db: Session,
    row: ThemeItem,
    arrival: Arrival,
    *,
    assign: bool,
    encoded: tuple[bytes, str] | None = None,
) -> ThemeItem:
    if row.id is not None and row.respondent != arrival.respondent and _same_words(row, arrival):
        # Only who wrote it is new (an item stored before respondents were kept): it stays
        # where it is placed, an analyst's move included.
        row.respondent, row.updated_at = arrival.respondent, utcnow()
        db.add(row)
        return row
    if row.id is not None and _shows_otherwise(row, arrival):
        # Shown as it now is only with the next published run, as a new arrival is
        # (``publication``): a page that changed at once would show where one child's
        # released words went, or one moved answer's team, before any batch.
        row.arrived_at = utcnow()
    if row.text != arrival.text or row.question != arrival.question:
        row.vector, row.space = encoded or (None, "")
    row.text, row.team, row.question = arrival.text, arrival.team, arrival.question
    row.language, row.respondent = arrival.language, arrival.respondent
    row.happened_on = arrival.happened_on
    if assign or arrival.held:
        return assign_on_arrival(db, row)
    row.theme_key = None
    row.state = ItemState.NOT_YET_THEMED
    row.updated_at = utcnow()
    db.add(row)
    return row
