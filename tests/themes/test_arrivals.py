"""Items reach the themes on arrival: feedback once it is sent, supervision learning once a
record is signed off (and out again when the supervisee stops sharing it or the record is
amended); held items stay held; taking a record in twice, or the intake after it, adds
nothing twice; nothing that goes wrong reaches the person."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import delete
from sqlmodel import Session

from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback.terms import FormKind
from learning.org.models import Person
from learning.themes import arrival_queue, arrivals
from learning.themes.arrival_queue import Arrivals
from learning.themes.arrivals import FEEDBACK, SUPERVISION, record_source, take_in
from learning.themes.jobs import intake
from learning.themes.models import ThemeItem
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link, send, submissions
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.themes.factories import ListedSource, stored, theme_holding, use_source


@pytest.fixture
def settings() -> Settings:
    return make_settings(feedback_min_fill_seconds=0)


@pytest.fixture
def truth(monkeypatch: pytest.MonkeyPatch, database: Database, council_id: int) -> dict[str, str]:
    return work_out_themes(monkeypatch, database, council_id)


def work_out_themes(
    monkeypatch: pytest.MonkeyPatch, database: Database, council_id: int
) -> dict[str, str]:
    """Current themes, worked out from a listed corpus (the real sources stay registered
    for records arriving); each listed item's true theme by key."""
    listed = ListedSource()
    with monkeypatch.context() as patched:
        use_source(patched, listed)
        found = listed.add_corpus(per_theme=12)
        finished = recluster(database, council_id)
    assert finished is not None and finished.themes >= 3
    return found


def send_feedback(client: TestClient, factory: Factory, **answers: str) -> int:
    open_link(client, FeedbackFactory(factory), FormKind.CHILD_8_12)
    response = send(client, client.get("/give-feedback"), **answers)
    assert response.status_code == 303, response.text
    sent: int | None = submissions(factory.db)[-1].id
    assert sent is not None
    return sent


def test_feedback_sent_is_placed_in_the_current_theme_at_once(
    client: TestClient, factory: Factory, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    sent = send_feedback(client, factory, good="waiting weeks for contact with my dad")

    item = stored(db, council_id)[f"feedback_child_8_12:feedback:{sent}:good"]
    assert item.state is ItemState.CLUSTERED
    assert item.theme_key == theme_holding(db, council_id, truth, "waiting")
    assert item.question == "What is going well?" and item.vector is not None


def test_feedback_sent_before_there_are_themes_waits_not_yet_themed(
    client: TestClient, factory: Factory, db: Session, council_id: int
) -> None:
    factory.make_person(given_name="Morwenna", family_name="Trevithick")
    sent = send_feedback(client, factory, better="Nobody rings me back, Morwenna Trevithick never")

    item = stored(db, council_id)[f"feedback_child_8_12:feedback:{sent}:better"]
    assert (item.state, item.theme_key) == (ItemState.NOT_YET_THEMED, None)
    assert "Morwenna" not in item.text and "rings me back" in item.text


def test_flagged_feedback_is_held_with_no_text(
    client: TestClient, factory: Factory, db: Session, council_id: int, truth: dict[str, str]
) -> None:
    sent = send_feedback(client, factory, better="my stepdad hits me and I am scared to go home")

    item = stored(db, council_id)[f"feedback_child_8_12:feedback:{sent}:better"]
    assert (item.state, item.text, item.vector, item.theme_key) == (ItemState.HELD, "", None, None)


def test_taking_a_record_in_again_and_the_intake_after_it_add_nothing_twice(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    truth: dict[str, str],
) -> None:
    sent = send_feedback(client, factory, good="nobody listens to me", better="more meetings")
    before = {key: (row.id, row.theme_key) for key, row in stored(db, council_id).items()}
    chosen = stored(db, council_id)[f"feedback_child_8_12:feedback:{sent}:good"]
    chosen.theme_key = "T99"  # as an analyst re-assigning it would
    db.add(chosen)
    db.commit()

    assert take_in(database, [(FEEDBACK, sent), (FEEDBACK, sent)]) == 0
    intake(database)  # the scheduler's safety net

    after = stored(db, council_id)
    assert {key: row.id for key, row in after.items()} == {k: v[0] for k, v in before.items()}
    assert after[chosen.key].theme_key == "T99"


def test_records_taken_in_together_are_each_stored_once_and_a_changed_one_follows(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    truth: dict[str, str],
) -> None:
    first = send_feedback(client, factory, good="waiting weeks for contact with my dad")
    second = send_feedback(client, factory, good="nobody listens to me", better="more meetings")
    third = send_feedback(client, factory, better="my worker explains things")
    kept = stored(db, council_id)
    gone = kept[f"feedback_child_8_12:feedback:{second}:better"]
    db.delete(gone)  # as if it had never been stored: the batch must put it back
    db.commit()

    assert take_in(database, [(FEEDBACK, first), (FEEDBACK, second), (FEEDBACK, third)]) == 1

    after = stored(db, council_id)
    assert sorted(after) == sorted(kept)
    assert after[gone.key].text == "more meetings" and after[gone.key].id != gone.id
    assert {k: r.id for k, r in after.items() if k != gone.key} == {
        k: r.id for k, r in kept.items() if k != gone.key
    }


def planned(database: Database, record_id: int) -> list[arrivals.Prepared]:
    """A feedback record's items made and placed as new, as ``take_in`` does before it
    writes."""
    with database.session() as read:
        ready = arrivals.plan_new(read, arrivals.prepare_batch(read, FEEDBACK, [record_id]))
    assert [one.new_rows is not None for one in ready] == [True]
    return ready


def forget_items(db: Session) -> None:
    db.exec(delete(ThemeItem))  # type: ignore[call-overload]
    db.commit()


def test_feedback_is_made_and_placed_before_the_write_and_stored_as_planned(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    truth: dict[str, str],
) -> None:
    sent = send_feedback(client, factory, good="waiting weeks for contact with my dad")
    key = f"feedback_child_8_12:feedback:{sent}:good"
    placed_on_arrival = stored(db, council_id)[key]
    forget_items(db)
    ready = planned(database, sent)
    assert [row["theme_key"] for row in ready[0].new_rows or ()] == [placed_on_arrival.theme_key]

    with database.transaction() as write:
        assert arrivals.store(write, ready) == 1

    item = stored(db, council_id)[key]
    assert (item.state, item.theme_key) == (ItemState.CLUSTERED, placed_on_arrival.theme_key)
    assert item.vector == placed_on_arrival.vector and item.text == placed_on_arrival.text


def test_a_record_stored_between_planning_and_storing_is_not_stored_twice(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int
) -> None:
    sent = send_feedback(client, factory, good="nobody listens to me", better="more meetings")
    forget_items(db)
    ready = planned(database, sent)
    assert take_in(database, [(FEEDBACK, sent)]) == 2  # the intake, say, got there first
    first = {key: row.id for key, row in stored(db, council_id).items()}

    with database.transaction() as write:
        assert arrivals.store(write, ready) == 0

    assert {key: row.id for key, row in stored(db, council_id).items()} == first


def test_items_planned_before_the_themes_changed_are_placed_in_the_new_themes(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = send_feedback(client, factory, good="waiting weeks for contact with my dad")
    forget_items(db)
    ready = planned(database, sent)  # no themes yet: planned as not yet themed
    assert [row["state"] for row in ready[0].new_rows or ()] == [ItemState.NOT_YET_THEMED]
    found = work_out_themes(monkeypatch, database, council_id)  # themes worked out now

    with database.transaction() as write:
        assert arrivals.store(write, ready) == 1

    item = stored(db, council_id)[f"feedback_child_8_12:feedback:{sent}:good"]
    assert item.state is ItemState.CLUSTERED
    assert item.theme_key == theme_holding(db, council_id, found, "waiting")


@pytest.fixture
def pair(factory: Factory) -> tuple[Person, Person]:
    team = factory.make_team(name="Child Protection East")
    return SupervisionFactory(factory).make_pair(team_id=team.id)


def test_signing_a_record_off_brings_its_learning_in_and_stopping_sharing_takes_it_out(
    client: TestClient,
    factory: Factory,
    db: Session,
    council_id: int,
    pair: tuple[Person, Person],
) -> None:
    sf = SupervisionFactory(factory)
    session = sf.make_session(*pair, learning_and_cpd="Read about contextual safeguarding.")
    case = sf.make_case_discussion(session, learning_point="Meeting the father early helped.")
    me = sign_in(client, factory, pair[1])

    shown = me.get(f"/supervision/sessions/{session.id}")  # signing off what she read
    seen = BeautifulSoup(shown.text, "html.parser").select_one("input[name=seen]")
    assert seen is not None
    signed = me.post(
        f"/supervision/sessions/{session.id}/sign-off",
        {"agreed": "yes", "sharing": ["case_learning", "personal"], "seen": seen["value"]},
    )

    assert signed.status_code == 303
    items = stored(db, council_id)
    assert items[f"supervision_case_learning:supervision:case:{case.id}"].text == (
        "Meeting the father early helped."
    )
    assert items[f"supervision_reflection:supervision:cpd:{session.id}"].team == (
        "Child Protection East"
    )
    me.post(f"/supervision/sessions/{session.id}/sharing", {"sharing": ["case_learning"]})
    assert set(stored(db, council_id)) == {f"supervision_case_learning:supervision:case:{case.id}"}


def test_an_amended_record_is_no_longer_signed_off_and_its_learning_goes(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    pair: tuple[Person, Person],
) -> None:
    sf = SupervisionFactory(factory)
    session = sf.make_session(*pair, signed=True)
    sf.make_case_discussion(session, learning_point="Early help made the difference.")
    assert session.id is not None
    assert take_in(database, [(SUPERVISION, session.id)]) == 1
    supervisor = sign_in(client, factory, pair[0])

    amended = supervisor.post(
        f"/supervision/sessions/{session.id}/amend", {"reason": "The date was wrong."}
    )

    assert amended.status_code == 303
    assert stored(db, council_id) == {}


def test_the_arrivals_thread_takes_in_what_was_queued(
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    pair: tuple[Person, Person],
) -> None:
    sf = SupervisionFactory(factory)
    session = sf.make_session(*pair, signed=True)
    case = sf.make_case_discussion(session, learning_point="Ask the school early.")
    assert session.id is not None
    queue = Arrivals(database)

    queue.start()
    assert queue.running
    queue.put(SUPERVISION, session.id)
    queue.stop()  # takes in what is queued first

    assert list(stored(db, council_id)) == [f"supervision_case_learning:supervision:case:{case.id}"]


class _Batches:
    """What ``take_in`` was given, batch by batch, for a test to wait on."""

    def __init__(self) -> None:
        self.taken: list[list[tuple[str, int]]] = []
        self.changed = threading.Condition()

    def take_in(self, _db: Database, records: list[tuple[str, int]]) -> int:
        with self.changed:
            self.taken.append(list(records))
            self.changed.notify_all()
        return 0

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.taken) >= count, timeout), (
                f"{count} batch(es) were never taken in: {self.taken}"
            )


def test_records_arriving_close_together_are_taken_in_as_one_batch(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gathering time is far longer than the test takes (a busy machine stalling a
    second or two between the records would otherwise split them into two batches), and a
    stop ends it at once: had the stop waited it out, the thread would still be gathering
    when ``stop`` gave up waiting for it (after 30 seconds), with nothing taken in."""
    batches = _Batches()
    monkeypatch.setattr(arrival_queue, "take_in", batches.take_in)
    queue = Arrivals(database, gather_seconds=60)

    queue.start()
    for record_id in (1, 2, 3):
        queue.put(FEEDBACK, record_id)
        time.sleep(0.05)
    started = time.monotonic()
    queue.stop()  # a stop does not wait out the gathering time

    assert time.monotonic() - started < 20
    assert batches.taken == [[(FEEDBACK, 1), (FEEDBACK, 2), (FEEDBACK, 3)]]


def test_once_the_gathering_time_has_passed_the_batch_is_taken_in(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first batch is taken in without a stop or another record to end it, so a record
    after it starts a batch of its own. The test waits for the batch itself, not a while."""
    batches = _Batches()
    monkeypatch.setattr(arrival_queue, "take_in", batches.take_in)
    queue = Arrivals(database, gather_seconds=0.2)

    queue.start()
    try:
        queue.put(FEEDBACK, 1)
        batches.wait_for(1)  # the gathering time has passed: that batch is taken in
        queue.put(FEEDBACK, 2)
    finally:
        queue.stop()

    assert batches.taken == [[(FEEDBACK, 1)], [(FEEDBACK, 2)]]


def test_when_a_batch_cannot_be_read_together_each_record_is_read_alone(
    client: TestClient,
    factory: Factory,
    db: Session,
    database: Database,
    council_id: int,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = send_feedback(client, factory, good="my worker listens to me")
    bad = send_feedback(client, factory, good="the meetings are too long")
    forget_items(db)
    real = record_source(FEEDBACK)

    def broken_batch(_db: Session, _record_ids: list[int]) -> None:
        raise RuntimeError("one of them cannot be read")

    def one_at_a_time(db: Session, record_id: int) -> object:
        if record_id == bad:
            raise RuntimeError("this one cannot be read")
        return real(db, record_id)

    monkeypatch.setattr(arrivals, "batch_source", lambda _kind: broken_batch)
    monkeypatch.setattr(arrivals, "record_source", lambda _kind: one_at_a_time)

    with caplog.at_level(logging.INFO, logger="learning.themes.arrivals"):
        assert take_in(database, [(FEEDBACK, good), (FEEDBACK, bad)]) == 1

    assert list(stored(db, council_id)) == [f"feedback_child_8_12:feedback:{good}:good"]
    assert f"could not read feedback record {bad}" in caplog.text


def test_a_failure_on_arrival_is_logged_and_never_reaches_the_person(
    client: TestClient,
    factory: Factory,
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_db: Session, _record_id: int) -> None:
        raise RuntimeError("the source is unreachable")

    def broken_batch(_db: Session, _record_ids: list[int]) -> None:
        raise RuntimeError("the source is unreachable")

    monkeypatch.setattr(arrivals, "record_source", lambda _kind: broken)
    monkeypatch.setattr(arrivals, "batch_source", lambda _kind: broken_batch)

    with caplog.at_level(logging.ERROR, logger="learning.themes.arrivals"):
        send_feedback(client, factory, good="my worker listens")

    assert len(submissions(db)) == 1
    assert "could not read feedback record" in caplog.text
    assert "my worker listens" not in caplog.text
