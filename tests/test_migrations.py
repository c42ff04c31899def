"""The models and the migrations agree, migrations go down and up again, and
``learning migrate`` can be run any number of times; a migration that changes data already
there does it right (rows written as the revision before it left them). Each test on a new,
empty database of the kind under test (SQLite, or PostgreSQL with
LEARNING_TEST_DATABASE_URL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, MetaData, Text, column, inspect, text
from sqlalchemy import table as sa_table
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

import learning.all_models  # noqa: F401 - every table in SQLModel.metadata
from learning.cli import main
from learning.core import migrate
from learning.core.db import make_engine
from learning.feedback import links
from tests.conftest import TEST_SECRET, make_settings


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


# 0010: personal links' short codes kept only as a keyed hash ------------------------------

PERSONAL_CODE, POSTER_CODE = "ACDEFGHJ", "KMNPQRTU"


def links_as_0009_left_them(engine: Engine) -> dict[str, int]:
    """A council and team with a personal link (feedback sent on it) and a poster link, each
    with its short code in clear, as revision 0009 kept them; their ids by kind."""
    now = "2026-11-27 10:00:00"
    with engine.begin() as connection:
        council = inserted(
            connection, "council", slug="migrated", name="Migrated Council", tenant_id="tid",
            brand_colour="", is_demo=False, created_at=now,
        )  # fmt: skip
        team = inserted(
            connection, "team", council_id=council, name="Children in care",
            kind="children_in_care", active=True,
        )  # fmt: skip
        ids = {}
        for kind, code in (("personal", PERSONAL_CODE), ("poster", POSTER_CODE)):
            ids[kind] = inserted(
                connection, "feedback_link", council_id=council, team_id=team, kind=kind,
                subject="team", title="Feedback", token_hash=f"{kind}-token-hash",
                short_code=code, use_count=0, retention_days=730, created_at=now,
            )  # fmt: skip
        inserted(
            connection, "feedback_submission", council_id=council, team_id=team,
            link_id=ids["personal"], form_kind="parent_carer", language="en", easy_read=False,
            answers="{}", worried_about_safety=False, wants_contact=False, contact_name="",
            contact_detail="", flagged=False, screen_categories="[]", status="new",
            receipt_hash="receipt", text_hash="text", submitted_at=now, delete_after="2028-11-27",
        )  # fmt: skip
    return ids


def inserted(connection: Connection, table: str, **values: object) -> int:
    """The id of a row written straight into ``table``, as a revision's schema has it."""
    row = sa_table(table, column("id"), *(column(name) for name in values))
    return int(connection.execute(row.insert().values(**values).returning(row.c.id)).scalar_one())


def short_codes(engine: Engine) -> dict[int, str]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, short_code FROM feedback_link")).all()
    return {link_id: code for link_id, code in rows}


@pytest.fixture
def service_secret(monkeypatch: pytest.MonkeyPatch) -> str:
    """The secret the migration reads as the service does (from the environment)."""
    monkeypatch.setenv("LEARNING_SECRET_KEY", TEST_SECRET)
    monkeypatch.delenv("LEARNING_DEMO", raising=False)
    return TEST_SECRET


def test_personal_links_codes_are_hashed_by_the_migration_and_still_open_the_links(
    engine: Engine, service_secret: str
) -> None:
    migrate.upgrade(engine, "0009")
    ids = links_as_0009_left_them(engine)

    migrate.upgrade(engine)

    settings = make_settings(secret_key=service_secret)
    stored = short_codes(engine)
    assert stored[ids["personal"]] == links.short_code_hash(settings, PERSONAL_CODE)
    assert PERSONAL_CODE not in stored[ids["personal"]]
    assert stored[ids["poster"]] == POSTER_CODE
    with Session(engine) as db:
        for kind, typed in (("personal", "acde-fghj"), ("poster", " KMNP QRTU ")):
            found = links.find_by_short_code(db, settings, typed)
            assert found is not None and found.id == ids[kind]
    with engine.connect() as connection:
        assert differences(connection) == []
        count = connection.execute(text("SELECT count(*) FROM feedback_submission")).scalar()
    assert count == 1


def test_a_demo_databases_personal_codes_are_hashed_with_the_demo_secret(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In demo mode without a secret key the service uses the fixed demo secret: so does
    the migration, and the codes open on the demo service afterwards."""
    monkeypatch.setenv("LEARNING_DEMO", "true")
    monkeypatch.setenv("LEARNING_SECRET_KEY", "")
    migrate.upgrade(engine, "0009")
    ids = links_as_0009_left_them(engine)

    migrate.upgrade(engine)

    demo = make_settings(demo=True, secret_key="")
    assert short_codes(engine)[ids["personal"]] == links.short_code_hash(demo, PERSONAL_CODE)


def test_the_migration_refuses_to_hash_codes_with_a_placeholder_secret(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Codes hashed with it would stop working once the real secret is set."""
    monkeypatch.setenv("LEARNING_SECRET_KEY", "changeme")
    monkeypatch.delenv("LEARNING_DEMO", raising=False)
    migrate.upgrade(engine, "0009")
    ids = links_as_0009_left_them(engine)

    with pytest.raises(RuntimeError, match="LEARNING_SECRET_KEY"):
        migrate.upgrade(engine)

    assert current_revision(engine) == "0009"
    assert short_codes(engine)[ids["personal"]] == PERSONAL_CODE


def test_undoing_the_migration_leaves_personal_links_with_no_code_anyone_can_type(
    engine: Engine, service_secret: str
) -> None:
    """The codes cannot be given back: each personal link opens only by its address."""
    migrate.upgrade(engine, "0009")
    ids = links_as_0009_left_them(engine)
    migrate.upgrade(engine)

    downgrade(engine, "0009")

    stored = short_codes(engine)
    assert stored == {ids["personal"]: f"-{ids['personal']}", ids["poster"]: POSTER_CODE}
    migrate.upgrade(engine)
    with Session(engine) as db:
        settings = make_settings(secret_key=service_secret)
        assert links.find_by_short_code(db, settings, PERSONAL_CODE) is None
        assert links.find_by_short_code(db, settings, str(ids["personal"]).zfill(8)) is None
