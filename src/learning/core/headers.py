"""Security headers, a CSP nonce and a request id on every response."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"
#: Set on every response, replacing any the view set.
FIXED = {
    "Strict-Transport-Security": HSTS,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Set unless the view set its own.
DEFAULT_REFERRER_POLICY = "same-origin"
DEFAULT_CACHE_CONTROL = "no-store"


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


# Every response passes here, so the headers are prepared once as the raw bytes the server
# sends, and added to the response's raw list (``MutableHeaders`` scans the whole list for
# each header it sets).
_CSP_PARTS = content_security_policy("\0").encode("latin-1").split(b"\0")
_FIXED_RAW = [
    (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in FIXED.items()
]
_REPLACED = frozenset(name for name, _ in _FIXED_RAW) | {
    b"content-security-policy",
    b"x-request-id",
}
_REFERRER_RAW = (b"referrer-policy", DEFAULT_REFERRER_POLICY.encode("latin-1"))
_CACHE_RAW = (b"cache-control", DEFAULT_CACHE_CONTROL.encode("latin-1"))


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = secrets.token_urlsafe(16)
        request_id = secrets.token_hex(16)
        state = scope.setdefault("state", {})
        state["csp_nonce"], state["request_id"] = nonce, request_id
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Only static files themselves may be cached, not error pages under /static/.
                cacheable = is_static and message["status"] < 400
                message["headers"] = with_security_headers(
                    message.get("headers", ()), nonce, request_id, cacheable
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def with_security_headers(
    raw: Iterable[tuple[bytes, bytes]], nonce: str, request_id: str, is_static: bool = False
) -> list[tuple[bytes, bytes]]:
    """``raw`` (a response's header list) with the headers every response carries: the
    fixed ones and the CSP and request id replace any the view set; its own Referrer-Policy
    and Cache-Control stay. Also used by the 500 handler: Starlette sends that response from
    ``ServerErrorMiddleware``, outside this middleware."""
    headers = list(raw)
    present = {name.lower() for name, _ in headers}
    if not present.isdisjoint(_REPLACED):
        headers = [(name, value) for name, value in headers if name.lower() not in _REPLACED]
    csp = nonce.encode("latin-1").join(_CSP_PARTS)
    headers += _FIXED_RAW
    headers += ((b"content-security-policy", csp), (b"x-request-id", request_id.encode()))
    if b"referrer-policy" not in present:
        headers.append(_REFERRER_RAW)
    if not is_static and b"cache-control" not in present:
        headers.append(_CACHE_RAW)
    return headers
