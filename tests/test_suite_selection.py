"""On PostgreSQL the suite runs again only the tests that use a database (tests/conftest.py):
every way a test reaches a database must be seen, or PostgreSQL would go untested. The
browser's checks of the page itself (``page_only``) run on SQLite only; its journeys run on
both."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATABASE_FIXTURES, ROOT, runs_on_postgresql, touches_a_database


@dataclass
class Listed:
    """What the selection reads of a collected test: its fixtures, module and marks."""

    fixturenames: tuple[str, ...]
    fspath: Path
    marks: tuple[str, ...] = ()
    nodeid: str = "tests/browser/test_listed.py::test_listed"

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return getattr(pytest.mark, name).mark if name in self.marks else None


def listed(module: str, *fixtures: str, marks: tuple[str, ...] = ()) -> pytest.Item:
    return Listed(fixtures, ROOT / module, marks)  # type: ignore[return-value]


def test_a_test_on_the_shared_database_runs_on_postgresql() -> None:
    assert touches_a_database(listed("tests/feedback/test_screen_explain.py", "db", "migrated"))


def test_a_test_that_makes_a_database_of_its_own_runs_on_postgresql() -> None:
    assert touches_a_database(listed("tests/test_migrations.py"))
    assert touches_a_database(listed("tests/core/test_sqlite_writes.py", "tmp_path"))


def test_a_table_of_texts_with_no_database_runs_on_sqlite_only() -> None:
    assert not touches_a_database(listed("tests/feedback/test_screen_explain.py", "monkeypatch"))
    assert not touches_a_database(listed("tests/test_code_checks.py"))


@pytest.mark.parametrize("fixture", ["db", "database", "app", "client", "own_database"])
def test_each_database_fixture_comes_from_one_the_selection_knows(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """A new way to a database (a fixture not built on these) would be missed on PostgreSQL."""
    request.getfixturevalue(fixture)
    assert DATABASE_FIXTURES & set(request.fixturenames)


def test_a_browser_journey_runs_on_postgresql() -> None:
    journey = listed(
        "tests/browser/test_feedback.py", "start_live_server", "fresh_database_url",
        marks=("browser",),
    )
    assert runs_on_postgresql(journey)


def test_a_browser_check_of_the_page_itself_runs_on_sqlite_only() -> None:
    fit = listed(
        "tests/browser/test_sign_in.py", "live_server", "fresh_database_url",
        marks=("browser", "page_only"),
    )
    assert touches_a_database(fit)
    assert not runs_on_postgresql(fit)


def test_page_only_outside_the_browser_is_refused_rather_than_skipping_a_database_test() -> None:
    misplaced = listed("tests/feedback/test_public_views.py", "client", "migrated",
                       marks=("page_only",))
    with pytest.raises(pytest.UsageError, match="page_only is for browser tests only"):
        runs_on_postgresql(misplaced)
