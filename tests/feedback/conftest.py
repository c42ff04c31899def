"""Fixtures the feedback tests share: the feedback factory, a team, and for the review queue a
supervisor of that team and one item of feedback that came in through the real intake."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback.models import FeedbackSubmission
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.triage_helpers import given, poster_for, staff
from tests.org.conftest import SignedIn


@pytest.fixture
def ff(factory: Factory) -> FeedbackFactory:
    return FeedbackFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Children in need north")


@pytest.fixture
def supervisor(client: TestClient, factory: Factory, team: Team) -> SignedIn:
    return staff(client, factory, team, Role.SUPERVISOR)


@pytest.fixture
def item(db: Session, settings: Settings, factory: Factory, team: Team) -> FeedbackSubmission:
    return given(db, settings, poster_for(factory, team))
