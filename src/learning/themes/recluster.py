"""Re-clustering a council's items: the background job behind the nightly run, the button on
the themes page and ``learning themes recluster``.

1. Sync: the sources' items now (new ones in, released ones let in, withdrawn ones out).
2. Snapshot, then compute with no database open: stored vectors are reused while the encoder
   that made them still fits the corpus (it is fitted again once the items have grown by
   more than a quarter, or a source it has not seen arrives); previous themes keep their
   ids; the latest codebook seeds the run.
3. Save in one transaction (see :mod:`learning.themes.run_results`).

Never run inside a request: it takes seconds to minutes. See :mod:`learning.themes.jobs`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from learning.core.db import Database
from learning.themes import runs
from learning.themes.intake import sync_items
from learning.themes.models import ThemeRunRecord
from learning.themes.pipeline import ThemeRun, run_themes
from learning.themes.run_results import save_outcome
from learning.themes.snapshot import Snapshot, take_snapshot
from learning.themes.stored_vectors import StoredVectors
from learning.themes.terms import RunStatus, RunTrigger
from learning.themes.vectorise import Encoder

log = logging.getLogger(__name__)

#: The encoder is fitted again when the items have grown by more than this factor since it
#: was fitted, or when text from a source it has not seen arrives.
REFIT_GROWTH = 1.25
RANDOM_STATE = 0


@dataclass(frozen=True)
class Outcome:
    run: ThemeRun
    encoder: Encoder | None  # the fitted encoder (not the stored-vector wrapper)
    refit: bool
    fitted_items: int
    fitted_sources: frozenset[str]
    reused_vectors: int


def compute(snapshot: Snapshot) -> Outcome:
    items = [stored.as_item() for stored in snapshot.items]
    live = [s for s in snapshot.items if not s.held and s.text]
    model = snapshot.model
    base = model.encoder if model is not None else None
    sources = frozenset(s.source for s in live)
    reuse = (
        base is not None
        and snapshot.fitted_items * REFIT_GROWTH >= len(live)
        and sources <= snapshot.fitted_sources
    )
    encoder: Encoder | StoredVectors | None = None
    if reuse and base is not None:
        vectors = {
            (s.text, s.question): np.frombuffer(s.vector, np.float32)
            for s in live
            if s.vector is not None and s.space == base.fingerprint
        }
        encoder = StoredVectors(base, vectors)
    run = run_themes(
        items,
        previous=snapshot.previous,
        codebook=snapshot.codebook,
        encoder=encoder,
        random_state=RANDOM_STATE,
    )
    fitted = run.model.encoder
    if isinstance(fitted, StoredVectors):
        fitted = fitted.encoder
        run = replace(run, model=replace(run.model, encoder=fitted))
    return Outcome(
        run=run,
        encoder=fitted,
        refit=not reuse,
        fitted_items=snapshot.fitted_items if reuse else len(live),
        fitted_sources=snapshot.fitted_sources if reuse else sources,
        reused_vectors=encoder.reused if isinstance(encoder, StoredVectors) else 0,
    )


def recluster(
    database: Database,
    council_id: int,
    *,
    trigger: RunTrigger = RunTrigger.COMMAND,
    requested_by_id: int | None = None,
    run_id: int | None = None,
) -> ThemeRunRecord | None:
    """Run (or, with ``run_id``, carry out a queued run) for the council. Returns the run as
    it ended, or None when another run was already going."""
    if run_id is None:
        with database.transaction() as db:
            run_id = runs.queue_run(db, council_id, trigger, requested_by_id).id
    assert run_id is not None
    if not runs.claim(database, run_id):
        return _read(database, run_id)
    try:
        with database.transaction() as db:
            sync_items(db, council_id, None, assign=False)
        with database.session() as db:
            snapshot = take_snapshot(db, council_id)
        outcome = compute(snapshot)
        with database.transaction() as db:
            save_outcome(db, run_id, snapshot, outcome)
    except Exception as problem:
        log.exception("theme run %s for council %s failed", run_id, council_id)
        with database.transaction() as db:
            run = db.get(ThemeRunRecord, run_id)
            if run is not None:
                runs.end(db, run, RunStatus.FAILED, f"{type(problem).__name__}; see the log.")
        raise
    return _read(database, run_id)


def _read(database: Database, run_id: int) -> ThemeRunRecord | None:
    with database.session() as db:
        return db.get(ThemeRunRecord, run_id)
