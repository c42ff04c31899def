"""The review queue: who sees which team's feedback; to do with the oldest unread first (the
overdue at the top, counted), filtered by links, unread and overdue marked; held items in
their own tab; a page past the end says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from learning.core.clock import LONDON, to_london
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import triage, triage_views
from learning.feedback.working_days import is_overdue
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import days_ago, given, poster_for, staff
from tests.org.pages import heading, page, table_rows


def _links(response: Response) -> list[str]:
    """The items the queue lists, as paths, in order."""
    return [urlsplit(str(a["href"])).path for a in page(response).select("#queue tbody a")]


def _tabs(response: Response) -> str:
    nav = page(response).select_one("nav[aria-label='Feedback lists']")
    assert nav is not None
    return " ".join(nav.get_text(" ").split())


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


def test_to_do_lists_the_oldest_first_with_unread_and_overdue_marked(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    """The oldest unread is the first to be overdue: it comes first."""
    team = factory.make_team()
    link = poster_for(factory, team)
    old = given(db, settings, link, at=days_ago(10))
    new = given(db, settings, link)
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    response = supervisor.get("/feedback/queue")
    assert _links(response) == [f"/feedback/queue/{old.id}", f"/feedback/queue/{new.id}"]
    rows = table_rows(response, "#queue")
    assert "Unread" in rows[0][3] and "Overdue" in rows[0][3]
    assert "Unread" in rows[1][3] and "Overdue" not in rows[1][3]
    assert rows[1][2].startswith("Read by")
    assert "(2 unread, 1 overdue)" in _tabs(response)


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


def test_to_do_puts_the_unread_first_and_counts_the_overdue(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team()
    link = poster_for(factory, team)
    read_long_ago = given(db, settings, link, at=days_ago(30))
    overdue = [given(db, settings, link, at=days_ago(days)) for days in (12, 9, 8)]
    fresh = given(db, settings, link)
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    supervisor.get(f"/feedback/queue/{read_long_ago.id}")  # read, still to do

    response = supervisor.get("/feedback/queue")

    expected = [*overdue, fresh, read_long_ago]
    assert _links(response) == [f"/feedback/queue/{s.id}" for s in expected]
    assert "To do (4 unread, 3 overdue)" in _tabs(response)
    caption = page(response).select_one("#queue caption")
    assert caption is not None
    assert caption.get_text(strip=True) == "To do, unread first, oldest first (5)"


def _filters(response: Response) -> dict[str, str]:
    nav = page(response).select_one("#filters")
    assert nav is not None
    return {a.get_text(strip=True): str(a["href"]) for a in nav.select("a")}


def test_to_do_is_filtered_by_links_that_work_without_javascript(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    north, south = factory.make_team(name="North"), factory.make_team(name="South")
    link = poster_for(factory, north)
    late = given(db, settings, link, at=days_ago(10))
    asking = given(db, settings, link, wants_contact=True, contact_detail="sam@example.test")
    worried = given(db, settings, link, worried_about_safety=True)
    given(db, settings, poster_for(factory, south), at=days_ago(10))  # another team's
    manager = staff(client, factory, north, Role.TEAM_MANAGER)

    response = manager.get("/feedback/queue")
    filters = _filters(response)
    assert list(filters) == ["All", "Overdue", "Want contact", "Raised an alert"]
    current = page(response).select_one("#filters a[aria-current]")
    assert current is not None and current.get_text(strip=True) == "All"
    assert all(f"team={north.id}" in href for href in filters.values())  # the team stays chosen

    expected = {
        "All": [late, asking, worried],
        "Overdue": [late],
        "Want contact": [asking],
        "Raised an alert": [worried],
    }
    for label, items in expected.items():
        shown = manager.get(filters[label])
        assert _links(shown) == [f"/feedback/queue/{s.id}" for s in items], label
        chosen = page(shown).select_one("#filters a[aria-current]")
        assert chosen is not None and chosen.get_text(strip=True) == label
    assert "(3 unread, 1 overdue)" in _tabs(manager.get(filters["Want contact"]))
    held = manager.get(f"/feedback/queue?tab=held&team={north.id}&show=overdue")
    assert page(held).select_one("#filters") is None  # the filters are To do's


def test_a_filter_that_finds_nothing_says_so(
    client: TestClient, db: Session, settings: Settings, factory: Factory
) -> None:
    team = factory.make_team()
    given(db, settings, poster_for(factory, team))
    supervisor = staff(client, factory, team, Role.SUPERVISOR)
    response = supervisor.get("/feedback/queue?show=overdue")
    assert _links(response) == []
    assert "Nothing to do is overdue." in page(response).get_text()


def test_a_page_past_the_end_says_so_and_links_to_the_last_page(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(triage_views, "PER_PAGE", 2)
    team = factory.make_team()
    link = poster_for(factory, team)
    items = [given(db, settings, link, at=days_ago(days)) for days in (3, 2, 1)]
    supervisor = staff(client, factory, team, Role.SUPERVISOR)

    response = supervisor.get("/feedback/queue?page=99")

    assert response.status_code == 200
    said = page(response).select_one("#past-the-end")
    assert said is not None
    assert said.get_text(" ", strip=True).startswith("There is no page 99: this list has 2 pages.")
    assert "There is no feedback to do" not in response.text
    last = said.select_one("a")
    assert last is not None
    assert _links(supervisor.get(str(last["href"]))) == [f"/feedback/queue/{items[2].id}"]


@pytest.mark.parametrize("year", [2024, 2025])
def test_what_counts_as_overdue_matches_each_item_s_read_by_day(year: int) -> None:
    """Every arrival time across a year (bank holidays, weekends and the clocks changing),
    against every day after it: the queue's overdue cut-off agrees with the item's own."""
    start = datetime(year, 1, 1, tzinfo=LONDON)
    for days in range(0, 366, 1):
        for hour in (0, 9, 23):
            arrived = (start + timedelta(days=days, hours=hour)).astimezone(UTC)
            for later in (1, 2, 3, 4, 5, 6):
                on = to_london(arrived).date() + timedelta(days=later)
                assert (arrived < triage.overdue_before(on)) is is_overdue(arrived, on), (
                    arrived,
                    on,
                )
