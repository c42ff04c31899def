"""The form page and the thank-you page run on the event loop (every phone at a poster asks
for them, and they mostly need no database). When they do need it (a link not read in the
last few seconds, the council's branding), it is read in a worker thread, never on the
loop, where it would hold up every other visitor."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback.link_cookie import RecentLinks
from learning.feedback.terms import FormKind
from tests.conftest import make_settings
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send
from tests.org.pages import heading


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def statements(database: Database) -> Iterator[list[tuple[str, bool]]]:
    """Every SQL statement the app runs, and whether it ran on an event loop's thread.

    Only the app's own database counts: a live server that a browser test left running in
    this process (with its background mail sender reading its own database five times a
    second) would otherwise be counted too, whenever a round fell within the request."""
    seen: list[tuple[str, bool]] = []

    def note(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if conn.engine is database.engine:
            seen.append((statement.split()[0].upper(), _on_event_loop()))

    event.listen(Engine, "before_cursor_execute", note)
    yield seen
    event.remove(Engine, "before_cursor_execute", note)


def forget_everything_read(app: FastAPI) -> None:
    app.state.recent_links = RecentLinks()
    app.state.branding_cache = None


def test_the_form_page_reads_its_link_and_branding_off_the_event_loop(
    app: FastAPI, client: TestClient, ff: FeedbackFactory, statements: list[tuple[str, bool]]
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    forget_everything_read(app)
    statements.clear()

    response = client.get("/give-feedback")

    assert heading(response) == "Tell us what you think"
    assert statements, "the link and the branding had to be read"
    assert [s for s in statements if s[1]] == []


def test_the_thank_you_page_reads_the_branding_off_the_event_loop(
    app: FastAPI, client: TestClient, ff: FeedbackFactory, statements: list[tuple[str, bool]]
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    sent = send(client, client.get("/give-feedback"), good="They listened to me properly")
    assert sent.status_code == 303
    forget_everything_read(app)
    statements.clear()

    thanks = client.get(sent.headers["location"])

    assert thanks.status_code == 200
    assert statements, "the branding had to be read"
    assert [s for s in statements if s[1]] == []


def test_a_kept_link_and_fresh_branding_need_no_database(
    client: TestClient, ff: FeedbackFactory, statements: list[tuple[str, bool]]
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    client.get("/give-feedback")
    statements.clear()

    assert heading(client.get("/give-feedback")) == "Tell us what you think"
    assert statements == []
