"""A failed look-up of a link is counted even when feedback was stored between the page's
reading and the count (opening a link is a GET: its own transaction only reads)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

import learning.all_models  # noqa: F401 - every table, for create_all
from learning.core.db import Database
from learning.feedback import lookup_limits, open_views
from tests.conftest import make_settings


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    found = Database.from_url(f"sqlite:///{tmp_path}/open.db")
    SQLModel.metadata.create_all(found.engine)
    yield found
    found.engine.dispose()


def test_a_failed_look_up_is_counted_after_another_writer_committed(
    database: Database, tmp_path: Path
) -> None:
    settings = make_settings()
    request = SimpleNamespace(
        method="GET",
        app=SimpleNamespace(state=SimpleNamespace(db=database, settings=settings)),
        client=SimpleNamespace(host="203.0.113.9"),
    )
    with database.session() as page:  # the GET's own transaction: it has read
        page.connection().execute(text("SELECT count(*) FROM feedback_rate_counter"))
        other = sqlite3.connect(str(tmp_path / "open.db"), isolation_level=None)
        other.execute("CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)")  # and commits
        other.close()

        open_views._note_failure(request, page)  # type: ignore[arg-type]  # noqa: SLF001

    with database.session() as db:
        assert lookup_limits.blocked(db, settings, "203.0.113.9") is False
        counted = db.connection().execute(text("SELECT count FROM feedback_rate_counter"))
        assert counted.scalar_one() == 1
