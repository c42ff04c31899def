"""Keeping feedback link tokens, and who sent feedback, out of the logs.

A link's token is in its address (``/f/TOKEN``), and so is a short code (``/s/CODE``) and
the sealed token of a link just created (``?reveal=...``). The web server's access log
writes every request's path, so :class:`RedactLinkTokens` rewrites those parts of every
record on the access log before it is written.

The access log also writes each request's network address and, by its time, would join
it to the feedback stored then: a child's disclosure to the address it was sent from. So
on the public feedback pages, and on the files every page loads (its stylesheet, scripts
and icon, which a phone fetches or checks again as it sends the form), the address is
written as ``-`` (:class:`HideVisitors`). The limits on those pages count addresses only
under a keyed hash that changes daily.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
#: A path segment after /f/ or /s/ at the start of a path (or after a space or quote), and
#: the value of a ``reveal`` query parameter.
_PATTERNS = (
    re.compile(r"""(^|[\s"'])(/[fs]/)[^/?#\s"']+"""),
    re.compile(r"""([?&]reveal=)[^&#\s"']+"""),
)
ACCESS_LOGGERS = ("uvicorn.access",)
#: The pages of people giving feedback without an account (and the token and code pages),
#: and the static files and icon that any page loads.
_PUBLIC_PATH = re.compile(r"/(?:give-feedback|f|s)(?:[/?]|$)|/static/|/favicon\.")
HIDDEN = "-"


def redact(text: str) -> str:
    text = _PATTERNS[0].sub(rf"\1\2{REDACTED}", text)
    return _PATTERNS[1].sub(rf"\1{REDACTED}", text)


class RedactLinkTokens(logging.Filter):
    """Rewrites the message and its string arguments; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


class HideVisitors(logging.Filter):
    """On uvicorn's access log (``'%s - "%s %s HTTP/%s" %d'``: address, method, path,
    version, status), the address of a request for a public feedback page or a static file
    becomes ``-``.
    Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        path = args[2] if isinstance(args, tuple) and len(args) == 5 else None
        if isinstance(args, tuple) and isinstance(path, str) and _PUBLIC_PATH.match(path):
            record.args = (HIDDEN, *args[1:])
        return True


def install(names: tuple[str, ...] = ACCESS_LOGGERS) -> None:
    """Add the filters to the access loggers (once, however often the app is created)."""
    for name in names:
        logger = logging.getLogger(name)
        for kind in (RedactLinkTokens, HideVisitors):
            if not any(isinstance(f, kind) for f in logger.filters):
                logger.addFilter(kind())
