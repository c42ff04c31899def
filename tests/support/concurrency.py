"""Requests sent at the very same moment, for what must hold when two people act at once
(run against a database of the test's own: the suite's shared connection cannot run two
transactions at once)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from httpx import Response


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
