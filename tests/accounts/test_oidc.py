"""Sign-in with OpenID Connect against a real provider (oidc-provider-mock) on loopback.

Everyday flows and every way a sign-in is refused. A refusal always shows the sign-in page
with status 400 and a plain message, writes a ``sign_in.failed`` audit event, and leaves
nothing half-written: no person created, no signed-in session.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated, Any

import httpx2
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal, requires
from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.accounts.views import STATE_KEY_PREFIX
from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.clock import utcnow
from learning.core.db import Database
from learning.core.permissions import Permission, Role
from learning.core.security import token_hash
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory
from tests.support.oidc import (
    MockProvider,
    browser_client,
    mock_provider,
    settings_for,
    sign_in,
    with_query,
)

ROLE_MAP = json.dumps({"Learning.Admin": "administrator", "Learning.Supervisor": "supervisor"})


@pytest.fixture(scope="module")
def provider() -> Iterator[MockProvider]:
    with mock_provider() as running:
        yield running


@pytest.fixture
def make_client(
    database: Database, provider: MockProvider
) -> Iterator[Any]:
    """Makes a browser on our app, configured for the provider (settings overridable)."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        settings = make_settings(**settings_for(provider, oidc_role_map=ROLE_MAP, **overrides))
        app = create_app(settings, database=database)
        _add_admin_probe(app)
        client = TestClient(app, base_url="https://testserver", follow_redirects=False)
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Any) -> TestClient:
    return make_client()  # type: ignore[no-any-return]


def _add_admin_probe(app: FastAPI) -> None:
    """An administrator-only page, through the app's own permission check."""

    @app.get("/probe/admin-only")
    def admin_only(
        principal: Annotated[Principal, Depends(requires(Permission.AUDIT_READ))],
    ) -> dict[str, list[str]]:
        return {"roles": sorted(principal.roles)}


def _claims(factory: Factory, oid: str, **extra: object) -> dict[str, object]:
    return {
        "tid": factory.council.tenant_id,
        "oid": oid,
        "given_name": "Robin",
        "family_name": "Okafor",
        "email": f"{oid}@council.test",
        **extra,
    }


def _known_person(factory: Factory, oid: str, **fields: Any) -> Person:
    return factory.make_person(oidc_tid=factory.council.tenant_id, oidc_oid=oid, **fields)


def _signed_in_sessions(db: Session) -> int:
    query = select(func.count()).select_from(UserSession).where(
        col(UserSession.person_id).is_not(None), col(UserSession.revoked_at).is_(None)
    )
    return int(db.exec(query).one())


def _people(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(Person)).one())


def _events(db: Session, action: str) -> list[AuditEvent]:
    db.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))
    return list(db.exec(query).all())


def _reasons(db: Session) -> list[str]:
    return [json.loads(event.detail)["reason"] for event in _events(db, "sign_in.failed")]


class Refusals:
    """Asserts that every refusal is complete and leaves nothing behind."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.people = _people(db)
        self.sessions = _signed_in_sessions(db)

    def check(self, response: httpx2.Response | None, message: str, reason: str) -> None:
        assert response is not None
        assert response.status_code == 400
        text = html.unescape(response.text)
        assert "Sign-in did not work" in text
        assert message in text
        assert _reasons(self.db)[-1].startswith(reason)
        self.db.expire_all()
        assert _people(self.db) == self.people, "a refused sign-in created a person"
        assert _signed_in_sessions(self.db) == self.sessions, "a refused sign-in signed someone in"


# --- Everyday flows ----------------------------------------------------------------------


def test_known_person_signs_in_lands_on_next_and_the_session_rotates(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    person = _known_person(factory, "oid-known", given_name="Robin")
    provider.set_claims("robin", _claims(factory, "oid-known"))

    result = sign_in(client, provider, "robin", next_url="/reflections?page=2", call_back=False)
    pre_sign_in_cookie = client.cookies.get(SECURE_COOKIE)
    assert pre_sign_in_cookie, "starting a sign-in keeps its state in a server-side session"
    params = result.authorize_params
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert params["state"] and params["nonce"]
    assert params["redirect_uri"] == "https://testserver/sign-in/callback"
    assert params["response_type"] == "code" and "response_mode" not in params

    response = client.get(result.callback_url)

    assert response.status_code == 303
    assert response.headers["location"] == "/reflections?page=2"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SECURE_COOKIE}=")
    for attribute in ("Path=/", "HttpOnly", "SameSite=Lax", "Secure"):
        assert attribute in cookie
    assert "Domain" not in cookie
    signed_in_cookie = client.cookies.get(SECURE_COOKIE)
    assert signed_in_cookie and signed_in_cookie != pre_sign_in_cookie
    db.expire_all()
    old = db.get(UserSession, token_hash(pre_sign_in_cookie))
    new = db.get(UserSession, token_hash(signed_in_cookie))
    assert old is not None and old.revoked_at is not None and old.person_id is None
    assert new is not None and new.person_id == person.id and new.revoked_at is None
    assert json.loads(new.data) == {}, "the pre-sign-in state must not follow into the session"
    assert new.csrf_token != old.csrf_token
    [event] = _events(db, "sign_in.succeeded")
    assert event.actor_id == person.id and json.loads(event.detail)["method"] == "oidc"

    home = client.get("/")
    assert home.status_code == 200
    assert "Hello, Robin" in home.text


def test_role_claim_maps_to_roles(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    _known_person(factory, "oid-admin")
    _known_person(factory, "oid-plain")
    provider.set_claims(
        "admin", _claims(factory, "oid-admin", roles=["Learning.Admin", "Some.Other.App"])
    )
    provider.set_claims("plain", _claims(factory, "oid-plain", roles=["Some.Other.App"]))
    admin, plain = make_client(), make_client()

    assert sign_in(admin, provider, "admin").callback.status_code == 303  # type: ignore[union-attr]
    assert sign_in(plain, provider, "plain").callback.status_code == 303  # type: ignore[union-attr]

    probe = admin.get("/probe/admin-only")
    assert probe.status_code == 200
    assert probe.json() == {"roles": [Role.ADMINISTRATOR.value]}
    assert plain.get("/probe/admin-only").status_code == 403
    db.expire_all()
    row = db.get(UserSession, token_hash(admin.cookies[SECURE_COOKIE]))
    assert row is not None and row.idp_roles == "administrator"


def test_unknown_identity_is_provisioned_when_allowed(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    provider.set_claims(
        "newcomer", _claims(factory, "oid-new", given_name="Ada", email="Ada.Lovelace@Council.Test")
    )

    result = sign_in(client, provider, "newcomer")

    assert result.callback is not None and result.callback.status_code == 303
    db.expire_all()
    person = db.exec(select(Person).where(Person.oidc_oid == "oid-new")).one()
    assert person.oidc_tid == factory.council.tenant_id
    assert person.council_id == factory.council.id
    assert (person.given_name, person.family_name) == ("Ada", "Okafor")
    assert person.email == "ada.lovelace@council.test"
    assert _signed_in_sessions(db) == 1


# --- Refusals: who may not enter ----------------------------------------------------------


def test_unknown_identity_is_refused_without_auto_provisioning(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    client = make_client(oidc_auto_provision=False)
    provider.set_claims("stranger", _claims(factory, "oid-stranger"))
    refusals = Refusals(db)

    result = sign_in(client, provider, "stranger")

    refusals.check(result.callback, "has not been set up for this service yet", "unknown")
    event = _events(db, "sign_in.failed")[-1]
    assert event.council_id == factory.council.id
    assert event.result == "failed"
    assert json.loads(event.detail)["oid"] == "oid-stranger"


def test_matching_email_is_never_linked(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    # Not linked to a sign-in; the email's case differs from the claim's.
    existing = factory.make_person(email="Sam.Jones@Council.Test")
    provider.set_claims(
        "impostor", _claims(factory, "oid-impostor", email="sam.jones@council.test")
    )
    refusals = Refusals(db)

    result = sign_in(client, provider, "impostor")

    refusals.check(result.callback, "not linked to your sign-in", "email_in_use")
    db.expire_all()
    again = db.get(Person, existing.id)
    assert again is not None and again.oidc_oid is None and again.oidc_tid is None


def test_disabled_person_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    _known_person(factory, "oid-gone", active=False)
    provider.set_claims("gone", _claims(factory, "oid-gone"))
    refusals = Refusals(db)

    refusals.check(
        sign_in(client, provider, "gone").callback, "Your account has been disabled", "disabled"
    )


def test_tenant_not_on_the_allow_list_is_refused(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    client = make_client(oidc_allowed_tenants="some-other-tenant, and-another")
    _known_person(factory, "oid-t")
    provider.set_claims("t", _claims(factory, "oid-t"))
    refusals = Refusals(db)

    refusals.check(
        sign_in(client, provider, "t").callback,
        "Accounts from your organisation cannot sign in", "tenant",
    )


def test_tenant_of_another_council_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    provider.set_claims("elsewhere", _claims(factory, "oid-x", tid="tenant-of-elsewhere"))
    refusals = Refusals(db)

    refusals.check(
        sign_in(client, provider, "elsewhere").callback,
        "Accounts from your organisation cannot sign in", "tenant",
    )


def test_identity_of_a_person_in_another_council_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    other = factory.make_council(tenant_id=factory.council.tenant_id)
    factory.make_person(council_id=other.id, oidc_tid=other.tenant_id, oidc_oid="oid-other")
    provider.set_claims("other", _claims(factory, "oid-other"))
    refusals = Refusals(db)

    refusals.check(
        sign_in(client, provider, "other").callback, "belongs to another council", "council"
    )


def test_claims_without_tenant_and_object_id_are_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    provider.set_claims("no-ids", {"email": "someone@council.test", "given_name": "No"})
    refusals = Refusals(db)

    refusals.check(
        sign_in(client, provider, "no-ids").callback, "did not send the details", "claims"
    )


# --- Refusals: a reply that cannot be trusted --------------------------------------------


def test_replayed_callback_is_refused_and_makes_no_second_session(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    person = _known_person(factory, "oid-replay")
    provider.set_claims("replay", _claims(factory, "oid-replay"))
    result = sign_in(client, provider, "replay")
    assert result.callback is not None and result.callback.status_code == 303
    refusals = Refusals(db)

    again = client.get(result.callback_url)

    refusals.check(again, "has already been used", "state_mismatch")
    sessions = db.exec(select(UserSession).where(UserSession.person_id == person.id)).all()
    assert len(sessions) == 1
    assert client.get("/").status_code == 200, "the real session carries on"


def test_callback_in_another_browser_is_refused(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    """Login CSRF: an attacker's callback URL opened in the victim's browser."""
    _known_person(factory, "oid-attacker")
    provider.set_claims("attacker", _claims(factory, "oid-attacker"))
    attacker, victim = make_client(), make_client()
    result = sign_in(attacker, provider, "attacker", call_back=False)
    refusals = Refusals(db)

    response = victim.get(result.callback_url)

    refusals.check(response, "started in another browser", "state_mismatch")
    assert victim.get("/").status_code == 303, "the victim stays signed out"


def test_wrong_state_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    _known_person(factory, "oid-state")
    provider.set_claims("state", _claims(factory, "oid-state"))
    result = sign_in(client, provider, "state", call_back=False)
    refusals = Refusals(db)

    response = client.get(with_query(result.callback_url, state="forged-state-value"))

    refusals.check(response, "started in another browser", "state_mismatch")


def test_missing_state_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    result = sign_in(client, provider, "anyone", call_back=False)
    refusals = Refusals(db)

    refusals.check(
        client.get(with_query(result.callback_url, state=None)),
        "started in another browser", "state_mismatch",
    )


def test_issuer_parameter_that_differs_is_refused_and_uses_up_the_sign_in(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    """RFC 9207: a reply naming another issuer is a mix-up attack."""
    _known_person(factory, "oid-mixup")
    provider.set_claims("mixup", _claims(factory, "oid-mixup"))
    result = sign_in(client, provider, "mixup", call_back=False)
    refusals = Refusals(db)

    response = client.get(with_query(result.callback_url, iss="https://attacker.example"))

    refusals.check(response, "did not come from your council's sign-in service", "issuer_mismatch")
    # The same code and state cannot then be tried again.
    refusals.check(client.get(result.callback_url), "already been used", "state_mismatch")


def test_provider_with_another_issuer_is_refused(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    """Tokens (and discovery) name the provider's issuer; settings pin another one."""
    client = make_client(oidc_issuer="https://login.example.test/other-tenant/v2.0")
    refusals = Refusals(db)

    response = client.get("/sign-in/start", params={"next": "/"})

    refusals.check(response, "not working at the moment", "discovery_issuer_mismatch")
    assert SECURE_COOKIE not in client.cookies, "nothing kept for a sign-in that never started"


def test_provider_refusal_is_shown_plainly(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    started = client.get("/sign-in/start")
    with browser_client() as browser:
        denied = provider.deny(browser, started.headers["location"])
    assert denied.is_redirect and "error=access_denied" in denied.headers["location"]
    refusals = Refusals(db)

    refusals.check(
        client.get(denied.headers["location"]), "Sign-in was cancelled", "provider_error:access"
    )


def test_sign_in_without_an_id_token_fails_closed(
    make_client: Any, provider: MockProvider, factory: Factory, db: Session
) -> None:
    """Without the openid scope there is no ID token (and no nonce): never sign in."""
    client = make_client(oidc_scopes="email profile")
    _known_person(factory, "oid-plain-oauth")
    provider.set_claims("plain-oauth", _claims(factory, "oid-plain-oauth"))
    refusals = Refusals(db)

    result = sign_in(client, provider, "plain-oauth")

    assert "nonce" not in result.authorize_params
    refusals.check(result.callback, "could not be checked", "id_token_missing")


def test_expired_pre_sign_in_session_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    _known_person(factory, "oid-slow")
    provider.set_claims("slow", _claims(factory, "oid-slow"))
    result = sign_in(client, provider, "slow", call_back=False)
    row = db.get(UserSession, token_hash(client.cookies[SECURE_COOKIE]))
    assert row is not None
    row.last_seen_at = utcnow() - timedelta(minutes=31)
    db.add(row)
    db.commit()
    refusals = Refusals(db)

    refusals.check(client.get(result.callback_url), "Signing in took too long", "session_expired")


def test_expired_sign_in_state_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    _known_person(factory, "oid-stale")
    provider.set_claims("stale", _claims(factory, "oid-stale"))
    result = sign_in(client, provider, "stale", call_back=False)
    row = db.get(UserSession, token_hash(client.cookies[SECURE_COOKIE]))
    assert row is not None
    data = json.loads(row.data)
    key = STATE_KEY_PREFIX + result.callback_params["state"]
    data[key]["exp"] = 0
    row.data = json.dumps(data)
    db.add(row)
    db.commit()
    refusals = Refusals(db)

    refusals.check(client.get(result.callback_url), "Signing in took too long", "state_expired")


def test_tampered_nonce_is_refused(
    client: TestClient, provider: MockProvider, factory: Factory, db: Session
) -> None:
    """The ID token's nonce must be the one this browser's sign-in sent."""
    _known_person(factory, "oid-nonce")
    provider.set_claims("nonce", _claims(factory, "oid-nonce"))
    result = sign_in(client, provider, "nonce", call_back=False)
    row = db.get(UserSession, token_hash(client.cookies[SECURE_COOKIE]))
    assert row is not None
    data = json.loads(row.data)
    data[STATE_KEY_PREFIX + result.callback_params["state"]]["data"]["nonce"] = "another-nonce"
    row.data = json.dumps(data)
    db.add(row)
    db.commit()
    refusals = Refusals(db)

    refusals.check(client.get(result.callback_url), "could not be checked", "token_invalid")


def test_sign_in_start_when_provider_is_unreachable(
    make_client: Any, factory: Factory, db: Session
) -> None:
    client = make_client(
        oidc_discovery_url="http://127.0.0.1:9/.well-known/openid-configuration",
        oidc_issuer="http://127.0.0.1:9",
    )

    response = client.get("/sign-in/start")

    assert response.status_code == 503
    assert "could not be reached" in html.unescape(response.text)
    assert SECURE_COOKIE not in client.cookies
