"""The demo "sign in as" page: demo mode only, clearly labelled, active people only,
no open redirects, and every sign-in audited."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session, select
from starlette.routing import NoMatchFound

from learning.accounts.sessions import SECURE_COOKIE
from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory

UNSAFE_NEXT = [
    "https://evil.test",
    "//evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "/\t/evil.test",
    "https:evil.test",
    "javascript:alert(1)",
    "evil.test",
    "",
]


@pytest.fixture
def settings() -> Settings:
    return make_settings(demo=True)


def sign_in_as(
    client: TestClient, person: Person, csrf_token: str = "", next: str = "/"
) -> httpx2.Response:
    data = {"person_id": str(person.id), "next": next, "csrf_token": csrf_token}
    return client.post("/demo/sign-in-as", data=data)


def soup_of(response: httpx2.Response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def people_under_role(page: BeautifulSoup, role: Role) -> list[str]:
    heading = page.find("h2", id=f"role-{role.value}")
    assert heading is not None, f"no heading for {role.label}"
    assert heading.get_text(strip=True) == role.label
    listing = heading.find_next_sibling("ul")
    assert listing is not None
    return [button.get_text(strip=True) for button in listing.find_all("button")]


def offered_names(page: BeautifulSoup) -> list[str]:
    return [button.get_text(strip=True) for button in page.select('form[method="post"] button')]


# Demo mode only


def test_the_demo_sign_in_page_does_not_exist_outside_demo_mode(
    database: Database, factory: Factory
) -> None:
    person = factory.make_person(roles=(Role.ADMINISTRATOR,))
    app = create_app(make_settings(demo=False), database=database)
    with pytest.raises(NoMatchFound):
        app.url_path_for("demo_sign_in")
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        assert client.get("/demo/sign-in-as").status_code == 404
        response = client.post("/demo/sign-in-as", data={"person_id": str(person.id)})
        assert response.status_code in (404, 405)
        assert SECURE_COOKIE not in response.headers.get("set-cookie", "")
        sign_in_page = client.get("/sign-in").text
    assert "/demo/" not in sign_in_page
    assert "Demo council" not in sign_in_page


def test_the_sign_in_page_links_to_the_demo_page_in_demo_mode(client: TestClient) -> None:
    page = soup_of(client.get("/sign-in"))
    link = page.find("a", string="Sign in as a demo person")
    assert link is not None and str(link["href"]).startswith("https://testserver/demo/sign-in-as")


def test_the_demo_page_is_clearly_labelled_as_demo_only(
    client: TestClient, factory: Factory
) -> None:
    factory.make_person(roles=(Role.PRACTITIONER,))
    page = soup_of(client.get("/demo/sign-in-as"))
    text = page.get_text(" ", strip=True)
    assert "Demo council only" in text
    assert "This page exists only in demo mode" in text
    assert "fictional" in text
    assert page.find("h1") is not None
    assert "Sign in as a demo person" in page.find("h1").get_text()  # type: ignore[union-attr]
    assert page.find(class_="app-demo-banner") is not None


def test_the_demo_page_lists_people_under_their_role(client: TestClient, factory: Factory) -> None:
    supervisor = factory.make_person(
        roles=(Role.SUPERVISOR,), given_name="Sam", family_name="Super"
    )
    admin = factory.make_person(roles=(Role.ADMINISTRATOR,), given_name="Ada", family_name="Admin")
    both = factory.make_person(
        roles=(Role.SUPERVISOR, Role.TEAM_MANAGER), given_name="Tia", family_name="Manager"
    )
    page = soup_of(client.get("/demo/sign-in-as"))
    assert sorted(people_under_role(page, Role.SUPERVISOR)) == sorted(
        [f"Sign in as {supervisor.name}", f"Sign in as {both.name}"]
    )
    assert people_under_role(page, Role.ADMINISTRATOR) == [f"Sign in as {admin.name}"]
    assert people_under_role(page, Role.TEAM_MANAGER) == [f"Sign in as {both.name}"]
    assert page.find("h2", id=f"role-{Role.SAFEGUARDING_LEAD.value}") is None  # no one has it


def test_the_demo_page_finds_people_by_name(client: TestClient, factory: Factory) -> None:
    person = factory.make_person(given_name="Findable", family_name="Fernsby")
    factory.make_person(given_name="Other", family_name="Person")
    page = soup_of(client.get("/demo/sign-in-as", params={"q": "fernsby"}))
    assert offered_names(page) == [f"Sign in as {person.name}"]


# Signing in


def test_signing_in_as_a_demo_person_lands_on_the_home_page_showing_their_name(
    client: TestClient, factory: Factory
) -> None:
    person = factory.make_person(
        roles=(Role.PRACTITIONER,), given_name="Priya", family_name="Practitioner"
    )
    page = soup_of(client.get("/demo/sign-in-as"))
    form = next(
        f
        for f in page.find_all("form", method="post")
        if f.find("input", attrs={"name": "person_id", "value": str(person.id)})
    )
    data = {str(i["name"]): str(i.get("value", "")) for i in form.find_all("input")}

    response = client.post(str(form["action"]), data=data)

    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Hello, Priya" in home.text
    header = BeautifulSoup(home.text, "html.parser").find(class_="app-header__person")
    assert header is not None and header.get_text(strip=True) == "Priya Practitioner"


def test_an_inactive_person_is_not_offered_and_cannot_be_chosen(
    client: TestClient, factory: Factory, db: Session
) -> None:
    gone = factory.make_person(
        roles=(Role.SUPERVISOR,), given_name="Gone", family_name="Leaver", active=False
    )
    factory.make_person(roles=(Role.SUPERVISOR,), given_name="Still", family_name="Here")

    assert f"Sign in as {gone.name}" not in offered_names(soup_of(client.get("/demo/sign-in-as")))
    search = soup_of(client.get("/demo/sign-in-as", params={"q": "leaver"}))
    assert f"Sign in as {gone.name}" not in offered_names(search)

    response = sign_in_as(client, gone)
    assert response.status_code == 404
    assert SECURE_COOKIE not in response.headers.get("set-cookie", "")
    assert client.get("/").status_code == 303
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "sign_in.succeeded")).all()
    assert events == []


def test_a_person_from_another_council_cannot_be_chosen(
    client: TestClient, factory: Factory
) -> None:
    elsewhere = factory.make_council()
    outsider = factory.make_person(council_id=elsewhere.id, given_name="Out", family_name="Sider")
    assert f"Sign in as {outsider.name}" not in client.get("/demo/sign-in-as?q=sider").text
    response = sign_in_as(client, outsider)
    assert response.status_code == 404
    assert client.get("/").status_code == 303


def test_an_unknown_person_id_is_not_found(client: TestClient, factory: Factory) -> None:
    factory.council  # noqa: B018 - the demo council must exist
    response = client.post("/demo/sign-in-as", data={"person_id": "999999999"})
    assert response.status_code == 404


# Open redirect


@pytest.mark.parametrize("unsafe", UNSAFE_NEXT)
def test_the_demo_form_never_carries_an_off_site_next(
    client: TestClient, factory: Factory, unsafe: str
) -> None:
    factory.make_person(roles=(Role.PRACTITIONER,))
    page = soup_of(client.get("/demo/sign-in-as", params={"next": unsafe}))
    values = {str(i["value"]) for i in page.find_all("input", attrs={"name": "next"})}
    assert values == {"/"}


@pytest.mark.parametrize("unsafe", UNSAFE_NEXT)
def test_the_sign_in_page_never_passes_on_an_off_site_next(
    client: TestClient, factory: Factory, unsafe: str
) -> None:
    factory.council  # noqa: B018
    page = soup_of(client.get("/sign-in", params={"next": unsafe}))
    link = page.find("a", string="Sign in as a demo person")
    assert link is not None
    assert parse_qs(urlsplit(str(link["href"])).query) == {"next": ["/"]}


@pytest.mark.parametrize("unsafe", UNSAFE_NEXT)
def test_signing_in_with_an_off_site_next_lands_on_the_home_page(
    client: TestClient, factory: Factory, unsafe: str
) -> None:
    person = factory.make_person()
    response = sign_in_as(client, person, next=unsafe)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("unsafe", UNSAFE_NEXT)
def test_the_sign_in_page_sends_a_signed_in_person_home_not_off_site(
    client: TestClient, factory: Factory, unsafe: str
) -> None:
    factory.sign_in(client, factory.make_person())
    response = client.get("/sign-in", params={"next": unsafe})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_a_path_on_this_site_is_kept_as_next(client: TestClient, factory: Factory) -> None:
    person = factory.make_person()
    page = soup_of(client.get("/demo/sign-in-as", params={"next": "/people?page=2"}))
    values = {str(i["value"]) for i in page.find_all("input", attrs={"name": "next"})}
    assert values == {"/people?page=2"}
    response = sign_in_as(client, person, next="/people?page=2")
    assert response.headers["Location"] == "/people?page=2"


# Audit


def test_signing_in_writes_a_sign_in_succeeded_event_with_the_person_and_request_id(
    client: TestClient, factory: Factory, db: Session
) -> None:
    person = factory.make_person(roles=(Role.PRACTITIONER,))
    response = sign_in_as(client, person)
    assert response.status_code == 303
    db.expire_all()
    events = db.exec(select(AuditEvent).where(AuditEvent.action == "sign_in.succeeded")).all()
    assert len(events) == 1
    event = events[0]
    assert event.actor_id == person.id
    assert event.actor_label == person.name
    assert event.council_id == person.council_id
    assert (event.record_type, event.record_id) == ("person", str(person.id))
    assert event.request_id == response.headers["X-Request-ID"]
    assert '"method": "demo"' in event.detail
