"""Late alerts on held feedback from one link escalate in one email (``alert_jobs``): what
became of that email (sent, not sent yet and why, refused for good) is in the trail of every
alert it names, as a single escalation's is in its own, and a refusal shows on each one's
page and in the inbox.

Before, the email was stored as the first alert's and only the first alert's trail said
whether it went: a lead reading any other alert in it could not see that the escalation
had gone out, or that it had failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alert_jobs, alerts
from learning.feedback.alert_mail import ESCALATION_KIND, HELD_ESCALATION_KIND
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import LinkKind, QuarantineReason
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.mail.worker import run_once
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import RAISED, make_alert, minutes
from tests.feedback.factories import FeedbackFactory
from tests.org.conftest import sign_in_as
from tests.org.pages import page, table_rows
from tests.support.smtp import free_port, refusing_server, smtp_server

DUTY = "duty@example.test"
HEAD = "head-of-service@example.test"
TOGETHER = "in one email about the {count} late alerts on held feedback from the same link"


def settings_for(port: int) -> Settings:
    return make_settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        mail_retry_seconds=60,
        safeguarding_acknowledge_minutes=30,
        safeguarding_email=DUTY,
        safeguarding_escalation_email=HEAD,
    )


@pytest.fixture
def settings() -> Settings:
    """The app's (its pages); the sender is given the settings of each test's mail server."""
    return settings_for(free_port())


@dataclass
class Late:
    """Alerts raised together at RAISED, late at minutes(30): five on held feedback from one
    link (one email), two from another (one email of their own), and one on the first link's
    feedback not held (an email of its own)."""

    flooded: list[SafeguardingAlert]
    elsewhere: list[SafeguardingAlert]
    not_held: SafeguardingAlert

    @property
    def first(self) -> SafeguardingAlert:
        return self.flooded[0]


def held_alerts(
    factory: Factory, settings: Settings, count: int, link_id: int, now: datetime = RAISED
) -> list[SafeguardingAlert]:
    held = QuarantineReason.BAD_NONCE
    return [
        make_alert(factory, settings, now=now, link_id=link_id, quarantine_reason=held)
        for _ in range(count)
    ]


@pytest.fixture
def late(db: Session, factory: Factory, settings: Settings) -> Late:
    links = FeedbackFactory(factory)
    flooded, other = links.make_link(LinkKind.POSTER).link, links.make_link(LinkKind.POSTER).link
    assert flooded.id is not None and other.id is not None
    made = Late(
        flooded=held_alerts(factory, settings, 5, flooded.id),
        elsewhere=held_alerts(factory, settings, 2, other.id),
        not_held=make_alert(factory, settings, now=RAISED, link_id=flooded.id),
    )
    db.commit()
    return made


def trail(db: Session, alert: SafeguardingAlert) -> list[tuple[str, str]]:
    db.expire_all()
    stored = db.get(SafeguardingAlert, alert.id)
    assert stored is not None
    return [(e.kind, e.note) for e in alerts.events(db, stored)]


def about_the_email(db: Session, alert: SafeguardingAlert, first: SafeguardingAlert,
                    count: int) -> list[tuple[str, str]]:  # fmt: skip
    """The alert's escalation and what became of its email, of an email about ``count``
    alerts sent with ``first``."""
    said = f"{TOGETHER.format(count=count)} (sent with alert {first.id})"
    return [(kind, note) for kind, note in trail(db, alert) if said in note]


def held_email(db: Session, first: SafeguardingAlert) -> OutboxMessage:
    [message] = db.exec(
        select(OutboxMessage)
        .where(OutboxMessage.kind == HELD_ESCALATION_KIND)
        .where(OutboxMessage.safeguarding_alert_id == first.id)
    ).all()
    return message


def test_every_alert_in_one_escalation_email_shows_that_it_was_sent(
    database: Database, db: Session, late: Late
) -> None:
    with smtp_server() as inbox:
        run_once(database, settings_for(inbox.port), now=minutes(30))

    together = held_email(db, late.first)
    assert together.status is OutboxStatus.SENT
    to_head = f"To {HEAD}, {TOGETHER.format(count=5)} (sent with alert {late.first.id})"
    for alert in late.flooded:
        [escalated, sent] = about_the_email(db, alert, late.first, 5)
        assert escalated[0] == "escalated"
        assert escalated[1].startswith(f"Level 1: emailed {HEAD}, in one email")
        assert sent == ("email_sent", to_head)
        stored = db.get(SafeguardingAlert, alert.id)
        assert stored is not None
        sent_event = [e for e in alerts.events(db, stored) if e.note == to_head]
        assert [e.at for e in sent_event] == [together.sent_at]
    # The other link's email is in its own alerts' trails, not in these.
    for alert in late.elsewhere:
        kinds = [kind for kind, _ in about_the_email(db, alert, late.elsewhere[0], 2)]
        assert kinds == ["escalated", "email_sent"]
        assert about_the_email(db, alert, late.first, 5) == []
    # The alert not held was escalated in an email of its own, which its trail notes as ever.
    assert about_the_email(db, late.not_held, late.first, 5) == []
    assert ("email_sent", f"To {HEAD}") in trail(db, late.not_held)
    assert all(("email_sent", f"To {HEAD}") not in trail(db, a) for a in late.flooded)


def test_every_alert_in_one_escalation_email_shows_why_it_is_not_sent_yet_and_then_sent(
    database: Database, db: Session, late: Late
) -> None:
    down = settings_for(free_port())
    for minute in range(30, 50, 2):  # twenty minutes without a mail server
        run_once(database, down, now=minutes(minute))
    with smtp_server() as inbox:  # back before the next escalation (minute 60)
        run_once(database, settings_for(inbox.port), now=minutes(55))

    assert held_email(db, late.first).status is OutboxStatus.SENT
    for alert in late.flooded:
        kinds = sorted(kind for kind, _ in about_the_email(db, alert, late.first, 5))
        # Twenty minutes of failed attempts are one entry, as for an alert's own email.
        assert kinds == ["email_failed", "email_sent", "escalated"]
        [failed] = [n for k, n in about_the_email(db, alert, late.first, 5) if k == "email_failed"]
        assert failed.startswith(
            f"To {HEAD}, {TOGETHER.format(count=5)} (sent with alert {late.first.id}): "
            "the mail server could not be reached. Trying again at "
        )
        assert "Error" not in failed


def test_every_alert_in_a_refused_escalation_email_shows_it_in_its_trail_page_and_the_inbox(
    database: Database, db: Session, late: Late, factory: Factory, client: TestClient
) -> None:
    refusal = "550 5.1.1 No such user here"
    with smtp_server() as inbox, refusing_server(HEAD, inbox, refusal) as port:
        run_once(database, settings_for(port), now=minutes(30))

    assert held_email(db, late.first).status is OutboxStatus.FAILED
    for alert in late.flooded:
        [escalated, refused] = about_the_email(db, alert, late.first, 5)
        assert (escalated[0], refused[0]) == ("escalated", "email_refused")
        assert refused[1].startswith(f"To {HEAD}, {TOGETHER.format(count=5)}")
        assert f"the mail server refused it ({refusal}). It will not be tried again" in refused[1]

    lead = sign_in_as(client, factory, Role.SAFEGUARDING_LEAD)
    undelivered = {row[0] for row in table_rows(lead.get("/safeguarding/alerts"))
                   if "Email not delivered" in row[2]}  # fmt: skip
    # Every escalation email was refused (all go to HEAD): the single one's alert too.
    assert undelivered == {f"Alert {a.id}" for a in [*late.flooded, *late.elsewhere,
                                                     late.not_held]}  # fmt: skip
    for alert in late.flooded[1:]:
        shown = page(lead.get(f"/safeguarding/alerts/{alert.id}"))
        warning = shown.select_one("#email-refused")
        assert warning is not None, alert.id
        said = " ".join(warning.get_text(" ", strip=True).split())
        assert f"The email to {HEAD} (the one escalation email about this alert" in said
        assert f"sent with alert {late.first.id}) was refused" in said and refusal in said
        assert "Email refused" in shown.get_text(" ", strip=True)  # the trail's entry


def test_an_alert_the_email_seems_to_name_but_was_not_escalated_in_is_not_noted(
    database: Database, db: Session, factory: Factory, settings: Settings, late: Late
) -> None:
    """The delivery is noted against the alerts the email names that were escalated in it
    (of its council, with an escalation at the moment it was written): not against one
    that merely appears in its words (a team's name, say)."""
    submission = db.get(FeedbackSubmission, late.first.submission_id)
    assert submission is not None
    [not_late] = held_alerts(factory, settings, 1, submission.link_id, now=minutes(20))
    db.commit()
    run_once(database, settings_for(free_port()), now=minutes(30))
    together = held_email(db, late.first)
    seems_to_name = OutboxMessage(
        **together.model_dump(exclude={"body"}),
        body=f"{together.body}\nAlert {not_late.id} (escalation 1), feedback for a team: x\n",
    )

    found = alert_jobs.alerts_emailed(db, [seems_to_name])
    alert_jobs.record_delivery(db, seems_to_name, None)

    assert found == {together.id: [a.id for a in late.flooded]}
    assert [kind for kind, _ in trail(db, not_late)] == ["raised", "not_emailed"]
    single = db.exec(
        select(OutboxMessage)
        .where(OutboxMessage.kind == ESCALATION_KIND)
        .where(OutboxMessage.safeguarding_alert_id == late.not_held.id)
    ).one()
    assert alert_jobs.alerts_emailed(db, [single]) == {single.id: [late.not_held.id]}
