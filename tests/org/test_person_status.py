"""Disabling, enabling and signing people out: sessions end in the same transaction."""

from __future__ import annotations

import json

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.accounts.models import UserSession
from learning.core.permissions import Role
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.org.conftest import SignedIn
from tests.org.pages import flash, page


def test_disabling_a_person_ends_their_sessions_and_sends_them_to_sign_in(
    admin: SignedIn, factory: Factory, app: FastAPI, db: Session
) -> None:
    victim = factory.make_person(roles=(Role.TEAM_MANAGER,))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as theirs:
        factory.sign_in(theirs, victim)
        assert theirs.get("/people").status_code == 200
        shown = admin.follow(admin.post(f"/people/{victim.id}/disable"))
        assert flash(shown) == f"{victim.name}'s account has been disabled. Sessions ended: 1."
        next_request = theirs.get("/people")
    assert next_request.status_code == 303
    assert "/sign-in" in next_request.headers["location"]
    db.refresh(victim)
    assert not victim.active
    live = db.exec(select(UserSession).where(UserSession.person_id == victim.id,
                                             UserSession.revoked_at.is_(None))).all()  # type: ignore[union-attr]
    assert live == []
    [event] = events(db, "person.disabled")
    assert event.record_id == str(victim.id)
    assert json.loads(event.detail) == {"sessions_ended": 1}


def test_a_disabled_person_shows_as_disabled_and_can_be_enabled_again(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person(active=False)
    response = admin.get(f"/people/{person.id}")
    buttons = [b.get_text(strip=True) for b in page(response).select("form button")]
    assert "Enable account" in buttons and "Disable account" not in buttons
    shown = admin.follow(admin.post(f"/people/{person.id}/enable"))
    assert flash(shown) == f"{person.name}'s account has been enabled. They can sign in again."
    db.refresh(person)
    assert person.active
    assert len(events(db, "person.enabled")) == 1


def test_an_administrator_cannot_disable_themselves(admin: SignedIn, db: Session) -> None:
    response = admin.get(f"/people/{admin.person.id}")
    buttons = [b.get_text(strip=True) for b in page(response).select("form button")]
    assert "Disable account" not in buttons
    shown = admin.follow(admin.post(f"/people/{admin.person.id}/disable"))
    assert flash(shown) == "You cannot disable your own account."
    db.refresh(admin.person)
    assert admin.person.active
    assert events(db, "person.disabled") == []


def test_an_administrator_can_end_all_of_a_persons_sessions(
    admin: SignedIn, factory: Factory, app: FastAPI, db: Session
) -> None:
    person = factory.make_person(roles=(Role.WORKFORCE_LEAD,))
    factory.make_session(person)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as theirs:
        factory.sign_in(theirs, person)
        shown = admin.follow(admin.post(f"/people/{person.id}/sessions/revoke"))
        assert flash(shown) == (
            f"{person.name} has been signed out everywhere. Sessions ended: 2.")
        assert theirs.get("/people").status_code == 303
    db.refresh(person)
    assert person.active
    [event] = events(db, "person.sessions_revoked")
    assert json.loads(event.detail) == {"sessions_ended": 2}


def test_posting_without_the_csrf_token_is_refused(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    person = factory.make_person()
    response = admin.client.post(f"/people/{person.id}/disable")
    assert response.status_code == 403
    db.refresh(person)
    assert person.active
