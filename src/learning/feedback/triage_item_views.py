"""What staff do on a feedback item's page: tag it, reply, close or reopen it, and let a held
item in or keep it as spam (never deleted)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from learning.audit.service import actor_from
from learning.core.deps import DbSession
from learning.feedback import triage, triage_forms, triage_work
from learning.feedback.triage_item_page import (
    Triager,
    back_to_item,
    item_or_404,
    item_page,
    typed,
)
from learning.org.view_helpers import FormDep

router = APIRouter()


@router.post("/feedback/queue/{submission_id:int}/tags", name="feedback_tag_add")
def tag_add(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    name, errors = triage_forms.parse_tag(form)
    if name is not None:
        try:
            triage_work.add_tag(db, actor_from(request), submission, name)
        except triage_work.AlreadyTagged:
            errors = {"tag": f"This feedback is already tagged '{name}'"}
    if errors:
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    return back_to_item(request, submission, f"Tagged '{name}'", form, used="tag")


@router.post(
    "/feedback/queue/{submission_id:int}/tags/{tag_id:int}/remove", name="feedback_tag_remove"
)
def tag_remove(
    request: Request,
    db: DbSession,
    principal: Triager,
    submission_id: int,
    tag_id: int,
    form: FormDep,
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    triage_work.remove_tag(db, actor_from(request), submission, tag_id)
    return back_to_item(request, submission, "Tag removed", form)


@router.post("/feedback/queue/{submission_id:int}/reply", name="feedback_reply")
def reply(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    way = triage_work.channel(submission)
    if way is None:
        raise HTTPException(status_code=409)
    body, errors = triage_forms.parse_reply(form, by_phone=way == "phone")
    if body is None:
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    settings = request.app.state.settings
    try:
        triage_work.reply(db, actor_from(request), settings, submission, body)
    except triage_work.AlreadyReplied:
        sent = "was sent" if way == "email" else "was noted"
        return back_to_item(request, submission, f"This reply {sent} a moment ago", form,
                            used="body")
    done = "Your reply is on its way by email" if way == "email" else "Your phone call is noted"
    return back_to_item(request, submission, done, form, used="body")


@router.post("/feedback/queue/{submission_id:int}/close", name="feedback_close")
def close(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    triage.set_closed(db, actor_from(request), submission, closed=True)
    return back_to_item(request, submission, "Feedback closed", form)


@router.post("/feedback/queue/{submission_id:int}/reopen", name="feedback_reopen")
def reopen(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    triage.set_closed(db, actor_from(request), submission, closed=False)
    return back_to_item(request, submission, "Feedback opened again", form)


@router.post("/feedback/queue/{submission_id:int}/release", name="feedback_release")
def release(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    triage.release(db, actor_from(request), submission)
    return back_to_item(request, submission, "Let into the team's feedback", form)


@router.post("/feedback/queue/{submission_id:int}/spam", name="feedback_spam")
def spam(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    triage.keep_as_spam(db, actor_from(request), submission)
    return back_to_item(request, submission, "Kept as spam and closed. It is not deleted", form)
