"""Six months of feedback for the demo council (fictional): links and posters for several
teams, about two hundred submissions from children, parents, carers and partner
professionals in five languages, the teams' work on them (reading, tags, replies, actions
with a public "what changed"), items held for checking, six safeguarding alerts in
different states with their trails and emails (one raised by a person reading words the
screen did not flag), and the review queue's journeys after one team's week of child
protection conferences (a reply email refused and a phone call instead, feedback read by
someone outside the team, feedback marked unread again).

Run after :func:`learning.org.demo.create_demo_council`. Deterministic for a given moment
(a fixed seed; times count back from now) and idempotent: once the council has its demo
feedback, nothing is added. Everything goes through the real services, so the safeguarding
screen flags the disclosures and the alerts are raised as they would be.

The parts: ``demo_links`` (the links), ``demo_plan`` with ``demo_voices`` and
``demo_moments`` (who sent what, when), ``demo_submit`` (sending it), ``demo_alerts``,
``demo_triage``, ``demo_journeys`` and ``demo_actions`` (what happened next).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor, record
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.feedback import (
    abuse,
    demo_actions,
    demo_alerts,
    demo_journeys,
    demo_links,
    demo_triage,
    links,
)
from learning.feedback.demo_moments import SHOWCASE_RECEIPT
from learning.feedback.demo_plan import plan_all
from learning.feedback.demo_staff import dated, find_staff
from learning.feedback.demo_submit import submit_all
from learning.feedback.models import FeedbackLink
from learning.org.models import Council

SEED = 4406
DONE = "feedback.demo.created"


@dataclass(frozen=True)
class DemoFeedback:
    """What a visitor needs to try the feedback journeys."""

    child_form_url: str  # the contact centre poster's short address
    receipt_code: str  # a receipt whose feedback led to a change
    receipt_url: str

    def lines(self) -> list[str]:
        return [
            f"Try the child's form: {self.child_form_url}",
            f"See what changed for receipt code {self.receipt_code}: {self.receipt_url}",
        ]


def create_demo_feedback(
    db: Session, council: Council, settings: Settings, now: datetime | None = None
) -> DemoFeedback:
    """The demo council's feedback; nothing new if it already has it."""
    assert council.id is not None
    if not council.is_demo:
        raise ValueError("Demo feedback is only ever added to the demo council.")
    if not _already_made(db, council.id):
        _make(db, council, settings, now or utcnow())
    return _summary(db, council.id, settings)


def _already_made(db: Session, council_id: int) -> bool:
    return (
        db.exec(
            select(AuditEvent.id)
            .where(AuditEvent.council_id == council_id, AuditEvent.action == DONE)
            .limit(1)
        ).first()
        is not None
    )


def _make(db: Session, council: Council, settings: Settings, now: datetime) -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secret
    staff = find_staff(db, council)
    plans = [*demo_links.POSTERS, *demo_links.personal_plans(staff, rng)]
    made = demo_links.create_links(db, settings, staff, plans, now)
    stored = submit_all(db, settings, plan_all(made, rng, now))
    demo_links.switch_off(db, staff, made)
    demo_alerts.replay(db, settings, stored, staff, now)
    demo_triage.work(db, settings, stored, staff, rng, now)
    demo_journeys.follow(db, settings, stored, staff, now)
    demo_actions.create_actions(db, stored, staff, now)
    demo_alerts.deliver(db, staff.council_id, now)
    abuse.purge(db, now)
    with dated(db, now):
        record(
            db,
            Actor(None, "demo data", council.id),
            DONE,
            "council",
            council.id,
            links=len(made),
            submissions=len(stored),
        )
    db.flush()


def _summary(db: Session, council_id: int, settings: Settings) -> DemoFeedback:
    poster = next(p for p in demo_links.POSTERS if p.key == demo_links.TRY_ME)
    link = db.exec(
        select(FeedbackLink)
        .where(
            FeedbackLink.council_id == council_id,
            FeedbackLink.title == poster.title,
            col(FeedbackLink.revoked_at).is_(None),
        )
        .order_by(col(FeedbackLink.id))
    ).first()
    assert link is not None, "the demo's contact centre poster is missing"
    base = settings.base_url.rstrip("/")
    return DemoFeedback(
        links.short_url(base, link.short_code), SHOWCASE_RECEIPT, f"{base}/give-feedback/receipt"
    )
