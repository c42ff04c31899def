"""Each analyst's edit, in the caller's transaction: the codebook's next version, the themes
and items as the edit leaves them, each theme's figures again, and an audit event.

The views check what the analyst asked for first (a live theme, an item in it); these
functions raise :class:`EditRefused` only for what a view cannot know in advance.
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from learning.audit.service import Actor
from learning.themes.curation import save_versions, theme_rows, working_codebook
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.records import NOT_YET_THEMED
from learning.themes.stats import refresh_stats
from learning.themes.terms import ItemState

QUOTES = 5


class EditRefused(ValueError):
    """The edit cannot be made as asked (the message says why, in plain words)."""


def rename_theme(db: Session, actor: Actor, council_id: int, key: str, label: str) -> None:
    codebook, made = working_codebook(db, council_id)
    save_versions(
        db, actor, council_id, [*made, codebook.rename(key, label)], f"Renamed {key} to '{label}'"
    )
    row = _theme(db, council_id, key)
    row.label, row.curated = label, True
    db.add(row)


def set_hidden(db: Session, actor: Actor, council_id: int, key: str, hidden: bool) -> None:
    codebook, made = working_codebook(db, council_id)
    edited = codebook.hide(key) if hidden else codebook.unhide(key)
    save_versions(db, actor, council_id, [*made, edited], f"{'Hid' if hidden else 'Showed'} {key}")
    row = _theme(db, council_id, key)
    row.hidden, row.curated = hidden, True
    db.add(row)


def merge_themes(
    db: Session, actor: Actor, council_id: int, into: str, sources: list[str], label: str = ""
) -> None:
    codebook, made = working_codebook(db, council_id)
    edited = codebook.merge(sources, into, label or None)
    save_versions(
        db, actor, council_id, [*made, edited], f"Merged {', '.join(sources)} into {into}"
    )
    rows = theme_rows(db, council_id, [into, *sources])
    target = rows[into]
    quotes = json.loads(target.quotes)
    for key in sources:
        quotes += [q for q in json.loads(rows[key].quotes) if q not in quotes]
        rows[key].active, rows[key].merged_into = False, into
        db.add(rows[key])
    target.quotes, target.curated = json.dumps(quotes[: QUOTES * 2]), True
    target.label = label or target.label
    db.add(target)
    for item in _items_in(db, council_id, sources):
        item.theme_key = into
        db.add(item)
    refresh_stats(db, council_id)


def split_theme(
    db: Session, actor: Actor, council_id: int, key: str, label: str, item_ids: list[int]
) -> str:
    """Move the chosen items of theme ``key`` to a new theme called ``label``; its key."""
    items = [i for i in _items_in(db, council_id, [key]) if i.id in set(item_ids)]
    if not items:
        raise EditRefused("Choose at least one item of this theme to move to the new theme")
    codebook, made = working_codebook(db, council_id)
    edited = codebook.split(key, {label: [i.key for i in items]})
    new_key = str(next(iter(edited.history[-1].detail["created"])))
    save_versions(
        db,
        actor,
        council_id,
        [*made, edited],
        f"Split {len(items)} items of {key} into {new_key} '{label}'",
    )
    db.add(
        ThemeRecord(
            council_id=council_id,
            key=new_key,
            label=label,
            curated=True,
            quotes=json.dumps([i.key for i in items[:QUOTES]]),
        )
    )
    for item in items:
        item.theme_key = new_key
        db.add(item)
    db.flush()
    refresh_stats(db, council_id)
    return new_key


def move_item(db: Session, actor: Actor, council_id: int, item: ThemeItem, target: str) -> None:
    """Place ``item`` in theme ``target``, or take it out (``not_yet_themed``)."""
    codebook, made = working_codebook(db, council_id)
    summary = f"Moved an item from {item.theme_key or NOT_YET_THEMED} to {target}"
    save_versions(db, actor, council_id, [*made, codebook.reassign(item.key, target)], summary)
    if target == NOT_YET_THEMED:
        item.theme_key, item.state = None, ItemState.NOT_YET_THEMED
    else:
        item.theme_key, item.state = target, ItemState.CLUSTERED
    db.add(item)
    db.flush()
    refresh_stats(db, council_id)


def _theme(db: Session, council_id: int, key: str) -> ThemeRecord:
    row = theme_rows(db, council_id, [key]).get(key)
    if row is None:
        raise EditRefused(f"There is no theme {key}")
    return row


def _items_in(db: Session, council_id: int, keys: list[str]) -> list[ThemeItem]:
    return list(
        db.exec(
            select(ThemeItem)
            .where(
                ThemeItem.council_id == council_id,
                col(ThemeItem.theme_key).in_(keys),
                ThemeItem.state == ItemState.CLUSTERED,
            )
            .order_by(col(ThemeItem.id))
        )
    )
