"""Keeping what people wrote out of logged database errors.

A database error's message can carry the values of the row it refused: PostgreSQL says
"Key (…)=(…) already exists" or "Failing row contains (…)", and those values may be a
child's words or a family's phone number. Statements' parameters are hidden already
(``hide_parameters`` on every engine); this filter, on every handler the service logs
through, writes the traceback of any exception whose chain holds a database error with
each database error's message withheld: its kind, its SQLSTATE and where it was raised stay,
which is what fixing it needs.
"""

from __future__ import annotations

import logging
import sqlite3
import traceback
from collections.abc import Iterator

from sqlalchemy.exc import DBAPIError

WITHHELD = "(message withheld: it may hold what someone wrote)"
LOGGERS = ("", "uvicorn", "uvicorn.error")  # the root logger, and uvicorn's own


def is_database_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    return isinstance(exc, DBAPIError | sqlite3.Error) or module.startswith("psycopg")


def chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and the exceptions it was raised from or during, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


def scrubbed(exc: BaseException) -> str:
    """The traceback as Python prints it, innermost cause first, with every database
    error's message withheld."""
    parts = []
    for each in reversed(list(chain(exc))):
        frames = "".join(traceback.format_tb(each.__traceback__))
        name = f"{type(each).__module__}.{type(each).__qualname__}"
        if is_database_error(each):
            code = getattr(getattr(each, "orig", each), "sqlstate", None)
            message = WITHHELD + (f" SQLSTATE {code}" if code else "")
        else:
            message = str(each)
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: {message}")
    return "\n\nThe above exception led to the following exception:\n\n".join(parts)


class WithholdDatabaseMessages(logging.Filter):
    """Never drops a record; rewrites the traceback of one that carries a database error."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and any(is_database_error(each) for each in chain(exc)):
            record.exc_text = scrubbed(exc)
        return True


def install(names: tuple[str, ...] = LOGGERS) -> None:
    """Add the filter to the handlers of the root logger and uvicorn's (once each)."""
    for name in names:
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, WithholdDatabaseMessages) for f in handler.filters):
                handler.addFilter(WithholdDatabaseMessages())
