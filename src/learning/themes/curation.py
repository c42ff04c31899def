"""Analysts' edits: rename, merge, split, hide and show a theme, move an item. Each edit is a
new codebook version (which the next run follows) and shows on the themes pages at once.

The first edit starts the codebook from the themes as they are (version 1, every theme and
its items); themes found by later runs join it (``adopt``) before the next edit is made. The
codebook keeps item keys and labels only, never text.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.themes.codebook import Codebook, CodebookTheme, Edit
from learning.themes.models import CodebookVersion, ThemeItem, ThemeRecord
from learning.themes.records import next_theme_number
from learning.themes.snapshot import latest_codebook
from learning.themes.terms import ItemState


def working_codebook(db: Session, council_id: int) -> tuple[Codebook, list[Codebook]]:
    """The codebook to edit, and the versions that had to be made first (create, adopt)."""
    made: list[Codebook] = []
    codebook = latest_codebook(db, council_id)
    themes = db.exec(
        select(ThemeRecord)
        .where(ThemeRecord.council_id == council_id)
        .order_by(col(ThemeRecord.id))
    ).all()
    placed = _placements(db, council_id)
    active = {t.key for t in themes if t.active}
    if codebook is None:
        codebook = Codebook(
            version=1,
            themes={t.key: CodebookTheme(t.key, t.label, t.hidden) for t in themes if t.active},
            assignments={k: v for k, v in placed.items() if v in active},
            history=(Edit(1, "create", {"themes": len(active)}),),
            next_number=next_theme_number(t.key for t in themes),
        )
        made.append(codebook)
    number = max(codebook.next_number, next_theme_number(t.key for t in themes))
    codebook = replace(codebook, next_number=number)
    missing = {t.key: t.label for t in themes if t.key in active and t.key not in codebook.themes}
    if missing:
        adopted = codebook.add_themes(missing)
        extra = {k: v for k, v in placed.items() if v in missing}
        codebook = replace(adopted, assignments={**adopted.assignments, **extra})
        made.append(codebook)
    return codebook, made


def _placements(db: Session, council_id: int) -> dict[str, str]:
    rows = db.exec(
        select(ThemeItem.source, ThemeItem.source_ref, ThemeItem.theme_key).where(
            ThemeItem.council_id == council_id, ThemeItem.state == ItemState.CLUSTERED
        )
    ).all()
    return {f"{source}:{ref}": key for source, ref, key in rows if key}


def save_versions(
    db: Session, actor: Actor, council_id: int, versions: list[Codebook], summary: str
) -> CodebookVersion:
    """Store each new version (the last one is the analyst's edit); audit the edit."""
    saved: CodebookVersion | None = None
    for codebook in versions:
        content = {**codebook.to_dict(), "examples": {}}
        edit = codebook.history[-1]
        saved = CodebookVersion(
            council_id=council_id,
            version=codebook.version,
            content=json.dumps(content, sort_keys=True),
            op=edit.op[:20],
            summary=summary[:300] if codebook is versions[-1] else "",
            author_id=actor.person_id,
        )
        db.add(saved)
    db.flush()
    assert saved is not None
    record(
        db,
        actor,
        "themes.codebook.edited",
        "theme_codebook",
        saved.version,
        op=saved.op,
        summary=summary,
    )
    return saved


def theme_rows(db: Session, council_id: int, keys: list[str]) -> dict[str, ThemeRecord]:
    rows = db.exec(
        select(ThemeRecord).where(
            ThemeRecord.council_id == council_id, col(ThemeRecord.key).in_(keys)
        )
    ).all()
    return {row.key: row for row in rows}
