"""On PostgreSQL the suite runs again only the tests that use a database (tests/conftest.py):
every way a test reaches a database must be seen, or PostgreSQL would go untested."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATABASE_FIXTURES, ROOT, touches_a_database


@dataclass
class Listed:
    """What the selection reads of a collected test: its fixtures and its module."""

    fixturenames: tuple[str, ...]
    fspath: Path


def listed(module: str, *fixtures: str) -> pytest.Item:
    return Listed(fixtures, ROOT / module)  # type: ignore[return-value]


def test_a_test_on_the_shared_database_runs_on_postgresql() -> None:
    assert touches_a_database(listed("tests/feedback/test_screen_explain.py", "db", "migrated"))


def test_a_test_that_makes_a_database_of_its_own_runs_on_postgresql() -> None:
    assert touches_a_database(listed("tests/test_migrations.py"))
    assert touches_a_database(listed("tests/core/test_sqlite_writes.py", "tmp_path"))


def test_a_table_of_texts_with_no_database_runs_on_sqlite_only() -> None:
    assert not touches_a_database(listed("tests/feedback/test_screen_explain.py", "monkeypatch"))
    assert not touches_a_database(listed("tests/test_types.py"))


@pytest.mark.parametrize("fixture", ["db", "database", "app", "client", "own_database"])
def test_each_database_fixture_comes_from_one_the_selection_knows(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """A new way to a database (a fixture not built on these) would be missed on PostgreSQL."""
    request.getfixturevalue(fixture)
    assert DATABASE_FIXTURES & set(request.fixturenames)
