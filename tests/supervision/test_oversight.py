"""The oversight pages as people see them: my supervisees, a supervisee's history, the team
overview and overdue actions; who may see what, and that every read is audited."""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import CareerStage, Person
from learning.supervision.models import SupervisionPolicy, WorkloadSnapshot
from learning.supervision.terms import ActionStatus, Rag, RaterRole, SessionStatus
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.pages import error_summary, field_error, heading, page, table_rows
from tests.supervision.factories import SupervisionFactory

ON = today()


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


def path_of(href: object) -> str:
    return urlsplit(str(href)).path


def ago(days: int) -> date:
    return ON - timedelta(days=days)


def snapshot(db: Session, person: Person, rag: Rag, taken_on: date, points: float) -> None:
    policy = db.exec(select(SupervisionPolicy).where(
        SupervisionPolicy.council_id == person.council_id, SupervisionPolicy.kind == "workload",
    )).first()
    if policy is None:
        policy = SupervisionPolicy(council_id=person.council_id, kind="workload", body="{}")
        db.add(policy)
        db.flush()
    db.add(WorkloadSnapshot(council_id=person.council_id, person_id=person.id,
                            policy_id=policy.id, taken_on=taken_on, points=points,
                            capacity=100, rag=rag))
    db.commit()


def cell_texts(response: object, selector: str) -> list[list[str]]:
    return table_rows(response, selector)  # type: ignore[arg-type]


# My supervisees


def test_a_supervisor_sees_each_supervisee_with_when_supervision_is_next_due(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session
) -> None:
    supervisor, late = sf.make_pair(given_name="Lara", family_name="Late")
    on_time = factory.make_person(given_name="Omar", family_name="Ontime",
                                  career_stage=CareerStage.ASYE)
    factory.make_relationship(supervisor, on_time, starts_on=ago(30))
    sf.make_session(supervisor, late, planned_for=ago(40), wellbeing=6)
    held = sf.make_session(supervisor, on_time, planned_for=ago(2), wellbeing=8)
    sf.make_action(held, due_on=ago(1))
    sf.make_action(held, due_on=ON + timedelta(days=9))
    snapshot(db, late, Rag.AMBER, ago(3), 88)
    factory.sign_in(client, supervisor)

    response = client.get("/supervision")

    assert response.status_code == 200
    assert heading(response) == "My supervisees"
    rows = cell_texts(response, "#supervisees")
    assert rows[0][:8] == ["Lara Late", "Social worker", f"{ago(40):%-d %B %Y}",
                           f"{ago(9):%-d %B %Y} Overdue by 9 days", "6", "Amber", "0", "0"]
    assert rows[1][:8] == ["Omar Ontime", "Newly qualified (ASYE)", f"{ago(2):%-d %B %Y}",
                           f"{ON + timedelta(days=5):%-d %B %Y}", "8", "Not recorded", "2",
                           "1 overdue"]
    link = page(response).find("a", string="Lara Late")
    assert isinstance(link, Tag) and path_of(link["href"]) == f"/supervision/supervisees/{late.id}"


def test_each_supervisee_has_a_button_that_starts_a_session(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    factory.sign_in(client, supervisor)

    response = client.get("/supervision")

    [button] = page(response).select("#supervisees form button")
    assert button.get_text(" ", strip=True) == f"Start a session with {worker.name}"
    form = button.find_parent("form")
    assert isinstance(form, Tag)
    assert form["method"] == "post"
    assert path_of(form["action"]) == f"/supervision/supervisees/{worker.id}/sessions"
    assert form.find("input", attrs={"name": "csrf_token"}) is not None


def test_a_record_started_and_not_recorded_is_carried_on_from_the_list(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    csrf = factory.sign_in(client, supervisor)
    started = client.post(f"/supervision/supervisees/{worker.id}/sessions",
                          data={"csrf_token": csrf})
    assert started.status_code == 303

    response = client.get("/supervision")
    [button] = page(response).select("#supervisees form button")
    assert button.get_text(" ", strip=True) == f"Carry on with the session with {worker.name}"
    note = button.find_next_sibling("span")
    assert isinstance(note, Tag) and "not recorded yet" in note.get_text()
    again = client.post(f"/supervision/supervisees/{worker.id}/sessions",
                        data={"csrf_token": csrf})
    assert again.headers["location"] == started.headers["location"]  # the same record

def test_a_supervisor_with_no_supervisees_is_told_so(
    client: TestClient, factory: Factory
) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.SUPERVISOR,)))

    response = client.get("/supervision")

    assert response.status_code == 200
    assert "You do not supervise anyone at the moment." in page(response).get_text(" ")


def test_a_practitioner_cannot_open_my_supervisees(
    client: TestClient, factory: Factory
) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.PRACTITIONER,)))

    assert client.get("/supervision").status_code == 403


# One supervisee's history


@pytest.fixture
def history_data(factory: Factory, sf: SupervisionFactory, db: Session) -> dict[str, Person]:
    team = factory.make_team()
    supervisor, worker = sf.make_pair(team_id=team.id, given_name="Wren", family_name="Worker")
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    first = sf.make_session(supervisor, worker, planned_for=ago(60), signed=True, wellbeing=5)
    case = sf.make_case_discussion(first, case_reference="CASE-77",
                                   ratings={RaterRole.PRACTITIONER: 3})
    second = sf.make_session(supervisor, worker, planned_for=ago(30), wellbeing=7)
    again = sf.make_case_discussion(second, case_reference="CASE-77")
    sf.make_rating(again, rater=RaterRole.PRACTITIONER, score=6)
    sf.make_case_discussion(second, case_reference="CASE-78")
    sf.make_session(supervisor, worker, planned_for=ago(5), status=SessionStatus.CANCELLED,
                    status_reason="Court hearing")
    sf.make_action(first, due_on=ago(10), description="Chase the school report")
    sf.make_action(second, due_on=ON + timedelta(days=7), description="Book the network meeting")
    sf.make_action(first, due_on=ago(40), status=ActionStatus.DONE,
                   description="Visit the children")
    snapshot(db, worker, Rag.GREEN, ago(60), 70)
    snapshot(db, worker, Rag.RED, ago(30), 102)
    assert case.id is not None
    return {"supervisor": supervisor, "worker": worker, "manager": manager}


def test_the_history_lists_sessions_newest_first_with_their_sign_off(
    client: TestClient, factory: Factory, history_data: dict[str, Person], db: Session
) -> None:
    worker = history_data["worker"]
    factory.sign_in(client, history_data["supervisor"])

    response = client.get(f"/supervision/supervisees/{worker.id}")

    assert response.status_code == 200
    assert heading(response) == "Wren Worker"
    rows = cell_texts(response, "#sessions")
    assert [row[:5] for row in rows] == [
        [f"{ago(5):%-d %B %Y}", "One-to-one", "Cancelled Court hearing", "Not needed", "0"],
        [f"{ago(30):%-d %B %Y}", "One-to-one", "Held", "Awaiting sign-off", "2"],
        [f"{ago(60):%-d %B %Y}", "One-to-one", "Held", f"Signed off {ON:%-d %B %Y}", "1"],
    ]
    [viewed] = events(db, "supervision.history.viewed")
    assert (viewed.record_type, viewed.record_id) == ("person", str(worker.id))


def test_the_history_shows_overdue_open_and_done_actions_apart(
    client: TestClient, factory: Factory, history_data: dict[str, Person]
) -> None:
    factory.sign_in(client, history_data["supervisor"])

    response = client.get(f"/supervision/supervisees/{history_data['worker'].id}")

    assert [r[0] for r in cell_texts(response, "#actions-overdue")] == ["Chase the school report"]
    assert cell_texts(response, "#actions-overdue")[0][3] == "Overdue by 10 days"
    assert [r[0] for r in cell_texts(response, "#actions-open")] == ["Book the network meeting"]
    assert [r[0] for r in cell_texts(response, "#actions-done")] == ["Visit the children"]


def test_the_history_shows_how_each_cases_safety_scale_moved(
    client: TestClient, factory: Factory, history_data: dict[str, Person]
) -> None:
    factory.sign_in(client, history_data["supervisor"])

    response = client.get(f"/supervision/supervisees/{history_data['worker'].id}")

    assert cell_texts(response, "#safety-scales") == [
        ["CASE-77", "Practitioner", "Safety scale for CASE-77: 3, 6 3, 6", "Up 3"]]
    chart = page(response).select_one("#safety-scales svg.app-sparkline")
    assert chart is not None and chart["aria-label"] == "Safety scale for CASE-77: 3, 6"


def test_the_supervisor_and_the_supervisee_see_wellbeing_but_the_manager_does_not(
    client: TestClient, factory: Factory, history_data: dict[str, Person]
) -> None:
    worker = history_data["worker"]
    url = f"/supervision/supervisees/{worker.id}"

    factory.sign_in(client, history_data["supervisor"])
    as_supervisor = client.get(url)
    factory.sign_in(client, worker)
    as_supervisee = client.get(url)
    factory.sign_in(client, history_data["manager"])
    as_manager = client.get(url)

    expected = [[f"{ago(30):%-d %B %Y}", "7"], [f"{ago(60):%-d %B %Y}", "5"]]
    assert cell_texts(as_supervisor, "#wellbeing") == expected
    assert cell_texts(as_supervisee, "#wellbeing") == expected
    assert as_manager.status_code == 200
    assert page(as_manager).select_one("#wellbeing") is None
    assert "Wellbeing" not in [h.get_text() for h in page(as_manager).find_all("h2")]


def test_the_history_shows_workload_snapshots_newest_first_in_words(
    client: TestClient, factory: Factory, history_data: dict[str, Person]
) -> None:
    factory.sign_in(client, history_data["manager"])

    response = client.get(f"/supervision/supervisees/{history_data['worker'].id}")

    assert cell_texts(response, "#workload") == [
        [f"{ago(30):%-d %B %Y}", "102", "100", "102%", "Red"],
        [f"{ago(60):%-d %B %Y}", "70", "100", "70%", "Green"],
    ]


def test_the_history_links_each_session_to_its_record(
    client: TestClient, factory: Factory, history_data: dict[str, Person]
) -> None:
    factory.sign_in(client, history_data["supervisor"])

    response = client.get(f"/supervision/supervisees/{history_data['worker'].id}")

    links = [path_of(a["href"]) for a in page(response).select("#sessions a")]
    assert len(links) == 3
    assert all(href.startswith("/supervision/sessions/") for href in links)


def test_a_long_history_shows_the_latest_sessions_with_a_link_to_all_of_them(
    client: TestClient, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, worker = sf.make_pair()
    for n in range(30):
        sf.make_session(supervisor, worker, planned_for=ago(7 * n + 1))
    factory.sign_in(client, supervisor)

    latest = client.get(f"/supervision/supervisees/{worker.id}")
    link = page(latest).find("a", string="Show all 30 sessions")
    assert isinstance(link, Tag)
    everything = client.get(str(link["href"]))

    assert len(cell_texts(latest, "#sessions")) == 24
    assert cell_texts(latest, "#sessions")[0][0] == f"{ago(1):%-d %B %Y}"
    assert len(cell_texts(everything, "#sessions")) == 30


def test_someone_elses_history_is_not_found_and_the_refusal_is_audited(
    client: TestClient, factory: Factory, history_data: dict[str, Person], db: Session
) -> None:
    stranger = factory.make_person(roles=(Role.SUPERVISOR,))
    factory.sign_in(client, stranger)
    worker = history_data["worker"]

    response = client.get(f"/supervision/supervisees/{worker.id}")

    assert response.status_code == 404
    [refused] = events(db, "supervision.refused")
    assert (refused.actor_id, refused.record_type, refused.record_id) == (
        stranger.id, "person", str(worker.id))
    assert json.loads(refused.detail) == {
        "path": f"/supervision/supervisees/{worker.id}", "method": "GET",
        "reason": f"person {worker.id}"}
    assert events(db, "supervision.history.viewed") == []


def test_a_manager_of_another_team_cannot_read_the_history(
    client: TestClient, factory: Factory, history_data: dict[str, Person], db: Session
) -> None:
    other = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=factory.make_team().id)
    factory.sign_in(client, other)

    response = client.get(f"/supervision/supervisees/{history_data['worker'].id}")

    assert response.status_code == 404
    assert len(events(db, "supervision.refused")) == 1


# The team overview


@pytest.fixture
def two_teams(factory: Factory, sf: SupervisionFactory, db: Session) -> dict[str, Person]:
    north, south = factory.make_team(name="North"), factory.make_team(name="South")
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=north.id,
                                  given_name="Mina", family_name="Manager")
    supervisor = factory.make_person(roles=(Role.SUPERVISOR,), team_id=north.id,
                                     given_name="Sam", family_name="Super")
    alex = factory.make_person(team_id=north.id, given_name="Alex", family_name="Able")
    bo = factory.make_person(team_id=north.id, given_name="Bo", family_name="Busy")
    for worker in (alex, bo, supervisor):
        factory.make_relationship(manager if worker is supervisor else supervisor, worker,
                                  starts_on=ago(300))
    sf.make_session(supervisor, alex, planned_for=ago(110))
    for days in (80, 50, 20):
        held = sf.make_session(supervisor, alex, planned_for=ago(days), wellbeing=2)
        sf.make_case_discussion(held, child_voice="" if days == 80 else "He misses his dog.")
    late = sf.make_session(supervisor, bo, planned_for=ago(70))
    sf.make_case_discussion(late, child_voice="")
    sf.make_action(late, due_on=ago(12), description="Send the referral", owner=supervisor)
    snapshot(db, alex, Rag.GREEN, ago(20), 60)
    snapshot(db, bo, Rag.RED, ago(70), 105)
    southerner = factory.make_person(team_id=south.id, given_name="Sid", family_name="South")
    other_supervisor = factory.make_person(roles=(Role.SUPERVISOR,), team_id=south.id)
    factory.make_relationship(other_supervisor, southerner, starts_on=ago(300))
    away = sf.make_session(other_supervisor, southerner, planned_for=ago(40))
    sf.make_action(away, due_on=ago(3), description="Southern action")
    return {"manager": manager, "alex": alex, "bo": bo, "south": southerner}


def test_a_team_manager_sees_their_teams_supervision_against_what_is_expected(
    client: TestClient, factory: Factory, two_teams: dict[str, Person], db: Session
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview")

    assert response.status_code == 200
    rows = {row[0]: row for row in cell_texts(response, "#practitioners")}
    assert set(rows) == {"Alex Able", "Bo Busy", "Mina Manager", "Sam Super"}
    assert rows["Alex Able"] == ["Alex Able", "Sam Super", "3", "3", "100%", "0", "67%", "Green"]
    assert rows["Bo Busy"] == ["Bo Busy", "Sam Super", "1 (fewer than expected)", "3", "0%", "1",
                               "0%", "Red"]
    assert rows["Mina Manager"][1] == "No supervisor"
    totals = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
              for row in page(response).select("#totals .govuk-summary-list__row")}
    assert totals["Overdue actions"] == "1"
    assert totals["Case discussions that record the child's voice"] == "50% (2 of 4)"
    [viewed] = events(db, "supervision.overview.viewed")
    assert viewed.actor_id == two_teams["manager"].id


def test_the_overview_never_shows_wellbeing_or_another_team(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    south = factory.db.get(Person, two_teams["south"].id)
    assert south is not None
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview", params={"team": str(south.team_id)})

    assert response.status_code == 200  # a team manager has no team to choose: their own
    rows = {row[0] for row in cell_texts(response, "#practitioners")}
    assert rows == {"Alex Able", "Bo Busy", "Mina Manager", "Sam Super"}
    headers = [th.get_text(" ", strip=True) for th in page(response).select("thead th")]
    assert "Held" in headers and not any("ellbeing" in text for text in headers)
    assert "Sid South" not in response.text
    assert "Southern action" not in response.text


def test_the_overview_lists_overdue_actions_with_owner_and_days(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview")

    assert cell_texts(response, "#overdue") == [
        ["Send the referral", "Bo Busy (their actions)", "Sam Super", f"{ago(12):%-d %B %Y}",
         "12"]]


def test_the_workload_heat_map_says_each_rating_in_words(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview")

    rows = cell_texts(response, "#heat-map")
    assert [row[:3] for row in rows[:2]] == [["Bo Busy", "Red", "105%"],
                                            ["Alex Able", "Green", "60%"]]
    assert {row[1] for row in rows[2:]} == {"Not recorded"}
    red = page(response).select_one("#heat-map .app-rag--red")
    assert red is not None and red.get_text() == "Red"


def test_the_period_changes_what_is_expected(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview", params={"months": "1"})

    rows = {row[0]: row for row in cell_texts(response, "#practitioners")}
    assert rows["Alex Able"][2:4] == ["1", "1"]


def test_a_period_not_on_the_list_is_an_error_next_to_the_field(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/overview", params={"months": "7"})

    assert response.status_code == 422
    assert error_summary(response) == ["Select a period from the list"]
    assert field_error(response, "months") == "Select a period from the list"
    assert page(response).select_one("#practitioners") is None


def test_the_principal_social_worker_sees_every_team_and_can_choose_one(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    psw = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,))
    factory.sign_in(client, psw)
    south = factory.db.get(Person, two_teams["south"].id)
    assert south is not None

    everyone = client.get("/supervision/overview")
    one_team = client.get("/supervision/overview", params={"team": str(south.team_id)})
    unknown = client.get("/supervision/overview", params={"team": "999999"})

    assert {"Alex Able", "Sid South"} <= {row[0] for row in cell_texts(everyone, "#practitioners")}
    assert {row[0] for row in cell_texts(one_team, "#practitioners")} >= {"Sid South"}
    assert "Alex Able" not in {row[0] for row in cell_texts(one_team, "#practitioners")}
    assert unknown.status_code == 422
    assert field_error(unknown, "team") == "Select a team from the list"


def test_a_team_manager_without_a_team_sees_an_empty_overview(
    client: TestClient, factory: Factory
) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.TEAM_MANAGER,)))

    response = client.get("/supervision/overview")

    assert response.status_code == 200
    text = page(response).get_text(" ", strip=True)
    assert "No team recorded for you" in text
    assert "There is no one to show." in text


def test_only_people_who_oversee_supervision_see_the_oversight_menu_item(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    supervisor = factory.make_person(roles=(Role.SUPERVISOR,))

    factory.sign_in(client, two_teams["manager"])
    manager_menu = [a.get_text() for a in page(client.get("/")).select("#navigation a")]
    factory.sign_in(client, supervisor)
    supervisor_menu = [a.get_text() for a in page(client.get("/")).select("#navigation a")]

    assert "Oversight" in manager_menu
    assert "Oversight" not in supervisor_menu
    assert client.get("/supervision/overview").status_code == 403


# Overdue actions


def test_a_manager_sees_their_teams_overdue_actions_only(
    client: TestClient, factory: Factory, two_teams: dict[str, Person], db: Session
) -> None:
    factory.sign_in(client, two_teams["manager"])

    response = client.get("/supervision/actions/overdue")

    assert response.status_code == 200
    assert heading(response) == "Overdue actions"
    assert [row[0] for row in cell_texts(response, "#overdue")] == ["Send the referral"]
    assert len(events(db, "supervision.overdue_actions.viewed")) == 1


def test_a_practitioner_sees_only_their_own_overdue_actions(
    client: TestClient, factory: Factory, two_teams: dict[str, Person]
) -> None:
    factory.sign_in(client, two_teams["alex"])
    nothing = client.get("/supervision/actions/overdue")
    factory.sign_in(client, two_teams["south"])
    own = client.get("/supervision/actions/overdue")

    assert page(nothing).select_one("#overdue") is None
    assert [row[0] for row in cell_texts(own, "#overdue")] == ["Southern action"]
