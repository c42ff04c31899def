"""Supervision agreements: the terms a supervisor and supervisee both agree, and the schedule
of sessions they imply.

The expected frequency is derived from the supervisee's career stage through the council's
frequency policy (ASYE: weekly, then fortnightly, then monthly), unless the agreement sets an
override. The supervisor's save is their agreement; the supervisee then agrees. Terms that
both have agreed are never changed: a change ends that agreement and starts a new one, which
needs agreeing again, so the history stays.

The supervisor's form carries the agreement in force as it showed it
(:func:`agreement_token`); a save from a form opened before the agreement last changed is
refused rather than put over the newer terms unseen (:class:`AgreementChanged`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import or_
from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.core.clock import format_date, to_london, today, utcnow
from learning.org.models import CareerStage, Person, SupervisoryRelationship
from learning.supervision import policy_store
from learning.supervision.access import NotYourRecord
from learning.supervision.models import SupervisionAgreement
from learning.supervision.policy import FrequencyPolicy, FrequencyStep

DEFAULT_DURATION_MINUTES = 90

DEFAULT_CONFIDENTIALITY_TERMS = (
    "What we talk about in supervision stays between us, except where it raises a worry "
    "about the safety of a child or an adult, about practice that falls below professional "
    "standards, or about your wellbeing that needs more support than I can give. If I need to "
    "share something, I will tell you first, unless that would put someone at risk. The "
    "personal section of each record (wellbeing, support, learning and career goals) is seen "
    "only by you and me."
)
DEFAULT_RECORDING_TERMS = (
    "I will write up each session within 5 working days. Case decisions and the reasons for "
    "them are also recorded on the child's file as management oversight. You read each record "
    "and agree it or add your comments before it is signed off; a signed record is changed "
    "only by a new version, so its history is kept. You decide which of your reflections may "
    "be used, without names, for the service's learning."
)


@dataclass(frozen=True)
class AgreementInput:
    """The terms, as the supervisor set them."""

    starts_on: date
    asye_started_on: date | None
    frequency_days_override: int | None
    usual_duration_minutes: int
    venue: str
    confidentiality_terms: str
    recording_terms: str

    @classmethod
    def of(cls, agreement: SupervisionAgreement) -> AgreementInput:
        return cls(**{f.name: getattr(agreement, f.name) for f in fields(cls)})


class Schedule(NamedTuple):
    """What decides when someone's sessions are due."""

    policy: FrequencyPolicy
    stage: str
    started: date
    override: int | None


class TermsChanged(ValueError):
    """The supervisee agreed to terms that have since changed."""


class AgreementChanged(ValueError):
    """The supervisor's form was opened before the agreement last changed (in another
    window, or by someone else): saving it would put its terms over the newer ones unseen."""


# Reading ---------------------------------------------------------------------------------


def current_agreement(db: Session, supervisee_id: int) -> SupervisionAgreement | None:
    query = (
        select(SupervisionAgreement)
        .where(SupervisionAgreement.supervisee_id == supervisee_id,
               col(SupervisionAgreement.ended_on).is_(None))
        .order_by(col(SupervisionAgreement.id).desc())
        .limit(1)
    )
    return db.exec(query).first()


@dataclass(frozen=True)
class AgreementLine:
    agreement: SupervisionAgreement
    supervisor: Person

    @property
    def agreed_by_both(self) -> bool:
        return self.agreement.supervisee_agreed_at is not None


def list_agreements(db: Session, supervisee_id: int) -> list[AgreementLine]:
    """Every agreement the supervisee has had, newest first."""
    query = (
        select(SupervisionAgreement, Person)
        .join(Person, col(Person.id) == SupervisionAgreement.supervisor_id)
        .where(SupervisionAgreement.supervisee_id == supervisee_id)
        .order_by(col(SupervisionAgreement.id).desc())
    )
    return [AgreementLine(agreement, person) for agreement, person in db.exec(query).all()]


def terms_fingerprint(agreement: SupervisionAgreement) -> str:
    """Identifies the exact terms a supervisee was shown, to check they still hold."""
    terms = (agreement.id, agreement.supervisor_id, *astuple(AgreementInput.of(agreement)))
    text = "\x1f".join(str(value) for value in terms)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def agreement_token(agreement: SupervisionAgreement | None) -> str:
    """What the supervisor's form carries: the agreement in force as the page showed it
    (its terms' fingerprint), or that there was none."""
    return terms_fingerprint(agreement) if agreement is not None else "none"


# The schedule ----------------------------------------------------------------------------


def _started(stage: str, agreement: SupervisionAgreement | None, fallback: date) -> date:
    if agreement is None:
        return fallback
    if stage == CareerStage.ASYE and agreement.asye_started_on:
        return agreement.asye_started_on
    return agreement.starts_on


def schedule_for(db: Session, supervisee: Person) -> Schedule:
    """The frequency policy, career stage, start and override that set ``supervisee``'s
    schedule. Without an agreement, it runs from the start of their current supervision."""
    assert supervisee.id is not None
    return schedules_for(db, [supervisee])[supervisee.id]


def schedules_for(db: Session, supervisees: Sequence[Person]) -> dict[int, Schedule]:
    """:func:`schedule_for` for many people of one council, in three queries."""
    ids = [p.id for p in supervisees if p.id is not None]
    if not ids:
        return {}
    policy = policy_store.frequency_policy(db, supervisees[0].council_id)
    agreements = {
        a.supervisee_id: a for a in db.exec(
            select(SupervisionAgreement)
            .where(col(SupervisionAgreement.supervisee_id).in_(ids),
                   col(SupervisionAgreement.ended_on).is_(None))
            .order_by(col(SupervisionAgreement.id))
        ).all()
    }
    starts = _supervision_starts(db, ids)
    schedules = {}
    for person in supervisees:
        assert person.id is not None
        agreement = agreements.get(person.id)
        fallback = starts.get(person.id) or to_london(person.created_at).date()
        override = agreement.frequency_days_override if agreement else None
        stage = person.career_stage.value
        schedules[person.id] = Schedule(policy, stage, _started(stage, agreement, fallback),
                                        override)
    return schedules


def _supervision_starts(db: Session, ids: list[int]) -> dict[int, date]:
    """When each person's current supervision began (their earliest current link)."""
    on = today()
    links = db.exec(
        select(col(SupervisoryRelationship.supervisee_id), col(SupervisoryRelationship.starts_on))
        .where(col(SupervisoryRelationship.supervisee_id).in_(ids),
               SupervisoryRelationship.starts_on <= on,
               or_(col(SupervisoryRelationship.ends_on).is_(None),
                   col(SupervisoryRelationship.ends_on) >= on))
    ).all()
    starts: dict[int, date] = {}
    for person_id, starts_on in links:
        starts[person_id] = min(starts_on, starts.get(person_id, starts_on))
    return starts


INTERVAL_WORDS = {7: "weekly", 14: "fortnightly", 28: "every 4 weeks", 30: "monthly",
                  31: "monthly"}


def interval_words(days: int) -> str:
    return INTERVAL_WORDS.get(days, f"every {days} days" if days != 1 else "daily")


def describe_steps(steps: Sequence[FrequencyStep]) -> str:
    """A schedule in words, without dates: "Weekly for the first 6 weeks, then monthly"."""
    parts, previous = [], None
    for step in steps:
        words = interval_words(step.interval_days)
        if step.until_weeks is None:
            parts.append(words + (" from then on" if previous else ""))
            break
        parts.append(f"{words} until week {step.until_weeks}" if previous
                     else f"{words} for the first {_plural(step.until_weeks, 'week')}")
        previous = step.until_weeks
    text = ", then ".join(parts)
    return text[:1].upper() + text[1:]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def describe_schedule(schedule: Schedule) -> str:
    """The expected frequency in words: "Weekly until 14 January 2026, then monthly"."""
    policy, stage, started, override = schedule
    if override:
        usual = describe_schedule(Schedule(policy, stage, started, None))
        return f"{interval_words(override).capitalize()}, as agreed (the policy says: {usual})"
    steps = policy.by_stage.get(stage, policy.default)
    parts = []
    for step in steps:
        words = interval_words(step.interval_days)
        if step.until_weeks is None:
            parts.append(words)
            break
        parts.append(f"{words} until {format_date(started + timedelta(weeks=step.until_weeks))}")
    text = ", then ".join(parts)
    return text[:1].upper() + text[1:]


# Changing --------------------------------------------------------------------------------


def save_agreement(
    db: Session, actor: Actor, supervisor_id: int, supervisee: Person, data: AgreementInput,
    seen: str = "",
) -> tuple[SupervisionAgreement, str]:
    """The supervisor sets (and so agrees) the terms. Returns the agreement in force and
    what happened: "created", "updated" (not yet agreed by the supervisee, so changed in
    place), "replaced" (a new agreement that needs agreeing again) or "unchanged".

    Refused (AgreementChanged) when ``seen``, the token of the form's page, is not the
    agreement in force now and the terms sent differ from it. A form without a token (a
    page served before forms carried one) is not checked."""
    supervisee_id = supervisee.id
    assert supervisee_id is not None
    _take_turns(db, supervisee_id)
    current = current_agreement(db, supervisee_id)
    if seen and seen != agreement_token(current) and (
            current is None or AgreementInput.of(current) != data):
        raise AgreementChanged(f"agreement of person {supervisee_id}")
    same_supervisor = current is not None and current.supervisor_id == supervisor_id
    if current is not None and same_supervisor and AgreementInput.of(current) == data:
        return current, "unchanged"
    if current is not None and same_supervisor and current.supervisee_agreed_at is None:
        changed = _changed(AgreementInput.of(current), data)
        _apply(current, data)
        current.supervisor_agreed_at = utcnow()
        db.add(current)
        db.flush()
        record(db, actor, "agreement.updated", "supervision_agreement", current.id,
               supervisee_id=supervisee.id, changed=changed)
        return current, "updated"
    agreement = SupervisionAgreement(
        council_id=supervisee.council_id, supervisee_id=supervisee_id,
        supervisor_id=supervisor_id, supervisor_agreed_at=utcnow(),
        starts_on=data.starts_on, asye_started_on=data.asye_started_on,
        frequency_days_override=data.frequency_days_override,
        usual_duration_minutes=data.usual_duration_minutes, venue=data.venue,
        confidentiality_terms=data.confidentiality_terms, recording_terms=data.recording_terms,
    )
    db.add(agreement)
    if current is not None:
        current.ended_on = today()
        db.add(current)
    db.flush()
    if current is None:
        record(db, actor, "agreement.created", "supervision_agreement", agreement.id,
               supervisee_id=supervisee.id)
        return agreement, "created"
    record(db, actor, "agreement.replaced", "supervision_agreement", agreement.id,
           supervisee_id=supervisee.id, replaces=current.id)
    return agreement, "replaced"


def _take_turns(db: Session, supervisee_id: int) -> None:
    """Saves of one person's agreement take turns, each reading the agreement in force as
    the one before left it, so two never both start one (PostgreSQL; SQLite writers take
    turns anyway). The person's row is held: ``FOR NO KEY UPDATE``, so that rows that only
    refer to them are not held up."""
    db.exec(select(Person.id).where(col(Person.id) == supervisee_id)
            .with_for_update(key_share=True)).first()


def _apply(agreement: SupervisionAgreement, data: AgreementInput) -> None:
    for f in fields(AgreementInput):
        setattr(agreement, f.name, getattr(data, f.name))


def _changed(before: AgreementInput, after: AgreementInput) -> list[str]:
    return [f.name for f in fields(AgreementInput)
            if getattr(before, f.name) != getattr(after, f.name)]


def agree(
    db: Session, actor: Actor, supervisee_id: int, agreement_id: int, seen: str
) -> tuple[SupervisionAgreement, bool]:
    """The supervisee agrees the terms they were shown. Returns the agreement and whether
    this was their agreement (False: they had already agreed)."""
    agreement = db.get(SupervisionAgreement, agreement_id)
    if agreement is None or agreement.supervisee_id != supervisee_id or agreement.ended_on:
        raise NotYourRecord(f"agreement {agreement_id}")
    if agreement.supervisee_agreed_at is not None:
        return agreement, False
    if seen != terms_fingerprint(agreement):
        raise TermsChanged(f"agreement {agreement_id}")
    agreement.supervisee_agreed_at = utcnow()
    db.add(agreement)
    db.flush()
    record(db, actor, "agreement.agreed", "supervision_agreement", agreement.id,
           supervisor_id=agreement.supervisor_id)
    return agreement, True
