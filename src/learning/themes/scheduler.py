"""The themes scheduler: one thread that runs every council's themes nightly and takes in new
items every :data:`~learning.themes.jobs.INTAKE_EVERY` between. Started and stopped with the
app (see ``learning.app``); a database bound to one connection (the tests') gets none.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from learning.core.clock import utcnow
from learning.core.db import Database
from learning.themes.jobs import INTAKE_EVERY, intake, next_nightly, nightly

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, database: Database, now: Callable[[], datetime] = utcnow) -> None:
        self.database = database
        self.now = now
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="themes-scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _pause(self, seconds: float) -> bool:
        """Sleep until the next job is due; True if the scheduler was stopped meanwhile."""
        return self._stop.wait(seconds)

    def _loop(self) -> None:
        night = next_nightly(self.now())
        take_in = self.now() + INTAKE_EVERY
        while not self._pause(max(0.0, (min(night, take_in) - self.now()).total_seconds())):
            now = self.now()
            try:
                if now >= night:
                    night = next_nightly(now)
                    nightly(self.database, self.now)
                elif now >= take_in:
                    take_in = now + INTAKE_EVERY
                    intake(self.database)
            except Exception:  # noqa: BLE001 - keep the scheduler alive; the log has it
                log.exception("themes scheduler: a job failed")


@contextmanager
def scheduler(database: Database) -> Iterator[Scheduler | None]:
    """Run the scheduler while the block runs (none for a connection-bound database)."""
    if database.connection is not None:
        yield None
        return
    running = Scheduler(database)
    running.start()
    try:
        yield running
    finally:
        running.stop()
