"""What staff do on a feedback item's page: tag it, reply, close or reopen it, let a held
item in or keep it as spam (never deleted), raise a safeguarding alert the screen did not
(the person reading it is the safety net: lexicons miss things), and move it to another team
when it landed in the wrong one (``triage_move``)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session
from starlette.datastructures import FormData

from learning.accounts.dependencies import Principal
from learning.audit.service import actor_from, record_refusal
from learning.core.clock import format_date, format_datetime
from learning.core.deps import DbSession
from learning.core.web import flash, redirect
from learning.feedback import alerts, triage, triage_forms, triage_move, triage_work
from learning.feedback.models import FeedbackSubmission
from learning.feedback.triage_item_page import (
    Triager,
    back_to_item,
    item_or_404,
    item_or_moved,
    item_page,
    moved_away_page,
    typed,
)
from learning.feedback.triage_refusals import READ_ONLY, REFUSED
from learning.feedback.working_days import read_by
from learning.org.forms import Errors, text, whole_number
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


@router.post("/feedback/queue/{submission_id:id}/tags", name="feedback_tag_add")
def tag_add(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
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
    "/feedback/queue/{submission_id:id}/tags/{tag_id:id}/remove", name="feedback_tag_remove"
)
def tag_remove(
    request: Request,
    db: DbSession,
    principal: Triager,
    submission_id: int,
    tag_id: int,
    form: FormDep,
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    triage_work.remove_tag(db, actor_from(request), submission, tag_id)
    return back_to_item(request, submission, "Tag removed", form)


@router.post("/feedback/queue/{submission_id:id}/reply", name="feedback_reply")
def reply(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
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


@router.post("/feedback/queue/{submission_id:id}/alert", name="feedback_raise_alert")
def raise_alert(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    """An alert about feedback the screen did not flag, from anyone who may read it. Refused,
    with what was typed kept, when it has one already (raised a moment ago, perhaps)."""
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
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


@router.post("/feedback/queue/{submission_id:id}/close", name="feedback_close")
def close(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    unanswered = triage_work.nobody_has_answered(db, submission)
    triage.set_closed(db, actor_from(request), submission, closed=True)
    said = ". They asked to be contacted and nobody has replied" if unanswered else ""
    return back_to_item(request, submission, f"Feedback closed{said}", form)


@router.post("/feedback/queue/{submission_id:id}/reopen", name="feedback_reopen")
def reopen(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    triage.set_closed(db, actor_from(request), submission, closed=False)
    return back_to_item(request, submission, "Feedback opened again", form)


@router.post("/feedback/queue/{submission_id:id}/release", name="feedback_release")
def release(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    triage.release(db, actor_from(request), submission)
    return back_to_item(request, submission, "Let into the team's feedback", form)


@router.post("/feedback/queue/{submission_id:id}/spam", name="feedback_spam")
def spam(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    found = item_or_moved(request, db, principal, submission_id, form)
    if not isinstance(found, FeedbackSubmission):
        return found
    submission = found
    try:
        triage.keep_as_spam(db, actor_from(request), submission)
    except triage.AlertNotClosed as waits:  # raised since the page was shown
        waiting = {"spam-waits": str(waits)}
        return item_page(request, db, principal, submission, waiting, typed(form), 409)
    response = back_to_item(request, submission, "Kept as spam and closed. It is not deleted", form)
    return after_response(request, response, FEEDBACK, submission_id)  # out of themes now


#: The fields the move acts on: once it is done, what was typed elsewhere on the page stays.
MOVE_FIELDS = ("to_team", "move_reason")


@router.post("/feedback/queue/{submission_id:id}/move", name="feedback_move")
def move(
    request: Request, db: DbSession, principal: Triager, submission_id: int, form: FormDep
) -> Response:
    """Moves the item to another team, from the team its page showed it in (``from_team``).
    When someone moved it a moment before, the person is told who moved it where, with what
    they typed kept: on the item's page when they may still move it, else on a page of its
    own. Someone who may only read the item's team's feedback is refused (403, audited)."""
    scope = triage.scope_of(principal)
    shown = whole_number(text(form, "from_team"))
    gone = _moved_from(db, principal, submission_id, shown)
    if gone is not None and shown is not None:
        return _told_it_moved(request, db, principal, gone, form, shown)
    try:
        submission = item_or_404(db, scope, submission_id)
    except triage.NotYours:
        # Moved out of their sight between the two reads (the session holds an unchanged
        # object only weakly, so the second read may load it again and see the move): told
        # so, as above, not "not found".
        gone = _moved_from(db, principal, submission_id, shown)
        if gone is None or shown is None:
            raise
        return _told_it_moved(request, db, principal, gone, form, shown)
    if not triage.may_work_on(principal, submission.team_id):
        record_refusal(request, db, REFUSED, "feedback_submission", submission_id, READ_ONLY)
        raise HTTPException(status_code=403)
    teams = {t.id: t for t in triage_move.teams_to_move_to(db, submission) if t.id is not None}
    wanted, errors = triage_forms.parse_move(form, teams.keys())
    if wanted is None:
        return item_page(request, db, principal, submission, errors, typed(form), 422)
    from_team = shown if shown is not None else submission.team_id
    to_team = teams[wanted.to_team_id]
    try:
        moved = triage_move.move(
            db, actor_from(request), submission, from_team, to_team, wanted.reason
        )
    except triage_move.MovedMeanwhile:
        return _told_it_moved(request, db, principal, submission, form, from_team)
    except triage_move.NotMovable as closed:
        refused = {"move-closed": str(closed)}  # said by the button that opens it again
        return item_page(request, db, principal, submission, refused, typed(form), 409)
    except ValueError:  # a page's team to move it from that is the team chosen
        chosen = {"to_team": "Choose a team other than the one it is in"}
        return item_page(request, db, principal, submission, chosen, typed(form), 422)
    said = _moved_words(moved)
    if scope.allows(submission):  # they see every team: they may read it there
        return back_to_item(request, submission, said, form, used=MOVE_FIELDS)
    flash(request, said)
    return redirect(request, str(request.url_for("feedback_queue")))


def _moved_from(
    db: Session, principal: Principal, submission_id: int, shown: int | None
) -> FeedbackSubmission | None:
    """The item, when it was moved out of the team its page showed (``shown``), one whose
    feedback this person may work on; else None."""
    submission = db.get(FeedbackSubmission, submission_id)
    if (
        submission is None
        or submission.id is None
        or shown is None
        or submission.team_id == shown
        or submission.council_id != principal.council_id
        or not triage.may_work_on(principal, shown)
    ):
        return None
    moved = triage_move.last_move_out_of(db, submission.id, shown)
    return submission if moved is not None else None


def _told_it_moved(
    request: Request,
    db: Session,
    principal: Principal,
    submission: FeedbackSubmission,
    form: FormData,
    shown: int,
) -> Response:
    """Someone moved it out of the team shown (``shown``) a moment ago: who, where and when,
    with what this person typed kept. On the item's page, where they may choose again, if
    they may still work on it; else on a page saying so, which shows what they typed."""
    assert submission.id is not None
    if triage.scope_of(principal).allows(submission) and triage.may_work_on(
        principal, submission.team_id
    ):
        earlier = triage_move.last_move_out_of(db, submission.id, shown)
        said = (
            f"{earlier.by or 'Someone'} moved it to {earlier.to_team} on "
            f"{format_datetime(earlier.at)}, so yours was not moved. If it "
            "belongs somewhere else, choose again"
            if earlier
            else "It was moved a moment ago, so yours was not moved. Choose again"
        )
        return item_page(request, db, principal, submission, {"to_team": said}, typed(form), 409)
    return moved_away_page(request, db, principal, submission, typed(form), 409, team_id=shown)


def _moved_words(moved: triage_move.Move) -> str:
    """What the mover is told: where it went, that it is new to them and by when they
    should read it, and which of the old team's actions it is no longer linked to."""
    said = (
        f"Moved to {moved.to_team}. It is new to them: unread, to read by "
        f"{format_date(read_by(moved.at))}"
    )
    if moved.unlinked:
        plural = "s" if len(moved.unlinked) > 1 else ""
        titles = "; ".join(moved.unlinked)
        said += (
            f". It is no longer linked to {moved.from_team}'s action{plural} ({titles}): "
            "an action belongs to one team"
        )
    return said
