"""Theme runs: queued, claimed (one at a time per council), finished or failed.

A run is queued (a row), then claimed by the job that will do it: the claim marks it running
and then looks for any other run of the council already running; if there is one, it stands
down (``skipped``). Whatever the timing, two runs never both go ahead. A run queued or running
for longer than :data:`STALE_AFTER` is taken to have died with its process (``abandoned``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from learning.core.clock import utcnow
from learning.core.db import Database
from learning.themes.models import ThemeRunRecord
from learning.themes.terms import RunStatus, RunTrigger

STALE_AFTER = timedelta(hours=3)
_ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def queue_run(
    db: Session, council_id: int, trigger: RunTrigger, requested_by_id: int | None = None
) -> ThemeRunRecord:
    run = ThemeRunRecord(council_id=council_id, trigger=trigger, requested_by_id=requested_by_id)
    db.add(run)
    db.flush()
    return run


def _since(run: ThemeRunRecord) -> datetime:
    moment = run.started_at or run.queued_at
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def active_run(db: Session, council_id: int, now: datetime | None = None) -> ThemeRunRecord | None:
    """The run queued or going now for the council (not one that died), if any."""
    now = now or utcnow()
    runs = db.exec(
        select(ThemeRunRecord)
        .where(ThemeRunRecord.council_id == council_id, col(ThemeRunRecord.status).in_(_ACTIVE))
        .order_by(col(ThemeRunRecord.id))
    ).all()
    return next((run for run in runs if now - _since(run) < STALE_AFTER), None)


def latest_finished(db: Session, council_id: int) -> ThemeRunRecord | None:
    return db.exec(
        select(ThemeRunRecord)
        .where(ThemeRunRecord.council_id == council_id, ThemeRunRecord.status == RunStatus.FINISHED)
        .order_by(col(ThemeRunRecord.id).desc())
        .limit(1)
    ).first()


def claim(database: Database, run_id: int) -> bool:
    """Mark the queued run running, then stand down if another run is going. True: go ahead."""
    with database.transaction() as db:
        run = db.get(ThemeRunRecord, run_id)
        if run is None or run.status != RunStatus.QUEUED:
            return False
        run.status, run.started_at = RunStatus.RUNNING, utcnow()
        db.add(run)
    with database.transaction() as db:
        now = utcnow()
        run = db.get(ThemeRunRecord, run_id)
        assert run is not None
        others = db.exec(
            select(ThemeRunRecord).where(
                ThemeRunRecord.council_id == run.council_id,
                col(ThemeRunRecord.id) != run_id,
                col(ThemeRunRecord.status).in_(_ACTIVE),
            )
        ).all()
        going = False
        for other in others:
            if now - _since(other) >= STALE_AFTER:
                end(db, other, RunStatus.ABANDONED, "It did not finish.")
            elif other.status == RunStatus.RUNNING:
                going = True
        if going:
            end(db, run, RunStatus.SKIPPED, "Another run for the council was already going.")
            return False
    return True


def end(db: Session, run: ThemeRunRecord, status: RunStatus, error: str = "") -> None:
    run.status, run.finished_at, run.error = status, utcnow(), error[:500]
    db.add(run)
