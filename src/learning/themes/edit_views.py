"""Analysts' edits on the themes pages: rename, hide and show, merge, split, move an item.

Each form shows its errors next to the fields and keeps what was typed or ticked; each save
is a new codebook version, which the next run follows. Listing a theme's items to split it
is a read of quotes: only for themes big enough to open, and audited.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session, col, select

from learning.audit.service import actor_from, record_refusal
from learning.core.deps import DbSession
from learning.core.web import flash, redirect, render
from learning.org.forms import Errors
from learning.org.view_helpers import FormDep
from learning.themes import edits, forms, publication, queries, quotes, runs
from learning.themes.disclosure import MIN_GROUP_SIZE, Count
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.records import NOT_YET_THEMED
from learning.themes.terms import ItemState
from learning.themes.views import Editor, live_theme, quotes_read

router = APIRouter()


BUSY = (
    "The themes are being worked out again just now, so changes wait until that has "
    "finished. Try again in a minute or two: what you entered is kept below."
)


def _busy(db: Session, council_id: int, field: str) -> Errors:
    """An error for ``field`` while a run is going (it would not see the change)."""
    return {field: BUSY} if runs.active_run(db, council_id) is not None else {}


def _size(db: Session, theme: ThemeRecord) -> Count:
    """The theme's size as the pages show it: counted in people, suppressed with every other
    figure, as published."""
    return queries.disclosed(db, theme.council_id)[("size", theme.key)]


def _name(db: Session, theme: ThemeRecord) -> str:
    """The theme's name as the pages show it: a name the engine made from the words of fewer
    than MIN_GROUP_SIZE people is not shown here either (it could give one of them away)."""
    return queries.shown_label(theme, _size(db, theme))


def _back(request: Request, key: str) -> Response:
    return redirect(request, str(request.url_for("theme_detail", key=key)))


def _page(
    request: Request,
    template: str,
    values: dict[str, Any],
    errors: Errors,
    status: int,
    **context: Any,
) -> Response:
    """An edit form with what was typed (``values``) and the ``errors`` next to their fields."""
    page = {**context, "values": values, "errors": errors}
    return render(request, template, page, status_code=status)


@router.get("/themes/{key}/rename", name="theme_rename")
def theme_rename(request: Request, db: DbSession, principal: Editor, key: str) -> Response:
    theme = live_theme(db, principal.council_id, key)
    name = _name(db, theme)
    return _rename_form(request, db, theme, {"label": name if name == theme.label else ""}, {})


@router.post("/themes/{key}/rename", name="theme_rename_save")
def theme_rename_save(
    request: Request, db: DbSession, principal: Editor, key: str, form: FormDep
) -> Response:
    theme = live_theme(db, principal.council_id, key)
    label, errors = forms.parse_rename(form)
    if label is not None and (taken := _name_taken(db, principal.council_id, label, {key})):
        label, errors = None, {"label": taken}
    if label is None or (errors := _busy(db, principal.council_id, "label")):
        status = 409 if label else 422
        values = {"label": forms.text(form, "label")}
        return _rename_form(request, db, theme, values, errors, status)
    edits.rename_theme(db, actor_from(request), principal.council_id, key, label)
    flash(request, f"Theme {key} is now called '{label}'")
    return _back(request, key)


def _name_taken(db: Session, council_id: int, label: str, besides: Collection[str]) -> str:
    """What to say when another theme (shown or hidden, not merged away) already has this
    name, in any case: two themes of one name cannot be told apart in the list, the merge
    page or the codebook. ``besides``: the themes the edit is about. Compared here, not in
    SQL: SQLite's lower() folds only A to Z ("Ćwiczenia", "ÉCOLE")."""
    others = select(ThemeRecord.key, ThemeRecord.label).where(
        ThemeRecord.council_id == council_id,
        col(ThemeRecord.active),
        col(ThemeRecord.key).not_in(besides),
    )
    wanted = label.casefold()
    for key, name in db.exec(others):
        if name.casefold() == wanted:
            return (
                f"Theme {key} is already called '{name}'. Choose another name, or merge the "
                "two themes"
            )
    return ""


def _rename_form(
    request: Request,
    db: Session,
    theme: ThemeRecord,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> Response:
    name = _name(db, theme)
    return _page(request, "themes/rename.html", values, errors, status, theme=theme, name=name)


@router.post("/themes/{key}/hide", name="theme_hide")
def theme_hide(request: Request, db: DbSession, principal: Editor, key: str) -> Response:
    done = f"Theme {key} is hidden. Its items stay in it, out of sight."
    return _set_hidden(request, db, principal.council_id, key, True, done)


@router.post("/themes/{key}/show", name="theme_show")
def theme_show(request: Request, db: DbSession, principal: Editor, key: str) -> Response:
    done = f"Theme {key} is shown again"
    return _set_hidden(request, db, principal.council_id, key, False, done)


def _set_hidden(
    request: Request, db: Session, council_id: int, key: str, hidden: bool, done: str
) -> Response:
    live_theme(db, council_id, key)
    if _busy(db, council_id, "hidden"):
        flash(request, BUSY.split(":")[0] + ".", "info")
    else:
        edits.set_hidden(db, actor_from(request), council_id, key, hidden)
        flash(request, done)
    return _back(request, key)


def _others(db: Session, council_id: int, key: str) -> list[ThemeRecord]:
    return list(
        db.exec(
            select(ThemeRecord)
            .where(
                ThemeRecord.council_id == council_id,
                col(ThemeRecord.active),
                ThemeRecord.key != key,
            )
            .order_by(col(ThemeRecord.size).desc(), col(ThemeRecord.key))
        )
    )


@router.get("/themes/{key}/merge", name="theme_merge")
def theme_merge(request: Request, db: DbSession, principal: Editor, key: str) -> Response:
    theme = live_theme(db, principal.council_id, key)
    return _merge_form(request, db, theme, {"themes": [], "label": ""}, {})


@router.post("/themes/{key}/merge", name="theme_merge_save")
def theme_merge_save(
    request: Request, db: DbSession, principal: Editor, key: str, form: FormDep
) -> Response:
    theme = live_theme(db, principal.council_id, key)
    others = {t.key for t in _others(db, principal.council_id, key)}
    parsed, errors = forms.parse_merge(form, others)
    if parsed is not None and parsed[1]:
        merged = {key, *parsed[0]}
        if taken := _name_taken(db, principal.council_id, parsed[1], merged):
            parsed, errors = None, {"label": taken}
    if parsed is None or (errors := _busy(db, principal.council_id, "themes")):
        values = {"themes": forms.texts(form, "themes"), "label": forms.text(form, "label")}
        return _merge_form(request, db, theme, values, errors, 409 if parsed else 422)
    sources, label = parsed
    edits.merge_themes(db, actor_from(request), principal.council_id, key, sources, label)
    flash(request, f"Merged {', '.join(sources)} into {key}")
    return _back(request, key)


def _merge_form(
    request: Request,
    db: Session,
    theme: ThemeRecord,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> Response:
    options = [
        (t.key, f"{t.key}: {_name(db, t)} ({_size(db, t).text} answers)")
        for t in _others(db, theme.council_id, theme.key)
    ]
    return _page(
        request, "themes/merge.html", values, errors, status,
        theme=theme, name=_name(db, theme), options=options,
    )  # fmt: skip


@router.get("/themes/{key}/split", name="theme_split")
def theme_split(request: Request, db: DbSession, principal: Editor, key: str) -> Response:
    theme = live_theme(db, principal.council_id, key)
    return _split_form(request, db, theme, {"label": "", "items": []}, {})


@router.post("/themes/{key}/split", name="theme_split_save")
def theme_split_save(
    request: Request, db: DbSession, principal: Editor, key: str, form: FormDep
) -> Response:
    theme = live_theme(db, principal.council_id, key)
    _big_enough(db, theme)
    items = quotes.items_of(db, principal.council_id, key)
    parsed, errors = forms.parse_split(form, {q.item_id for q in items})
    if parsed is not None and (taken := _name_taken(db, principal.council_id, parsed[0], set())):
        parsed, errors = None, {"label": taken}
    if parsed is None or (errors := _busy(db, principal.council_id, "label")):
        values = {"label": forms.text(form, "label"), "items": forms.texts(form, "items")}
        return _split_form(request, db, theme, values, errors, 409 if parsed else 422)
    label, chosen = parsed
    try:
        new_key = edits.split_theme(
            db, actor_from(request), principal.council_id, key, label, chosen
        )
    except edits.EditRefused as refusal:
        values = {"label": label, "items": [str(i) for i in chosen]}
        return _split_form(request, db, theme, values, {"items": str(refusal)}, 409)
    flash(request, f"{len(chosen)} items moved to a new theme, {new_key}: '{label}'")
    return _back(request, new_key)


def _big_enough(db: Session, theme: ThemeRecord) -> None:
    """Only a theme the pages open (enough people) has its items listed."""
    if not _size(db, theme).openable:
        raise HTTPException(status_code=404)


def _split_form(
    request: Request,
    db: Session,
    theme: ThemeRecord,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> Response:
    _big_enough(db, theme)
    items = quotes.items_of(db, theme.council_id, theme.key)
    quotes_read(request, db, "theme", theme.key, items, purpose="split")
    limited = len(items) < theme.size
    return _page(
        request,
        "themes/split.html",
        values,
        errors,
        status,
        theme=theme,
        name=_name(db, theme),
        items=items,
        limited=limited,
    )


def _movable(request: Request, db: Session, council_id: int, item_id: int) -> ThemeItem:
    """An item of the council in a theme big enough to open, or not yet themed. Any other
    answers 404; asking for one not in the council is audited, as a probe for a child's
    words would be."""
    item = db.get(ThemeItem, item_id)
    if item is None or item.council_id != council_id:
        reason = "no such theme item in the council"
        record_refusal(request, db, "theme_item.refused", "theme_item", item_id, reason)
        raise HTTPException(status_code=404)
    if not item.text or not _published(db, council_id, item):
        raise HTTPException(status_code=404)
    if item.state == ItemState.CLUSTERED and item.theme_key:
        _big_enough(db, live_theme(db, council_id, item.theme_key))
    elif item.state != ItemState.NOT_YET_THEMED:
        raise HTTPException(status_code=404)
    elif not queries.accounting(db, council_id).shown["not_yet_themed"].big_enough:
        raise HTTPException(status_code=404)  # its words are read nowhere else either
    return item


def _published(db: Session, council_id: int, item: ThemeItem) -> bool:
    """Whether the pages show the item yet: until the next published run, an item that has
    just arrived (or changed) is read nowhere, and not here either."""
    through = publication.cutoff(db, council_id)
    shown = select(ThemeItem.id).where(ThemeItem.id == item.id, publication.shown(through))
    return db.exec(shown).first() is not None


@router.get("/themes/items/{item_id:id}/move", name="theme_item_move")
def theme_item_move(request: Request, db: DbSession, principal: Editor, item_id: int) -> Response:
    item = _movable(request, db, principal.council_id, item_id)
    return _move_form(request, db, item, {"target": ""}, {})


@router.post("/themes/items/{item_id:id}/move", name="theme_item_move_save")
def theme_item_move_save(
    request: Request, db: DbSession, principal: Editor, item_id: int, form: FormDep
) -> Response:
    item = _movable(request, db, principal.council_id, item_id)
    targets = {key for key, _ in _targets(db, item)}
    target, errors = forms.parse_move(form, targets)
    if target is None or (errors := _busy(db, principal.council_id, "target")):
        values = {"target": forms.text(form, "target")}
        return _move_form(request, db, item, values, errors, 409 if target else 422)
    was = item.theme_key
    edits.move_item(db, actor_from(request), principal.council_id, item, target)
    flash(
        request,
        "The item has been moved"
        + (f" to {target}" if target != NOT_YET_THEMED else " out of its theme"),
    )
    if was:
        return _back(request, was)
    return redirect(request, str(request.url_for("themes_unthemed")))


def _targets(db: Session, item: ThemeItem) -> list[tuple[str, str]]:
    options = [
        (t.key, f"{t.key}: {_name(db, t)}")
        for t in _others(db, item.council_id, item.theme_key or "")
    ]
    if item.state == ItemState.CLUSTERED:
        options.append((NOT_YET_THEMED, "Not yet themed (take it out of its theme)"))
    return options


def _move_form(
    request: Request,
    db: Session,
    item: ThemeItem,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> Response:
    quotes_read(request, db, "theme_item", item.id or "", [quotes.as_quote(item)], purpose="move")
    return _page(
        request,
        "themes/move.html",
        values,
        errors,
        status,
        item=quotes.as_quote(item),
        theme_key=item.theme_key,
        options=_targets(db, item),
        min_group=MIN_GROUP_SIZE,
    )
