"""The demo shows an alert's outcome recorded by mistake: closed as "no further action",
reopened with a reason the next morning, and closed again with the right outcome; the same
every time it is made."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select

from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert, SafeguardingAlertEvent
from learning.feedback.terms import AlertOutcome, AlertStatus
from tests.feedback.test_demo import make_demo


def reopened_trail(db: Session) -> tuple[SafeguardingAlert, list[SafeguardingAlertEvent]]:
    reopened = select(SafeguardingAlertEvent.alert_id).where(
        SafeguardingAlertEvent.kind == "reopened"
    )
    [alert] = db.exec(
        select(SafeguardingAlert).where(SafeguardingAlert.id.in_(reopened))  # type: ignore[union-attr]
    ).all()
    return alert, alerts.events(db, alert)


def test_the_demo_has_an_alert_closed_by_mistake_reopened_and_closed_again(
    fresh_database_url: Callable[[], str],
) -> None:
    demo = make_demo(fresh_database_url)
    try:
        with demo.database.session() as db:
            alert, trail = reopened_trail(db)
            assert alert.status is AlertStatus.CLOSED
            assert alert.outcome is AlertOutcome.REFERRAL_TO_FRONT_DOOR
            journey = [e.kind for e in trail if e.kind in ("outcome", "reopened")]
            assert journey == ["outcome", "reopened", "outcome"]
            [undone] = [e for e in trail if e.kind == "reopened"]
            assert "Why: Closed as no further action too quickly." in undone.note
            assert "Outcome undone: No further action, recorded by" in undone.note
            assert alert.acknowledged_at == undone.at  # the reopener has had it since
            assert alert.closed_at is not None and alert.closed_at < alert.respond_by
            first = [(e.kind, e.at, e.note) for e in trail]
    finally:
        demo.database.engine.dispose()

    again = make_demo(fresh_database_url)
    try:
        with again.database.session() as db:
            _, trail = reopened_trail(db)
            assert [(e.kind, e.at, e.note) for e in trail] == first
    finally:
        again.database.engine.dispose()
