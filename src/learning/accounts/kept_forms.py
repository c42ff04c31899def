"""A form sent after its sender's session ended: what they typed is kept, for them alone.

A staff form that arrives after the session ended by the clock (``sessions.TIMED_OUT``)
cannot be acted on: its sender must sign in again. Rather than lose what they typed, its
fields (never the CSRF token, never a file, at most ``LIMIT`` bytes) are kept server-side in
the new pre-sign-in session, with the page the form was on and whose session ended. Signing
in again as that same person carries them into the new session (:func:`carried`); anyone
else signing in drops them. The page, shown next, fills its form with them once
(:func:`take`); otherwise they end with the session. An HTMX request (a draft saved as it is
typed) is kept the same way, and told to go to sign in (``HX-Redirect``): its last words
are what the autosave was carrying. A request from the same page that arrives just after,
in the session made to keep the first (an autosave close behind another, with the ended
session's token: see ``sessions``), replaces what was kept with what it carries, the later.

A field sent more than once (a group of checkboxes) comes back as the list of its values,
so that every box ticked is ticked again; a field sent once comes back as its text.

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
    #: A field's text, or the list of its values when more than one was sent (see
    #: :func:`as_values`).
    values: dict[str, str | list[str]]
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
    """Keep the form this request sent, if its session just ended by the clock, or if it
    follows one from the same ``page`` that was kept so (:func:`_kept_before`)."""
    state = session_state(request.scope)
    session = request.scope["session"]
    path = urlsplit(page).path
    if state.ended_person_id is not None and state.timed_out in TIMED_OUT:
        person, reason = state.ended_person_id, state.timed_out
    elif (before := _kept_before(request, path)) is not None:
        person, reason = before["person"], before["reason"]
    else:
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
    session[KEY] = {
        "person": person,
        "page": path,
        "reason": reason,
        "fields": fields,
        "partial": partial,
    }
    return True


def _kept_before(request: Request, path: str) -> dict[str, Any] | None:
    """The form kept from ``path`` in this request's session, when that session is the one
    made to keep it (not signed in): the request, which passed the CSRF check with that
    session's token (the ended session's, ``sessions``), was sent by the same page."""
    state = session_state(request.scope)
    kept = request.scope["session"].get(KEY)
    if state.id is None or state.person_id is not None or not isinstance(kept, dict):
        return None
    return kept if kept.get("page") == path else None


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


def reason(session: Mapping[str, Any] | None) -> str:
    """Why the session whose form is kept ended (``idle`` or ``absolute``); else empty."""
    kept = session.get(KEY) if session is not None else None
    return str(kept.get("reason", "")) if isinstance(kept, dict) else ""


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
    values = as_values(kept.get("fields", []))
    return KeptForm(values, str(kept.get("reason", "")), bool(kept.get("partial")))


def as_values(fields: Iterable[Iterable[str]]) -> dict[str, str | list[str]]:
    """The kept ``fields`` (name and value pairs, in the order sent) as a page's ``values``:
    a name sent once is its text; a name sent with more than one value that is not empty (a
    checkbox group, ticked more than once) is the list of those values, in order. An empty
    value sent beside others (the hidden one a checkbox group sends so that unticking every
    box is saved too) is left out."""
    sent: dict[str, list[str]] = {}
    for name, value in fields:
        sent.setdefault(name, []).append(value)
    values: dict[str, str | list[str]] = {}
    for name, all_sent in sent.items():
        filled = [value for value in all_sent if value]
        values[name] = filled if len(filled) > 1 else (filled or [""])[0]
    return values


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
