"""Server-side sessions: the cookie, rotation at sign-in, sign-out, timeouts, disabling.

The app runs in demo mode so people can sign in through the demo page, which goes through
the same ``start_signed_in_session`` as OpenID Connect sign-in.
"""

from __future__ import annotations

from datetime import timedelta

import httpx2
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from freezegun import freeze_time
from sqlmodel import Session

from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.accounts.views import ENDED_MESSAGES
from learning.app import create_app
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.core.security import token_hash
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory


@pytest.fixture
def settings() -> Settings:
    return make_settings(demo=True)


def _remember(request: Request) -> PlainTextResponse:
    """Stores something in the session, as /sign-in/start does before going to the IdP."""
    request.session["remember"] = "this"
    return PlainTextResponse("ok")


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    app = create_app(settings, database=database)
    app.add_api_route("/_test/remember", _remember, name="test_remember")
    return app


@pytest.fixture
def person(factory: Factory) -> Person:
    return factory.make_person(roles=(Role.PRACTITIONER,))


def sign_in_as(
    client: TestClient, person: Person, csrf_token: str = "", next: str = "/"
) -> httpx2.Response:
    data = {"person_id": str(person.id), "next": next, "csrf_token": csrf_token}
    return client.post("/demo/sign-in-as", data=data)


def session_cookie(response: httpx2.Response) -> tuple[str, dict[str, str]]:
    """The session's Set-Cookie header: its value and its attributes (names lower-cased)."""
    headers = [
        h for h in response.headers.get_list("set-cookie") if h.startswith(f"{SECURE_COOKIE}=")
    ]
    assert len(headers) == 1, response.headers.get_list("set-cookie")
    first, *rest = (part.strip() for part in headers[0].split(";"))
    attributes = {}
    for part in rest:
        name, _, value = part.partition("=")
        attributes[name.lower()] = value
    return first.split("=", 1)[1], attributes


def use_cookie(client: TestClient, raw: str) -> None:
    client.cookies.clear()
    client.cookies.set(SECURE_COOKIE, raw)


def row_for(db: Session, raw: str) -> UserSession | None:
    db.expire_all()
    return db.get(UserSession, token_hash(raw))


def assert_sent_to_sign_in(response: httpx2.Response, ended: str | None = None) -> None:
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("https://testserver/sign-in?")
    if ended:
        assert f"ended={ended}" in location
    else:
        assert "ended=" not in location


# The cookie


def test_the_session_cookie_is_host_prefixed_secure_http_only_lax_and_host_only(
    client: TestClient, person: Person
) -> None:
    response = sign_in_as(client, person)
    assert response.status_code == 303
    header = next(h for h in response.headers.get_list("set-cookie"))
    assert header.startswith("__Host-")
    value, attributes = session_cookie(response)
    assert "secure" in attributes
    assert "httponly" in attributes
    assert attributes["path"] == "/"
    assert attributes["samesite"].lower() == "lax"
    assert "domain" not in attributes
    assert "expires" not in attributes and "max-age" not in attributes  # ends with the browser
    assert len(value) >= 43  # at least 256 bits from the CSPRNG, URL-safe


def test_the_cookie_holds_only_an_opaque_id_and_the_table_only_its_hash(
    client: TestClient, person: Person, db: Session
) -> None:
    value, _ = session_cookie(sign_in_as(client, person))
    assert str(person.id) not in value.split("-") and person.email not in value
    row = row_for(db, value)
    assert row is not None and row.person_id == person.id
    assert db.get(UserSession, value) is None
    assert row.csrf_token != value


def test_the_cookie_that_ends_a_session_keeps_the_host_prefix_rules(
    client: TestClient, person: Person, db: Session
) -> None:
    value, _ = session_cookie(sign_in_as(client, person))
    row = row_for(db, value)
    assert row is not None
    response = client.post("/sign-out", data={"csrf_token": row.csrf_token})
    cleared, attributes = session_cookie(response)
    assert cleared == ""
    assert attributes["max-age"] == "0"
    assert "secure" in attributes and attributes["path"] == "/" and "domain" not in attributes


# Rotation at sign-in


def test_signing_in_replaces_the_pre_sign_in_session_with_a_new_one(
    client: TestClient, person: Person, db: Session
) -> None:
    before, _ = session_cookie(client.get("/_test/remember"))
    pre = row_for(db, before)
    assert pre is not None and pre.person_id is None and pre.revoked_at is None
    page = client.get("/demo/sign-in-as").text
    assert f'<meta name="csrf-token" content="{pre.csrf_token}">' in page

    response = sign_in_as(client, person, csrf_token=pre.csrf_token)

    assert response.status_code == 303
    after, _ = session_cookie(response)
    assert after != before
    post = row_for(db, after)
    assert post is not None and post.person_id == person.id
    assert post.csrf_token != pre.csrf_token
    assert post.data == "{}"  # nothing carried over from before sign-in
    old = row_for(db, before)
    assert old is not None and old.revoked_at is not None


def test_the_pre_sign_in_cookie_no_longer_works_after_sign_in(
    client: TestClient, person: Person, db: Session
) -> None:
    before, _ = session_cookie(client.get("/_test/remember"))
    pre = row_for(db, before)
    assert pre is not None
    after, _ = session_cookie(sign_in_as(client, person, csrf_token=pre.csrf_token))

    use_cookie(client, before)
    assert_sent_to_sign_in(client.get("/"))
    use_cookie(client, after)
    assert client.get("/").status_code == 200


def test_a_pre_sign_in_session_needs_its_csrf_token_to_sign_in(
    client: TestClient, person: Person
) -> None:
    client.get("/_test/remember")
    assert sign_in_as(client, person).status_code == 403


def test_a_cookie_value_the_server_never_issued_is_not_adopted(
    client: TestClient, db: Session
) -> None:
    chosen = "an-attacker-chose-this-session-id-0123456789abcdef"
    use_cookie(client, chosen)
    issued, _ = session_cookie(client.get("/_test/remember"))
    assert issued != chosen
    assert row_for(db, chosen) is None
    assert row_for(db, issued) is not None


def test_signing_in_as_someone_else_ends_the_first_session(
    client: TestClient, person: Person, factory: Factory, db: Session
) -> None:
    first, _ = session_cookie(sign_in_as(client, person))
    first_row = row_for(db, first)
    assert first_row is not None
    other = factory.make_person()
    second, _ = session_cookie(sign_in_as(client, other, csrf_token=first_row.csrf_token))
    assert second != first
    ended = row_for(db, first)
    assert ended is not None and ended.revoked_at is not None


# Sign-out


def test_sign_out_ends_the_session_on_the_server_and_the_old_cookie_is_sent_to_sign_in(
    client: TestClient, person: Person, db: Session
) -> None:
    value, _ = session_cookie(sign_in_as(client, person))
    assert client.get("/").status_code == 200
    row = row_for(db, value)
    assert row is not None

    response = client.post("/sign-out", data={"csrf_token": row.csrf_token})

    assert response.status_code == 303
    assert response.headers["Location"] == "https://testserver/signed-out"
    ended = row_for(db, value)
    assert ended is not None and ended.revoked_at is not None
    use_cookie(client, value)  # the replayed cookie
    assert_sent_to_sign_in(client.get("/"))


def test_sign_out_asks_the_browser_to_clear_its_cache_and_storage(
    client: TestClient, person: Person, factory: Factory
) -> None:
    token = factory.sign_in(client, person)
    response = client.post("/sign-out", data={"csrf_token": token})
    clear = response.headers["Clear-Site-Data"]
    assert '"cache"' in clear and '"storage"' in clear


def test_the_signed_out_page_shows_no_one_signed_in(
    client: TestClient, person: Person, factory: Factory
) -> None:
    token = factory.sign_in(client, person)
    response = client.post("/sign-out", data={"csrf_token": token})
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "You have signed out" in page.text
    assert person.name not in page.text


# Timeouts


def test_a_session_idle_for_more_than_30_minutes_ends_and_the_sign_in_page_says_why(
    client: TestClient, person: Person, factory: Factory, db: Session
) -> None:
    with freeze_time(utcnow()) as frozen:
        factory.sign_in(client, person)
        raw = client.cookies.get(SECURE_COOKIE) or ""
        frozen.tick(timedelta(minutes=29))
        assert client.get("/").status_code == 200  # activity moves the idle clock on
        frozen.tick(timedelta(minutes=29))
        assert client.get("/").status_code == 200
        frozen.tick(timedelta(minutes=31))
        response = client.get("/")

    assert_sent_to_sign_in(response, ended="idle")
    row = row_for(db, raw)
    assert row is not None and row.revoked_at is not None
    page = client.get(response.headers["Location"])
    assert ENDED_MESSAGES["idle"] in page.text


def test_a_session_ends_8_hours_after_sign_in_however_busy_and_the_sign_in_page_says_why(
    client: TestClient, person: Person, factory: Factory
) -> None:
    with freeze_time(utcnow()) as frozen:
        factory.sign_in(client, person)
        for _ in range(19):  # a request every 25 minutes for 7 h 55 min
            frozen.tick(timedelta(minutes=25))
            assert client.get("/").status_code == 200
        frozen.tick(timedelta(minutes=25))  # 8 h 20 min after signing in
        response = client.get("/")

    assert_sent_to_sign_in(response, ended="absolute")
    page = client.get(response.headers["Location"])
    assert ENDED_MESSAGES["absolute"] in page.text


def test_the_timeouts_follow_the_settings(database: Database, factory: Factory) -> None:
    app = create_app(make_settings(session_idle_minutes=5), database=database)
    person = factory.make_person()
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    with client, freeze_time(utcnow()) as frozen:
        factory.sign_in(client, person)
        frozen.tick(timedelta(minutes=4))
        assert client.get("/").status_code == 200
        frozen.tick(timedelta(minutes=6))
        response = client.get("/")
    assert_sent_to_sign_in(response, ended="idle")


def test_an_ended_session_stays_ended_even_if_the_clock_is_wound_back(
    client: TestClient, person: Person, factory: Factory
) -> None:
    start = utcnow()
    with freeze_time(start) as frozen:
        factory.sign_in(client, person)
        raw = client.cookies.get(SECURE_COOKIE) or ""
        frozen.tick(timedelta(minutes=31))
        assert_sent_to_sign_in(client.get("/"), ended="idle")
        frozen.move_to(start)
        use_cookie(client, raw)
        assert_sent_to_sign_in(client.get("/"))


# Disabling a person


def test_disabling_a_person_ends_their_session_on_their_next_request(
    client: TestClient, person: Person, factory: Factory, db: Session
) -> None:
    factory.sign_in(client, person)
    raw = client.cookies.get(SECURE_COOKIE) or ""
    assert client.get("/").status_code == 200

    person.active = False
    db.add(person)
    db.commit()
    response = client.get("/")

    assert_sent_to_sign_in(response, ended="disabled")
    row = row_for(db, raw)
    assert row is not None and row.revoked_at is not None
    assert ENDED_MESSAGES["disabled"] in client.get(response.headers["Location"]).text

    person.active = True  # enabling them again does not bring the old session back
    db.add(person)
    db.commit()
    use_cookie(client, raw)
    assert_sent_to_sign_in(client.get("/"))


# HTMX


def test_an_htmx_request_when_signed_out_is_told_where_to_sign_in_with_hx_redirect(
    client: TestClient,
) -> None:
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert "Location" not in response.headers
    assert response.headers["HX-Redirect"].startswith("https://testserver/sign-in?")
    assert response.text == ""


def test_an_htmx_request_after_a_timeout_carries_the_reason(
    client: TestClient, person: Person, factory: Factory
) -> None:
    with freeze_time(utcnow()) as frozen:
        factory.sign_in(client, person)
        frozen.tick(timedelta(minutes=31))
        response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert "ended=idle" in response.headers["HX-Redirect"]


def test_a_history_restore_request_gets_a_normal_redirect(client: TestClient) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get("/", headers=headers)
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("header", "found"),
    [
        (b"learning_session=abc", "abc"),
        (b"feedback_link=x.y.z; learning_session=abc; receipt=r", "abc"),
        (b"feedback_link=x.y.z; receipt=r", None),
        (b"old_learning_session=zzz", None),
        (b"old_learning_session=zzz; learning_session=abc", "abc"),
    ],
    ids=["alone", "among others", "absent", "only a longer name", "longer name and its own"],
)
def test_the_session_cookie_is_found_only_by_its_own_name(header: bytes, found: str | None) -> None:
    from learning.accounts.sessions import _read_cookie

    scope = {"headers": [(b"host", b"example"), (b"cookie", header)]}
    assert _read_cookie(scope, "learning_session") == found
