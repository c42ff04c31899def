"""Sending the demo's planned feedback through the same path as the public form: the form's
own validation, a nonce issued when the page was shown, then ``submissions.submit`` (the
safeguarding screen first, the abuse checks, the link consumed, the alert raised), each at
the moment it was planned for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback import abuse, forms, receipts, submissions
from learning.feedback.demo_plan import Planned
from learning.feedback.submissions import Incoming, Outcome


@dataclass(frozen=True)
class Stored:
    planned: Planned
    outcome: Outcome

    @property
    def name(self) -> str:
        """The moment's name, or empty for feedback drawn at random."""
        return self.planned.moment.name if self.planned.moment else ""


def submit_all(db: Session, settings: Settings, planned: list[Planned]) -> list[Stored]:
    return [Stored(plan, submit_one(db, settings, plan)) for plan in planned]


def submit_one(db: Session, settings: Settings, plan: Planned) -> Outcome:
    definition = forms.definition_for(plan.kind, plan.easy)
    worried = plan.moment is not None and plan.moment.worried
    if worried:
        data = forms.worried_input(definition, plan.raw)
    else:
        data, errors = forms.validate(definition, plan.raw)
        if errors:
            raise ValueError(f"demo feedback the form would refuse: {plan.raw} {errors}")
    link = plan.made.link
    assert link.id is not None
    shown = plan.at - timedelta(seconds=plan.fill_seconds)
    incoming = Incoming(
        link=link,
        form_kind=plan.kind,
        language=plan.language,
        easy_read=plan.easy,
        answers=data.answers,
        worried_about_safety=worried,
        wants_contact=data.wants_contact,
        contact_name=data.contact_name,
        contact_detail=data.contact_detail,
        honeypot=plan.extra.get(abuse.HONEYPOT_FIELD, ""),
        nonce=abuse.issue_nonce(settings, link.id, now=shown),
    )
    outcome = submissions.submit(db, settings, incoming, plan.client, now=plan.at)
    if plan.moment is not None and plan.moment.receipt:
        outcome.submission.receipt_hash = receipts.receipt_hash(settings, plan.moment.receipt)
        db.add(outcome.submission)
        db.flush()
    return outcome
