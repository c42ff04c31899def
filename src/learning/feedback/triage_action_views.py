"""The team's actions: the list (the overdue first, or only them), a new action (from an
item or on its own), changing one, and linking items to it.

Adding, changing, linking and unlinking a team's actions is for those who may work on its
feedback (``actions.may_act_for``). Anyone else who sees the team reads its actions only:
their pages offer no form for it (a page is never refused for that: reading is theirs), and
a form sent anyway is refused (403) and the refusal audited, as the queue refuses work on
another team's item (``triage_views``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.audit.models import REFUSED as RESULT_REFUSED
from learning.audit.service import actor_from, add_event, record_refusal
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
    item_or_moved,
    item_page,
    typed,
)
from learning.feedback.triage_refusals import REFUSED
from learning.org.forms import Errors, text, whole_number
from learning.org.models import Team
from learning.org.view_helpers import FormDep

router = APIRouter()

CHANGED_SINCE_SHOWN = (
    "Someone changed this action after you opened it. What it says now is shown above your "
    "changes, which are not saved yet: save again to replace it with yours"
)

#: Why a form about another team's actions was refused, in the audit log.
READ_ONLY = "another team's actions, which this person may read but not change"


def _action_or_404(db: Session, scope: Scope, action_id: int) -> FeedbackAction:
    """The action, or ``NotYours``: the queue's ``refusals`` audit it and answer 404."""
    return actions.require_action(db, scope, action_id)


def _item_or_404(db: Session, scope: Scope, raw: str) -> FeedbackSubmission | None:
    """The item a new action starts from, if any (``?item=ID``)."""
    wanted = whole_number(raw)
    return triage.require_item(db, scope, wanted) if wanted is not None else None


def _may_act_or_refuse(
    request: Request,
    db: Session,
    principal: Principal,
    team_id: int,
    record: tuple[str, object],
) -> None:
    """A form about a team's actions from someone who may only read them: 403, the refusal
    (naming ``record``) audited in a transaction of its own, this request's work rolled back."""
    if not actions.may_act_for(principal, team_id):
        record_refusal(request, db, REFUSED, *record, READ_ONLY)
        raise HTTPException(status_code=403)


@dataclass(frozen=True)
class ActionRow:
    """An action in the list: its team's name, and whether it is overdue today."""

    action: FeedbackAction
    team: str
    overdue: bool


def _filters(request: Request) -> list[tuple[actions.Show, str]]:
    """The list's filters, each with its link (as the queue's To do tab has)."""
    listing = request.url_for("feedback_actions")
    return [(each, str(listing.include_query_params(show=each.value))) for each in actions.Show]


@router.get("/feedback/queue/actions", name="feedback_actions")
def action_list(request: Request, db: DbSession, principal: Triager, show: str = "") -> Response:
    scope, day = triage.scope_of(principal), today()
    wanted = actions.Show(show) if show in actions.Show.__members__.values() else actions.Show.ALL
    teams = {t.id: t.name for t in triage.teams_in(db, scope)}
    rows = [
        ActionRow(a, teams.get(a.team_id, ""), actions.is_overdue(a, day))
        for a in actions.listed(db, scope, day, wanted)
    ]
    return render(
        request,
        "feedback/queue/actions.html",
        {
            "rows": rows,
            "status_labels": triage_forms.ACTION_STATUS_LABELS,
            "can_add": bool(actions.teams_to_act_for(db, principal)),
            "show": wanted,
            "filters": _filters(request),
            "overdue": actions.overdue_count(db, scope, day),
        },
    )


@router.get("/feedback/queue/actions/new", name="feedback_action_new")
def action_new(request: Request, db: DbSession, principal: Triager, item: str = "") -> Response:
    """The form for a new action, or, for someone who may add one for no team (or came from
    an item of a team whose feedback they may only read), a page saying why there is none."""
    scope = triage.scope_of(principal)
    origin = _item_or_404(db, scope, item)
    values = {"status": ActionStatus.PLANNED.value, "item": item if origin else ""}
    if origin is None:
        return _action_form(request, db, principal, None, values, {})
    values["team_id"] = str(origin.team_id)
    return _action_form(request, db, principal, None, values, {}, team_id=origin.team_id)


@router.post("/feedback/queue/actions/new", name="feedback_action_create")
def action_create(request: Request, db: DbSession, principal: Triager, form: FormDep) -> Response:
    scope = triage.scope_of(principal)
    origin = _item_or_404(db, scope, text(form, "item"))
    team_id = origin.team_id if origin else whole_number(text(form, "team_id"))
    _may_add_or_refuse(request, db, principal, origin, team_id)
    teams = {t.id for t in actions.teams_to_act_for(db, principal)}
    data, errors = triage_forms.parse_action(form)
    if team_id not in teams:
        errors = {"team_id": "Choose the team whose action this is", **errors}
    if data is None or errors or team_id is None:
        values = {
            **triage_forms.action_values(form),
            "team_id": text(form, "team_id"),
            "item": text(form, "item"),
        }
        for_item = origin.team_id if origin else None
        return _action_form(request, db, principal, None, values, errors, 422, for_item)
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


def _may_add_or_refuse(
    request: Request,
    db: Session,
    principal: Principal,
    origin: FeedbackSubmission | None,
    team_id: int | None,
) -> None:
    """A new action for a team this person sees but may only read is refused (audited); a
    team they do not see at all, or none, is an error beside the field instead, as if there
    were no such team."""
    if origin is not None:
        record = ("feedback_submission", origin.id)
        _may_act_or_refuse(request, db, principal, origin.team_id, record)
    seen = {t.id for t in triage.teams_in(db, triage.scope_of(principal))}
    if team_id is not None and team_id in seen:
        _may_act_or_refuse(request, db, principal, team_id, ("team", team_id))


@router.get("/feedback/queue/actions/{action_id:id}", name="feedback_action")
def action_edit(request: Request, db: DbSession, principal: Triager, action_id: int) -> Response:
    """The action's page: a form to change it for those who may, else the action to read."""
    action = _action_or_404(db, triage.scope_of(principal), action_id)
    values = triage_forms.values_of_action(
        action.title, action.public_summary, action.status, action.due_on
    )
    return _action_form(request, db, principal, action, values, {}, seen=actions.seen_of(action))


@router.post("/feedback/queue/actions/{action_id:id}", name="feedback_action_save")
def action_save(
    request: Request, db: DbSession, principal: Triager, action_id: int, form: FormDep
) -> Response:
    action = _action_or_404(db, triage.scope_of(principal), action_id)
    _may_act_or_refuse(request, db, principal, action.team_id, ("feedback_action", action_id))
    data, errors = triage_forms.parse_action(form)
    seen = str(form.get("seen", ""))
    if data is None:
        values = triage_forms.action_values(form)
        return _action_form(request, db, principal, action, values, errors, 422, seen=seen)
    if seen and seen != actions.seen_of(action):
        # Shown with what it says now, and the current digest: saving again is deliberate.
        values = triage_forms.action_values(form)
        errors = {"changed": CHANGED_SINCE_SHOWN}
        add_event(db, actor_from(request), "feedback.action.save_refused", RESULT_REFUSED,
                  "feedback_action", action.id, {"why": "changed since it was opened"})  # fmt: skip
        now_seen = actions.seen_of(action)
        return _action_form(request, db, principal, action, values, errors, 409, seen=now_seen)
    actions.update_action(db, actor_from(request), action, data)
    flash(request, "Action saved")
    return redirect(request, str(request.url_for("feedback_action", action_id=action.id)))


def _action_form(
    request: Request,
    db: Session,
    principal: Principal,
    action: FeedbackAction | None,
    values: dict[str, Any],
    errors: Errors,
    status: int = 200,
    team_id: int | None = None,
    seen: str = "",
) -> Response:
    """The action's page (a new one's when ``action`` is None, for the team ``team_id`` when
    it starts from an item): its form only for those who may act for the team (for a new
    action on its own, for some team), and whether it is overdue, said in words."""
    day = today()
    team_id = action.team_id if action else team_id
    teams = actions.teams_to_act_for(db, principal)
    may_work = actions.may_act_for(principal, team_id) if team_id is not None else bool(teams)
    items = actions.items_of(db, action.id) if action and action.id else []
    return render(
        request,
        "feedback/queue/action_form.html",
        {
            "action": action,
            "team": db.get(Team, team_id) if team_id is not None else None,
            "may_work": may_work,
            "overdue": action is not None and actions.is_overdue(action, day),
            "teams": [(str(t.id), t.name) for t in teams],
            "items": triage_display.rows_for(db, items, day),
            "statuses": [
                (s.value, label) for s, label in triage_forms.ACTION_STATUS_LABELS.items()
            ],
            "status_labels": triage_forms.ACTION_STATUS_LABELS,
            "values": values,
            "errors": errors,
            "seen": seen,
        },
        status_code=status,
    )


@router.post("/feedback/queue/{submission_id:id}/actions", name="feedback_item_link_action")
def link_action(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    scope = triage.scope_of(principal)
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    wanted = whole_number(text(form, "action_id"))
    if wanted is None:
        errors = {"action_id": "Choose the action to link this feedback to"}
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    action = _action_or_404(db, scope, wanted)
    _may_act_or_refuse(request, db, principal, action.team_id, ("feedback_action", wanted))
    actions.link_item(db, actor_from(request), action, submission)
    return back_to_item(request, submission, f"Linked to: {action.title}", form, used="action_id")


@router.post(
    "/feedback/queue/{submission_id:id}/actions/{action_id:id}/unlink",
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
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    action = _action_or_404(db, scope, action_id)
    _may_act_or_refuse(request, db, principal, action.team_id, ("feedback_action", action_id))
    actions.unlink_item(db, actor_from(request), action, submission)
    return back_to_item(request, submission, f"No longer linked to: {action.title}", form)
