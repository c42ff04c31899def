"""SQLite writers in one process take turns at a lock, held from BEGIN IMMEDIATE until the
transaction has ended, whichever way it ends."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from learning.core.db import Database
from learning.core.sqlite_writes import TurnTakingConnection, WriteTurn, turn_for


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'turns.db'}", pool_size=25)
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    yield database
    database.engine.dispose()


def _lock(database: Database) -> WriteTurn:
    return turn_for(str(database.engine.url.database))


def test_a_write_transaction_holds_the_turn_until_it_commits(database: Database) -> None:
    with database.transaction() as session:
        session.connection().execute(text("INSERT INTO note (body) VALUES ('one')"))
        assert _lock(database).locked()
    assert not _lock(database).locked()


def test_the_turn_is_given_up_when_the_transaction_fails(database: Database) -> None:
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.connection().execute(text("INSERT INTO note (body) VALUES ('lost')"))
        raise RuntimeError
    assert not _lock(database).locked()
    with database.session() as session:
        assert session.connection().execute(text("SELECT count(*) FROM note")).scalar() == 0


def test_the_turn_is_given_up_when_a_session_is_closed_without_committing(
    database: Database,
) -> None:
    with database.session(write=True) as session:
        session.connection().execute(text("INSERT INTO note (body) VALUES ('dropped')"))
        assert _lock(database).locked()
    assert not _lock(database).locked()


def test_reading_never_takes_the_turn(database: Database) -> None:
    with database.session() as session:
        session.connection().execute(text("SELECT count(*) FROM note"))
        assert not _lock(database).locked()


def test_connections_to_one_file_share_one_turn(database: Database, tmp_path: Path) -> None:
    other = Database.from_url(f"sqlite:///{tmp_path / 'turns.db'}")
    try:
        with other.session() as session:
            raw = session.connection().connection.dbapi_connection
            assert isinstance(raw, TurnTakingConnection)
            assert raw.write_turn is _lock(database)
    finally:
        other.engine.dispose()


def test_racing_writers_all_get_their_turn(database: Database) -> None:
    """Twenty threads read, then write: each waits its turn and none fails."""
    start = threading.Barrier(20)
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            with database.transaction() as session:
                count = session.connection().execute(text("SELECT count(*) FROM note")).scalar()
                session.connection().execute(
                    text("INSERT INTO note (body) VALUES (:body)"), {"body": f"{n} after {count}"}
                )
        except BaseException as error:  # noqa: BLE001 - collected and reported below
            failures.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with database.session() as session:
        bodies = session.connection().execute(text("SELECT body FROM note")).scalars().all()
    # Each writer saw every earlier writer's row: the turns never overlapped.
    assert sorted(int(body.split(" after ")[1]) for body in bodies) == list(range(20))
    assert not _lock(database).locked()


@contextmanager
def held_by_another_process(database: Database) -> Iterator[None]:
    """Another process's writer holding the turn (a second open file description of the lock
    file conflicts with ours just as another process's would)."""
    lock_file = _lock(database).lock_file
    assert lock_file is not None
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def test_a_turn_held_by_another_process_is_waited_for_then_given_up_on(
    database: Database,
) -> None:
    turn = _lock(database)
    with held_by_another_process(database), pytest.raises(sqlite3.OperationalError, match="locked"):
        turn.acquire(timeout=0.05)
    assert not turn.locked()  # the threads of this process are not held up by the failure


def test_a_writer_waits_for_another_process_to_finish(database: Database) -> None:
    def write() -> None:
        with database.transaction() as session:
            session.connection().execute(text("INSERT INTO note (body) VALUES ('waited')"))

    writer = threading.Thread(target=write)
    with held_by_another_process(database):
        writer.start()
        writer.join(timeout=0.3)
        assert writer.is_alive()
    writer.join()
    with database.session() as session:
        bodies = session.connection().execute(text("SELECT body FROM note")).scalars().all()
    assert bodies == ["waited"]
