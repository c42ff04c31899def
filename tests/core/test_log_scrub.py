"""A logged database error never carries the values of the row it refused (PostgreSQL puts
them in its message: "Key (name)=(...) already exists"): the traceback is kept, its
database errors' messages withheld, every other message as it was."""

from __future__ import annotations

import io
import logging
import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError

from learning.core import log_scrub

WORDS = "my stepdad hurts me"


def logged(exc: BaseException) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(log_scrub.WithholdDatabaseMessages())
    logger = logging.getLogger("test.log_scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            raise exc
        except BaseException:
            logger.exception("unexpected error")
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def refused_row() -> DBAPIError:
    """As SQLAlchemy raises a driver's refusal, the driver's message naming the row."""
    driver = sqlite3.IntegrityError(f"Key (answers)=({WORDS}) already exists")
    try:
        raise driver
    except sqlite3.IntegrityError as error:
        try:
            raise DBAPIError.instance(
                "INSERT ...", {}, error, sqlite3.Error, hide_parameters=True
            ) from error
        except DBAPIError as wrapped:
            return wrapped
    raise AssertionError("unreachable")


def test_a_database_errors_message_is_withheld_and_its_traceback_kept() -> None:
    text = logged(refused_row())

    assert WORDS not in text
    assert "unexpected error" in text
    assert "sqlite3.IntegrityError: (message withheld" in text
    assert "IntegrityError: (message withheld" in text.split("following exception")[-1]
    assert "refused_row" in text  # where it was raised


def test_an_error_raised_while_handling_one_is_scrubbed_too() -> None:
    def handle() -> None:
        try:
            raise refused_row()
        except DBAPIError:
            raise RuntimeError("could not store the feedback") from None

    with pytest.raises(RuntimeError) as raised:
        handle()
    # ``from None`` hides the context from Python's own printing, and so from ours.
    assert WORDS not in logged(raised.value)

    try:
        try:
            raise refused_row()
        except DBAPIError:
            raise RuntimeError("could not store the feedback")  # noqa: B904 - the context shows
    except RuntimeError as during:
        text = logged(during)
    assert WORDS not in text
    assert "RuntimeError: could not store the feedback" in text


def test_other_errors_are_logged_as_they_are() -> None:
    text = logged(ValueError("the themes run had no items"))
    assert "ValueError: the themes run had no items" in text


def test_the_service_installs_it_on_the_root_loggers_handlers(app: object) -> None:
    root = logging.getLogger()
    assert root.handlers
    assert all(
        any(isinstance(f, log_scrub.WithholdDatabaseMessages) for f in handler.filters)
        for handler in root.handlers
    )
