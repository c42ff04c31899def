"""CSRF protection for every unsafe request, HTMX included.

1. Fetch Metadata: ``Sec-Fetch-Site`` must be same-origin (or none); without it, an
   ``Origin`` header must name this site.
2. Synchronizer token: whenever the browser holds a session, the request must carry the
   session's token in the ``csrf_token`` field or the ``X-CSRF-Token`` header (HTMX sends
   the header, set from the page's meta tag).
Anonymous public forms without a session rely on (1).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from learning.accounts.sessions import session_state
from learning.core.security import same

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRefused(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=403, detail="csrf")


async def csrf_protect(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    if not _same_site(request):
        raise CsrfRefused()
    state = session_state(request.scope)
    if not state.id:
        return
    supplied = request.headers.get("x-csrf-token")
    if supplied is None and _is_form(request):
        value = (await request.form()).get("csrf_token")
        supplied = value if isinstance(value, str) else None
    if not supplied or not same(supplied, state.csrf_token):
        raise CsrfRefused()


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
