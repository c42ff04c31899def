"""SQLite writers of one process take turns at a lock instead of polling the database file.

SQLite lets one transaction write at a time. A second ``BEGIN IMMEDIATE`` meets a busy
database, and SQLite's busy handler then sleeps and retries (1, 2, 5, 10 ... 100 ms): under
load the sleeps, not the work, set the response time, and a writer that is unlucky waits
far longer than its turn. Writers in one process therefore queue first on a
``threading.Lock`` held from ``BEGIN IMMEDIATE`` until the transaction's commit or rollback
has finished, and only then begin; SQLite's own locking still guards against other
processes (more workers, the command line) exactly as before. Nothing about the
transaction changes: it is the same ``BEGIN IMMEDIATE`` ... ``COMMIT``, taken in turn.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

#: How long a writer waits for its turn before giving up, as SQLite's busy timeout does.
WAIT_SECONDS = 30.0

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def lock_for(database: str) -> threading.Lock:
    """One lock per database file in this process (a private one for in-memory databases)."""
    if database in ("", ":memory:"):
        return threading.Lock()
    key = str(Path(database).resolve())
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


class TurnTakingConnection(sqlite3.Connection):
    """A sqlite3 connection that gives up its process's write lock once its write
    transaction has ended (committed, rolled back or closed), never before."""

    write_lock: threading.Lock | None = None
    holds_write_lock = False

    def begin_immediate(self) -> None:
        """``BEGIN IMMEDIATE`` once it is this connection's turn to write."""
        lock = self.write_lock
        if lock is not None and not self.holds_write_lock:
            if not lock.acquire(timeout=WAIT_SECONDS):
                raise sqlite3.OperationalError("database is locked")
            self.holds_write_lock = True
        try:
            self.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.release_write_lock()
            raise

    def release_write_lock(self) -> None:
        if self.holds_write_lock and self.write_lock is not None:
            self.holds_write_lock = False
            self.write_lock.release()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.release_write_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.release_write_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.release_write_lock()
