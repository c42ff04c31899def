"""Helpers for the review queue tests: staff signed in, and feedback that arrived through the
real intake."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback.models import FeedbackAction, FeedbackLink, FeedbackSubmission
from learning.feedback.submissions import submit
from learning.feedback.terms import LinkKind
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.intake import incoming
from tests.org.conftest import SignedIn
from tests.org.pages import page

_numbers = itertools.count(1)


def staff(
    client: TestClient, factory: Factory, team: Team | None, *roles: Role, name: str = ""
) -> SignedIn:
    """Someone of ``team`` with ``roles`` (and ``name``, "Given Family", when given), signed
    in on ``client``."""
    given_name, _, family_name = name.partition(" ")
    names = {"given_name": given_name, "family_name": family_name} if name else {}
    person = factory.make_person(roles=roles, team_id=team.id if team else None, **names)
    return SignedIn(client, person, factory.sign_in(client, person))


def poster_for(factory: Factory, team: Team) -> FeedbackLink:
    link = FeedbackFactory(factory).make_link(
        LinkKind.POSTER, team_id=team.id, council_id=team.council_id
    )
    return link.link


def given(
    db: Session,
    settings: Settings,
    link: FeedbackLink,
    *,
    at: datetime | None = None,
    **overrides: Any,
) -> FeedbackSubmission:
    """Feedback that came in through ``submit``, each with its own words."""
    now = at or utcnow()
    n = next(_numbers)
    overrides.setdefault("answers", {"good": f"My worker listens to me, note {n}"})
    outcome = submit(db, settings, incoming(settings, link, now, **overrides), f"10.0.0.{n}", now)
    db.commit()
    return outcome.submission


def an_action(db: Session, team: Team, **fields: Any) -> FeedbackAction:
    """One of the team's actions, stored straight away (the title "Shorter waits" unless given)."""
    values = {"council_id": team.council_id, "team_id": team.id, "title": "Shorter waits"}
    action = FeedbackAction(**{**values, **fields})
    db.add(action)
    db.commit()
    return action


def days_ago(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


def action_form(**changes: Any) -> dict[str, Any]:
    """A new action's form as a person fills it in, with ``changes``."""
    values = {
        "title": "Tell families a week before a visit",
        "public_summary": "Your worker now tells you a week before they visit.",
        "status": "planned",
        "due_on-day": "",
        "due_on-month": "",
        "due_on-year": "",
    }
    return {**values, **changes}


def unread_count(response: object) -> str:
    """The queue's list tabs, as read aloud ("To do (1 unread)")."""
    nav = page(response).select_one("nav[aria-label='Feedback lists']")  # type: ignore[arg-type]
    assert nav is not None
    return " ".join(nav.get_text(" ").split())
