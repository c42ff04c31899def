"""Two leads acting on one alert at the same moment: exactly one wins, the other is told,
and what they typed is shown back to them. Recording an outcome: the other is told the alert
is already closed. Reopening a closed alert: the other is told who reopened it and when. On a
database of the test's own (the suite's shared connection cannot run two transactions at
once), where PostgreSQL's writers do not take turns as SQLite's do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.clock import to_london
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome, AlertStatus
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.alert_helpers import make_alert
from tests.org.conftest import SignedIn
from tests.org.pages import flash, page
from tests.support.concurrency import at_once

ROUNDS = 3


@dataclass
class Race:
    """Two leads, Ash and Bo, each signed in in a tab of their own, and the alerts they race
    over (each made ready by the test)."""

    database: Database
    tabs: list[SignedIn]
    alert_ids: list[int]

    def post_at_once(
        self, alert_id: int, action: str, typed: dict[int | None, dict[str, str]]
    ) -> tuple[list[Response], list[str]]:
        """Both post what they typed to the alert's ``action`` at the same moment: the pages
        they land on, and what each was told."""
        responses = at_once(
            *(
                lambda tab=tab: tab.post(
                    f"/safeguarding/alerts/{alert_id}/{action}", typed[tab.person.id]
                )
                for tab in self.tabs
            )
        )
        assert [r.status_code for r in responses] == [303, 303]
        pages = [tab.follow(r) for tab, r in zip(self.tabs, responses, strict=True)]
        return pages, [flash(p) for p in pages]

    def audited(self, db: Session, action: str, alert_id: int) -> list[int | None]:
        events = db.exec(
            select(AuditEvent)
            .where(AuditEvent.action == action)
            .where(AuditEvent.record_id == str(alert_id))
        ).all()
        return [e.actor_id for e in events]


@contextmanager
def race(
    own_database: tuple[str, Database], ready: Callable[[Session, SafeguardingAlert, Person], None]
) -> Iterator[Race]:
    """``ROUNDS`` alerts, each made ``ready`` by Ash, and both leads signed in."""
    url, database = own_database
    settings = make_settings(database_url=url)
    app = create_app(settings, database=database)
    with database.session() as db:
        factory = Factory(db)
        first = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Ash")
        second = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Bo")
        alert_ids = []
        for _ in range(ROUNDS):
            alert = make_alert(factory, settings)
            ready(db, alert, first)
            assert alert.id is not None
            alert_ids.append(alert.id)
        db.commit()
        tabs = []
        for person in (first, second):
            client = TestClient(app, base_url="https://testserver", follow_redirects=False)
            tabs.append(SignedIn(client, person, factory.sign_in(client, person)))
        db.commit()
    try:
        yield Race(database, tabs, alert_ids)
    finally:
        for tab in tabs:
            tab.client.close()


def test_two_outcomes_at_the_same_moment_one_wins_and_the_other_is_told(
    own_database: tuple[str, Database],
) -> None:
    def acknowledged(db: Session, alert: SafeguardingAlert, lead: Person) -> None:
        alerts.acknowledge(db, alert, lead.id)  # not yet closed

    with race(own_database, acknowledged) as both:
        first, second = (tab.person for tab in both.tabs)
        typed = {
            first.id: {"outcome": AlertOutcome.NFA.value, "note": "Ash: spoke to the school"},
            second.id: {"outcome": AlertOutcome.POLICE.value, "note": "Bo: called the police"},
        }
        for alert_id in both.alert_ids:
            pages, said = both.post_at_once(alert_id, "outcome", typed)
            won = [n for n, words in enumerate(said) if words.startswith("Outcome recorded")]
            assert len(won) == 1, said
            lost = 1 - won[0]
            assert said[lost].startswith("This alert was already closed")
            winner, loser = both.tabs[won[0]].person, both.tabs[lost].person
            # What the loser typed is shown back, not lost.
            text = page(pages[lost]).get_text(" ", strip=True)
            assert typed[loser.id]["note"] in text

            with both.database.session() as db:
                stored = db.get(SafeguardingAlert, alert_id)
                assert stored is not None and stored.status is AlertStatus.CLOSED
                assert stored.closed_by_id == winner.id
                assert stored.outcome == AlertOutcome(typed[winner.id]["outcome"])
                assert stored.outcome_note == typed[winner.id]["note"]
                trail = alerts.events(db, stored)
                assert [(e.kind, e.actor_id) for e in trail if e.kind == "outcome"] == [
                    ("outcome", winner.id)
                ]
                assert both.audited(db, "safeguarding_alert.closed", alert_id) == [winner.id]


def test_two_reopenings_at_the_same_moment_one_wins_and_the_other_is_told_who(
    own_database: tuple[str, Database],
) -> None:
    def closed(db: Session, alert: SafeguardingAlert, lead: Person) -> None:
        alerts.record_outcome(db, alert, lead.id, AlertOutcome.NFA, "Nothing to do")

    with race(own_database, closed) as both:
        first, second = (tab.person for tab in both.tabs)
        reasons = {
            first.id: "Ash: the note shows a referral was needed",
            second.id: "Bo: closed too quickly, her worker has more",
        }
        typed = {person: {"reason": reason} for person, reason in reasons.items()}
        for alert_id in both.alert_ids:
            pages, said = both.post_at_once(alert_id, "reopen", typed)
            won = [n for n, words in enumerate(said) if words.startswith("You have reopened")]
            assert len(won) == 1, said
            lost = 1 - won[0]
            winner, loser = both.tabs[won[0]].person, both.tabs[lost].person

            with both.database.session() as db:
                stored = db.get(SafeguardingAlert, alert_id)
                assert stored is not None and stored.status is AlertStatus.ACKNOWLEDGED
                assert stored.acknowledged_by_id == winner.id
                assert stored.acknowledged_at is not None
                assert stored.outcome is None and stored.closed_at is None
                reopened = [e for e in alerts.events(db, stored) if e.kind == "reopened"]
                assert [e.actor_id for e in reopened] == [winner.id]
                assert reasons[winner.id] in reopened[0].note
                assert reasons[loser.id] not in reopened[0].note
                assert both.audited(db, "safeguarding_alert.reopened", alert_id) == [winner.id]
                at = to_london(stored.acknowledged_at).strftime("%H:%M")
            # The loser is told who reopened it, and when, and what they typed is kept.
            assert said[lost] == f"{winner.name} has already reopened this alert at {at}"
            inset = page(pages[lost]).select_one("#reopen-not-recorded")
            assert inset is not None and reasons[loser.id] in inset.get_text(" ", strip=True)
