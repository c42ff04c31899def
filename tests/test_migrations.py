"""The models and the migrations agree, migrations go down and up again, and
``learning migrate`` can be run any number of times. Each test on a new, empty database of
the kind under test (SQLite, or PostgreSQL with LEARNING_TEST_DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, MetaData, Text, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import learning.all_models  # noqa: F401 - every table in SQLModel.metadata
from learning.cli import main
from learning.core import migrate
from learning.core.db import make_engine


@pytest.fixture
def engine(fresh_database_url: Callable[[], str]) -> Iterator[Engine]:
    engine = make_engine(fresh_database_url())
    yield engine
    engine.dispose()


def differences(connection: Connection, metadata: MetaData = SQLModel.metadata) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def downgrade(engine: Engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return migrate.current_revision(connection)


def audit_event_is_append_only(engine: Engine) -> bool:
    with engine.connect() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_event (occurred_at, actor_label, action, record_type, "
                "record_id, request_id, detail) VALUES "
                "(CURRENT_TIMESTAMP, 'test', 'test.made', '', '', '', '{}')"
            )
        )
        try:
            with connection.begin_nested():
                connection.execute(text("UPDATE audit_event SET action = 'test.changed'"))
        except DBAPIError as refusal:
            return "append-only" in str(refusal)
        finally:
            connection.rollback()
    return False


def test_the_migrations_build_exactly_the_schema_the_models_describe(engine: Engine) -> None:
    migrate.upgrade(engine)

    with engine.connect() as connection:
        assert differences(connection) == []
        assert migrate.is_current(connection)


def test_the_comparison_notices_a_column_whose_type_differs(engine: Engine) -> None:
    """Guards the test above against passing because types are not compared at all: the
    EnumString columns agree with the migrations' String(40) by their implementation."""
    migrate.upgrade(engine)
    altered = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(altered)
    altered.tables["person"].c.career_stage.type = Text()

    with engine.connect() as connection:
        found = differences(connection, altered)

    assert [(diff[0][0], diff[0][2], diff[0][3]) for diff in found] == [
        ("modify_type", "person", "career_stage")
    ]


def test_downgrading_to_base_removes_everything_and_upgrading_again_works(
    engine: Engine,
) -> None:
    migrate.upgrade(engine)

    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)

    with engine.connect() as connection:
        assert differences(connection) == []
        assert migrate.is_current(connection)
    assert audit_event_is_append_only(engine)


def test_each_migration_can_be_undone_one_step_at_a_time(engine: Engine) -> None:
    migrate.upgrade(engine)
    steps = 0

    while current_revision(engine) is not None:
        downgrade(engine, "-1")
        steps += 1

    assert steps >= 1
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


def test_learning_migrate_can_run_again_on_an_up_to_date_database(
    fresh_database_url: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = fresh_database_url()
    monkeypatch.setenv("LEARNING_DATABASE_URL", url)

    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0

    head = migrate.head_revision()
    assert capsys.readouterr().out.splitlines() == [f"Database schema is at revision {head}."] * 2
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == head
            assert differences(connection) == []
        assert audit_event_is_append_only(engine)
    finally:
        engine.dispose()
