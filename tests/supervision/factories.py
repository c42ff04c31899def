"""Supervision test data, for every slice's tests: agreements, sessions in any state,
case discussions, safety ratings and actions. Each call makes a valid, saved record.

    from tests.supervision.factories import SupervisionFactory
    sf = SupervisionFactory(factory)              # factory: the suite's ``factory`` fixture
    supervisor, supervisee = sf.make_pair()
    session = sf.make_session(supervisor, supervisee, signed=True)
    case = sf.make_case_discussion(session, ratings={RaterRole.PRACTITIONER: 4})
    sf.make_action(session, due_on=date(2025, 1, 31))   # open, overdue
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from learning.core.clock import today, utcnow
from learning.core.permissions import Role
from learning.org.models import Person
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SessionAttendee,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionSession,
)
from learning.supervision.terms import ActionStatus, RaterRole, SessionStatus, SessionType
from tests.factories import Factory

_case_numbers = itertools.count(1001)


class SupervisionFactory:
    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self.db = factory.db

    def make_pair(
        self, *, team_id: int | None = None,
        supervisor_roles: tuple[Role, ...] = (Role.SUPERVISOR,), **supervisee_fields: Any,
    ) -> tuple[Person, Person]:
        """A supervisor and a practitioner they supervise now (both in ``team_id``)."""
        supervisor = self.factory.make_person(roles=supervisor_roles, team_id=team_id)
        supervisee = self.factory.make_person(
            roles=(Role.PRACTITIONER,), team_id=team_id, **supervisee_fields
        )
        self.factory.make_relationship(supervisor, supervisee)
        return supervisor, supervisee

    def make_agreement(
        self, supervisor: Person, supervisee: Person, *, agreed: bool = True, **fields: Any
    ) -> SupervisionAgreement:
        now = utcnow()
        values: dict[str, Any] = {
            "council_id": supervisee.council_id,
            "supervisee_id": supervisee.id,
            "supervisor_id": supervisor.id,
            "starts_on": today() - timedelta(days=90),
            "confidentiality_terms": "What we discuss stays between us unless a child is at risk.",
            "recording_terms": "The supervisor records; the supervisee reads and signs off.",
            "supervisor_agreed_at": now if agreed else None,
            "supervisee_agreed_at": now if agreed else None,
        }
        return self._save(SupervisionAgreement(**{**values, **fields}))

    def make_session(
        self,
        supervisor: Person,
        supervisee: Person,
        *,
        status: SessionStatus = SessionStatus.HELD,
        planned_for: date | None = None,
        signed: bool | datetime = False,
        attendees: tuple[Person, ...] = (),
        reflections: Mapping[str, str] | None = None,
        **fields: Any,
    ) -> SupervisionSession:
        """A session; a HELD one is complete (held date, duration, functions), as if
        recorded. ``signed=True`` (or a moment) signs it off, agreed, which locks it."""
        planned_for = planned_for or today() - timedelta(days=7)
        held = status == SessionStatus.HELD
        values: dict[str, Any] = {
            "council_id": supervisee.council_id,
            "supervisee_id": supervisee.id,
            "supervisor_id": supervisor.id,
            "status": status,
            "planned_for": planned_for,
            "held_on": planned_for if held else None,
            "duration_minutes": 90 if held else None,
            "session_type": SessionType.GROUP if attendees else SessionType.ONE_TO_ONE,
            "functions": "management support" if held else "",
            "status_reason": "Off sick" if status in (
                SessionStatus.CANCELLED, SessionStatus.RESCHEDULED) else "",
            "reflective_model": "morrison",
            "reflections": json.dumps(dict(reflections or {})),
            "wellbeing": 7 if held else None,
        }
        if signed:
            values["signed_off_at"] = signed if isinstance(signed, datetime) else utcnow()
            values["supervisee_agreed"] = True
        session = self._save(SupervisionSession(**{**values, **fields}))
        for person in attendees:
            self.db.add(SessionAttendee(session_id=session.id, person_id=person.id))
        if attendees:
            self.db.flush()
            self.db.commit()
        return session

    def make_case_discussion(
        self, session: SupervisionSession, *, ratings: Mapping[RaterRole, int] | None = None,
        **fields: Any,
    ) -> CaseDiscussion:
        values: dict[str, Any] = {
            "session_id": session.id,
            "case_reference": f"CASE-{next(_case_numbers)}",
            "harm": "Bruising seen at nursery in March.",
            "danger_statement": "Children's services are worried that Z could be hurt again.",
            "existing_strengths": "Grandmother visits every day.",
            "safety_goal": "Z is cared for by adults who keep him safe, for six months.",
            "next_steps": "Safety planning meeting with the family network.",
            "child_voice": "Z said he likes it when Nan picks him up.",
            "decision": "Continue the child protection plan.",
            "rationale": "Safety is not yet shown over time.",
            "learning_point": "Early involvement of the wider family helped.",
        }
        discussion = self._save(CaseDiscussion(**{**values, **fields}))
        for rater, score in (ratings or {}).items():
            self.make_rating(discussion, rater=rater, score=score, session=session)
        return discussion

    def make_rating(
        self, discussion: CaseDiscussion, *, rater: RaterRole = RaterRole.PRACTITIONER,
        score: int = 5, rated_on: date | None = None, session: SupervisionSession | None = None,
    ) -> SafetyRating:
        session = session or self.db.get(SupervisionSession, discussion.session_id)
        assert session is not None
        return self._save(SafetyRating(
            council_id=session.council_id,
            case_discussion_id=discussion.id,
            case_reference=discussion.case_reference,
            rater_role=rater,
            score=score,
            rated_on=rated_on or session.held_on or session.planned_for,
        ))

    def make_action(
        self, session: SupervisionSession, *, owner: Person | None = None,
        due_on: date | None = None, status: ActionStatus = ActionStatus.OPEN, **fields: Any,
    ) -> SupervisionAction:
        """An action from ``session``, owned by the supervisee unless ``owner`` is given."""
        values: dict[str, Any] = {
            "council_id": session.council_id,
            "session_id": session.id,
            "supervisee_id": session.supervisee_id,
            "description": "Visit the family and see the children alone.",
            "owner_id": owner.id if owner else session.supervisee_id,
            "due_on": due_on or session.planned_for + timedelta(days=14),
            "status": status,
            "completed_on": today() if status != ActionStatus.OPEN else None,
        }
        return self._save(SupervisionAction(**{**values, **fields}))

    def _save(self, record: Any) -> Any:
        self.db.add(record)
        self.db.flush()
        self.db.commit()
        return record


@dataclass
class SignedIn:
    """A client signed in as ``person``; ``post`` sends the CSRF token with every form."""

    client: TestClient
    person: Person
    csrf: str

    def get(self, url: str, **kwargs: Any) -> Response:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: Mapping[str, Any] | None = None, **kwargs: Any) -> Response:
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf}, **kwargs)

    def follow(self, response: Response) -> Response:
        assert response.status_code == 303, response.text[:500]
        return self.client.get(response.headers["location"])


def sign_in(client: TestClient, factory: Factory, person: Person) -> SignedIn:
    """Signs ``person`` in on ``client`` (replacing whoever was signed in)."""
    return SignedIn(client, person, factory.sign_in(client, person))
