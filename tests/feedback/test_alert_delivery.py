"""What becomes of an alert's emails when the mail server is down or refuses them: after an
outage the alert's own email goes within minutes and before its escalations; a refusal for
good (5xx) is not retried, is one entry in the trail and shows on the alert's page and in
the inbox; failures that may pass are one entry in the trail, not one an attempt."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.alert_mail import ALERT_KIND
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.mail.worker import run_once
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import CHILD_WORDS, RAISED, make_alert, minutes
from tests.org.conftest import sign_in_as
from tests.org.pages import page, table_rows
from tests.support.smtp import Inbox, free_port, refusing_server


def settings_for(port: int, escalation_email: str = "head-of-service@example.test") -> Settings:
    return make_settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_retry_seconds=60,
        safeguarding_acknowledge_minutes=30,
        safeguarding_email="duty@example.test",
        safeguarding_escalation_email=escalation_email,
    )


def kinds(db: Session, alert_id: int) -> list[str]:
    db.expire_all()
    alert = db.get(alerts.SafeguardingAlert, alert_id)
    assert alert is not None
    return [e.kind for e in alerts.events(db, alert)]


def test_after_an_outage_the_alerts_own_email_goes_first_and_within_five_minutes(
    database: Database, db: Session, factory: Factory, inbox: Inbox
) -> None:
    """Before, its wait had doubled to an hour while escalations queued later went first.
    The escalations go to the same inbox here (no escalation address is set)."""
    alert = make_alert(factory, settings_for(inbox.port, ""), now=RAISED)
    db.commit()
    down = settings_for(free_port(), "")
    for minute in range(0, 180, 2):  # three hours without a mail server
        run_once(database, down, now=minutes(minute))

    up = settings_for(inbox.port, "")
    arrived: list[tuple[int, str]] = []
    for minute in range(180, 200):
        run_once(database, up, now=minutes(minute))
        arrived += [(minute, str(m["Subject"])) for m in inbox.messages[len(arrived):]]

    first_minute, first_subject = arrived[0]
    assert first_subject == f"Safeguarding alert {alert.id}: feedback needs a person now"
    assert first_minute <= 185  # at most five minutes after the server was back
    later = [subject for _, subject in arrived[1:]]
    assert later == [f"Escalation {n}: safeguarding alert {alert.id} has not been acknowledged"
                     for n in range(1, 7)]  # fmt: skip
    assert all(CHILD_WORDS not in m.get_content() for m in inbox.messages)
    # Three hours of failed attempts are one entry in the trail.
    trail = kinds(db, alert.id)  # type: ignore[arg-type]
    assert trail.count("email_failed") == 1
    assert trail.count("email_sent") == 7
    stored = db.get(alerts.SafeguardingAlert, alert.id)
    assert stored is not None
    (failed,) = [e.note for e in alerts.events(db, stored) if e.kind == "email_failed"]
    # Plain words for the safeguarding lead, not "ConnectionRefusedError: [Errno 111] ...".
    assert failed.startswith("To duty@example.test: the mail server could not be reached.")
    assert "Error" not in failed and "Errno" not in failed


def test_an_email_refused_for_good_is_not_retried_and_shows_where_people_look(
    database: Database, db: Session, factory: Factory, inbox: Inbox, client: TestClient
) -> None:
    """Before, a 550 was retried for ever: 839 failures in the trail in a day."""
    with refusing_server("duty@example.test", inbox, "550 5.1.1 No such user here") as port:
        settings = settings_for(port)
        alert = make_alert(factory, settings, now=RAISED)
        db.commit()
        for minute in range(0, 24 * 60, 10):  # a day
            run_once(database, settings, now=minutes(minute))

    db.expire_all()
    [own] = db.exec(select(OutboxMessage).where(OutboxMessage.kind == ALERT_KIND)).all()
    assert own.status is OutboxStatus.FAILED and own.attempts == 1
    assert own.last_error == "550 5.1.1 No such user here"
    waiting = db.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING))
    assert waiting.all() == []
    trail = alerts.events(db, db.get(alerts.SafeguardingAlert, alert.id))  # type: ignore[arg-type]
    refused = [e for e in trail if e.kind == "email_refused"]
    assert len(refused) == 1 and [e for e in trail if e.kind == "email_failed"] == []
    assert "550 5.1.1 No such user here" in refused[0].note
    assert "duty@example.test" in refused[0].note and CHILD_WORDS not in refused[0].note
    # The escalations to someone else still went.
    assert {m["To"] for m in inbox.messages} == {"head-of-service@example.test"}

    # The inbox and the alert's page say so.
    lead = sign_in_as(client, factory, Role.SAFEGUARDING_LEAD)
    rows = table_rows(lead.get("/safeguarding/alerts"))
    assert "Email not delivered" in rows[0][2]
    shown = page(lead.get(f"/safeguarding/alerts/{alert.id}"))
    warning = shown.select_one("#email-refused")
    assert warning is not None
    said = warning.get_text(" ", strip=True)
    assert "could not be delivered" in said and "550 5.1.1 No such user here" in said
    assert "Email refused" in shown.get_text(" ", strip=True)  # the trail's entry


def test_a_refusal_that_may_pass_is_one_entry_in_the_trail_however_long_it_lasts(
    database: Database, db: Session, factory: Factory, inbox: Inbox
) -> None:
    with refusing_server("duty@example.test", inbox, "451 4.3.0 Try again later") as port:
        settings = settings_for(port)
        alert = make_alert(factory, settings, now=RAISED)
        db.commit()
        for minute in range(0, 6 * 60, 5):
            run_once(database, settings, now=minutes(minute))
    db.expire_all()
    [own] = db.exec(select(OutboxMessage).where(OutboxMessage.kind == ALERT_KIND)).all()
    assert own.status is OutboxStatus.PENDING and own.attempts > 50  # every five minutes
    assert kinds(db, alert.id).count("email_failed") == 1  # type: ignore[arg-type]
    # The escalations go to another address, so they do not wait for the failing inbox:
    # they are how someone hears.
    escalated = [m for m in inbox.messages if str(m["Subject"]).startswith("Escalation 1:")]
    assert [str(m["To"]) for m in escalated] == ["head-of-service@example.test"]
