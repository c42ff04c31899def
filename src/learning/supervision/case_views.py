"""Case discussions and actions of a session being recorded, and marking actions done.

Each has its own page (one thing per page), reached from the session form by buttons that
first save the draft, so nothing typed there is lost on the way. A case discussion's form
is kept as a draft as it is typed too (see case_drafts). Each page carries where the record
was in its life when it was opened (``stage``): a change from one opened before the record
was recorded goes back to the record, with what was typed, rather than reopen it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.audit.service import actor_from, record
from learning.core.clock import to_london, today
from learning.core.deps import DbSession
from learning.core.web import flash, is_htmx, redirect, render
from learning.supervision import (
    case_drafts,
    case_forms,
    conflicts,
    discussions,
    forms,
    records,
    service,
)
from learning.supervision.models import CaseDiscussion, SupervisionSession
from learning.supervision.terms import ActionStatus
from learning.supervision.views_common import (
    FormFields,
    Reader,
    Recorder,
    cannot_change_now,
    labels,
    local_path,
    refusals,
)

router = APIRouter(dependencies=[Depends(refusals, scope="function")])


def _back_to_form(request: Request, session_id: int | None, anchor: str) -> Response:
    return redirect(request, str(request.url_for("session_edit", session_id=session_id))
                    + anchor)


# Case discussions ---------------------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}/cases/new", name="session_case_new")
def case_new(request: Request, db: DbSession, principal: Recorder, session_id: int) -> Response:
    try:
        session = service.require_editable_session(db, principal, session_id)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id)
    return _case_page(request, db, session, None, {}, {}, draft=True)


@router.post("/supervision/sessions/{session_id:id}/cases", name="session_case_create")
def case_create(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    try:
        session = service.require_editable_session(db, principal, session_id)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id, fields)
    data, errors = case_forms.parse_case(fields, service.case_framework(db, session).labels)
    if data is None:
        return _case_page(request, db, session, None, _typed(fields), errors, 422)
    try:
        service.add_case_discussion(db, principal, actor_from(request), session_id, data,
                                    stage=fields.one(conflicts.STAGE_FIELD))
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id, fields)
    except service.InvalidInput as invalid:
        return _case_page(request, db, session, None, _typed(fields), invalid.errors, 422)
    flash(request, f"The case discussion for {data.case_reference} has been added")
    return _back_to_form(request, session_id, "#case-discussions")


@router.get("/supervision/cases/{case_id:id}/edit", name="session_case_edit")
def case_edit(request: Request, db: DbSession, principal: Recorder, case_id: int) -> Response:
    try:
        discussion, session = service.require_case_discussion(db, principal, case_id)
    except service.CannotChangeNow as locked:
        return _locked_case(request, db, case_id, str(locked))
    record(db, actor_from(request), "supervision.case_discussion.viewed", "case_discussion",
           case_id, session_id=session.id)
    values = discussions.case_values_of(db, discussion)
    return _case_page(request, db, session, discussion, values, {}, draft=True)


@router.post("/supervision/cases/{case_id:id}/edit", name="session_case_update")
def case_update(
    request: Request, db: DbSession, principal: Recorder, case_id: int, fields: FormFields
) -> Response:
    try:
        discussion, session = service.require_case_discussion(db, principal, case_id)
    except service.CannotChangeNow as locked:
        return _locked_case(request, db, case_id, str(locked), fields)
    data, errors = case_forms.parse_case(fields, service.case_framework(db, session).labels)
    if data is None:
        return _case_page(request, db, session, discussion, _typed(fields), errors, 422)
    try:
        service.update_case_discussion(db, principal, actor_from(request), case_id, data,
                                       stage=fields.one(conflicts.STAGE_FIELD))
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), discussion.session_id, fields)
    except service.InvalidInput as invalid:
        return _case_page(request, db, session, discussion, _typed(fields), invalid.errors,
                          422)
    flash(request, f"The case discussion for {data.case_reference} has been changed")
    return _back_to_form(request, session.id, "#case-discussions")


@router.get("/supervision/cases/{case_id:id}/remove", name="session_case_remove_confirm")
def case_remove_confirm(
    request: Request, db: DbSession, principal: Recorder, case_id: int
) -> Response:
    try:
        discussion, session = service.require_case_discussion(db, principal, case_id)
    except service.CannotChangeNow as locked:
        return _locked_case(request, db, case_id, str(locked))
    return render(request, "supervision/session_case_remove.html", {
        "discussion": discussion, "session": session, "stage": conflicts.stage_of(session)})


@router.post("/supervision/cases/{case_id:id}/remove", name="session_case_remove")
def case_remove(
    request: Request, db: DbSession, principal: Recorder, case_id: int, fields: FormFields
) -> Response:
    try:
        discussion, _ = service.require_case_discussion(db, principal, case_id)
        reference = discussion.case_reference
        session = service.remove_case_discussion(db, principal, actor_from(request), case_id,
                                                 stage=fields.one(conflicts.STAGE_FIELD))
    except service.CannotChangeNow as locked:
        return _locked_case(request, db, case_id, str(locked))
    flash(request, f"The case discussion for {reference} has been removed")
    return _back_to_form(request, session.id, "#case-discussions")


def _locked_case(
    request: Request, db: Session, case_id: int, message: str,
    fields: forms.Fields | None = None,
) -> Response:
    discussion = db.get(CaseDiscussion, case_id)
    assert discussion is not None
    return cannot_change_now(request, message, discussion.session_id, fields)


def _typed(fields: forms.Fields) -> dict[str, Any]:
    """A case form as sent, to show again: with the stage its page was opened at, so that
    a page opened before the record was recorded is still refused once it is corrected."""
    return {**case_forms.case_values(fields), "stage": fields.one(conflicts.STAGE_FIELD)}


def _case_page(
    request: Request, db: Session, session: SupervisionSession,
    discussion: CaseDiscussion | None, values: dict[str, Any], errors: forms.Errors,
    status: int = 200, draft: bool = False,
) -> Response:
    """The case form; with ``draft``, what was typed and not saved is shown in place of the
    values given, with when it was kept."""
    assert session.id is not None
    kept = case_drafts.case_draft(db, session.id, discussion.id if discussion else None) \
        if draft else None
    draft_saved_at = None
    if kept is not None:
        typed, saved_at = kept
        values = {name: typed.get(name, "") for name in case_forms.CASE_ORDER}
        draft_saved_at = to_london(saved_at)
        record(db, actor_from(request), "supervision.case_discussion.draft_viewed",
               "case_discussion", discussions.key_for(discussion.id if discussion else None),
               session_id=session.id)
    names = records.names_of(db, {session.supervisee_id})
    return render(request, "supervision/session_case_form.html", {
        "session": session,
        "discussion": discussion,
        "supervisee_name": names.get(session.supervisee_id, ""),
        "framework": service.case_framework(db, session),
        "values": values,
        "errors": errors,
        "raters": list(case_forms.RATING_FIELDS.items()),
        "labels": labels(),
        "draft_saved_at": draft_saved_at,
        "draft_url": _draft_url(request, session.id, discussion),
        "stage": conflicts.stage_of(session),
    }, status_code=status)


# Drafts of case discussions -----------------------------------------------------------


@router.post("/supervision/sessions/{session_id:id}/cases/draft", name="session_case_draft_new")
def case_draft_new(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    return _keep_draft(request, db, principal, session_id, None, fields)


@router.post("/supervision/cases/{case_id:id}/draft", name="session_case_draft")
def case_draft(
    request: Request, db: DbSession, principal: Recorder, case_id: int, fields: FormFields
) -> Response:
    try:
        discussion, _ = service.require_case_discussion(db, principal, case_id)
    except service.CannotChangeNow as locked:
        return _locked_case(request, db, case_id, str(locked), fields)
    return _keep_draft(request, db, principal, discussion.session_id, case_id, fields)


def _keep_draft(
    request: Request, db: Session, principal: Principal, session_id: int,
    case_id: int | None, fields: forms.Fields,
) -> Response:
    """Keep the form as typed: the status line for an autosave (HTMX), or back to the form
    with a message for "Save draft", or forget it for "Discard what was not saved"."""
    actor = actor_from(request)
    try:
        if fields.one("then") == "discard":
            case_drafts.discard_case_draft(db, principal, actor, session_id, case_id)
            flash(request, "What was not saved has been discarded")
            return redirect(request, _case_url(request, session_id, case_id))
        saved_at = case_drafts.save_case_draft(db, principal, actor, session_id, case_id, fields)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id, fields)
    if is_htmx(request):
        return render(request, "supervision/_case_saved.html",
                      {"saved_at": to_london(saved_at).strftime("%H:%M") if saved_at else ""})
    flash(request, "Your draft has been saved. Save the case discussion when it is ready"
          if saved_at else "Nothing differs from what is saved")
    return redirect(request, _case_url(request, session_id, case_id))


def _case_url(request: Request, session_id: int, case_id: int | None) -> str:
    if case_id is None:
        return str(request.url_for("session_case_new", session_id=session_id))
    return str(request.url_for("session_case_edit", case_id=case_id))


def _draft_url(request: Request, session_id: int, discussion: CaseDiscussion | None) -> str:
    if discussion is None:
        return str(request.url_for("session_case_draft_new", session_id=session_id))
    return str(request.url_for("session_case_draft", case_id=discussion.id))


# Actions ------------------------------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}/actions/new", name="session_action_new")
def action_new(request: Request, db: DbSession, principal: Recorder, session_id: int) -> Response:
    try:
        session = service.require_editable_session(db, principal, session_id)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id)
    return _action_page(request, db, session, {}, {})


@router.post("/supervision/sessions/{session_id:id}/actions", name="session_action_create")
def action_create(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    try:
        session = service.require_editable_session(db, principal, session_id)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id, fields)
    data, errors = case_forms.parse_action(fields)
    stage = fields.one(conflicts.STAGE_FIELD)
    if data is not None:
        try:
            service.add_action(db, principal, actor_from(request), session_id, data,
                               stage=stage)
        except service.CannotChangeNow as not_now:
            return cannot_change_now(request, str(not_now), session_id, fields)
        except service.InvalidInput as invalid:
            errors = invalid.errors
        else:
            flash(request, "The action has been added")
            return _back_to_form(request, session_id, "#actions")
    values = {**case_forms.action_values(fields), "stage": stage}  # as opened: see _typed
    return _action_page(request, db, session, values, errors, 422)


def _action_page(
    request: Request, db: Session, session: SupervisionSession, values: dict[str, Any],
    errors: forms.Errors, status: int = 200,
) -> Response:
    assert session.id is not None
    people = records.people_to_choose(db, session.council_id)
    first = [p for pid in (session.supervisee_id, session.supervisor_id)
             for p in people if p.id == pid]
    owners = [*first, *(p for p in people if p not in first)]
    cases = records.case_discussions_of(db, session.id)
    names = records.names_of(db, {session.supervisee_id})
    return render(request, "supervision/session_action_form.html", {
        "session": session,
        "supervisee_name": names.get(session.supervisee_id, ""),
        "owner_options": [(str(p.id), p.name) for p in owners],
        "case_options": [(str(c.id), c.case_reference) for c in cases],
        "values": values,
        "errors": errors,
        "stage": conflicts.stage_of(session),
    }, status_code=status)


@router.post("/supervision/actions/{action_id:id}/status", name="supervision_action_status")
def action_status(
    request: Request, db: DbSession, principal: Reader, action_id: int, fields: FormFields
) -> Response:
    """Done, dropped or open again; back to the page it was changed on. A "Drop" button
    leads to the page that asks why (only the supervisee's current supervisor drops)."""
    status = case_forms.parse_action_status(fields)
    fallback = str(request.url_for("my_supervision"))
    back = local_path(fields.one("next"), fallback)
    if status is None:
        flash(request, "Choose done, dropped or open", "important")
        return redirect(request, back)
    if status == ActionStatus.DROPPED and "reason" not in fields.names():
        discussions.require_droppable(db, principal, action_id)
        return redirect(request, drop_url(request, action_id, back))
    try:
        change_action_status(request, db, principal, action_id, status,
                             reason=fields.one("reason"))
    except service.InvalidInput as invalid:
        return _drop_page(request, db, principal, action_id, back,
                          {"reason": fields.raw("reason")}, invalid.errors, 422)
    return redirect(request, back)


def drop_url(request: Request, action_id: int, back: str) -> str:
    """The page that asks why an action is dropped, then returns to ``back``."""
    url = request.url_for("supervision_action_drop", action_id=action_id)
    return str(url.include_query_params(next=back))


@router.get("/supervision/actions/{action_id:id}/drop", name="supervision_action_drop")
def action_drop(request: Request, db: DbSession, principal: Recorder, action_id: int) -> Response:
    back = local_path(request.query_params.get("next", ""),
                      str(request.url_for("supervision_home")))
    return _drop_page(request, db, principal, action_id, back, {}, {})


def _drop_page(
    request: Request, db: Session, principal: Principal, action_id: int, back: str,
    values: dict[str, Any], errors: forms.Errors, status: int = 200,
) -> Response:
    action = discussions.require_droppable(db, principal, action_id)
    record(db, actor_from(request), "supervision.action.viewed", discussions.ACTION_TYPE,
           action_id, session_id=action.session_id, purpose="drop")
    names = records.names_of(db, {action.supervisee_id, action.owner_id})
    return render(request, "supervision/action_drop.html", {
        "action": action,
        "supervisee_name": names.get(action.supervisee_id, ""),
        "owner_name": names.get(action.owner_id, ""),
        "back": back,
        "values": values,
        "errors": errors,
    }, status_code=status)


def change_action_status(
    request: Request, db: Session, principal: Principal, action_id: int, status: ActionStatus,
    *, reason: str = "",
) -> None:
    """Done, dropped or open again, said on the next page."""
    action = discussions.set_action_status(db, principal, actor_from(request), action_id,
                                           status, on=today(), reason=reason)
    flash(request, f"Action marked as {labels()['action_status'][status].lower()}: "
          f"{action.description[:80]}")
