"""Keeping what people typed into addresses out of the web server's access log.

A search box's words travel in the address (``/people?q=Keira+Sandry``, the audit log's
person filter), and so do a sign-in's one-time code and state (``/auth/callback?code=…``).
uvicorn's access log writes every request's path with its query, so :class:`QueryValues`
keeps each parameter's name and, for the few that only ever hold the service's own words (a
page number, a tab, a team's id, a language), its value; every other value is written as
``[redacted]``. A parameter the service later adds is redacted until it is listed here.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, quote

REDACTED = "[redacted]"
ACCESS_LOGGERS = ("uvicorn.access",)
#: Parameters whose values are the service's own: never a name, a search or a secret.
KEPT = frozenset(
    {"page", "tab", "show", "team", "months", "lang", "easy", "v", "sessions", "result",
     "form", "version", "error", "status"}
)  # fmt: skip


def without_typed_values(path: str) -> str:
    """``path`` with the values of every query parameter not in KEPT redacted."""
    base, mark, query = path.partition("?")
    if not mark or not query:
        return path
    pairs = parse_qsl(query, keep_blank_values=True)
    return base + "?" + "&".join(
        f"{quote(name, safe='')}={quote(value, safe='') if name in KEPT else REDACTED}"
        for name, value in pairs
    )


class QueryValues(logging.Filter):
    """On uvicorn's access log (``'%s - "%s %s HTTP/%s" %d'``: address, method, path,
    version, status), the path's query keeps only values in KEPT. Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], without_typed_values(args[2]), *args[3:])
        return True


def install(names: tuple[str, ...] = ACCESS_LOGGERS) -> None:
    """Add the filter to the access loggers (once, however often the app is created)."""
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QueryValues) for f in logger.filters):
            logger.addFilter(QueryValues())
