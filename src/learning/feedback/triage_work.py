"""Working on feedback items: tags, and replies to people who asked to be contacted (an
email in their language around the team's words, or a note of how someone reached them),
with what became of each email. Each change is audited in the same transaction. Services
flush; the request commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from babel.dates import format_date
from sqlmodel import Session, col, func, select

from learning.audit.service import Actor, record
from learning.core.clock import format_datetime, to_london, utcnow
from learning.core.config import Settings
from learning.feedback import i18n
from learning.feedback.form_definitions import Audience, definition_for
from learning.feedback.form_questions import N_
from learning.feedback.forms import (
    contact_email,
    contact_phone,
    contact_phone_href,
    contact_unreadable,
)
from learning.feedback.models import FeedbackLink, FeedbackReply, FeedbackSubmission, FeedbackTag
from learning.feedback.privacy import babel_locale
from learning.feedback.terms import Language, LinkKind
from learning.feedback.triage import NotYours
from learning.mail import outbox
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
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


class Way(StrEnum):
    """How a reply reaches the person: an email through the outbox, or a note of how someone
    reached them: a phone call, or another way, when the details they gave read as neither
    a phone number nor an email address."""

    EMAIL = "email"
    PHONE = "phone"
    OTHER = "other"


#: What each way of replying leaves in the audit trail.
AUDITED = {
    Way.EMAIL: "feedback.reply.emailed",
    Way.PHONE: "feedback.reply.phoned",
    Way.OTHER: "feedback.reply.noted",
}


@dataclass(frozen=True)
class Contact:
    """How to reach a person who asked to be contacted, from the details they gave: a valid
    email address, a phone number (as typed, and as a ``tel:`` link), and whatever reads as
    neither, as typed ("snap me lily_07"). Each is empty when not given."""

    email: str
    phone: str
    phone_href: str
    unreadable: str

    @property
    def ways(self) -> tuple[Way, ...]:
        """The ways a reply can go, the usual one first."""
        given = ((Way.EMAIL, self.email), (Way.PHONE, self.phone))
        return tuple(way for way, detail in given if detail) or (Way.OTHER,)


def contact_of(submission: FeedbackSubmission) -> Contact | None:
    """How to reach the person, or None when they did not ask to be contacted."""
    detail = submission.contact_detail.strip()
    if not submission.wants_contact or not detail:
        return None
    return Contact(
        email=contact_email(detail) or "",
        phone=contact_phone(detail),
        phone_href=contact_phone_href(detail),
        unreadable=contact_unreadable(detail),
    )


def channel(submission: FeedbackSubmission) -> Way | None:
    """The usual way to reply: an email when they gave a valid address, else a noted phone
    call, else a note of how they were reached; None when they did not ask to be contacted."""
    contact = contact_of(submission)
    return contact.ways[0] if contact else None


def chosen_way(submission: FeedbackSubmission, chosen: str) -> Way | None:
    """The way the replier chose (the button's ``way``; the usual way when it has none), or
    None when it is not a way to reach this person, or they did not ask to be contacted."""
    contact = contact_of(submission)
    if contact is None:
        return None
    if not chosen:
        return contact.ways[0]
    return next((way for way in contact.ways if way.value == chosen), None)


def nobody_has_answered(db: Session, submission: FeedbackSubmission) -> bool:
    """They asked to be contacted, and no reply or note of contact is recorded."""
    assert submission.id is not None
    return contact_of(submission) is not None and not replies_of(db, submission.id)


def replies_of(db: Session, submission_id: int) -> list[FeedbackReply]:
    query = select(FeedbackReply).where(FeedbackReply.submission_id == submission_id)
    return list(db.exec(query.order_by(col(FeedbackReply.created_at))).all())


@dataclass(frozen=True)
class Delivery:
    """What became of a reply's email, from its outbox row as it is now: ``state`` is "sent",
    "waiting" (not tried yet), "retrying" (the mail server could not take it yet),
    "refused" (for good) or "cancelled"; ``words`` say so to staff."""

    state: str
    words: str


@dataclass(frozen=True)
class ReplyShown:
    """A reply on the item's page: how it went, and for an email what became of it."""

    reply: FeedbackReply
    way: Way
    delivery: Delivery | None  # None for a note

    @property
    def label(self) -> str:
        return {Way.EMAIL: "Email written", Way.PHONE: "Phone call noted"}.get(
            self.way, "Contact noted"
        )


def replies_shown(
    db: Session, submission: FeedbackSubmission, contact: Contact | None = None
) -> list[ReplyShown]:
    """The item's replies, oldest first, each email with what became of it (read from its
    outbox row when the page is shown, so a refusal that came after sending shows);
    ``contact`` is ``contact_of(submission)`` when the caller has it already."""
    contact = contact or contact_of(submission)
    noted = Way.PHONE if contact and contact.phone else Way.OTHER
    rows = db.exec(
        select(FeedbackReply, OutboxMessage)
        .outerjoin(OutboxMessage, col(OutboxMessage.id) == col(FeedbackReply.outbox_id))
        .where(FeedbackReply.submission_id == submission.id)
        .order_by(col(FeedbackReply.created_at), col(FeedbackReply.id))
    ).all()
    return [
        ReplyShown(reply, Way.EMAIL, delivery_of(message))
        if reply.outbox_id is not None
        else ReplyShown(reply, noted, None)
        for reply, message in rows
    ]


def delivery_of(message: OutboxMessage | None) -> Delivery | None:
    if message is None:
        return None
    if message.status is OutboxStatus.SENT:
        return Delivery("sent", f"Sent {format_datetime(message.sent_at)}")
    if message.status is OutboxStatus.FAILED:
        return Delivery(
            "refused",
            f"Not delivered: the mail server refused it ({message.last_error}). Contact them "
            "another way.",
        )
    if message.status is OutboxStatus.CANCELLED:
        return Delivery("cancelled", "Not sent: it was stopped before it went.")
    if message.attempts:
        return Delivery(
            "retrying", "Not sent yet: the mail server could not take it; trying again."
        )
    return Delivery("waiting", "Waiting to be sent.")


def undelivered_among(db: Session, submission_ids: Iterable[int]) -> set[int]:
    """Those of the items whose latest reply is an email the mail server refused for good:
    the queue marks them until someone notes how else they reached the person."""
    latest: dict[int, str | None] = {}
    for submission_id, status in db.exec(
        select(FeedbackReply.submission_id, OutboxMessage.status)
        .outerjoin(OutboxMessage, col(OutboxMessage.id) == col(FeedbackReply.outbox_id))
        .where(col(FeedbackReply.submission_id).in_(list(submission_ids)))
        .order_by(col(FeedbackReply.created_at), col(FeedbackReply.id))
    ).all():
        latest[submission_id] = status
    return {item for item, status in latest.items() if status == OutboxStatus.FAILED}


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
    way: Way | None = None,
) -> FeedbackReply:
    """An email through the outbox, or a note of how they were reached (``way``, the usual
    way when not given). The item's row is locked first, so that two sends of one reply at
    the same moment are told apart on PostgreSQL as well as on SQLite (whose writes take
    turns anyway)."""
    assert submission.id is not None and actor.person_id is not None
    contact = contact_of(submission)
    if contact is None:
        raise ValueError("This person did not ask to be contacted")
    way = way or contact.ways[0]
    if way not in contact.ways:
        raise ValueError(f"This person cannot be reached that way ({way})")
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
    if way is Way.EMAIL:
        message = outbox.enqueue(
            db,
            to_address=contact.email,
            subject=i18n.translations(submission.language).gettext(SUBJECT),
            body=_email_body(db, settings, submission, body),
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
    record(db, actor, AUDITED[way], "feedback_submission", submission.id)
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


# The reply's email ------------------------------------------------------------------------
# Staff write in English; the words around theirs are in the person's language (the public
# pages' catalogues, ``locales``), and say that the team's words are in English.

SUBJECT = N_("A reply to your feedback")
HELLO = N_("Hello,")
HELLO_NAME = N_("Hello %(name)s,")
IN_ENGLISH = N_("The team's words below are in English.")
YOU_ASKED = N_("You gave us feedback on %(date)s and asked us to contact you.")
ANSWERS_READ = N_("To answer, reply to this email: we read the answers.")
ANSWERS_NOT_READ = N_(
    "Nobody reads answers to this email. To tell us more, give feedback again the way you "
    "did before, and ask us to contact you."
)
#: A personal link works once: "the way you did before" is closed to them.
ANSWERS_NOT_READ_ONE_USE = N_(
    "Nobody reads answers to this email. The link you used works only once: to tell us "
    "more, ask the person who sent it to you for a new one."
)
RECEIPT = N_(
    "To see what we are doing about your feedback, enter your receipt code at %(address)s"
)
IN_DANGER = N_("If you are in danger now, call")  # 999, as on the public pages
CHILDLINE = {  # 0800 1111
    Audience.YOUNG_CHILD: N_("Childline helps children. You can call them any time, for free:"),
    Audience.CHILD: N_("You can talk to Childline any time, for free:"),
    Audience.ADULT: N_("Children and young people can talk to Childline any time, for free:"),
}


def reply_headers(settings: Settings, message: OutboxMessage) -> dict[str, str | None]:
    """The sender's headers for a reply (``mail.sender.Headers``). With a mailbox the teams
    read (``feedback_reply_to``), answers go there, and the email is not marked as sent by a
    machine: a person wrote it and wants the answer. Without, it stays marked so, and its
    words say that answers are not read. Other email is left as it is."""
    if message.kind != REPLY_KIND or not settings.feedback_reply_to:
        return {}
    return {"Reply-To": settings.feedback_reply_to, "Auto-Submitted": None}


def _email_body(
    db: Session, settings: Settings, submission: FeedbackSubmission, body: str
) -> str:
    language = submission.language
    words = i18n.translations(language).gettext
    team = db.get(Team, submission.team_id)
    name = submission.contact_name.strip()
    greeting = words(HELLO_NAME) % {"name": name} if name else words(HELLO)
    english = "" if language is Language.ENGLISH else f"{words(IN_ENGLISH)}\n\n"
    day = to_london(submission.submitted_at).date()
    date = format_date(day, format="long", locale=babel_locale(language))
    receipt = f"{settings.base_url.rstrip('/')}/give-feedback/receipt"
    if language is not Language.ENGLISH:
        receipt += f"?lang={language.value}"
    audience = definition_for(submission.form_kind).audience
    link = db.get(FeedbackLink, submission.link_id)
    if settings.feedback_reply_to:
        answers = ANSWERS_READ
    elif link is not None and link.kind is LinkKind.PERSONAL:
        answers = ANSWERS_NOT_READ_ONE_USE
    else:
        answers = ANSWERS_NOT_READ
    return (
        f"{greeting}\n\n{english}{body}\n\n{team.name if team else ''}\n\n"
        f"{words(YOU_ASKED) % {'date': date}}\n{words(answers)}\n"
        f"{words(RECEIPT) % {'address': receipt}}\n\n"
        f"{words(IN_DANGER)} 999.\n{words(CHILDLINE[audience])} 0800 1111\n"
    )
