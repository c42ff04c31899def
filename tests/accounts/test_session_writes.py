"""The session middleware's writes (saving what a request put in the session, marking a
session seen, ending it) never fail because another writer committed while the session was
being read: on SQLite a transaction that has read cannot start writing after that, so each
write is made in a transaction that declares its write intent from the start."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel

import learning.all_models  # noqa: F401 - every table, for create_all
from learning.accounts.models import UserSession
from learning.accounts.sessions import ServerSessionMiddleware, SessionState
from learning.core.clock import utcnow
from learning.core.db import Database
from learning.core.security import token_hash
from tests.conftest import make_settings

RAW = "a-session-cookie-value"


class Interfering(Database):
    """A database where, as soon as a session has read a row, another connection writes
    and commits (as the themes' arrivals thread may): it waits, at most a second, while
    someone holds the write lock."""

    def __init__(self, database: Database, path: Path) -> None:
        super().__init__(database.engine)
        self.path = path
        self.writers: list[threading.Thread] = []

    def session(self, write: bool = False) -> Session:
        session = super().session(write)
        real_get = session.get

        def get(*args: Any, **kwargs: Any) -> Any:
            found = real_get(*args, **kwargs)
            writer = threading.Thread(target=self._write_elsewhere)
            self.writers.append(writer)
            writer.start()
            writer.join(timeout=1.0)
            return found

        session.get = get  # type: ignore[method-assign]
        return session

    def _write_elsewhere(self) -> None:
        other = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO elsewhere DEFAULT VALUES")
            other.execute("COMMIT")
        finally:
            other.close()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "sessions.db"
    plain = Database.from_url(f"sqlite:///{path}")
    SQLModel.metadata.create_all(plain.engine)
    with plain.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)")
    with plain.transaction() as db:
        db.add(
            UserSession(
                id=token_hash(RAW),
                csrf_token="t",
                data="{}",
                last_seen_at=utcnow() - timedelta(minutes=5),  # due to be marked seen
            )
        )
    yield Interfering(plain, path)
    plain.engine.dispose()


def middleware(database: Database) -> ServerSessionMiddleware:
    return ServerSessionMiddleware(None, database=database, settings=make_settings())  # type: ignore[arg-type]


def others_wrote(database: Database) -> int:
    """How many writes the other connection made (once it has had its turn)."""
    assert isinstance(database, Interfering)
    for writer in database.writers:
        writer.join(timeout=10)
    with database.engine.connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM elsewhere").scalar_one())


def stored(database: Database) -> UserSession:
    with Database(database.engine).session() as db:
        row = db.get(UserSession, token_hash(RAW))
        assert row is not None
        return row


def test_marking_a_session_seen_survives_another_writer_committing(database: Database) -> None:
    state, data = middleware(database)._load(RAW)

    assert state.id == token_hash(RAW) and data == {}
    assert utcnow() - stored(database).last_seen_at < timedelta(minutes=1)
    assert others_wrote(database) == 1


def test_saving_a_session_survives_another_writer_committing(database: Database) -> None:
    state = SessionState(id=token_hash(RAW), csrf_token="t")

    middleware(database)._save(state, {"_flashes": [{"message": "Saved"}]}, "{}")

    assert stored(database).data == '{"_flashes": [{"message": "Saved"}]}'
    assert others_wrote(database) == 1
