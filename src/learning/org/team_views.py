"""Administrators' pages for teams and service areas."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record_refusal
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.org import forms, service, teams
from learning.org.forms import Errors
from learning.org.models import Team, TeamKind
from learning.org.view_helpers import FormDep, differing, not_found, note_refused_save

router = APIRouter()
TeamManager = Annotated[Principal, Depends(requires(Permission.TEAMS_MANAGE))]


@router.get("/teams", name="teams_list")
def teams_list(request: Request, db: DbSession, principal: TeamManager) -> Response:
    return render(request, "org/teams_list.html", {
        "rows": teams.list_team_rows(db, principal.council_id),
        "areas": teams.list_service_areas(db, principal.council_id),
    })


@router.get("/teams/new", name="team_new")
def team_new(request: Request, db: DbSession, principal: TeamManager) -> Response:
    return _team_form(request, db, principal, None, {}, {})


@router.post("/teams/new", name="team_create")
def team_create(request: Request, db: DbSession, principal: TeamManager, form: FormDep) -> Response:
    data, errors = forms.parse_team(form)
    if data is not None:
        try:
            team = teams.create_team(db, actor_from(request), principal.council_id, data)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"The team {team.name} has been added")
            return redirect(request, str(request.url_for("teams_list")))
    return _team_form(request, db, principal, None, forms.team_values(form), errors, 422)


@router.get("/teams/{team_id:id}/edit", name="team_edit")
def team_edit(request: Request, db: DbSession, principal: TeamManager, team_id: int) -> Response:
    team = _team(request, db, principal, team_id)
    values = teams.shown_values(team) | {"seen": teams.seen_of(team)}
    return _team_form(request, db, principal, team, values, {})


@router.post("/teams/{team_id:id}/edit", name="team_update")
def team_update(
    request: Request, db: DbSession, principal: TeamManager, team_id: int, form: FormDep
) -> Response:
    team = _team(request, db, principal, team_id)
    data, errors = forms.parse_team(form)
    seen = forms.text(form, "seen")
    out_of_date = bool(seen) and seen != teams.seen_of(team)
    latest = _differing(db, team, data) if data is not None and out_of_date else []
    if latest:
        # Out of date, and saving would change what is saved now (a save that would change
        # nothing goes through). Shown again with the current fingerprint: saving again is a
        # deliberate choice.
        values = forms.team_values(form) | {"seen": teams.seen_of(team)}
        refused = {"changed": f"Someone changed the team {team.name} after you opened this "
                              "page. Your changes are not saved yet: check what is saved now, "
                              "then save again to replace it with yours"}  # fmt: skip
        note_refused_save(request, db, "team.save_refused", "team", team.id)
        return _team_form(request, db, principal, team, values, refused, 409, latest)
    if data is not None:
        try:
            changed = teams.update_team(db, actor_from(request), team, data)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"The team {team.name} has been updated" if changed
                  else "Nothing was changed")
            return redirect(request, str(request.url_for("teams_list")))
    values = forms.team_values(form) | {"seen": seen}
    return _team_form(request, db, principal, team, values, errors, 422)


#: What the edit form calls each field.
TEAM_LABELS = {"name": "Team name", "kind": "Kind of team", "service_area_id": "Service area"}


def _differing(db: Session, team: Team, data: forms.TeamInput) -> list[tuple[str, str]]:
    """What is saved now for each field where the form sent, as read, says something else."""
    areas = {str(a.id): a.name for a in teams.list_service_areas(db, team.council_id)}
    words = {
        "kind": lambda v: TeamKind(v).label,
        "service_area_id": lambda v: areas.get(v, "No service area"),
    }
    return differing(teams.shown_values(team), teams.shown_values(data), TEAM_LABELS, words)


@router.get("/teams/service-areas/new", name="service_area_new")
def service_area_new(request: Request, principal: TeamManager) -> Response:
    return render(request, "org/service_area_form.html")


@router.post("/teams/service-areas/new", name="service_area_create")
def service_area_create(
    request: Request, db: DbSession, principal: TeamManager, form: FormDep
) -> Response:
    name, errors = forms.parse_service_area(form)
    if name is not None:
        try:
            teams.create_service_area(db, actor_from(request), principal.council_id, name)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"The service area {name} has been added")
            return redirect(request, str(request.url_for("teams_list")))
    return render(request, "org/service_area_form.html", {
        "values": {"name": forms.text(form, "name")}, "errors": errors,
    }, status_code=422)


def _team_form(
    request: Request, db: DbSession, principal: Principal, team: Team | None,
    values: dict[str, str], errors: Errors, status: int = 200,
    latest: list[tuple[str, str]] | None = None,
) -> Response:
    areas = teams.list_service_areas(db, principal.council_id)
    return render(request, "org/team_form.html", {
        "team": team,
        "latest": latest or [],
        "values": values,
        "errors": forms.in_order(errors, forms.TEAM_FIELDS),
        "kind_options": [(k.value, k.label) for k in TeamKind],
        "area_options": [(str(a.id), a.name) for a in areas],
    }, status_code=status)


def _team(request: Request, db: DbSession, principal: Principal, team_id: int) -> Team:
    """The team, if in this council; otherwise 404, and the refusal audited."""
    team = service.get_team(db, principal.council_id, team_id)
    if team is None:
        record_refusal(request, db, "team.refused", "team", team_id, "no such team in the council")
        raise not_found()
    return team
