"""The team's actions: the list, a new action (from an item or on its own), changing one,
and linking items to it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.audit.service import actor_from
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.web import flash, redirect, render
from learning.feedback import actions, triage, triage_display, triage_forms
from learning.feedback.models import FeedbackAction, FeedbackSubmission
from learning.feedback.terms import ActionStatus
from learning.feedback.triage import Scope
from learning.feedback.triage_item_page import (
    Triager,
    back_to_item,
    item_or_404,
    item_page,
    typed,
)
from learning.org.forms import Errors, text, whole_number
from learning.org.models import Team
from learning.org.view_helpers import FormDep

router = APIRouter()


def _action_or_404(db: Session, scope: Scope, action_id: int) -> FeedbackAction:
    """The action, or ``NotYours``: the queue's ``refusals`` audit it and answer 404."""
    return actions.require_action(db, scope, action_id)


def _item_or_404(db: Session, scope: Scope, raw: str) -> FeedbackSubmission | None:
    """The item a new action starts from, if any (``?item=ID``)."""
    wanted = whole_number(raw)
    return triage.require_item(db, scope, wanted) if wanted is not None else None


@router.get("/feedback/queue/actions", name="feedback_actions")
def action_list(request: Request, db: DbSession, principal: Triager) -> Response:
    scope = triage.scope_of(principal)
    teams = {t.id: t.name for t in triage.teams_in(db, scope)}
    rows = [(a, teams.get(a.team_id, "")) for a in actions.actions_in(db, scope)]
    return render(
        request,
        "feedback/queue/actions.html",
        {
            "rows": rows,
            "status_labels": triage_forms.ACTION_STATUS_LABELS,
            "can_add": bool(teams),
        },
    )


@router.get("/feedback/queue/actions/new", name="feedback_action_new")
def action_new(request: Request, db: DbSession, principal: Triager, item: str = "") -> Response:
    scope = triage.scope_of(principal)
    origin = _item_or_404(db, scope, item)
    values = {"status": ActionStatus.PLANNED.value, "item": item if origin else ""}
    if origin is not None:
        values["team_id"] = str(origin.team_id)
    return _action_form(request, db, scope, None, values, {})


@router.post("/feedback/queue/actions/new", name="feedback_action_create")
def action_create(request: Request, db: DbSession, principal: Triager, form: FormDep) -> Response:
    scope = triage.scope_of(principal)
    origin = _item_or_404(db, scope, text(form, "item"))
    teams = {t.id: t for t in triage.teams_in(db, scope)}
    data, errors = triage_forms.parse_action(form)
    team_id = origin.team_id if origin else whole_number(text(form, "team_id"))
    if team_id not in teams:
        errors = {"team_id": "Choose the team whose action this is", **errors}
    if data is None or errors or team_id is None:
        values = {
            **triage_forms.action_values(form),
            "team_id": text(form, "team_id"),
            "item": text(form, "item"),
        }
        return _action_form(request, db, scope, None, values, errors, 422)
    actor = actor_from(request)
    try:
        action = actions.create_action(db, actor, scope.council_id, team_id, data)
        added = "Action added"
    except actions.AlreadyAdded as repeat:
        action, added = repeat.action, "This action was added a moment ago"
    if origin is not None:
        actions.link_item(db, actor, action, origin)
        flash(request, f"{added} and linked: {action.title}")
        return redirect(request, str(request.url_for("feedback_item", submission_id=origin.id)))
    flash(request, f"{added}: {action.title}")
    return redirect(request, str(request.url_for("feedback_action", action_id=action.id)))


@router.get("/feedback/queue/actions/{action_id:int}", name="feedback_action")
def action_edit(request: Request, db: DbSession, principal: Triager, action_id: int) -> Response:
    scope = triage.scope_of(principal)
    action = _action_or_404(db, scope, action_id)
    values = triage_forms.values_of_action(
        action.title, action.public_summary, action.status, action.due_on
    )
    return _action_form(request, db, scope, action, values, {})


@router.post("/feedback/queue/actions/{action_id:int}", name="feedback_action_save")
def action_save(
    request: Request, db: DbSession, principal: Triager, action_id: int, form: FormDep
) -> Response:
    scope = triage.scope_of(principal)
    action = _action_or_404(db, scope, action_id)
    data, errors = triage_forms.parse_action(form)
    if data is None:
        values = triage_forms.action_values(form)
        return _action_form(request, db, scope, action, values, errors, 422)
    actions.update_action(db, actor_from(request), action, data)
    flash(request, "Action saved")
    return redirect(request, str(request.url_for("feedback_action", action_id=action.id)))


def _action_form(
    request: Request,
    db: Session,
    scope: Scope,
    action: FeedbackAction | None,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
) -> Response:
    items = actions.items_of(db, action.id) if action and action.id else []
    return render(
        request,
        "feedback/queue/action_form.html",
        {
            "action": action,
            "team": db.get(Team, action.team_id) if action else None,
            "teams": [(str(t.id), t.name) for t in triage.teams_in(db, scope)],
            "items": triage_display.rows_for(db, items, today()),
            "statuses": [
                (s.value, label) for s, label in triage_forms.ACTION_STATUS_LABELS.items()
            ],
            "values": values,
            "errors": errors,
        },
        status_code=status,
    )


@router.post("/feedback/queue/{submission_id:int}/actions", name="feedback_item_link_action")
def link_action(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    scope = triage.scope_of(principal)
    submission = item_or_404(db, scope, submission_id)
    wanted = whole_number(text(form, "action_id"))
    if wanted is None:
        errors = {"action_id": "Choose the action to link this feedback to"}
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    action = _action_or_404(db, scope, wanted)
    actions.link_item(db, actor_from(request), action, submission)
    return back_to_item(request, submission, f"Linked to: {action.title}", form, used="action_id")


@router.post(
    "/feedback/queue/{submission_id:int}/actions/{action_id:int}/unlink",
    name="feedback_item_unlink_action",
)
def unlink_action(
    request: Request,
    db: DbSession,
    principal: Triager,
    submission_id: int,
    action_id: int,
    form: FormDep,
) -> Response:
    scope = triage.scope_of(principal)
    submission = item_or_404(db, scope, submission_id)
    action = _action_or_404(db, scope, action_id)
    actions.unlink_item(db, actor_from(request), action, submission)
    return back_to_item(request, submission, f"No longer linked to: {action.title}", form)
