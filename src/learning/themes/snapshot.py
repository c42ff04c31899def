"""What a theme run reads, taken in one go: the council's items, its themes so far, the
latest codebook and the latest fitted model. Then the run computes with no database open."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.themes.codebook import Codebook
from learning.themes.model_store import load_model
from learning.themes.models import (
    CodebookVersion,
    ThemeItem,
    ThemeModelRecord,
    ThemeRecord,
    ThemeRunRecord,
)
from learning.themes.pipeline import ThemeModel
from learning.themes.records import Item, Theme
from learning.themes.terms import ItemState


@dataclass(frozen=True)
class StoredItem:
    id: int
    key: str
    text: str
    question: str
    source: str
    team: str
    happened_on: date
    held: bool
    vector: bytes | None
    space: str
    updated_at: datetime

    def as_item(self) -> Item:
        return Item(
            id=self.key,
            text=self.text,
            source=self.source,
            team=self.team,
            date=self.happened_on,
            question=self.question,
            held_back=self.held,
        )


@dataclass(frozen=True)
class Snapshot:
    council_id: int
    taken_at: datetime
    items: list[StoredItem]
    previous: list[Theme]  # every theme the council has had (not merged away)
    known_keys: frozenset[str]
    codebook: Codebook | None
    model: ThemeModel | None
    fitted_items: int
    fitted_sources: frozenset[str]  # the sources the model's encoder was fitted on


def take_snapshot(db: Session, council_id: int) -> Snapshot:
    taken_at = utcnow()
    rows = db.exec(
        select(ThemeItem).where(ThemeItem.council_id == council_id).order_by(col(ThemeItem.id))
    ).all()
    items = [
        StoredItem(
            r.id or 0,
            r.key,
            r.text,
            r.question,
            r.source,
            r.team,
            r.happened_on,
            r.state == ItemState.HELD,
            r.vector,
            r.space,
            r.updated_at,
        )
        for r in rows
    ]
    themes = db.exec(
        select(ThemeRecord)
        .where(ThemeRecord.council_id == council_id)
        .order_by(col(ThemeRecord.id))  # the previous run's centroids seed k-means in this order
    ).all()
    model_row = db.exec(
        select(ThemeModelRecord)
        .where(ThemeModelRecord.council_id == council_id)
        .order_by(col(ThemeModelRecord.run_id).desc())
        .limit(1)
    ).first()
    return Snapshot(
        council_id=council_id,
        taken_at=taken_at,
        items=items,
        previous=[as_theme(t) for t in themes if not t.merged_into],
        known_keys=frozenset(t.key for t in themes),
        codebook=latest_codebook(db, council_id),
        model=load_model(model_row.data) if model_row else None,
        fitted_items=model_row.fitted_items if model_row else 0,
        fitted_sources=_fitted_sources(db, model_row.run_id) if model_row else frozenset(),
    )


def _fitted_sources(db: Session, run_id: int) -> frozenset[str]:
    run = db.get(ThemeRunRecord, run_id)
    found = json.loads(run.parameters or "{}").get("fitted_sources", []) if run else []
    return frozenset(str(s) for s in found)


def latest_codebook(db: Session, council_id: int) -> Codebook | None:
    row = db.exec(
        select(CodebookVersion)
        .where(CodebookVersion.council_id == council_id)
        .order_by(col(CodebookVersion.version).desc())
        .limit(1)
    ).first()
    return Codebook.from_dict(json.loads(row.content)) if row else None


def as_theme(row: ThemeRecord) -> Theme:
    centroid = np.frombuffer(row.centroid, np.float32) if row.centroid else np.zeros(0, np.float32)
    return Theme(
        id=row.key,
        label=row.label,
        terms=tuple(json.loads(row.terms or "[]")),
        representative_ids=(),
        size=row.size,
        centroid=centroid,
        profile={str(k): float(v) for k, v in json.loads(row.profile or "{}").items()},
        space=row.space,
        curated=row.curated,
        hidden=row.hidden,
    )
