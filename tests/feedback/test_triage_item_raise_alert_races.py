"""Two people raising a safeguarding alert about the same feedback at the same moment: exactly
one alert (and one email) is raised, and the other is told who raised it, with what they
typed shown back. On a database of the test's own (the suite's shared connection cannot run
two transactions at once), where PostgreSQL's writers do not take turns as SQLite's do."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import select

from learning.app import create_app
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert
from learning.mail.models import OutboxMessage
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.triage_helpers import given, poster_for
from tests.org.conftest import SignedIn
from tests.org.pages import page
from tests.support.concurrency import at_once

ROUNDS = 3
MISSED = "I dont want to go back to my dads house on fridays, he is different when its just us"


def test_two_people_raising_at_the_same_moment_raise_one_alert(
    own_database: tuple[str, Database],
) -> None:
    url, database = own_database
    settings = make_settings(database_url=url, feedback_min_fill_seconds=0)
    app = create_app(settings, database=database)
    with database.session() as db:
        factory = Factory(db)
        team = factory.make_team(name="Children in need north")
        link = poster_for(factory, team)
        item_ids = [given(db, settings, link, answers={"better": MISSED}).id for _ in range(ROUNDS)]
        first = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id, given_name="Ash")
        second = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id, given_name="Bo")
        db.commit()
        tabs = []
        for person in (first, second):
            client = TestClient(app, base_url="https://testserver", follow_redirects=False)
            tabs.append(SignedIn(client, person, factory.sign_in(client, person)))
        db.commit()
    worry = {first.id: "Ash: she is scared of Fridays", second.id: "Bo: something is wrong"}
    try:
        for item_id in item_ids:
            responses = at_once(
                *(
                    lambda tab=tab, item_id=item_id: tab.post(
                        f"/feedback/queue/{item_id}/alert", {"worry": worry[tab.person.id]}
                    )
                    for tab in tabs
                )
            )
            codes = sorted(r.status_code for r in responses)
            assert codes == [303, 409], codes
            won = next(n for n, r in enumerate(responses) if r.status_code == 303)
            winner, loser = tabs[won].person, tabs[1 - won].person
            refused = page(responses[1 - won])
            notice = refused.select_one("#alert-refused")
            assert notice is not None and notice.h2 is not None
            assert notice.h2.get_text(strip=True).startswith(
                f"{winner.name} raised an alert about this at "
            )
            assert worry[loser.id] in notice.get_text()

            with database.session() as db:
                [alert] = db.exec(
                    select(SafeguardingAlert).where(SafeguardingAlert.submission_id == item_id)
                ).all()
                trail = alerts.events(db, alert)
                assert [(e.kind, e.actor_id, e.note) for e in trail] == [
                    ("raised", winner.id, worry[winner.id])
                ]
                emails = db.exec(
                    select(OutboxMessage).where(OutboxMessage.safeguarding_alert_id == alert.id)
                ).all()
                assert len(emails) == 1
    finally:
        for tab in tabs:
            tab.client.close()
