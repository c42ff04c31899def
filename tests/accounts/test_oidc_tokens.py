"""ID-token checks with crafted JWTs, through the code path the app uses.

The app's authlib client (``make_oidc_client``), its discovery checks (``pin_metadata``) and
its claims options (``id_token_claims_options``) with an inline JWKS: authlib's
``parse_id_token`` is what ``authorize_access_token`` calls at the callback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from learning.accounts.views import (
    TOKEN_ERRORS,
    SignInFailed,
    id_token_claims_options,
    make_oidc_client,
    pin_metadata,
)
from learning.core.config import Settings
from tests.conftest import make_settings
from tests.support.aio import run_async

ISSUER = "https://login.example.test/tenant-a/v2.0"
CLIENT_ID = "learning-client"
NONCE = "nonce-sent-with-the-authorize-request"
ACCESS_TOKEN = "an-access-token"
KEY = RSAKey.generate_key(2048, parameters={"kid": "signing-key"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "signing-key"})  # same kid, other key


@pytest.fixture
def settings() -> Settings:
    return make_settings(
        oidc_discovery_url="https://login.example.test/tenant-a/v2.0/.well-known/openid-configuration",
        oidc_issuer=ISSUER,
        oidc_client_id=CLIENT_ID,
    )


def _metadata(**changes: Any) -> dict[str, Any]:
    metadata = {
        "issuer": ISSUER,
        "jwks": KeySet([KEY]).as_dict(private=False),
        "id_token_signing_alg_values_supported": ["RS256"],
        "_loaded_at": time.time(),  # authlib: already loaded, do not fetch
    }
    metadata.update(changes)
    return metadata


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": "subject-1",
        "aud": CLIENT_ID,
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
        "tid": "tenant-a",
        "oid": "object-1",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(claims: dict[str, Any], key: RSAKey = KEY, alg: str = "RS256") -> str:
    return jwt.encode({"alg": alg, "kid": key.kid}, claims, key)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _verify(
    settings: Settings, id_token: str, metadata: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the callback does with the token endpoint's reply."""

    async def run() -> dict[str, Any]:
        client = make_oidc_client(settings)
        client.server_metadata.update(metadata or _metadata())
        pin_metadata(await client.load_server_metadata(), settings)
        token = {"id_token": id_token, "access_token": ACCESS_TOKEN, "token_type": "Bearer"}
        userinfo = await client.parse_id_token(
            token, nonce=NONCE, claims_options=id_token_claims_options(settings)
        )
        return dict(userinfo)

    return run_async(run())


def test_a_good_token_is_accepted(settings: Settings) -> None:
    claims = _verify(settings, _signed(_claims()))
    assert (claims["tid"], claims["oid"], claims["iss"]) == ("tenant-a", "object-1", ISSUER)


def test_an_audience_list_that_includes_us_is_accepted(settings: Settings) -> None:
    token = _signed(_claims(aud=[CLIENT_ID, "another-api"], azp=CLIENT_ID))
    assert _verify(settings, token)["oid"] == "object-1"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"nonce": "another-nonce"}, id="wrong-nonce"),
        pytest.param({"nonce": None}, id="missing-nonce"),
        pytest.param({"iss": "https://login.example.test/tenant-b/v2.0"}, id="wrong-iss"),
        pytest.param({"iss": None}, id="missing-iss"),
        pytest.param({"aud": "another-client"}, id="wrong-aud"),
        # authlib 1.9 checks aud only when told to: azp alone must not let this through.
        pytest.param({"aud": "another-client", "azp": CLIENT_ID}, id="wrong-aud-with-our-azp"),
        pytest.param({"aud": None}, id="missing-aud"),
        pytest.param({"exp": int(time.time()) - 600}, id="expired"),
        pytest.param({"exp": None}, id="missing-exp"),
        pytest.param({"iat": int(time.time()) + 3600}, id="issued-in-the-future"),
        pytest.param({"sub": None}, id="missing-sub"),
    ],
)
def test_bad_claims_are_rejected(settings: Settings, changes: dict[str, Any]) -> None:
    with pytest.raises(TOKEN_ERRORS):
        _verify(settings, _signed(_claims(**changes)))


def test_alg_none_is_rejected(settings: Settings) -> None:
    unsigned = f"{_b64({'alg': 'none', 'kid': KEY.kid})}.{_b64(_claims())}."
    with pytest.raises(TOKEN_ERRORS, match="(?i)alg|algorithm|signature|none"):
        _verify(settings, unsigned)


def test_alg_none_is_rejected_even_if_discovery_offers_it(settings: Settings) -> None:
    unsigned = f"{_b64({'alg': 'none', 'kid': KEY.kid})}.{_b64(_claims())}."
    metadata = _metadata(id_token_signing_alg_values_supported=["none", "RS256"])
    with pytest.raises(TOKEN_ERRORS, match="(?i)alg|algorithm|signature|none"):
        _verify(settings, unsigned, metadata)


def test_bad_signature_is_rejected(settings: Settings) -> None:
    with pytest.raises(TOKEN_ERRORS, match="(?i)signature"):
        _verify(settings, _signed(_claims(), key=OTHER_KEY))


def test_tampered_payload_is_rejected(settings: Settings) -> None:
    header, _payload, signature = _signed(_claims()).split(".")
    forged = f"{header}.{_b64(_claims(oid='someone-else'))}.{signature}"
    with pytest.raises(TOKEN_ERRORS, match="(?i)signature"):
        _verify(settings, forged)


def test_hmac_signed_with_the_public_key_is_rejected(settings: Settings) -> None:
    """Algorithm confusion: HS256 keyed with the provider's public key."""
    public_pem = KEY.as_pem(private=False)
    header = _b64({"alg": "HS256", "kid": KEY.kid})
    payload = _b64(_claims())
    mac = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    token = f"{header}.{payload}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    metadata = _metadata(id_token_signing_alg_values_supported=["RS256", "HS256"])
    with pytest.raises(TOKEN_ERRORS):
        _verify(settings, token, metadata)


def test_discovery_naming_another_issuer_is_refused(settings: Settings) -> None:
    with pytest.raises(SignInFailed) as caught:
        pin_metadata(_metadata(issuer="https://login.example.test/tenant-b/v2.0"), settings)
    assert caught.value.reason == "discovery_issuer_mismatch"


def test_discovery_offering_only_weak_algorithms_is_refused(settings: Settings) -> None:
    with pytest.raises(SignInFailed) as caught:
        pin_metadata(_metadata(id_token_signing_alg_values_supported=["none", "HS256"]), settings)
    assert caught.value.reason == "discovery_algorithms"


def test_only_asymmetric_algorithms_are_kept(settings: Settings) -> None:
    metadata = pin_metadata(
        _metadata(id_token_signing_alg_values_supported=["none", "HS256", "RS256", "ES256"]),
        settings,
    )
    assert metadata["id_token_signing_alg_values_supported"] == ["RS256", "ES256"]
