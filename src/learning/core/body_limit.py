"""A ceiling on every request's body, so that no one can make the service read gigabytes.

Starlette reads a form into memory (and files to disk) with a limit on each part but none on
the whole: anyone, signed in or not, could send a body of any size to any address that
takes a form, and the public feedback form takes forms from anyone. Here a body longer than
``FORM_BODY_LIMIT`` is refused with 413 the moment a view starts reading it, whether its
length was declared or it came in chunks, before more than the limit is read.

The limit is far above anything a person can send: every text box has a length the browser
enforces, and the longest staff form (a supervision record, 20,000 characters a box) comes
to well under a megabyte even written entirely in a script that takes nine bytes a character
once form-encoded. The staff import is the one larger body (``learning.core.uploads``); it
checks its own declared length before reading, and so answers a file far over its limit
with its own page rather than this one.

The refusal is raised inside the view (as an ``HTTPException``), so the app's error page
answers it; a view that never reads its body is never refused. Starlette's own body limit
(FastAPI's ``max_body_size``) is not used: it answers with a bare "Content Too Large" in
place of whatever the view answered, the staff import's page for a file too large too.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORM_BODY_LIMIT = 8 * 1024 * 1024
_NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int | None = None) -> None:
        self.app, self.limit = app, limit  # None: FORM_BODY_LIMIT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _NO_BODY:
            await self.app(scope, receive, send)
            return
        limit, declared, received = self.limit or FORM_BODY_LIMIT, declared_length(scope), 0

        async def limited_receive() -> Message:
            nonlocal received
            if declared is not None and declared > limit:
                raise HTTPException(413)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)


def declared_length(scope: Scope) -> int | None:
    """The request's Content-Length, or None when it has none (or one that is not a number,
    which the server refuses before the app sees it)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
