"""Theme work in the background, never in a request: on-demand runs in their own thread, and
a small scheduler that runs every council's themes nightly and takes in new items between.

``ThemeJobs.start(run_id, council_id)`` carries out a queued run in a thread (the themes page
queues it and starts it once the response is on its way). ``nightly`` and ``intake`` are
the scheduler's jobs: it sleeps until the next nightly run
(:data:`NIGHTLY_AT`, London time) or the next intake (every :data:`INTAKE_EVERY`), whichever
is first (see :mod:`learning.themes.scheduler`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from sqlmodel import col, select

from learning.core.app_state import made_once
from learning.core.clock import LONDON, today, utcnow
from learning.core.db import Database
from learning.org.models import Council
from learning.themes import runs
from learning.themes.intake import sync_items
from learning.themes.models import ThemeRunRecord
from learning.themes.recluster import recluster
from learning.themes.terms import RunStatus, RunTrigger

log = logging.getLogger(__name__)

NIGHTLY_AT = time(2, 30)
INTAKE_EVERY = timedelta(minutes=15)
INTAKE_LOOKBACK = timedelta(days=60)


class ThemeJobs:
    """Background theme runs for one database (one per app)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._threads: list[threading.Thread] = []

    def start(self, run_id: int, council_id: int) -> threading.Thread:
        thread = threading.Thread(
            target=self._run, args=(run_id, council_id), name=f"themes-run-{run_id}", daemon=True
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return thread

    def _run(self, run_id: int, council_id: int) -> None:
        try:
            recluster(self.database, council_id, run_id=run_id)
        except Exception:  # noqa: BLE001 - recorded on the run and in the log already
            return

    def join(self, timeout: float | None = None) -> None:
        """Wait for the runs started so far (the tests use this)."""
        for thread in list(self._threads):
            thread.join(timeout)


def jobs_for(state: object) -> ThemeJobs:
    """The app's :class:`ThemeJobs` (``state`` is ``app.state``), made on first use."""
    return made_once(state, "theme_jobs", lambda: ThemeJobs(state.db))  # type: ignore[attr-defined]


def next_nightly(now: datetime) -> datetime:
    """The next :data:`NIGHTLY_AT` in London after ``now`` (aware, in UTC)."""
    local = now.astimezone(LONDON)
    at = datetime.combine(local.date(), NIGHTLY_AT, tzinfo=LONDON)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), NIGHTLY_AT, tzinfo=LONDON)
    return at.astimezone(now.tzinfo)


def ran_tonight(database: Database, council_id: int, now: datetime) -> bool:
    """True if a nightly run has started since the last :data:`NIGHTLY_AT` (another worker)."""
    since = next_nightly(now) - timedelta(days=1)
    with database.session() as db:
        started = db.exec(
            select(ThemeRunRecord.queued_at)
            .where(
                ThemeRunRecord.council_id == council_id,
                ThemeRunRecord.trigger == RunTrigger.NIGHTLY,
                col(ThemeRunRecord.status) != RunStatus.SKIPPED,
            )
            .order_by(col(ThemeRunRecord.id).desc())
            .limit(1)
        ).first()
    if started is None:
        return False
    return (started if started.tzinfo else started.replace(tzinfo=now.tzinfo)) >= since


def council_ids(database: Database) -> list[int]:
    with database.session() as db:
        return [i for i in db.exec(select(Council.id)).all() if i is not None]


def nightly(database: Database, now: Callable[[], datetime] = utcnow) -> None:
    for council_id in council_ids(database):
        if ran_tonight(database, council_id, now()):
            continue
        try:
            recluster(database, council_id, trigger=RunTrigger.NIGHTLY)
        except Exception:  # noqa: BLE001 - recorded on the run; go on with the next council
            log.warning("themes: the nightly run for council %s failed", council_id)


def intake(database: Database) -> None:
    """Take in what the sources shared lately, placing each new item in a current theme."""
    since = today() - INTAKE_LOOKBACK
    for council_id in council_ids(database):
        with database.transaction() as db:
            if runs.active_run(db, council_id) is None:
                sync_items(db, council_id, since)
