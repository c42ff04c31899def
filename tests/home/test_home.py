"""Each role's home page shows that role's real records."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from learning.core.clock import today
from learning.core.permissions import Role
from learning.org.models import CareerStage
from tests.factories import Factory


def _page(client: TestClient) -> BeautifulSoup:
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def _section_text(page: BeautifulSoup, heading_id: str) -> str:
    heading = page.find(id=heading_id)
    assert heading is not None, f"no section {heading_id}"
    section = heading.find_parent("section")
    assert section is not None
    return " ".join(section.get_text(" ").split())


def test_a_signed_out_visitor_is_sent_to_sign_in(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert urlsplit(response.headers["location"]).path == "/sign-in"


def test_a_practitioner_sees_their_team_and_supervisor(
    client: TestClient, factory: Factory
) -> None:
    team = factory.make_team(name="Child in Need North")
    supervisor = factory.make_person(
        roles=(Role.SUPERVISOR,), given_name="Keira", family_name="Rowe"
    )
    me = factory.make_person(roles=(Role.PRACTITIONER,), given_name="Owen", team_id=team.id)
    factory.make_relationship(supervisor, me)
    factory.sign_in(client, me)
    page = _page(client)
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Hello, Owen"
    summary = " ".join(page.select_one(".govuk-summary-list").get_text(" ").split())
    assert "Practitioner" in summary
    assert "Child in Need North" in summary
    assert "Keira Rowe" in summary
    assert page.find(id="supervisees-heading") is None


def test_a_supervisor_sees_the_people_they_supervise_now_but_not_past_ones(
    client: TestClient, factory: Factory
) -> None:
    from datetime import timedelta

    from learning.core.clock import today

    me = factory.make_person(roles=(Role.SUPERVISOR,))
    current = factory.make_person(given_name="Nia", family_name="Opie")
    former = factory.make_person(given_name="Luca", family_name="Uren")
    factory.make_relationship(me, current)
    factory.make_relationship(
        me, former, starts_on=today() - timedelta(days=400), ends_on=today() - timedelta(days=30)
    )
    factory.sign_in(client, me)
    text = _section_text(_page(client), "supervisees-heading")
    assert "Nia Opie" in text
    assert "Luca Uren" not in text


def test_a_team_manager_sees_team_members_without_a_supervisor_flagged(
    client: TestClient, factory: Factory
) -> None:
    team = factory.make_team()
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    supervised = factory.make_person(team_id=team.id, given_name="Petra", family_name="Nance")
    factory.make_person(team_id=team.id, given_name="Rhys", family_name="Kitto")
    factory.make_relationship(manager, supervised)
    factory.sign_in(client, manager)
    page = _page(client)
    rows = {
        " ".join(row.find("td").get_text(" ").split()): " ".join(row.get_text(" ").split())
        for row in page.find(id="team-heading").find_parent("section").select("tbody tr")
    }
    assert "No supervisor" in rows["Rhys Kitto"]
    assert "No supervisor" not in rows["Petra Nance"]


def test_a_workforce_lead_sees_supervision_coverage_and_career_stages(
    client: TestClient, factory: Factory
) -> None:
    lead = factory.make_person(
        roles=(Role.WORKFORCE_LEAD,), career_stage=CareerStage.SERVICE_MANAGER
    )
    supervisor = factory.make_person(career_stage=CareerStage.TEAM_MANAGER)
    asye = factory.make_person(
        career_stage=CareerStage.ASYE, given_name="Tegen", family_name="Eddy"
    )
    factory.make_person(
        career_stage=CareerStage.SOCIAL_WORKER, given_name="Zara", family_name="Ivey"
    )
    factory.make_relationship(supervisor, asye)
    factory.sign_in(client, lead)
    text = _section_text(_page(client), "workforce-heading")
    assert "1 of 2 practitioners have a supervisor recorded" in text
    assert "Newly qualified (ASYE) 1" in text
    assert "Zara Ivey" in text
    assert "Tegen Eddy" not in text.split("no supervisor recorded")[-1]


def test_the_people_without_a_supervisor_are_listed_by_name(
    client: TestClient, factory: Factory
) -> None:
    lead = factory.make_person(
        roles=(Role.WORKFORCE_LEAD,), career_stage=CareerStage.SERVICE_MANAGER
    )
    for given, family in (("Zara", "Ivey"), ("Amy", "Baker"), ("Molly", "Carne")):
        factory.make_person(
            career_stage=CareerStage.SOCIAL_WORKER, given_name=given, family_name=family
        )
    factory.sign_in(client, lead)
    section = _page(client).find(id="workforce-heading").find_parent("section")
    listed = [li.get_text(strip=True).split(",")[0] for li in section.select("ul li")]
    assert listed == ["Amy Baker", "Molly Carne", "Zara Ivey"]


def test_someone_with_two_supervisors_sees_them_by_name(
    client: TestClient, factory: Factory
) -> None:
    later = factory.make_person(roles=(Role.SUPERVISOR,), given_name="Keira", family_name="Rowe")
    first = factory.make_person(roles=(Role.SUPERVISOR,), given_name="Tom", family_name="Hale")
    me = factory.make_person(roles=(Role.PRACTITIONER,))
    factory.make_relationship(later, me, starts_on=today() - timedelta(days=10))
    factory.make_relationship(first, me, starts_on=today() - timedelta(days=400))
    factory.sign_in(client, me)
    summary = " ".join(_page(client).select_one(".govuk-summary-list").get_text(" ").split())
    assert "Tom Hale, Keira Rowe" in summary


def test_an_administrator_sees_counts_and_links_to_administration(
    client: TestClient, factory: Factory
) -> None:
    admin = factory.make_person(roles=(Role.ADMINISTRATOR,))
    factory.make_person(active=False)
    factory.sign_in(client, admin)
    page = _page(client)
    text = _section_text(page, "admin-heading")
    assert "1 active, 1 disabled" in text
    links = {
        a.get_text(strip=True)
        for a in page.find(id="admin-heading").find_parent("section").find_all("a")
    }
    assert {"People", "Teams", "Audit log"} <= links


def test_a_person_with_no_role_is_told_to_ask_an_administrator(
    client: TestClient, factory: Factory
) -> None:
    me = factory.make_person()
    factory.sign_in(client, me)
    page = _page(client)
    assert "No role yet: ask an administrator" in page.get_text(" ")
