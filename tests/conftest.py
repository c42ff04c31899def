"""Test fixtures: a real database (SQLite, or PostgreSQL from LEARNING_TEST_DATABASE_URL),
migrated once per run; each test inside a transaction that is rolled back at its end."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import fastapi.dependencies.utils as fastapi_dependencies
import fastapi.routing as fastapi_routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select

from learning.app import create_app
from learning.core import migrate
from learning.core.config import Settings
from learning.core.db import Database
from tests.factories import Factory

TEST_SECRET = "test-secret-key-for-the-suite-only-0123456789"  # noqa: S105


def _remember(module: Any, name: str, key_of: Callable[..., Hashable]) -> None:
    """Replace ``module.name`` with a version that works out each answer once per key. (If
    FastAPI renames the function, this fails loudly at start-up rather than quietly doing
    nothing.)"""
    work_out = getattr(module, name)
    known: dict[Hashable, Any] = {}

    def once(*args: Any, **kwargs: Any) -> Any:
        key = key_of(*args, **kwargs)
        try:
            return known[key]
        except KeyError:
            found = known[key] = work_out(*args, **kwargs)
            return found
        except TypeError:  # something in the key cannot be hashed
            return work_out(*args, **kwargs)

    setattr(module, name, once)


# FastAPI analyses every route again for each app it builds, although the routers are the
# same module-level objects, and a thousand tests build an app of their own on each
# database. The suite does each part of that once:
# - reading a function's signature (which never changes): 0.06 s of the 0.16 s an app took;
_remember(fastapi_dependencies, "get_typed_signature", lambda call: call)
# - working out a route's dependencies from them, which depends only on the route's path,
#   its function and the ``Depends`` it is given: 0.1 s of the 0.14 s an app took after
#   that. Overrides are looked up per app when a request is answered, not here. A
#   ``Depends`` with a concurrency limit carries its own counter, is equal only to itself,
#   and so is never shared between apps.
_remember(
    fastapi_routing,
    "_build_dependant_with_parameterless_dependencies",
    lambda *, path, call, dependencies: (path, call, *dependencies),
)


def _create_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"learning_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), name


def _drop_postgres_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def fresh_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Makes new, empty databases of the kind under test; drops them at the end."""
    admin_url = os.environ.get("LEARNING_TEST_DATABASE_URL", "")
    created: list[str] = []

    def make() -> str:
        if admin_url.startswith("postgresql"):
            url, name = _create_postgres_database(admin_url)
            created.append(name)
            return url
        path = tmp_path_factory.mktemp("db") / "learning.db"
        return f"sqlite:///{path}"

    yield make
    for name in created:
        _drop_postgres_database(admin_url, name)


@pytest.fixture(scope="session")
def migrated(fresh_database_url: object) -> Iterator[Database]:
    database = Database.from_url(fresh_database_url())  # type: ignore[operator]
    migrate.upgrade(database.engine)
    yield database
    database.engine.dispose()


@pytest.fixture
def own_database(fresh_database_url: object) -> Iterator[tuple[str, Database]]:
    """A new, migrated database of the test's own, as served (not the shared connection of
    ``database``), with its address: for what needs transactions of its own to be real."""
    url = fresh_database_url()  # type: ignore[operator]
    database = Database.from_url(url)
    migrate.upgrade(database.engine)
    yield url, database
    database.engine.dispose()


def rolled_back(database: Database) -> Iterator[Database]:
    """``database``, bound to one connection whose transaction is rolled back at the end."""
    connection = database.engine.connect()
    transaction = connection.begin()
    try:
        yield Database(database.engine, connection)
    finally:
        transaction.rollback()
        connection.close()


def row_counts(db: Session, tables: tuple[type[SQLModel], ...]) -> dict[str, int]:
    """How many rows each table holds, by the table's name."""
    return {
        str(table.__tablename__): db.exec(select(func.count()).select_from(table)).one()
        for table in tables
    }


@pytest.fixture
def database(migrated: Database) -> Iterator[Database]:
    """The migrated database, bound to one connection whose transaction is rolled back."""
    yield from rolled_back(migrated)


@pytest.fixture
def db(database: Database) -> Iterator[Session]:
    with database.session() as session:
        yield session


@pytest.fixture
def factory(db: Session) -> Factory:
    return Factory(db)


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "demo": False,
        "secret_key": TEST_SECRET,
        "database_url": "sqlite://",
        "base_url": "https://testserver",
        "council_slug": "testshire",
        "oidc_discovery_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        "oidc_issuer": "http://127.0.0.1:9",
        "oidc_client_id": "learning-tests",
        "oidc_client_secret": "a-client-secret-that-is-long-enough-000",
        "mail_sender_enabled": False,  # tests that want the background sender turn it on
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    return create_app(settings, database=database)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as test_client:
        yield test_client


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("LEARNING_SECRET_KEY", TEST_SECRET)


#: Every database the suite makes comes from these fixtures (``app``, ``db``, the browser's
#: served app and the rest all depend on one of them).
DATABASE_FIXTURES = frozenset({"fresh_database_url", "migrated"})
#: A test module that names one of these makes or reads a database of its own.
_OWN_DATABASE = ("LEARNING_TEST_DATABASE_URL", "Database.from_url", "create_engine", "sqlite3")


@functools.cache
def _makes_its_own_database(module: Path) -> bool:
    return module.suffix == ".py" and any(
        name in module.read_text(encoding="utf-8") for name in _OWN_DATABASE
    )


def touches_a_database(item: pytest.Item) -> bool:
    """Whether ``item`` uses a database of the kind under test, by fixture or by itself."""
    if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    return _makes_its_own_database(Path(str(item.fspath)))


def is_page_only(item: pytest.Item) -> bool:
    """Whether ``item`` is a browser check of the page itself (marked ``page_only``): how it
    fits a phone, works by keyboard, reads right to left, passes axe, or what its script does.
    A page is the same on any database; the records behind it are tested on both."""
    if item.get_closest_marker("page_only") is None:
        return False
    if item.get_closest_marker("browser") is None:
        raise pytest.UsageError(f"{item.nodeid}: page_only is for browser tests only")
    return True


def runs_on_postgresql(item: pytest.Item) -> bool:
    return not is_page_only(item) and touches_a_database(item)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, only the tests that use a database run: the rest (the redaction and
    screening tables, the type check, the catalogues, the browser's checks of the page
    itself) do the same on any database and have run on SQLite already. They are listed as
    deselected. The browser's journeys, which store records and read them back, run on both."""
    on_postgresql = os.environ.get("LEARNING_TEST_DATABASE_URL", "").startswith("postgresql")
    kept: list[pytest.Item] = []
    left: list[pytest.Item] = []
    for item in items:
        if not on_postgresql:
            is_page_only(item)  # a misplaced page_only mark is refused on any database
            continue
        (kept if runs_on_postgresql(item) else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


ROOT = Path(__file__).resolve().parents[1]
