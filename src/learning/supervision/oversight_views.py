"""Oversight pages: my supervisees, one supervisee's history, the team overview and the
overdue actions. Plain GET pages that work without JavaScript; each read is audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import render
from learning.org import service as org
from learning.org.models import Team
from learning.supervision import history, overview, queries
from learning.supervision.access import NotYourRecord
from learning.supervision.views_common import refused

router = APIRouter()
Reader = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OWN))]
Recorder = Annotated[Principal, Depends(requires(Permission.SUPERVISION_RECORD))]
Overseer = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OVERSEE))]
DEFAULT_MONTHS = 3
#: Sessions listed on a history page unless all are asked for, and overdue actions listed.
RECENT_SESSIONS = 24
OVERDUE_SHOWN = 200



@router.get("/supervision", name="supervision_home")
def supervision_home(request: Request, db: DbSession, principal: Recorder) -> Response:
    rows = queries.list_supervisees(db, principal, today())
    record(db, actor_from(request), "supervision.supervisees.viewed", "person",
           principal.person_id, supervisees=len(rows))
    return render(request, "supervision/supervisees.html",
                  {"rows": rows, "labels": queries.LABELS})


@router.get("/supervision/supervisees/{person_id:id}", name="supervisee_history")
def supervisee_history(
    request: Request, db: DbSession, principal: Reader, person_id: int
) -> Response:
    try:
        found = history.supervisee_history(db, actor_from(request), principal, person_id, today())
    except NotYourRecord as error:
        raise refused(request, db, error, "person", person_id) from None
    show_all = request.query_params.get("sessions") == "all"
    return render(request, "supervision/history.html", {
        "history": found, "labels": queries.LABELS, "own": principal.person_id == person_id,
        "shown_sessions": found.sessions if show_all else found.sessions[:RECENT_SESSIONS],
    })


@router.get("/supervision/overview", name="supervision_overview")
def supervision_overview(request: Request, db: DbSession, principal: Overseer) -> Response:
    council_wide = bool(principal.roles & queries.COUNCIL_WIDE)
    teams = org.list_teams(db, principal.council_id) if council_wide else []
    months, team_id, values, errors = _overview_filters(request.query_params, teams)
    scope = queries.oversight_scope(principal, team_id)
    context: dict[str, Any] = {
        "values": values, "errors": errors, "council_wide": council_wide,
        "team_options": [(str(t.id), t.name) for t in teams],
        "month_options": [(str(m), _months(m)) for m in overview.PERIOD_MONTHS],
        "labels": queries.LABELS, "overview": None,
    }
    if errors or scope is None:
        return render(request, "supervision/overview.html", context, status_code=422)
    on = today()
    figures = overview.team_overview(db, scope, overview.period_ending(on, months), on)
    record(db, actor_from(request), "supervision.overview.viewed", "team", team_id or "",
           months=months, people=len(figures.rows), council_wide=council_wide)
    context.update(overview=figures, scope_name=_scope_name(principal, teams, team_id, db))
    return render(request, "supervision/overview.html", context)


@router.get("/supervision/actions/overdue", name="overdue_actions")
def overdue_actions(request: Request, db: DbSession, principal: Reader) -> Response:
    """Everyone signed in may follow their own overdue actions; supervisors see their
    supervisees' too, and managers their team's (or the council's)."""
    actions = queries.overdue_actions_for(db, principal, today(), limit=OVERDUE_SHOWN + 1)
    record(db, actor_from(request), "supervision.overdue_actions.viewed", "person",
           principal.person_id, actions=len(actions[:OVERDUE_SHOWN]))
    return render(request, "supervision/actions_overdue.html", {
        "actions": actions[:OVERDUE_SHOWN], "more": len(actions) > OVERDUE_SHOWN,
        "oversees": principal.can(Permission.SUPERVISION_OVERSEE),
        "supervises": principal.can(Permission.SUPERVISION_RECORD),
    })


def _overview_filters(
    params: Mapping[str, str], teams: Sequence[Team]
) -> tuple[int, int | None, dict[str, str], dict[str, str]]:
    values = {"months": params.get("months", str(DEFAULT_MONTHS)).strip()[:3],
              "team": params.get("team", "").strip()[:12]}
    errors: dict[str, str] = {}
    months = DEFAULT_MONTHS
    if values["months"] in {str(m) for m in overview.PERIOD_MONTHS}:
        months = int(values["months"])
    else:
        errors["months"] = "Select a period from the list"
    team_id = None
    if values["team"]:
        if values["team"] in {str(t.id) for t in teams}:
            team_id = int(values["team"])
        elif teams:
            errors["team"] = "Select a team from the list"
    return months, team_id, values, errors


def _months(months: int) -> str:
    return "Last month" if months == 1 else f"Last {months} months"


def _scope_name(
    principal: Principal, teams: Sequence[Team], team_id: int | None, db: Session
) -> str:
    if team_id is not None:
        return next((t.name for t in teams if t.id == team_id), "")
    if principal.roles & queries.COUNCIL_WIDE:
        return "Whole council"
    team = org.get_team(db, principal.council_id, principal.team_id) if principal.team_id else None
    return team.name if team else "No team recorded for you"
