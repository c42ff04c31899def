"""Handing a record to the themes once it is safely stored, without slowing the person down.

A view calls ``after_response(request, response, kind, record_id)``: once the response is
on its way (the request's transaction has committed by then), the record is put on a queue
that one thread drains. The thread lets records gather for up to ``GATHER_SECONDS`` after the
first, then takes them in in one go (see :func:`learning.themes.arrivals.take_in`): what a
batch looks up once (the council's model, its themes, whether a run is going) and its one
write transaction are then shared by every record that came in meanwhile, which under load
is most of the cost of taking a record in. Where no thread runs (a database bound to one
connection, as in the tests, or an app started without its lifespan) the record is taken in
at once, after the response. Nothing that goes wrong here reaches the person: it is logged,
and the 15-minute intake takes the record in later.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request
from fastapi.responses import Response
from starlette.background import BackgroundTask, BackgroundTasks
from starlette.concurrency import run_in_threadpool

from learning.core.app_state import made_once
from learning.core.db import Database
from learning.themes.arrivals import take_in

log = logging.getLogger(__name__)

BATCH = 200
#: How long records may gather before they are taken in: themes are a picture over weeks,
#: and a second's wait lets a busy server take records in by the dozen.
GATHER_SECONDS = 1.0
_STOP = ("", 0)


class Arrivals:
    """Records waiting to reach the themes, for one database (one per app)."""

    def __init__(self, database: Database, gather_seconds: float = GATHER_SECONDS) -> None:
        self.database = database
        self.gather_seconds = gather_seconds
        self._queue: queue.SimpleQueue[tuple[str, int]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="themes-arrivals", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Take in what is queued, then end the thread."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout)
            self._thread = None

    def put(self, kind: str, record_id: int) -> None:
        self._queue.put((kind, record_id))

    def take_in_now(self, kind: str, record_id: int) -> None:
        try:
            take_in(self.database, [(kind, record_id)])
        except Exception:  # noqa: BLE001 - never reaches the person; the intake has it later
            log.exception("themes: %s record %s did not arrive", kind, record_id)

    def _loop(self) -> None:
        stopping = False
        while not stopping:
            batch = self._gather()
            stopping = _STOP in batch
            records = [record for record in batch if record != _STOP]
            try:
                if records:
                    take_in(self.database, records)
            except Exception:  # noqa: BLE001 - keep the thread alive; the log has it
                log.exception("themes: %s records did not arrive", len(records))

    def _gather(self) -> list[tuple[str, int]]:
        """The next batch: what arrives within ``gather_seconds`` of the first record, up to
        ``BATCH`` records; a stop ends the wait at once."""
        batch = [self._queue.get()]
        until = time.monotonic() + self.gather_seconds
        while len(batch) < BATCH and batch[-1] != _STOP:
            try:
                batch.append(self._queue.get(timeout=max(until - time.monotonic(), 0)))
            except queue.Empty:
                break
        return batch


def arrivals_for(state: object) -> Arrivals:
    """The app's :class:`Arrivals` (``state`` is ``app.state``), made on first use."""
    return made_once(state, "theme_arrivals", lambda: Arrivals(state.db))  # type: ignore[attr-defined]


@contextmanager
def receiving(state: object) -> Iterator[Arrivals | None]:
    """Run the arrivals thread while the block runs (none for a connection-bound database)."""
    arrivals = arrivals_for(state)
    if arrivals.database.connection is not None:
        yield None
        return
    arrivals.start()
    try:
        yield arrivals
    finally:
        arrivals.stop()


def after_response(request: Request, response: Response, kind: str, record_id: int) -> Response:
    """``response``, which takes the record in once it has been sent."""
    task = BackgroundTask(_hand_over, arrivals_for(request.app.state), kind, record_id)
    if response.background is None:
        response.background = task
    else:
        tasks = BackgroundTasks([response.background, task])
        response.background = tasks
    return response


async def _hand_over(arrivals: Arrivals, kind: str, record_id: int) -> None:
    if arrivals.running:
        arrivals.put(kind, record_id)
    else:
        await run_in_threadpool(arrivals.take_in_now, kind, record_id)
