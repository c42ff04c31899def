"""Keeping feedback link tokens out of the logs.

A link's token is in its address (``/f/TOKEN``), and so is a short code (``/s/CODE``) and
the sealed token of a link just created (``?reveal=...``). The web server's access log
writes every request's path, so :class:`RedactLinkTokens` rewrites those parts of every
record on the access log before it is written.
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


def install(names: tuple[str, ...] = ACCESS_LOGGERS) -> None:
    """Add the filter to the access loggers (once, however often the app is created)."""
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactLinkTokens) for f in logger.filters):
            logger.addFilter(RedactLinkTokens())
