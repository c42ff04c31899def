"""Write intent: on SQLite a transaction that will write takes the write lock when it begins,
so a write after a read waits its turn instead of failing when another writer got in first."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from learning.accounts.sessions import SessionState
from learning.core.db import Database
from learning.core.deps import get_db
from tests.support.aio import run_async


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("intent") / "intent.db"
    database = Database.from_url(f"sqlite:///{path}")
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    yield database
    database.engine.dispose()


def _other_writer_can_start(database: Database) -> bool:
    path = make_url(str(database.engine.url)).database
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_a_write_intent_transaction_holds_the_write_lock_from_its_start(
    sqlite_file: Database,
) -> None:
    with sqlite_file.transaction() as session:
        session.connection().execute(text("SELECT count(*) FROM note"))
        assert not _other_writer_can_start(sqlite_file)
    assert _other_writer_can_start(sqlite_file)


def test_a_plain_session_only_reads_without_the_lock(sqlite_file: Database) -> None:
    with sqlite_file.session() as session:
        session.connection().execute(text("SELECT count(*) FROM note"))
        assert _other_writer_can_start(sqlite_file)


def test_without_write_intent_a_write_after_a_read_fails_once_another_writer_committed(
    sqlite_file: Database,
) -> None:
    """Why write intent exists: WAL refuses to turn a stale read into a write."""
    with sqlite_file.session() as reader:
        reader.connection().execute(text("SELECT count(*) FROM note"))
        with sqlite_file.transaction() as writer:
            writer.connection().execute(text("INSERT INTO note (body) VALUES ('first')"))
        with pytest.raises(OperationalError, match="locked"):
            reader.connection().execute(text("INSERT INTO note (body) VALUES ('second')"))
        reader.rollback()


def _request(method: str, database: Database, signed_in: bool = False) -> SimpleNamespace:
    state = SessionState(id="s", person_id=1 if signed_in else None)
    return SimpleNamespace(
        method=method,
        app=SimpleNamespace(state=SimpleNamespace(db=database)),
        scope={"user_session": state},
    )


@pytest.mark.parametrize(
    ("method", "signed_in", "locks"),
    [
        ("POST", False, True),
        ("GET", False, False),
        ("HEAD", False, False),
        # A signed-in person's page may audit the read: it writes.
        ("GET", True, True),
    ],
)
def test_a_request_declares_write_intent_unless_it_only_reads(
    sqlite_file: Database, method: str, signed_in: bool, locks: bool
) -> None:
    async def request() -> None:
        sessions = get_db(_request(method, sqlite_file, signed_in))  # type: ignore[arg-type]
        session = await anext(sessions)
        session.connection().execute(text("SELECT count(*) FROM note"))
        assert _other_writer_can_start(sqlite_file) is not locks
        await sessions.aclose()

    run_async(request())
