"""The teams' work on the demo's feedback, replayed through the review queue's services:
most items read within two working days (a few of last week's still waiting, so overdue),
tagged with their topic, replies to people who asked for one (by email or a noted phone
call), older items closed; held items let in or kept as spam. Audit events are dated when
each thing happened. The journeys written out step by step (``demo_journeys``) are left to
it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlmodel import Session

from learning.core.clock import to_london
from learning.core.config import Settings
from learning.feedback import triage, triage_work, working_days
from learning.feedback.demo_journeys import NAMES as JOURNEYS
from learning.feedback.demo_moments import SAFEGUARDING
from learning.feedback.demo_staff import DemoStaff, dated
from learning.feedback.demo_submit import Stored

UNREAD_ALERTS = frozenset({"dad_drinking", "mums_boyfriend"})  # the team has not got to them
LET_IN, SPAM = "too_fast_let_in", "spam_kept"
REPLY = (
    "Thank you for taking the time to tell us this. I am the team manager and I have read "
    "what you wrote. I would like to talk it through with you and agree what we will do "
    "about it. If you would like that too, give feedback again the way you did before, with "
    "your phone number and a good time to ring, and I will call you."
)  # not "reply to this email": unless LEARNING_FEEDBACK_REPLY_TO is set, nobody reads answers
PHONE_NOTE = (
    "Phoned and talked it through. Explained what we are changing and agreed to ring back "
    "in a month to check it has made a difference."
)


def work(
    db: Session,
    settings: Settings,
    stored: list[Stored],
    staff: DemoStaff,
    rng: random.Random,
    now: datetime,
) -> None:
    for item in stored:
        if item.name in JOURNEYS:
            continue  # nothing drawn for it, so the rest is as it was without the journeys
        submission = item.outcome.submission
        actor = staff.actor(staff.lead(submission.team_id))
        later = submission.submitted_at + timedelta(hours=rng.randint(3, 26))
        if item.name == SPAM:
            with dated(db, later):
                triage.keep_as_spam(db, actor, submission)
            continue
        if item.name == LET_IN:
            with dated(db, later):
                triage.release(db, actor, submission, now=later)
        elif item.outcome.quarantined or item.name in UNREAD_ALERTS:
            continue
        read_at = _read_at(rng, item, now)
        if read_at is not None:
            _read(db, settings, item, staff, rng, read_at, now)


def _read_at(rng: random.Random, item: Stored, now: datetime) -> datetime | None:
    """When the team read it, or None while it is still waiting."""
    arrived = item.outcome.submission.submitted_at
    today = to_london(now).date()
    overdue = working_days.read_by(arrived) < today
    if item.planned.moment is None:
        if overdue and now - arrived < timedelta(days=8) and rng.random() < 0.5:
            return None  # one of last week's, not read yet: the queue marks it overdue
        if not overdue and rng.random() < 0.6:
            return None
    read_at = arrived + timedelta(minutes=rng.randint(30, 60 * 40))
    return read_at if read_at < now else None


def _read(
    db: Session,
    settings: Settings,
    item: Stored,
    staff: DemoStaff,
    rng: random.Random,
    read_at: datetime,
    now: datetime,
) -> None:
    submission = item.outcome.submission
    actor = staff.actor(staff.lead(submission.team_id))
    with dated(db, read_at):
        triage.open_item(db, actor, submission, now=read_at)
    topic = item.planned.topic
    if topic and (topic == SAFEGUARDING or item.planned.moment or rng.random() < 0.8):
        with dated(db, read_at + timedelta(minutes=3)):
            triage_work.add_tag(db, actor, submission, topic)
    replied = read_at + timedelta(hours=rng.randint(2, 30))
    way = triage_work.channel(submission)
    if way is not None and replied < now:
        body = REPLY if way == "email" else PHONE_NOTE
        with dated(db, replied):
            triage_work.reply(db, actor, settings, submission, body, now=replied)
    closed = read_at + timedelta(days=rng.randint(3, 20))
    if _closes(item, rng) and closed < now:
        with dated(db, closed):
            triage.set_closed(db, actor, submission, closed=True)


def _closes(item: Stored, rng: random.Random) -> bool:
    if item.planned.topic == SAFEGUARDING:
        return True
    return item.planned.moment is None and rng.random() < 0.45
