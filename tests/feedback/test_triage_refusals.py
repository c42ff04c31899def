"""Refusals in the review queue: another team's (or council's) item, action or tag answers
404 as if it did not exist, changes nothing, and is kept in the audit log as the supervision
pages keep theirs."""

from __future__ import annotations

import json

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import triage_views, triage_work
from learning.feedback.models import (
    FeedbackActionLink,
    FeedbackSubmission,
    FeedbackTag,
)
from learning.feedback.terms import SubmissionStatus
from learning.feedback.triage_refusals import REFUSED, refusals
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import an_action, given, poster_for, staff
from tests.org.conftest import SignedIn


@pytest.fixture
def other(db: Session, settings: Settings, factory: Factory) -> FeedbackSubmission:
    return given(db, settings, poster_for(factory, factory.make_team(name="South")))


@pytest.fixture
def own(db: Session, settings: Settings, factory: Factory, team: Team) -> FeedbackSubmission:
    return given(db, settings, poster_for(factory, team))


def refusals_logged(db: Session) -> list[AuditEvent]:
    db.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == REFUSED).order_by(col(AuditEvent.id))
    return list(db.exec(query).all())


def test_reading_another_team_s_item_is_refused_and_audited(
    db: Session, supervisor: SignedIn, other: FeedbackSubmission
) -> None:
    response = supervisor.get(f"/feedback/queue/{other.id}")

    assert response.status_code == 404
    [event] = refusals_logged(db)
    assert event.actor_id == supervisor.person.id
    assert event.council_id == supervisor.person.council_id
    assert (event.record_type, event.record_id) == ("feedback_submission", str(other.id))
    detail = json.loads(event.detail)
    assert detail["path"] == f"/feedback/queue/{other.id}" and detail["method"] == "GET"
    assert "not in this person's queue" in detail["reason"]
    db.refresh(other)
    assert other.status is SubmissionStatus.NEW


@pytest.mark.parametrize("path", ["tags", "reply", "close", "reopen", "release", "spam", "actions"])
def test_every_change_to_another_team_s_item_is_refused_audited_and_changes_nothing(
    db: Session, supervisor: SignedIn, other: FeedbackSubmission, path: str
) -> None:
    response = supervisor.post(f"/feedback/queue/{other.id}/{path}", {"tag": "x", "body": "Hi"})

    assert response.status_code == 404
    [event] = refusals_logged(db)
    assert (event.record_type, event.record_id) == ("feedback_submission", str(other.id))
    assert json.loads(event.detail)["method"] == "POST"
    db.refresh(other)
    assert other.status is SubmissionStatus.NEW and other.quarantine_reason is None
    assert db.exec(select(FeedbackTag)).all() == []


def test_another_council_s_item_and_one_that_never_was_are_refused_alike(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    elsewhere = factory.make_council(slug="elsewhere")
    foreign = given(db, settings, poster_for(factory, factory.make_team(council_id=elsewhere.id)))
    lead = staff(client, factory, None, Role.PRINCIPAL_SOCIAL_WORKER)

    assert lead.get(f"/feedback/queue/{foreign.id}").status_code == 404
    assert lead.get("/feedback/queue/999999").status_code == 404

    assert [e.record_id for e in refusals_logged(db)] == [str(foreign.id), "999999"]


def test_another_team_s_action_is_refused_and_audited_and_nothing_is_linked(
    db: Session, factory: Factory, supervisor: SignedIn, own: FeedbackSubmission
) -> None:
    theirs = an_action(db, factory.make_team())

    assert supervisor.get(f"/feedback/queue/actions/{theirs.id}").status_code == 404
    linked = supervisor.post(f"/feedback/queue/{own.id}/actions", {"action_id": str(theirs.id)})
    unlinked = supervisor.post(f"/feedback/queue/{own.id}/actions/{theirs.id}/unlink")

    assert linked.status_code == unlinked.status_code == 404
    events = refusals_logged(db)
    assert [(e.record_type, e.record_id) for e in events] == [
        ("feedback_action", str(theirs.id))
    ] * 3
    assert db.exec(select(FeedbackActionLink)).all() == []


def test_a_new_action_from_another_team_s_item_is_refused_and_audited(
    db: Session, supervisor: SignedIn, other: FeedbackSubmission
) -> None:
    assert supervisor.get(f"/feedback/queue/actions/new?item={other.id}").status_code == 404

    [event] = refusals_logged(db)
    assert (event.record_type, event.record_id) == ("feedback_submission", str(other.id))


def test_removing_a_tag_that_is_not_on_the_item_is_refused_and_audited(
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    own: FeedbackSubmission,
) -> None:
    second = given(db, settings, poster_for(factory, team))
    actor = Actor(council_id=team.council_id, person_id=None, label="test")
    tag = triage_work.add_tag(db, actor, second, "waiting times")
    db.commit()

    response = supervisor.post(f"/feedback/queue/{own.id}/tags/{tag.id}/remove")

    assert response.status_code == 404
    [event] = refusals_logged(db)
    assert (event.record_type, event.record_id) == ("feedback_tag", str(tag.id))
    assert db.get(FeedbackTag, tag.id) is not None


def test_every_queue_page_runs_under_the_audited_refusals() -> None:
    routes = [
        route
        for route in iter_route_contexts(triage_views.router.routes)
        if isinstance(getattr(route, "original_route", route), APIRoute)
    ]
    assert len(routes) > 10
    for route in routes:
        calls = [dependency.call for dependency in route.dependant.dependencies]
        assert refusals in calls, route.name
