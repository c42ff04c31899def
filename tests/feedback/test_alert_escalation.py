"""Escalation: an alert nobody acknowledges escalates every acknowledgement window, by email,
until someone acknowledges it; the emails really arrive, and their sending is in the trail."""

from __future__ import annotations

from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.alert_jobs import escalate_overdue
from learning.feedback.alert_mail import ESCALATION_KIND
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.mail.worker import run_once
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import CHILD_WORDS, RAISED, make_alert, minutes
from tests.support.smtp import Inbox


def escalation_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "safeguarding_acknowledge_minutes": 30,
        "safeguarding_email": "duty@example.test",
        "safeguarding_escalation_email": "head-of-service@example.test",
        **overrides,
    }
    return make_settings(**values)


def escalations(db: Session) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == ESCALATION_KIND)
    return list(db.exec(query.order_by(OutboxMessage.id)))  # type: ignore[arg-type]


def test_escalates_each_window_until_acknowledged(db: Session, factory: Factory) -> None:
    settings = escalation_settings()
    alert = make_alert(factory, settings, now=RAISED)
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))

    assert escalate_overdue(db, settings, minutes(29)) == []
    assert escalate_overdue(db, settings, minutes(30)) == [alert]
    assert alert.escalation_level == 1
    assert escalate_overdue(db, settings, minutes(45)) == []  # 15 minutes since the last
    assert escalate_overdue(db, settings, minutes(60)) == [alert]
    assert alert.escalation_level == 2

    sent = escalations(db)
    assert [m.to_address for m in sent] == ["head-of-service@example.test"] * 2
    assert sent[1].subject.startswith(f"Escalation 2: safeguarding alert {alert.id}")
    assert "60 minutes" in sent[1].body and CHILD_WORDS not in sent[1].body

    alerts.acknowledge(db, alert, lead.id, now=minutes(61))
    db.expire_all()
    assert {m.status for m in escalations(db)} == {OutboxStatus.CANCELLED}
    assert escalate_overdue(db, settings, minutes(120)) == []
    assert escalate_overdue(db, settings, minutes(239)) == []  # respond-by is at 240
    kinds = [e.kind for e in alerts.events(db, alert)]
    assert kinds == ["raised", "escalated", "escalated", "acknowledged"]


def test_without_an_escalation_address_the_inbox_is_emailed_again(
    db: Session, factory: Factory
) -> None:
    settings = escalation_settings(safeguarding_escalation_email="")
    make_alert(factory, settings, now=RAISED)
    escalate_overdue(db, settings, minutes(31))
    assert [m.to_address for m in escalations(db)] == ["duty@example.test"]


def test_closed_alerts_never_escalate_and_acknowledged_ones_not_before_respond_by(
    db: Session, factory: Factory
) -> None:
    settings = escalation_settings()
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    acknowledged = make_alert(factory, settings, now=RAISED)
    alerts.acknowledge(db, acknowledged, lead.id, now=minutes(5))
    closed = make_alert(factory, settings, now=RAISED)
    alerts.record_outcome(db, closed, lead.id, alerts.AlertOutcome.NFA, "Spoke to the school")
    assert escalate_overdue(db, settings, minutes(239)) == []
    assert escalate_overdue(db, settings, minutes(300)) == [acknowledged]


def test_the_alert_and_its_escalation_arrive_by_email_and_the_trail_says_so(
    database: Database, db: Session, factory: Factory, inbox: Inbox
) -> None:
    settings = escalation_settings(smtp_host="127.0.0.1", smtp_port=inbox.port)
    alert = make_alert(factory, settings, now=RAISED)
    db.commit()

    assert run_once(database, settings, now=RAISED).sent == 1
    [first] = inbox.wait_for(1)
    assert first["To"] == "duty@example.test"
    assert first["Subject"] == f"Safeguarding alert {alert.id}: feedback needs a person now"
    assert CHILD_WORDS not in first.get_content() and "belt" not in first.get_content()

    done = run_once(database, settings, now=minutes(30))
    assert (done.escalated, done.sent) == (1, 1)
    second = inbox.wait_for(2)[1]
    assert second["To"] == "head-of-service@example.test"
    assert second["Subject"].startswith("Escalation 1:")

    db.expire_all()
    trail = [(e.kind, e.note) for e in alerts.events(db, alert)]
    assert trail == [
        ("raised", ""),
        ("email_sent", "To duty@example.test"),
        ("escalated", "Level 1: emailed head-of-service@example.test"),
        ("email_sent", "To head-of-service@example.test"),
    ]


def test_an_acknowledged_alert_without_an_outcome_escalates_from_its_respond_by_time(
    db: Session, factory: Factory
) -> None:
    """Before, an acknowledged alert was never escalated, however late its outcome."""
    settings = escalation_settings()  # respond within 4 hours: at minute 240
    lead = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Priya",
                               family_name="Shah")  # fmt: skip
    alert = make_alert(factory, settings, now=RAISED)
    alerts.acknowledge(db, alert, lead.id, now=minutes(10))

    assert escalate_overdue(db, settings, minutes(239)) == []
    assert escalate_overdue(db, settings, minutes(240)) == [alert]
    assert alert.escalation_level == 1
    assert escalate_overdue(db, settings, minutes(269)) == []  # the same window as open ones
    assert escalate_overdue(db, settings, minutes(270)) == [alert]
    assert alert.escalation_level == 2

    sent = escalations(db)
    assert [m.to_address for m in sent] == ["head-of-service@example.test"] * 2
    assert sent[0].subject == (
        f"Escalation 1: safeguarding alert {alert.id} has no outcome and is overdue")
    assert "The outcome of safeguarding alert" in sent[0].body and "overdue" in sent[0].body
    assert "Priya Shah acknowledged it" in sent[0].body and CHILD_WORDS not in sent[0].body
    trail = [(e.kind, e.note) for e in alerts.events(db, alert)][-2:]
    assert trail[0] == ("outcome_overdue", "Level 1: no outcome by the respond-by time; "
                        "acknowledged by Priya Shah; emailed head-of-service@example.test")

    alerts.record_outcome(db, alert, lead.id, alerts.AlertOutcome.ADVICE, "Advice given",
                          now=minutes(280))  # fmt: skip
    db.expire_all()
    assert {m.status for m in escalations(db)} == {OutboxStatus.CANCELLED}
    assert escalate_overdue(db, settings, minutes(600)) == []


def test_only_this_deployments_council_is_escalated_and_emailed(
    database: Database, db: Session, factory: Factory, inbox: Inbox
) -> None:
    """Before, one council's sender emailed another council's alert to its own inbox."""
    settings = escalation_settings(smtp_host="127.0.0.1", smtp_port=inbox.port)
    ours = make_alert(factory, settings, now=RAISED)
    elsewhere = factory.make_council(slug="elsewhere")
    their_team = factory.make_team(council_id=elsewhere.id, name="Elsewhere Family Support")
    theirs = make_alert(factory, settings, now=RAISED, team_id=their_team.id,
                        council_id=elsewhere.id)
    assert theirs.council_id == elsewhere.id
    db.commit()

    assert run_once(database, settings, now=RAISED).sent == 1
    done = run_once(database, settings, now=minutes(30))
    assert (done.escalated, done.sent) == (1, 1)
    subjects = [m["Subject"] for m in inbox.wait_for(2)]
    assert all(f"alert {ours.id}" in s for s in subjects)
    assert all("Elsewhere" not in m.get_content() for m in inbox.messages)
    db.expire_all()
    assert [e.kind for e in alerts.events(db, theirs)] == ["raised"]
    # Their email waits for their own deployment's sender.
    [their_email] = db.exec(
        select(OutboxMessage).where(OutboxMessage.safeguarding_alert_id == theirs.id)).all()
    assert their_email.status is OutboxStatus.PENDING and their_email.attempts == 0
