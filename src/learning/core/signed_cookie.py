"""A short-lived cookie holding a small value signed with the service's secret.

Such a cookie is strictly necessary (no tracking): it is HTTP-only, sent to this site only
(``SameSite=Lax``) and, where cookies are secure, ``__Host-`` prefixed so that no other
host or path can set it. A value that is missing, tampered with or older than the cookie's
life reads as None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from learning.core.config import Settings
from learning.core.signing import serializer


@dataclass(frozen=True)
class SignedCookie:
    name: str  # without the "__Host-" prefix, which secure cookies get
    salt: str  # keeps one cookie's value from being accepted as another's
    seconds: int  # how long the cookie lasts, and its value with it

    def name_for(self, settings: Settings) -> str:
        return f"__Host-{self.name}" if settings.cookie_secure else self.name

    def set(self, response: Response, settings: Settings, value: Any) -> None:
        response.set_cookie(
            self.name_for(settings),
            self._serializer(settings).dumps(value),
            max_age=self.seconds,
            path="/",
            secure=settings.cookie_secure,
            httponly=True,
            samesite="lax",
        )

    def clear(self, response: Response, settings: Settings) -> None:
        response.delete_cookie(self.name_for(settings), path="/", secure=settings.cookie_secure)

    def read(self, request: Request) -> Any | None:
        """The value the cookie holds, or None (no cookie, tampered with, or too old)."""
        settings: Settings = request.app.state.settings
        raw = request.cookies.get(self.name_for(settings))
        if not raw:
            return None
        try:
            return self._serializer(settings).loads(raw, max_age=self.seconds)
        except BadSignature:
            return None

    def _serializer(self, settings: Settings) -> URLSafeTimedSerializer:
        return serializer(settings.effective_secret, self.salt)
