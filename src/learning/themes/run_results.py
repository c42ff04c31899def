"""Saving a theme run, in one transaction: items' themes and new vectors, the themes (ids
kept), each theme's figures, the fitted model (only the latest is kept) and the run's counts.

Items that arrived or changed while the run computed are not overwritten with the snapshot's
view of them: they are placed again, on arrival, with the new model.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.themes import runs
from learning.themes.intake import assign_on_arrival
from learning.themes.model_store import dump_model
from learning.themes.models import ThemeItem, ThemeModelRecord, ThemeRecord, ThemeRunRecord
from learning.themes.records import HELD_BACK, NOT_YET_THEMED, SET_ASIDE, Theme
from learning.themes.snapshot import Snapshot
from learning.themes.stats import refresh_stats
from learning.themes.terms import ItemState, RunStatus

if TYPE_CHECKING:
    from learning.themes.recluster import Outcome

PROFILE_TERMS = 40
_STATES = {
    NOT_YET_THEMED: ItemState.NOT_YET_THEMED,
    SET_ASIDE: ItemState.SET_ASIDE,
    HELD_BACK: ItemState.HELD,
}


def save_outcome(db: Session, run_id: int, snapshot: Snapshot, outcome: Outcome) -> None:
    council_id = snapshot.council_id
    space = str(getattr(outcome.encoder, "fingerprint", ""))
    late = _save_items(db, snapshot, outcome, space)
    new_keys = _save_themes(db, council_id, run_id, outcome.run.themes, snapshot.known_keys)
    db.execute(delete(ThemeModelRecord).where(col(ThemeModelRecord.council_id) == council_id))
    data = dump_model(outcome.run.model)
    db.add(
        ThemeModelRecord(
            run_id=run_id,
            council_id=council_id,
            space=space,
            fitted_items=outcome.fitted_items,
            data=data,
        )
    )
    db.flush()
    for row in late:
        assign_on_arrival(db, row)
    refresh_stats(db, council_id)
    _finish(db, run_id, snapshot, outcome, len(new_keys))


def _save_items(db: Session, snapshot: Snapshot, outcome: Outcome, space: str) -> list[ThemeItem]:
    """Write each unchanged item's place; return the items that arrived or changed since."""
    seen = {s.id: s for s in snapshot.items}
    now = db.exec(
        select(ThemeItem.id, ThemeItem.updated_at).where(
            ThemeItem.council_id == snapshot.council_id
        )
    ).all()
    late_ids = {i for i, updated in now if i not in seen or seen[i].updated_at != updated}
    vectors = dict(zip(outcome.run.vector_ids, outcome.run.vectors, strict=True))
    changes: list[dict[str, Any]] = []
    for stored in snapshot.items:
        if stored.id in late_ids:
            continue
        placed = outcome.run.assignments.get(stored.key, NOT_YET_THEMED)
        change: dict[str, Any] = {
            "id": stored.id,
            "theme_key": None,
            "updated_at": utcnow(),
            "state": _STATES.get(placed, ItemState.CLUSTERED),
        }
        if placed not in _STATES:
            change["theme_key"] = placed
        vector = vectors.get(stored.key)
        if vector is not None and (stored.space != space or stored.vector is None):
            change["vector"], change["space"] = np.asarray(vector, np.float32).tobytes(), space
        changes.append(change)
    for start in range(0, len(changes), 2000):
        batch = changes[start : start + 2000]
        for keys in {tuple(sorted(c)) for c in batch}:
            db.execute(update(ThemeItem), [c for c in batch if tuple(sorted(c)) == keys])
    if not late_ids:
        return []
    return list(db.exec(select(ThemeItem).where(col(ThemeItem.id).in_(late_ids))))


def _save_themes(
    db: Session, council_id: int, run_id: int, themes: tuple[Theme, ...], known: frozenset[str]
) -> set[str]:
    query = select(ThemeRecord).where(ThemeRecord.council_id == council_id)
    rows = {t.key: t for t in db.exec(query)}
    for row in rows.values():
        row.active = False
    for theme in themes:
        row = rows.get(theme.id) or ThemeRecord(
            council_id=council_id, key=theme.id, label=theme.label, first_run_id=run_id
        )
        row.label, row.hidden, row.curated = theme.label, theme.hidden, theme.curated
        row.active, row.merged_into = True, None
        row.terms = json.dumps(list(theme.terms))
        row.quotes = json.dumps(list(theme.representative_ids))
        row.centroid = np.asarray(theme.centroid, np.float32).tobytes()
        top = sorted(theme.profile.items(), key=lambda kv: -kv[1])[:PROFILE_TERMS]
        row.profile = json.dumps({term: round(float(w), 6) for term, w in top})
        row.space, row.last_run_id, row.updated_at = theme.space, run_id, utcnow()
        rows[theme.id] = row
    for row in rows.values():
        db.add(row)
    db.flush()
    return {t.id for t in themes} - known


def _finish(db: Session, run_id: int, snapshot: Snapshot, outcome: Outcome, new: int) -> None:
    run = db.get(ThemeRunRecord, run_id)
    assert run is not None
    counts = outcome.run.counts()
    run.items = len(snapshot.items)
    run.held = counts.get(HELD_BACK, 0)
    run.set_aside = counts.get(SET_ASIDE, 0)
    run.not_yet_themed = counts.get(NOT_YET_THEMED, 0)
    run.clustered = run.items - run.held - run.set_aside - run.not_yet_themed
    run.themes, run.new_themes = len(outcome.run.themes), new
    choice = outcome.run.k_choice
    run.parameters = json.dumps(
        {
            "encoder": str(getattr(outcome.encoder, "name", "")),
            "refit": outcome.refit,
            "fitted_items": outcome.fitted_items,
            "fitted_sources": sorted(outcome.fitted_sources),
            "reused_vectors": outcome.reused_vectors,
            "codebook_version": snapshot.codebook.version if snapshot.codebook else 0,
            "new_themes_k": choice.k if choice else None,
            "k_stability": {str(k): round(v, 3) for k, v in choice.scores.items()}
            if choice
            else {},
        },
        sort_keys=True,
    )
    runs.end(db, run, RunStatus.FINISHED)
