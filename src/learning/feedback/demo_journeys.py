"""The review queue's journeys in the quality team's week after its child protection
conferences (the moments ``JOURNEYS`` in ``demo_moments``), each written out step by step
through the real services, at the time it happened:

- a young person's words the screen did not flag, read by Ruth Penrose (head of service, one
  of the team), who raises a safeguarding alert saying what worried her; Helen Pascoe
  acknowledges it and records that the family's social worker was told;
- a reply emailed to a parent that the mail server refused (a letter missing from the
  address), and Ruth's note of her phone call the next day;
- a reply emailed to a school nurse, refused this afternoon (her mailbox full), and nobody
  has rung yet: the queue marks it "Reply not delivered";
- feedback the principal social worker read, still unread for the team;
- feedback Ruth read and marked unread again.

Everything else the teams did is drawn at random (``demo_triage``), which leaves these alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from learning.audit.service import Actor
from learning.core.config import Settings
from learning.feedback import alert_jobs, alerts, demo_alerts, triage, triage_work
from learning.feedback.demo_moments import (
    JOURNEYS,
    PLAN_NOT_SENT,
    READ_ELSEWHERE,
    REPORT_LATE,
    UNREAD_AGAIN,
    WEEKENDS,
)
from learning.feedback.demo_staff import DemoStaff, dated
from learning.feedback.demo_submit import Stored
from learning.feedback.models import FeedbackSubmission
from learning.feedback.triage_work import Way
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus

NAMES = frozenset(moment.name for moment in JOURNEYS)

WORRY = (
    "The screen did not flag this, but read as a whole it worries me: she keeps to her room "
    "all weekend while mum's new partner stays, and could not say so at the conference with "
    "him in the room. Nobody there knew. Please can her social worker see her on her own."
)
LATE_REPORT_REPLY = (
    "Thank you for telling us, and I am sorry you read the report at midnight before the "
    "conference. You should have had it at least three working days before. I have asked "
    "the chair to find out why it was late, and I would like to talk it through with you: "
    "I will ring you this week."
)
NO_SUCH_MAILBOX = (
    "550 5.1.1 <kery.m@example.net>: Recipient address rejected: User unknown in virtual "
    "mailbox table"
)
PHONED_INSTEAD = (
    "Rang Kerry on her mobile: the email address had a letter missing, so my email did not "
    "reach her. Talked it through and said sorry that she read the report at midnight; the "
    "chair is finding out why it was late. Next time it goes by post and by email, at least "
    "three working days before. Agreed to ring her again after the core group."
)
PLAN_REPLY = (
    "Thank you. You are right: the plan should go to everyone at the conference, with the "
    "minutes. I have asked for this one to be sent to you today, and from now on the plan "
    "goes out with the minutes."
)
MAILBOX_FULL = "552 5.2.2 <gwen.schoolnurse@example.org>: Mailbox full"


def follow(
    db: Session, settings: Settings, stored: list[Stored], staff: DemoStaff, now: datetime
) -> None:
    """The journeys, the refused emails first: replaying the alert delivers every email
    still waiting by then, as the sender would have."""
    items = {item.name: item.outcome.submission for item in stored if item.name in NAMES}
    ruth = staff.actor(staff.supervisor)
    _refused_then_phoned(db, settings, ruth, items[REPORT_LATE.name])
    chair = staff.actor(staff.lead(items[PLAN_NOT_SENT.name].team_id))
    _refused_this_afternoon(db, settings, chair, items[PLAN_NOT_SENT.name])
    psw = staff.actor(staff.principal_social_worker)
    _read(db, psw, items[READ_ELSEWHERE.name], _hours(2, 40))
    _read_then_unread(db, ruth, items[UNREAD_AGAIN.name])
    _raised_on_reading(db, settings, ruth, items[WEEKENDS.name], staff, now)


def _hours(whole: int, minutes: int = 0) -> timedelta:
    return timedelta(hours=whole, minutes=minutes)


def _refused_then_phoned(
    db: Session, settings: Settings, actor: Actor, item: FeedbackSubmission
) -> None:
    read = _read(db, actor, item, _hours(3, 30))
    _tag(db, actor, item, REPORT_LATE.topic, read + _hours(0, 4))
    emailed = read + _hours(0, 25)
    _email_refused(db, settings, actor, item, LATE_REPORT_REPLY, emailed, NO_SUCH_MAILBOX)
    phoned = emailed + _hours(17, 5)  # the next morning
    with dated(db, phoned):
        triage_work.reply(db, actor, settings, item, PHONED_INSTEAD, now=phoned, way=Way.PHONE)


def _refused_this_afternoon(
    db: Session, settings: Settings, actor: Actor, item: FeedbackSubmission
) -> None:
    read = _read(db, actor, item, _hours(20, 15))
    _tag(db, actor, item, PLAN_NOT_SENT.topic, read + _hours(0, 3))
    _email_refused(db, settings, actor, item, PLAN_REPLY, read + _hours(2, 50), MAILBOX_FULL)


def _read_then_unread(db: Session, actor: Actor, item: FeedbackSubmission) -> None:
    read = _read(db, actor, item, _hours(19, 20))
    with dated(db, read + _hours(0, 6)):
        triage.mark_unread(db, actor, item)


def _raised_on_reading(
    db: Session,
    settings: Settings,
    actor: Actor,
    item: FeedbackSubmission,
    staff: DemoStaff,
    now: datetime,
) -> None:
    read = _read(db, actor, item, _hours(16, 5))
    raised = read + _hours(0, 9)
    with dated(db, raised):
        alert = alerts.raise_on_reading(db, settings, actor, item, WORRY, now=raised)
    _tag(db, actor, item, WEEKENDS.topic, raised + _hours(0, 2))
    demo_alerts.follow_up(db, settings, alert, WEEKENDS.name, staff, now)


def _read(db: Session, actor: Actor, item: FeedbackSubmission, after: timedelta) -> datetime:
    """The item opened ``after`` it came; when that was."""
    at = item.submitted_at + after
    with dated(db, at):
        triage.open_item(db, actor, item, now=at)
    return at


def _tag(db: Session, actor: Actor, item: FeedbackSubmission, topic: str, at: datetime) -> None:
    with dated(db, at):
        triage_work.add_tag(db, actor, item, topic)


def _email_refused(
    db: Session,
    settings: Settings,
    actor: Actor,
    item: FeedbackSubmission,
    body: str,
    at: datetime,
    error: str,
) -> None:
    """A reply emailed at ``at``, which the mail server refused for good when the sender
    offered it (recorded as the sender records a 5xx reply)."""
    with dated(db, at):
        reply = triage_work.reply(db, actor, settings, item, body, now=at, way=Way.EMAIL)
    message = db.get(OutboxMessage, reply.outbox_id)
    assert message is not None
    message.attempts += 1
    message.status, message.last_error = OutboxStatus.FAILED, error
    db.add(message)
    db.flush()
    alert_jobs.record_delivery(db, message, error)
