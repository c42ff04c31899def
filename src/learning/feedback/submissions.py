"""Taking in one piece of feedback: screen it, check it, store it, raise the alarm.

The order is fixed: the safeguarding screen reads every answer first; then the abuse checks;
then, in the caller's one transaction, the link is consumed, the submission stored and, when
the screen flagged it or the person said they are worried about their safety, an alert
raised. Nothing is refused or dropped: a submission that fails a check is stored with a
quarantine reason for a person to check, and its alert is raised all the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy.sql.expression import Executable
from sqlmodel import Session

from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.core.db import insert_returning_id, new_row, run_on_driver, stored_as
from learning.feedback import abuse, alerts, links, nonces, receipts, safeguarding
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.receipt_status import ReceiptStatus, receipt_status
from learning.feedback.terms import FormKind, Language, QuarantineReason, ScreenCategory

__all__ = ["Incoming", "Outcome", "ReceiptStatus", "receipt_status", "submit"]


@dataclass
class Incoming:
    link: FeedbackLink
    form_kind: FormKind
    language: Language
    easy_read: bool
    answers: dict[str, str]
    worried_about_safety: bool
    wants_contact: bool
    contact_name: str
    contact_detail: str
    honeypot: str
    nonce: str
    #: Saved to finish later, and sent now because what it says reads as a worry. It does
    #: not use up the link (a single-use link stays for the finished form); it must be open.
    part_way: bool = False


@dataclass(frozen=True)
class Kept:
    """What is kept of the answers (``abuse.trim_answers``) and its duplicate digest: worked
    out once, for the checks and for storing."""

    answers: dict[str, str]
    digest: str

    @classmethod
    def of(cls, link_id: int, answers: dict[str, str]) -> Kept:
        kept = abuse.trim_answers(answers)
        return cls(kept, abuse.text_hash(link_id, kept))


@dataclass
class Outcome:
    submission_id: int
    receipt_code: str  # shown once to the person; only its keyed hash is stored
    alert: SafeguardingAlert | None
    quarantined: bool
    row: dict[str, Any] = field(repr=False)  # every column, as inserted
    db: Session = field(repr=False)  # the session that stored it
    _submission: FeedbackSubmission | None = field(default=None, repr=False)

    @property
    def submission(self) -> FeedbackSubmission:
        """The stored submission as a model in the session that stored it, made from the row
        when first asked for (no database read). The public form needs only its id, and
        building the model cost a tenth of sending."""
        if self._submission is None:
            self._submission = stored_as(self.db, FeedbackSubmission(**self.row))
        return self._submission


def submit(
    db: Session,
    settings: Settings,
    incoming: Incoming,
    client_address: str,
    now: datetime | None = None,
) -> Outcome:
    """Store the submission (and its alert) in the caller's transaction. Flushes only."""
    now = now or utcnow()
    screen = safeguarding.screen_all(
        safeguarding.screened_text(incoming.answers, incoming.contact_name)
    )
    link_id = incoming.link.id
    assert link_id is not None
    kept = Kept.of(link_id, incoming.answers)
    reason, nonce = _abuse_checks(db, settings, incoming, kept, client_address, now)
    if not _use_link(db, incoming, now):
        reason = QuarantineReason.LINK_USED
    code, shown = _receipt_codes(settings, nonce)
    row = _store(db, settings, incoming, kept, screen, reason, code, now)
    outcome = Outcome(row["id"], shown, None, reason is not None, row, db)
    if screen.flagged or incoming.worried_about_safety:
        outcome.alert = alerts.raise_alert(
            db,
            settings,
            outcome.submission,
            _alert_categories(screen, incoming.worried_about_safety),
            self_reported=incoming.worried_about_safety,
            now=now,
        )
    return outcome


def _use_link(db: Session, incoming: Incoming, now: datetime) -> bool:
    """Count a use of the link (atomically); a part-way submission only needs it open. Both
    ask the database: ``incoming.link`` may be as read a few seconds ago."""
    if incoming.part_way:
        return links.still_open(db, incoming.link, now)
    return links.consume(db, incoming.link, now)


def _abuse_checks(
    db: Session,
    settings: Settings,
    incoming: Incoming,
    kept: Kept,
    client_address: str,
    now: datetime,
) -> tuple[QuarantineReason | None, nonces.NonceCheck]:
    """Every check runs (the nonce is spent and both rate counters counted whatever the
    outcome); the first reason found, most telling first, is kept. Also what the nonce's
    own check found, and its key (``_receipt_codes``)."""
    link_id = incoming.link.id
    assert link_id is not None
    nonce = nonces.check_and_spend(db, settings, incoming.nonce, link_id, now)
    found = [
        abuse.check_honeypot(incoming.honeypot),
        nonce[0],
        abuse.check_rates(db, settings, client_address, link_id, now),
        abuse.check_duplicate(db, kept.answers, kept.digest, now),
        abuse.check_lengths(incoming.answers, incoming.contact_name, incoming.contact_detail),
    ]
    reason = next((reason for reason in found if reason is not None), None)
    return reason, nonce


def _receipt_codes(settings: Settings, nonce: nonces.NonceCheck) -> tuple[str, str]:
    """The receipt code to store (as a keyed hash), and the one to show. A form whose nonce
    is spent now gets the code worked out from it (``receipts.receipt_code_for``). The same
    form sent again (a double tap: the browser shows only the last answer) is stored, held
    as a duplicate, under a code of its own that nobody is shown, and the person is shown
    the first one's code: the receipt of the feedback that counts, which will show what the
    team did. A form whose nonce was not spent (none, forged, or too old: then nothing
    tells whether it was sent before) gets a random code."""
    reason, key = nonce
    spent_now = reason is None or reason is QuarantineReason.TOO_FAST
    if key is None:  # not spent, now or before
        code = receipts.new_receipt_code()
        return code, code
    first = receipts.receipt_code_for(settings, key)
    return (first, first) if spent_now else (receipts.new_receipt_code(), first)


def _store(
    db: Session,
    settings: Settings,
    incoming: Incoming,
    kept: Kept,
    screen: safeguarding.ScreenResult,
    reason: QuarantineReason | None,
    code: str,
    now: datetime,
) -> dict[str, Any]:
    """Insert the submission with one prebuilt statement (every submission passes here, and
    the ORM's unit of work cost as much as the rest of storing it); the row, with its id."""
    link = incoming.link
    assert link.id is not None
    row = new_row(
        FeedbackSubmission,
        council_id=link.council_id,
        team_id=link.team_id,
        link_id=link.id,
        form_kind=incoming.form_kind,
        language=incoming.language,
        easy_read=incoming.easy_read,
        answers=json.dumps(kept.answers, ensure_ascii=False),
        worried_about_safety=incoming.worried_about_safety,
        wants_contact=incoming.wants_contact,
        contact_name=_contact(incoming, incoming.contact_name, abuse.MAX_CONTACT_NAME_CHARS),
        contact_detail=_contact(incoming, incoming.contact_detail, abuse.MAX_CONTACT_DETAIL_CHARS),
        flagged=screen.flagged,
        screen_categories=json.dumps([category.value for category in screen.categories]),
        quarantine_reason=reason,
        receipt_hash=receipts.receipt_hash(settings, code),
        text_hash=kept.digest,
        submitted_at=now,
        delete_after=to_london(now).date() + timedelta(days=link.retention_days),
    )
    row["id"] = run_on_driver(db, _insert_statement(), row).rows[0][0]
    return row


@cache
def _insert_statement() -> Executable:
    return insert_returning_id(FeedbackSubmission)


def _contact(incoming: Incoming, value: str, limit: int) -> str:
    """Contact details are kept only when the person asked to be contacted."""
    return value.strip()[:limit] if incoming.wants_contact else ""


def _alert_categories(
    screen: safeguarding.ScreenResult, self_reported: bool
) -> tuple[ScreenCategory, ...]:
    """What the screen found, plus "asked for help" when the person pressed the button."""
    found = set(screen.categories)
    if self_reported:
        found.add(ScreenCategory.ASKED_FOR_HELP)
    return tuple(sorted(found))
