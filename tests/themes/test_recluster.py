"""Re-clustering a council's stored items: every item accounted for, theme ids kept from run
to run, stored vectors reused, analysts' edits followed, new items placed on arrival, one run
at a time, and never a held item in a theme."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from learning.audit.service import Actor
from learning.core.clock import utcnow
from learning.core.db import Database
from learning.themes import edits, runs
from learning.themes.intake import assign_on_arrival, receive
from learning.themes.jobs import ThemeJobs, next_nightly, ran_tonight
from learning.themes.models import CodebookVersion, ThemeRunRecord
from learning.themes.recluster import compute, recluster
from learning.themes.records import NOT_YET_THEMED
from learning.themes.run_results import save_outcome
from learning.themes.scheduler import scheduler
from learning.themes.snapshot import take_snapshot
from learning.themes.sources import arrival
from learning.themes.terms import ItemState, RunStatus, RunTrigger
from tests.themes.factories import ListedSource, stored, theme_holding, themes, use_source


def run(database: Database, council_id: int) -> ThemeRunRecord:
    finished = recluster(database, council_id)
    assert finished is not None and finished.status is RunStatus.FINISHED, finished
    return finished


def test_a_run_accounts_for_every_item(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=12)
    listed.add("no comment")
    listed.add("", held=True)

    finished = run(database, council_id)

    items = stored(db, council_id)
    states = [i.state for i in items.values()]
    assert finished.items == len(items) == 50
    assert finished.clustered + finished.not_yet_themed + finished.set_aside + finished.held == 50
    assert (finished.set_aside, finished.held) == (1, 1)
    assert states.count(ItemState.CLUSTERED) == finished.clustered
    assert finished.themes == len(themes(db, council_id)) >= 4
    assert finished.finished_at is not None


def test_the_four_themes_of_the_corpus_come_out_apart(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)

    run(database, council_id)

    held = {theme_holding(db, council_id, truth, t) for t in ("worker", "listen", "waiting")}
    assert len(held) == 3


def test_theme_ids_stay_the_same_from_run_to_run(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)
    run(database, council_id)
    first = {t: theme_holding(db, council_id, truth, t) for t in ("worker", "listen", "waiting")}
    listed.add_corpus(per_theme=3, seed=7)

    second_run = run(database, council_id)

    again = {t: theme_holding(db, council_id, truth, t) for t in ("worker", "listen", "waiting")}
    assert again == first
    assert second_run.new_themes == 0


def test_a_second_run_reuses_the_stored_vectors_until_the_items_grow_by_a_quarter(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=12)
    first = json.loads(run(database, council_id).parameters)
    listed.add("my social worker changed again this month")

    second = json.loads(run(database, council_id).parameters)
    listed.add_corpus(per_theme=4, seed=3)
    third = json.loads(run(database, council_id).parameters)

    assert (first["refit"], first["reused_vectors"]) == (True, 0)
    assert (second["refit"], second["reused_vectors"]) == (False, 48)
    assert third["refit"] is True
    spaces = {i.space for i in stored(db, council_id).values()}
    assert len(spaces) == 1 and "" not in spaces


def test_text_from_a_source_the_encoder_has_not_seen_fits_it_again(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=12, source="supervision_case_learning")
    run(database, council_id)
    listed.add("nobody listens to me", source="feedback_young_person")

    parameters = json.loads(run(database, council_id).parameters)

    assert parameters["refit"] is True
    assert parameters["fitted_sources"] == ["feedback_young_person", "supervision_case_learning"]


def test_a_new_item_is_placed_in_the_current_theme_on_arrival(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)
    run(database, council_id)
    waiting = theme_holding(db, council_id, truth, "waiting")

    item = receive(db, council_id, arrival(listed.add("waiting weeks for contact with my dad")))

    assert (item.state, item.theme_key) == (ItemState.CLUSTERED, waiting)
    assert item.vector is not None and item.space


def test_an_item_arriving_while_a_run_computes_is_placed_with_the_new_model(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)
    run(database, council_id)
    with database.session() as session:
        snapshot = take_snapshot(session, council_id)
    outcome = compute(snapshot)
    late = listed.add("nobody listens to what I want")
    with database.transaction() as session:
        receive(session, council_id, arrival(late), assign=False)
        finished = runs.queue_run(session, council_id, RunTrigger.COMMAND)
    with database.transaction() as session:
        assert finished.id is not None
        save_outcome(session, finished.id, snapshot, outcome)

    item = stored(db, council_id)[f"{late.source}:{late.id}"]
    assert item.theme_key == theme_holding(db, council_id, truth, "listen")


def test_held_items_are_never_clustered_and_have_no_text(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=12)
    secret = listed.add("nobody listens and he hits me", held=True)

    run(database, council_id)

    item = stored(db, council_id)[f"{secret.source}:{secret.id}"]
    assert (item.state, item.theme_key, item.text, item.vector) == (ItemState.HELD, None, "", None)
    assert all("hits me" not in json.dumps(t.quotes) for t in themes(db, council_id).values())


def test_analysts_edits_are_kept_when_the_themes_are_worked_out_again(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)
    run(database, council_id)
    key = {t: theme_holding(db, council_id, truth, t) for t in ("worker", "listen", "waiting")}
    listen_items = [i for k, i in stored(db, council_id).items() if truth.get(k) == "listen"]
    actor = Actor(None, "analyst", council_id)
    with database.transaction() as session:
        edits.rename_theme(session, actor, council_id, key["worker"], "Too many social workers")
        edits.set_hidden(session, actor, council_id, key["waiting"], True)
        moved = session.merge(listen_items[0])
        edits.move_item(session, actor, council_id, moved, NOT_YET_THEMED)
        split_ids = [i.id for i in listen_items[1:4] if i.id is not None]
        new_key = edits.split_theme(
            session, actor, council_id, key["listen"], "Not heard in meetings", split_ids
        )
    listed.add_corpus(per_theme=2, seed=11)

    run(database, council_id)

    after = themes(db, council_id)
    items = stored(db, council_id)
    assert after[key["worker"]].label == "Too many social workers"
    assert after[key["waiting"]].hidden
    assert after[new_key].label == "Not heard in meetings"
    assert {items[i.key].theme_key for i in listen_items[1:4]} == {new_key}
    assert items[listen_items[0].key].state is ItemState.NOT_YET_THEMED
    versions = db.exec(
        select(CodebookVersion.op)
        .where(CodebookVersion.council_id == council_id)
        .order_by(CodebookVersion.version)
    ).all()
    assert list(versions) == ["create", "rename", "hide", "reassign", "split"]


def test_a_merged_theme_stays_merged_after_a_run(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12)
    run(database, council_id)
    worker = theme_holding(db, council_id, truth, "worker")
    listen = theme_holding(db, council_id, truth, "listen")
    with database.transaction() as session:
        edits.merge_themes(
            session,
            Actor(None, "analyst", council_id),
            council_id,
            worker,
            [listen],
            "Workers and listening",
        )

    run(database, council_id)

    after = themes(db, council_id)
    assert listen not in after
    assert after[worker].label == "Workers and listening"
    assert theme_holding(db, council_id, truth, "listen") == worker


def test_only_one_run_goes_ahead_at_a_time(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=6)
    with database.transaction() as session:
        going = runs.queue_run(session, council_id, RunTrigger.NIGHTLY)
        going.status, going.started_at = RunStatus.RUNNING, utcnow()

    second = recluster(database, council_id)

    assert second is not None and second.status is RunStatus.SKIPPED
    assert stored(db, council_id) == {}


def test_a_run_that_died_long_ago_does_not_block_the_next(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=6)
    with database.transaction() as session:
        dead = runs.queue_run(session, council_id, RunTrigger.NIGHTLY)
        dead.status = RunStatus.RUNNING
        dead.started_at = utcnow() - runs.STALE_AFTER - timedelta(minutes=1)

    run(database, council_id)

    db.expire_all()
    assert db.get(ThemeRunRecord, dead.id).status is RunStatus.ABANDONED  # type: ignore[union-attr]


def test_a_failing_run_is_recorded_as_failed(
    db: Session, database: Database, council_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> list[object]:
        raise RuntimeError("the source is down")

    use_source(monkeypatch, broken)  # type: ignore[arg-type]

    with pytest.raises(RuntimeError):
        recluster(database, council_id)

    failed = db.exec(select(ThemeRunRecord).where(ThemeRunRecord.council_id == council_id)).one()
    assert failed.status is RunStatus.FAILED
    assert "RuntimeError" in failed.error


def test_a_queued_run_is_carried_out_in_a_background_thread(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=6)
    with database.transaction() as session:
        queued = runs.queue_run(session, council_id, RunTrigger.ON_DEMAND)
    assert queued.id is not None
    jobs = ThemeJobs(database)

    thread = jobs.start(queued.id, council_id)
    jobs.join()

    assert thread.name == f"themes-run-{queued.id}"
    db.expire_all()
    assert db.get(ThemeRunRecord, queued.id).status is RunStatus.FINISHED  # type: ignore[union-attr]


def test_the_nightly_run_is_at_half_past_two_london_time() -> None:
    winter = next_nightly(utcnow().replace(year=2025, month=1, day=10, hour=3, minute=0))
    summer = next_nightly(utcnow().replace(year=2025, month=7, day=10, hour=0, minute=0))

    assert (winter.day, winter.hour, winter.minute) == (11, 2, 30)  # GMT: UTC
    assert (summer.day, summer.hour, summer.minute) == (10, 1, 30)  # BST: UTC+1


def test_a_nightly_run_already_made_by_another_worker_is_not_repeated(
    db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=6)
    now = utcnow()
    assert not ran_tonight(database, council_id, now)

    recluster(database, council_id, trigger=RunTrigger.NIGHTLY)

    assert ran_tonight(database, council_id, now)


def test_the_scheduler_runs_the_nightly_job_when_its_time_comes_and_takes_in_between(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from learning.themes import scheduler as scheduling

    start = next_nightly(utcnow()) - timedelta(minutes=20)
    clock = iter([start + timedelta(minutes=m) for m in (0, 0, 16, 16, 21, 21)])
    last = [start]

    def now() -> datetime:
        last[0] = next(clock, last[0] + timedelta(minutes=1))
        return last[0]

    calls: list[str] = []
    done = threading.Event()
    monkeypatch.setattr(scheduling, "intake", lambda _db: calls.append("intake"))

    def nightly(_db: Database, _now: object) -> None:
        calls.append("nightly")
        done.set()

    monkeypatch.setattr(scheduling, "nightly", nightly)
    monkeypatch.setattr(scheduling.Scheduler, "_pause", lambda self, seconds: self._stop.wait(0))
    running = scheduling.Scheduler(database, now=now)

    running.start()
    assert done.wait(10)
    running.stop()

    assert calls[:2] == ["intake", "nightly"]


def test_no_scheduler_runs_on_the_test_suites_connection(database: Database) -> None:
    with scheduler(database) as running:
        assert running is None


def test_an_item_with_no_model_yet_waits_not_yet_themed(
    db: Session, council_id: int, listed: ListedSource
) -> None:
    item = receive(db, council_id, arrival(listed.add("nobody listens to me")))

    assert (item.state, item.theme_key, item.vector) == (ItemState.NOT_YET_THEMED, None, None)
    assert assign_on_arrival(db, item).state is ItemState.NOT_YET_THEMED
