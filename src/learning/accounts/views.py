"""Sign-in page, OpenID Connect sign-in, sign-out."""

from __future__ import annotations

import logging
from typing import Annotated

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.starlette_client import OAuth
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from learning.accounts import service
from learning.accounts.dependencies import OptionalUser
from learning.accounts.sessions import end_session, session_state, start_signed_in_session
from learning.audit.service import Actor, actor_from, record, record_now
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.deps import DbSession, SettingsDep
from learning.core.web import redirect, render

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


def oauth_client(request: Request) -> object:
    app_state = request.app.state
    client = getattr(app_state, "oidc_client", None)
    if client is None:
        settings: Settings = app_state.settings
        oauth = OAuth()
        client = oauth.register(
            "council",
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret,
            server_metadata_url=settings.oidc_discovery_url,
            client_kwargs={"scope": settings.oidc_scopes, "code_challenge_method": "S256"},
        )
        app_state.oidc_client = client
    return client


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
            "ended_message": ENDED_MESSAGES.get(ended or ""),
            "oidc_enabled": settings.oidc_enabled,
            "error": None,
        },
    )


@router.get("/sign-in/start", name="oidc_start")
async def oidc_start(
    request: Request, settings: SettingsDep, next: Annotated[str | None, Query()] = None
) -> Response:
    if not settings.oidc_enabled:
        return _refused(request, settings, "Sign-in with your council account is not set up.")
    request.scope["session"][NEXT_KEY] = service.safe_next(next)
    client = oauth_client(request)
    response: Response = await client.authorize_redirect(request, callback_url(settings))  # type: ignore[attr-defined]
    return response


@router.get("/sign-in/callback", name="oidc_callback")
async def oidc_callback(request: Request, settings: SettingsDep, db: DbSession) -> Response:
    database: Database = request.app.state.db
    if not settings.oidc_enabled:
        return _refused(request, settings, "Sign-in with your council account is not set up.")
    if request.query_params.get("error"):
        return _refused(request, settings, "Sign-in was cancelled or refused. Please try again.")
    issuer = request.query_params.get("iss")
    if issuer is not None and issuer != settings.oidc_issuer:
        _log_failure(database, request, "issuer_mismatch")
        return _refused(request, settings, "Sign-in could not be completed. Please try again.")
    try:
        token = await oauth_client(request).authorize_access_token(  # type: ignore[attr-defined]
            request,
            claims_options={"iss": {"essential": True, "value": settings.oidc_issuer}},
        )
        claims = token.get("userinfo")
        if not claims:
            raise OAuthError(error="missing_id_token")
    except (OAuthError, ValueError, KeyError) as exc:
        _log_failure(database, request, getattr(exc, "error", type(exc).__name__))
        return _refused(request, settings, "Sign-in could not be completed. Please try again.")
    try:
        identity = service.identity_from_claims(claims, settings)
        council = service.council_for(db, settings)
        person = service.person_for_identity(db, council, identity, settings)
    except service.SignInRefused as refusal:
        _log_failure(database, request, refusal.reason)
        return _refused(request, settings, refusal.message)
    assert person.id is not None
    state = session_state(request.scope)
    next_url = service.safe_next(request.scope["session"].get(NEXT_KEY))
    start_signed_in_session(db, state, person.id, tuple(identity.idp_roles))
    actor = Actor(person.id, person.name, person.council_id, _request_id(request))
    record(db, actor, "sign_in.succeeded", "person", person.id, method="oidc")
    return redirect(request, next_url)


@router.post("/sign-out", name="sign_out")
def sign_out(request: Request, db: DbSession, principal: OptionalUser) -> Response:
    if principal is not None:
        record(db, actor_from(request), "sign_out", "person", principal.person_id)
    end_session(db, session_state(request.scope))
    response = redirect(request, str(request.url_for("signed_out")))
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@router.get("/signed-out", name="signed_out")
def signed_out(request: Request) -> Response:
    return render(request, "accounts/signed_out.html")


def _refused(request: Request, settings: Settings, message: str) -> Response:
    context = {
        "next": "/",
        "ended_message": None,
        "oidc_enabled": settings.oidc_enabled,
        "error": message,
    }
    return render(request, "accounts/sign_in.html", context, status_code=400)


def _log_failure(database: Database, request: Request, reason: str) -> None:
    security_log.warning("sign-in failed", extra={"reason": reason})
    record_now(database, actor_from(request), "sign_in.failed", reason=reason)


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))
