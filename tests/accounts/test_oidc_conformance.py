"""Conformance: our sign-in against panva's oidc-provider (npm, OpenID Certified).

A second, independent implementation (not authlib on both sides) proves that our app
sends PKCE (S256), state and nonce, that the provider really checks them, and that the
RFC 9207 ``iss`` parameter it returns is accepted when right and refused when altered.
Needs Node.js; its packages are installed from tests/oidc_conformance/package-lock.json
on first use if ``npm ci`` has not run yet.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.accounts.models import UserSession
from learning.accounts.sessions import SECURE_COOKIE
from learning.accounts.views import STATE_KEY_PREFIX
from learning.app import create_app
from learning.audit.models import AuditEvent
from learning.core.db import Database
from learning.core.security import token_hash
from learning.org.models import Person
from tests.conftest import make_settings
from tests.factories import Factory
from tests.support.oidc import (
    NodeProvider,
    browser_client,
    node_available,
    node_provider,
    settings_for,
    sign_in,
    with_query,
)

pytestmark = pytest.mark.skipif(
    not node_available(),
    reason="node is not installed: this test runs the npm package oidc-provider (Node.js 20+)",
)

TENANT = "conformance-tenant"
ACCOUNTS = {
    "casey": {
        "tid": TENANT,
        "oid": "oid-casey",
        "given_name": "Casey",
        "family_name": "Mensah",
        "email": "casey.mensah@council.test",
    },
}


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NodeProvider]:
    with node_provider(ACCOUNTS, tmp_path_factory.mktemp("oidc-provider")) as running:
        yield running


@pytest.fixture
def client(
    database: Database, provider: NodeProvider, factory: Factory, db: Session
) -> Iterator[TestClient]:
    council = factory.council
    council.tenant_id = TENANT
    db.add(council)
    db.commit()
    app = create_app(make_settings(**settings_for(provider)), database=database)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as test_client:
        yield test_client


def _last_failure(db: Session) -> str:
    db.expire_all()
    query = select(AuditEvent).where(AuditEvent.action == "sign_in.failed")
    event = db.exec(query.order_by(col(AuditEvent.id).desc())).first()
    assert event is not None, "a refusal writes a sign_in.failed audit event"
    return str(json.loads(event.detail)["reason"])


def _signed_in_sessions(db: Session) -> int:
    query = select(func.count()).select_from(UserSession).where(
        col(UserSession.person_id).is_not(None), col(UserSession.revoked_at).is_(None)
    )
    return int(db.exec(query).one())


def _assert_refused(response: httpx2.Response | None, message: str, db: Session) -> None:
    assert response is not None
    assert response.status_code == 400
    assert message in html.unescape(response.text)
    assert _signed_in_sessions(db) == 0
    assert db.exec(select(func.count()).select_from(Person)).one() == 0


def _pending(db: Session, client: TestClient) -> tuple[UserSession, dict[str, Any]]:
    row = db.get(UserSession, token_hash(client.cookies[SECURE_COOKIE]))
    assert row is not None
    data = json.loads(row.data)
    return row, data


def _change_pending(db: Session, client: TestClient, state: str, **changes: str) -> None:
    """Alter what this browser's pending sign-in remembers (as if it had been tampered with)."""
    row, data = _pending(db, client)
    data[STATE_KEY_PREFIX + state]["data"].update(changes)
    row.data = json.dumps(data)
    db.add(row)
    db.commit()


def test_full_sign_in_with_pkce_state_nonce_and_issuer(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    result = sign_in(client, provider, "casey", next_url="/after", call_back=False)

    sent = result.authorize_params
    assert sent["code_challenge_method"] == "S256"
    assert sent["state"] and sent["nonce"] and sent["code_challenge"]
    _row, data = _pending(db, client)
    pending = data[STATE_KEY_PREFIX + sent["state"]]["data"]
    verifier = pending["code_verifier"]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert sent["code_challenge"] == challenge.decode()
    assert pending["nonce"] == sent["nonce"]
    returned = result.callback_params
    assert returned["state"] == sent["state"]
    assert returned["iss"] == provider.issuer  # RFC 9207

    response = client.get(result.callback_url)

    assert response.status_code == 303, html.unescape(response.text)
    assert response.headers["location"] == "/after"
    db.expire_all()
    person = db.exec(select(Person).where(Person.oidc_oid == "oid-casey")).one()
    assert (person.oidc_tid, person.given_name) == (TENANT, "Casey")
    session = db.get(UserSession, token_hash(client.cookies[SECURE_COOKIE]))
    assert session is not None and session.person_id == person.id


def test_tampered_state_is_refused(client: TestClient, provider: NodeProvider, db: Session) -> None:
    result = sign_in(client, provider, "casey", call_back=False)

    response = client.get(with_query(result.callback_url, state="tampered" + "x" * 20))

    _assert_refused(response, "started in another browser", db)
    assert _last_failure(db) == "state_mismatch"


def test_provider_refuses_an_authorize_request_without_pkce(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    started = client.get("/sign-in/start")
    without_pkce = with_query(
        started.headers["location"], code_challenge=None, code_challenge_method=None
    )

    with browser_client() as browser:
        reply = browser.get(without_pkce)

    assert reply.is_redirect
    back = reply.headers["location"]
    assert back.startswith("https://testserver/sign-in/callback?")
    assert "error=invalid_request" in back and "code=" not in back
    _assert_refused(client.get(back), "your council's sign-in service refused it", db)
    assert _last_failure(db) == "provider_error:invalid_request"


def test_correct_issuer_parameter_is_accepted_and_altered_one_refused(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    result = sign_in(client, provider, "casey", call_back=False)
    assert result.callback_params["iss"] == provider.issuer

    altered = with_query(result.callback_url, iss=provider.issuer + "/other")
    _assert_refused(client.get(altered), "did not come from your council's sign-in service", db)
    assert _last_failure(db) == "issuer_mismatch"

    accepted = sign_in(client, provider, "casey")
    assert accepted.callback is not None and accepted.callback.status_code == 303


def test_missing_issuer_parameter_is_refused_when_the_provider_sends_it(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    """The provider's discovery says it sends ``iss``: a reply without it is not its own."""
    result = sign_in(client, provider, "casey", call_back=False)

    _assert_refused(
        client.get(with_query(result.callback_url, iss=None)), "did not come from", db
    )
    assert _last_failure(db) == "issuer_missing"


def test_provider_checks_the_pkce_verifier(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    """A code redeemed with another verifier is refused by the provider, then by us."""
    result = sign_in(client, provider, "casey", call_back=False)
    _change_pending(db, client, result.callback_params["state"], code_verifier="v" * 64)

    _assert_refused(client.get(result.callback_url), "could not be checked", db)
    assert _last_failure(db) == "token_invalid:invalid_grant"


def test_id_token_for_another_nonce_is_refused(
    client: TestClient, provider: NodeProvider, db: Session
) -> None:
    result = sign_in(client, provider, "casey", call_back=False)
    _change_pending(db, client, result.callback_params["state"], nonce="another-nonce")

    _assert_refused(client.get(result.callback_url), "could not be checked", db)
    assert _last_failure(db).startswith("token_invalid:")

