"""The people list and a person's page: who may see them, search, filters, audit, councils."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, col, select

from learning.audit.models import AuditEvent
from learning.core.permissions import Role
from learning.org import service
from tests.factories import Factory
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import heading, page, table_rows


def names_listed(response: Response) -> list[str]:
    if page(response).select_one("table") is None:
        return []
    return [row[0] for row in table_rows(response)]


def test_a_practitioner_is_refused_every_organisation_admin_page(
    client: TestClient, factory: Factory
) -> None:
    someone = factory.make_person()
    practitioner = sign_in_as(client, factory, Role.PRACTITIONER)
    for url in ("/people", f"/people/{someone.id}", "/people/new", f"/people/{someone.id}/edit",
                "/teams", "/teams/new", "/teams/service-areas/new", "/people/import"):
        assert practitioner.get(url).status_code == 403, url
    for url in (f"/people/{someone.id}/disable", f"/people/{someone.id}/sessions/revoke",
                "/people/new", "/people/import/preview", "/teams/new"):
        assert practitioner.post(url).status_code == 403, url


def test_a_team_manager_can_read_people_but_not_change_them(
    client: TestClient, factory: Factory
) -> None:
    someone = factory.make_person()
    manager = sign_in_as(client, factory, Role.TEAM_MANAGER)
    response = manager.get(f"/people/{someone.id}")
    assert response.status_code == 200
    buttons = [b.get_text(strip=True) for b in page(response).select("button, a.govuk-button")]
    assert "Disable account" not in buttons and "Add supervisor" not in buttons
    assert manager.get(f"/people/{someone.id}/edit").status_code == 403
    assert manager.post(f"/people/{someone.id}/disable").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client: TestClient) -> None:
    response = client.get("/people")
    assert response.status_code == 303
    assert response.headers["location"].startswith("https://testserver/sign-in")


def test_the_people_list_shows_name_job_title_team_roles_and_status(
    admin: SignedIn, factory: Factory
) -> None:
    team = factory.make_team(name="Fostering North")
    bea = factory.make_person(roles=(Role.SUPERVISOR, Role.PRACTITIONER), given_name="Bea",
                        family_name="Aardvark", job_title="Senior Practitioner", team_id=team.id,
                        active=False)
    response = admin.get("/people")
    assert heading(response) == "People"
    assert table_rows(response)[0] == [
        "Bea Aardvark", "Senior Practitioner", "Fostering North", "Practitioner, Supervisor",
        "Disabled",
    ]
    link = page(response).select_one("tbody a")
    assert link is not None and link["href"] == f"https://testserver/people/{bea.id}"


def test_searching_finds_people_by_name_or_email_and_keeps_the_search_in_the_box(
    admin: SignedIn, factory: Factory
) -> None:
    factory.make_person(given_name="Zed", family_name="Quill", email="zq@example.test")
    factory.make_person(given_name="Yolanda", family_name="Other", email="special@example.test")
    assert names_listed(admin.get("/people?q=quill")) == ["Zed Quill"]
    response = admin.get("/people?q=SPECIAL")
    assert names_listed(response) == ["Yolanda Other"]
    box = page(response).find("input", attrs={"name": "q"})
    assert box is not None and box["value"] == "SPECIAL"


def test_a_search_for_percent_or_underscore_finds_only_people_who_have_them(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    """'%' and '_' are typed text, not SQL wildcards: a search for them does not list
    everyone (ASVS 1.2.4). The same for the demo's "sign in as" search."""
    factory.make_person(given_name="Zed", family_name="Quill", email="zed.quill@example.test")
    factory.make_person(given_name="Una", family_name="Under", email="una_under@example.test")
    expected = {
        "%": [],
        "_": ["Una Under"],
        "a_u": ["Una Under"],  # as typed, in her email
        "z_d": [],  # a wildcard would find "zed"
        "q%l": [],  # a wildcard would find "quill"
        "\\": [],
    }
    for typed, names in expected.items():
        assert names_listed(admin.get("/people", params={"q": typed})) == names, typed
        found = service.search_people(db, admin.person.council_id, typed)
        assert [person.name for person in found] == names, typed


def test_filtering_by_team_and_by_role(admin: SignedIn, factory: Factory) -> None:
    north, south = factory.make_team(name="North"), factory.make_team(name="South")
    factory.make_person(given_name="In", family_name="North", team_id=north.id,
                        roles=(Role.SUPERVISOR,))
    factory.make_person(given_name="In", family_name="South", team_id=south.id)
    assert names_listed(admin.get(f"/people?team={north.id}")) == ["In North"]
    assert names_listed(admin.get("/people?role=supervisor")) == ["In North"]
    assert names_listed(admin.get(f"/people?team={south.id}&role=supervisor")) == []


def test_nonsense_filters_are_ignored_rather_than_failing(admin: SignedIn) -> None:
    response = admin.get("/people?team=%C2%B2&role=emperor&page=-3")
    assert response.status_code == 200
    response = admin.get("/people?team=abc&page=%C2%B2")
    assert response.status_code == 200
    assert names_listed(response) == ["Ada Admin"]


def test_the_list_is_paginated_fifty_at_a_time_keeping_the_filters(
    admin: SignedIn, factory: Factory
) -> None:
    for n in range(60):
        factory.make_person(given_name="Many", family_name=f"Person{n:02d}")
    first = admin.get("/people?q=many")
    assert len(table_rows(first)) == 50
    assert "page 1 of 2" in page(first).select_one("#results-count").get_text()  # type: ignore[union-attr]
    next_link = page(first).select_one(".govuk-pagination__next a")
    assert next_link is not None and "q=many" in next_link["href"] and "page=2" in next_link["href"]
    second = admin.get(str(next_link["href"]))
    assert len(table_rows(second)) == 10


def test_a_persons_page_shows_their_details_supervisors_and_supervisees(
    admin: SignedIn, factory: Factory
) -> None:
    team = factory.make_team(name="Children in Care East")
    person = factory.make_person(given_name="Cara", family_name="Ngata", team_id=team.id,
                                 roles=(Role.SUPERVISOR,), oidc_tid="tenant", oidc_oid="abc")
    boss, junior = factory.make_person(given_name="Boss"), factory.make_person(given_name="Junior")
    factory.make_relationship(boss, person)
    factory.make_relationship(person, junior)
    response = admin.get(f"/people/{person.id}")
    assert heading(response) == "Cara Ngata"
    soup = page(response)
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(soup.select("dt"), soup.select("dd"), strict=True)}
    assert facts["Team"] == "Children in Care East"
    assert facts["Roles"] == "Supervisor"
    assert facts["Sign-in"].startswith("Linked to Entra object ID")
    supervisors = soup.select_one("table[aria-labelledby=supervisors-heading]")
    supervisees = soup.select_one("table[aria-labelledby=supervisees-heading]")
    assert supervisors is not None and boss.name in supervisors.get_text()
    assert supervisees is not None and junior.name in supervisees.get_text()
    assert "Current" in supervisors.get_text()


def test_reading_a_persons_page_writes_an_audit_event(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person()
    admin.get(f"/people/{person.id}")
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "person.viewed")).one()
    assert (event.actor_id, event.record_type, event.record_id) == (
        admin.person.id, "person", str(person.id))
    assert json.loads(event.detail) == {}


def test_another_councils_person_is_not_found(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    elsewhere = factory.make_council()
    stranger = factory.make_person(council_id=elsewhere.id)
    disabled = factory.make_person(council_id=elsewhere.id, active=False)
    other_team = factory.make_team(council_id=elsewhere.id)
    link = factory.make_relationship(factory.make_person(council_id=elsewhere.id), stranger)
    for url in (f"/people/{stranger.id}", f"/people/{stranger.id}/edit",
                f"/teams/{other_team.id}/edit",
                f"/people/{stranger.id}/supervisors/{link.id}/end", "/people/999999"):
        assert admin.get(url).status_code == 404, url
    for url in (f"/people/{stranger.id}/disable", f"/people/{disabled.id}/enable",
                f"/people/{stranger.id}/sessions/revoke", f"/people/{stranger.id}/supervisors",
                f"/people/{stranger.id}/edit", f"/teams/{other_team.id}/edit"):
        assert admin.post(url).status_code == 404, url
        # as stored, after each request: nothing was changed before the refusal
        db.refresh(stranger)
        db.refresh(disabled)
        assert (stranger.active, disabled.active) == (True, False), url
    assert names_listed(admin.get("/people")) == ["Ada Admin"]
    # every refusal is in the audit log: someone probing ids shows up there
    db.expire_all()
    events = db.exec(select(AuditEvent).where(col(AuditEvent.action).endswith(".refused")))
    seen = [(e.action, e.record_id, json.loads(e.detail)["method"]) for e in events]
    assert seen.count(("person.refused", str(stranger.id), "GET")) == 3
    assert ("person.refused", "999999", "GET") in seen
    assert seen.count(("person.refused", str(stranger.id), "POST")) == 4
    assert seen.count(("person.refused", str(disabled.id), "POST")) == 1
    assert seen.count(("team.refused", str(other_team.id), "GET")) == 1
    assert seen.count(("team.refused", str(other_team.id), "POST")) == 1


def test_opening_a_persons_edit_form_is_audited_as_a_read(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person()
    admin.get(f"/people/{person.id}/edit")
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "person.viewed")).one()
    assert event.record_id == str(person.id)
    assert json.loads(event.detail) == {"page": "edit"}
