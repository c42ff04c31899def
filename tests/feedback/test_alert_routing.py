"""Who hears about an alert: escalation climbs the council's ladder to someone new each time,
and outside office hours the out-of-hours service is emailed as well as the inbox nobody
reads at night. Before, every escalation went to the one address, and an alert raised at
2 a.m. on a Saturday waited in the daytime inbox until Monday."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session, select

from learning.core.clock import format_datetime, utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.alert_jobs import escalate_overdue
from learning.feedback.alert_mail import ALERT_KIND
from learning.feedback.alert_routing import (
    alert_recipients,
    escalation_recipients,
    is_office_hours,
)
from learning.mail.models import OutboxMessage
from learning.mail.worker import run_once
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import CHILD_WORDS, RAISED, make_alert, minutes
from tests.feedback.test_alert_escalation import escalations
from tests.org.conftest import sign_in_as
from tests.org.pages import page
from tests.support.smtp import Inbox

DUTY = "duty@example.test"
MANAGER = "duty-manager@example.test"
HEAD = "head-of-service@example.test"
EDT = "emergency-duty-team@example.test"

#: A Saturday night (02:00 London time in winter).
SATURDAY_NIGHT = datetime(2025, 3, 8, 2, 0, tzinfo=UTC)


def routed_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "safeguarding_acknowledge_minutes": 30,
        "safeguarding_email": DUTY,
        "safeguarding_escalation_email": f"{MANAGER}, {HEAD}",
        "safeguarding_out_of_hours_email": EDT,
        **overrides,
    }
    return make_settings(**values)


def alert_emails(db: Session) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == ALERT_KIND)
    return list(db.exec(query.order_by(OutboxMessage.id)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (RAISED, True),  # a Tuesday at 10:00
        (datetime(2025, 3, 4, 8, 59, tzinfo=UTC), False),  # before nine
        (datetime(2025, 3, 4, 17, 0, tzinfo=UTC), False),  # five o'clock is closed
        (SATURDAY_NIGHT.replace(hour=12), False),  # Saturday lunchtime
        (datetime(2025, 4, 18, 11, 0, tzinfo=UTC), False),  # Good Friday
        (datetime(2025, 7, 1, 8, 30, tzinfo=UTC), True),  # 09:30 in summer time
        (datetime(2025, 7, 1, 16, 30, tzinfo=UTC), False),  # 17:30 in summer time
    ],
)
def test_office_hours_are_london_working_days_within_the_hours(
    moment: datetime, open_: bool
) -> None:
    assert is_office_hours(routed_settings(), moment) is open_


def test_the_hours_can_be_set_and_wrong_ones_are_refused() -> None:
    early = routed_settings(safeguarding_office_hours="08:00-18:30")
    assert is_office_hours(early, datetime(2025, 3, 4, 8, 15, tzinfo=UTC))
    assert not is_office_hours(early, datetime(2025, 3, 4, 18, 30, tzinfo=UTC))
    for wrong in ("17:00-09:00", "nine to five", "09:00"):
        with pytest.raises(ValidationError, match="safeguarding_office_hours"):
            routed_settings(safeguarding_office_hours=wrong)
    with pytest.raises(ValidationError, match="not an email address"):
        routed_settings(safeguarding_escalation_email=f"{MANAGER}, head of service")


def test_each_escalation_goes_to_the_next_on_the_ladder_and_the_last_repeats(
    db: Session, factory: Factory
) -> None:
    settings = routed_settings()
    alert = make_alert(factory, settings, now=RAISED)
    for step in (30, 60, 90):
        assert escalate_overdue(db, settings, minutes(step)) == [alert]

    assert [m.to_address for m in escalations(db)] == [MANAGER, HEAD, HEAD]
    notes = [e.note for e in alerts.events(db, alert) if e.kind == "escalated"]
    assert notes == [f"Level 1: emailed {MANAGER}", f"Level 2: emailed {HEAD}",
                     f"Level 3: emailed {HEAD}"]  # fmt: skip
    assert all("Sent to:" not in m.body for m in escalations(db))  # one reader each


def test_in_office_hours_only_the_inbox_gets_the_alert(db: Session, factory: Factory) -> None:
    make_alert(factory, routed_settings(), now=RAISED)
    assert [m.to_address for m in alert_emails(db)] == [DUTY]


def test_out_of_hours_the_alert_and_its_escalations_also_go_to_the_out_of_hours_service(
    db: Session, factory: Factory
) -> None:
    settings = routed_settings()
    alert = make_alert(factory, settings, now=SATURDAY_NIGHT)

    sent = alert_emails(db)
    assert [m.to_address for m in sent] == [DUTY, EDT]
    assert sent[0].body == sent[1].body
    assert f"Sent to: {DUTY}, {EDT}." in sent[0].body and CHILD_WORDS not in sent[0].body
    [raised] = alerts.events(db, alert)
    assert raised.note == f"Raised out of office hours: {EDT} is emailed too."

    escalate_overdue(db, settings, SATURDAY_NIGHT.replace(minute=30))
    assert [m.to_address for m in escalations(db)] == [MANAGER, EDT]
    escalated = alerts.events(db, alert)[-1]
    assert escalated.note == f"Level 1: emailed {MANAGER}, {EDT} (out of office hours)"


def test_an_escalation_after_five_reaches_the_out_of_hours_service(
    db: Session, factory: Factory
) -> None:
    """Raised in office hours, not acknowledged by the time the inbox closes."""
    settings = routed_settings()
    friday = datetime(2025, 3, 7, 16, 45, tzinfo=UTC)
    make_alert(factory, settings, now=friday)
    assert [m.to_address for m in alert_emails(db)] == [DUTY]
    escalate_overdue(db, settings, friday.replace(hour=17, minute=15))
    assert [m.to_address for m in escalations(db)] == [MANAGER, EDT]


def test_without_a_ladder_or_an_out_of_hours_service_the_inbox_is_emailed_again() -> None:
    bare = routed_settings(safeguarding_escalation_email="", safeguarding_out_of_hours_email="")
    assert alert_recipients(bare, SATURDAY_NIGHT) == (DUTY,)
    assert escalation_recipients(bare, 3, SATURDAY_NIGHT) == (DUTY,)
    same = routed_settings(safeguarding_out_of_hours_email=DUTY.upper())
    assert alert_recipients(same, SATURDAY_NIGHT) == (DUTY,)  # never the same inbox twice


def test_the_out_of_hours_emails_really_arrive(
    database: Database, db: Session, factory: Factory, inbox: Inbox
) -> None:
    settings = routed_settings(smtp_host="127.0.0.1", smtp_port=inbox.port)
    alert = make_alert(factory, settings, now=SATURDAY_NIGHT)
    db.commit()

    assert run_once(database, settings, now=SATURDAY_NIGHT).sent == 2
    arrived = inbox.wait_for(2)
    assert sorted(m["To"] for m in arrived) == sorted([DUTY, EDT])
    assert {m["Subject"] for m in arrived} == {
        f"Safeguarding alert {alert.id}: feedback needs a person now"
    }


@pytest.fixture
def settings() -> Settings:
    """The app under test routes alerts as the council's settings say."""
    return routed_settings()


def test_the_alert_page_says_when_it_escalates_next_and_to_whom(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    """A lead reading an alert knew it had escalated, not who would hear next, or when."""
    raised = utcnow() - timedelta(minutes=45)
    alert = make_alert(factory, settings, now=raised)
    escalate_overdue(db, settings, raised + timedelta(minutes=30))
    db.commit()
    me = sign_in_as(client, factory, Role.SAFEGUARDING_LEAD)

    coming = page(me.get(f"/safeguarding/alerts/{alert.id}")).select_one("#next-escalation dd")
    assert coming is not None
    when = format_datetime(raised + timedelta(minutes=60))
    assert coming.get_text(" ", strip=True).startswith(
        f"If nobody acknowledges it by {when}, it is emailed to {HEAD}"
    )

    alerts.record_outcome(db, alert, me.person.id, alerts.AlertOutcome.NFA, "Checked")  # type: ignore[arg-type]
    db.commit()
    closed = page(me.get(f"/safeguarding/alerts/{alert.id}"))
    assert closed.select_one("#next-escalation") is None
