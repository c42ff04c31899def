"""The teams' work on the demo's feedback, replayed through the review queue's services:
most items read within two working days (a few of last week's still waiting, so overdue),
tagged with their topic, replies to people who asked for one (by email or a noted phone
call), older items closed; held items let in or kept as spam. Audit events are dated when
each thing happened. The journeys written out step by step (``demo_journeys``) are left to
it.

Last, one item given on the front door's poster at the contact centre reception, a building
other teams use too, is moved to the team it is really about (``move_one``): the family hub's
groups to Early Help East, say. Nothing random is drawn for it, so the rest is as it was.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlmodel import Session, func, select

from learning.audit.models import AuditEvent
from learning.core.clock import LONDON, to_london
from learning.core.config import Settings
from learning.feedback import triage, triage_move, triage_work, working_days
from learning.feedback.demo_journeys import NAMES as JOURNEYS
from learning.feedback.demo_moments import SAFEGUARDING
from learning.feedback.demo_staff import DemoStaff, dated
from learning.feedback.demo_submit import Stored
from learning.feedback.models import FeedbackSubmission
from learning.feedback.terms import FormKind, Language, SubmissionStatus

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
    move_one(db, stored, staff, now)


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


# One item in the wrong team --------------------------------------------------------------

#: The poster at the contact centre reception: the front door's, in a building other teams
#: use too, so now and then what it takes is about another team's work.
SHARED_BUILDING = "front_door"


@dataclass(frozen=True)
class WrongTeam:
    """Words that show feedback is about another team's work, that team, and why the front
    door moved it there, as a team manager would say it."""

    words: str
    team: str
    reason: str


# fmt: off
WRONG_TEAMS = (
    WrongTeam("family hub", "Early Help East",
              "This is about the family hub and its groups, which Early Help East runs, not "
              "the front door. It came through our poster at the contact centre reception, "
              "which both teams use. Moving it so they see the ask for evening groups."),
    WrongTeam("guardianship", "Adoption and Permanence",
              "She is caring for her granddaughter under special guardianship, and the "
              "paperwork is Adoption and Permanence's work, not ours. It came through our "
              "poster at the contact centre reception, which both teams use."),
)
#: When no words point anywhere in particular: a parent at the contact centre for contact
#: with children in care, who used the poster at reception.
IN_CARE = WrongTeam("", "Children in Care",
                    "Given on our poster at the contact centre reception, but from a parent who "
                    "was there for contact with her children, who are in care: it is about "
                    "their social workers, not the front door.")
# fmt: on


def move_one(db: Session, stored: list[Stored], staff: DemoStaff, now: datetime) -> None:
    """One item the front door read on its poster at the shared contact centre, moved to
    the team it is about after the front door's own work on it; that team reads it the next
    day (or it waits, unread and new to them, if that is still to come)."""
    found = _wrong_team_item(db, stored, now)
    if found is None:
        return
    submission, wrong, last = found
    front_door = staff.actor(staff.lead(submission.team_id))
    if submission.status is SubmissionStatus.NEW:  # they read it first, then moved it
        last = submission.submitted_at + timedelta(hours=2, minutes=10)
        with dated(db, last):
            triage.open_item(db, front_door, submission, now=last)
    moved_at = _in_office_hours(last + timedelta(minutes=25))
    to_team = staff.team(wrong.team)
    with dated(db, moved_at):
        triage_move.move(
            db, front_door, submission, submission.team_id, to_team, wrong.reason, now=moved_at
        )
    assert to_team.id is not None
    read_at = _in_office_hours(moved_at + timedelta(hours=20))  # the next working morning
    if read_at < now:
        with dated(db, read_at):
            triage.open_item(db, staff.actor(staff.lead(to_team.id)), submission, now=read_at)


def _in_office_hours(moment: datetime) -> datetime:
    """``moment``, if it falls in office hours on a working day; else the next working
    morning, at twenty to ten (UK time)."""
    local = to_london(moment)
    if working_days.is_working_day(local.date()) and time(8, 30) <= local.time() < time(17, 30):
        return moment
    day = local.date() + timedelta(days=0 if local.time() < time(8, 30) else 1)
    while not working_days.is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(9, 40), tzinfo=LONDON).astimezone(moment.tzinfo)


def _wrong_team_item(
    db: Session, stored: list[Stored], now: datetime
) -> tuple[FeedbackSubmission, WrongTeam, datetime] | None:
    """The newest item from a parent or carer, in English, on the shared poster, that its
    words show is about another team (else any with words, for Children in Care), still
    open, whose team's work on it was done a day before now; with that team and the time of
    the last of that work."""
    candidates = []
    for item in stored:
        submission = item.outcome.submission
        if (
            item.planned.made.plan.key != SHARED_BUILDING
            or item.name
            or item.outcome.quarantined
            or submission.flagged
            or submission.form_kind is not FormKind.PARENT_CARER
            or submission.language is not Language.ENGLISH
            or submission.status is SubmissionStatus.CLOSED
        ):
            continue
        words = " ".join(
            value
            for key, value in json.loads(submission.answers).items()
            if key in ("good", "better")
        ).lower()
        if words:
            candidates.append((submission, words))
    for wrong in (*WRONG_TEAMS, IN_CARE):
        for submission, words in sorted(candidates, key=lambda c: c[0].submitted_at, reverse=True):
            if wrong.words not in words:
                continue
            last = _last_work(db, submission)
            # A day since, and the move (in office hours, after the work) already past.
            if last + timedelta(days=1) < now and _in_office_hours(last + MOVE_AFTER) < now:
                return submission, wrong, last
    return None


#: The latest the move comes after the team's last work on the item (reading it first, if
#: it had not: two hours and ten minutes after it came, then twenty-five minutes more).
MOVE_AFTER = timedelta(hours=3)


def _last_work(db: Session, submission: FeedbackSubmission) -> datetime:
    """When the team last did something with the item (when it arrived, if nothing yet)."""
    latest = db.exec(
        select(func.max(AuditEvent.occurred_at)).where(
            AuditEvent.record_type == "feedback_submission",
            AuditEvent.record_id == str(submission.id),
        )
    ).one()
    return max(latest, submission.submitted_at) if latest else submission.submitted_at
