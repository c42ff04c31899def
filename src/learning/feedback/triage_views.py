"""The feedback review queue: the team's items in tabs (to do, the oldest unread first, with
what is overdue counted and a few filters; held for checking; closed), opening one item to
read it (audited; a new item becomes read when one of its team reads it), and marking it
unread again. The item's own forms are in :mod:`triage_item_views`, actions in
:mod:`triage_action_views`.

Two rules hold for every page here, as dependencies of the router: a form about another
team's item or action is refused (403, audited) to those who only read that team's feedback
(``triage.may_work_on``), and a change the item's state forbids for now (keeping it as spam
while its safeguarding alert is not closed) answers 409."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.audit.service import actor_from, record_refusal
from learning.core.clock import today
from learning.core.csrf import SAFE_METHODS
from learning.core.deps import DbSession
from learning.core.permissions import Role
from learning.core.web import redirect, render
from learning.feedback import triage, triage_display, triage_work
from learning.feedback.triage import Scope, Show, Tab
from learning.feedback.triage_action_views import router as action_router
from learning.feedback.triage_item_page import (
    Triager,
    back_to_item,
    item_or_404,
    item_page,
    kept_typing,
    moved_away_page,
    moved_out_of_sight,
)
from learning.feedback.triage_item_views import router as item_router
from learning.feedback.triage_refusals import READ_ONLY, REFUSED, refusals
from learning.org.forms import whole_number
from learning.org.models import Team
from learning.org.view_helpers import FormDep

#: Forms anyone who may read an item may send, whatever its team: a worry about a child's
#: safety is never refused.
OPEN_TO_READERS = frozenset({"feedback_raise_alert"})
#: Forms whose view makes this check itself: moving an item, whose team may have changed a
#: moment ago under the person moving it (``triage_item_views.move`` tells them so).
CHECKED_BY_THE_VIEW = frozenset({"feedback_move"})


def _read_only_elsewhere(request: Request, db: DbSession, principal: Triager) -> None:
    """A form about another team's item or action, from someone who only reads that team's
    feedback (a manager of another team, a safeguarding lead), is refused and the refusal
    audited. What the person may not see at all is left to the view (404)."""
    route = request.scope.get("route")
    name = getattr(route, "name", "")
    if request.method in SAFE_METHODS or name in OPEN_TO_READERS | CHECKED_BY_THE_VIEW:
        return
    scope = triage.scope_of(principal)
    record_type, record_id, team_id = _worked_on(db, scope, request.path_params)
    if team_id is None or triage.may_work_on(principal, team_id):
        return
    record_refusal(request, db, REFUSED, record_type, record_id, READ_ONLY)
    raise HTTPException(status_code=403)


def _worked_on(db: Session, scope: Scope, params: Mapping[str, Any]) -> tuple[str, int, int | None]:
    """What a form's address names (an item, else an action) and its team, if seen."""
    if "submission_id" in params:
        wanted = int(params["submission_id"])
        return "feedback_submission", wanted, triage.team_of_item(db, scope, wanted)
    if "action_id" in params:
        wanted = int(params["action_id"])
        return "feedback_action", wanted, triage.team_of_action(db, scope, wanted)
    return "", 0, None


def _not_now() -> Iterator[None]:
    """Keeping an item as spam while its safeguarding alert is not closed: 409. Its page never
    offers it then, and says why, so this comes only from a page shown before the alert was
    raised; the error page says to reload it."""
    try:
        yield
    except triage.AlertNotClosed as refused:
        raise HTTPException(status_code=409) from refused


router = APIRouter(
    dependencies=[
        Depends(refusals, scope="function"),  # audited 404s
        Depends(_not_now, scope="function"),
        Depends(_read_only_elsewhere),
    ]
)
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


def _filters(request: Request, teamed: dict[str, Any]) -> list[tuple[Show, str]]:
    """The To do tab's filters, each with its link (the team chosen stays chosen)."""
    queue = request.url_for("feedback_queue")
    return [
        (each, str(queue.include_query_params(tab=Tab.OPEN.value, **teamed, show=each.value)))
        for each in Show
    ]


@router.get("/feedback/queue", name="feedback_queue")
def queue(
    request: Request,
    db: DbSession,
    principal: Triager,
    tab: str = "",
    team: str = "",
    page: str = "1",
    show: str = "",
) -> Response:
    scope = triage.scope_of(principal)
    current = Tab(tab) if tab in Tab.__members__.values() else Tab.OPEN
    shown = Show(show) if current is Tab.OPEN and show in Show.__members__.values() else Show.ALL
    teams, team_id = _team_filter(db, principal, scope, team)
    if "team" not in request.query_params and _manages_one_of(principal, teams):
        team_id = principal.team_id  # a team manager starts with their own team
    number, day = max(whole_number(page) or 1, 1), today()
    submissions, total = triage.page_of(db, scope, current, team_id, number, PER_PAGE, shown, day)
    # "All teams", once chosen, stays chosen from tab to tab and page to page
    teamed = {"team": team_id or ""} if teams else {}
    filtered = {"show": shown.value} if shown is not Show.ALL else {}
    params = {"tab": current.value, **teamed, **filtered}
    return render(
        request,
        "feedback/queue/queue.html",
        {
            "tabs": list(Tab),
            "tab": current,
            "counts": triage.tab_counts(db, scope, team_id),
            "overdue": triage.overdue_count(db, scope, team_id, day),
            "filters": _filters(request, teamed) if current is Tab.OPEN else [],
            "show": shown,
            "rows": triage_display.rows_for(db, submissions, day),
            "undelivered": triage_work.undelivered_among(
                db, [s.id for s in submissions if s.id is not None]
            ),
            "teams": teams,
            "team_id": team_id,
            "own_team": principal.team_id is not None or triage.sees_all_teams(principal),
            "page": number,
            "pages": max(math.ceil(total / PER_PAGE), 1),
            "total": total,
            "params": params,
        },
    )


@router.get("/feedback/queue/{submission_id:id}", name="feedback_item")
def item(request: Request, db: DbSession, principal: Triager, submission_id: int) -> Response:
    gone = moved_out_of_sight(db, principal, submission_id)  # moved out of their team
    if gone is not None:
        return moved_away_page(request, db, principal, gone, {}, 200)
    try:
        submission = item_or_404(db, triage.scope_of(principal), submission_id)
    except triage.NotYours:  # moved out of their team between the two reads (loaded again)
        gone = moved_out_of_sight(db, principal, submission_id)
        if gone is None:
            raise
        return moved_away_page(request, db, principal, gone, {}, 200)
    typing = kept_typing(request, submission_id)  # what a button on it kept, if any
    return item_page(request, db, principal, submission, values=typing)  # audits the read


@router.post("/feedback/queue/{submission_id:id}/unread", name="feedback_unread")
def unread(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    """One of the team puts the item back among what the team has still to read, and goes
    back to the queue (the item's page would read it again)."""
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    try:
        marked = triage.mark_unread(db, actor_from(request), submission)
    except triage.NotOfTheTeam as refused:
        raise HTTPException(status_code=403) from refused
    if not marked:
        return back_to_item(request, submission, "Only feedback read can be marked unread", form)
    said = "Marked as unread. It counts again among what the team has to read"
    back_to_item(request, submission, said, form)  # keeps what was typed on it, and says so
    return redirect(request, str(request.url_for("feedback_queue")))  # its page reads it
