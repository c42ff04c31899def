"""Sign-in page, OpenID Connect sign-in, sign-out.

OpenID Connect through authlib (authorization code flow with PKCE S256, ``state`` and
``nonce``; ``response_mode=query`` so the ``SameSite=Lax`` session cookie comes back with
the callback). authlib keeps the state, nonce and PKCE verifier in ``request.session``,
which our server-side session middleware provides. What authlib does not do, we do here:

* the issuer is pinned in settings: the discovery document must name it, the RFC 9207
  ``iss`` parameter on the callback must equal it (and must be there when the provider
  says it sends it), and the ID token's ``iss`` must equal it;
* the ID token's ``aud`` must contain our client id (authlib 1.9 checks ``aud`` only when
  told to), and only asymmetric signature algorithms are accepted;
* a callback without an ID token fails closed;
* every refusal shows the sign-in page (400) with a plain message, writes a
  ``sign_in.failed`` audit event, and leaves nothing half-written: no person, no signed-in
  session, and the pending sign-in is used up.
"""

from __future__ import annotations

import importlib
import logging
import re
import time
from collections.abc import Mapping
from typing import Annotated, Any

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from joserfc.errors import JoseError
from sqlmodel import select

from learning.accounts import kept_forms, service
from learning.accounts.dependencies import OptionalUser, Principal, requires
from learning.accounts.sessions import (
    end_session,
    session_state,
    start_signed_in_session,
    touch_session,
)
from learning.audit.models import FAILED
from learning.audit.service import Actor, actor_from, record, record_now
from learning.core.app_state import made_once
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.deps import DbSession, SettingsDep
from learning.core.permissions import Permission
from learning.core.web import redirect, render
from learning.org.models import Council

router = APIRouter()
security_log = logging.getLogger("learning.security")

ENDED_MESSAGES = {
    "idle": "You were signed out because you had not done anything for a while. "
    "Sign in again to carry on.",
    "absolute": "You were signed out because you had been signed in for a long time. "
    "Sign in again to carry on.",
    "disabled": "Your account has been disabled. Ask an administrator if this is wrong.",
}
NEXT_KEY = "sign_in_next"
CLIENT_NAME = "council"
#: Where authlib keeps a pending sign-in in the session (its Starlette integration's key).
STATE_KEY_PREFIX = f"_state_{CLIENT_NAME}_"
#: ID tokens must be signed with one of these (never ``none``, never a shared secret).
ALLOWED_ID_TOKEN_ALGS = ("RS256", "PS256", "ES256")


def _http_errors() -> tuple[type[Exception], ...]:
    """authlib talks HTTP through httpx2 when it is installed, else through httpx."""
    errors: list[type[Exception]] = [httpx.HTTPError]
    try:
        httpx2 = importlib.import_module("httpx2")
    except ImportError:
        return tuple(errors)
    errors.append(httpx2.HTTPError)
    return tuple(errors)


#: What the HTTP client raises when the provider cannot be reached or answers badly.
HTTP_ERRORS = _http_errors()
DISCOVERY_ERRORS: tuple[type[Exception], ...] = (*HTTP_ERRORS, ValueError)
START_ERRORS: tuple[type[Exception], ...] = (AuthlibBaseError, RuntimeError, *HTTP_ERRORS)
#: What authlib and joserfc raise for a reply or token that must not be trusted.
TOKEN_ERRORS: tuple[type[Exception], ...] = (
    AuthlibBaseError, JoseError, ValueError, KeyError, TypeError
)

NOT_SET_UP = "Sign-in with your council account is not set up."
START_AGAIN = "Start signing in again."
MESSAGES = {
    "not_configured": NOT_SET_UP,
    "provider_unavailable": "Your council's sign-in service could not be reached. "
    "Try again in a few minutes.",
    "provider_misconfigured": "Sign-in with your council account is not working at the "
    "moment. Try again later, or tell your administrator.",
    "state_missing": "This sign-in was started in another browser or window, or has "
    f"already been used. {START_AGAIN}",
    "state_expired": f"Signing in took too long, so it was stopped for your safety. {START_AGAIN}",
    "provider_error": "Sign-in was cancelled, or your council's sign-in service refused it. "
    f"{START_AGAIN}",
    "issuer_mismatch": "The reply did not come from your council's sign-in service, so it "
    f"was not trusted. {START_AGAIN}",
    "token_invalid": "The reply from your council's sign-in service could not be checked, "
    f"so it was not trusted. {START_AGAIN}",
}


class SignInFailed(Exception):
    """A sign-in attempt that must stop; ``reason`` is logged, ``message`` is shown."""

    def __init__(
        self,
        reason: str,
        message_key: str | None = None,
        *,
        status: int = 400,
        message: str | None = None,
        audit: bool = True,
    ) -> None:
        super().__init__(reason)
        self.reason, self.status, self.audit = reason, status, audit
        self.message = message or MESSAGES[message_key or reason]


def make_oidc_client(settings: Settings) -> Any:
    """The authlib client for the council's identity provider (one client, one callback)."""
    oauth = OAuth()
    return oauth.register(
        CLIENT_NAME,
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_discovery_url,
        client_kwargs={"scope": settings.oidc_scopes, "code_challenge_method": "S256"},
    )


def oauth_client(request: Request) -> Any:
    app_state = request.app.state
    return made_once(app_state, "oidc_client", lambda: make_oidc_client(app_state.settings))


def pin_metadata(metadata: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Check the discovery document against settings; keep only signature algorithms we allow.

    authlib takes the ID token's algorithms from the discovery document, so the list is
    narrowed here, in place, before any token is read.
    """
    if metadata.get("issuer") != settings.oidc_issuer:
        raise SignInFailed("discovery_issuer_mismatch", "provider_misconfigured")
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    allowed = [alg for alg in offered if alg in ALLOWED_ID_TOKEN_ALGS]
    if not allowed:
        raise SignInFailed("discovery_algorithms", "provider_misconfigured")
    metadata["id_token_signing_alg_values_supported"] = allowed
    return metadata


def id_token_claims_options(settings: Settings) -> dict[str, dict[str, Any]]:
    """What the ID token must say: our pinned issuer, and us among its audience."""
    return {
        "iss": {"essential": True, "value": settings.oidc_issuer},
        "aud": {"essential": True, "value": settings.oidc_client_id},
        "sub": {"essential": True},
    }


async def provider_metadata(client: Any, settings: Settings) -> dict[str, Any]:
    try:
        metadata = await client.load_server_metadata()
    except DISCOVERY_ERRORS as exc:
        raise SignInFailed("provider_unavailable", status=503, audit=False) from exc
    if not isinstance(metadata, dict):
        raise SignInFailed("discovery_invalid", "provider_misconfigured")
    return pin_metadata(metadata, settings)


def callback_url(settings: Settings) -> str:
    return settings.base_url.rstrip("/") + "/sign-in/callback"


@router.get("/sign-in", name="sign_in")
def sign_in(
    request: Request,
    principal: OptionalUser,
    settings: SettingsDep,
    next: Annotated[str | None, Query()] = None,
    ended: Annotated[str | None, Query()] = None,
) -> Response:
    if principal is not None:
        return redirect(request, service.safe_next(next))
    return render(
        request,
        "accounts/sign_in.html",
        {
            "next": service.safe_next(next),
            # A form kept says why its session ended, when the address does not (an
            # autosave sent just after the one that found the session ended).
            "ended_message": ENDED_MESSAGES.get(
                ended or kept_forms.reason(request.scope.get("session"))
            ),
            "form_kept": kept_forms.is_kept(request.scope.get("session")),
            "oidc_enabled": settings.oidc_enabled,
            "error": None,
        },
    )


@router.get("/sign-in/start", name="oidc_start")
async def oidc_start(
    request: Request, settings: SettingsDep, next: Annotated[str | None, Query()] = None
) -> Response:
    database: Database = request.app.state.db
    try:
        _require_configured(settings)
        client = oauth_client(request)
        await provider_metadata(client, settings)
        response: Response = await client.authorize_redirect(request, callback_url(settings))
    except SignInFailed as failure:
        return _refuse(database, request, settings, failure)
    except START_ERRORS as exc:
        unavailable = SignInFailed(
            f"provider_unavailable:{_exception_code(exc)}", "provider_unavailable",
            status=503, audit=False,
        )
        return _refuse(database, request, settings, unavailable)
    request.scope["session"][NEXT_KEY] = service.safe_next(next)
    return response


@router.get("/sign-in/callback", name="oidc_callback")
async def oidc_callback(request: Request, settings: SettingsDep, db: DbSession) -> Response:
    database: Database = request.app.state.db
    session: dict[str, Any] = request.scope["session"]
    next_url = service.safe_next(session.get(NEXT_KEY))
    try:
        _require_configured(settings)
        client = oauth_client(request)
        metadata = await provider_metadata(client, settings)
        _check_provider_error(request)  # not tied to a state: some providers leave it out
        _check_pending_sign_in(request, session)
        _check_issuer_parameter(request, settings, metadata)
        claims = await _verified_claims(client, request, settings)
    except SignInFailed as failure:
        _forget_pending_sign_in(request, session)
        return _refuse(database, request, settings, failure, next_url=next_url)
    try:
        identity = service.identity_from_claims(claims, settings)
        council = service.council_for(db, settings)
        person = service.person_for_identity(db, council, identity, settings)
    except service.SignInRefused as refusal:
        db.rollback()  # nothing half-written: not even a person provisioned a moment ago
        session.pop(NEXT_KEY, None)
        refused = SignInFailed(refusal.reason, message=refusal.message)
        detail = {key: str(claims.get(key, ""))[:64] for key in ("tid", "oid")}
        return _refuse(database, request, settings, refused, detail, next_url=next_url)
    assert person.id is not None
    # Rotation: the pre-sign-in session (and its data) ends; a new session id and CSRF token.
    # Only a form kept when this same person's session ended comes into the new one.
    start_signed_in_session(
        db, session_state(request.scope), person.id, identity.idp_roles,
        kept_forms.carried(session, person.id),
    )  # fmt: skip
    actor = Actor(person.id, person.name, person.council_id, _request_id(request))
    record(
        db, actor, "sign_in.succeeded", "person", person.id,
        method="oidc", idp_roles=" ".join(identity.idp_roles),
    )
    return redirect(request, next_url)


@router.post("/sign-out", name="sign_out")
def sign_out(request: Request, db: DbSession, principal: OptionalUser) -> Response:
    if principal is not None:
        record(db, actor_from(request), "sign_out", "person", principal.person_id)
    end_session(db, session_state(request.scope))
    response = redirect(request, str(request.url_for("signed_out")))
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@router.post("/stay-signed-in", name="stay_signed_in", status_code=204)
def stay_signed_in(
    request: Request,
    db: DbSession,
    principal: Annotated[Principal, Depends(requires(Permission.HOME_VIEW))],
) -> Response:
    """The timeout warning's "Stay signed in": the idle clock starts again. Says nothing."""
    touch_session(db, session_state(request.scope))
    return Response(status_code=204)


@router.get("/signed-out", name="signed_out")
def signed_out(request: Request) -> Response:
    return render(request, "accounts/signed_out.html")


def _require_configured(settings: Settings) -> None:
    if not settings.oidc_enabled or not settings.oidc_issuer:
        raise SignInFailed("not_configured", audit=False)


def _check_pending_sign_in(request: Request, session: Mapping[str, Any]) -> None:
    """The callback must come back to the browser that started it, before it expires."""
    state = request.query_params.get("state") or ""
    pending = session.get(STATE_KEY_PREFIX + state) if state else None
    if not isinstance(pending, dict):
        if session_state(request.scope).ended_reason == "expired":
            raise SignInFailed("session_expired", "state_expired")
        raise SignInFailed("state_mismatch", "state_missing")
    expires = pending.get("exp")
    if not isinstance(expires, int | float) or expires < time.time():
        raise SignInFailed("state_expired")


def _check_provider_error(request: Request) -> None:
    error = request.query_params.get("error")
    if error:
        raise SignInFailed(f"provider_error:{_safe_code(error)}", "provider_error")


def _check_issuer_parameter(
    request: Request, settings: Settings, metadata: Mapping[str, Any]
) -> None:
    issuer = request.query_params.get("iss")
    if issuer is None and metadata.get("authorization_response_iss_parameter_supported"):
        raise SignInFailed("issuer_missing", "issuer_mismatch")
    if issuer is not None and issuer != settings.oidc_issuer:
        raise SignInFailed("issuer_mismatch")  # RFC 9207: a mix-up attack, or misconfiguration


async def _verified_claims(client: Any, request: Request, settings: Settings) -> dict[str, Any]:
    try:
        token = await client.authorize_access_token(
            request, claims_options=id_token_claims_options(settings)
        )
    except TOKEN_ERRORS as exc:
        raise SignInFailed(f"token_invalid:{_exception_code(exc)}", "token_invalid") from exc
    except HTTP_ERRORS as exc:
        raise SignInFailed("provider_unavailable", status=503) from exc
    claims = token.get("userinfo") if isinstance(token, dict) else None
    if not claims:
        raise SignInFailed("id_token_missing", "token_invalid")  # fail closed
    if claims.get("iss") != settings.oidc_issuer:
        raise SignInFailed("issuer_mismatch")  # checked by authlib too; never trust one check
    return dict(claims)


def _forget_pending_sign_in(request: Request, session: dict[str, Any]) -> None:
    """A refused callback uses up its sign-in: the same state cannot be tried again."""
    state = request.query_params.get("state") or ""
    session.pop(STATE_KEY_PREFIX + state, None)
    session.pop(NEXT_KEY, None)


def _refuse(
    database: Database,
    request: Request,
    settings: Settings,
    failure: SignInFailed,
    detail: Mapping[str, Any] | None = None,
    *,
    next_url: str = "/",
) -> Response:
    security_log.warning(
        "sign-in failed: %s (request %s)", failure.reason, _request_id(request)
    )
    if failure.audit:
        actor = Actor(None, "anonymous", _council_id(database, settings), _request_id(request))
        detail = {"reason": failure.reason, **(detail or {})}
        record_now(database, actor, "sign_in.failed", FAILED, **detail)
    context = {
        "next": next_url,  # "Sign in" on the page tries again, for the same page
        "ended_message": None,
        "form_kept": kept_forms.is_kept(request.scope.get("session")),
        "oidc_enabled": settings.oidc_enabled,
        "error": failure.message,
    }
    return render(request, "accounts/sign_in.html", context, status_code=failure.status)


def _council_id(database: Database, settings: Settings) -> int | None:
    with database.session() as db:
        return db.exec(select(Council.id).where(Council.slug == settings.council_slug)).first()


def _safe_code(value: str) -> str:
    """An error code from the query string, fit for a log line."""
    return re.sub(r"[^A-Za-z0-9_.-]", "", value)[:40] or "unknown"


def _exception_code(exc: Exception) -> str:
    code = getattr(exc, "error", None)
    return _safe_code(code if isinstance(code, str) and code else type(exc).__name__)


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))
