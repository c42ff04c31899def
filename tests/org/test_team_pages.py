"""Teams and service areas: listed with their members, added and changed, names unique."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.permissions import Role
from learning.org.models import ServiceArea, Team, TeamKind
from tests.factories import Factory
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import error_summary, field_error, flash, heading, table_rows, value_of


def test_the_teams_page_lists_service_area_kind_and_active_members(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    area = ServiceArea(council_id=factory.council.id, name="Permanence")
    db.add(area)
    db.flush()
    team = factory.make_team(name="Adoption", kind=TeamKind.ADOPTION, service_area_id=area.id)
    factory.make_person(team_id=team.id)
    factory.make_person(team_id=team.id)
    factory.make_person(team_id=team.id, active=False)
    factory.make_team(name="Loose", kind=TeamKind.OTHER)
    factory.make_team(council_id=factory.make_council().id, name="Elsewhere")
    response = admin.get("/teams")
    assert heading(response) == "Teams"
    assert [row[:4] for row in table_rows(response)] == [
        ["Adoption", "Permanence", "Adoption", "2"],
        ["Loose", "None", "Other", "0"],
    ]


def test_a_person_without_teams_manage_cannot_see_teams(
    client: TestClient, factory: Factory
) -> None:
    manager = sign_in_as(client, factory, Role.TEAM_MANAGER)
    assert manager.get("/teams").status_code == 403


def test_adding_a_team_saves_it_and_audits_it(admin: SignedIn, db: Session) -> None:
    shown = admin.follow(admin.post("/teams/new", {"name": "  Front   Door ", "kind": "front_door",
                                                   "service_area_id": ""}))
    assert flash(shown) == "The team Front Door has been added"
    team = db.exec(select(Team).where(Team.name == "Front Door")).one()
    assert team.kind is TeamKind.FRONT_DOOR
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "team.created")).one()
    assert event.record_id == str(team.id)


def test_a_team_name_must_be_unique_in_the_council_whatever_its_case(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="Care Leavers")
    factory.make_team(council_id=factory.make_council().id, name="Elsewhere Team")
    response = admin.post("/teams/new", {"name": "care leavers", "kind": "care_leavers"})
    assert response.status_code == 422
    assert field_error(response, "name") == "There is already a team with this name"
    assert value_of(response, "name") == "care leavers"
    assert value_of(response, "kind") == "care_leavers"
    assert admin.post("/teams/new", {"name": "Elsewhere Team", "kind": "other"}).status_code == 303


def test_a_team_needs_a_name_and_a_kind(admin: SignedIn) -> None:
    response = admin.post("/teams/new", {"name": "", "kind": "spaceship"})
    assert error_summary(response) == ["Enter a team name", "Select the kind of team"]


def test_changing_a_team_saves_and_audits_what_changed(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    team = factory.make_team(name="CIN North", kind=TeamKind.CHILD_IN_NEED)
    form_page = admin.get(f"/teams/{team.id}/edit")
    assert heading(form_page) == "Change CIN North"
    assert value_of(form_page, "kind") == "child_in_need"
    shown = admin.follow(admin.post(f"/teams/{team.id}/edit", {
        "name": "CIN North", "kind": "child_protection", "service_area_id": ""}))
    assert flash(shown) == "The team CIN North has been updated"
    db.refresh(team)
    assert team.kind is TeamKind.CHILD_PROTECTION
    event = db.exec(select(AuditEvent).where(AuditEvent.action == "team.updated")).one()
    assert json.loads(event.detail) == {"changed": ["kind"]}


def test_renaming_a_team_to_another_teams_name_is_refused(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="Taken")
    team = factory.make_team(name="Mine")
    response = admin.post(f"/teams/{team.id}/edit", {"name": "TAKEN", "kind": "other"})
    assert field_error(response, "name") == "There is already a team with this name"
    db.refresh(team)
    assert team.name == "Mine"


def test_a_service_area_from_another_council_cannot_be_chosen(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    area = ServiceArea(council_id=factory.make_council().id, name="Theirs")
    db.add(area)
    db.flush()
    response = admin.post("/teams/new", {"name": "New", "kind": "other",
                                         "service_area_id": str(area.id)})
    assert field_error(response, "service_area_id") == "Select a service area from the list"


def test_adding_a_service_area_then_a_team_in_it(admin: SignedIn, db: Session) -> None:
    shown = admin.follow(admin.post("/teams/service-areas/new", {"name": "Early help"}))
    assert flash(shown) == "The service area Early help has been added"
    area = db.exec(select(ServiceArea).where(ServiceArea.name == "Early help")).one()
    assert db.exec(select(AuditEvent).where(AuditEvent.action == "service_area.created")).one()
    form_page = admin.get("/teams/new")
    assert f'value="{area.id}"' in form_page.text
    admin.follow(admin.post("/teams/new", {"name": "EH East", "kind": "early_help",
                                           "service_area_id": str(area.id)}))
    team = db.exec(select(Team).where(Team.name == "EH East")).one()
    assert team.service_area_id == area.id


def test_a_service_area_name_must_be_given_and_unique(admin: SignedIn, factory: Factory,
                                                      db: Session) -> None:
    db.add(ServiceArea(council_id=factory.council.id, name="Quality"))
    db.flush()
    response = admin.post("/teams/service-areas/new", {"name": ""})
    assert field_error(response, "name") == "Enter a service area name"
    response = admin.post("/teams/service-areas/new", {"name": "quality"})
    assert response.status_code == 422
    assert field_error(response, "name") == "There is already a service area with this name"
    assert value_of(response, "name") == "quality"
