"""Security headers, a CSP nonce and a request id on every response."""

from __future__ import annotations

import secrets
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        request_id = uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["csp_nonce"], state["request_id"] = nonce, request_id
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Only static files themselves may be cached, not error pages under /static/.
                cacheable = is_static and message["status"] < 400
                add_security_headers(MutableHeaders(scope=message), nonce, request_id, cacheable)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_security_headers(
    headers: MutableHeaders, nonce: str, request_id: str, is_static: bool = False
) -> None:
    """The headers every response carries. Also used by the 500 handler: Starlette sends
    that response from ``ServerErrorMiddleware``, outside this middleware."""
    headers["Content-Security-Policy"] = content_security_policy(nonce)
    headers["Strict-Transport-Security"] = HSTS
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["X-Request-ID"] = request_id
    headers.setdefault("Referrer-Policy", "same-origin")
    if not is_static:
        headers.setdefault("Cache-Control", "no-store")
