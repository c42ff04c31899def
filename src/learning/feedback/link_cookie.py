"""The feedback link a browser opened, held in a short-lived signed cookie.

Opening ``/f/TOKEN`` (or a short code) swaps the token for this cookie and redirects to the
clean form address, so the token never reaches logs, history or a Referer header. The
cookie holds only the link's id, signed; it is strictly necessary (no tracking) and lasts
``LINK_COOKIE_SECONDS``.
"""

from __future__ import annotations

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlmodel import Session

from learning.core.config import Settings
from learning.feedback.links import is_open
from learning.feedback.models import FeedbackLink

SECURE_LINK_COOKIE = "__Host-learning_feedback"
PLAIN_LINK_COOKIE = "learning_feedback"
LINK_COOKIE_SECONDS = 4 * 60 * 60


def link_cookie_name(settings: Settings) -> str:
    return SECURE_LINK_COOKIE if settings.cookie_secure else PLAIN_LINK_COOKIE


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.effective_secret, salt="feedback-link")


def set_link_cookie(response: Response, settings: Settings, link: FeedbackLink) -> None:
    response.set_cookie(
        link_cookie_name(settings),
        _serializer(settings).dumps(link.id),
        max_age=LINK_COOKIE_SECONDS,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def clear_link_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(link_cookie_name(settings), path="/", secure=settings.cookie_secure)


def link_id_from_cookie(request: Request) -> int | None:
    settings: Settings = request.app.state.settings
    raw = request.cookies.get(link_cookie_name(settings))
    if not raw:
        return None
    try:
        value = _serializer(settings).loads(raw, max_age=LINK_COOKIE_SECONDS)
    except BadSignature:
        return None
    return value if isinstance(value, int) else None


def current_link(request: Request, db: Session) -> FeedbackLink | None:
    """The open link this browser opened, or None (no cookie, tampered, expired, closed)."""
    link_id = link_id_from_cookie(request)
    if link_id is None:
        return None
    link = db.get(FeedbackLink, link_id)
    return link if link is not None and is_open(link) else None
