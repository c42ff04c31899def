"""SQLite writers take turns at a lock instead of polling the database file.

SQLite lets one transaction write at a time. A second ``BEGIN IMMEDIATE`` meets a busy
database, and SQLite's busy handler then sleeps and retries (1, 2, 5, 10 ... 100 ms): under
load the sleeps, not the work, set the response time, and an unlucky writer waits far
longer than its turn. So a writer first takes its turn: a ``threading.Lock`` among the
threads of its process, then an exclusive ``flock`` on a lock file beside the database
(``learning.db-writer``) among processes (several server workers, the command line). The
turn is held from ``BEGIN IMMEDIATE`` until the transaction's commit or rollback has
finished. Nothing about the transaction changes: it is the same ``BEGIN IMMEDIATE`` ...
``COMMIT``, taken in turn, and SQLite's own locking still stands behind it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: threads take turns, processes poll
    fcntl = None  # type: ignore[assignment]

#: How long a writer waits for its turn before giving up, as SQLite's busy timeout does.
WAIT_SECONDS = 30.0
#: Another process has the turn: look again after this long, doubling up to the maximum.
FIRST_LOOK_SECONDS = 0.0002
MAX_LOOK_SECONDS = 0.002
LOCK_FILE_SUFFIX = "-writer"


class WriteTurn:
    """One database's turn to write, for the threads of this process and, through the lock
    file, for every process."""

    def __init__(self, lock_file: Path | None) -> None:
        self.lock_file = lock_file
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._pid = os.getpid()

    def locked(self) -> bool:
        return self._thread_lock.locked()

    def acquire(self, timeout: float = WAIT_SECONDS) -> None:
        """Wait for the turn; ``sqlite3.OperationalError`` after ``timeout`` seconds."""
        self._after_fork()
        deadline = time.monotonic() + timeout
        if not self._thread_lock.acquire(timeout=timeout):
            raise sqlite3.OperationalError("database is locked")
        try:
            self._lock_file(deadline)
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        if self._fd is not None and fcntl is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._thread_lock.release()

    def _lock_file(self, deadline: float) -> None:
        if self.lock_file is None or fcntl is None:
            return
        if self._fd is None:
            self._fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        wait = FIRST_LOOK_SECONDS
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise sqlite3.OperationalError("database is locked") from None
                time.sleep(wait)
                wait = min(wait * 2, MAX_LOOK_SECONDS)

    def _after_fork(self) -> None:
        """A forked child must not share its parent's lock file description or lock."""
        if os.getpid() != self._pid:
            self._pid, self._fd, self._thread_lock = os.getpid(), None, threading.Lock()


_turns: dict[str, WriteTurn] = {}
_turns_guard = threading.Lock()


def turn_for(database: str) -> WriteTurn:
    """The one turn per database file in this process (a private one for in-memory ones)."""
    if database in ("", ":memory:"):
        return WriteTurn(None)
    path = Path(database).resolve()
    with _turns_guard:
        if str(path) not in _turns:
            _turns[str(path)] = WriteTurn(path.with_name(path.name + LOCK_FILE_SUFFIX))
        return _turns[str(path)]


class TurnTakingConnection(sqlite3.Connection):
    """A sqlite3 connection that gives up its write turn once its write transaction has
    ended (committed, rolled back or closed), never before."""

    write_turn: WriteTurn | None = None
    has_turn = False

    def begin_immediate(self) -> None:
        """``BEGIN IMMEDIATE`` once it is this connection's turn to write."""
        if self.write_turn is not None and not self.has_turn:
            self.write_turn.acquire()
            self.has_turn = True
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.give_up_turn()
            raise

    def give_up_turn(self) -> None:
        if self.has_turn and self.write_turn is not None:
            self.has_turn = False
            self.write_turn.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.give_up_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.give_up_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.give_up_turn()
