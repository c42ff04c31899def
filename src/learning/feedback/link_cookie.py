"""The feedback link a browser opened, held in a short-lived signed cookie.

Opening ``/f/TOKEN`` (or a short code) swaps the token for this cookie and redirects to the
clean form address, so the token never reaches logs, history or a Referer header. The
cookie holds only the link's id, signed; it is strictly necessary (no tracking) and lasts
``LINK_COOKIE_SECONDS``.

The form page reads the link through ``current_link``, which keeps each link it read for
``RECENT_LINK_SECONDS``: links change rarely, and every phone that scans a poster asks for
the same one. Sending uses a kept link too (``known_link``), but only for what never
changes once a link is made (its team, kind, form and retention): whether the link is still
open is decided by the database, in the sending transaction, by the one statement that
counts the use (``links.consume``), so a link closed meanwhile holds what is sent for a
person to check. In this process a kept link is forgotten at once when it is switched off
or a single-use link is used (``forget_link``); another worker process may show its form
for those few seconds more.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from fastapi import Request, Response
from sqlmodel import Session

from learning.core.app_state import made_once
from learning.core.config import Settings
from learning.core.signed_cookie import SignedCookie
from learning.feedback.links import is_open
from learning.feedback.models import FeedbackLink

LINK_COOKIE_SECONDS = 4 * 60 * 60
LINK_COOKIE = SignedCookie("learning_feedback", salt="feedback-link", seconds=LINK_COOKIE_SECONDS)
RECENT_LINK_SECONDS = 5.0


def link_cookie_name(settings: Settings) -> str:
    return LINK_COOKIE.name_for(settings)


def set_link_cookie(response: Response, settings: Settings, link: FeedbackLink) -> None:
    LINK_COOKIE.set(response, settings, link.id)


def link_id_from_cookie(request: Request) -> int | None:
    value = LINK_COOKIE.read(request)
    return value if isinstance(value, int) else None


def kept_current_link(request: Request) -> tuple[bool, FeedbackLink | None]:
    """``current_link`` if it needs no database: (True, the link or None) when there is no
    cookie or its link is kept; (False, None) when the link must be read."""
    link_id = link_id_from_cookie(request)
    if link_id is None:
        return True, None
    link = RecentLinks.of(request.app).get(link_id)
    if link is None:
        return False, None
    return True, link if is_open(link) else None


def current_link(request: Request, db: Session) -> FeedbackLink | None:
    """The open link this browser opened, or None (no cookie, tampered, expired, closed).
    Read-only: it may be a link read a few seconds ago (see the module's description)."""
    link_id = link_id_from_cookie(request)
    link = known_link(request.app, db, link_id) if link_id is not None else None
    return link if link is not None and is_open(link) else None


def known_link(app: Any, db: Session, link_id: int) -> FeedbackLink | None:
    """The link with this id, open or not, perhaps as read a few seconds ago: rely on what
    never changes once a link is made, and ask the database whether it is still open."""
    recent = RecentLinks.of(app)
    link = recent.get(link_id)
    if link is None:
        link = db.get(FeedbackLink, link_id)
        if link is None:
            return None
        db.expunge(link)  # kept outside every session, and only read from now on
        recent.put(link)
    return link


def forget_link(app: Any, link_id: int | None) -> None:
    """The link changed (switched off, or a single-use link used): read it afresh."""
    if link_id is not None:
        RecentLinks.of(app).forget(link_id)


class RecentLinks:
    """The links the form page read lately, for one app (``app.state.recent_links``)."""

    def __init__(self, seconds: float = RECENT_LINK_SECONDS) -> None:
        self.seconds = seconds
        self._links: dict[int, tuple[float, FeedbackLink]] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, app: Any) -> RecentLinks:
        return made_once(app.state, "recent_links", cls)

    def get(self, link_id: int) -> FeedbackLink | None:
        kept = self._links.get(link_id)
        if kept is None or time.monotonic() - kept[0] > self.seconds:
            return None
        return kept[1]

    def put(self, link: FeedbackLink) -> None:
        assert link.id is not None
        with self._lock:
            now = time.monotonic()
            if len(self._links) > 1000:  # keep only what is fresh
                self._links = {k: v for k, v in self._links.items() if now - v[0] <= self.seconds}
            self._links[link.id] = (now, link)

    def forget(self, link_id: int) -> None:
        with self._lock:
            self._links.pop(link_id, None)
