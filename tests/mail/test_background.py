"""The background sender runs with the web service: an alert raised while the app runs is
emailed without anyone calling anything; a round that fails is logged and survived."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from learning.app import create_app
from learning.core import migrate
from learning.core.db import Database
from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from learning.mail.worker import run_safely
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import CHILD_WORDS, make_alert
from tests.support.smtp import Inbox


def test_the_app_delivers_an_alert_email_while_it_runs(
    fresh_database_url: Callable[[], str], inbox: Inbox
) -> None:
    database = Database.from_url(fresh_database_url())
    migrate.upgrade(database.engine)
    settings = make_settings(
        mail_sender_enabled=True,
        mail_poll_seconds=0.05,
        smtp_host="127.0.0.1",
        smtp_port=inbox.port,
        safeguarding_email="duty@example.test",
    )
    try:
        with TestClient(create_app(settings, database=database)) as client:
            assert client.get("/healthz").status_code == 200
            with database.transaction() as db:
                alert_id = make_alert(Factory(db), settings).id
            [email] = inbox.wait_for(1)
        assert email["To"] == "duty@example.test"
        assert email["Subject"] == f"Safeguarding alert {alert_id}: feedback needs a person now"
        assert CHILD_WORDS not in email.get_content()
        with database.session() as db:
            [message] = db.exec(select(OutboxMessage)).all()
            assert message.status is OutboxStatus.SENT
            alert = db.get(SafeguardingAlert, alert_id)
            assert alert is not None
            assert [e.kind for e in alerts.events(db, alert)] == ["raised", "email_sent"]
    finally:
        database.engine.dispose()


def test_a_failing_round_is_logged_and_survived(
    fresh_database_url: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    unmigrated = Database.from_url(fresh_database_url())  # no tables: every query fails
    try:
        with caplog.at_level(logging.ERROR, logger="learning.mail.worker"):
            assert run_safely(unmigrated, make_settings()) is None
            assert run_safely(unmigrated, make_settings()) is None
    finally:
        unmigrated.engine.dispose()
    assert [r.message for r in caplog.records].count(
        "The mail sender's round failed; trying again next round"
    ) == 2
