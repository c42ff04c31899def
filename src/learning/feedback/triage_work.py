"""Working on feedback items: tags, and replies to people who asked to be contacted. Each
change is audited in the same transaction. Services flush; the request commits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from learning.audit.service import Actor, record
from learning.core.clock import format_date, utcnow
from learning.core.config import Settings
from learning.feedback.forms import contact_email
from learning.feedback.models import FeedbackReply, FeedbackSubmission, FeedbackTag
from learning.feedback.triage import NotYours
from learning.mail import outbox
from learning.org.models import Team

REPLY_KIND = "feedback_reply"


class AlreadyTagged(ValueError):
    pass


# Tags -----------------------------------------------------------------------------------


def tags_of(db: Session, submission_id: int) -> list[FeedbackTag]:
    query = select(FeedbackTag).where(FeedbackTag.submission_id == submission_id)
    return list(db.exec(query.order_by(col(FeedbackTag.name))).all())


def add_tag(db: Session, actor: Actor, submission: FeedbackSubmission, name: str) -> FeedbackTag:
    assert submission.id is not None
    existing = db.exec(
        select(FeedbackTag).where(
            FeedbackTag.submission_id == submission.id,
            func.lower(FeedbackTag.name) == name.lower(),
        )
    ).first()
    if existing is not None:
        raise AlreadyTagged(name)
    tag = FeedbackTag(submission_id=submission.id, name=name, created_by_id=actor.person_id)
    db.add(tag)
    record(db, actor, "feedback.tag.added", "feedback_submission", submission.id, tag=name)
    db.flush()
    return tag


def remove_tag(db: Session, actor: Actor, submission: FeedbackSubmission, tag_id: int) -> None:
    tag = db.get(FeedbackTag, tag_id)
    if tag is None or tag.submission_id != submission.id:
        raise NotYours(
            f"tag {tag_id} is not on feedback item {submission.id}", "feedback_tag", tag_id
        )
    db.delete(tag)
    record(db, actor, "feedback.tag.removed", "feedback_submission", submission.id, tag=tag.name)
    db.flush()


# Replies --------------------------------------------------------------------------------


def channel(submission: FeedbackSubmission) -> str | None:
    """How to reach the person: "email" when they gave a valid email address, "phone" for
    anything else they gave (a person reads it and rings), or None when they did not ask."""
    detail = submission.contact_detail.strip()
    if not submission.wants_contact or not detail:
        return None
    return "email" if contact_email(detail) else "phone"


def replies_of(db: Session, submission_id: int) -> list[FeedbackReply]:
    query = select(FeedbackReply).where(FeedbackReply.submission_id == submission_id)
    return list(db.exec(query.order_by(col(FeedbackReply.created_at))).all())


#: The same words to the same person from the same author within this long are one reply
#: sent twice (a double click, or Back and send again), not two: the family gets one email.
REPEAT_WINDOW = timedelta(minutes=10)


class AlreadyReplied(ValueError):
    """This reply was sent a moment ago; it is not sent again."""


def reply(
    db: Session,
    actor: Actor,
    settings: Settings,
    submission: FeedbackSubmission,
    body: str,
    now: datetime | None = None,
) -> FeedbackReply:
    """An email through the outbox, or a note that the team phoned them. The item's row is
    locked first, so that two sends of one reply at the same moment are told apart on
    PostgreSQL as well as on SQLite (whose writes take turns anyway)."""
    assert submission.id is not None and actor.person_id is not None
    way = channel(submission)
    if way is None:
        raise ValueError("This person did not ask to be contacted")
    when = now or utcnow()
    lock_item(db, submission.id)
    repeated = db.exec(
        select(FeedbackReply.id).where(
            FeedbackReply.submission_id == submission.id,
            FeedbackReply.author_id == actor.person_id,
            FeedbackReply.body == body,
            FeedbackReply.created_at > when - REPEAT_WINDOW,
        )
    ).first()
    if repeated is not None:
        raise AlreadyReplied(body)
    message_id = None
    if way == "email":
        message = outbox.enqueue(
            db,
            to_address=contact_email(submission.contact_detail) or "",
            subject="A reply to your feedback",
            body=_email_body(db, submission, body),
            kind=REPLY_KIND,
            council_id=submission.council_id,
            now=now,
        )
        message_id = message.id
    row = FeedbackReply(
        submission_id=submission.id,
        author_id=actor.person_id,
        body=body,
        outbox_id=message_id,
        created_at=when,
    )
    db.add(row)
    action = "feedback.reply.emailed" if way == "email" else "feedback.reply.phoned"
    record(db, actor, action, "feedback_submission", submission.id)
    db.flush()
    return row


def lock_item(db: Session, submission_id: int) -> None:
    """Hold the item's row until the transaction ends (nothing on SQLite, whose writers
    take turns)."""
    db.exec(
        select(FeedbackSubmission.id)
        .where(FeedbackSubmission.id == submission_id)
        .with_for_update()
    ).first()


def _email_body(db: Session, submission: FeedbackSubmission, body: str) -> str:
    team = db.get(Team, submission.team_id)
    greeting = f"Hello {submission.contact_name}," if submission.contact_name else "Hello,"
    return (
        f"{greeting}\n\n{body}\n\n{team.name if team else 'The team'}\n\n"
        f"You gave us feedback on {format_date(submission.submitted_at)} and asked us to "
        "contact you.\n\nIf you or someone else is in danger now, call 999. Children and young "
        "people can talk to Childline at any time on 0800 1111.\n"
    )
