"""What happened to the demo's safeguarding alerts, replayed in time order through the
real services: each alert's email delivered, escalations while nobody had it, then a person
acknowledging it and recording an outcome. In the end one is open and overdue (escalated
all afternoon), one acknowledged and in hand, and four closed: two referred to the front
door (one of them raised by the screen's cues, words that name no harm, first closed as
"no further action" by mistake and reopened the next morning), and two passed to the
family's worker, one of them raised by the head of service on reading words the screen did
not flag (see ``demo_journeys``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from learning.core.config import Settings
from learning.feedback import alert_jobs, alerts
from learning.feedback.demo_staff import DemoStaff
from learning.feedback.demo_submit import Stored
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus

#: How long an email took to leave the outbox.
DELIVERY = timedelta(seconds=7)


@dataclass(frozen=True)
class Mistake:
    """An outcome recorded, then found wrong: the alert reopened, and the Handling's outcome
    recorded after."""

    outcome: AlertOutcome
    closed_after: timedelta
    note: str
    reopened_after: timedelta
    reason: str


@dataclass(frozen=True)
class Handling:
    acknowledged_after: timedelta
    outcome: AlertOutcome | None = None
    closed_after: timedelta | None = None
    note: str = ""
    mistake: Mistake | None = None


#: By the moment's name; an alert not listed here is still open.
HANDLING = {
    "mums_boyfriend": Handling(timedelta(minutes=18)),
    "owes_him": Handling(
        timedelta(minutes=12),
        AlertOutcome.REFERRAL_TO_FRONT_DOOR,
        timedelta(hours=2, minutes=10),
        "Referred to the front door the same afternoon as possible criminal exploitation. "
        "Strategy discussion held with police; the young person's personal adviser told and "
        "the exploitation screening completed.",
    ),
    "stays_over": Handling(
        timedelta(minutes=25),
        AlertOutcome.REFERRAL_TO_FRONT_DOOR,
        timedelta(hours=23, minutes=30),
        "Raised by the screen's cues: no harm named, but an adult, her room and being made to. "
        "Her social worker saw her alone at school this morning and she said more. "
        "Referred to the front door; a strategy discussion is set for this afternoon.",
        Mistake(
            AlertOutcome.NFA,
            timedelta(minutes=40),
            "Read in full: no harm named. A family friend stays at weekends; the team has it.",
            timedelta(hours=20, minutes=15),
            "Closed as no further action too quickly. Read again, it is a worry in itself: an "
            "adult, her room and being made to. Her social worker is to see her alone at "
            "school this morning.",
        ),
    ),
    "ex_partner": Handling(
        timedelta(minutes=38),
        AlertOutcome.EXISTING_WORKER_INFORMED,
        timedelta(hours=3),
        "The family has an allocated worker in Early Help East. She phoned the mother the same "
        "day (with an interpreter), agreed a safety plan and referred her to the domestic "
        "abuse service.",
    ),
    # raised on reading (``demo_journeys``), not by the screen
    "weekends": Handling(
        timedelta(minutes=13),
        AlertOutcome.EXISTING_WORKER_INFORMED,
        timedelta(hours=3, minutes=25),
        "Her social worker in Child Protection South did not know the partner stays at "
        "weekends. She saw her on her own at school today; she said a little more and wants "
        "to talk again. The partner is now part of the assessment, and the core group meets "
        "on Friday.",
    ),
}

#: Any other alert (the screen errs towards flagging): read at once, nothing to do.
FALSE_ALARM = Handling(
    timedelta(minutes=15),
    AlertOutcome.NFA,
    timedelta(minutes=50),
    "Read in full: no worry about anyone's safety in it. Closed; the team has the feedback.",
)
STILL_OPEN = "dad_drinking"

Step = tuple[datetime, Callable[[datetime], object]]


def replay(
    db: Session, settings: Settings, stored: list[Stored], staff: DemoStaff, now: datetime
) -> None:
    lead = staff.safeguarding_lead
    assert lead.id is not None
    steps: list[Step] = []
    for item in stored:
        alert = item.outcome.alert
        if alert is not None:
            handling = None if item.name == STILL_OPEN else HANDLING.get(item.name, FALSE_ALARM)
            steps.extend(_steps(db, settings, alert, handling, lead.id, now))
    _play(db, staff.council_id, steps, now)


def follow_up(
    db: Session,
    settings: Settings,
    alert: SafeguardingAlert,
    name: str,
    staff: DemoStaff,
    now: datetime,
) -> None:
    """What happened to an alert raised after its feedback came (by a person reading it),
    as ``HANDLING`` says for the moment ``name``."""
    lead = staff.safeguarding_lead
    assert lead.id is not None
    handling = HANDLING.get(name, FALSE_ALARM)
    _play(db, staff.council_id, _steps(db, settings, alert, handling, lead.id, now), now)


def _play(db: Session, council_id: int, steps: list[Step], now: datetime) -> None:
    """The steps in time order, each after the emails waiting by then went."""
    for at, step in sorted(steps, key=lambda s: s[0]):
        deliver(db, council_id, at)
        step(at)
    deliver(db, council_id, now)


def _steps(
    db: Session,
    settings: Settings,
    alert: SafeguardingAlert,
    handling: Handling | None,
    lead_id: int,
    now: datetime,
) -> list[Step]:
    raised = alert.raised_at
    acknowledged = raised + handling.acknowledged_after if handling else now
    tick = timedelta(minutes=settings.safeguarding_acknowledge_minutes + 1)
    steps: list[Step] = []
    at = raised + tick
    while at < acknowledged:
        steps.append((at, lambda when: alert_jobs.escalate_overdue(db, settings, when)))
        at += tick
    if handling is None:
        return steps
    steps.append((acknowledged, lambda when: alerts.acknowledge(db, alert, lead_id, now=when)))
    if handling.mistake is not None:
        steps.extend(_mistake(db, settings, alert, handling.mistake, lead_id))
    if handling.outcome is not None and handling.closed_after is not None:
        outcome, note = handling.outcome, handling.note
        steps.append(
            (
                raised + handling.closed_after,
                lambda when: alerts.record_outcome(db, alert, lead_id, outcome, note, now=when),
            )
        )
    return steps


def _mistake(
    db: Session, settings: Settings, alert: SafeguardingAlert, mistake: Mistake, lead_id: int
) -> list[Step]:
    """The wrong outcome recorded, and the alert reopened with the reason."""
    raised = alert.raised_at
    outcome, note, reason = mistake.outcome, mistake.note, mistake.reason
    return [
        (
            raised + mistake.closed_after,
            lambda when: alerts.record_outcome(db, alert, lead_id, outcome, note, now=when),
        ),
        (
            raised + mistake.reopened_after,
            lambda when: alerts.reopen(db, settings, alert, lead_id, reason, now=when),
        ),
    ]


def deliver(db: Session, council_id: int, until: datetime) -> None:
    """Every email of the council waiting in the outbox by ``until`` went, as the sender
    would have sent it (with the same entry in its alert's trail)."""
    waiting = db.exec(
        select(OutboxMessage)
        .where(OutboxMessage.council_id == council_id, OutboxMessage.status == OutboxStatus.PENDING)
        .order_by(col(OutboxMessage.created_at), col(OutboxMessage.id))
    ).all()
    for message in waiting:
        if message.created_at > until:
            continue
        message.status, message.sent_at = OutboxStatus.SENT, message.created_at + DELIVERY
        db.add(message)
        db.flush()
        alert_jobs.record_delivery(db, message, None)
