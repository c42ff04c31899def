"""Administrators' pages for the organisation: people, their roles and supervisors.

Teams are in :mod:`learning.org.team_views` and the staff import in
:mod:`learning.org.import_views`; their routers are included here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record_refusal
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission, Role
from learning.core.web import flash, redirect, render
from learning.org import forms, import_views, relationships, service, team_views
from learning.org.forms import Errors
from learning.org.models import CareerStage, Person
from learning.org.view_helpers import FormDep, differing, not_found, note_refused_save

router = APIRouter()
router.include_router(team_views.router)
router.include_router(import_views.router)
router.include_router(import_views.upload_router)

Reader = Annotated[Principal, Depends(requires(Permission.PEOPLE_READ))]
Manager = Annotated[Principal, Depends(requires(Permission.PEOPLE_MANAGE))]
SessionEnder = Annotated[Principal, Depends(requires(Permission.SESSIONS_REVOKE))]
PER_PAGE = 50


@router.get("/people", name="people_list")
def people_list(
    request: Request, db: DbSession, principal: Reader,
    q: str = "", team: str = "", role: str = "", page: str = "1",
) -> Response:
    teams = service.list_teams(db, principal.council_id)
    team_id = forms.whole_number(team)
    team_id = team_id if any(t.id == team_id for t in teams) else None
    chosen_role = Role(role) if role in Role.__members__.values() else None
    wanted = service.PeopleFilter(q.strip()[:100], team_id, chosen_role)
    number = forms.whole_number(page, 6) or 1
    results = service.list_people(db, principal.council_id, wanted, number, PER_PAGE)
    filters = {"q": wanted.text, "team": str(team_id or ""), "role": role if chosen_role else ""}
    return render(request, "org/people_list.html", {
        "results": results,
        "filters": filters,
        "link_params": {name: value for name, value in filters.items() if value},
        "can_manage": principal.can(Permission.PEOPLE_MANAGE),
        "team_options": [(str(t.id), t.name) for t in teams],
        "role_options": [(r.value, r.label) for r in Role],
    })


# Adding and changing a person ---------------------------------------------------------


@router.get("/people/new", name="person_new")
def person_new(request: Request, db: DbSession, principal: Manager) -> Response:
    values = {"fte": "1", "roles": [Role.PRACTITIONER.value]}
    return _person_form(request, db, principal, None, values, {})


@router.post("/people/new", name="person_create")
def person_create(request: Request, db: DbSession, principal: Manager, form: FormDep) -> Response:
    data, errors = forms.parse_person(form)
    if data is not None:
        council = service.require_council(db, principal.council_id)
        try:
            person = service.create_person(db, actor_from(request), council, data)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"{person.name} has been added")
            return redirect(request, _person_url(request, person))
    return _person_form(request, db, principal, None, forms.person_values(form), errors, 422)


@router.get("/people/{person_id:id}/edit", name="person_edit")
def person_edit(request: Request, db: DbSession, principal: Manager, person_id: int) -> Response:
    person = _person(request, db, principal, person_id)
    assert person.id is not None
    service.note_person_read(db, actor_from(request), person, page="edit")
    values = _saved_values(db, person) | {"seen": seen_of(person)}
    return _person_form(request, db, principal, person, values, {})


def _saved_values(db: Session, person: Person) -> dict[str, Any]:
    """The edit form's fields as the person is saved now."""
    assert person.id is not None
    return {
        "given_name": person.given_name, "family_name": person.family_name,
        "email": person.email, "job_title": person.job_title,
        "team_id": str(person.team_id or ""), "career_stage": person.career_stage.value,
        "fte": f"{person.fte:g}", "roles": sorted(r.value for r in service.roles_of(db, person.id)),
        "object_id": person.oidc_oid or "",
    }  # fmt: skip


def _differing(db: Session, person: Person, typed: dict[str, Any]) -> list[tuple[str, str]]:
    """What is saved now for each field where the form sent says something else, in words."""
    teams = {str(t.id): t.name for t in service.list_teams(db, person.council_id)}
    words = {
        "team_id": lambda v: teams.get(v, "Not in a team"),
        "career_stage": lambda v: CareerStage(v).label,
        "roles": lambda v: ", ".join(Role(r).label for r in v) or "None",
    }
    roles = typed.get("roles", "")
    sent = typed | {"roles": sorted(roles if isinstance(roles, list) else [roles] if roles else [])}
    return differing(_saved_values(db, person), sent, PERSON_LABELS, words)


@router.post("/people/{person_id:id}/edit", name="person_update")
def person_update(
    request: Request, db: DbSession, principal: Manager, person_id: int, form: FormDep
) -> Response:
    person = _person(request, db, principal, person_id)
    data, errors = forms.parse_person(form)
    seen = forms.text(form, "seen")
    out_of_date = data is not None and bool(seen) and seen != seen_of(person)
    latest = _differing(db, person, forms.person_values(form)) if out_of_date else []
    if latest:
        # Out of date, and saving would change what is saved now (a save that would change
        # nothing goes through, as with teams and the supervision forms). Shown again with
        # the current mark: saving again is a deliberate choice.
        values = forms.person_values(form) | {"seen": seen_of(person)}
        refused = {"changed": f"Someone changed {person.name}'s details after you opened this "
                              "page. Your changes are not saved yet: check what is saved now, "
                              "then save again to replace it with yours"}  # fmt: skip
        note_refused_save(request, db, "person.save_refused", "person", person.id)
        return _person_form(request, db, principal, person, values, refused, 409, latest)
    if data is not None:
        council = service.require_council(db, principal.council_id)
        try:
            changed = service.update_person(db, actor_from(request), council, person, data)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"{person.name}'s details have been updated" if changed
                  else "Nothing was changed")
            return redirect(request, _person_url(request, person))
    values = forms.person_values(form) | {"seen": seen}
    return _person_form(request, db, principal, person, values, errors, 422)


#: What the edit form calls each field.
PERSON_LABELS = {
    "given_name": "First name", "family_name": "Last name", "email": "Email address",
    "job_title": "Job title", "team_id": "Team", "career_stage": "Career stage",
    "fte": "Full-time equivalent (FTE)", "roles": "Roles", "object_id": "Entra object ID",
}  # fmt: skip


def seen_of(person: Person) -> str:
    """When the person was last changed, as the edit form carries it: a save from a page
    opened before another save (another tab, another administrator) is refused instead of
    silently putting back what that save changed."""
    return person.updated_at.isoformat()


def _person_form(
    request: Request, db: DbSession, principal: Principal, person: Person | None,
    values: dict[str, Any], errors: Errors, status: int = 200,
    latest: list[tuple[str, str]] | None = None,
) -> Response:
    return render(request, "org/person_form.html", {
        "person": person,
        "latest": latest or [],
        "values": values,
        "errors": forms.in_order(errors, forms.PERSON_FIELDS),
        "team_options": [(str(t.id), t.name) for t in service.list_teams(db, principal.council_id)],
        "stage_options": [(s.value, s.label) for s in CareerStage],
        "role_options": [(r.value, r.label) for r in Role],
    }, status_code=status)


# One person's page ---------------------------------------------------------------------


@router.get("/people/{person_id:id}", name="person_detail")
def person_detail(request: Request, db: DbSession, principal: Reader, person_id: int) -> Response:
    person = _person(request, db, principal, person_id)
    values = {**forms.date_fields("starts_on", today()), **forms.date_fields("ends_on", None)}
    return _person_page(request, db, principal, person, values, {})


def _person_page(
    request: Request, db: DbSession, principal: Principal, person: Person,
    values: dict[str, Any], errors: Errors, status: int = 200,
) -> Response:
    assert person.id is not None
    record = service.view_person(db, actor_from(request), person)
    candidates = service.possible_supervisors(db, principal.council_id, person.id)
    return render(request, "org/person.html", {
        "record": record,
        "today": today(),
        "is_self": person.id == principal.person_id,
        "can_manage": principal.can(Permission.PEOPLE_MANAGE),
        "can_end_sessions": principal.can(Permission.SESSIONS_REVOKE),
        "values": values,
        "errors": forms.in_order(errors, ("supervisor_id", "starts_on", "ends_on")),
        "supervisor_options": [(str(p.id), f"{p.name}, {p.job_title}" if p.job_title else p.name)
                               for p in candidates],
    }, status_code=status)


# Account status and sessions ------------------------------------------------------------


@router.post("/people/{person_id:id}/disable", name="person_disable")
def person_disable(request: Request, db: DbSession, principal: Manager, person_id: int) -> Response:
    person = _person(request, db, principal, person_id)
    try:
        ended = service.disable_person(db, actor_from(request), person)
    except service.NotAllowed as refusal:
        flash(request, str(refusal), "important")
    else:
        flash(request, f"{person.name}'s account has been disabled. Sessions ended: {ended}.")
    return redirect(request, _person_url(request, person))


@router.post("/people/{person_id:id}/enable", name="person_enable")
def person_enable(request: Request, db: DbSession, principal: Manager, person_id: int) -> Response:
    person = _person(request, db, principal, person_id)
    service.enable_person(db, actor_from(request), person)
    flash(request, f"{person.name}'s account has been enabled. They can sign in again.")
    return redirect(request, _person_url(request, person))


@router.post("/people/{person_id:id}/sessions/revoke", name="person_sessions_revoke")
def person_sessions_revoke(
    request: Request, db: DbSession, principal: SessionEnder, person_id: int
) -> Response:
    person = _person(request, db, principal, person_id)
    ended = service.revoke_sessions(db, actor_from(request), person)
    flash(request, f"{person.name} has been signed out everywhere. Sessions ended: {ended}.")
    return redirect(request, _person_url(request, person))


# Supervisors ---------------------------------------------------------------------------


@router.post("/people/{person_id:id}/supervisors", name="supervision_create")
def supervision_create(
    request: Request, db: DbSession, principal: Manager, person_id: int, form: FormDep
) -> Response:
    person = _person(request, db, principal, person_id)
    data, errors = forms.parse_supervision(form)
    if data is not None:
        try:
            relationships.add_supervisor(db, actor_from(request), person, data)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, f"The supervisor has been added for {person.name}")
            return redirect(request, _person_url(request, person))
    return _person_page(request, db, principal, person, forms.supervision_values(form), errors, 422)


@router.get("/people/{person_id:id}/supervisors/{link_id:id}/end", name="supervision_end_form")
def supervision_end_form(
    request: Request, db: DbSession, principal: Manager, person_id: int, link_id: int
) -> Response:
    person, line = _supervision(request, db, principal, person_id, link_id)
    return _end_form(request, person, line, forms.date_fields("ends_on", today()), {})


@router.post("/people/{person_id:id}/supervisors/{link_id:id}/end", name="supervision_end")
def supervision_end(
    request: Request, db: DbSession, principal: Manager, person_id: int, link_id: int,
    form: FormDep,
) -> Response:
    person, line = _supervision(request, db, principal, person_id, link_id)
    ends_on, errors = forms.parse_end(form, line.link.starts_on)
    if ends_on is not None:
        try:
            relationships.end_supervision(db, actor_from(request), line.link, ends_on)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, "The supervision has been ended")
            return redirect(request, _person_url(request, person))
    return _end_form(request, person, line, forms.date_values(form, "ends_on"), errors, 422)


def _supervision(
    request: Request, db: DbSession, principal: Principal, person_id: int, link_id: int
) -> tuple[Person, relationships.Supervision]:
    person = _person(request, db, principal, person_id)
    found = relationships.get_supervision(db, principal.council_id, person_id, link_id)
    if found is None:
        record_refusal(request, db, "supervision_link.refused", "supervision_link", link_id,
                       "no such supervision of this person")
        raise not_found()
    return person, found


def _end_form(
    request: Request, person: Person, line: relationships.Supervision, values: dict[str, str],
    errors: Errors, status: int = 200,
) -> Response:
    return render(request, "org/end_supervision.html", {
        "person": person, "line": line, "values": values, "errors": errors,
    }, status_code=status)


# Helpers ---------------------------------------------------------------------------------


def _person(request: Request, db: DbSession, principal: Principal, person_id: int) -> Person:
    """The person, if in this council; otherwise 404, and the refusal audited."""
    person = service.get_person(db, principal.council_id, person_id)
    if person is None:
        record_refusal(request, db, "person.refused", "person", person_id,
                       "no such person in the council")
        raise not_found()
    return person


def _person_url(request: Request, person: Person) -> str:
    return str(request.url_for("person_detail", person_id=person.id))
