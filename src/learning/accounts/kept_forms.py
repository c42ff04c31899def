"""A form sent after its sender's session ended: what they typed is kept, for them alone.

A staff form that arrives after the session ended by the clock (``sessions.TIMED_OUT``)
cannot be acted on: its sender must sign in again. Rather than lose what they typed, its
fields (never the CSRF token, never a file, at most ``LIMIT`` bytes) are kept server-side in
the new pre-sign-in session, with the page the form was on and whose session ended. Signing
in again as that same person carries them into the new session (:func:`carried`); anyone
else signing in drops them. The page, shown next, fills its form with them once
(:func:`take`); otherwise they end with the session.

The page to go back to (:func:`form_page`) is never an address that only takes a POST.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect
from starlette.routing import Match, Mount

from learning.accounts.service import safe_next
from learning.accounts.sessions import TIMED_OUT, session_state
from learning.core.config import Settings
from learning.core.typed_text import without_hidden

KEY = "_kept_form"
#: At most this many bytes of names and values are kept; fields past it are left out whole.
LIMIT = 64 * 1024
NOT_KEPT = frozenset({"csrf_token"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
#: What reading a body as a form may raise: then there is nothing to keep.
UNREADABLE = (ClientDisconnect, HTTPException, MultiPartException, RuntimeError, ValueError)
SEND_AGAIN = "What you typed is below: check it, then send it again."


@dataclass(frozen=True)
class KeptForm:
    values: dict[str, str]
    reason: str
    partial: bool

    def notice(self, settings: Settings) -> str:
        """What the page says above the form it fills."""
        if self.reason == "absolute":
            hours = settings.session_absolute_hours
            why = f"you had been signed in for {hours} hour{'s' if hours != 1 else ''}"
        else:
            minutes = settings.session_idle_minutes
            why = f"nothing happened for {minutes} minute{'s' if minutes != 1 else ''}"
        missing = " Some of it was too long to keep: check nothing is missing." * self.partial
        return f"You were signed out because {why}. {SEND_AGAIN}{missing}"


async def keep_sent_form(request: Request, page: str) -> bool:
    """Keep the form this request sent, if its session just ended by the clock."""
    state = session_state(request.scope)
    if state.ended_person_id is None or state.ended_reason not in TIMED_OUT:
        return False
    if not request.headers.get("content-type", "").startswith(FORM_TYPES):
        return False
    try:
        form = await request.form()
    except UNREADABLE:
        return False
    try:
        fields, partial = _within_limit(form.multi_items())
    finally:
        await form.close()  # files sent with it are not kept
    if not any(value.strip() for _, value in fields):
        return False
    request.scope["session"][KEY] = {
        "person": state.ended_person_id,
        "page": urlsplit(page).path,
        "reason": state.ended_reason,
        "fields": fields,
        "partial": partial,
    }
    return True


def _within_limit(items: Iterable[tuple[str, Any]]) -> tuple[list[list[str]], bool]:
    fields: list[list[str]] = []
    size, partial = 0, False
    for name, value in items:
        if name in NOT_KEPT or not isinstance(value, str):
            continue
        text = without_hidden(value)
        cost = len(name.encode()) + len(text.encode())
        if size + cost > LIMIT:
            partial = True
            continue
        fields.append([name, text])
        size += cost
    return fields, partial


def is_kept(session: Mapping[str, Any] | None) -> bool:
    return session is not None and isinstance(session.get(KEY), dict)


def carried(session: Mapping[str, Any], person_id: int) -> dict[str, Any]:
    """What a new session of ``person_id`` takes from the pre-sign-in ``session``: the kept
    form, if it is theirs; nothing else."""
    kept = session.get(KEY)
    if isinstance(kept, dict) and kept.get("person") == person_id:
        return {KEY: kept}
    return {}


def take(session: MutableMapping[str, Any] | None, person_id: int | None, page: str) -> (
    KeptForm | None
):
    """The form kept for ``page``, once, if it is ``person_id``'s (anyone else's is dropped)."""
    kept = session.get(KEY) if session else None
    if session is None or not isinstance(kept, dict):
        return None
    if kept.get("person") != person_id:
        session.pop(KEY)
        return None
    if kept.get("page") != page:
        return None
    session.pop(KEY)
    values: dict[str, str] = {}
    for name, value in kept.get("fields", []):
        if value or name not in values:
            values[name] = value
    return KeptForm(values, str(kept.get("reason", "")), bool(kept.get("partial")))


def form_page(request: Request) -> str:
    """Where a form sent by ``request`` was: the page that sent it (``HX-Current-URL``, then
    ``Referer``, when on this site), else the form's own address when a GET of it shows the
    form (``/teams/new``), else the nearest address above it that shows a page
    (``/safeguarding/alerts/5`` for ``.../5/outcome``); never an address that only takes a
    POST."""
    for header in ("hx-current-url", "referer"):
        page = _this_sites(request, request.headers.get(header, ""))
        if page and _shows_a_page(request, urlsplit(page).path):
            return page
    path = request.url.path
    while not _shows_a_page(request, path):
        if path.count("/") <= 1:
            return "/"
        path = path.rsplit("/", 1)[0]
    return path


def _this_sites(request: Request, url: str) -> str:
    """``url``'s path and query, if it is an address on this site; else empty."""
    parts = urlsplit(url)
    base = urlsplit(request.app.state.settings.base_url)
    if parts.scheme not in ("http", "https") or parts.netloc not in {
        request.url.netloc, base.netloc
    }:
        return ""
    page = parts.path + (f"?{parts.query}" if parts.query else "")
    return page if safe_next(page) == page else ""


def _shows_a_page(request: Request, path: str) -> bool:
    """Whether a GET of ``path`` reaches one of the app's routes (static files aside)."""
    scope = {"type": "http", "path": path, "method": "GET", "root_path": "", "headers": []}
    for route in request.app.router.routes:
        if isinstance(route, Mount):
            continue
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return True
    return False
