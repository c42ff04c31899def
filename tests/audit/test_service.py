"""Writing audit events with the change they record, and reading them back by filter."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.audit.service import (
    Actor,
    AuditFilter,
    count_events,
    csv_cell,
    list_actions,
    list_events,
    list_record_types,
    record,
    record_now,
    start_of_day,
)
from learning.core.db import Database
from tests.audit.conftest import MakeEvent
from tests.factories import Factory


def actions_in(db: Session, f: AuditFilter) -> list[str]:
    return sorted(event.action for event in list_events(db, f, limit=500))


def test_an_event_is_written_in_the_same_transaction_as_the_change(
    database: Database, factory: Factory
) -> None:
    council_id = factory.council.id
    actor = Actor(None, "system", council_id, "request-1")

    with database.session() as db:
        record(db, actor, "person.updated", "person", 1, field="email")
        db.rollback()
    with database.session() as db:
        kept = record(db, actor, "person.created", "person", 2)
        db.commit()

    with database.session() as db:
        stored = db.exec(select(AuditEvent).where(AuditEvent.council_id == council_id)).all()
    assert [(e.action, e.record_id) for e in stored] == [("person.created", "2")]
    assert kept.detail == "{}"


def test_record_now_keeps_a_security_event_when_the_request_rolls_back(
    database: Database, factory: Factory
) -> None:
    actor = Actor(None, "anonymous", factory.council.id)

    with database.session() as db:
        record(db, actor, "person.updated")
        record_now(database, actor, "sign_in.failed", reason="issuer_mismatch")
        db.rollback()

    with database.session() as db:
        assert list_actions(db, factory.council.id) == ["sign_in.failed"]


def test_the_action_filter_is_a_prefix_in_which_underscores_are_not_wildcards(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    for action in ("sign_in.succeeded", "sign_in.failed", "signxin.odd", "sign_out"):
        make_event(action)

    f = AuditFilter(council_id=factory.council.id, action="sign_in")

    assert actions_in(db, f) == ["sign_in.failed", "sign_in.succeeded"]


def test_the_actor_filter_matches_people_now_and_names_recorded_then(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    renamed = factory.make_person(given_name="Mary", family_name="Jackson")
    make_event("person.updated", actor=renamed, label="Mary Winston")
    make_event("person.created", label="100% Real_Name")
    make_event("team.updated", label="Someone Else")
    council_id = factory.council.id

    assert actions_in(db, AuditFilter(council_id, actor_name="jackson")) == ["person.updated"]
    assert actions_in(db, AuditFilter(council_id, actor_name="winston")) == ["person.updated"]
    assert actions_in(db, AuditFilter(council_id, actor_name="100%")) == ["person.created"]
    assert actions_in(db, AuditFilter(council_id, actor_name="l_n")) == ["person.created"]
    assert actions_in(db, AuditFilter(council_id, actor_name="0_r")) == []


def test_the_actor_filter_never_matches_people_of_another_council(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    elsewhere = factory.make_council()
    stranger = factory.make_person(council_id=elsewhere.id, given_name="Katherine")
    make_event("person.updated", actor=stranger, label="Katherine", council=elsewhere)

    assert count_events(db, AuditFilter(factory.council.id, actor_name="katherine")) == 0
    assert count_events(db, AuditFilter(elsewhere.id or 0, actor_name="katherine")) == 1


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 15), datetime(2026, 1, 15, 0, 0, tzinfo=UTC)),
        (date(2026, 7, 1), datetime(2026, 6, 30, 23, 0, tzinfo=UTC)),
        (date(2026, 3, 29), datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
        (date(2026, 10, 25), datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),
    ],
)
def test_a_day_starts_at_midnight_uk_time(day: date, expected: datetime) -> None:
    assert start_of_day(day) == expected


def test_the_date_filter_includes_the_whole_of_the_last_day(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    make_event("a.first", occurred_at=datetime(2026, 1, 31, 23, 59, 59, tzinfo=UTC))
    make_event("a.second", occurred_at=datetime(2026, 2, 1, 0, 0, tzinfo=UTC))
    f = AuditFilter(factory.council.id, since=date(2026, 1, 31), until=date(2026, 1, 31))

    assert actions_in(db, f) == ["a.first"]


def test_known_actions_and_record_types_are_the_councils_own(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    make_event("person.updated", record_type="person")
    make_event("sign_out", record_type="")
    make_event("team.created", record_type="team", council=factory.make_council())

    assert list_actions(db, factory.council.id) == ["person.updated", "sign_out"]
    assert list_record_types(db, factory.council.id) == ["person"]


def test_the_filters_in_use_are_described_without_the_empty_ones() -> None:
    f = AuditFilter(7, action="person.", since=date(2026, 3, 1), actor_name="grace")

    assert f.describe() == {"action": "person.", "since": "2026-03-01", "actor_name": "grace"}


def test_events_are_listed_newest_first_then_by_id(
    db: Session, factory: Factory, make_event: MakeEvent
) -> None:
    moment = datetime(2026, 5, 1, 9, tzinfo=UTC)
    first = make_event("a.one", occurred_at=moment)
    second = make_event("a.two", occurred_at=moment)
    newest = make_event("a.three", occurred_at=datetime(2026, 5, 2, 9, tzinfo=UTC))

    listed = list_events(db, AuditFilter(factory.council.id))

    assert [e.id for e in listed] == [newest.id, second.id, first.id]
    assert all(e.occurred_at.tzinfo is not None for e in listed)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Grace Hopper", "Grace Hopper"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(value: object, expected: str) -> None:
    assert csv_cell(value) == expected
