"""The audit log's hash chain: every event sealed in turn, and ``verify`` finding an event
changed or removed, a seal moved, another key, and an event left unsealed, as someone who
got past the append-only triggers would leave them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from learning import cli
from learning.audit import sealing
from learning.audit.models import AuditEvent, AuditSeal
from learning.core import migrate
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import Database
from tests.audit.conftest import MakeEvent
from tests.conftest import make_settings
from tests.support.concurrency import database_for_racers, racing


def seals(db: Session) -> list[AuditSeal]:
    return list(db.exec(select(AuditSeal).order_by(col(AuditSeal.position))).all())


def tamper(db: Session, statement: str, **params: object) -> None:
    """What someone with the database owner's rights can do: get past the append-only
    triggers and the foreign keys (only for this test's transaction, which is rolled back)."""
    connection = db.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        for name in ("audit_event_no_update", "audit_event_no_delete",
                     "audit_seal_no_update", "audit_seal_no_delete"):  # fmt: skip
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        connection.execute(text("PRAGMA defer_foreign_keys = ON"))
    connection.execute(text(statement), params)
    db.expire_all()


@pytest.fixture
def sealed(db: Session, make_event: MakeEvent, settings: Settings) -> list[AuditEvent]:
    events = [make_event(f"person.step_{n}", record_id=str(n)) for n in range(5)]
    assert sealing.seal(db, settings) == 5
    return events


def test_every_event_is_sealed_once_in_order_each_seal_following_the_one_before(
    db: Session, sealed: list[AuditEvent], settings: Settings, make_event: MakeEvent
) -> None:
    chain = seals(db)
    assert [s.event_id for s in chain] == [e.id for e in sealed]
    assert chain[0].previous == sealing.GENESIS
    assert [s.previous for s in chain[1:]] == [s.digest for s in chain[:-1]]
    assert sealing.seal(db, settings) == 0  # nothing new
    later = make_event("person.step_5")
    assert sealing.seal(db, settings) == 1
    assert seals(db)[-1].event_id == later.id and seals(db)[-1].previous == chain[-1].digest

    found = sealing.verify(db, settings)

    assert found.sound and found.problems == []
    assert (found.checked, found.head_digest) == (6, seals(db)[-1].digest)


def test_seals_are_append_only(db: Session, sealed: list[AuditEvent]) -> None:
    for statement in ("UPDATE audit_seal SET digest = 'x'", "DELETE FROM audit_seal"):
        with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
            db.connection().execute(text(statement))


def test_an_event_changed_after_it_was_sealed_is_found(
    db: Session, sealed: list[AuditEvent], settings: Settings
) -> None:
    third = seals(db)[2]
    tamper(db, "UPDATE audit_event SET actor_label = 'someone else' WHERE id = :id",
           id=third.event_id)  # fmt: skip

    found = sealing.verify(db, settings)

    assert found.problems == [
        f"seal {third.position} (event {third.event_id}): the event has been changed since "
        "it was sealed"
    ]


def test_an_event_removed_after_it_was_sealed_is_found(
    db: Session, sealed: list[AuditEvent], settings: Settings
) -> None:
    second = seals(db)[1]
    where = f"seal {second.position} (event {second.event_id})"
    tamper(db, "DELETE FROM audit_event WHERE id = :id", id=second.event_id)

    found = sealing.verify(db, settings)

    assert found.problems == [f"{where}: its event has been removed"]


def test_a_seal_taken_out_of_the_chain_is_found(
    db: Session, sealed: list[AuditEvent], settings: Settings
) -> None:
    """Removing an event and its seal together breaks the chain at the next seal."""
    second, third = seals(db)[1:3]
    removed, where = second.event_id, f"seal {third.position} (event {third.event_id})"
    tamper(db, "DELETE FROM audit_seal WHERE event_id = :id", id=removed)
    tamper(db, "DELETE FROM audit_event WHERE id = :id", id=removed)

    found = sealing.verify(db, settings)

    assert found.problems == [f"{where}: does not follow the seal before it"]


def test_a_chain_made_with_another_secret_is_told_apart_from_a_changed_event(
    db: Session, make_event: MakeEvent, settings: Settings
) -> None:
    make_event("person.updated")
    sealing.seal(db, make_settings(secret_key="another-secret-" + "x" * 32))

    found = sealing.verify(db, settings)

    assert len(found.problems) == 1
    assert found.problems[0].endswith("sealed with another key (was the secret changed?)")


def test_a_chain_cut_back_and_sealed_again_is_found_by_a_head_kept_before(
    db: Session, sealed: list[AuditEvent], settings: Settings
) -> None:
    """Someone past the triggers changes an event and removes its seal and every later one;
    the service then seals them again with the real key, and the chain alone looks sound."""
    kept = seals(db)[-1]
    position, kept_head = kept.position or 0, {kept.position or 0: kept.digest}
    cut_from, changed = seals(db)[1].position, seals(db)[1].event_id
    tamper(db, "DELETE FROM audit_seal WHERE position >= :p", p=cut_from)
    tamper(db, "UPDATE audit_event SET actor_label = 'someone else' WHERE id = :id", id=changed)
    sealing.seal(db, settings, every_event=True)
    assert sealing.verify(db, settings).sound  # the chain alone cannot tell

    found = sealing.verify(db, settings, expected=kept_head)

    # SQLite gives the new seals the old positions, PostgreSQL new ones: either way, told.
    assert found.problems in (
        [f"seal {position}: not the seal kept as the head then (the chain was cut back and "
         "sealed again)"],
        [f"seal {position}: kept as the head then, but no longer in the chain"],
    )  # fmt: skip


def test_a_head_kept_before_that_is_gone_is_named(
    db: Session, sealed: list[AuditEvent], settings: Settings
) -> None:
    last = seals(db)[-1]
    position, kept_head = last.position or 0, {last.position or 0: last.digest}
    tamper(db, "DELETE FROM audit_seal WHERE position = :p", p=position)

    found = sealing.verify(db, settings, expected=kept_head)

    assert f"seal {position}: kept as the head then, but no longer in the chain" in (
        found.problems
    )


def test_a_chain_sealed_with_another_key_is_not_extended_until_told(
    db: Session, make_event: MakeEvent, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A command run with the wrong secret, or a secret changed, must not go on sealing
    silently with a key the next verify cannot check."""
    make_event("person.updated")
    sealing.seal(db, make_settings(secret_key="another-secret-" + "x" * 32))
    make_event("person.viewed")

    with pytest.raises(sealing.OtherKey):
        sealing.seal(db, settings)
    assert sealing.seal(db, settings, new_key=True) == 1
    assert seals(db)[-1].key_id == sealing.key_id(sealing.chain_key(settings))


def test_truncating_the_audit_tables_is_refused_on_postgresql(
    db: Session, sealed: list[AuditEvent]
) -> None:
    """Row triggers do not see TRUNCATE, which the tables' owner may run (SQLite has none)."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    for table in ("audit_seal", "audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), db.begin_nested():
            db.connection().execute(text(f"TRUNCATE {table} CASCADE"))


def test_an_event_left_unsealed_is_named_once_it_is_old_enough(
    db: Session, make_event: MakeEvent, settings: Settings
) -> None:
    event = make_event("person.updated", occurred_at=utcnow() - timedelta(minutes=30))
    recent = make_event("person.updated")

    found = sealing.verify(db, settings)

    assert found.problems == [f"event {event.id}: not sealed (run 'learning audit seal')"]
    assert recent.id is not None


def test_two_sealers_at_once_leave_one_sound_chain(
    fresh_database_url: Callable[[], str], settings: Settings
) -> None:
    """A later sealer either finds the events sealed or fails on the unique link; either way
    every event is sealed once, and the chain holds."""
    database = database_for_racers(fresh_database_url(), 4)
    try:
        with database.transaction() as db:
            db.add_all(AuditEvent(action=f"person.step_{n}") for n in range(40))
        sealed = racing(4, lambda _n: sealing.seal_safely(database, settings))
        sealing.seal_safely(database, settings)
        with database.transaction(write=False) as db:
            found = sealing.verify(db, settings)
            chain = seals(db)
    finally:
        database.engine.dispose()

    assert sum(sealed) <= 40
    assert found.sound and found.checked == 40
    assert sorted(s.event_id for s in chain) == sorted({s.event_id for s in chain})


def test_the_commands_refuse_to_run_without_the_services_real_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LEARNING_SECRET_KEY", raising=False)
    monkeypatch.setenv("LEARNING_DEMO", "false")
    for command in ("seal", "verify"):
        assert cli.main(["audit", command]) == 2
        assert "LEARNING_SECRET_KEY is missing or a placeholder" in capsys.readouterr().err


def test_the_commands_seal_and_verify_and_say_when_the_chain_is_broken(
    fresh_database_url: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = fresh_database_url()
    database = Database.from_url(url)
    monkeypatch.setenv("LEARNING_DATABASE_URL", url)
    monkeypatch.setenv("LEARNING_DEMO", "true")

    def learning(*args: str) -> tuple[int, str]:
        code = cli.main(["audit", *args])
        return code, capsys.readouterr().out

    try:
        migrate.upgrade(database.engine)
        with database.transaction() as db:
            db.add_all(AuditEvent(action=f"person.step_{n}") for n in range(3))
        sealed, sound = learning("seal"), learning("verify")
        with database.transaction() as db:
            tamper(db, "UPDATE audit_event SET action = 'other' WHERE action = 'person.step_1'")
        broken = learning("verify")
    finally:
        database.engine.dispose()

    assert sealed == (0, "3 event(s) sealed.\n")
    head = sound[1].split("head: position ")[1].split(",")[0]
    digest = sound[1].split("digest ")[1].split()[0]
    assert learning("verify", "--expect", f"{head}:{digest}")[0] == 1  # changed since
    assert sound[0] == 0 and sound[1].endswith("The chain is sound.\n")
    assert "3 seal(s) checked; head: position 3, digest " in sound[1]
    assert broken[0] == 1
    assert broken[1].startswith("seal 2 (event 2): the event has been changed since it was")
