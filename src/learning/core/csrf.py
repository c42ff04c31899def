"""CSRF protection for every unsafe request, HTMX included.

1. Fetch Metadata: ``Sec-Fetch-Site`` must be same-origin (or none); without it, an
   ``Origin`` header must name this site.
2. Synchronizer token: whenever the browser holds a session, the request must carry the
   session's token in the ``csrf_token`` field or the ``X-CSRF-Token`` header (HTMX sends
   the header, set from the page's meta tag).
Anonymous public forms without a session rely on (1).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from learning.accounts.sessions import session_state
from learning.core.security import same

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
security_log = logging.getLogger("learning.security")


class CsrfRefused(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=403, detail="csrf")


def _refused(request: Request, reason: str) -> CsrfRefused:
    """The refusal, logged on the security log: when, what, from where, which request."""
    security_log.warning(
        "request refused as forged (%s): %s %s, origin %s, fetched from %s (request %s)",
        reason,
        request.method,
        request.url.path,
        request.headers.get("origin", "-"),
        request.headers.get("sec-fetch-site", "-"),
        getattr(request.state, "request_id", ""),
    )
    return CsrfRefused()


async def csrf_protect(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    if not _same_site(request):
        raise _refused(request, "another site")
    state = session_state(request.scope)
    if not state.id:
        return
    supplied = request.headers.get("x-csrf-token")
    if supplied is None and _is_form(request):
        value = (await request.form()).get("csrf_token")
        supplied = value if isinstance(value, str) else None
    if not supplied or not same(supplied, state.csrf_token):
        raise _refused(request, "no token" if not supplied else "wrong token")


def _same_site(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    allowed = {request.url.netloc, urlsplit(request.app.state.settings.base_url).netloc}
    return urlsplit(origin).netloc in allowed


def _is_form(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))
