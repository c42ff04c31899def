"""Safeguarding alerts: raised with the submission, acknowledged once, closed with an outcome,
each step in the alert's trail; the email goes to the inbox without the child's words."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.alert_words import decode_categories
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome, AlertStatus, ScreenCategory
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from tests.factories import Factory
from tests.feedback.alert_helpers import CHILD_WORDS, make_alert, make_submission


def outbox(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage).order_by(OutboxMessage.id)))  # type: ignore[arg-type]


def test_raise_alert_stores_the_alert_its_event_and_an_email_without_the_childs_words(
    db: Session, factory: Factory, settings: Settings
) -> None:
    now = utcnow()
    team = factory.make_team(name="Riverside Children in Need")
    alert = make_alert(factory, settings, now=now, team_id=team.id)

    assert alert.id is not None
    assert alert.status is AlertStatus.OPEN
    assert alert.respond_by == now + timedelta(hours=settings.safeguarding_respond_hours)
    assert decode_categories(alert.categories) == (
        ScreenCategory.FEAR,
        ScreenCategory.PHYSICAL_ABUSE,
    )
    assert [e.kind for e in alerts.events(db, alert)] == ["raised"]
    [email] = outbox(db)
    assert email.to_address == settings.safeguarding_email
    assert email.subject == f"Safeguarding alert {alert.id}: feedback needs a person now"
    assert email.safeguarding_alert_id == alert.id
    assert email.status is OutboxStatus.PENDING
    assert f"https://testserver/safeguarding/alerts/{alert.id}" in email.body
    assert "Physical abuse" in email.body and "Riverside Children in Need" in email.body
    for word in ("stepdad", "belt", "scared to go home", CHILD_WORDS):
        assert word not in email.body and word not in email.subject


def test_self_reported_alert_says_the_person_asked_for_help(
    db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings, categories=(), self_reported=True)
    assert alert.self_reported
    assert decode_categories(alert.categories) == (ScreenCategory.ASKED_FOR_HELP,)
    assert "I am worried about my safety" in outbox(db)[0].body


def test_raise_alert_flushes_but_never_commits(
    db: Session, factory: Factory, settings: Settings
) -> None:
    submission = make_submission(factory)
    db.commit()
    alerts.raise_alert(db, settings, submission, [ScreenCategory.SELF_HARM], False)
    db.rollback()
    assert db.exec(select(SafeguardingAlert)).all() == []
    assert outbox(db) == []


def test_acknowledge_once_with_an_event(db: Session, factory: Factory, settings: Settings) -> None:
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    other = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    alert = make_alert(factory, settings)

    alerts.acknowledge(db, alert, lead.id)
    assert alert.status is AlertStatus.ACKNOWLEDGED
    assert alert.acknowledged_by_id == lead.id
    with pytest.raises(alerts.AlertError):
        alerts.acknowledge(db, alert, other.id)
    assert alert.acknowledged_by_id == lead.id
    trail = alerts.events(db, alert)
    assert [(e.kind, e.actor_id) for e in trail] == [("raised", None), ("acknowledged", lead.id)]


def test_outcome_closes_and_acknowledges_implicitly(
    db: Session, factory: Factory, settings: Settings
) -> None:
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    alert = make_alert(factory, settings)

    alerts.record_outcome(
        db, alert, lead.id, AlertOutcome.REFERRAL_TO_FRONT_DOOR, "  Referred to MASH.  "
    )
    assert alert.status is AlertStatus.CLOSED
    assert alert.outcome is AlertOutcome.REFERRAL_TO_FRONT_DOOR
    assert alert.outcome_note == "Referred to MASH."
    assert alert.acknowledged_by_id == lead.id and alert.closed_by_id == lead.id
    assert [e.kind for e in alerts.events(db, alert)] == ["raised", "acknowledged", "outcome"]
    with pytest.raises(alerts.AlertError):
        alerts.record_outcome(db, alert, lead.id, AlertOutcome.NFA, "again")


def test_categories_are_stored_as_a_sorted_json_list(
    db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(
        factory,
        settings,
        categories=(ScreenCategory.SUICIDE, ScreenCategory.SELF_HARM, ScreenCategory.SUICIDE),
    )
    assert json.loads(alert.categories) == ["self_harm", "suicide"]
