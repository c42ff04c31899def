"""Two people reopening a closed alert at the same moment: exactly one reopens it, the other
is told who did and when, and the reason they typed is shown back to them. On a database of
the test's own (the suite's shared connection cannot run two transactions at once), where
PostgreSQL's writers do not take turns as SQLite's do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import select

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.clock import to_london
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


def test_two_reopenings_at_the_same_moment_one_wins_and_the_other_is_told_who(
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
        for _ in range(ROUNDS):  # closed: both pages offer to reopen it
            alert = make_alert(factory, settings)
            alerts.record_outcome(db, alert, first.id, AlertOutcome.NFA, "Nothing to do")  # type: ignore[arg-type]
            alert_ids.append(alert.id)
        db.commit()
        tabs = []
        for person in (first, second):
            client = TestClient(app, base_url="https://testserver", follow_redirects=False)
            tabs.append(SignedIn(client, person, factory.sign_in(client, person)))
        db.commit()
    reasons = {
        first.id: "Ash: the note shows a referral was needed",
        second.id: "Bo: closed too quickly, her worker has more",
    }
    try:
        for alert_id in alert_ids:
            responses = at_once(
                *(
                    lambda tab=tab, alert_id=alert_id: tab.post(
                        f"/safeguarding/alerts/{alert_id}/reopen",
                        {"reason": reasons[tab.person.id]},
                    )
                    for tab in tabs
                )
            )
            assert [r.status_code for r in responses] == [303, 303]
            pages = [tab.follow(r) for tab, r in zip(tabs, responses, strict=True)]
            said = [flash(p) for p in pages]
            won = [n for n, words in enumerate(said) if words.startswith("You have reopened")]
            assert len(won) == 1, said
            lost = 1 - won[0]
            winner, loser = tabs[won[0]].person, tabs[lost].person

            with database.session() as db:
                stored = db.get(SafeguardingAlert, alert_id)
                assert stored is not None and stored.status is AlertStatus.ACKNOWLEDGED
                assert stored.acknowledged_by_id == winner.id
                assert stored.acknowledged_at is not None
                assert stored.outcome is None and stored.closed_at is None
                reopened = [e for e in alerts.events(db, stored) if e.kind == "reopened"]
                assert [e.actor_id for e in reopened] == [winner.id]
                assert reasons[winner.id] in reopened[0].note
                assert reasons[loser.id] not in reopened[0].note
                audited = db.exec(
                    select(AuditEvent)
                    .where(AuditEvent.action == "safeguarding_alert.reopened")
                    .where(AuditEvent.record_id == str(alert_id))
                ).all()
                assert [e.actor_id for e in audited] == [winner.id]
                at = to_london(stored.acknowledged_at).strftime("%H:%M")
            # The loser is told who reopened it, and when, and what they typed is kept.
            assert said[lost] == f"{winner.name} has already reopened this alert at {at}"
            inset = page(pages[lost]).select_one("#reopen-not-recorded")
            assert inset is not None and reasons[loser.id] in inset.get_text(" ", strip=True)
    finally:
        for tab in tabs:
            tab.client.close()
