"""What staff do on a feedback item's page: tag it, reply, close or reopen it, let a held
item in or keep it as spam (never deleted), and raise a safeguarding alert the screen did not
(the person reading it is the safety net: lexicons miss things)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from learning.audit.service import actor_from
from learning.core.deps import DbSession
from learning.feedback import alerts, triage, triage_forms, triage_work
from learning.feedback.triage_item_page import (
    Triager,
    back_to_item,
    item_or_404,
    item_page,
    typed,
)
from learning.org.forms import Errors, text
from learning.org.view_helpers import FormDep
from learning.themes.arrival_queue import after_response
from learning.themes.arrivals import FEEDBACK

router = APIRouter()

#: What the replier is told once a reply is sent or noted.
REPLY_DONE = {
    triage_work.Way.EMAIL: "Your reply is on its way by email",
    triage_work.Way.PHONE: "Your phone call is noted",
    triage_work.Way.OTHER: "How you contacted them is noted",
}


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
    way = triage_work.chosen_way(submission, text(form, "way"))  # the button pressed
    if way is None:
        raise HTTPException(status_code=409)
    body, errors = triage_forms.parse_reply(form, by_phone=way is not triage_work.Way.EMAIL)
    if body is None:
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    settings = request.app.state.settings
    try:
        triage_work.reply(db, actor_from(request), settings, submission, body, way=way)
    except triage_work.AlreadyReplied:
        sent = "was sent" if way is triage_work.Way.EMAIL else "was noted"
        return back_to_item(request, submission, f"This reply {sent} a moment ago", form,
                            used="body")
    done = REPLY_DONE[way]
    return back_to_item(request, submission, done, form, used="body")


@router.post("/feedback/queue/{submission_id:int}/alert", name="feedback_raise_alert")
def raise_alert(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    """An alert about feedback the screen did not flag, from anyone who may read it. Refused,
    with what was typed kept, when it has one already (raised a moment ago, perhaps)."""
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    worry, errors = _worry(form)
    if worry is None:
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    settings = request.app.state.settings
    try:
        alerts.raise_on_reading(db, settings, actor_from(request), submission, worry)
    except alerts.AlreadyRaised:
        kept = typed(form)
        return item_page(request, db, principal, submission, values=kept, status=409, refused=True)
    done = "Safeguarding alert raised. The safeguarding inbox has it"
    response = back_to_item(request, submission, done, form, used="worry")
    return after_response(request, response, FEEDBACK, submission_id)  # held out of themes


def _worry(form: FormData) -> tuple[str | None, Errors]:
    worry = str(form.get("worry") or "").strip()
    if not worry:
        return None, {"worry": "Say what worries you about it"}
    if len(worry) > alerts.NOTE_LIMIT:
        return None, {"worry": f"Keep it to {alerts.NOTE_LIMIT} characters or fewer"}
    return worry, {}


@router.post("/feedback/queue/{submission_id:int}/close", name="feedback_close")
def close(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    submission = item_or_404(db, triage.scope_of(principal), submission_id)
    unanswered = triage_work.nobody_has_answered(db, submission)
    triage.set_closed(db, actor_from(request), submission, closed=True)
    said = ". They asked to be contacted and nobody has replied" if unanswered else ""
    return back_to_item(request, submission, f"Feedback closed{said}", form)


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
    try:
        triage.keep_as_spam(db, actor_from(request), submission)
    except triage.AlertNotClosed as waits:  # raised since the page was shown
        waiting = {"spam-waits": str(waits)}
        return item_page(request, db, principal, submission, waiting, typed(form), 409)
    response = back_to_item(request, submission, "Kept as spam and closed. It is not deleted", form)
    return after_response(request, response, FEEDBACK, submission_id)  # out of themes now
