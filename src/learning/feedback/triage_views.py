"""The feedback review queue: the team's items, newest first, in tabs (to do, held for
checking, closed), and opening one item to read it (audited; a new item becomes read). The
item's own forms are in :mod:`triage_item_views`, actions in :mod:`triage_action_views`."""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Role
from learning.core.web import render
from learning.feedback import triage, triage_display
from learning.feedback.triage import Scope, Tab
from learning.feedback.triage_action_views import router as action_router
from learning.feedback.triage_item_page import Triager, item_or_404, item_page, kept_typing
from learning.feedback.triage_item_views import router as item_router
from learning.feedback.triage_refusals import refusals
from learning.org.forms import whole_number
from learning.org.models import Team

router = APIRouter(dependencies=[Depends(refusals, scope="function")])  # audited 404s
router.include_router(action_router)
router.include_router(item_router)
PUBLIC_ROUTES: frozenset[str] = frozenset()

PER_PAGE = 50


def _team_filter(
    db: Session, principal: Principal, scope: Scope, raw: str
) -> tuple[list[Team], int | None]:
    teams = triage.teams_in(db, scope) if triage.sees_all_teams(principal) else []
    wanted = whole_number(raw)
    return teams, wanted if any(t.id == wanted for t in teams) else None


def _manages_one_of(principal: Principal, teams: list[Team]) -> bool:
    return Role.TEAM_MANAGER in principal.roles and any(t.id == principal.team_id for t in teams)


@router.get("/feedback/queue", name="feedback_queue")
def queue(
    request: Request,
    db: DbSession,
    principal: Triager,
    tab: str = "",
    team: str = "",
    page: str = "1",
) -> Response:
    scope = triage.scope_of(principal)
    current = Tab(tab) if tab in Tab.__members__.values() else Tab.OPEN
    teams, team_id = _team_filter(db, principal, scope, team)
    if "team" not in request.query_params and _manages_one_of(principal, teams):
        team_id = principal.team_id  # a team manager starts with their own team
    number = max(whole_number(page) or 1, 1)
    submissions, total = triage.page_of(db, scope, current, team_id, number, PER_PAGE)
    # "All teams", once chosen, stays chosen from tab to tab and page to page
    params = {"tab": current.value, **({"team": team_id or ""} if teams else {})}
    return render(
        request,
        "feedback/queue/queue.html",
        {
            "tabs": list(Tab),
            "tab": current,
            "counts": triage.tab_counts(db, scope, team_id),
            "rows": triage_display.rows_for(db, submissions, today()),
            "teams": teams,
            "team_id": team_id,
            "own_team": principal.team_id is not None or triage.sees_all_teams(principal),
            "page": number,
            "pages": max(math.ceil(total / PER_PAGE), 1),
            "total": total,
            "params": params,
        },
    )


@router.get("/feedback/queue/{submission_id:int}", name="feedback_item")
def item(request: Request, db: DbSession, principal: Triager, submission_id: int) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    typing = kept_typing(request, submission_id)  # what a button on it kept, if any
    return item_page(request, db, principal, submission, values=typing)  # audits the read
