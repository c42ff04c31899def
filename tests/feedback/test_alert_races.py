"""Two people recording an alert's outcome at the same moment: exactly one wins, the other is
told the alert is already closed, and what they typed is shown back to them. On a database
of the test's own (the suite's shared connection cannot run two transactions at once), where
PostgreSQL's writers do not take turns as SQLite's do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import select

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome, AlertStatus
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import make_alert
from tests.org.conftest import SignedIn
from tests.org.pages import flash, page
from tests.support.concurrency import at_once

ROUNDS = 3


def test_two_outcomes_at_the_same_moment_one_wins_and_the_other_is_told(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    settings = make_settings(database_url=url)
    app = create_app(settings, database=database)
    with database.session() as db:
        factory = Factory(db)
        first = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Ash")
        second = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Bo")
        alert_ids = []
        for _ in range(ROUNDS):  # acknowledged: both pages read it as not yet closed
            alert = make_alert(factory, settings)
            alerts.acknowledge(db, alert, first.id)  # type: ignore[arg-type]
            alert_ids.append(alert.id)
        db.commit()
        tabs = []
        for person in (first, second):
            client = TestClient(app, base_url="https://testserver", follow_redirects=False)
            tabs.append(SignedIn(client, person, factory.sign_in(client, person)))
        db.commit()
    typed = {
        first.id: {"outcome": AlertOutcome.NFA.value, "note": "Ash: spoke to the school"},
        second.id: {"outcome": AlertOutcome.POLICE.value, "note": "Bo: called the police"},
    }
    try:
        for alert_id in alert_ids:
            responses = at_once(
                *(
                    lambda tab=tab, alert_id=alert_id: tab.post(
                        f"/safeguarding/alerts/{alert_id}/outcome", typed[tab.person.id]
                    )
                    for tab in tabs
                )
            )
            assert [r.status_code for r in responses] == [303, 303]
            pages = [tab.follow(r) for tab, r in zip(tabs, responses, strict=True)]
            said = [flash(p) for p in pages]
            won = [n for n, words in enumerate(said) if words.startswith("Outcome recorded")]
            assert len(won) == 1, said
            lost = 1 - won[0]
            assert said[lost].startswith("This alert was already closed")
            winner, loser = tabs[won[0]].person, tabs[lost].person
            # What the loser typed is shown back, not lost.
            text = page(pages[lost]).get_text(" ", strip=True)
            assert typed[loser.id]["note"] in text

            with database.session() as db:
                stored = db.get(SafeguardingAlert, alert_id)
                assert stored is not None and stored.status is AlertStatus.CLOSED
                assert stored.closed_by_id == winner.id
                assert stored.outcome == AlertOutcome(typed[winner.id]["outcome"])
                assert stored.outcome_note == typed[winner.id]["note"]
                trail = alerts.events(db, stored)
                assert [(e.kind, e.actor_id) for e in trail if e.kind == "outcome"] == [
                    ("outcome", winner.id)
                ]
                closed = db.exec(
                    select(AuditEvent)
                    .where(AuditEvent.action == "safeguarding_alert.closed")
                    .where(AuditEvent.record_id == str(alert_id))
                ).all()
                assert [e.actor_id for e in closed] == [winner.id]
    finally:
        for tab in tabs:
            tab.client.close()
