"""What a signed-in page tells its timeout warning, and "Stay signed in": a POST, guarded by
the CSRF token, that starts the idle clock again and says nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import Tag
from fastapi.testclient import TestClient
from freezegun import freeze_time
from sqlmodel import Session

from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.app import create_app
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.security import token_hash
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory
from tests.org.pages import page


@pytest.fixture
def settings() -> Settings:
    return make_settings(demo=True)


@pytest.fixture
def person(factory: Factory) -> Person:
    return factory.make_person()


def row_of(db: Session, client: TestClient) -> UserSession:
    db.expire_all()
    row = db.get(UserSession, token_hash(client.cookies.get(SECURE_COOKIE) or ""))
    assert row is not None
    return row


def last_seen_ago(db: Session, client: TestClient, ago: timedelta) -> None:
    row = row_of(db, client)
    row.last_seen_at = utcnow() - ago
    db.add(row)
    db.commit()


def timeout_meta(client: TestClient, path: str = "/") -> dict[str, int]:
    meta = page(client.get(path)).find("meta", attrs={"name": "session-timeout"})
    assert isinstance(meta, Tag), "the page has no session-timeout meta tag"
    return {
        "left": int(str(meta["content"])),
        **{name: int(str(meta[f"data-{name}"])) for name in
           ("after-request", "full", "warn", "absolute")},
    }


def test_a_signed_in_page_says_how_long_is_left_and_when_to_warn(
    client: TestClient, factory: Factory, person: Person, db: Session
) -> None:
    signed_out = page(client.get("/sign-in"))
    assert signed_out.find("meta", attrs={"name": "session-timeout"}) is None
    assert signed_out.find("dialog") is None
    factory.sign_in(client, person)
    last_seen_ago(db, client, timedelta(seconds=40))  # not long enough to be moved on

    meta = timeout_meta(client)

    assert 30 * 60 - 45 <= meta["left"] <= 30 * 60 - 40
    assert meta["full"] == 30 * 60 and meta["warn"] == 5 * 60
    assert meta["after-request"] == 29 * 60  # the server moves the clock once a minute
    assert 8 * 3600 - 10 <= meta["absolute"] <= 8 * 3600
    dialog = page(client.get("/")).find("dialog", id="session-timeout")
    assert isinstance(dialog, Tag) and dialog["role"] == "alertdialog"
    assert [b.get_text(strip=True) for b in dialog.find_all("button")] == [
        "Stay signed in", "Sign out", "Close",
    ]


def test_a_short_idle_timeout_warns_at_half_of_it(database: Database, factory: Factory) -> None:
    app = create_app(make_settings(session_idle_minutes=2), database=database)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        factory.sign_in(client, factory.make_person())
        meta = timeout_meta(client)
    assert meta["full"] == 120 and meta["warn"] == 60


def test_stay_signed_in_starts_the_idle_clock_again_and_says_nothing(
    client: TestClient, factory: Factory, person: Person, db: Session
) -> None:
    token = factory.sign_in(client, person)
    last_seen_ago(db, client, timedelta(seconds=50))  # a request alone would not move it

    response = client.post("/stay-signed-in", headers={"X-CSRF-Token": token})

    assert response.status_code == 204 and response.content == b""
    assert response.headers["Cache-Control"] == "no-store"
    assert utcnow() - row_of(db, client).last_seen_at < timedelta(seconds=5)


def test_stay_signed_in_keeps_a_session_past_its_first_idle_timeout(
    client: TestClient, factory: Factory, person: Person
) -> None:
    with freeze_time(utcnow()) as frozen:
        token = factory.sign_in(client, person)
        frozen.tick(timedelta(minutes=29, seconds=30))
        assert client.post("/stay-signed-in", headers={"X-CSRF-Token": token}).status_code == 204
        frozen.tick(timedelta(minutes=29, seconds=30))
        assert client.get("/").status_code == 200


def test_stay_signed_in_needs_the_csrf_token(
    client: TestClient, factory: Factory, person: Person, db: Session
) -> None:
    factory.sign_in(client, person)
    last_seen_ago(db, client, timedelta(seconds=50))
    before = row_of(db, client).last_seen_at

    assert client.post("/stay-signed-in").status_code == 403
    assert client.post("/stay-signed-in", headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert row_of(db, client).last_seen_at == before


def test_stay_signed_in_cannot_bring_an_ended_session_back(
    client: TestClient, factory: Factory, person: Person, db: Session
) -> None:
    token = factory.sign_in(client, person)
    last_seen_ago(db, client, timedelta(minutes=31))

    response = client.post("/stay-signed-in", headers={"X-CSRF-Token": token})

    assert response.status_code == 303
    assert response.headers["location"].startswith("https://testserver/sign-in?")
    assert client.get("/").status_code == 303
