"""Text as people type it: the characters nobody types are taken out where input is read.

``HIDDEN`` are characters nobody types and no text needs: control characters (but tabs and
new lines), and the ones that turn the direction of the text after them, which could make
words read differently on another page than they were written. The marks right-to-left text
does use (U+200E, U+200F) are kept, as are joiners inside words and emoji.

Staff input loses them silently where it is read (``cleaned_form``, and every query string
through ``HiddenCharactersMiddleware``), as a text editor would: they cannot be seen, so no
one meant them, and PostgreSQL refuses a NUL outright. A value of invisible characters only
(spaces, zero-width spaces, a byte order mark) counts as empty, so a required field asks for
it again. The public feedback form tells the person instead (``feedback.forms``), because
a child's words are passed on as written.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import FormData

HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ONLY_INVISIBLE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff]*")
#: A query string that may hold one: anything percent-encoded, or a raw control byte.
_MAY_HIDE = re.compile(rb"[%\x00-\x1f\x7f-\xff]")


def without_hidden(text: str) -> str:
    """``text`` without ``HIDDEN`` characters; empty if nothing visible is left."""
    cleaned = HIDDEN.sub("", text)
    return "" if ONLY_INVISIBLE.fullmatch(cleaned) else cleaned


def cleaned_form(form: FormData) -> FormData:
    """The same form with every text value ``without_hidden`` (files as they came)."""
    return FormData([
        (name, without_hidden(value) if isinstance(value, str) else value)
        for name, value in form.multi_items()
    ])


def cleaned_query_string(raw: bytes) -> bytes:
    """``raw`` as it came when no value changes, else the values ``without_hidden``."""
    if not _MAY_HIDE.search(raw):
        return raw
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    cleaned = [(without_hidden(name), without_hidden(value)) for name, value in pairs]
    return raw if cleaned == pairs else urlencode(cleaned).encode("ascii")


Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]


class HiddenCharactersMiddleware:
    """Every request's query string ``cleaned_query_string``: searches and filters never
    carry a character the database refuses or a reader cannot see."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            query = scope["query_string"]
            cleaned = cleaned_query_string(query)
            if cleaned is not query:
                scope = {**scope, "query_string": cleaned}
        await self.app(scope, receive, send)
