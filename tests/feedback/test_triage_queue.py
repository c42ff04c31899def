"""The review queue: who sees which team's feedback, newest first, unread and overdue marked,
held items in their own tab."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import days_ago, given, poster_for, staff
from tests.org.pages import heading, page, table_rows


def _links(response: Response) -> list[str]:
    """The items the queue lists, as paths, in order."""
    return [urlsplit(str(a["href"])).path for a in page(response).select("#queue tbody a")]


def test_a_supervisor_sees_only_their_own_team_s_feedback(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    mine, theirs = factory.make_team(name="North"), factory.make_team(name="South")
    own = given(db, settings, poster_for(factory, mine))
    other = given(db, settings, poster_for(factory, theirs))
    supervisor = staff(client, factory, mine, Role.SUPERVISOR)
    response = supervisor.get("/feedback/queue")
    assert response.status_code == 200
    assert heading(response) == "Feedback"
    hrefs = _links(response)
    assert f"/feedback/queue/{own.id}" in hrefs
    assert f"/feedback/queue/{other.id}" not in hrefs
    assert page(response).find(id="team") is None  # no team filter for one team


def test_a_team_manager_sees_every_team_and_can_filter(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    north, south = factory.make_team(name="North"), factory.make_team(name="South")
    a = given(db, settings, poster_for(factory, north))
    b = given(db, settings, poster_for(factory, south))
    manager = staff(client, factory, north, Role.TEAM_MANAGER)
    own = manager.get("/feedback/queue")  # a manager starts with their own team
    assert _links(own) == [f"/feedback/queue/{a.id}"]
    chosen = page(own).select_one("#team option[selected]")
    assert chosen is not None and chosen.get_text(strip=True) == "North"
    both = manager.get("/feedback/queue?team=")
    assert {f"/feedback/queue/{a.id}", f"/feedback/queue/{b.id}"} <= set(_links(both))
    tabs = [str(a["href"]) for a in page(both).select("nav a[href*='tab=']")]
    assert tabs and all("team=" in href for href in tabs)  # "All teams" stays chosen
    only_south = _links(manager.get(f"/feedback/queue?team={south.id}"))
    assert only_south == [f"/feedback/queue/{b.id}"]


def test_another_council_s_team_cannot_be_chosen_as_a_filter(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    """A team of another council is no team to choose: the filter is ignored, and the
    queue shows every team of the person's own council, as with "All teams"."""
    mine, next_door = factory.make_team(name="North"), factory.make_team(name="South")
    own = given(db, settings, poster_for(factory, mine))
    neighbours = given(db, settings, poster_for(factory, next_door))
    elsewhere = factory.make_council(slug="elsewhere")
    foreign = factory.make_team(council_id=elsewhere.id, name="Foreign")
    hidden = given(db, settings, poster_for(factory, foreign))
    lead = staff(client, factory, mine, Role.SAFEGUARDING_LEAD)
    response = lead.get(f"/feedback/queue?team={foreign.id}")
    assert response.status_code == 200
    assert set(_links(response)) == {f"/feedback/queue/{own.id}",
                                     f"/feedback/queue/{neighbours.id}"}
    assert f"/feedback/queue/{hidden.id}" not in _links(response)
    chosen = page(response).select_one("#team option[selected]")
    assert chosen is None  # "All teams", the first option
    offered = [o.get_text(strip=True) for o in page(response).select("#team option")]
    assert offered == ["All teams", "North", "South"]


def test_newest_first_with_unread_and_overdue_marked(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team()
    link = poster_for(factory, team)
    old = given(db, settings, link, at=days_ago(10))
    new = given(db, settings, link)
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    response = supervisor.get("/feedback/queue")
    assert _links(response) == [f"/feedback/queue/{new.id}", f"/feedback/queue/{old.id}"]
    rows = table_rows(response, "#queue")
    assert "Unread" in rows[0][3] and "Overdue" not in rows[0][3]
    assert "Unread" in rows[1][3] and "Overdue" in rows[1][3]
    assert rows[0][2].startswith("Read by")
    assert "(2 unread)" in page(response).select_one("nav[aria-label='Feedback lists']").text


def test_held_items_wait_in_their_own_tab(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team()
    link = poster_for(factory, team)
    fine = given(db, settings, link)
    held = given(db, settings, link, honeypot="http://spam.example")
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    assert _links(supervisor.get("/feedback/queue")) == [f"/feedback/queue/{fine.id}"]
    assert _links(supervisor.get("/feedback/queue?tab=held")) == [f"/feedback/queue/{held.id}"]
    assert _links(supervisor.get("/feedback/queue?tab=closed")) == []


def test_a_flagged_item_is_marked_in_the_queue(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team()
    given(db, settings, poster_for(factory, team), worried_about_safety=True)
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    rows = table_rows(supervisor.get("/feedback/queue"), "#queue")
    assert "Safeguarding alert" in rows[0][3]


def test_someone_without_a_team_is_told_so(client: TestClient, factory: Factory) -> None:
    supervisor = staff(client, factory, None, Role.SUPERVISOR)
    response = supervisor.get("/feedback/queue")
    assert response.status_code == 200
    assert "You are not in a team" in response.text


def test_only_people_who_triage_may_open_the_queue(client: TestClient, factory: Factory) -> None:
    team: Team = factory.make_team()
    practitioner = staff(client, factory, team, Role.PRACTITIONER)
    assert practitioner.get("/feedback/queue").status_code == 403


def test_the_queue_needs_sign_in(client: TestClient) -> None:
    response = client.get("/feedback/queue")
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert (location.path, parse_qs(location.query)) == ("/sign-in", {"next": ["/feedback/queue"]})


def test_the_navigation_offers_feedback_to_triagers(client: TestClient, factory: Factory) -> None:
    supervisor = staff(client, factory, factory.make_team(), Role.SUPERVISOR)
    nav = page(supervisor.get("/feedback/queue")).select_one("#navigation")
    assert nav is not None and "Feedback" in [a.get_text(strip=True) for a in nav.select("a")]
