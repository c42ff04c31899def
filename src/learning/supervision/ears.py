"""Supervision of supervisors: an appreciative-inquiry review (EARS) of a signed-off record,
in place of a tick-list audit. Elicit, Amplify, Reflect, Start over (DOMAIN.md 2).

A manager reviews records of the supervisors they oversee (never their own sessions); each
week they are offered a sample, random but the same all week. The review reaches the
supervisor on their supervisee's history page.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import LONDON
from learning.org.models import Person
from learning.supervision import access
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SupervisionAction,
    SupervisionAudit,
    SupervisionSession,
)
from learning.supervision.queries import SESSION_DAY, oversight_scope, rows_of
from learning.supervision.terms import SessionType

#: (field, name, question): the four EARS prompts, in order.
PROMPTS = (
    ("elicit", "Elicit", "What was done well in this supervision?"),
    ("amplify", "Amplify", "What difference did it make for the child and the practitioner?"),
    ("reflect", "Reflect", "What does this tell us about our practice?"),
    ("start_over", "Start over", "What would make the next one even better?"),
)
LONGEST_ANSWER = 5000
SAMPLE_SIZE = 5
RECENT_DAYS = 92


# The form ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewInput:
    elicit: str
    amplify: str
    reflect: str
    start_over: str
    child_voice_evident: bool


def parse_review(form: Mapping[str, object]) -> tuple[ReviewInput | None, dict[str, str],
                                                      dict[str, str]]:
    """(the review, or None), errors by field, and the values as typed."""
    values = {name: str(form.get(name, "")) for name, _, _ in PROMPTS}
    values["child_voice_evident"] = str(form.get("child_voice_evident", ""))
    errors: dict[str, str] = {}
    if not values["elicit"].strip():
        errors["elicit"] = "Enter what was done well in this supervision"
    for name, label, _ in PROMPTS:
        if len(values[name]) > LONGEST_ANSWER:
            errors.setdefault(name, f"{label} must be {LONGEST_ANSWER} characters or fewer")
    if values["child_voice_evident"] not in ("yes", "no"):
        errors["child_voice_evident"] = "Select yes if the child's voice is evident in the record"
    if errors:
        return None, errors, values
    texts = {name: values[name].strip() for name, _, _ in PROMPTS}
    evident = values["child_voice_evident"] == "yes"
    return ReviewInput(**texts, child_voice_evident=evident), {}, values


# Which records a manager may review, and this week's sample ------------------------------


def require_auditable_session(
    db: Session, principal: Principal, session_id: int
) -> SupervisionSession:
    """A signed-off record whose supervisor the principal oversees, and in which they took
    no part; otherwise :class:`access.NotYourRecord`."""
    found = db.get(SupervisionSession, session_id)
    if (found is None or found.council_id != principal.council_id
            or found.signed_off_at is None
            or principal.person_id in (found.supervisor_id, found.supervisee_id)):
        raise access.NotYourRecord(f"session {session_id}")
    supervisor = db.get(Person, found.supervisor_id)
    if supervisor is None or not access.can_oversee(db, principal, supervisor):
        raise access.NotYourRecord(f"session {session_id}")
    return found


@dataclass(frozen=True)
class SampleLine:
    session_id: int
    day: date
    session_type: SessionType
    supervisor_name: str
    supervisee_name: str
    reviewed_at: datetime | None


def weekly_sample(
    db: Session, principal: Principal, on: date, size: int = SAMPLE_SIZE
) -> list[SampleLine]:
    """Up to ``size`` records of supervisors the principal oversees, signed off before this
    week began, of sessions in the 3 months before it: chosen at random, but the same all
    week (the pool is fixed when the week starts, and the choice is seeded by the week)."""
    scope = oversight_scope(principal, None)
    if scope is None:
        return []
    week_start = on - timedelta(days=on.weekday())
    started = datetime.combine(week_start, time.min, tzinfo=LONDON).astimezone(UTC)
    candidates = db.exec(
        select(SupervisionSession.id)
        .where(SupervisionSession.council_id == principal.council_id,
               col(SupervisionSession.signed_off_at) < started,
               SESSION_DAY.between(week_start - timedelta(days=RECENT_DAYS), week_start),
               col(SupervisionSession.supervisor_id).in_(scope.people()),
               SupervisionSession.supervisor_id != principal.person_id,
               SupervisionSession.supervisee_id != principal.person_id)
        .order_by(col(SupervisionSession.id))
    ).all()
    year, week, _ = on.isocalendar()
    chooser = random.Random(f"{principal.person_id}:{year}-W{week:02d}")  # noqa: S311 - not secret
    chosen = chooser.sample(list(candidates), min(size, len(candidates)))
    return _sample_lines(db, principal, chosen)


def _sample_lines(db: Session, principal: Principal, ids: list[int | None]) -> list[SampleLine]:
    if not ids:
        return []
    supervisor, supervisee = aliased(Person), aliased(Person)
    rows = rows_of(db, wide_select(
        col(SupervisionSession.id), SESSION_DAY, col(SupervisionSession.session_type),
        col(supervisor.given_name), col(supervisor.family_name),
        col(supervisee.given_name), col(supervisee.family_name))
        .join(supervisor, col(supervisor.id) == SupervisionSession.supervisor_id)
        .join(supervisee, col(supervisee.id) == SupervisionSession.supervisee_id)
        .where(col(SupervisionSession.id).in_(ids))
        .order_by(SESSION_DAY.desc(), col(SupervisionSession.id).desc()))
    reviewed = dict(db.exec(
        select(SupervisionAudit.session_id, SupervisionAudit.created_at)
        .where(col(SupervisionAudit.session_id).in_(ids),
               SupervisionAudit.auditor_id == principal.person_id)
        .order_by(col(SupervisionAudit.created_at))
    ).all())
    return [SampleLine(sid, day, SessionType(kind), f"{g1} {f1}", f"{g2} {f2}", reviewed.get(sid))
            for sid, day, kind, g1, f1, g2, f2 in rows]


# Reading a record for review, and saving the review ---------------------------------------


@dataclass(frozen=True)
class ReviewLine:
    session_id: int
    session_day: date
    auditor_name: str
    created_at: datetime
    elicit: str
    amplify: str
    reflect: str
    start_over: str
    child_voice_evident: bool


@dataclass
class RecordForReview:
    """The record as a reviewer reads it: the case sections only, never the personal one."""

    session: SupervisionSession
    supervisor_name: str
    supervisee_name: str
    discussions: list[tuple[CaseDiscussion, list[SafetyRating]]]
    actions: list[tuple[SupervisionAction, str]]
    reflection_stages: int
    reviews: list[ReviewLine]

    @property
    def functions(self) -> list[str]:
        return self.session.functions.split()


def record_for_review(
    db: Session, actor: Actor, principal: Principal, session_id: int
) -> RecordForReview:
    found = require_auditable_session(db, principal, session_id)
    assert found.id is not None
    discussions = db.exec(select(CaseDiscussion).where(CaseDiscussion.session_id == found.id)
                          .order_by(col(CaseDiscussion.id))).all()
    ratings: dict[int, list[SafetyRating]] = {}
    for rating in db.exec(select(SafetyRating).where(
            col(SafetyRating.case_discussion_id).in_([d.id for d in discussions]))
            .order_by(col(SafetyRating.id))):
        ratings.setdefault(rating.case_discussion_id, []).append(rating)
    actions = db.exec(
        select(SupervisionAction, Person.given_name, Person.family_name)
        .join(Person, col(Person.id) == SupervisionAction.owner_id)
        .where(SupervisionAction.session_id == found.id).order_by(col(SupervisionAction.id))
    ).all()
    record(db, actor, "supervision.session.viewed", "supervision_session", found.id,
           purpose="ears_review")
    return RecordForReview(
        session=found,
        supervisor_name=_name(db, found.supervisor_id),
        supervisee_name=_name(db, found.supervisee_id),
        discussions=[(d, ratings.get(d.id or 0, [])) for d in discussions],
        actions=[(a, f"{given} {family}") for a, given, family in actions],
        reflection_stages=_stages_recorded(found.reflections),
        reviews=_reviews(db, SupervisionAudit.session_id == found.id),
    )


def create_review(
    db: Session, actor: Actor, principal: Principal, session_id: int, data: ReviewInput
) -> SupervisionAudit:
    found = require_auditable_session(db, principal, session_id)
    assert found.id is not None
    review = SupervisionAudit(
        council_id=found.council_id, session_id=found.id, auditor_id=principal.person_id,
        elicit=data.elicit, amplify=data.amplify, reflect=data.reflect,
        start_over=data.start_over, child_voice_evident=data.child_voice_evident,
    )
    db.add(review)
    db.flush()
    record(db, actor, "supervision.ears.created", "supervision_session", found.id,
           review_id=review.id, supervisor_id=found.supervisor_id,
           child_voice_evident=data.child_voice_evident)
    return review


def reviews_of_supervisee(db: Session, supervisee_id: int) -> list[ReviewLine]:
    return _reviews(db, SupervisionSession.supervisee_id == supervisee_id)


def _reviews(db: Session, condition: object) -> list[ReviewLine]:
    rows = db.exec(
        select(SupervisionAudit, SESSION_DAY, Person.given_name, Person.family_name)
        .join(SupervisionSession, col(SupervisionSession.id) == SupervisionAudit.session_id)
        .join(Person, col(Person.id) == SupervisionAudit.auditor_id)
        .where(condition)  # type: ignore[arg-type]
        .order_by(col(SupervisionAudit.created_at).desc(), col(SupervisionAudit.id).desc())
    ).all()
    return [ReviewLine(r.session_id, day, f"{given} {family}", r.created_at, r.elicit,
                       r.amplify, r.reflect, r.start_over, r.child_voice_evident)
            for r, day, given, family in rows]


def _name(db: Session, person_id: int) -> str:
    person = db.get(Person, person_id)
    return person.name if person else ""


def _stages_recorded(reflections: str) -> int:
    try:
        stages = json.loads(reflections or "{}")
    except ValueError:
        return 0
    if not isinstance(stages, dict):
        return 0
    return sum(1 for text in stages.values() if str(text).strip())
