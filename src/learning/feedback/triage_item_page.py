"""One feedback item's page, shared by the views that act on it: shown after reading, and
again with errors beside the field when a form on it was not right. Every showing of it is
a read of the child's words: audited, and a new item becomes read.

All the work on the page is one form: each button sends everything typed on the page to its
own view, which keeps what was typed for the other buttons for the page's next showing. So
adding a tag, say, never loses a reply being written, with or without JavaScript.

An item moved out of the person's sight (to another team, while they were on it) is not
shown: a page says who moved it where and why, with what they typed (``moved_away_page``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlmodel import Session, col, select
from starlette.datastructures import FormData
from starlette.routing import NoMatchFound

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record
from learning.core.clock import today, utcnow
from learning.core.permissions import Permission
from learning.core.web import flash, keep_typed, redirect, render, typed_for
from learning.feedback import (
    actions,
    alert_queries,
    forms,
    triage,
    triage_display,
    triage_forms,
    triage_move,
    triage_work,
)
from learning.feedback.alert_words import already_raised
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import SubmissionStatus
from learning.feedback.triage import Scope
from learning.org.forms import Errors, whole_number
from learning.org.models import Team

Triager = Annotated[Principal, Depends(requires(Permission.FEEDBACK_TRIAGE))]

#: What a person types on an item's page (the reply, a tag, the action to link, what worries
#: them when raising a safeguarding alert, the team to move it to and why).
TYPED = ("body", "tag", "action_id", "worry", "to_team", "move_reason")
#: What of it a page for an item moved away shows back, and how it names each.
TYPED_WORDS = {
    "body": "Your reply",
    "tag": "The tag",
    "worry": "What worries you",
    "move_reason": "Why you were moving it",
}


def typed(form: FormData) -> dict[str, str]:
    """Everything typed on the page, as sent with any of its buttons."""
    return {name: str(form.get(name) or "") for name in TYPED}


def kept_typing(request: Request, submission_id: int) -> dict[str, str]:
    """What a button kept of the typing for the page's next showing, once."""
    return typed_for(request, _page(submission_id))


def _page(submission_id: int | None) -> str:
    return f"feedback-item-{submission_id}"


def item_or_404(db: Session, scope: Scope, submission_id: int) -> FeedbackSubmission:
    """The item, or ``NotYours``: the queue's ``refusals`` audit it and answer 404."""
    return triage.require_item(db, scope, submission_id)


def item_page(
    request: Request,
    db: Session,
    principal: Principal,
    submission: FeedbackSubmission,
    errors: Errors | None = None,
    values: dict[str, Any] | None = None,
    status: int = 200,
    refused: bool = False,
) -> Response:
    """``refused``: the person tried to raise an alert about feedback that has one; the page
    says who raised it and when, and shows what they typed back to them."""
    assert submission.id is not None
    scope = triage.scope_of(principal)
    if not triage.open_item(db, actor_from(request), submission, scope=scope):
        # Moved out of their team while the page was being made: a page to open says so as
        # any page would (200); a form sent on it is told it did not go through (409).
        moved_status = 200 if status == 200 and not errors else 409
        return moved_away_page(request, db, principal, submission, values or {}, moved_status)
    alert = triage_display.alert_of(db, submission.id)
    contact = triage_work.contact_of(submission)
    reply_log = triage_work.replies_shown(db, submission, contact)
    linked = actions.actions_of(db, submission.id)
    linked_ids = {a.id for a in linked}
    choosable = [
        a for a in actions.actions_in(db, scope, submission.team_id) if a.id not in linked_ids
    ]
    may_work = triage.may_work_on(principal, submission.team_id)
    closed = submission.status is SubmissionStatus.CLOSED
    elsewhere = triage_move.teams_to_move_to(db, submission) if may_work and not closed else []
    return render(
        request,
        "feedback/queue/item.html",
        {
            "item": submission,
            "team": db.get(Team, submission.team_id),
            "form_label": triage_display.form_label(submission.form_kind),
            "heading": triage_display.heading(submission.form_kind),
            "link": triage_display.link_of(db, submission),
            "answers": triage_display.explained(triage_display.answers_of(submission))
            if alert
            else triage_display.answers_of(submission),
            "held": triage.is_held(submission),
            **triage.item_standing(db, principal, submission),  # read by whom, who may act
            "held_because": triage_display.HELD_BECAUSE.get(submission.quarantine_reason)
            if submission.quarantine_reason
            else "",
            "screen_words": triage_display.screen_words(submission),
            "alert": alert,
            "alert_url": _alert_url(request, principal, alert.id) if alert else "",
            **(_alert_shown(db, alert, refused) if alert else {}),
            "read_by": triage_display.read_by(triage.arrived_in_team(db, submission)),
            "moves": triage_move.moves_of(db, submission.id),
            "move_options": [(t.id, t.name) for t in elsewhere],
            "tags": triage_work.tags_of(db, submission.id),
            "contacted": triage_display.contact_state([shown.reply for shown in reply_log]),
            # they asked to be contacted and nobody has: said beside the close button
            "unanswered": contact is not None and not reply_log,
            "contact": contact,
            "reply_log": reply_log,
            "reply_to": request.app.state.settings.feedback_reply_to,
            "contact_checked": forms.contact_checked(
                submission.contact_name, submission.contact_detail
            ),
            "their_lang": triage_display.own_language(submission),
            "linked": linked,
            "overdue_actions": {a.id for a in linked if actions.is_overdue(a, today())},
            "choosable": choosable,
            "action_options": [(a.id, a.title) for a in choosable],
            "status_labels": triage_forms.ACTION_STATUS_LABELS,
            "errors": errors or {},
            "values": values or {},
        },
        status_code=status,
    )


def moved_away_page(
    request: Request,
    db: Session,
    principal: Principal,
    submission: FeedbackSubmission,
    values: dict[str, Any],
    status: int,
    team_id: int | None = None,
) -> Response:
    """For someone on an item that was moved out of their team (``team_id``, theirs unless
    given) a moment ago, or since they last saw it: who moved it where, when and why, and
    what they typed, shown back (nothing of it was done). The child's words are not shown;
    a link to the item is, when they may still read it there. Audited, as the reason may
    say more about the feedback."""
    assert submission.id is not None
    was_in = team_id if team_id is not None else principal.team_id
    move = triage_move.last_move_out_of(db, submission.id, was_in) if was_in else None
    seen = triage.scope_of(principal).allows(submission)
    record(
        db,
        actor_from(request),
        "feedback.item.moved_notice",
        "feedback_submission",
        submission.id,
        from_team_id=was_in,
        team_id=submission.team_id,
    )
    chosen = whole_number(str(values.get("to_team") or ""))
    team = db.get(Team, chosen) if chosen is not None else None
    typed_back = [
        (words, str(values.get(name) or ""))
        for name, words in TYPED_WORDS.items()
        if str(values.get(name) or "").strip()
    ]
    return render(
        request,
        "feedback/queue/moved.html",
        {
            "move": move,
            "item_url": str(request.url_for("feedback_item", submission_id=submission.id))
            if seen
            else "",
            "chosen_team": team.name if team and team.council_id == principal.council_id else "",
            "typed_back": typed_back,
            "worry_typed": bool(str(values.get("worry") or "").strip()),
        },
        status_code=status,
    )


def moved_out_of_sight(
    db: Session, principal: Principal, submission_id: int
) -> FeedbackSubmission | None:
    """The item, when this person no longer sees it because it was moved out of their team
    (their queue still listed it, or a page of it was open); else None, and the item is
    theirs to see or answered as if it did not exist."""
    submission = db.get(FeedbackSubmission, submission_id)
    if (
        submission is None
        or submission.id is None
        or principal.team_id is None
        or submission.council_id != principal.council_id
        or triage.scope_of(principal).allows(submission)
    ):
        return None
    moved = triage_move.last_move_out_of(db, submission.id, principal.team_id)
    return submission if moved is not None else None


def item_or_moved(
    request: Request, db: Session, principal: Principal, submission_id: int, form: FormData
) -> FeedbackSubmission | Response:
    """The item; or, when it was moved out of this person's team a moment ago (their page of
    it was still open), the page saying who moved it where, with what they typed shown back
    (409): a worry or a reply typed on it is never lost behind "not found".

    The item's row is locked first (on PostgreSQL; SQLite's writers take turns already), so
    a move at the same moment either waits for this form or comes first and is told here:
    a close or a reply from the old team never lands on an item the new team now has."""
    _locked = db.exec(  # kept while the item is read: the session holds it only while used
        select(FeedbackSubmission)
        .where(col(FeedbackSubmission.id) == submission_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    try:
        return item_or_404(db, triage.scope_of(principal), submission_id)
    except triage.NotYours:
        gone = moved_out_of_sight(db, principal, submission_id)
        if gone is None:
            raise
        return moved_away_page(request, db, principal, gone, typed(form), 409)


def _alert_shown(db: Session, alert: SafeguardingAlert, refused: bool) -> dict[str, Any]:
    """Who raised the alert (when a person did), where it is now (never its outcome), and,
    for someone who tried to raise another, who raised it and when."""
    raiser = alert_queries.raised_by(db, alert)
    name = raiser.name if raiser else ""
    return {
        "raised_by": name,
        "alert_state": alert_queries.state_of(db, alert),
        "refused": already_raised(name, alert.raised_at, utcnow()) if refused else "",
    }


def _alert_url(request: Request, principal: Principal, alert_id: int | None) -> str:
    if not principal.can(Permission.SAFEGUARDING_ALERTS):
        return ""
    try:
        return str(request.url_for("safeguarding_alert", alert_id=alert_id))
    except NoMatchFound:
        return ""


def back_to_item(
    request: Request,
    submission: FeedbackSubmission,
    message: str,
    form: FormData,
    used: str | tuple[str, ...] = "",
) -> Response:
    """Back to the item's page, saying what was done; what was typed on it for the other
    buttons (all but ``used``, the field or fields the button acted on) comes back there."""
    done = (used,) if isinstance(used, str) else used
    others = {name: value for name, value in typed(form).items() if name not in done}
    keep_typed(request, _page(submission.id), others)
    flash(request, message)
    return redirect(request, str(request.url_for("feedback_item", submission_id=submission.id)))
