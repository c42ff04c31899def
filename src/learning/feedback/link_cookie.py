"""The feedback link a browser opened, held in a short-lived signed cookie.

Opening ``/f/TOKEN`` (or a short code) swaps the token for this cookie and redirects to the
clean form address, so the token never reaches logs, history or a Referer header. The
cookie holds only the link's id, signed; it is strictly necessary (no tracking) and lasts
``LINK_COOKIE_SECONDS``.
"""

from __future__ import annotations

from fastapi import Request, Response
from sqlmodel import Session

from learning.core.config import Settings
from learning.core.signed_cookie import SignedCookie
from learning.feedback.links import is_open
from learning.feedback.models import FeedbackLink

LINK_COOKIE_SECONDS = 4 * 60 * 60
LINK_COOKIE = SignedCookie("learning_feedback", salt="feedback-link", seconds=LINK_COOKIE_SECONDS)


def link_cookie_name(settings: Settings) -> str:
    return LINK_COOKIE.name_for(settings)


def set_link_cookie(response: Response, settings: Settings, link: FeedbackLink) -> None:
    LINK_COOKIE.set(response, settings, link.id)


def clear_link_cookie(response: Response, settings: Settings) -> None:
    LINK_COOKIE.clear(response, settings)


def link_id_from_cookie(request: Request) -> int | None:
    value = LINK_COOKIE.read(request)
    return value if isinstance(value, int) else None


def current_link(request: Request, db: Session) -> FeedbackLink | None:
    """The open link this browser opened, or None (no cookie, tampered, expired, closed)."""
    link_id = link_id_from_cookie(request)
    if link_id is None:
        return None
    link = db.get(FeedbackLink, link_id)
    return link if link is not None and is_open(link) else None
