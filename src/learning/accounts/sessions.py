"""Server-side sessions as ASGI middleware.

The cookie carries only an opaque random id; the table keys sessions by its SHA-256.
``scope["session"]`` is a plain dict (authlib keeps sign-in state, nonce and PKCE verifier
there) saved server-side; ``scope["user_session"]`` is the :class:`SessionState`.
Signed-in sessions end on sign-out, when the person is disabled, after the idle timeout and
after the absolute timeout. A session that ended by the clock (idle or absolute) is remembered
for the rest of its request as ``ended_person_id`` (and how, ``timed_out``), so that a form it
carried can be kept for that person alone (``learning.accounts.kept_forms``). An ended
session's data goes with it.

The session that request starts (to hold the kept form) takes on the ended one's CSRF token:
the page the form came from is still open, and a request it had already sent (one autosave
close behind another) arrives with the new cookie and the page's token. It is not refused as
forged: it is sent to sign in, and what it carried kept. The token is the browser's own, from
its own pages; signing in rotates it, as always. Such a request may carry the old cookie too
(the browser dropped the answer that replaced it): a session ended by the clock is known as
such by its times (``_ended_by_the_clock``) after another request ended it, so what that one
carries is kept as well (its ``ended_reason`` stays ``signed_out``: it did not end now).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

import anyio.to_thread
from sqlalchemy import update
from sqlmodel import Session, col
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from learning.accounts.models import UserSession
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.security import new_token, token_hash
from learning.org.models import Person

SECURE_COOKIE = "__Host-learning_session"
PLAIN_COOKIE = "learning_session"
PRE_SIGN_IN_IDLE = timedelta(minutes=30)
TOUCH_EVERY = timedelta(seconds=60)
#: How long before the idle timeout a page warns (at most half the timeout).
WARN_BEFORE = timedelta(minutes=5)
#: Reasons a signed-in session ends by the clock, not by anyone's decision.
TIMED_OUT = frozenset({"idle", "absolute"})


@dataclass
class SessionState:
    """What the middleware knows about this request's session."""

    id: str | None = None
    person_id: int | None = None
    csrf_token: str = ""
    idp_roles: tuple[str, ...] = ()
    ended_reason: str = ""
    #: Whose session this request found ended by the clock, just now or by a request just
    #: before; how (``idle`` or ``absolute``); and its CSRF token, which a session started
    #: by this request takes on.
    ended_person_id: int | None = None
    timed_out: str = ""
    ended_csrf_token: str = ""
    last_seen_at: datetime | None = None
    signed_in_at: datetime | None = None
    new_cookie: str | None = None
    clear_cookie: bool = False
    replaced: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def signed_in(self) -> bool:
        return self.person_id is not None


def cookie_name(settings: Settings) -> str:
    return SECURE_COOKIE if settings.cookie_secure else PLAIN_COOKIE


@dataclass(frozen=True)
class TimeLeft:
    """What a signed-in page tells its timeout warning, in whole seconds."""

    idle: int  # until the idle timeout, as things stand
    after_request: int  # at least this long after any later request (touches are coarse)
    full: int  # the whole idle timeout: what "Stay signed in" gives back
    warn: int  # how long before the end to warn
    absolute: int  # until the absolute timeout, which nothing extends
    idle_minutes: int
    absolute_hours: int


def time_left(state: SessionState, settings: Settings) -> TimeLeft | None:
    if state.last_seen_at is None or state.signed_in_at is None:
        return None
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_absolute_hours)
    return TimeLeft(
        idle=max(0, int((state.last_seen_at + idle - now).total_seconds())),
        after_request=int((idle - TOUCH_EVERY).total_seconds()),
        full=int(idle.total_seconds()),
        warn=int(min(WARN_BEFORE, idle / 2).total_seconds()),
        absolute=max(0, int((state.signed_in_at + absolute - now).total_seconds())),
        idle_minutes=settings.session_idle_minutes,
        absolute_hours=settings.session_absolute_hours,
    )


def start_signed_in_session(
    db: Session,
    state: SessionState,
    person_id: int,
    idp_roles: tuple[str, ...],
    data: Mapping[str, Any] | None = None,
) -> UserSession:
    """Rotate: end the pre-sign-in session (its data with it) and start a new one with a new
    id and CSRF token, holding ``data`` and nothing else of the old one."""
    now = utcnow()
    if state.id:
        ended = update(UserSession).where(col(UserSession.id) == state.id)
        db.execute(ended.values(revoked_at=now, data="{}"))
    raw = new_token()
    row = UserSession(
        id=token_hash(raw),
        person_id=person_id,
        signed_in_at=now,
        last_seen_at=now,
        csrf_token=new_token(),
        idp_roles=" ".join(idp_roles),
        data=json.dumps(dict(data), sort_keys=True) if data else "{}",
    )
    db.add(row)
    state.id, state.person_id, state.csrf_token = row.id, person_id, row.csrf_token
    state.idp_roles, state.new_cookie, state.replaced = idp_roles, raw, True
    state.last_seen_at, state.signed_in_at = now, now
    return row


def touch_session(db: Session, state: SessionState) -> None:
    """The idle clock starts again now (a request only moves it every ``TOUCH_EVERY``)."""
    if state.id and state.signed_in:
        now = utcnow()
        statement = update(UserSession).where(col(UserSession.id) == state.id)
        db.execute(statement.values(last_seen_at=now))
        state.last_seen_at = now


def end_session(db: Session, state: SessionState) -> None:
    if state.id:
        ended = update(UserSession).where(col(UserSession.id) == state.id)
        db.execute(ended.values(revoked_at=utcnow(), data="{}"))
    state.id, state.person_id, state.replaced, state.clear_cookie = None, None, True, True


def revoke_sessions_for(db: Session, person_id: int) -> int:
    """End every live session of a person (disabled, or an administrator's decision)."""
    result = db.exec(
        update(UserSession)
        .where(UserSession.person_id == person_id, UserSession.revoked_at.is_(None))  # type: ignore[arg-type, union-attr]
        .values(revoked_at=utcnow())
    )
    return int(result.rowcount or 0)


class ServerSessionMiddleware:
    def __init__(self, app: ASGIApp, database: Database, settings: Settings) -> None:
        self.app, self.database, self.settings = app, database, settings
        self.cookie = cookie_name(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = _read_cookie(scope, self.cookie)
        # No cookie, no session to read: skip the trip to a worker thread (most public
        # feedback requests carry no session at all).
        state, data = (
            await anyio.to_thread.run_sync(self._load, raw) if raw else (SessionState(), {})
        )
        scope["session"], scope["user_session"] = data, state
        before = json.dumps(data, sort_keys=True)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                after = scope["session"]
                if self._changed(state, after, before):
                    await anyio.to_thread.run_sync(self._save, state, after, before)
                self._set_cookie(MutableHeaders(scope=message), state)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _load(self, raw: str | None) -> tuple[SessionState, dict[str, Any]]:
        state = SessionState()
        if not raw:
            return state, {}
        with self.database.session() as db:
            row = db.get(UserSession, token_hash(raw))
            reason = self._ended_reason(db, row)
        # What is written is written in a transaction of its own, begun with write intent:
        # on SQLite a transaction that has read cannot start writing once another writer
        # has committed (a theme arrival, say), which no waiting cures.
        now = utcnow()
        if row is None or reason:
            if row is not None and row.revoked_at is None:
                self._update(row.id, revoked_at=now, data="{}")
            if row is not None and (by := self._ended_by_the_clock(row, row.revoked_at or now)):
                state.ended_person_id, state.timed_out = row.person_id, by
                state.ended_csrf_token = row.csrf_token
            state.clear_cookie, state.ended_reason = True, reason
            return state, {}
        state.last_seen_at = row.last_seen_at
        if now - row.last_seen_at > TOUCH_EVERY:
            self._update(row.id, last_seen_at=now)
            state.last_seen_at = now
        state.id, state.person_id, state.csrf_token = row.id, row.person_id, row.csrf_token
        state.idp_roles, state.signed_in_at = tuple(row.idp_roles.split()), row.signed_in_at
        return state, json.loads(row.data or "{}")

    def _update(self, session_id: str, **values: Any) -> None:
        with self.database.transaction() as db:
            statement = update(UserSession).where(col(UserSession.id) == session_id)
            db.execute(statement.values(**values))

    def _ended_reason(self, db: Session, row: UserSession | None) -> str:
        if row is None or row.revoked_at is not None:
            return "signed_out"
        now = utcnow()
        if row.person_id is None:
            return "expired" if now - row.last_seen_at > PRE_SIGN_IN_IDLE else ""
        if ended := self._ended_by_the_clock(row, now):
            return ended
        person = db.get(Person, row.person_id)
        if person is None or not person.active:
            return "disabled"
        return ""

    def _ended_by_the_clock(self, row: UserSession, at: datetime) -> str:
        """``idle`` or ``absolute`` if the signed-in session ``row`` was over by then: for a
        row already ended (``revoked_at``), whether the clock ended it (a request sent before
        the answer to the one that found it so) or someone did (signing out)."""
        if row.person_id is None:
            return ""
        if at - row.last_seen_at > timedelta(minutes=self.settings.session_idle_minutes):
            return "idle"
        absolute = timedelta(hours=self.settings.session_absolute_hours)
        if row.signed_in_at is not None and at - row.signed_in_at > absolute:
            return "absolute"
        return ""

    @staticmethod
    def _changed(state: SessionState, data: dict[str, Any], before: str) -> bool:
        """Whether the session has anything to save (decided without the database)."""
        return not state.replaced and json.dumps(data, sort_keys=True) != before

    def _save(self, state: SessionState, data: dict[str, Any], before: str) -> None:
        if not self._changed(state, data, before):
            return
        encoded = json.dumps(data, sort_keys=True)
        with self.database.session(write=True) as db:  # reads, then writes (see _load)
            if state.id:
                row = db.get(UserSession, state.id)
                if row is not None:
                    row.data = encoded
            else:
                raw = new_token()
                csrf_token = state.ended_csrf_token or new_token()
                row = UserSession(id=token_hash(raw), csrf_token=csrf_token, data=encoded)
                db.add(row)
                state.id, state.csrf_token, state.new_cookie = row.id, row.csrf_token, raw
            db.commit()

    def _set_cookie(self, headers: MutableHeaders, state: SessionState) -> None:
        secure = "; Secure" if self.settings.cookie_secure else ""
        if state.new_cookie:
            headers.append(
                "set-cookie",
                f"{self.cookie}={state.new_cookie}; Path=/; HttpOnly; SameSite=Lax{secure}",
            )
        elif state.clear_cookie:
            headers.append(
                "set-cookie",
                f"{self.cookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
            )


def _read_cookie(scope: Scope, name: str) -> str | None:
    wanted = f"{name}=".encode("latin-1")
    for key, value in scope.get("headers", []):
        # Most requests that carry cookies (a feedback form's) carry no session: only a
        # header that names it is parsed.
        if key == b"cookie" and wanted in value:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001, S112 - a malformed cookie header is no session
                continue
            if name in jar:
                return jar[name].value
    return None


def session_state(scope: Scope) -> SessionState:
    state = scope.get("user_session")
    return state if isinstance(state, SessionState) else SessionState()
