"""Recording a supervision session, reading it, signing it off and amending it, and the
supervisee's own page. Thin: parse, authorise, call the service, render or redirect.

Case discussions and actions are in :mod:`.case_views`, whose router is included here.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.audit.service import actor_from
from learning.core.clock import to_london, today
from learning.core.deps import DbSession
from learning.core.record_ids import is_id
from learning.core.web import flash, is_htmx, redirect, render, typed_for
from learning.org import service as org
from learning.supervision import (
    access,
    case_drafts,
    case_views,
    conflicts,
    discussions,
    forms,
    frameworks,
    records,
    service,
)
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import ActionStatus, SessionStatus
from learning.supervision.views_common import (
    FormFields,
    Reader,
    Recorder,
    cannot_change_now,
    labels,
    refusals,
    unsaved_key,
)
from learning.themes.arrival_queue import after_response
from learning.themes.arrivals import SUPERVISION

router = APIRouter(dependencies=[Depends(refusals, scope="function")])
router.include_router(case_views.router)


def _url(request: Request, name: str, **params: Any) -> str:
    return str(request.url_for(name, **params))


# The supervisee's own page -----------------------------------------------------------------


@router.get("/supervision/mine", name="my_supervision")
def my_supervision(request: Request, db: DbSession, principal: Reader) -> Response:
    sessions = [s for s in service.list_sessions_for(db, principal.person_id)
                if s.status != SessionStatus.DRAFT or s.version > 1]  # not first drafts
    actions = service.list_open_actions_owned_by(db, principal.person_id)
    names = records.names_of(db, {s.supervisor_id for s in sessions}
                             | {a.owner_id for a in actions} | {a.supervisee_id for a in actions})
    return render(request, "supervision/session_mine.html", {
        "awaiting": [s for s in sessions if service.awaiting_sign_off(s)],
        "sessions": [s for s in sessions if not service.awaiting_sign_off(s)],
        "actions": actions,
        "names": names,
        "today": today(),
        "labels": labels(),
    })


# Starting and the session form -------------------------------------------------------------


@router.post("/supervision/supervisees/{person_id:id}/sessions", name="session_start")
def session_start(request: Request, db: DbSession, principal: Recorder, person_id: int) -> Response:
    session, created = service.create_session(db, principal, actor_from(request), person_id)
    if not created:
        flash(request, "You have already started a record for this person. Carry on with it.",
              "important")
    return redirect(request, _url(request, "session_edit", session_id=session.id))


@router.get("/supervision/sessions/{session_id:id}/edit", name="session_edit")
def session_edit(request: Request, db: DbSession, principal: Recorder, session_id: int) -> Response:
    try:
        session = service.require_editable_session(db, principal, session_id)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id)
    return _edit_page(request, db, principal, session, service.draft_errors(session))


def _edit_page(
    request: Request, db: Session, principal: Principal, session: SupervisionSession,
    errors: forms.Errors, status: int = 200, *, values: dict[str, forms.Raw] | None = None,
    latest: list[tuple[str, str]] | None = None,
) -> Response:
    """The session form: the record's answers, or ``values`` (as typed); ``latest`` lists
    the record's answers that differ from them when a save of them was refused."""
    assert session.id is not None
    record = service.read_session(db, principal, actor_from(request), session.id, purpose="edit")
    values = values or service.form_values(db, session)
    people = records.people_to_choose(db, session.council_id)
    carried = service.list_open_actions_for(db, session.supervisee_id,
                                            excluding_session_id=session.id)
    return render(request, "supervision/session_edit.html", {
        "record": record,
        "session": session,
        "values": values,
        "errors": errors,
        "seen": service.form_token(db, session),
        "latest": latest,
        "awaiting": service.awaiting_sign_off(session),
        "recorded": service.is_recorded(session),
        "discardable": service.discardable(session),
        "amending": session.version > 1 and not service.is_recorded(session),
        "models": frameworks.reflective_models(),
        "model": frameworks.reflective_model(str(values.get("reflective_model") or "")),
        "framework": service.case_framework(db, session),
        "attendee_options": [(str(p.id), p.name) for p in people
                             if p.id not in (session.supervisor_id, session.supervisee_id)],
        "wellbeing_options": [(str(n), str(n)) for n in range(11)] + [("", "Not asked")],
        "carried": carried,
        "names": records.names_of(db, {a.owner_id for a in carried}),
        "today": today(),
        "labels": labels(),
        "case_drafts": case_drafts.drafts_in(db, session.id),
    }, status_code=status)


@router.post("/supervision/sessions/{session_id:id}/autosave", name="session_autosave")
def session_autosave(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    """The draft, saved as it is typed (HTMX), or with "Save draft" (a whole form). The
    answer to HTMX gives the page the record's new token (``conflicts``)."""
    try:
        saved = service.save_draft(db, principal, actor_from(request), session_id, fields)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id, fields)
    except service.ChangedSinceOpened as changed:
        return _not_saved(request, db, principal, session_id, fields, changed)
    if is_htmx(request):
        session = service.get_session(db, session_id)
        assert session is not None
        model = frameworks.reflective_model(session.reflective_model)
        return render(request, "supervision/_session_saved.html", {
            "seen": service.form_token(db, session),
            "saved_at": to_london(saved.saved_at).strftime("%H:%M"),
            "kept": saved.errors,
            "kept_said": _said_already(request, session_id, saved.errors),
            "model_changed": saved.model_changed,
            "model": model,
            "values": service.form_values(db, session) if saved.model_changed else {},
            "errors": saved.errors,
        })
    then = fields.one("then")
    status, _, action_id = then.partition(":")
    if status in ("done", "dropped") and is_id(action_id):  # a carried action's button
        return _action_then(request, db, principal, int(action_id), status, session_id)
    if then == "case":
        return redirect(request, _url(request, "session_case_new", session_id=session_id))
    if then == "action":
        return redirect(request, _url(request, "session_action_new", session_id=session_id))
    if then == "discard":  # saved first: if they keep it, nothing typed is lost
        return redirect(request, _url(request, "session_discard_confirm", session_id=session_id))
    flash(request, "Your draft has been saved" + (
        ". Some answers need checking before you record the session." if saved.errors else ""))
    return redirect(request, _url(request, "session_edit", session_id=session_id))


def _not_saved(
    request: Request, db: Session, principal: Principal, session_id: int, fields: FormFields,
    changed: service.ChangedSinceOpened,
) -> Response:
    """A form opened before the record last changed: nothing was saved. With HTMX the status
    line says so, and the page keeps what was typed and its old token, so nothing more is
    saved from it unseen (200: htmx swaps no error answer in). Without, the form comes back
    as typed, with the record's answers where they differ and the record's token now:
    saving it again is then a choice made having seen both."""
    session = service.require_editable_session(db, principal, session_id)
    if is_htmx(request):
        return render(request, "supervision/_session_not_saved.html", {
            "session": session, "recorded": changed.recorded_at is not None,
            "message": conflicts.not_saved(changed, "this change was"),
        })
    shown = service.form_values(db, session)
    people = records.names_of(db, {int(i) for i in shown.get("attendees", []) if is_id(i)})
    return _edit_page(
        request, db, principal, session,
        {"latest-saved": conflicts.not_saved(changed, "your changes were")}, status=409,
        values={**shown, **forms.session_values(fields)},
        latest=conflicts.latest_answers(changed.differing, shown, people),
    )


def _said_already(request: Request, session_id: int, errors: dict[str, str]) -> bool:
    """Whether the last autosave of this session already listed these same problems: the
    status line is read out at every save, so the list is read once, then only that some
    answers still need checking."""
    said: dict[str, list[str]] = request.scope["session"].setdefault("_autosave_checks", {})
    now = sorted(errors.values())
    before = said.get(str(session_id))
    said[str(session_id)] = now
    return bool(now) and before == now


def _action_then(
    request: Request, db: Session, principal: Principal, action_id: int, status: str,
    session_id: int,
) -> Response:
    """"Mark done" or "Drop" on a carried action, sent with the session's form: the draft is
    saved first (nothing typed is lost, with or without JavaScript), then the action is
    done, or the page that asks why it is dropped is next."""
    back = str(request.url_for("session_edit", session_id=session_id).path) + "#carried-heading"
    if status == ActionStatus.DROPPED:
        discussions.require_droppable(db, principal, action_id)
        return redirect(request, case_views.drop_url(request, action_id, back))
    case_views.change_action_status(request, db, principal, action_id, ActionStatus(status))
    return redirect(request, _url(request, "session_edit", session_id=session_id))


@router.post("/supervision/sessions/{session_id:id}/record", name="session_record")
def session_record(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    """Everything typed is kept as the draft; the record is recorded only if complete."""
    try:
        session = service.record_session(db, principal, actor_from(request), session_id, fields)
    except service.CannotChangeNow as locked:
        return cannot_change_now(request, str(locked), session_id, fields)
    except service.ChangedSinceOpened as changed:
        return _not_saved(request, db, principal, session_id, fields, changed)
    except service.InvalidInput as invalid:
        draft = service.require_editable_session(db, principal, session_id)
        return _edit_page(request, db, principal, draft, invalid.errors, status=422)
    supervisee = records.names_of(db, {session.supervisee_id}).get(session.supervisee_id, "")
    flash(request, f"The session has been recorded. {supervisee} can now read it and sign it off.")
    return redirect(request, _url(request, "session_detail", session_id=session_id))


# Reading, signing off and amending ---------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}", name="session_detail")
def session_detail(request: Request, db: DbSession, principal: Reader, session_id: int) -> Response:
    return _detail_page(request, db, principal, session_id, {}, {})


def _detail_page(
    request: Request, db: Session, principal: Principal, session_id: int,
    values: dict[str, Any], errors: forms.Errors, status: int = 200,
) -> Response:
    record = service.read_session(db, principal, actor_from(request), session_id)
    session = record.session
    is_supervisee = principal.person_id == session.supervisee_id
    can_sign = is_supervisee and service.awaiting_sign_off(session)
    is_supervisor = (principal.person_id == session.supervisor_id
                     and org.is_current_supervisor(db, principal.person_id,
                                                   session.supervisee_id))
    sharing = [name for name, on in (("personal", session.share_personal_for_learning),
                                     ("case_learning", session.share_case_learning)) if on]
    return render(request, "supervision/session_detail.html", {
        "record": record,
        "session": session,
        "sees_personal": access.sees_personal_section(principal, session),
        "is_supervisee": is_supervisee,
        "can_sign": can_sign,
        "seen": service.sign_off_fingerprint(db, session) if can_sign else "",
        "needs_sign_off": service.needs_sign_off(session.status),
        "can_share": is_supervisee and service.is_recorded(session),
        "can_edit": is_supervisor and not session.locked,
        "can_amend": is_supervisor and session.locked,
        "can_discard": is_supervisor and service.discardable(session),
        "can_cancel_amendment": not is_supervisee and service.being_amended(session),
        "recorded": service.is_recorded(session),
        "versions": records.version_history(db, session_id),
        "framework": service.case_framework(db, session),
        "model": frameworks.reflective_model(session.reflective_model),
        "values": {"sharing": sharing, **values},
        "errors": errors,
        "labels": labels(),
        "today": today(),
        "unsaved": [(forms.field_label(name), text) for name, text
                    in typed_for(request, unsaved_key(session_id)).items()],
    }, status_code=status)


@router.post("/supervision/sessions/{session_id:id}/sign-off", name="session_sign_off")
def session_sign_off(
    request: Request, db: DbSession, principal: Reader, session_id: int, fields: FormFields
) -> Response:
    data, errors = forms.parse_sign_off(fields)
    if data is None:
        values = forms.sign_off_values(fields)
        return _detail_page(request, db, principal, session_id, values, errors, 422)
    try:
        service.sign_off(db, principal, actor_from(request), session_id, data)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id, fields)
    except service.RecordChanged:
        # What was chosen and typed comes back with the record as it is now, to read again.
        values = forms.sign_off_values(fields)
        errors = {"agreed": forms.RECORD_CHANGED}
        return _detail_page(request, db, principal, session_id, values, errors, 409)
    flash(request, "You have signed off the record" if data.agreed
          else "You have signed off the record with your comments")
    detail = redirect(request, _url(request, "session_detail", session_id=session_id))
    return after_response(request, detail, SUPERVISION, session_id)


@router.post("/supervision/sessions/{session_id:id}/sharing", name="session_sharing")
def session_sharing(
    request: Request, db: DbSession, principal: Reader, session_id: int, fields: FormFields
) -> Response:
    try:
        service.set_sharing(db, principal, actor_from(request), session_id,
                            forms.parse_sharing(fields))
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id, fields)
    flash(request, "Your choices about sharing have been saved")
    detail = redirect(request, _url(request, "session_detail", session_id=session_id))
    return after_response(request, detail, SUPERVISION, session_id)


@router.post("/supervision/sessions/{session_id:id}/amend", name="session_amend")
def session_amend(
    request: Request, db: DbSession, principal: Recorder, session_id: int, fields: FormFields
) -> Response:
    reason, errors = forms.parse_amendment(fields)
    if reason is None:
        values = {"reason": fields.raw("reason")}
        return _detail_page(request, db, principal, session_id, values, errors, 422)
    try:
        session = service.amend_session(db, principal, actor_from(request), session_id, reason)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id, fields)
    flash(request, f"You are amending the record: this will be version {session.version}. "
          "Make the changes, then record the session again for sign-off.")
    edit = redirect(request, _url(request, "session_edit", session_id=session_id))
    return after_response(request, edit, SUPERVISION, session_id)  # its items are withdrawn


@router.get("/supervision/sessions/{session_id:id}/versions/{version:id}",
            name="session_version")
def session_version(
    request: Request, db: DbSession, principal: Reader, session_id: int, version: int
) -> Response:
    record = service.read_version(db, principal, actor_from(request), session_id, version)
    current = service.require_readable_session(db, principal, session_id)
    return render(request, "supervision/session_version.html", {
        "record": record,
        "session": record.session,
        "current": current,
        "sees_personal": access.sees_personal_section(principal, current),
        "framework": service.case_framework(db, current),
        "model": frameworks.reflective_model(record.session.reflective_model),
        "labels": labels(),
        "today": today(),
    })


# Discarding a draft never recorded ---------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}/discard", name="session_discard_confirm")
def session_discard_confirm(
    request: Request, db: DbSession, principal: Recorder, session_id: int
) -> Response:
    try:
        session = service.require_discardable(db, principal, session_id)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id)
    record = service.read_session(db, principal, actor_from(request), session_id,
                                  purpose="discard")
    return render(request, "supervision/session_discard.html", {
        "record": record, "session": session,
        "case_drafts": case_drafts.drafts_in(db, session_id),
    })


@router.post("/supervision/sessions/{session_id:id}/discard", name="session_discard")
def session_discard(
    request: Request, db: DbSession, principal: Recorder, session_id: int
) -> Response:
    try:
        session = service.discard_draft(db, principal, actor_from(request), session_id)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id)
    supervisee = records.names_of(db, {session.supervisee_id}).get(session.supervisee_id, "")
    flash(request, f"The draft record for {supervisee} has been discarded")
    return redirect(request, _url(request, "supervision_home"))


# Cancelling an amendment ---------------------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}/cancel-amendment",
            name="session_cancel_amendment_confirm")
def session_cancel_amendment_confirm(
    request: Request, db: DbSession, principal: Reader, session_id: int
) -> Response:
    return _cancel_page(request, db, principal, session_id, {}, {})


def _cancel_page(
    request: Request, db: Session, principal: Principal, session_id: int,
    values: dict[str, Any], errors: forms.Errors, status: int = 200,
) -> Response:
    try:
        cancellation = service.require_cancellable_amendment(db, principal, session_id)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id)
    record = service.read_session(db, principal, actor_from(request), session_id,
                                  purpose="cancel amendment")
    return render(request, "supervision/session_cancel_amendment.html", {
        "record": record, "session": cancellation.session, "cancellation": cancellation,
        "amended_by": records.names_of(db, {cancellation.restored.amended_by_id}).get(
            cancellation.restored.amended_by_id, ""),
        "case_drafts": case_drafts.drafts_in(db, session_id),
        "values": values, "errors": errors,
    }, status_code=status)


@router.post("/supervision/sessions/{session_id:id}/cancel-amendment",
             name="session_cancel_amendment")
def session_cancel_amendment(
    request: Request, db: DbSession, principal: Reader, session_id: int, fields: FormFields
) -> Response:
    reason, errors = forms.parse_cancellation(fields)
    if reason is None:
        values = {"reason": fields.raw("reason")}
        return _cancel_page(request, db, principal, session_id, values, errors, 422)
    try:
        session = service.cancel_amendment(db, principal, actor_from(request), session_id,
                                           reason)
    except service.CannotChangeNow as not_now:
        return cannot_change_now(request, str(not_now), session_id, fields)
    flash(request, f"The amendment has been cancelled: the record is version "
          f"{session.version} again, as it was signed off")
    detail = redirect(request, _url(request, "session_detail", session_id=session_id))
    return after_response(request, detail, SUPERVISION, session_id)
