"""CSRF: a synchronizer token for every unsafe request with a session, plus Fetch Metadata
and Origin checks for every unsafe request. The target is POST /sign-out: if it gets
through, the session ends; if it is refused, the person stays signed in."""

from __future__ import annotations

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.core.security import token_hash
from tests.factories import Factory


def sign_in(client: TestClient, factory: Factory) -> str:
    return factory.sign_in(client, factory.make_person())


def still_signed_in(client: TestClient) -> bool:
    return client.get("/").status_code == 200


def session_revoked(db: Session, client: TestClient) -> bool:
    raw = client.cookies.get(SECURE_COOKIE)
    db.expire_all()
    row = db.get(UserSession, token_hash(raw or ""))
    return row is not None and row.revoked_at is not None


def assert_refused(response: httpx2.Response, client: TestClient) -> None:
    assert response.status_code == 403
    assert "You do not have permission" in response.text
    assert still_signed_in(client)


def test_a_signed_in_post_without_a_token_is_refused(client: TestClient, factory: Factory) -> None:
    sign_in(client, factory)
    assert_refused(client.post("/sign-out"), client)


def test_a_signed_in_form_post_with_an_empty_token_is_refused(
    client: TestClient, factory: Factory
) -> None:
    sign_in(client, factory)
    assert_refused(client.post("/sign-out", data={"csrf_token": ""}), client)


def test_a_signed_in_post_with_a_wrong_token_is_refused(
    client: TestClient, factory: Factory
) -> None:
    token = sign_in(client, factory)
    assert_refused(client.post("/sign-out", data={"csrf_token": token[:-2] + "xx"}), client)
    assert_refused(client.post("/sign-out", headers={"X-CSRF-Token": "not-the-token"}), client)


def test_another_sessions_token_does_not_work(client: TestClient, factory: Factory) -> None:
    _, someone_elses = factory.make_session(factory.make_person())
    sign_in(client, factory)
    assert_refused(client.post("/sign-out", data={"csrf_token": someone_elses.csrf_token}), client)


def test_a_json_post_cannot_carry_the_token_in_its_body(
    client: TestClient, factory: Factory
) -> None:
    token = sign_in(client, factory)
    assert_refused(client.post("/sign-out", json={"csrf_token": token}), client)


def test_a_form_post_with_the_right_token_gets_through(
    client: TestClient, factory: Factory, db: Session
) -> None:
    token = sign_in(client, factory)
    cookie = client.cookies.get(SECURE_COOKIE)
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/signed-out")
    db.expire_all()
    row = db.get(UserSession, token_hash(cookie or ""))
    assert row is not None and row.revoked_at is not None


def test_an_htmx_post_with_the_token_in_the_header_gets_through(
    client: TestClient, factory: Factory, db: Session
) -> None:
    token = sign_in(client, factory)
    cookie = client.cookies.get(SECURE_COOKIE)
    response = client.post("/sign-out", headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].endswith("/signed-out")
    db.expire_all()
    row = db.get(UserSession, token_hash(cookie or ""))
    assert row is not None and row.revoked_at is not None


def test_the_page_gives_htmx_the_token_in_a_meta_tag_and_forms_in_a_hidden_field(
    client: TestClient, factory: Factory
) -> None:
    token = sign_in(client, factory)
    page = client.get("/").text
    assert f'<meta name="csrf-token" content="{token}">' in page
    assert f'<input type="hidden" name="csrf_token" value="{token}">' in page


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_post_from_another_site_is_refused_even_with_the_right_token(
    client: TestClient, factory: Factory, site: str
) -> None:
    token = sign_in(client, factory)
    response = client.post(
        "/sign-out", data={"csrf_token": token}, headers={"Sec-Fetch-Site": site}
    )
    assert_refused(response, client)
    response = client.post(
        "/sign-out", headers={"X-CSRF-Token": token, "HX-Request": "true", "Sec-Fetch-Site": site}
    )
    assert_refused(response, client)


def test_a_same_origin_post_with_fetch_metadata_and_the_token_gets_through(
    client: TestClient, factory: Factory
) -> None:
    token = sign_in(client, factory)
    response = client.post(
        "/sign-out", data={"csrf_token": token}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    "origin", ["https://evil.test", "https://testserver.evil.test", "null", "http://evil.test"]
)
def test_a_post_with_an_origin_from_another_site_is_refused_even_with_the_right_token(
    client: TestClient, factory: Factory, origin: str
) -> None:
    token = sign_in(client, factory)
    response = client.post("/sign-out", data={"csrf_token": token}, headers={"Origin": origin})
    assert_refused(response, client)


def test_a_post_whose_origin_is_this_site_gets_through(
    client: TestClient, factory: Factory
) -> None:
    token = sign_in(client, factory)
    response = client.post(
        "/sign-out", data={"csrf_token": token}, headers={"Origin": "https://testserver"}
    )
    assert response.status_code == 303


def test_an_anonymous_cross_site_post_is_refused(client: TestClient) -> None:
    response = client.post("/sign-out", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    response = client.post("/sign-out", headers={"Origin": "https://evil.test"})
    assert response.status_code == 403


def test_a_refused_post_does_not_end_the_session_on_the_server(
    client: TestClient, factory: Factory, db: Session
) -> None:
    sign_in(client, factory)
    client.post("/sign-out", headers={"Sec-Fetch-Site": "cross-site"})
    client.post("/sign-out")
    assert not session_revoked(db, client)


def test_every_refusal_is_on_the_security_log_with_what_where_and_which_request(
    client: TestClient, factory: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    """ASVS 16.3: a forged request leaves a record to investigate (the log record has when)."""
    sign_in(client, factory)
    with caplog.at_level("WARNING", logger="learning.security"):
        client.post("/sign-out")
        client.post("/sign-out", data={"csrf_token": "wrong"})
        client.post("/sign-out", headers={"Origin": "https://evil.example"})
    messages = [r.getMessage() for r in caplog.records if r.name == "learning.security"]
    assert len(messages) == 3
    assert messages[0].startswith("request refused as forged (no token): POST /sign-out")
    assert messages[1].startswith("request refused as forged (wrong token): POST /sign-out")
    assert messages[2].startswith("request refused as forged (another site): POST /sign-out")
    assert "origin https://evil.example" in messages[2]
    assert all("(request " in m and not m.endswith("(request )") for m in messages)
