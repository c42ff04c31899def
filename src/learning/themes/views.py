"""The themes pages: every item accounted for, the themes and their trends, where
practitioners and children and families meet or diverge, and each theme's quotes (only for
groups big enough to open, and every read audited). Re-theming on demand runs in the
background: the page says it is running and never waits for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.themes import queries, quotes, runs
from learning.themes.disclosure import MIN_GROUP_SIZE, count
from learning.themes.jobs import jobs_for
from learning.themes.models import CodebookVersion, ThemeRecord
from learning.themes.quotes import Quote
from learning.themes.source_names import GROUP_LABELS, source_label
from learning.themes.terms import ItemState, RunTrigger

router = APIRouter()

Viewer = Annotated[Principal, Depends(requires(Permission.THEMES_VIEW))]
Editor = Annotated[Principal, Depends(requires(Permission.THEMES_EDIT))]


def status_context(db: Session, council_id: int) -> dict[str, object]:
    return {
        "active_run": runs.active_run(db, council_id),
        "last_run": runs.latest_finished(db, council_id),
    }


@router.get("/themes", name="themes_list")
def themes_list(request: Request, db: DbSession, principal: Viewer) -> Response:
    council_id = principal.council_id
    summaries = queries.theme_summaries(db, council_id, today())
    return render(
        request,
        "themes/list.html",
        {
            **status_context(db, council_id),
            "accounting": queries.accounting(db, council_id),
            "themes": [s for s in summaries if not s.hidden],
            "hidden": [s for s in summaries if s.hidden],
            "hidden_items": queries.disclosed(db, council_id)[("hidden_items",)],
            "sources": queries.source_overview(db, council_id),
            "states": list(ItemState),
            "source_label": source_label,
            "group_labels": GROUP_LABELS,
            "min_group": MIN_GROUP_SIZE,
            "can_edit": principal.can(Permission.THEMES_EDIT),
        },
    )


@router.get("/themes/run-status", name="themes_run_status")
def themes_run_status(request: Request, db: DbSession, principal: Viewer) -> Response:
    return render(
        request,
        "themes/run_status.html",
        status_context(db, principal.council_id),
        partial="themes/_run_status.html",
    )


@router.post("/themes/recluster", name="themes_recluster")
def themes_recluster(
    request: Request, db: DbSession, principal: Editor, background: BackgroundTasks
) -> Response:
    council_id = principal.council_id
    if runs.active_run(db, council_id) is not None:
        flash(
            request,
            "Themes are already being worked out again. Check back in a few minutes.",
            "info",
        )
    else:
        run = runs.queue_run(db, council_id, RunTrigger.ON_DEMAND, principal.person_id)
        assert run.id is not None
        background.add_task(jobs_for(request.app.state).start, run.id, council_id)
        flash(
            request,
            "Themes are being worked out again in the background. "
            "This page shows them as they were until the new ones are ready.",
        )
    return redirect(request, str(request.url_for("themes_list")))


@router.get("/themes/codebook", name="themes_codebook")
def themes_codebook(request: Request, db: DbSession, principal: Viewer) -> Response:
    versions = db.exec(
        select(CodebookVersion)
        .where(CodebookVersion.council_id == principal.council_id)
        .order_by(col(CodebookVersion.version).desc())
        .limit(200)
    ).all()
    return render(request, "themes/codebook.html", {"versions": versions})


@router.get("/themes/not-yet-themed", name="themes_unthemed")
def themes_unthemed(request: Request, db: DbSession, principal: Viewer) -> Response:
    council_id = principal.council_id
    size = queries.accounting(db, council_id).shown["not_yet_themed"]
    # Shown only with its figure: how many are quoted (one from each person) would say it.
    shown = quotes.items_of(db, council_id, None, quotable=True) if size.big_enough else []
    if shown:
        quotes_read(request, db, "theme", "not_yet_themed", shown)
    return render(
        request,
        "themes/unthemed.html",
        {
            "size": size,
            "quotes": shown,
            "min_group": MIN_GROUP_SIZE,
            "can_edit": principal.can(Permission.THEMES_EDIT),
        },
    )


def quotes_read(
    request: Request,
    db: Session,
    record_type: str,
    record_id: object,
    shown: Sequence[Quote],
    **detail: str,
) -> None:
    """Audit a read of quotes: who read which items (by id: a theme's key moves on at the
    next run, an item's id does not), of which theme, and why."""
    record(
        db,
        actor_from(request),
        "themes.quotes.viewed",
        record_type,
        record_id,
        count=len(shown),
        items=[q.item_id for q in shown],
        **detail,
    )


def live_theme(db: Session, council_id: int, key: str) -> ThemeRecord:
    """The council's live theme ``key`` (404 for another council's, a merged one or none)."""
    row = db.exec(
        select(ThemeRecord).where(ThemeRecord.council_id == council_id, ThemeRecord.key == key)
    ).first()
    if row is None or not row.active:
        raise HTTPException(status_code=404)
    return row


@router.get("/themes/{key}", name="theme_detail")
def theme_detail(
    request: Request,
    db: DbSession,
    principal: Viewer,
    key: str,
    team: str | None = None,
    source: str | None = None,
) -> Response:
    council_id = principal.council_id
    theme = live_theme(db, council_id, key)
    if theme.hidden and not principal.can(Permission.THEMES_EDIT):
        raise HTTPException(status_code=404)
    summary = next(
        (s for s in queries.theme_summaries(db, council_id, today()) if s.key == theme.key), None
    )
    size = summary.size if summary is not None else count(0)  # as published
    by_source = queries.breakdown(db, council_id, theme.key, "source")
    by_team = queries.breakdown(db, council_id, theme.key, "team")
    if team is not None and source is not None:
        raise HTTPException(status_code=404)  # one group at a time: both at once is smaller
    cell = by_team.get(team) if team is not None else by_source.get(source or "")
    if (team is not None or source) and (
        cell is None or not cell.big_enough or not size.openable
    ):
        raise HTTPException(status_code=404)
    shown = []
    if size.openable:
        shown = (
            quotes.cell(db, council_id, theme.key, team=team, source=source)
            if cell
            else quotes.representative(db, council_id, theme)
        )
        quotes_read(
            request, db, "theme", theme.key, shown, team=team or "", source=source or ""
        )
    return render(
        request,
        "themes/theme.html",
        {
            "theme": theme,
            "label": queries.shown_label(theme, size),
            "summary": summary,
            "size": size,
            "by_source": by_source,
            "by_team": by_team,
            "quotes": shown,
            "team": team,
            "source": source,
            "source_label": source_label,
            "min_group": MIN_GROUP_SIZE,
            "can_edit": principal.can(Permission.THEMES_EDIT),
        },
    )
