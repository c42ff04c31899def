"""Requests sent at the very same moment, for what must hold when two people act at once
(run against a database of the test's own: the suite's shared connection cannot run two
transactions at once)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from httpx import Response

from learning.core import migrate
from learning.core.db import Database

T = TypeVar("T")


def at_once(*sends: Callable[[], Response]) -> list[Response]:
    """Each send on its own thread, let go together."""
    start = threading.Barrier(len(sends))
    results: list[Response | None] = [None] * len(sends)

    def run(n: int) -> None:
        start.wait()
        results[n] = sends[n]()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(sends))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [r for r in results if r is not None]


def racing(count: int, race: Callable[[int], T]) -> list[T]:
    """``race(n)`` for each n below ``count``, each on its own thread, let go together (each
    in its own transaction, as simultaneous requests are); their results in order of n."""
    start = threading.Barrier(count)

    def run(n: int) -> T:
        start.wait(timeout=30)
        return race(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(run, n) for n in range(count)]
        return [future.result(timeout=120) for future in futures]


def database_for_racers(url: str, racers: int) -> Database:
    """A migrated database of the test's own, at ``url``, with a connection for every racer
    (each holds one) and two more."""
    database = Database.from_url(url, pool_size=racers + 2)
    migrate.upgrade(database.engine)
    return database
